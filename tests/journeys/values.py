"""Answers for any field: a valid one (the simplest value hypothesis finds for the field's
own schema), and the mistakes people and systems make, as fixed examples and as hypothesis
strategies, chosen by the field's kind, format and keywords.

Mistakes come in pairs: what a person types in the control (``web``) and what a system
sends in the JSON (``api``). Either may be missing where the door cannot carry it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from formsvc.render.values import choices, html_value
from formsvc.schemas import Node, applies
from formsvc.schemas.text import REFUSED
from tests.journeys.forms import EMPTY, date_bounds, shape
from tests.strategies import FORMAT_STRATEGIES

__all__ = ["Mistake", "brief", "complete", "mistakes", "valid_value"]

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYàáạảãềếệểễ"
_FIND = settings(
    database=None,
    derandomize=True,
    max_examples=500,
    deadline=None,
    phases=[Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)
# Far enough from a bound that the service's "today" and the test's cannot disagree.
_MARGIN = timedelta(days=2)


def brief(value: Any) -> str:
    """A value as a case's name shows it: long text cut, with its length."""
    shown = repr(value)
    return shown if len(shown) <= 40 else f"{shown[:30]}… ({len(str(value))} chars)"


def _dmy(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


# --- a valid answer ------------------------------------------------------------------------


def _typeable(value: Any) -> bool:
    """A string a person can type in a one-line box and get back unchanged."""
    if not isinstance(value, str):
        return True
    return (
        value == value.strip()
        and "\n" not in value
        and "\r" not in value
        and (REFUSED.search(value) is None)
    )


def _valid_strategy(node: Node) -> st.SearchStrategy[Any]:
    if node.schema.get("format") == "date":
        low, high = date_bounds(node)
        return st.dates(
            (low + _MARGIN) if low else date(1950, 1, 1),
            (high - _MARGIN) if high else date(2030, 12, 31),
        ).map(date.isoformat)
    return from_schema(dict(node.schema), custom_formats=FORMAT_STRATEGIES)


def valid_value(node: Node) -> Any:
    """The simplest answer the field's own schema accepts (shrunk by hypothesis), typeable."""
    return find(_valid_strategy(node), lambda v: v not in EMPTY and _typeable(v), settings=_FIND)


# --- mistakes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """One class of wrong answer for one field."""

    case: str
    web: tuple[str, ...] = ()
    api: tuple[Any, ...] = ()
    web_drawn: st.SearchStrategy[str] | None = None
    api_drawn: st.SearchStrategy[Any] | None = None
    empty: bool = False  # the service reads it as no answer at all


def _text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Letters only: no surrounding space for the form to trim, nothing it refuses."""
    return st.text(st.sampled_from(LETTERS), min_size=min_size, max_size=max_size)


def _is_dmy(text: str) -> bool:
    try:
        datetime.strptime(text.strip(), "%d/%m/%Y")
    except ValueError:
        return False
    return True


def _is_number(text: str) -> bool:
    try:
        return Decimal(text.strip().replace(",", ".")).is_finite()
    except InvalidOperation:
        return False


def _missing_day(parts: tuple[int, int, int]) -> bool:
    try:
        date(*parts)
    except ValueError:
        return True
    return False


_NO_SUCH_DAY = st.tuples(st.integers(1900, 2100), st.integers(1, 12), st.integers(29, 31)).filter(
    _missing_day
)


def _no_such_day(node: Node) -> Mistake | None:
    if node.schema.get("format") != "date":
        return None
    return Mistake(
        "date that does not exist",
        web=("31/02/2024", "29/02/2023"),
        api=("2024-02-31",),
        web_drawn=_NO_SUCH_DAY.map(lambda p: f"{p[2]:02d}/{p[1]:02d}/{p[0]:04d}"),
        api_drawn=_NO_SUCH_DAY.map(lambda p: f"{p[0]:04d}-{p[1]:02d}-{p[2]:02d}"),
    )


def _malformed_date(node: Node) -> Mistake | None:
    if node.schema.get("format") != "date":
        return None
    scribble = st.text(st.sampled_from("0123456789/-. ab"), min_size=1, max_size=12)
    return Mistake(
        "malformed date",
        web=("2024-02-15", "15.02.2024", "hôm qua"),
        api=("15/02/2024", "2024-2-15", 20240215),
        web_drawn=scribble.filter(lambda t: t.strip() != "" and not _is_dmy(t)),
        api_drawn=scribble.filter(lambda t: not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t)),
    )


def _outside_bound(node: Node, keyword: str) -> Mistake | None:
    if node.schema.get("format") != "date" or keyword not in node.schema:
        return None
    low, high = date_bounds(node)
    if keyword == "x-date-max":
        assert high is not None
        days = st.integers(2, 36_500).map(lambda n: high + timedelta(days=n))
        fixed, case = high + timedelta(days=365), "date after the latest allowed"
    else:
        assert low is not None
        days = st.integers(2, 36_500).map(lambda n: low - timedelta(days=n))
        fixed, case = low - timedelta(days=365), "date before the earliest allowed"
    days = days.filter(lambda d: 1 <= d.year <= 9999)
    return Mistake(
        case,
        web=(_dmy(fixed),),
        api=(fixed.isoformat(),),
        web_drawn=days.map(_dmy),
        api_drawn=days.map(date.isoformat),
    )


def _not_a_number(node: Node) -> Mistake | None:
    if node.kind not in ("integer", "number") or choices(node.schema) is not None:
        return None
    integer = node.kind == "integer"
    return Mistake(
        "not a number",
        web=("abc", "1.5") if integer else ("abc", "1..5"),
        api=("12", 1.5, True) if integer else ("12", True),
        web_drawn=st.text(min_size=1, max_size=10).filter(
            lambda t: t.strip() != "" and not _is_number(t) and REFUSED.search(t) is None
        ),
        api_drawn=st.one_of(st.text(max_size=10), st.booleans(), st.lists(st.integers())),
    )


def _out_of_range(node: Node) -> Mistake | None:
    if node.kind not in ("integer", "number") or choices(node.schema) is not None:
        return None
    schema = node.schema
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    below = int(low) - 1 if isinstance(low, int | float) else None
    above = int(high) + 1 if isinstance(high, int | float) else None
    fixed = tuple(v for v in (below, above) if v is not None)
    if not fixed:
        return None
    drawn = st.one_of(
        *([st.integers(max_value=below)] if below is not None else []),
        *([st.integers(min_value=above)] if above is not None else []),
    )
    return Mistake(
        "number out of range",
        web=tuple(str(v) for v in fixed),
        api=fixed,
        web_drawn=drawn.map(str),
        api_drawn=drawn,
    )


def _too_long(node: Node) -> Mistake | None:
    limit = node.schema.get("maxLength")
    if not isinstance(limit, int) or choices(node.schema) is not None:
        return None
    fixed = ("Nguyễn" * (limit // 6 + 2))[: limit + 1]
    # A drawn piece repeated past the limit: thousands of single-character draws would
    # cost seconds and overrun hypothesis's buffer for the longest fields.
    drawn = st.builds(
        lambda piece, over: (piece * (limit // len(piece) + 2))[: limit + over],
        _text(1, 12),
        st.integers(1, 40),
    )
    return Mistake("too long", web=(fixed,), api=(fixed,), web_drawn=drawn, api_drawn=drawn)


def _against_pattern(node: Node) -> Mistake | None:
    pattern = node.schema.get("pattern")
    if not isinstance(pattern, str):
        return None
    compiled = re.compile(pattern)
    fixed = tuple(t for t in ("@@@", "x y", "?") if compiled.search(t) is None)[:1]
    drawn = st.text(st.sampled_from(LETTERS + "0123456789@#-:/"), min_size=1, max_size=20)
    drawn = drawn.filter(lambda t: compiled.search(t) is None)
    return Mistake("pattern mismatch", web=fixed, api=fixed, web_drawn=drawn, api_drawn=drawn)


_WRONG_FORMAT: dict[str, tuple[tuple[str, ...], st.SearchStrategy[str]]] = {
    "phone": (("0123", "abc"), st.from_regex(r"[0-9]{1,9}", fullmatch=True)),
    "email": (("khong-phai-email",), _text(1, 20)),
    "personal-id": (("12345", "abcdefghijkl"), st.from_regex(r"[0-9]{1,11}", fullmatch=True)),
}


def _wrong_format(node: Node) -> Mistake | None:
    wrong = _WRONG_FORMAT.get(str(node.schema.get("format")))
    if wrong is None:
        return None
    fixed, drawn = wrong
    return Mistake("wrong format", web=fixed, api=fixed, web_drawn=drawn, api_drawn=drawn)


def _unknown_choice(node: Node) -> Mistake | None:
    options = choices(node.schema)
    if options is None and node.kind != "boolean":
        return None
    known = {html_value(value) for value, _ in options or [(True, ""), (False, "")]}
    drawn = _text(1, 20).filter(lambda t: t not in known)
    if node.schema.get("x-widget") == "checkbox":  # a tick box posts "ticked" whatever its value
        return Mistake("unknown choice", api=("khong-co-lua-chon",), api_drawn=drawn)
    return Mistake(
        "unknown choice",
        web=("khong-co-lua-chon",),
        api=("khong-co-lua-chon",),
        web_drawn=drawn,
        api_drawn=drawn,
    )


def _refused_characters(node: Node) -> Mistake | None:
    if node.kind != "string" or choices(node.schema) is not None:
        return None
    if node.schema.get("format") == "date":
        return None
    drawn = st.builds(
        lambda a, c, b: f"{a}{c}{b}",
        _text(1, 5),
        st.sampled_from(["\u202e", "\u2066", "\x07", "\x1b", "\x7f"]),
        _text(1, 5),
    )
    return Mistake(
        "refused characters",
        web=("Nguy\u202eễn",),
        api=("Nguy\u202eễn",),
        web_drawn=drawn,
        api_drawn=drawn,
    )


def _whitespace_only(node: Node) -> Mistake | None:
    """Spaces are no answer: the form trims them and the field is still required."""
    if node.kind != "string" or not node.required or choices(node.schema) is not None:
        return None
    return Mistake("only spaces", web=("   ",), empty=True)


def _broken_json(node: Node) -> Mistake | None:
    if node.schema.get("x-widget") != "json" and node.kind not in ("object", "array"):
        return None
    return Mistake("broken JSON", web=("{", '{"a": '), web_drawn=st.just("[1,"))


def _unknown_tick(node: Node) -> Mistake | None:
    if node.item is None or choices(node.item.schema) is None:
        return None
    known = {html_value(value) for value, _ in choices(node.item.schema) or []}
    drawn = _text(1, 20).filter(lambda t: t not in known)
    return Mistake(
        "unknown choice",
        web=("khong-co-lua-chon",),
        api=(["khong-co-lua-chon"],),
        web_drawn=drawn,
        api_drawn=drawn.map(lambda t: [t]),
    )


_SCALAR_RULES: tuple[Callable[[Node], Mistake | None], ...] = (
    _no_such_day,
    _malformed_date,
    lambda node: _outside_bound(node, "x-date-max"),
    lambda node: _outside_bound(node, "x-date-min"),
    _not_a_number,
    _out_of_range,
    _too_long,
    _against_pattern,
    _wrong_format,
    _unknown_choice,
    _refused_characters,
    _whitespace_only,
)
_BY_SHAPE: dict[str, tuple[Callable[[Node], Mistake | None], ...]] = {
    "scalar": _SCALAR_RULES,
    "json": (_broken_json,),
    "ticks": (_unknown_tick,),
}


def mistakes(node: Node, shape: str) -> Iterator[Mistake]:
    """The mistakes that apply to a control of this shape and schema."""
    if "const" in node.schema or node.schema.get("readOnly"):
        return
    for rule in _BY_SHAPE.get(shape, ()):
        mistake = rule(node)
        if mistake is not None:
            yield mistake


# --- a complete answer set -----------------------------------------------------------------


def complete(root: Node, instance: dict[str, Any]) -> dict[str, Any]:
    """``instance`` (what the page already shows) with every required question that applies
    answered, and one fully answered row in every repeatable group; other optional questions
    stay empty, as a person in a hurry leaves them. In place; answers open conditions, so it
    runs to a fixed point."""
    for _ in range(6):
        if not _complete(root, instance, everything=False):
            break
    return instance


def _complete(node: Node, value: dict[str, Any], everything: bool) -> bool:
    changed = False
    for child in node.children:
        if not applies(child.condition, value):
            continue
        current = value.get(child.name)
        kind = shape(child)
        if kind == "group" and child.kind == "object":
            if child.required or everything or current not in EMPTY:
                group = current if isinstance(current, dict) else {}
                changed |= _complete(child, group, everything)
                value[child.name] = group
        elif kind == "rows" and child.item is not None:
            rows = current if isinstance(current, list) else []
            while len(rows) < max(1, int(child.schema.get("minItems", 0))):
                rows.append({} if child.item.children else None)
                changed = True
            for index, row in enumerate(rows):
                if child.item.children and isinstance(row, dict):
                    changed |= _complete(child.item, row, everything=True)
                elif row in EMPTY:
                    rows[index] = valid_value(child.item)
            value[child.name] = rows
        elif current in EMPTY and (child.required or everything):
            value[child.name] = valid_value(child)
            changed = True
    return changed
