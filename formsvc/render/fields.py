"""Which WTForms field a schema node becomes: lookup tables, not ``if`` chains.

Fields only coerce text to Python values; the schema validates. That is why no WTForms
validators are attached here beyond what coercion itself reports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from wtforms import (
    BooleanField,
    DecimalField,
    EmailField,
    Field,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)

from formsvc.render.values import DATE_FORMAT, choices, format_date
from formsvc.schemas import Node

__all__ = ["DayMonthYearField", "field_for"]

# Browser autofill hints for personal data, by prefill path.
_AUTOCOMPLETE = {
    "citizen.full_name": "name",
    "citizen.date_of_birth": "bday",
    "citizen.sex": "sex",
    "citizen.phone": "tel",
    "citizen.email": "email",
    "citizen.permanent_address": "street-address",
}

_RADIO_LIMIT = 4


class DayMonthYearField(StringField):
    """A date typed as dd/mm/yyyy; ``data`` is the ISO text the schema checks.

    A plain text input rather than ``<input type=date>``: browsers show that in their own
    locale and older phones do not support it, while the paper form says dd/mm/yyyy.
    """

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            self.data = None
            return
        try:
            self.data = datetime.strptime(text, DATE_FORMAT).date().isoformat()
        except ValueError:
            self.data = None
            raise ValueError(
                f"{self.label.text} không đúng định dạng ngày/tháng/năm (dd/mm/yyyy)"
            ) from None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return format_date(self.data) if self.data else ""


def _kwargs(node: Node) -> dict[str, Any]:
    schema = node.schema
    render_kw: dict[str, Any] = {}
    # Prefill locks are not set here but per request by the page template: a field is locked
    # only when a verified value was actually filled in, so a field the database has no data
    # for (or whose prefill the citizen declined) stays editable.
    if schema.get("readOnly"):
        render_kw["readonly"] = True
    if node.prefill in _AUTOCOMPLETE:
        render_kw["autocomplete"] = _AUTOCOMPLETE[str(node.prefill)]
    if "maxLength" in schema:
        render_kw["maxlength"] = schema["maxLength"]
    if schema.get("examples"):
        render_kw["placeholder"] = str(schema["examples"][0])
    if node.required:
        render_kw["aria-required"] = "true"
    return {"label": node.title, "description": node.description or "", "render_kw": render_kw}


def _date(node: Node, kw: dict[str, Any]) -> Field:
    kw["render_kw"].update(placeholder="dd/mm/yyyy", inputmode="numeric")
    return DayMonthYearField(**kw)


def _digits(node: Node, kw: dict[str, Any]) -> Field:
    kw["render_kw"].update(inputmode="numeric")
    return StringField(**kw)


def _choice(node: Node, kw: dict[str, Any]) -> Field:
    options = [SelectChoice(value, label) for value, label in choices(node.schema) or []]
    widget = node.schema.get("x-widget")
    radio = widget == "radio" or (widget != "select" and len(options) <= _RADIO_LIMIT)
    if radio:
        return RadioField(choices=options, validate_choice=False, **kw)
    return SelectField(
        choices=[SelectChoice("", "— Chọn —"), *options], validate_choice=False, **kw
    )


_BY_FORMAT: dict[str, Callable[[Node, dict[str, Any]], Field]] = {
    "date": _date,
    "email": lambda node, kw: EmailField(**kw),
    "phone": lambda node, kw: TelField(**kw),
    "personal-id": _digits,
}

_BY_WIDGET: dict[str, Callable[[Node, dict[str, Any]], Field]] = {
    "textarea": lambda node, kw: TextAreaField(**kw),
}

_BY_TYPE: dict[str, Callable[[Node, dict[str, Any]], Field]] = {
    "string": lambda node, kw: StringField(**kw),
    "integer": lambda node, kw: IntegerField(**kw),
    "number": lambda node, kw: DecimalField(**kw),
    "boolean": lambda node, kw: BooleanField(**kw),
}


def field_for(node: Node) -> Field:
    """The unbound field for a scalar node."""
    schema: Mapping[str, Any] = node.schema
    kw = _kwargs(node)
    if choices(schema) is not None:
        return _choice(node, kw)
    widget = schema.get("x-widget")
    if widget in _BY_WIDGET:
        return _BY_WIDGET[widget](node, kw)
    fmt = schema.get("format")
    if fmt in _BY_FORMAT:
        return _BY_FORMAT[fmt](node, kw)
    return _BY_TYPE.get(node.kind, _BY_TYPE["string"])(node, kw)
