"""Date bounds a definition states relative to today: ``x-date-max`` and ``x-date-min``.

A date of birth cannot be in the future and a death cannot be declared before it happened,
but "today" moves: a fixed ``formatMaximum`` would be wrong the day after publication. The
bound is a small expression, ``today``, ``today-18y``, ``today+30d`` (days, months or years)
or an ISO date, evaluated in Vietnam's time zone when an answer is judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "BOUND_KEYWORDS",
    "BOUND_PATTERN",
    "bound_date",
    "display_date",
    "is_iso_shaped",
    "outside",
    "today",
]

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
BOUND_KEYWORDS = ("x-date-min", "x-date-max")
# Also the meta-schema's pattern for the two keywords (kept equal by a test).
BOUND_PATTERN = r"^(today([+-][0-9]{1,3}[dmy])?|[0-9]{4}-[0-9]{2}-[0-9]{2})$"
_RELATIVE = re.compile(r"today(?:([+-])([0-9]{1,3})([dmy]))?")
_ISO_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_iso_shaped(value: object) -> bool:
    """Written as yyyy-mm-dd, whether or not that day exists."""
    return isinstance(value, str) and _ISO_SHAPE.fullmatch(value) is not None


def display_date(iso: str) -> str:
    """dd/mm/yyyy, as Vietnamese forms write dates, for ISO text that may name no real day."""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def today() -> date:
    return datetime.now(VIETNAM).date()


def _shift_months(day: date, months: int) -> date:
    """Calendar months; 29 February and 31st fall back to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def bound_date(expression: str, now: Callable[[], date] = today) -> date:
    """The date an ``x-date-min``/``x-date-max`` expression names on the day it is asked."""
    match = _RELATIVE.fullmatch(expression)
    if match is None:
        return date.fromisoformat(expression)
    sign, amount, unit = match.groups()
    day = now()
    if sign is None:
        return day
    count = int(amount) * (-1 if sign == "-" else 1)
    if unit == "d":
        return day + timedelta(days=count)
    return _shift_months(day, count * (12 if unit == "y" else 1))


def outside(keyword: str, expression: str, value: str) -> date | None:
    """The bound ``value`` (an ISO date) breaks, or None; text that is no date is the
    ``format`` keyword's business, not this one's."""
    try:
        given = date.fromisoformat(value)
    except ValueError:
        return None
    bound = bound_date(expression)
    broken = given > bound if keyword == "x-date-max" else given < bound
    return bound if broken else None
