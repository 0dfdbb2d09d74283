"""Walking every subschema of a document, and naming locations the way staff read them.

JSON Schema nests subschemas under many keywords; lint rules and vocabulary checks must see
all of them (a field hidden in a ``then`` branch is still a field), whatever the draft.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

__all__ = ["Pointer", "display_path", "iter_subschemas", "map_subschemas"]

Pointer = tuple[str | int, ...]

_SINGLE = (
    "additionalProperties", "items", "additionalItems", "contains", "propertyNames",
    "if", "then", "else", "not", "unevaluatedProperties", "unevaluatedItems",
)  # fmt: skip
_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")


def iter_subschemas(
    schema: Any, pointer: Pointer = ()
) -> Iterator[tuple[Pointer, Mapping[str, Any]]]:
    """Every object subschema with its JSON-pointer location, the root first."""
    if not isinstance(schema, Mapping):
        return
    yield pointer, schema
    for keyword in _SINGLE:
        if isinstance(schema.get(keyword), Mapping):
            yield from iter_subschemas(schema[keyword], (*pointer, keyword))
    for keyword in _LISTS:
        if isinstance(schema.get(keyword), list):
            for index, item in enumerate(schema[keyword]):
                yield from iter_subschemas(item, (*pointer, keyword, index))
    for keyword in _MAPS:
        if isinstance(schema.get(keyword), Mapping):
            for name, item in schema[keyword].items():
                yield from iter_subschemas(item, (*pointer, keyword, name))
    # draft-07: ``dependencies`` values are schemas or lists of property names.
    if isinstance(schema.get("dependencies"), Mapping):
        for name, item in schema["dependencies"].items():
            yield from iter_subschemas(item, (*pointer, "dependencies", name))


def map_subschemas(schema: Any, change: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """A copy of ``schema`` with ``change`` applied to every subschema, innermost first.

    ``change`` receives a fresh dict it may alter; values that are not subschemas (``const``,
    ``default``, ``x-`` blocks) are shared with the original, which is never altered.
    """
    if not isinstance(schema, Mapping):
        return schema
    copied = dict(schema)
    for keyword in _SINGLE:
        if isinstance(copied.get(keyword), Mapping):
            copied[keyword] = map_subschemas(copied[keyword], change)
    for keyword in _LISTS:
        if isinstance(copied.get(keyword), list):
            copied[keyword] = [map_subschemas(item, change) for item in copied[keyword]]
    for keyword in (*_MAPS, "dependencies"):  # draft-07 dependencies may also be name lists
        if isinstance(copied.get(keyword), Mapping):
            copied[keyword] = {
                name: map_subschemas(item, change) for name, item in copied[keyword].items()
            }
    return change(copied)


def display_path(pointer: Pointer) -> str:
    """``("properties", "mother", "properties", "full_name")`` → ``mother.full_name``.

    Staff think in field names, not JSON pointers: property names are kept, array items
    become ``[]``, other keywords stay visible so a branch or definition can be found.
    """
    parts: list[str] = []
    index = 0
    while index < len(pointer):
        part = pointer[index]
        if part in ("properties", "patternProperties") and index + 1 < len(pointer):
            parts.append(str(pointer[index + 1]))
            index += 2
            continue
        if part == "items" and (
            index + 1 == len(pointer) or not isinstance(pointer[index + 1], int)
        ):
            if parts:
                parts[-1] += "[]"
            else:
                parts.append("[]")
        elif isinstance(part, int):
            if parts:
                parts[-1] += f"[{part}]"
            else:
                parts.append(f"[{part}]")
        else:
            parts.append(str(part))
        index += 1
    return ".".join(parts) or "(root)"
