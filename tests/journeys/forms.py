"""Which definitions the matrix covers, and what each one's fields are, read from the
compiled document's Node tree: nothing in the matrix names a form or a field."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from formsvc.render.values import choices
from formsvc.schemas import Node, applies
from formsvc.schemas.check import load_definition
from tests.conftest import FORM_DEFINITIONS, JOURNEY_FORMS, TEST_FORMS

__all__ = [
    "DEFINITIONS",
    "EMPTY",
    "Spot",
    "date_bounds",
    "member_at",
    "shape",
    "spots",
    "today",
]

EMPTY: tuple[Any, ...] = (None, "", [], {})


def _definitions() -> list[tuple[str, Path]]:
    """Every catalogue file, and the test-only definitions the suite publishes beside it."""
    paths = [
        path
        for directory in (FORM_DEFINITIONS, TEST_FORMS, JOURNEY_FORMS)
        for path in sorted(directory.glob("*.json"))
    ]
    return [(load_definition(path)[0], path) for path in paths]


DEFINITIONS = _definitions()


def shape(node: Node) -> str:
    """How the form page shows a node, as ``formsvc.render.builder`` decides it: a group of
    fields, repeatable rows, a list of tick boxes, a JSON box, or one control."""
    if node.schema.get("x-widget") == "json":
        return "json"
    if node.children:
        return "group"
    if node.item is not None:
        if choices(node.item.schema) is not None and not node.item.children:
            return "ticks"
        if node.item.kind in ("object", "array") and not node.item.children:
            return "json"
        return "rows"
    if node.kind in ("object", "array"):
        return "json"
    return "scalar"


@dataclass(frozen=True)
class Spot:
    """A node where it stands in one answer set: its path into the instance (row indices
    included), whether its condition holds there, and the control's name on the page."""

    node: Node
    path: tuple[str | int, ...]
    active: bool

    @property
    def name(self) -> str:
        return "-".join(str(part) for part in self.path)

    @property
    def shape(self) -> str:
        return shape(self.node)


def member_at(instance: Any, path: tuple[str | int, ...]) -> Any:
    value = instance
    for part in path:
        if isinstance(value, Mapping):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def spots(root: Node, instance: Mapping[str, Any]) -> Iterator[Spot]:
    """Every group, repeatable group and control of the form, depth first, with the rows
    ``instance`` has (at least the one row the page always shows)."""
    yield from _spots(root, instance, (), True)


def _spots(node: Node, value: Any, at: tuple[str | int, ...], active: bool) -> Iterator[Spot]:
    siblings = value if isinstance(value, Mapping) else {}
    for child in node.children:
        path = (*at, child.name)
        here = active and applies(child.condition, siblings)
        spot = Spot(child, path, here)
        yield spot
        inner = siblings.get(child.name)
        if spot.shape == "group":
            yield from _spots(child, inner, path, here)
        elif spot.shape == "rows" and child.item is not None:
            rows = inner if isinstance(inner, list) and inner else [None]
            for index, row in enumerate(rows):
                if child.item.children:
                    yield from _spots(child.item, row, (*path, index), here)
                else:
                    yield Spot(child.item, (*path, index), here)


# --- date bounds (x-date-min / x-date-max), computed here independently of the service ----

_VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
_BOUND = re.compile(r"today(?:([+-])([0-9]+)([dmy]))?")


def today() -> date:
    return datetime.now(_VIETNAM).date()


def _months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _bound(expression: str) -> date:
    match = _BOUND.fullmatch(expression)
    if match is None:
        return date.fromisoformat(expression)
    sign, amount, unit = match.groups()
    if sign is None:
        return today()
    count = int(amount) * (-1 if sign == "-" else 1)
    if unit == "d":
        return today() + timedelta(days=count)
    return _months_later(today(), count * (12 if unit == "y" else 1))


def date_bounds(node: Node) -> tuple[date | None, date | None]:
    """The earliest and latest dates a date field accepts, by its definition."""
    low, high = node.schema.get("x-date-min"), node.schema.get("x-date-max")
    return (
        _bound(low) if isinstance(low, str) else None,
        _bound(high) if isinstance(high, str) else None,
    )
