"""A form definition as a tree of fields, with ``$ref`` resolved and ``x-order`` applied.

Rendering, prefill, display and error mapping all need the same view of "which fields, in
which order, under which labels"; computing it once here keeps them from drifting apart.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from referencing._core import Resolver

from formsvc.schemas.references import document_uri, registry_for

__all__ = ["MAX_REF_DEPTH", "FormDocument", "Node"]

# Recursive definitions (a person whose father is a person ...) stop expanding here.
MAX_REF_DEPTH = 8


@dataclass(frozen=True)
class Node:
    """One property of the form: a scalar field, a group (object) or a repeatable group."""

    name: str
    path: tuple[str, ...]
    schema: Mapping[str, Any]
    required: bool
    children: tuple[Node, ...] = field(default=())

    @property
    def kind(self) -> str:
        declared = self.schema.get("type")
        if isinstance(declared, list):
            declared = next((t for t in declared if t != "null"), "string")
        if declared is None and "properties" in self.schema:
            return "object"
        return declared or "string"

    @property
    def title(self) -> str:
        return str(self.schema.get("title") or self.name)

    @property
    def description(self) -> str | None:
        return self.schema.get("description")

    @property
    def prefill(self) -> str | None:
        return self.schema.get("x-prefill")

    @property
    def locked(self) -> bool:
        """Prefilled data is verified, so it is locked unless the definition says otherwise."""
        return bool(self.prefill) and bool(self.schema.get("x-prefill-locked", True))

    def leaves(self) -> Iterator[Node]:
        if not self.children:
            yield self
        for child in self.children:
            yield from child.leaves()


class FormDocument:
    """An immutable view of one form version's JSON Schema."""

    def __init__(self, form_id: str, document: Mapping[str, Any], version: int = 0) -> None:
        self.form_id = form_id
        self.version = version
        self.document = document
        self.registry = registry_for(form_id, document)

    @property
    def title(self) -> str:
        return str(self.document.get("title") or self.form_id)

    @property
    def meta(self) -> Mapping[str, Any]:
        """The ``x-form`` block: code, legal basis, receiving authority, layout options."""
        return self.document.get("x-form", {})

    def resolver(self) -> Resolver[Any]:
        return self.registry.resolver(self.document.get("$id") or document_uri(self.form_id))

    @cached_property
    def root(self) -> Node:
        return self._node("", (), self.document, True, self.resolver(), 0)

    def fields(self) -> Iterator[Node]:
        """Every leaf field, in display order."""
        return self.root.leaves()

    def _node(
        self,
        name: str,
        path: tuple[str, ...],
        schema: Mapping[str, Any],
        required: bool,
        resolver: Resolver[Any],
        depth: int,
    ) -> Node:
        schema, resolver = _dereference(schema, resolver)
        if depth >= MAX_REF_DEPTH or "properties" not in schema:
            return Node(name, path, schema, required)
        properties: Mapping[str, Any] = schema["properties"]
        needed = set(schema.get("required", ()))
        children = tuple(
            self._node(key, (*path, key), properties[key], key in needed, resolver, depth + 1)
            for key in _ordered(properties, schema.get("x-order"))
        )
        return Node(name, path, schema, required, children)


def _dereference(
    schema: Mapping[str, Any], resolver: Resolver[Any]
) -> tuple[Mapping[str, Any], Resolver[Any]]:
    """Follow ``$ref`` chains, letting local keywords (title, x-prefill) override the target."""
    hops = 0
    while "$ref" in schema and hops < MAX_REF_DEPTH:
        resolved = resolver.lookup(schema["$ref"])
        local = {k: v for k, v in schema.items() if k != "$ref"}
        schema, resolver = {**resolved.contents, **local}, resolved.resolver
        hops += 1
    return schema, resolver


def _ordered(properties: Mapping[str, Any], order: list[str] | None) -> list[str]:
    """``x-order`` first (unknown names ignored), then the rest in document order."""
    first = [name for name in order or () if name in properties]
    return first + [name for name in properties if name not in first]
