"""Text in answers: one Unicode form, and characters no application may carry.

Vietnamese letters typed on different keyboards arrive composed or decomposed; stored NFC,
the same name is the same string in the database, in search and on paper. Some characters
are refused outright: NUL cannot be stored in PostgreSQL's JSONB, other control characters
print nothing, and bidirectional embeddings, overrides and isolates make a printed
application read differently from what was stored (the "Trojan Source" trick).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

__all__ = ["nfc", "refused", "unprintable"]

_KEPT_CONTROLS = frozenset("\t\n\r")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

Path = tuple[str | int, ...]


def nfc(value: Any) -> Any:
    """``value`` with every string in it NFC-normalised (a new structure; keys unchanged)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: nfc(member) for key, member in value.items()}
    if isinstance(value, list):
        return [nfc(member) for member in value]
    return value


def refused(character: str) -> bool:
    if character in _KEPT_CONTROLS:
        return False
    return character in _BIDI_CONTROLS or unicodedata.category(character) == "Cc"


def unprintable(value: Any, at: Path = ()) -> Iterator[tuple[Path, str]]:
    """(path, first refused character) for each string answer holding one."""
    if isinstance(value, str):
        found = next((c for c in value if refused(c)), None)
        if found is not None:
            yield at, found
    elif isinstance(value, dict):
        for key, member in value.items():
            yield from unprintable(key, (*at, key))  # an undeclared answer prints its name
            yield from unprintable(member, (*at, key))
    elif isinstance(value, list):
        for index, member in enumerate(value):
            yield from unprintable(member, (*at, index))
