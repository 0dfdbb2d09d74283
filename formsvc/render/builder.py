"""JSON Schema → WTForms: one form class per form version, built once and cached.

Also the two directions of data flow around it: initial data (defaults, prefill, a draft)
into the form, and the submitted form back out as a JSON instance for the schema to
validate.
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, FieldList, Form, FormField
from wtforms.utils import unset_value

from formsvc.render.fields import checkboxes_for, field_for, json_field_for
from formsvc.render.values import choices
from formsvc.schemas import CompiledForm, FieldError, FormDocument, Node
from formsvc.schemas.messages import Bilingual
from formsvc.schemas.translation import SOURCE_LANGUAGE

__all__ = [
    "PositionsField",
    "apply_errors",
    "coercion_errors",
    "defaults",
    "field_names",
    "form_class",
    "group_errors",
    "instance_from",
    "merged",
    "nest",
]

# One class per compiled version and language; weak keys so a version dropped from the
# catalogue cache takes its classes with it.
_CLASSES: weakref.WeakKeyDictionary[CompiledForm, dict[str, type[FlaskForm]]] = (
    weakref.WeakKeyDictionary()
)
_EMPTY: tuple[Any, ...] = (None, "", {}, [])


class PositionsField(FormField):
    """A fixed-length array (a pair, a triple) as a group of one field per position."""

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        if isinstance(data, list | tuple):
            data = {str(index): value for index, value in enumerate(data)}
        super().process(formdata, data, extra_filters)


def _class_for(node: Node, base: type[Form], name: str, language: str) -> type[Form]:
    attributes = {child.name: _unbound(child, name, language) for child in node.children}
    return type(name, (base,), attributes)


def _unbound(node: Node, owner: str, language: str) -> Field:
    """The field for any node: groups, repeatable groups, choice lists, scalars, or JSON."""
    label = node.title
    if node.schema.get("x-widget") == "json":
        return json_field_for(node, language)
    if node.children:  # an object, or a fixed-length array's positions
        sub = _class_for(node, Form, f"{owner}_{node.name}", language)
        group = PositionsField if node.kind == "array" else FormField
        return group(sub, label=label, separator="-", description=node.description or "")
    if node.item is not None:
        item = node.item
        options = choices(item.schema)
        if options is not None and not item.children:
            return checkboxes_for(node, options)
        if item.kind in ("object", "array") and not item.children:
            return json_field_for(node, language)
        if not item.children and not item.schema.get("title"):
            # A row of a list of plain values is labelled by the list, not its property name.
            item = replace(item, schema={**item.schema, "title": label})
        entry = _unbound(item, f"{owner}_{node.name}", language)
        return FieldList(
            entry,
            label=label,
            description=node.description or "",
            min_entries=max(int(node.schema.get("minItems", 0)), 1),
            max_entries=node.schema.get("maxItems"),
        )
    if node.kind in ("object", "array"):
        return json_field_for(node, language)
    return field_for(node, language)


def form_class(form: CompiledForm, language: str = SOURCE_LANGUAGE) -> type[FlaskForm]:
    """The (CSRF-protected) form class of a version, its labels, hints and choices in
    ``language`` where the definition gives them; versions are immutable, so cache it."""
    classes = _CLASSES.setdefault(form, {})
    cls = classes.get(language)
    if cls is None:
        document = form.document.in_language(language)
        cls = classes[language] = _class_for(
            document.root, FlaskForm, f"Form_{document.form_id}", language
        )
    return cls


def nest(values: Mapping[tuple[str, ...], Any]) -> dict[str, Any]:
    """Path-keyed values as the nested dict WTForms takes as ``data``."""
    data: dict[str, Any] = {}
    for path, value in values.items():
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    return data


def merged(base: Mapping[str, Any], *layers: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with each layer laid over it, groups merged key by key: a draft's answers
    inside a group must survive the verified values laid over that same group."""
    result = dict(base)
    for layer in layers:
        for key, value in layer.items():
            below = result.get(key)
            if isinstance(below, Mapping) and isinstance(value, Mapping):
                result[key] = merged(below, value)
            else:
                result[key] = value
    return result


def defaults(node: Node) -> dict[str, Any]:
    """The schema's ``default`` and ``const`` values, nested like an instance."""
    found: dict[str, Any] = {}
    for child in node.children:
        if "const" in child.schema:
            found[child.name] = child.schema["const"]
        elif "default" in child.schema:
            found[child.name] = child.schema["default"]
        elif child.children and child.kind == "object":
            inner = defaults(child)
            if inner:
                found[child.name] = inner
    return found


def _to_json(value: Any) -> Any:
    """Typed text as stored: trimmed, NFC, and with a textarea's line breaks as LF, which
    browsers send as CR LF; the API stores the same answer with LF."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n").strip())
    return value


def _value(field: Field, node: Node) -> Any:
    if "const" in node.schema:
        return node.schema["const"]
    if isinstance(field, FormField) and node.kind == "array":
        positions = [_value(field.form[child.name], child) for child in node.children]
        return None if all(p in _EMPTY for p in positions) else positions
    if isinstance(field, FormField):
        return instance_from(field.form, node)
    if isinstance(field, FieldList) and node.item is not None:
        rows = [_value(entry, node.item) for entry in field.entries]
        return [row for row in rows if row not in _EMPTY]
    value = _to_json(field.data)
    if value in _EMPTY and node.nullable and node.required:
        return None
    return value


def _kept(value: Any, node: Node) -> bool:
    """Empty answers are left out, not sent as ``""``; but a required group left empty is
    sent as ``{}``, so that the schema names each missing item inside it rather than
    reporting the whole group as missing."""
    if value not in _EMPTY:
        return True
    if value is None:
        return node.nullable and node.required
    return value == {} and node.required and node.kind == "object"


def instance_from(form: Form, node: Node) -> dict[str, Any]:
    """The JSON instance a form holds."""
    instance: dict[str, Any] = {}
    for child in node.children:
        value = _value(form[child.name], child)
        if _kept(value, child):
            instance[child.name] = value
    return instance


def _field_at(form: Form, path: tuple[str | int, ...]) -> Field | None:
    field: Any = form
    for part in path:
        if isinstance(field, FormField):
            field = field.form
        if isinstance(field, FieldList):
            if not isinstance(part, int) or part >= len(field.entries):
                return field
            field = field.entries[part]
        elif isinstance(field, Form) and str(part) in field:
            field = field[str(part)]
        else:
            return field if isinstance(field, Field) else None
    return field if isinstance(field, Field) else None


def group_errors(field: FormField | FieldList) -> list[str]:
    """Errors about a group as a whole (required, too few or too many rows).

    Kept apart from ``errors``, which for a group means its fields' errors: WTForms makes
    ``FormField.errors`` a read-only view of the inner form's, and a FieldList's a list of
    its rows' errors, neither of them a message to show on the group's fieldset.
    """
    held: list[str] | None = getattr(field, "group_errors", None)
    if held is None:
        held = []
        field.group_errors = held
    return held


def _path_of(name: str) -> tuple[str | int, ...]:
    """A WTForms field name (``members-1-full_name``) as an instance path."""
    return tuple(int(part) if part.isdigit() else part for part in name.split("-"))


def apply_errors(form: Form, errors: list[FieldError]) -> list[FieldError]:
    """Attach errors to their fields; returns them in form order for the error summary,
    each keyed by the field that shows it: an unknown choice among tick boxes is reported on
    the list's element (``services-0``), but shown on the list as a whole."""
    placed: list[FieldError] = []
    for error in errors:
        field = _field_at(form, error.path)
        if field is not None:
            message = Bilingual(error.message, error.message_en)
            if isinstance(field, FormField | FieldList):
                group_errors(field).append(message)
            else:
                if not isinstance(field.errors, list):
                    field.errors = list(field.errors)
                field.errors.append(message)
            if field.id != error.key:
                error = replace(error, path=_path_of(field.id))
        placed.append(error)
    order = {name: index for index, name in enumerate(field_names(form))}
    return sorted(placed, key=lambda error: order.get(error.key, len(order)))


def _leaf_fields(container: Any) -> Iterator[Field]:
    for field in container:
        if isinstance(field, FormField):
            yield from _leaf_fields(field.form)
        elif isinstance(field, FieldList):
            for entry in field.entries:
                yield from _leaf_fields([entry])
        else:
            yield field


def field_names(form: Form) -> Iterator[str]:
    """Every name the form can receive, nested ones and every row included."""
    return (field.name for field in _leaf_fields(form))


def coercion_errors(form: Form, document: FormDocument) -> list[FieldError]:
    """Text that could not become a value (a date like 31/02/2024), as field errors."""
    return [
        document.in_context(
            FieldError(
                _path_of(field.name),
                getattr(message, "keyword", "format"),
                str(message),
                str(getattr(message, "en", message)),
            )
        )
        for field in _leaf_fields(form)
        for message in field.process_errors[:1]
    ]
