"""Text in answers: one Unicode form, and characters no application may carry.

Vietnamese letters typed on different keyboards arrive composed or decomposed; stored NFC,
the same name is the same string in the database, in search and on paper. Some characters
are refused outright: NUL cannot be stored in PostgreSQL's JSONB, other control characters
print nothing, and bidirectional embeddings, overrides and isolates make a printed
application read differently from what was stored (the "Trojan Source" trick).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

__all__ = ["REFUSED", "map_strings", "nfc", "unprintable"]

# Control characters (category Cc: U+0000–U+001F, U+007F–U+009F) but tab, LF and CR; and the
# bidirectional embeddings, overrides and isolates. One compiled class: this runs on every
# answer of every validation.
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

Path = tuple[str | int, ...]


def map_strings(change: Callable[[str], str], value: Any, *, keys: bool = False) -> Any:
    """A copy of the JSON ``value`` with ``change`` applied to every string (and key)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {
            change(key) if keys else key: map_strings(change, member, keys=keys)
            for key, member in value.items()
        }
    if isinstance(value, list):
        return [map_strings(change, member, keys=keys) for member in value]
    return value


def nfc(value: Any) -> Any:
    """``value`` with every string in it NFC-normalised (keys unchanged)."""
    return map_strings(partial(unicodedata.normalize, "NFC"), value)


def unprintable(value: Any, at: Path = ()) -> Iterator[tuple[Path, str]]:
    """(path, "U+0000") naming the first refused character of each string holding one."""
    if isinstance(value, str):
        found = REFUSED.search(value)
        if found is not None:
            yield at, f"U+{ord(found.group()):04X}"
    elif isinstance(value, dict):
        for key, member in value.items():
            yield from unprintable(key, (*at, key))  # an undeclared answer prints its name
            yield from unprintable(member, (*at, key))
    elif isinstance(value, list):
        for index, member in enumerate(value):
            yield from unprintable(member, (*at, index))
