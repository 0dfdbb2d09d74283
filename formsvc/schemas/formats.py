"""Format predicates for the string formats Vietnamese forms use.

Kept free of jsonschema so the renderer can reuse them for input hints and the generator for
self-checks; ``validation`` registers them with its format checker.
"""

from __future__ import annotations

import re
from datetime import date

from formsvc import identity

__all__ = ["FORMATS", "is_date", "is_email", "is_personal_id", "is_phone"]

_MOBILE = re.compile(r"0[35789]\d{8}")
# Deliberately simple: one @, a dot in the domain, no spaces. Real deliverability is not ours.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == len("yyyy-mm-dd")


def is_email(value: str) -> bool:
    return _EMAIL.fullmatch(value) is not None


def is_phone(value: str) -> bool:
    """Vietnamese mobile numbers: 10 digits starting 03, 05, 07, 08 or 09."""
    return _MOBILE.fullmatch(value) is not None


def is_personal_id(value: str) -> bool:
    return identity.parse(value) is not None


FORMATS = {
    "date": is_date,
    "email": is_email,
    "phone": is_phone,
    "personal-id": is_personal_id,
}
