"""Which WTForms field a schema node becomes: lookup tables, not ``if`` chains.

Fields only coerce text to Python values; the schema validates. That is why no WTForms
validators are attached here: what coercion itself cannot do (a date that does not exist,
"abc" for a number, broken JSON) is reported by the field, everything else by jsonschema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from wtforms import (
    BooleanField,
    EmailField,
    Field,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
    widgets,
)

from formsvc import safejson
from formsvc.render.values import DATE_FORMAT, choices, format_date, html_value, yes_no
from formsvc.schemas import Node
from formsvc.schemas.messages import Bilingual, message_for
from formsvc.schemas.translation import SOURCE_LANGUAGE

__all__ = [
    "DayMonthYearField",
    "JsonField",
    "NumberField",
    "checkboxes_for",
    "field_for",
    "json_field_for",
]

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


def _message(keyword: str, label: str, fmt: str | None = None, limit: Any = None) -> Bilingual:
    return Bilingual(*message_for(keyword, label, limit, fmt=fmt), keyword=keyword)


# Day, month and year as people type them, whether or not that day exists.
_DATE_SHAPE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True)
class _Words:
    """The few texts a control adds to the definition's own, in the page's language (the
    form class is built per language; this package does not reach for Flask-Babel)."""

    yes: str
    no: str
    choose: str  # a drop-down list's empty first entry
    json_hint: str  # a JSON box's hint where the definition gives none


_WORDS = {
    "vi": _Words(*yes_no("vi"), "— Chọn —", 'Nhập dữ liệu dạng JSON, ví dụ {"khóa": "giá trị"}'),
    "en": _Words(*yes_no("en"), "— Select —", 'Enter the data as JSON, e.g. {"key": "value"}'),
}


def _words(language: str) -> _Words:
    return _WORDS.get(language, _WORDS[SOURCE_LANGUAGE])


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
            shape = _DATE_SHAPE.fullmatch(text)
            if shape is None:
                raise ValueError(_message("format", self.label.text, fmt="date")) from None
            # 31/02/2024 is written right and names no day: say that, not "wrong format".
            day, month, year = shape.groups()
            written = f"{int(day):02d}/{int(month):02d}/{year}"
            raise ValueError(_message("x-date-exists", self.label.text, limit=written)) from None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return format_date(self.data) if self.data else ""


class NumberField(StringField):
    """A number typed as text, with a comma or a dot for decimals, as people write them."""

    def __init__(self, *args: Any, integer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.integer = integer

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = (valuelist[0] if valuelist else "").strip().replace(",", ".")
        if not text:
            self.data = None
            return
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or (self.integer and number != int(number)):
            self.data = None
            raise ValueError(_message("integer" if self.integer else "number", self.label.text))
        self.data = int(number) if self.integer or number == int(number) else float(number)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else str(self.data)


class JsonField(TextAreaField):
    """What cannot become controls (free-form maps, deep recursion) as JSON text.

    Still a labelled control, and the parsed value is validated by the schema like any other.
    """

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            self.data = None
            return
        try:
            self.data = safejson.loads(text, max_depth=safejson.MAX_ANSWER_DEPTH, unique_keys=True)
        except ValueError:
            self.data = None
            raise ValueError(_message("json", self.label.text)) from None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else json.dumps(self.data, ensure_ascii=False, indent=2)


def _kwargs(node: Node) -> dict[str, Any]:
    schema = node.schema
    render_kw: dict[str, Any] = {}
    if node.locked or schema.get("readOnly") or "const" in schema:
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


def _coercion(options: list[tuple[Any, str]]) -> Callable[[Any], Any]:
    """Choices travel as text; give the schema back the const it declared (int, bool, …)."""
    by_text = {html_value(value): value for value, _ in options}
    return lambda text: by_text.get(text, text) if isinstance(text, str) else text


def _disable_if_locked(node: Node, kw: dict[str, Any]) -> None:
    if node.locked:
        # Radios and selects ignore readonly; a disabled control is not posted, and the server
        # re-applies the verified value.
        kw["render_kw"].pop("readonly", None)
        kw["render_kw"]["disabled"] = True


def _choice(node: Node, kw: dict[str, Any], options: list[tuple[Any, str]], words: _Words) -> Field:
    entries = [SelectChoice(html_value(value), label) for value, label in options]
    widget = node.schema.get("x-widget")
    _disable_if_locked(node, kw)
    coerce = _coercion(options)
    if widget == "radio" or (widget != "select" and len(options) <= _RADIO_LIMIT):
        return RadioField(choices=entries, coerce=coerce, validate_choice=False, **kw)
    blank = SelectChoice("", words.choose)
    return SelectField(choices=[blank, *entries], coerce=coerce, validate_choice=False, **kw)


def _date(node: Node, kw: dict[str, Any], words: _Words) -> Field:
    kw["render_kw"].update(placeholder="dd/mm/yyyy", inputmode="numeric")
    return DayMonthYearField(**kw)


def _digits(node: Node, kw: dict[str, Any], words: _Words) -> Field:
    kw["render_kw"].update(inputmode="numeric")
    return StringField(**kw)


def _number(node: Node, kw: dict[str, Any], words: _Words) -> Field:
    integer = node.kind == "integer"
    kw["render_kw"]["inputmode"] = "numeric" if integer else "decimal"
    return NumberField(integer=integer, **kw)


def _boolean(node: Node, kw: dict[str, Any], words: _Words) -> Field:
    """Yes/no questions as two radios (GOV.UK pattern); x-widget "checkbox" for a tick box."""
    if node.schema.get("x-widget") == "checkbox":
        return BooleanField(**kw)
    return _choice(node, kw, [(True, words.yes), (False, words.no)], words)


_Maker = Callable[[Node, dict[str, Any], _Words], Field]

_BY_FORMAT: dict[str, _Maker] = {
    "date": _date,
    "email": lambda node, kw, words: EmailField(**kw),
    "phone": lambda node, kw, words: TelField(**kw),
    "personal-id": _digits,
}

_BY_WIDGET: dict[str, _Maker] = {
    "textarea": lambda node, kw, words: TextAreaField(**kw),
    "json": lambda node, kw, words: JsonField(**kw),
}

_BY_TYPE: dict[str, _Maker] = {
    "string": lambda node, kw, words: StringField(**kw),
    "integer": _number,
    "number": _number,
    "boolean": _boolean,
}


def field_for(node: Node, language: str = SOURCE_LANGUAGE) -> Field:
    """The unbound field for a scalar node, for a page in ``language``."""
    schema: Mapping[str, Any] = node.schema
    kw = _kwargs(node)
    words = _words(language)
    widget = schema.get("x-widget")
    if widget in _BY_WIDGET:
        return _BY_WIDGET[widget](node, kw, words)
    options = choices(schema)
    if options is not None and widget != "text":  # "text": typed, then checked against them
        return _choice(node, kw, options, words)
    fmt = schema.get("format")
    if fmt in _BY_FORMAT:
        return _BY_FORMAT[fmt](node, kw, words)
    return _BY_TYPE.get(node.kind, _BY_TYPE["string"])(node, kw, words)


def checkboxes_for(node: Node, options: list[tuple[Any, str]]) -> Field:
    """An array of choices (``uniqueItems`` of an enum) as a list of tick boxes."""
    kw = _kwargs(node)
    return SelectMultipleField(
        choices=[SelectChoice(html_value(value), label) for value, label in options],
        coerce=_coercion(options),
        validate_choice=False,
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
        **kw,
    )


def json_field_for(node: Node, language: str = SOURCE_LANGUAGE) -> Field:
    kw = _kwargs(node)
    kw["description"] = node.description or _words(language).json_hint
    return JsonField(**kw)
