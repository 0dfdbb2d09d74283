"""A form definition as a tree of fields, with ``$ref`` resolved and ``x-order`` applied.

Rendering, prefill, display, linting and error mapping all need the same view of "which
fields, in which order, under which labels, shown when"; computing it once here keeps them
from drifting apart. Fields that only exist in a conditional branch (``if/then/else``,
``dependentSchemas``, draft-07 ``dependencies``, ``oneOf`` alternatives) are part of the
tree too, carrying the ``Condition`` under which they apply.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from formsvc.schemas.errors import FieldError
from formsvc.schemas.references import document_uri, registry_for, untranslated_components
from formsvc.schemas.translation import SOURCE_LANGUAGE, Coverage, coverage, translate

if TYPE_CHECKING:
    from referencing._core import Resolver

__all__ = [
    "MAX_DEPTH",
    "Condition",
    "FormDocument",
    "Node",
    "absolute_prefill",
    "form_code",
    "named_path",
]

# Recursive definitions (a person whose father is a person ...) stop expanding here.
MAX_DEPTH = 8

ROOT_RECORD = "citizen"


@dataclass(frozen=True)
class Condition:
    """When a conditional field applies: ``field`` (a sibling) taking one of ``values``.

    ``field`` is None when the condition cannot be stated that simply; the server still
    decides from the submitted data, this is only for people and progressive enhancement.
    """

    kind: str  # "if", "else", "dependent" or "alternative"
    field: tuple[str, ...] | None = None
    values: tuple[Any, ...] = ()
    label: str = ""  # x-condition, or an alternative's title
    # An ``if`` that does not require its field holds when the field is left unanswered
    # (``properties`` is vacuously true): "residence only if no ID number is given".
    absent: bool = False


@dataclass(frozen=True)
class Node:
    """One property: a scalar field, a group (object) or a repeatable group (array)."""

    name: str
    path: tuple[str, ...]
    schema: Mapping[str, Any]
    required: bool
    children: tuple[Node, ...] = ()
    item: Node | None = None
    prefill: str | None = None
    condition: Condition | None = None
    in_array: bool = False

    @property
    def kind(self) -> str:
        declared = self.schema.get("type")
        if isinstance(declared, list):
            declared = next((t for t in declared if t != "null"), "string")
        if declared is None and "properties" in self.schema:
            return "object"
        if declared is None and "items" in self.schema:
            return "array"
        return str(declared or "string")

    @property
    def nullable(self) -> bool:
        declared = self.schema.get("type")
        return isinstance(declared, list) and "null" in declared

    @property
    def title(self) -> str:
        return str(self.schema.get("title") or self.name)

    @property
    def description(self) -> str | None:
        return self.schema.get("description")

    @property
    def prefill_key(self) -> str | None:
        """The ``x-prefill`` text as written (relative inside a prefilled array item)."""
        return self.schema.get("x-prefill")

    @property
    def locked(self) -> bool:
        """Prefilled data is verified, so it is locked unless the definition says otherwise."""
        return bool(self.prefill) and bool(self.schema.get("x-prefill-locked", True))

    def fields(self) -> Iterator[Node]:
        """Scalars and repeatable groups below this node, in display order."""
        for child in self.children:
            if child.children:
                yield from child.fields()
            else:
                yield child

    def walk(self) -> Iterator[Node]:
        """Every node, depth first, array items and their fields included."""
        yield self
        for child in self.children:
            yield from child.walk()
        if self.item is not None:
            yield from self.item.walk()


def form_code(form_id: str, document: Mapping[str, Any]) -> str:
    """The official form number staff and citizens know (``x-form.code``, e.g. "TK-KH");
    the internal id only for a form that has none."""
    meta = document.get("x-form")
    code = meta.get("code") if isinstance(meta, Mapping) else None
    return str(code or form_id)


def absolute_prefill(raw: str | None, base: str | None) -> str | None:
    """``citizen.x`` stays as is; a relative key joins the nearest enclosing record path."""
    if not raw:
        return None
    if raw == ROOT_RECORD or raw.startswith(ROOT_RECORD + "."):
        return raw
    return f"{base}.{raw}" if base else None


class FormDocument:
    """An immutable view of one form version's JSON Schema."""

    # Texts left in Vietnamese in a translated document (see ``in_language``).
    untranslated: frozenset[str] = frozenset()

    def __init__(
        self,
        form_id: str,
        document: Mapping[str, Any],
        version: int = 0,
        language: str = SOURCE_LANGUAGE,
    ) -> None:
        self.form_id = form_id
        self.version = version
        self.document = document
        self.language = language
        self.registry = registry_for(form_id, document, language)

    @cached_property
    def _translations(self) -> dict[str, FormDocument]:
        return {self.language: self}

    def in_language(self, language: str) -> FormDocument:
        """This version with its labels, hints and choices in ``language`` where the definition
        gives them (``x-en``), for pages; validation and the PDF use the original. Built once
        per language; every language's document answers for all the others."""
        translations = self._translations
        if language not in translations:
            translation = translate(self.document, language)
            other = FormDocument(self.form_id, translation.document, self.version, language)
            other.untranslated = translation.untranslated | untranslated_components(language)
            other._translations = translations
            translations[language] = other
        return translations[language]

    def lang_of(self, text: str) -> str:
        """The language of a text this document shows: Vietnamese where it has no translation."""
        return SOURCE_LANGUAGE if text in self.untranslated else self.language

    @cached_property
    def coverage(self) -> Coverage:
        """How much of the form its pages show in this document's language."""
        return coverage(self)

    @property
    def title(self) -> str:
        return str(self.document.get("title") or self.form_id)

    @property
    def code(self) -> str:
        return form_code(self.form_id, self.document)

    @property
    def meta(self) -> Mapping[str, Any]:
        """The ``x-form`` block: code, legal basis, receiving authority, layout options."""
        meta = self.document.get("x-form", {})
        return meta if isinstance(meta, Mapping) else {}

    @property
    def base_uri(self) -> str:
        return str(self.document.get("$id") or document_uri(self.form_id))

    def resolver(self) -> Resolver[Any]:
        return self.registry.resolver(self.base_uri)

    @cached_property
    def root(self) -> Node:
        return _Builder(self.language).node("", (), self.document, True, self.resolver(), 0, None)

    def fields(self) -> Iterator[Node]:
        """Every scalar field and repeatable group, in display order."""
        return self.root.fields()

    def nodes(self) -> dict[tuple[str, ...], Node]:
        """Nodes by path (array indices left out), for mapping errors to labels."""
        return dict(self._nodes)

    @cached_property
    def _nodes(self) -> dict[tuple[str, ...], Node]:
        found: dict[tuple[str, ...], Node] = {}
        for node in self.root.walk():
            found.setdefault(node.path, node)  # an array, not its item, owns the array's path
        return found

    def in_context(self, error: FieldError) -> FieldError:
        """The error prefixed with the groups and rows it sits in ("Bên nữ: Ngày sinh …",
        "Quá trình cư trú, dòng 2: Từ ngày …"): a marriage form asks both parties for a date
        of birth, and an error summary that says only "Ngày sinh" does not say whose. The
        English message names them by their English titles where the definition has them."""
        vi = _context(self._nodes, error.path, _ROWS[SOURCE_LANGUAGE])
        if not vi:
            return error
        en = _context(self.in_language("en")._nodes, error.path, _ROWS["en"])
        return replace(
            error,
            message=f"{' – '.join(vi)}: {error.message}",
            message_en=f"{' – '.join(en)}: {error.message_en}",
        )


# How a row is named: after its group's title ("…, dòng 2"), and alone ("Dòng 2").
_ROWS = {SOURCE_LANGUAGE: (", dòng {}", "Dòng {}"), "en": (", row {}", "Row {}")}


def _title(nodes: Mapping[tuple[str, ...], Node], path: tuple[str, ...]) -> str | None:
    node = nodes.get(path)
    return node.title if node is not None and node.schema.get("title") else None


def _context(
    nodes: Mapping[tuple[str, ...], Node],
    path: tuple[str | int, ...],
    rows: tuple[str, str],
) -> list[str]:
    """Names of the groups and rows around the field at ``path``."""
    path = named_path(nodes, path)
    leaf = max((i for i, part in enumerate(path) if isinstance(part, str)), default=-1)
    names: list[str] = []
    at: tuple[str, ...] = ()
    for index, part in enumerate(path):
        if isinstance(part, int):
            if index < leaf and names and at and names[-1] == _title(nodes, at):  # its group's row
                names[-1] += rows[0].format(part + 1)
            else:
                names.append(rows[1].format(part + 1))
            continue
        at = (*at, part)
        title = _title(nodes, at)
        if index < leaf and title:  # an untitled group is plumbing people cannot see
            names.append(title)
    return names


def named_path(
    nodes: Mapping[tuple[str, ...], Node], path: tuple[str | int, ...]
) -> tuple[str | int, ...]:
    """``path`` with the positions of fixed-length arrays written as their nodes' names ("0",
    "1": the latitude and longitude of a pair, fields of their own); the numbers left are rows
    of repeatable groups."""
    named: list[str | int] = []
    for part in path:
        at = tuple(p for p in named if isinstance(p, str))
        named.append(str(part) if isinstance(part, int) and (*at, str(part)) in nodes else part)
    return tuple(named)


def dereference(
    schema: Mapping[str, Any], resolver: Resolver[Any]
) -> tuple[Mapping[str, Any], Resolver[Any]]:
    """Follow ``$ref`` chains (and a lone ``allOf`` wrapper), local keywords winning."""
    for _ in range(MAX_DEPTH):
        if "$ref" in schema:
            resolved = resolver.lookup(schema["$ref"])
            local = {k: v for k, v in schema.items() if k != "$ref"}
            schema, resolver = {**resolved.contents, **local}, resolved.resolver
        elif _lone_all_of(schema):
            (inner,) = schema["allOf"]
            local = {k: v for k, v in schema.items() if k != "allOf"}
            schema = {**inner, **local}
        else:
            break
    return schema, resolver


def _lone_all_of(schema: Mapping[str, Any]) -> bool:
    """draft-07 habit: ``{"title": …, "allOf": [{"$ref": …}]}`` means just the reference."""
    members = schema.get("allOf")
    return (
        isinstance(members, list)
        and len(members) == 1
        and isinstance(members[0], Mapping)
        and "properties" not in schema
    )


# An alternative (``oneOf``/``anyOf`` member) with neither title nor hint is named by number.
_ALTERNATIVE = {SOURCE_LANGUAGE: "Phương án {}", "en": "Option {}"}


class _Builder:
    def __init__(self, language: str) -> None:
        self.alternative = _ALTERNATIVE.get(language, _ALTERNATIVE[SOURCE_LANGUAGE])

    def node(
        self,
        name: str,
        path: tuple[str, ...],
        schema: Mapping[str, Any],
        required: bool,
        resolver: Resolver[Any],
        depth: int,
        base: str | None,
        condition: Condition | None = None,
        in_array: bool = False,
        item_of: str | None = None,
    ) -> Node:
        """``item_of``: the record list an array's item is filled from, its fields' base.

        Any other object without an x-prefill of its own starts afresh: a child's block on a
        birth registration must not be filled from the parent's record around it.
        """
        schema, resolver = dereference(schema, resolver)
        prefill = absolute_prefill(schema.get("x-prefill"), base)
        common: dict[str, Any] = {
            "prefill": prefill,
            "condition": condition,
            "in_array": in_array,
        }
        if depth >= MAX_DEPTH:
            return Node(name, path, schema, required, **common)
        if _is_object(schema):
            record = prefill or item_of
            children = self.children(schema, path, resolver, depth, record, in_array)
            return Node(name, path, schema, required, children=children, **common)
        positions = schema.get("prefixItems", schema.get("items"))
        if isinstance(positions, list):
            # A fixed-length array (a pair, a triple): one field per position, named 0, 1, …
            children = tuple(
                self.node(str(i), (*path, str(i)), sub, True, resolver, depth + 1, None)
                for i, sub in enumerate(positions)
            )
            return Node(name, path, schema, required, children=children, **common)
        items = schema.get("items")
        if isinstance(items, Mapping):
            item = self.node(
                name,
                path,
                items,
                True,
                resolver,
                depth + 1,
                prefill,
                in_array=True,
                item_of=prefill,
            )
            return Node(name, path, schema, required, item=item, **common)
        return Node(name, path, schema, required, **common)

    def children(
        self,
        schema: Mapping[str, Any],
        path: tuple[str, ...],
        resolver: Resolver[Any],
        depth: int,
        base: str | None,
        in_array: bool,
    ) -> tuple[Node, ...]:
        built: dict[str, Node] = {}
        for part, part_resolver, condition in _parts(schema, resolver, path, self.alternative):
            properties = part.get("properties", {})
            needed = set(part.get("required", ()))
            for key, sub in properties.items():
                if key in built:
                    continue
                built[key] = self.node(
                    key, (*path, key), sub, key in needed,
                    part_resolver, depth + 1, base, condition, in_array,
                )  # fmt: skip
        order = schema.get("x-order") or ()
        first = [name for name in order if name in built]
        return tuple(built[name] for name in first + [n for n in built if n not in first])


def _is_object(schema: Mapping[str, Any]) -> bool:
    declared = schema.get("type")
    kinds = declared if isinstance(declared, list) else [declared]
    return "object" in kinds or (declared is None and "properties" in schema)


def _parts(
    schema: Mapping[str, Any], resolver: Resolver[Any], path: tuple[str, ...], alternative: str
) -> Iterator[tuple[Mapping[str, Any], Resolver[Any], Condition | None]]:
    """The object itself, then its ``allOf`` members and conditional branches, in order."""
    yield schema, resolver, None
    for member in schema.get("allOf", ()):
        if isinstance(member, Mapping):
            yield from _parts(*dereference(member, resolver), path, alternative)
    yield from _branches(schema, resolver, path, alternative)


def _branches(
    schema: Mapping[str, Any], resolver: Resolver[Any], path: tuple[str, ...], alternative: str
) -> Iterator[tuple[Mapping[str, Any], Resolver[Any], Condition | None]]:
    test = schema.get("if")
    for keyword, negate in (("then", False), ("else", True)):
        if isinstance(schema.get(keyword), Mapping) and isinstance(test, Mapping):
            branch, branch_resolver = dereference(schema[keyword], resolver)
            condition = _if_condition(test, path, negate)
            yield branch, branch_resolver, replace(condition, label=_hint(branch))
    dependent = {
        **_schemas_only(schema.get("dependencies")),
        **_schemas_only(schema.get("dependentSchemas")),
    }
    for trigger, branch in dependent.items():
        resolved, branch_resolver = dereference(branch, resolver)
        condition = Condition("dependent", (*path, trigger), label=_hint(resolved))
        yield resolved, branch_resolver, condition
    for keyword in ("oneOf", "anyOf"):
        for index, option in enumerate(schema.get(keyword, ())):
            if not isinstance(option, Mapping):
                continue
            resolved, option_resolver = dereference(option, resolver)
            if "properties" in resolved:
                label = _hint(resolved) or str(
                    resolved.get("title") or alternative.format(index + 1)
                )
                condition = Condition("alternative", None, (index,), label)
                yield resolved, option_resolver, condition


def _hint(branch: Mapping[str, Any]) -> str:
    """The definition's own "only if …" wording for a branch, if it gives one."""
    return str(branch.get("x-condition", ""))


def _schemas_only(value: Any) -> dict[str, Mapping[str, Any]]:
    if not isinstance(value, Mapping):
        return {}
    return {k: v for k, v in value.items() if isinstance(v, Mapping)}


def _if_condition(test: Mapping[str, Any], path: tuple[str, ...], negate: bool) -> Condition:
    """``{"properties": {"x": {"const": v}}}`` (or ``enum``) → x is v; anything else → opaque."""
    kind = "else" if negate else "if"
    properties = test.get("properties")
    if isinstance(properties, Mapping) and len(properties) == 1:
        ((name, constraint),) = properties.items()
        absent = name not in test.get("required", ())
        if isinstance(constraint, Mapping) and "const" in constraint:
            return Condition(kind, (*path, name), (constraint["const"],), absent=absent)
        if isinstance(constraint, Mapping) and isinstance(constraint.get("enum"), list):
            return Condition(kind, (*path, name), tuple(constraint["enum"]), absent=absent)
    return Condition(kind)
