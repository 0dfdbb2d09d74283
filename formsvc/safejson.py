"""Parsing JSON that strangers wrote: a body, a citizen's free-form answer, a definition.

``json.loads`` alone lets a few kilobytes of brackets raise RecursionError (a 500), accepts
NaN and Infinity (which PostgreSQL refuses to store), and keeps lone UTF-16 surrogates (which
no encoder can write back). Everything wrong here is a ``ValueError`` the caller already
turns into a field error or a 400.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["MAX_ANSWER_DEPTH", "DuplicateKey", "UnsafeJSON", "loads", "no_duplicate_keys"]

# An answer set is a few levels deep (body → data → group → list → row → value); anything far
# deeper is an attack on the recursive code after the parser, not an answer.
MAX_ANSWER_DEPTH = 32


class UnsafeJSON(ValueError):
    """Syntactically JSON, but not something this service will store or walk."""


class DuplicateKey(ValueError):
    """The same key twice in one object: which one the author meant is unknowable."""


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An ``object_pairs_hook`` for documents people edit by hand."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _refuse_constant(name: str) -> None:
    raise UnsafeJSON(f"{name} is not JSON")


def _shape_problem(value: Any, max_depth: int) -> str | None:
    """Why a parsed value cannot be kept, found without recursion."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        member, depth = pending.pop()
        if depth > max_depth:
            return f"nested more than {max_depth} levels deep"
        if isinstance(member, dict):
            pending.extend((key, depth) for key in member)
            pending.extend((item, depth + 1) for item in member.values())
        elif isinstance(member, list):
            pending.extend((item, depth + 1) for item in member)
        elif isinstance(member, str):
            try:
                member.encode("utf-8")
            except UnicodeEncodeError:
                return "holds a lone UTF-16 surrogate (an escape from \\ud800 to \\udfff)"
    return None


def loads(text: str | bytes, *, max_depth: int, unique_keys: bool = False) -> Any:
    """The parsed value, or ValueError (JSONDecodeError, UnsafeJSON or DuplicateKey)."""
    try:
        value = json.loads(
            text,
            parse_constant=_refuse_constant,
            object_pairs_hook=no_duplicate_keys if unique_keys else None,
        )
    except RecursionError as error:
        raise UnsafeJSON("nested too deeply to read") from error
    problem = _shape_problem(value, max_depth)
    if problem is not None:
        raise UnsafeJSON(problem)
    return value
