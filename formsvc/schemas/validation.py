"""Validation of submitted data against a pinned form version.

The only module that imports ``jsonschema``. A compiled validator is built once per form
version and reused; every error becomes a ``FieldError`` on the field's path, with a message
a citizen can act on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import FormatChecker, ValidationError, validators
from jsonschema.protocols import Validator

from formsvc.schemas.document import FormDocument, Node
from formsvc.schemas.formats import FORMATS
from formsvc.schemas.messages import message_for

__all__ = ["FORMAT_CHECKER", "FieldError", "compile_validator", "validate"]


def _strings_only(predicate: Callable[[str], bool]) -> Callable[[object], bool]:
    """Formats constrain strings only; other types are the ``type`` keyword's business."""
    return lambda instance: not isinstance(instance, str) or predicate(instance)


FORMAT_CHECKER = FormatChecker()
for _name, _predicate in FORMATS.items():
    FORMAT_CHECKER.checks(_name)(_strings_only(_predicate))


@dataclass(frozen=True)
class FieldError:
    """One problem with one field; ``path`` points into the submitted instance."""

    path: tuple[str | int, ...]
    keyword: str
    message: str
    message_en: str

    @property
    def key(self) -> str:
        """The field's name in HTML forms (WTForms joins nested names with ``-``)."""
        return "-".join(str(part) for part in self.path)


def compile_validator(document: FormDocument) -> Validator:
    cls = validators.validator_for(document.document, default=validators.Draft202012Validator)
    validator: Validator = cls(
        document.document, registry=document.registry, format_checker=FORMAT_CHECKER
    )
    return validator


def validate(
    document: FormDocument, validator: Validator, instance: Mapping[str, Any]
) -> list[FieldError]:
    """All errors, in form order, one per field and problem."""
    nodes = {node.path: node for node in _walk(document.root)}
    errors: dict[tuple[tuple[str | int, ...], str], FieldError] = {}
    for error in _leaf_errors(validator.iter_errors(instance)):
        for field_error in _to_field_errors(error, nodes):
            errors.setdefault((field_error.path, field_error.keyword), field_error)
    order = {path: index for index, path in enumerate(nodes)}
    return sorted(errors.values(), key=lambda e: order.get(_schema_path(e.path), len(order)))


def _walk(node: Node) -> Iterable[Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _leaf_errors(errors: Iterable[ValidationError]) -> Iterable[ValidationError]:
    """Descend into oneOf/anyOf failures to the errors that name a concrete field."""
    for error in errors:
        if error.context and error.validator in {"anyOf", "oneOf"} and error.path:
            yield error
        elif error.context:
            yield from _leaf_errors(error.context)
        else:
            yield error


def _schema_path(path: tuple[str | int, ...]) -> tuple[str, ...]:
    return tuple(part for part in path if isinstance(part, str))


def _label(nodes: Mapping[tuple[str, ...], Node], path: tuple[str | int, ...]) -> str:
    node = nodes.get(_schema_path(path))
    return node.title if node is not None else ".".join(str(p) for p in path)


def _to_field_errors(
    error: ValidationError, nodes: Mapping[tuple[str, ...], Node]
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
                    field_path, keyword, *message_for(keyword, _label(nodes, field_path))
                )
        return
    if keyword == "additionalProperties":
        known = set(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        for name in instance:
            if name not in known and not any(p.search(name) for p in patterns):
                yield FieldError((*path, name), keyword, *message_for(keyword, name))
        return
    limit = expected if keyword in _LIMITED else None
    fmt = expected if keyword == "format" else None
    yield FieldError(path, keyword, *message_for(keyword, _label(nodes, path), limit, fmt))


_LIMITED = {"minLength", "maxLength", "minimum", "maximum"}
