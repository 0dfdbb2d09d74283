"""The matrix's cases for one prepared journey, as data: the web and API tests run them,
and the size test counts them. Every case is derived from the definition and the page."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict

from formsvc.render.values import choices, html_value
from tests.journeys.forms import EMPTY, Spot, member_at
from tests.journeys.journey import Journey
from tests.journeys.values import Mistake, brief, mistakes

__all__ = [
    "DRAWN_EXAMPLES",
    "ApiCase",
    "WebCase",
    "api_cases",
    "closed",
    "drawn_slots",
    "fixed_size",
    "replaced",
    "web_cases",
]

# Generated mistakes per field and class, on top of the fixed ones (hypothesis examples).
DRAWN_EXAMPLES = 2
# Cases each form has besides the per-field ones: consent agreed, declined; open; empty
# continue; save and resume a draft; continue, review, confirm, receipt, PDF (web). Empty
# data, data a list, data text, too big, one name twice, valid, the same idempotency key
# again, two at once (API), and an undeclared property where the form is closed.
WEB_FIXED = 2 + 1 + 1 + 2 + 5
API_FIXED = 8


@dataclass(frozen=True)
class WebCase:
    name: str
    data: MultiDict[str, str]
    near: str | None  # the field that must carry the message
    strict: bool = True  # must be refused (422); otherwise any 4xx or an acceptance will do


@dataclass(frozen=True)
class ApiCase:
    name: str
    data: Any
    path: tuple[str | int, ...]  # the path errors[] must name (or one below it)


def _changeable(journey: Journey) -> Iterator[Spot]:
    """Questions that apply in the valid answers and whose control a person can use."""
    for spot in journey.spots():
        if spot.active:
            yield spot


def _others_answered(journey: Journey, spot: Spot) -> bool:
    """Whether the row or group around the question keeps an answer when this one goes:
    an emptied row is dropped and an emptied group is itself the missing answer."""
    if len(spot.path) == 1:
        return True
    around = member_at(journey.valid, spot.path[:-1])
    return isinstance(around, dict) and any(
        value not in EMPTY for name, value in around.items() if name != spot.path[-1]
    )


def _required(journey: Journey) -> Iterator[Spot]:
    for spot in _changeable(journey):
        answered = member_at(journey.valid, spot.path) not in EMPTY
        if not (spot.node.required and not spot.node.nullable and answered):
            continue
        inside = f"{spot.name}-"
        if any(name.startswith(inside) for name in journey.locked):
            continue  # the verified answers inside are put back: the group is never empty
        if _others_answered(journey, spot):
            yield spot


def _mistakes(journey: Journey) -> Iterator[tuple[Spot, Mistake]]:
    for spot in _changeable(journey):
        for mistake in mistakes(spot.node, spot.shape):
            if not mistake.empty or _others_answered(journey, spot):
                yield spot, mistake


def web_cases(journey: Journey) -> list[WebCase]:
    """Required questions left empty, fixed mistakes, and tampering a browser cannot do."""
    cases: list[WebCase] = []
    for spot in _required(journey):
        data = journey.blanked(spot)
        if data != journey.baseline:
            cases.append(WebCase(f"required missing: {spot.name}", data, spot.name))
    for spot, mistake in _mistakes(journey):
        for text in mistake.web:
            data = MultiDict(journey.baseline)
            data.setlist(spot.name, [text])
            cases.append(WebCase(f"{mistake.case}: {spot.name} = {brief(text)}", data, spot.name))
    twice: set[tuple[Any, ...]] = set()
    for spot in _changeable(journey):
        kind = (spot.node.kind, spot.node.schema.get("format"), choices(spot.node.schema) is None)
        if spot.shape == "scalar" and spot.name in journey.baseline and kind not in twice:
            twice.add(kind)  # once per kind of field: the form reads every kind one way
            data = MultiDict(journey.baseline)
            data.add(spot.name, "giá trị thứ hai")
            cases.append(WebCase(f"posted twice: {spot.name}", data, spot.name, strict=False))
        limit = spot.node.schema.get("maxItems")
        if spot.shape == "rows" and isinstance(limit, int):
            data = MultiDict(journey.baseline)
            row = next((n for n in data if n.startswith(f"{spot.name}-0")), None)
            for index in range(1, limit + 2):
                if row is not None:
                    data.add(row.replace(f"{spot.name}-0", f"{spot.name}-{index}", 1), "x")
            cases.append(WebCase(f"too many rows: {spot.name}", data, spot.name, strict=False))
    for spot in _changeable(journey):
        limit = spot.node.schema.get("maxItems")
        item = spot.node.item
        options = choices(item.schema) if item is not None else None
        if spot.shape == "ticks" and isinstance(limit, int) and options and len(options) > limit:
            data = MultiDict(journey.baseline)
            data.setlist(spot.name, [html_value(value) for value, _ in options[: limit + 1]])
            cases.append(WebCase(f"too many ticked: {spot.name}", data, spot.name))
    tampered = next((n for n in sorted(journey.locked - journey.disabled)
                     if journey.kinds.get(n) in ("text", "textarea")), None)  # fmt: skip
    if tampered is not None:
        data = MultiDict(journey.baseline)
        data.setlist(tampered, ["Giá trị đã bị sửa"])
        cases.append(WebCase(f"verified value changed: {tampered}", data, tampered))
    return cases


def _without(instance: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    changed = copy.deepcopy(instance)
    holder = member_at(changed, path[:-1]) if len(path) > 1 else changed
    if isinstance(holder, dict):
        holder.pop(str(path[-1]), None)
    return changed


def replaced(instance: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """A copy of ``instance`` with ``value`` at ``path``, opening the groups on the way."""
    changed = copy.deepcopy(instance)
    holder: Any = changed
    for part in path[:-1]:
        holder = holder.setdefault(part, {}) if isinstance(part, str) else holder[part]
    holder[path[-1]] = value
    return changed


def api_cases(journey: Journey) -> list[ApiCase]:
    """The same classes as JSON: each required answer left out, each fixed mistake."""
    cases: list[ApiCase] = []
    for spot in _required(journey):
        cases.append(ApiCase(f"required missing: {spot.name}", _without(journey.valid, spot.path),
                             spot.path))  # fmt: skip
    for spot, mistake in _mistakes(journey):
        for value in mistake.api:
            data = replaced(journey.valid, spot.path, value)
            cases.append(ApiCase(f"{mistake.case}: {spot.name} = {brief(value)}", data, spot.path))
    for spot in _changeable(journey):
        limit = spot.node.schema.get("maxItems")
        rows = member_at(journey.valid, spot.path)
        if spot.shape in ("rows", "ticks") and isinstance(limit, int) and rows:
            data = replaced(journey.valid, spot.path, (rows * (limit + 1))[: limit + 1])
            cases.append(ApiCase(f"too many rows: {spot.name}", data, spot.path))
    return cases


def closed(journey: Journey) -> bool:
    """Whether the form refuses properties it does not declare."""
    root = journey.form.document.document
    return root.get("additionalProperties") is False or root.get("unevaluatedProperties") is False


def drawn_slots(journey: Journey, door: str) -> list[tuple[Spot, Mistake]]:
    """(field, mistake) pairs with a hypothesis strategy for this door."""
    drawn = "web_drawn" if door == "web" else "api_drawn"
    return [(s, m) for s, m in _mistakes(journey) if getattr(m, drawn) is not None]


def fixed_size(journey: Journey) -> dict[str, int]:
    """Cases per door for this form, the generated examples included."""
    rows = len(journey.fresh.buttons("add:"))
    return {
        "web": WEB_FIXED + 2 * rows + len(web_cases(journey))
        + DRAWN_EXAMPLES * len(drawn_slots(journey, "web")),
        "api": API_FIXED + closed(journey) + len(api_cases(journey))
        + DRAWN_EXAMPLES * len(drawn_slots(journey, "api")),
    }  # fmt: skip
