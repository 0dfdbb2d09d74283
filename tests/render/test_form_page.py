"""The renderer on schemas of every kind: a labelled control per property, the data shown,
field-level errors for bad data. The same checks the rjsf conformance samples get."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from formsvc.render import form_class, instance_from
from formsvc.render.builder import coercion_errors
from formsvc.render.page import form_page
from formsvc.render.values import format_date
from formsvc.schemas import CompiledForm, Node

KINDS = json.loads((Path(__file__).parent / "schemas" / "kinds.json").read_text(encoding="utf-8"))

GOOD = {
    "name": "Nguyễn Thị Hoa",
    "bio": "Giáo viên",
    "age": 34,
    "height": 1.58,
    "married": True,
    "spouse": "Trần Văn Bình",
    "agree": True,
    "colour": "xanh",
    "level": 4,
    "hobbies": ["boi"],
    "born": "1991-05-20",
    "email": "hoa@example.vn",
    "email_ok": False,
    "phone": "0912345678",
    "country": "Việt Nam",
    "nickname": "Hoa nhỏ",
    "address": {"street": "Số 5 Lý Tự Trọng", "ward": "Phường Ninh Kiều"},
    "children": [{"child_name": "Bé Na", "child_born": "2018-02-03"}],
    "tags": ["một", "hai"],
    "point": [10.03, 105.78],
    "extra": {"ghi_chú": "không"},
    "tree": {"label": "gốc", "child": {"label": "lá"}},
}


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, dict[str, str | None]] = {}
        self.labelled: set[str] = set()
        self.texts: list[str] = []
        self.values: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("input", "select", "textarea") and found.get("name"):
            self.names[str(found["name"])] = found
            if found.get("value") and (
                "checked" in found or found.get("type") not in ("radio", "checkbox")
            ):
                self.values.append(str(found["value"]))
        if tag == "label" and found.get("for"):
            self.labelled.add(str(found["for"]))
        if tag == "option" and "selected" in found:
            self.values.append(str(found.get("value")))
        self._open = tag

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._open == "textarea":
            self.values.append(data.strip())


def _parse(html: str) -> _Controls:
    parser = _Controls()
    parser.feed(html)
    return parser


def _leaves(node: Node, prefix: str = "") -> Iterator[tuple[str, Node]]:
    for child in node.children:
        name = f"{prefix}{child.name}"
        if child.children and child.kind == "object":
            yield from _leaves(child, f"{name}-")
        elif child.item is not None and child.item.children:
            yield from _leaves(child.item, f"{name}-0-")
        elif (
            child.item is not None
            and not child.item.children
            and child.item.kind not in ("object", "array")
            and "oneOf" not in child.item.schema
        ):
            yield f"{name}-0", child
        elif child.children:  # fixed positions
            yield from ((f"{name}-{c.name}", c) for c in child.children)
        else:
            yield name, child


@pytest.fixture
def kinds() -> CompiledForm:
    return CompiledForm("kinds", 1, KINDS)


def test_every_property_has_a_labelled_control(app: Flask, kinds: CompiledForm) -> None:
    with app.app_context():
        html, errors = form_page(kinds)
    page = _parse(html)
    text = " ".join(page.texts)
    assert errors == []
    for name, node in _leaves(kinds.document.root):
        assert name in page.names, f"no control for {name}"
        assert node.title in text, f"no label for {name}"
        control = page.names[name]
        if control.get("type") not in ("radio", "checkbox"):
            assert control.get("id") in page.labelled, f"control {name} has no <label for>"
    # Conditional questions come with their condition, for pages without JavaScript.
    assert "Chỉ điền nếu «Đã kết hôn» là «Có»" in text
    assert "Chỉ điền nếu đã điền «Thư điện tử»" in text
    # The JSON fallback and recursion stay controls, never a crash or silence.
    assert page.names["extra"]["class"] == "input json"


def test_data_is_shown_in_the_controls(app: Flask, kinds: CompiledForm) -> None:
    with app.app_context():
        html, errors = form_page(kinds, GOOD)
    assert errors == []
    page = _parse(html)
    shown = set(page.values)
    for expected in (
        "Nguyễn Thị Hoa",
        "34",
        "1.58",
        "xanh",
        "4",
        "boi",
        "20/05/1991",
        "Số 5 Lý Tự Trọng",
        "Bé Na",
        "03/02/2018",
        "hai",
        "105.78",
        "true",
        "HS-01",
    ):
        assert expected in shown, expected
    assert any('"ghi_chú": "không"' in value for value in shown)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"age": -1}, "age", "Tuổi phải lớn hơn hoặc bằng 0"),
        ({"name": None}, "name", "Họ tên không đúng kiểu dữ liệu"),
        ({"married": True, "spouse": None}, "spouse", "Họ tên vợ/chồng"),
        ({"phone": "123"}, "phone", "Số điện thoại phải gồm 10 chữ số"),
        (
            {"children": [{"child_name": "x", "child_born": "2018-02-30"}]},
            "children-0-child_born",
            "ngày 30/02/2018 không có trên lịch",
        ),
        (
            {"children": [{"child_name": "x", "child_born": "2018/02/03"}]},
            "children-0-child_born",
            "không đúng định dạng",
        ),
    ],
)
def test_bad_data_gets_field_level_errors(
    app: Flask, kinds: CompiledForm, change: dict[str, Any], field: str, message: str
) -> None:
    data = {**GOOD, **change}
    data = {k: v for k, v in data.items() if v is not None or k == "name"}
    with app.app_context():
        html, errors = form_page(kinds, data)
    assert field in [e.key for e in errors]
    assert f'href="#{field}"' in html and message in html
    assert f'id="{field}-error"' in html


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, '{"a": NaN}', '{"a": "\\ud800"}', "{" * 10]
)
def test_hostile_json_answers_are_field_errors(app: Flask, kinds: CompiledForm, text: str) -> None:
    """The JSON fallback reads citizen-typed text: it must never raise past the field."""
    with app.test_request_context(method="POST", data={"extra": text}):
        wtform = form_class(kinds)(meta={"csrf": False})
        assert [e.path for e in coercion_errors(wtform, kinds.document)] == [("extra",)]


def test_dates_before_the_year_1000_keep_four_year_digits(app: Flask, kinds: CompiledForm) -> None:
    """``strftime`` wrote 0779 as "779": printed so, and shown so in a control that could
    then not read it back."""
    assert format_date("0779-03-16") == "16/03/0779"
    with app.app_context():
        html, errors = form_page(kinds, {**GOOD, "born": "0779-03-16"})
    assert errors == [] and "16/03/0779" in _parse(html).values


def test_textarea_line_breaks_are_stored_as_sent_through_the_api(
    app: Flask, kinds: CompiledForm
) -> None:
    """Browsers post a textarea's line breaks as CR LF; stored as LF, like API answers."""
    with app.test_request_context(method="POST", data={"bio": " Một\r\nhai\r\n"}):
        form = form_class(kinds)(meta={"csrf": False})
        assert instance_from(form, kinds.document.root)["bio"] == "Một\nhai"
