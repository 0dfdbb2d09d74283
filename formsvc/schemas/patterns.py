"""The ``pattern`` keyword, run with a time limit.

Python's ``re`` cannot be interrupted: one crafted answer against a pattern that backtracks
catastrophically (``^(a|aa)+$`` with forty a's and a full stop) holds a worker for hours.
Publishing refuses the patterns a linter can recognise; this bounds the rest. The ``regex``
engine takes a timeout and reads the same syntax, so a check that runs too long becomes an
ordinary "does not match" error on the field instead of a stuck request.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import regex
from jsonschema import ValidationError

__all__ = ["PATTERN_TIMEOUT", "bounded_pattern", "matches"]

# Seconds per answer and pattern: real patterns take microseconds on real answers.
PATTERN_TIMEOUT = 0.05


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> Any:
    return regex.compile(pattern)


def matches(pattern: str, text: str) -> bool:
    """Whether ``text`` contains a match; False when deciding takes too long."""
    try:
        return _compiled(pattern).search(text, timeout=PATTERN_TIMEOUT) is not None
    except TimeoutError:
        return False


def bounded_pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """A drop-in for jsonschema's ``pattern`` keyword."""
    if validator.is_type(instance, "string") and not matches(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")
