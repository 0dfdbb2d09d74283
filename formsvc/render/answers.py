"""A submission's answers as numbered lines, in form order: what receipts and PDFs print."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from formsvc.render.values import display
from formsvc.schemas import Node

__all__ = ["Answer", "answers"]


@dataclass(frozen=True)
class Answer:
    number: str
    label: str
    text: str
    depth: int
    is_group: bool
    verified: bool
    dispute: str = ""  # the citizen's note on a verified value they say is wrong


def _lookup(data: Mapping[str, Any], path: Sequence[str]) -> Any:
    value: Any = data
    for part in path:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def answers(
    root: Node,
    data: Mapping[str, Any],
    verified: set[tuple[str, ...]] | frozenset[tuple[str, ...]] = frozenset(),
    skip: frozenset[str] = frozenset(),
    disputes: Mapping[str, str] | None = None,
) -> list[Answer]:
    """Numbered lines ("1.", "7.2.") for every field; ``verified`` marks prefilled ones,
    ``disputes`` (dotted field key → note) puts a citizen's objection on its line."""
    return list(_lines(root, data, verified, skip, prefix="", depth=0, disputes=disputes or {}))


def _lines(
    node: Node,
    data: Mapping[str, Any],
    verified: set[tuple[str, ...]] | frozenset[tuple[str, ...]],
    skip: frozenset[str],
    prefix: str,
    depth: int,
    disputes: Mapping[str, str],
) -> Iterator[Answer]:
    shown = [child for child in node.children if child.name not in skip]
    for index, child in enumerate(shown, start=1):
        number = f"{prefix}{index}."
        if child.children:
            yield Answer(number, child.title, "", depth, True, False)
            yield from _lines(child, data, verified, frozenset(), number, depth + 1, disputes)
        else:
            text = display(child.schema, _lookup(data, child.path))
            note = disputes.get(".".join(child.path), "")
            yield Answer(number, child.title, text, depth, False, child.path in verified, note)
