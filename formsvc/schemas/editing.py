"""Designer operations as pure functions on a form's JSON document.

The visual editor, its no-JavaScript forms and the tests all go through these functions:
each takes a document and returns a new one (the input is never changed), so an edit is
easy to test, to undo (keep the old document) and to apply on the server from a plain POST.

Fields are addressed by their path of property names, e.g. ``("applicant", "full_name")``.
A field is found in an object's ``properties`` or in the ``then``/``else`` branch of one of
its ``allOf`` members — which is where "show only when …" fields live. Repeatable groups
hold their fields in ``items``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "COMPONENTS",
    "FIELD_KINDS",
    "EditError",
    "FieldSpec",
    "add_field",
    "delete_field",
    "field_schema",
    "insert_component",
    "iter_fields",
    "move_field",
    "nest_field",
    "new_document",
    "set_condition",
    "set_meta",
    "update_field",
]

Doc = dict[str, Any]
Path = tuple[str, ...]


class EditError(ValueError):
    """An operation that cannot apply (unknown field, name taken, …); the message is Vietnamese."""


# The field types staff choose from, each a schema fragment.
FIELD_KINDS: dict[str, Mapping[str, Any]] = {
    "text": {"type": "string"},
    "textarea": {"type": "string", "x-widget": "textarea"},
    "number": {"type": "number"},
    "date": {"type": "string", "format": "date"},
    "boolean": {"type": "boolean"},
    "choice": {"type": "string", "oneOf": []},
    "email": {"type": "string", "format": "email"},
    "phone": {"type": "string", "format": "phone"},
    "group": {"type": "object", "properties": {}},
    "repeat": {"type": "array", "items": {"type": "object", "properties": {}}},
}

COMPONENTS = ("person", "address", "contact", "identity-document", "household-member")

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def new_document(form_id: str, code: str, title: str, agency: str, legal_basis: str) -> Doc:
    """An empty form that already passes the checks once it has a field."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "x-form": {"id": form_id, "code": code, "legal_basis": legal_basis, "agency": agency},
        "type": "object",
        # Not additionalProperties: fields inside if/then branches must be allowed too.
        "unevaluatedProperties": False,
        "required": [],
        "properties": {},
    }


def set_meta(document: Mapping[str, Any], **values: str) -> Doc:
    """``title`` is the root title; ``code``, ``agency``, ``procedure``, ``legal_basis``,
    ``processing_time`` go to ``x-form``. An empty optional value removes the key rather than
    storing ``""``."""
    result = copy.deepcopy(dict(document))
    meta = result.setdefault("x-form", {})
    for key, value in values.items():
        value = value.strip()
        if key == "title":
            result["title"] = value
        elif value or key in ("code", "agency", "legal_basis"):
            meta[key] = value
        else:
            meta.pop(key, None)
    return result


# --- locating fields --------------------------------------------------------------------


def _object_of(schema: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """The object schema whose properties a group or repeatable group holds."""
    if schema.get("type") == "array" and isinstance(schema.get("items"), MutableMapping):
        return schema["items"]
    return schema


def _containers(obj: MutableMapping[str, Any]) -> Iterator[MutableMapping[str, Any]]:
    """The object itself, then each conditional branch of its ``allOf``."""
    yield obj
    for member in obj.get("allOf", ()):
        if isinstance(member, MutableMapping):
            for keyword in ("then", "else"):
                if isinstance(member.get(keyword), MutableMapping):
                    yield member[keyword]


def _find(document: Doc, path: Path) -> tuple[MutableMapping[str, Any], MutableMapping[str, Any]]:
    """(container holding the field, the field's schema)."""
    if not path:
        raise EditError("Chưa chọn trường")
    obj: MutableMapping[str, Any] = document
    for depth, name in enumerate(path):
        for container in _containers(obj):
            properties = container.get("properties")
            if isinstance(properties, MutableMapping) and name in properties:
                if depth == len(path) - 1:
                    return container, properties[name]
                obj = _object_of(properties[name])
                break
        else:
            raise EditError(f"Không có trường «{'.'.join(path)}»")
    raise AssertionError("unreachable")


def _group(document: Doc, parent: Path) -> MutableMapping[str, Any]:
    """The object a new field goes into: the root, a group or a repeatable group's row."""
    if not parent:
        return document
    _, schema = _find(document, parent)
    obj = _object_of(schema)
    if "properties" not in obj and "$ref" not in obj:
        raise EditError(f"«{'.'.join(parent)}» không phải là nhóm")
    if "$ref" in obj:
        raise EditError("Không thêm trường vào thành phần chuẩn; hãy tạo nhóm riêng")
    return obj


def _names_in(obj: MutableMapping[str, Any]) -> set[str]:
    return {name for container in _containers(obj) for name in (container.get("properties") or {})}


def _set_required(container: MutableMapping[str, Any], name: str, required: bool) -> None:
    needed = [n for n in container.get("required", []) if n != name]
    if required:
        needed.append(name)
    if needed or "required" in container:
        container["required"] = needed


def _is_required(container: Mapping[str, Any], name: str) -> bool:
    return name in container.get("required", ())


# --- fields -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """What the field editor shows and posts for one field."""

    path: Path
    depth: int
    name: str
    label: str
    kind: str
    schema: Mapping[str, Any]
    required: bool
    condition: tuple[str, str, Any] | None  # (field, "is"/"is_not", value)

    @property
    def key(self) -> str:
        return ".".join(self.path)


def _kind(schema: Mapping[str, Any]) -> str:
    if "$ref" in schema:
        return "component"
    if schema.get("type") == "array":
        return "repeat"
    if schema.get("type") == "object" or "properties" in schema:
        return "group"
    if "oneOf" in schema or "enum" in schema:
        return "choice"
    if schema.get("format") in ("date", "email", "phone"):
        return str(schema["format"])
    if schema.get("x-widget") == "textarea":
        return "textarea"
    if schema.get("type") in ("number", "integer"):
        return "number"
    if schema.get("type") == "boolean":
        return "boolean"
    return "text"


def _condition_of(obj: Mapping[str, Any], container: Mapping[str, Any]) -> Any:
    for member in obj.get("allOf", ()):
        for keyword, operator in (("then", "is"), ("else", "is_not")):
            if member.get(keyword) is container:
                tested = member.get("if", {}).get("properties", {})
                if len(tested) == 1:
                    ((field, constraint),) = tested.items()
                    return (field, operator, constraint.get("const"))
    return None


def iter_fields(
    document: Mapping[str, Any], obj: Mapping[str, Any] | None = None, parent: Path = ()
) -> Iterator[FieldSpec]:
    """Every field in editor order (depth first), with its condition when it has one."""
    obj = document if obj is None else obj
    for container in _containers(obj):  # type: ignore[arg-type]
        condition = None if container is obj else _condition_of(obj, container)
        for name, schema in (container.get("properties") or {}).items():
            if not isinstance(schema, Mapping):
                continue
            path = (*parent, name)
            kind = _kind(schema)
            yield FieldSpec(
                path, len(parent), name, str(schema.get("title") or name), kind, schema,
                _is_required(container, name), condition,
            )  # fmt: skip
            if kind in ("group", "repeat"):
                yield from iter_fields(document, _object_of(schema), path)  # type: ignore[arg-type]


def _check_name(obj: MutableMapping[str, Any], name: str) -> None:
    if not _NAME.match(name):
        raise EditError(
            "Tên trường chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ"
        )
    if name in _names_in(obj):
        raise EditError(f"Đã có trường tên «{name}» trong nhóm này")


def field_schema(kind: str, label: str) -> Doc:
    if kind not in FIELD_KINDS:
        raise EditError(f"Không có loại trường «{kind}»")
    schema = copy.deepcopy(dict(FIELD_KINDS[kind]))
    schema["title"] = label.strip() or "Trường mới"
    if kind == "choice":
        schema["oneOf"] = [{"const": "1", "title": "Lựa chọn 1"}]
    return schema


def add_field(document: Mapping[str, Any], parent: Path, name: str, kind: str, label: str) -> Doc:
    result = copy.deepcopy(dict(document))
    obj = _group(result, parent)
    _check_name(obj, name)
    obj.setdefault("properties", {})[name] = field_schema(kind, label)
    return result


def insert_component(
    document: Mapping[str, Any],
    parent: Path,
    name: str,
    component: str,
    label: str = "",
    prefill: str = "",
) -> Doc:
    """A standard block by ``$ref``; ``household-member`` becomes a repeatable group's row."""
    if component not in COMPONENTS:
        raise EditError(f"Không có thành phần chuẩn «{component}»")
    result = copy.deepcopy(dict(document))
    obj = _group(result, parent)
    _check_name(obj, name)
    reference = f"urn:formsvc:component:{component}"
    schema: Doc
    if component == "household-member":
        schema = {"type": "array", "items": {"$ref": reference}}
    else:
        schema = {"$ref": reference}
    if label.strip():
        schema["title"] = label.strip()
    if prefill.strip():
        schema["x-prefill"] = prefill.strip()
    obj.setdefault("properties", {})[name] = schema
    return result


def _choices(text: str) -> list[Doc]:
    """One choice per line, ``value = label`` or just the label (the value is its number)."""
    choices = []
    for number, line in enumerate(filter(None, (ln.strip() for ln in text.splitlines())), 1):
        value, _, label = line.partition("=")
        if not label:
            value, label = str(number), value
        choices.append({"const": value.strip(), "title": label.strip()})
    return choices


_NUMBERS = {"min_length": "minLength", "max_length": "maxLength"}
_RANGE = {"minimum": "minimum", "maximum": "maximum"}


def update_field(document: Mapping[str, Any], path: Path, **values: Any) -> Doc:
    """Set what the field editor posts; a blank constraint removes the keyword.

    Keys: label, hint, required (bool), min_length, max_length, minimum, maximum, pattern,
    pattern_message, choices (text, one per line), prefill, locked (bool).
    """
    result = copy.deepcopy(dict(document))
    container, schema = _find(result, path)
    if "label" in values:
        schema["title"] = str(values["label"]).strip() or path[-1]
    if "hint" in values:
        _set(schema, "description", str(values["hint"]).strip())
    if "required" in values:
        _set_required(container, path[-1], bool(values["required"]))
    for key, keyword in (_NUMBERS | _RANGE).items():
        if key in values:
            _set(schema, keyword, _number(values[key], key in _NUMBERS))
    if "pattern" in values:
        pattern = str(values["pattern"]).strip()
        try:
            re.compile(pattern)
        except re.error as error:
            raise EditError(f"Mẫu kiểm tra không hợp lệ: {error}") from error
        _set(schema, "pattern", pattern)
    if "pattern_message" in values:
        message = str(values["pattern_message"]).strip()
        errors = dict(schema.get("x-errors") or {})
        if message and schema.get("pattern"):
            errors["pattern"] = message
        else:
            errors.pop("pattern", None)
        _set(schema, "x-errors", errors)
    if "choices" in values and _kind(schema) == "choice":
        schema.pop("enum", None)
        schema["oneOf"] = _choices(str(values["choices"]))
    if "prefill" in values:
        _set(schema, "x-prefill", str(values["prefill"]).strip())
    if "locked" in values:
        if schema.get("x-prefill") and not values["locked"]:
            schema["x-prefill-locked"] = False
        else:
            schema.pop("x-prefill-locked", None)
    return result


def _set(schema: MutableMapping[str, Any], keyword: str, value: Any) -> None:
    if value in (None, "", {}, []):
        schema.pop(keyword, None)
    else:
        schema[keyword] = value


def _number(value: Any, whole: bool) -> int | float | None:
    text = str(value if value is not None else "").strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError as error:
        raise EditError(f"«{text}» không phải là một số") from error
    if whole or number.is_integer():
        return int(number)
    return number


# --- structure --------------------------------------------------------------------------


def move_field(document: Mapping[str, Any], path: Path, step: int) -> Doc:
    """Up (-1) or down (+1) among the fields of the same group and branch."""
    result = copy.deepcopy(dict(document))
    container, _ = _find(result, path)
    names = list(container["properties"])
    index = names.index(path[-1])
    target = max(0, min(len(names) - 1, index + step))
    names.insert(target, names.pop(index))
    container["properties"] = {n: container["properties"][n] for n in names}
    return result


def _detach(document: Doc, path: Path) -> tuple[Doc, bool]:
    """Take a field out of wherever it is; a branch left empty goes with it."""
    container, schema = _find(document, path)
    required = _is_required(container, path[-1])
    del container["properties"][path[-1]]
    _set_required(container, path[-1], False)
    obj = _object_of(_find(document, path[:-1])[1]) if len(path) > 1 else document
    _prune_branches(obj)
    return schema, required  # type: ignore[return-value]


def _prune_branches(obj: MutableMapping[str, Any]) -> None:
    members = []
    for member in obj.get("allOf", []):
        for keyword in ("then", "else"):
            if keyword in member and not member[keyword].get("properties"):
                del member[keyword]
        if "then" in member or "else" in member or "if" not in member:
            members.append(member)
    if "allOf" in obj:
        _set(obj, "allOf", members)


def delete_field(document: Mapping[str, Any], path: Path) -> Doc:
    """Remove a field, its requirement and any condition that tested it."""
    result = copy.deepcopy(dict(document))
    _detach(result, path)
    parent = _object_of(_find(result, path[:-1])[1]) if len(path) > 1 else result
    _drop_conditions_on(parent, path[-1])
    return result


def _drop_conditions_on(obj: MutableMapping[str, Any], name: str) -> None:
    """Branches that tested a deleted field: their fields become plain fields again."""
    kept = []
    for member in obj.get("allOf", []):
        tested = member.get("if", {}).get("properties", {})
        if name in tested:
            for keyword in ("then", "else"):
                branch = member.get(keyword) or {}
                for field, schema in (branch.get("properties") or {}).items():
                    obj.setdefault("properties", {})[field] = schema
                    _set_required(obj, field, _is_required(branch, field))
        else:
            kept.append(member)
    if "allOf" in obj:
        _set(obj, "allOf", kept)


def nest_field(document: Mapping[str, Any], path: Path, group: Path) -> Doc:
    """Move a field into a group (or, with ``group == ()``, out to the top level)."""
    if group[: len(path)] == path:
        raise EditError("Không thể đặt một nhóm vào chính nó")
    result = copy.deepcopy(dict(document))
    target = _group(result, group)
    _check_name(target, path[-1])
    schema, required = _detach(result, path)
    target.setdefault("properties", {})[path[-1]] = schema
    _set_required(target, path[-1], required)
    return result


def set_condition(
    document: Mapping[str, Any],
    path: Path,
    field: str = "",
    operator: str = "is",
    value: Any = None,
) -> Doc:
    """ "Show only when <field> is/is not <value>", as ``allOf: [{if, then|else}]``.

    The tested field must be a sibling (same group). An empty ``field`` removes the
    condition: the field becomes an ordinary one again.
    """
    result = copy.deepcopy(dict(document))
    obj = _object_of(_find(result, path[:-1])[1]) if len(path) > 1 else result
    schema, required = _detach(result, path)
    name = path[-1]
    if not field:
        obj.setdefault("properties", {})[name] = schema
        _set_required(obj, name, required)
        return result
    if field == name or field not in (obj.get("properties") or {}):
        raise EditError(f"Điều kiện phải dựa trên một trường khác trong cùng nhóm: «{field}»")
    if obj["properties"][field].get("type") == "boolean" and isinstance(value, str):
        value = value.strip().lower() in ("true", "1", "có", "co", "yes")
    if operator not in ("is", "is_not"):
        raise EditError(f"Phép so sánh không hợp lệ: «{operator}»")
    keyword = "then" if operator == "is" else "else"
    test = {"properties": {field: {"const": value}}, "required": [field]}
    member = next(
        (m for m in obj.setdefault("allOf", []) if m.get("if") == test),
        None,
    )
    if member is None:
        member = {"if": test}
        obj["allOf"].append(member)
    branch = member.setdefault(keyword, {"properties": {}})
    branch.setdefault("properties", {})[name] = schema
    _set_required(branch, name, required)
    return result
