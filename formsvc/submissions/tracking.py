"""Tracking codes (mã hồ sơ): short, unguessable and easy to read aloud or type.

Crockford's base-32 alphabet has no I, L, O or U, so a code read from paper cannot be
mistyped into another valid code; 12 symbols carry 60 random bits.
"""

from __future__ import annotations

import secrets

__all__ = ["ALPHABET", "new_code", "normalise"]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_GROUPS = 3
_GROUP_SIZE = 4
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(_GROUPS * _GROUP_SIZE))
    return "-".join(symbols[i : i + _GROUP_SIZE] for i in range(0, len(symbols), _GROUP_SIZE))


def normalise(text: str) -> str:
    """Accept codes typed in lower case, without dashes or with O/I/L for 0/1."""
    symbols = "".join(ch for ch in text.upper().translate(_CONFUSABLE) if ch in ALPHABET)
    if len(symbols) != _GROUPS * _GROUP_SIZE:
        return ""
    return "-".join(symbols[i : i + _GROUP_SIZE] for i in range(0, len(symbols), _GROUP_SIZE))
