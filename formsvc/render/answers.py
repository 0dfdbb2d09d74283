"""A set of answers as people check them: the review page, the receipt and the officer's page.

The model is the printed application's (:mod:`formsvc.render.layout`) so a page and the PDF
never disagree: the same numbers, the same texts, the same questions left out when their
condition does not hold, the same marks (verified, prefilled, disputed) and repeatable groups
as tables. Only the arrangement suits a screen: parties stay ordinary groups instead of
columns side by side, a table lists the rows answered (paper keeps an empty one to write on),
and the fields paper prints apart from the numbered items come first (the addressee) and
last (the place, the number of copies), unnumbered, as on paper.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from formsvc.prefill import Origins
from formsvc.render.layout import Block, Group, Layout, PdfKind, Table, items
from formsvc.schemas import FormDocument

__all__ = ["Answers", "answers"]

_FIRST = ("addressee_field",)


@dataclass(frozen=True)
class Answers:
    """Blocks to show in form order; an item's ``name`` is its field's id on the form page."""

    blocks: tuple[Block, ...]

    @property
    def any_verified(self) -> bool:
        return any(item.verified for item in items(self.blocks))

    @property
    def any_prefilled(self) -> bool:
        return any(item.prefilled for item in items(self.blocks))


def answers(document: FormDocument, data: Any, origins: Origins) -> Answers:
    layout = Layout(document, data, origins, PdfKind.FILLED, columns=False)
    apart = {key: layout.field(name) for key, name in layout.apart.items()}
    first = [item for key, item in apart.items() if key in _FIRST and item is not None]
    last = [item for key, item in apart.items() if key not in _FIRST and item is not None]
    body = layout.body(frozenset(layout.apart.values()))
    return Answers((*first, *_on_screen(body), *last))


def _on_screen(blocks: Iterable[Block]) -> Iterator[Block]:
    for block in blocks:
        if isinstance(block, Table):
            rows = tuple(row for row in block.rows if any(cell.text for cell in row))
            yield replace(block, rows=rows)
        elif isinstance(block, Group):
            inner = tuple(_on_screen(block.blocks))
            if inner:
                yield replace(block, blocks=inner)
        else:
            yield block
