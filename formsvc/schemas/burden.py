"""The declaration burden of a form: how many answers a citizen can be asked, and how many
the population database supplies instead.

Counted over leaf inputs: a group counts its fields, a repeatable group counts its item's
fields once (not once per row), and a field counts as prefilled when the definition maps it
to the population record, i.e. for a citizen whose record is complete.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from formsvc.schemas.document import FormDocument, Node

__all__ = ["Burden", "burden", "inputs"]


@dataclass(frozen=True)
class Burden:
    fields: int
    prefilled: int

    @property
    def to_type(self) -> int:
        return self.fields - self.prefilled

    @property
    def saved_share(self) -> float:
        """The share of answers the citizen does not type, 0.0 to 1.0."""
        return self.prefilled / self.fields if self.fields else 0.0


def inputs(node: Node) -> Iterator[Node]:
    """Every leaf input once; a repeatable group's item fields stand for all its rows."""
    for child in node.children:
        if child.children:
            yield from inputs(child)
        elif child.item is not None and child.item.children:
            yield from inputs(child.item)
        else:
            yield child


def _prefilled(node: Node) -> bool:
    return node.prefill is not None


def burden(document: FormDocument) -> Burden:
    leaves = list(inputs(document.root))
    return Burden(fields=len(leaves), prefilled=sum(1 for leaf in leaves if _prefilled(leaf)))
