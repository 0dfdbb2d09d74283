"""A form definition with every ``$ref`` inlined: one self-contained JSON Schema.

For tools that cannot reach the component registry: property-test generators, other
validators in the benchmark, and anyone downloading a form's schema. Recursive references
are cut at ``MAX_DEPTH`` levels (beyond that, anything is allowed), which is why the service
itself validates with the registry instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from formsvc.schemas.document import MAX_DEPTH, FormDocument

if TYPE_CHECKING:
    from referencing._core import Resolver

__all__ = ["bundle"]

_DEFINITIONS = ("$defs", "definitions")


def bundle(document: FormDocument) -> dict[str, Any]:
    inlined = _inline(document.document, document.resolver(), 0)
    assert isinstance(inlined, dict)
    for keyword in (*_DEFINITIONS, "$id"):
        inlined.pop(keyword, None)
    return inlined


def _inline(value: Any, resolver: Resolver[Any], depth: int) -> Any:
    if isinstance(value, list):
        return [_inline(item, resolver, depth) for item in value]
    if not isinstance(value, Mapping):
        return value
    if isinstance(value.get("$ref"), str):
        if depth >= MAX_DEPTH:
            return {}
        resolved = resolver.lookup(value["$ref"])
        local = {k: v for k, v in value.items() if k != "$ref"}
        target = {k: v for k, v in resolved.contents.items() if k not in ("$id", "$schema")}
        return _inline({**target, **local}, resolved.resolver, depth + 1)
    return {
        key: (
            item
            if key in ("const", "enum", "default", "examples")
            else _inline(item, resolver, depth)
        )
        for key, item in value.items()
        if key not in _DEFINITIONS or depth == 0
    }
