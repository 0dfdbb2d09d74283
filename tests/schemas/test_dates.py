"""Date bounds relative to today (x-date-min / x-date-max), on both validators."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from formsvc.schemas.catalogue import CompiledForm
from formsvc.schemas.dates import BOUND_PATTERN, bound_date, today
from formsvc.schemas.validation import META_SCHEMA_PATH

FIXED = date(2024, 2, 29)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("today", FIXED),
        ("today+30d", date(2024, 3, 30)),
        ("today-18y", date(2006, 2, 28)),  # no 29 February in 2006: the month's last day
        ("today-1m", date(2024, 1, 29)),
        ("today+12m", date(2025, 2, 28)),
        ("2025-07-01", date(2025, 7, 1)),
    ],
)
def test_bound_expressions(expression: str, expected: date) -> None:
    assert bound_date(expression, now=lambda: FIXED) == expected


def test_the_meta_schema_accepts_the_same_expressions() -> None:
    meta = json.loads(META_SCHEMA_PATH.read_text(encoding="utf-8"))
    assert meta["$defs"]["dateBound"]["pattern"] == BOUND_PATTERN


def _form(**bounds: str) -> CompiledForm:
    return CompiledForm(
        "bounded",
        1,
        {
            "type": "object",
            "properties": {
                "born": {"type": "string", "format": "date", "title": "Ngày sinh", **bounds}
            },
        },
    )


def test_a_date_of_birth_cannot_be_in_the_future() -> None:
    form = _form(**{"x-date-max": "today"})
    assert form.validate({"born": today().isoformat()}) == []
    errors = form.validate({"born": (today() + timedelta(days=1)).isoformat()})
    assert [(e.path, e.keyword, e.message, e.message_en) for e in errors] == [
        (
            ("born",),
            "x-date-max",
            "Ngày sinh không được sau ngày hôm nay",
            "Ngày sinh must not be later than today",
        )
    ]


def test_a_fixed_bound_is_named_as_a_date() -> None:
    form = _form(**{"x-date-min": "2025-07-01"})
    errors = form.validate({"born": "2025-06-30"})
    assert [e.message for e in errors] == ["Ngày sinh không được trước ngày 01/07/2025"]


def test_the_fast_validator_knows_the_bounds_too() -> None:
    """jsonschema-rs answers "valid" for most submissions; it must not skip the keyword."""
    form = _form(**{"x-date-max": "today"})
    assert form.validator.fast is not None
    assert not form.validator.fast({"born": (today() + timedelta(days=1)).isoformat()})


def test_a_day_that_does_not_exist_is_not_a_format_error() -> None:
    errors = _form().validate({"born": "2023-02-29"})
    assert [(e.keyword, e.message) for e in errors] == [
        ("x-date-exists", "Ngày sinh: ngày 29/02/2023 không có trên lịch")
    ]
