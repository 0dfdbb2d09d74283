"""Validation with jsonschema: instances against a form version, documents against the
meta-schema.

The only module that imports ``jsonschema`` (and ``jsonschema_rs``). Validators are built
once per form version and reused; every error becomes a ``FieldError`` on the field's path,
with a message a citizen can act on.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import FormatChecker, ValidationError, validators

# Private, but the only way to know which keys a schema evaluated; pinned in requirements.lock.
from jsonschema._utils import find_evaluated_property_keys_by_schema
from jsonschema.protocols import Validator
from referencing.jsonschema import DRAFT202012

from formsvc.schemas.agreement import identity_mismatches, person_blocks
from formsvc.schemas.dates import BOUND_KEYWORDS, display_date, is_iso_shaped, outside
from formsvc.schemas.document import FormDocument, Node, named_path
from formsvc.schemas.errors import FieldError
from formsvc.schemas.formats import FORMATS
from formsvc.schemas.messages import message_for
from formsvc.schemas.patterns import bounded_pattern
from formsvc.schemas.references import (
    COMPONENT_PREFIX,
    component_registry,
    dialect_of,
    specification_of,
)
from formsvc.schemas.text import unprintable
from formsvc.schemas.walk import Pointer, iter_subschemas

__all__ = [
    "FORMAT_CHECKER",
    "META_SCHEMA_PATH",
    "FieldError",
    "FormValidator",
    "Validator",
    "compile_fast_check",
    "compile_validator",
    "meta_schema_problems",
]

logger = logging.getLogger(__name__)

META_SCHEMA_PATH = Path(__file__).resolve().parent / "meta-schema.json"


def _strings_only(predicate: Callable[[str], bool]) -> Callable[[object], bool]:
    """Formats constrain strings only; other types are the ``type`` keyword's business."""
    return lambda instance: not isinstance(instance, str) or predicate(instance)


FORMAT_CHECKER = FormatChecker()
for _name, _predicate in FORMATS.items():
    FORMAT_CHECKER.checks(_name)(_strings_only(_predicate))


def _date_bound(keyword: str) -> Callable[[Any, str, Any, Any], Iterator[ValidationError]]:
    def check(
        validator: Any, expression: str, instance: Any, schema: Any
    ) -> Iterator[ValidationError]:
        if isinstance(instance, str) and outside(keyword, expression, instance):
            yield ValidationError(f"{instance!r} is outside {keyword} {expression!r}")

    return check


class _FastDateBound:
    """The same bound for jsonschema-rs, which would otherwise skip the unknown keyword and
    call a date of birth next year valid."""

    keyword = ""

    def __init__(self, parent_schema: Any, value: str, schema_path: Any) -> None:
        self.expression = value

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and outside(self.keyword, self.expression, instance):
            raise ValueError(f"{instance!r} is outside {self.keyword} {self.expression!r}")


_FAST_KEYWORDS = {
    keyword: type(f"FastBound_{keyword}", (_FastDateBound,), {"keyword": keyword})
    for keyword in BOUND_KEYWORDS
}


def _unevaluated(
    validator: Any, allowed: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    """``unevaluatedProperties`` with one error per key, at the key: jsonschema's own names
    them all in one message at the object, which no field can show."""
    if not validator.is_type(instance, "object"):
        return
    evaluated = find_evaluated_property_keys_by_schema(validator, instance, schema)
    for name in instance:
        if name not in evaluated and any(
            True for _ in validator.descend(instance[name], allowed, path=name)
        ):
            yield ValidationError(f"{name!r} is not allowed here", path=[name])


@cache
def _bounded(cls: type[Validator]) -> type[Validator]:
    """The dialect's validator class with a time limit on ``pattern``, date bounds, and
    unevaluated properties reported key by key."""
    keywords = {"pattern": bounded_pattern} | {k: _date_bound(k) for k in BOUND_KEYWORDS}
    if "unevaluatedProperties" in cls.VALIDATORS:  # 2019-09 and later
        keywords["unevaluatedProperties"] = _unevaluated
    bounded: type[Validator] = validators.extend(cls, keywords)
    return bounded


def compile_validator(document: FormDocument) -> Validator:
    cls = _bounded(validators.validator_for({"$schema": dialect_of(document.document)}))
    validator: Validator = cls(
        document.document, registry=document.registry, format_checker=FORMAT_CHECKER
    )
    return validator


def _refuse(uri: str) -> Any:
    raise LookupError(f"{uri} is not in the local registry; nothing is fetched")


def compile_fast_check(document: FormDocument) -> Callable[[Any], bool] | None:
    """jsonschema-rs's ``is_valid`` for the same document, or None if it cannot take it.

    About fifteen times faster than jsonschema on valid data, which is most submissions.
    It only ever answers "valid": whenever it says no, jsonschema finds the errors and has
    the last word, so its stricter regex dialect can cost time but never accept more.
    """
    resources = [
        (uri, resource.contents)
        for uri, resource in component_registry().items()
        if uri.startswith(COMPONENT_PREFIX)
    ]
    try:
        registry = jsonschema_rs.Registry(resources, retriever=_refuse)
        fast = jsonschema_rs.validator_for(
            {**document.document, "$schema": dialect_of(document.document)},
            formats={name: _strings_only(p) for name, p in FORMATS.items()},
            validate_formats=True,
            keywords=_FAST_KEYWORDS,
            registry=registry,
            base_uri=document.base_uri,
        )
    except (ValueError, LookupError, jsonschema_rs.ReferencingError):
        logger.warning("jsonschema-rs cannot compile %s; using jsonschema only", document.form_id)
        return None
    check: Callable[[Any], bool] = fast.is_valid
    return check


# Enough to show a person every mistake on a real form; a body with thousands of unknown
# keys must not buy a response thousands of times its size.
MAX_ERRORS = 100


class FormValidator:
    """Everything needed to validate instances of one version, prepared once."""

    def __init__(self, document: FormDocument) -> None:
        self.document = document
        self.reference = compile_validator(document)
        self.fast = compile_fast_check(document)
        self.nodes = document.nodes()
        # English messages name the field by its English label where the definition has one.
        self.labels_en = {path: n.title for path, n in document.in_language("en").nodes().items()}
        self.order = {path: index for index, path in enumerate(self.nodes)}
        self.person_blocks = person_blocks(document.root)

    def is_valid(self, instance: Any) -> bool:
        return not self.validate(instance)

    def validate(self, instance: Any) -> list[FieldError]:
        """All errors (up to MAX_ERRORS), in form order, one per field and problem."""
        refused = [
            FieldError(
                path,
                "x-characters",
                *_message(self.nodes, self.labels_en, path, "x-characters", code),
            )
            for path, code in itertools.islice(unprintable(instance), MAX_ERRORS)
        ]
        if not refused and self.fast is not None and self.fast(instance):
            return self._in_context(identity_mismatches(self.person_blocks, instance))
        errors: dict[tuple[tuple[str | int, ...], str], FieldError] = {
            (error.path, error.keyword): error for error in refused
        }
        field_errors = (
            field_error
            for error in _leaf_errors(self.reference.iter_errors(instance))
            for field_error in _to_field_errors(error, self.nodes, self.labels_en)
        )
        for field_error in field_errors:
            errors.setdefault((field_error.path, field_error.keyword), field_error)
            if len(errors) == MAX_ERRORS:
                break
        if any(error.keyword != _NOT_APPLICABLE for error in errors.values()):
            # A conditional branch that fails leaves its answers "unevaluated": the branch's
            # own error says what is wrong, the echo at the form would only confuse.
            errors = {key: e for key, e in errors.items() if e.keyword != _NOT_APPLICABLE}
        if not errors:
            return self._in_context(identity_mismatches(self.person_blocks, instance))
        last = len(self.order)
        ordered = sorted(
            errors.values(), key=lambda e: self.order.get(_schema_path(self.nodes, e.path), last)
        )
        return self._in_context(ordered)

    def _in_context(self, errors: list[FieldError]) -> list[FieldError]:
        return [self.document.in_context(error) for error in errors]


def _leaf_errors(errors: Iterable[ValidationError]) -> Iterable[ValidationError]:
    """Descend into oneOf/anyOf failures to the errors that name a concrete field."""
    for error in errors:
        if error.context and error.validator in {"anyOf", "oneOf"} and error.path:
            yield error
        elif error.context:
            yield from _leaf_errors(error.context)
        else:
            yield error


def _schema_path(
    nodes: Mapping[tuple[str, ...], Node], path: tuple[str | int, ...]
) -> tuple[str, ...]:
    return tuple(part for part in named_path(nodes, path) if isinstance(part, str))


def _node(nodes: Mapping[tuple[str, ...], Node], path: tuple[str | int, ...]) -> Node | None:
    return nodes.get(_schema_path(nodes, path))


def _message(
    nodes: Mapping[tuple[str, ...], Node],
    labels_en: Mapping[tuple[str, ...], str],
    path: tuple[str | int, ...],
    keyword: str,
    limit: Any = None,
    fmt: str | None = None,
) -> tuple[str, str]:
    """The definition's own ``x-errors`` message if it has one, else the standard wording."""
    node = _node(nodes, path)
    label = (
        node.title
        if node is not None
        else next((str(p) for p in reversed(path) if isinstance(p, str)), "")
    )
    vi, en = message_for(keyword, label, limit, fmt, labels_en.get(_schema_path(nodes, path)))
    custom = node.schema.get("x-errors", {}).get(keyword) if node is not None else None
    if isinstance(custom, str):
        return custom, custom
    if isinstance(custom, Mapping):
        return custom["vi"], custom.get("en", custom["vi"])
    return vi, en


def _to_field_errors(
    error: ValidationError,
    nodes: Mapping[tuple[str, ...], Node],
    labels_en: Mapping[tuple[str, ...], str],
) -> Iterable[FieldError]:
    path = tuple(error.absolute_path)
    keyword = str(error.validator)
    expected: Any = error.validator_value
    schema: Any = error.schema
    instance: Any = error.instance
    if keyword == "required":
        present = instance if isinstance(instance, Mapping) else {}
        for name in expected:
            if name not in present:
                field_path = (*path, name)
                yield FieldError(
                    field_path, keyword, *_message(nodes, labels_en, field_path, keyword)
                )
        return
    if keyword in ("dependentRequired", "dependencies") and isinstance(instance, Mapping):
        for trigger, needed in expected.items():
            if trigger not in instance or not isinstance(needed, list):
                continue
            for name in needed:
                if name not in instance:
                    field_path = (*path, name)
                    yield FieldError(
                        field_path, "required", *_message(nodes, labels_en, field_path, "required")
                    )
        return
    if keyword == "unevaluatedProperties" and path:  # one error per key, see _unevaluated
        owner = _node(nodes, path[:-1])
        name = str(path[-1])
        if owner is None or name not in {child.name for child in owner.children}:
            wording = message_for("additionalProperties", name)
            yield FieldError(path, "additionalProperties", *wording)
        else:
            wording = _message(nodes, labels_en, path, _NOT_APPLICABLE)
            yield FieldError(path, _NOT_APPLICABLE, *wording)
        return
    if keyword == "additionalProperties":
        known = set(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        for name in instance:
            if name not in known and not any(p.search(name) for p in patterns):
                yield FieldError((*path, name), keyword, *message_for(keyword, name))
        return
    if keyword == "format" and expected == "date" and is_iso_shaped(instance):
        # 2024-02-31 is written right and names no day: say so, not "wrong format".
        written = display_date(instance)
        yield FieldError(
            path, "x-date-exists", *_message(nodes, labels_en, path, "x-date-exists", written)
        )
        return
    if keyword in BOUND_KEYWORDS:
        bound = outside(keyword, expected, instance)
        # "today" reads better than today's date; any other bound is shown as a date.
        shown = display_date(bound.isoformat()) if bound and expected != "today" else None
        yield FieldError(path, keyword, *_message(nodes, labels_en, path, keyword, shown))
        return
    limit = expected if keyword in _LIMITED else None
    fmt = expected if keyword == "format" else None
    yield FieldError(path, keyword, *_message(nodes, labels_en, path, keyword, limit, fmt))


# A declared answer in a branch that does not apply (judged only when nothing else is wrong).
_NOT_APPLICABLE = "x-not-applicable"

_LIMITED = {"minLength", "maxLength", "minimum", "maximum", "multipleOf", "minItems", "maxItems"}


# --- documents against the meta-schema -------------------------------------------------------


@cache
def _meta_validator() -> Validator:
    meta = json.loads(META_SCHEMA_PATH.read_text(encoding="utf-8"))
    validator: Validator = validators.Draft202012Validator(meta, format_checker=FormatChecker())
    return validator


@cache
def _vocabulary_validator() -> Validator:
    """The x- vocabulary alone, for drafts whose meta-schemas cannot be extended."""
    meta = json.loads(META_SCHEMA_PATH.read_text(encoding="utf-8"))
    vocabulary = {**meta["$defs"]["vocabulary"], "$defs": meta["$defs"]}
    validator: Validator = validators.Draft202012Validator(vocabulary)
    return validator


def meta_schema_problems(document: Mapping[str, Any]) -> Iterator[tuple[Pointer, str]]:
    """(location, message) for every way the document breaks the meta-schema.

    2020-12 documents are checked against the project's meta-schema, which extends the
    standard one through ``$dynamicRef``. Other drafts are checked against their own
    standard meta-schema, and the x- vocabulary is applied to each of their subschemas.
    """
    dialect = dialect_of(document)
    if specification_of(document) is DRAFT202012:
        errors: Iterable[tuple[Pointer, ValidationError]] = (
            ((), error) for error in _meta_validator().iter_errors(document)
        )
    else:
        standard = validators.validator_for({"$schema": dialect})
        errors = itertools.chain(
            (((), error) for error in standard(standard.META_SCHEMA).iter_errors(document)),
            (
                (pointer, error)
                for pointer, subschema in iter_subschemas(document)
                for error in _vocabulary_validator().iter_errors(subschema)
            ),
        )
    for base, error in errors:
        location = (*base, *error.absolute_path)
        if error.schema is False:
            # Unknown x- keywords hit the vocabulary's ``false`` pattern; name the keyword.
            yield from _unknown_keywords(document, location, error.instance)
        else:
            name = str(location[-1]) if location else ""
            yield location, f"{name}: {error.message}" if name else error.message


def _unknown_keywords(
    document: Mapping[str, Any], pointer: Pointer, value: Any
) -> Iterator[tuple[Pointer, str]]:
    """jsonschema reports a ``false`` subschema at the owner, not the key: find the key."""
    subschema: Any = document
    for part in pointer:
        subschema = subschema[part]
    known: Any = _vocabulary_validator().schema
    for key, held in subschema.items():
        if str(key).startswith("x-") and key not in known["properties"] and held == value:
            yield (*pointer, key), f"unknown extension keyword {key!r}"
