"""Conversions between stored JSON values and what people read: dates and choice labels.

Stored dates are ISO (``yyyy-mm-dd``) for machines; people see ``dd/mm/yyyy`` everywhere,
on pages and on paper.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

__all__ = [
    "DATE_FORMAT",
    "LOCAL_TIME",
    "choices",
    "display",
    "format_date",
    "html_value",
    "local",
]

DATE_FORMAT = "%d/%m/%Y"
# Timestamps are stored in UTC; citizens and officers read Vietnam time (UTC+7, no DST).
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TIME)


def choices(schema: Mapping[str, Any]) -> list[tuple[Any, str]] | None:
    """(value, label) pairs from ``oneOf``/``anyOf`` const+title lists or a plain ``enum``."""
    for keyword in ("oneOf", "anyOf"):
        options = schema.get(keyword)
        if options and all(isinstance(o, Mapping) and "const" in o for o in options):
            return [(o["const"], str(o.get("title", o["const"]))) for o in options]
    if "enum" in schema:
        return [(value, str(value)) for value in schema["enum"] if value is not None]
    return None


def html_value(value: Any) -> str:
    """A choice's value in an HTML form: strings as they are, other JSON values as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def format_date(value: str | date) -> str:
    """dd/mm/yyyy with four year digits: ``strftime`` writes the year 779 as "779", which
    the form could not read back (``%Y`` parses four digits) and paper should not print."""
    try:
        parsed = value if isinstance(value, date) else date.fromisoformat(value)
    except ValueError:
        return str(value)
    return f"{parsed.day:02d}/{parsed.month:02d}/{parsed.year:04d}"


_YES_NO = {"vi": ("Có", "Không"), "en": ("Yes", "No")}


def yes_no(language: str) -> tuple[str, str]:
    """The words for true and false in ``language`` (Vietnamese if it has none)."""
    return _YES_NO.get(language, _YES_NO["vi"])


def display(schema: Mapping[str, Any], value: Any, language: str = "vi") -> str:
    """A stored value as text for a person: labels for codes, dd/mm/yyyy for dates.

    Labels come from ``schema`` (take it from the document in the page's language);
    ``language`` words yes and no."""
    if value is None or value == "":
        return ""
    items = schema.get("items")
    if isinstance(value, list) and isinstance(items, Mapping):  # ticked choices
        return ", ".join(display(items, element, language) for element in value)
    options = choices(schema)
    if options is not None:
        return next((label for const, label in options if const == value), str(value))
    if schema.get("format") == "date":
        return format_date(value)
    if isinstance(value, bool):
        yes, no = yes_no(language)
        return yes if value else no
    return str(value)
