"""JSON Schema → WTForms: one form class per form version, built once and cached.

Also the two directions of data flow around it: initial data (prefill) into the form, and
the submitted form back out as a JSON instance for the schema to validate.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, Form, FormField

from formsvc.render.fields import field_for
from formsvc.schemas import CompiledForm, FieldError, Node

__all__ = [
    "apply_errors",
    "coercion_errors",
    "field_names",
    "form_class",
    "initial_data",
    "instance_from",
]

_CLASSES: dict[tuple[str, int], type[FlaskForm]] = {}


def _class_for(node: Node, base: type[Form], name: str) -> type[Form]:
    attributes: dict[str, Any] = {}
    for child in node.children:
        if child.children:
            sub = _class_for(child, Form, f"{name}_{child.name}")
            attributes[child.name] = FormField(sub, label=child.title, separator="-")
        else:
            attributes[child.name] = field_for(child)
    return type(name, (base,), attributes)


def form_class(form: CompiledForm) -> type[FlaskForm]:
    """The (CSRF-protected) form class of a version; versions are immutable, so cache it."""
    document = form.document
    key = (document.form_id, document.version)
    cls = _CLASSES.get(key)
    if cls is None:
        built = _class_for(document.root, FlaskForm, f"Form_{document.form_id}")
        cls = _CLASSES[key] = built
    return cls


def initial_data(values: Mapping[tuple[str, ...], Any]) -> dict[str, Any]:
    """Nest path-keyed values into the dict shape WTForms takes as ``data``."""
    data: dict[str, Any] = {}
    for path, value in values.items():
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    return data


def _to_json(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.strip())
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def instance_from(form: Form, node: Node) -> dict[str, Any]:
    """The JSON instance a form holds; empty answers are left out, not sent as ``""``."""
    instance: dict[str, Any] = {}
    for child in node.children:
        field = form[child.name]
        if child.children:
            value: Any = instance_from(field.form, child)
        else:
            value = _to_json(field.data)
        if value not in (None, "", {}, []):
            instance[child.name] = value
    return instance


def _field_at(form: Form, path: tuple[str | int, ...]) -> Field | None:
    field: Any = form
    for part in path:
        inner = field.form if isinstance(field, FormField) else field
        if not isinstance(inner, Form) or str(part) not in inner:
            return None
        field = inner[str(part)]
    return field if isinstance(field, Field) else None


def apply_errors(form: Form, errors: list[FieldError]) -> list[FieldError]:
    """Attach errors to their fields; returns them in form order for the error summary."""
    for error in errors:
        field = _field_at(form, error.path)
        if field is not None:
            if not isinstance(field.errors, list):
                field.errors = list(field.errors)
            field.errors.append(error.message)
    order = {name: index for index, name in enumerate(field_names(form))}
    return sorted(errors, key=lambda error: order.get(error.key, len(order)))


def _leaf_fields(form: Form) -> Iterator[Field]:
    for field in form:
        if isinstance(field, FormField):
            yield from _leaf_fields(field.form)
        else:
            yield field


def field_names(form: Form) -> Iterator[str]:
    """Every name the form can receive, nested ones included."""
    return (field.name for field in _leaf_fields(form))


def coercion_errors(form: Form) -> list[FieldError]:
    """Text that could not become a value (a date like 31/02/2024), as field errors."""
    return [
        FieldError(tuple(field.name.split("-")), "format", str(message), str(message))
        for field in _leaf_fields(form)
        for message in field.process_errors[:1]
    ]
