"""Schema validation: human messages on the right fields, formats, and refused references."""

from __future__ import annotations

import json
from typing import Any

import pytest
from referencing.exceptions import Unresolvable

from formsvc.schemas import CompiledForm
from tests.conftest import FORM_DEFINITIONS
from tests.loopback import Recorder, loopback

VALID_CT01 = {
    "recipient": "Công an phường Ninh Kiều",
    "full_name": "Nguyễn Văn An",
    "date_of_birth": "1980-03-14",
    "sex": "male",
    "personal_id": "092080123451",
    "request": "Đăng ký thường trú",
}


@pytest.fixture(scope="module")
def ct01() -> CompiledForm:
    document = json.loads((FORM_DEFINITIONS / "ct01.json").read_text(encoding="utf-8"))
    return CompiledForm("ct01", 1, document)


def test_valid_instance_has_no_errors(ct01: CompiledForm) -> None:
    assert ct01.validate(VALID_CT01) == []


def test_every_missing_required_field_is_reported_in_form_order(ct01: CompiledForm) -> None:
    errors = ct01.validate({"phone": "0912345678"})
    assert [e.key for e in errors] == [
        "recipient",
        "full_name",
        "date_of_birth",
        "sex",
        "personal_id",
        "request",
    ]
    assert errors[0].message == "Kính gửi là bắt buộc"
    # The English message names the field by the English label CT01 gives it.
    assert errors[0].message_en == "Addressed to is required"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("personal_id", "12345", "Vui lòng nhập số định danh cá nhân gồm 12 chữ số"),
        ("personal_id", "003080123451", "Vui lòng nhập số định danh cá nhân gồm 12 chữ số"),
        (
            "phone",
            "0212345678",
            "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09",
        ),
        ("email", "not-an-email", "Email không đúng định dạng"),
        (
            "date_of_birth",
            "1980-02-30",
            "Ngày, tháng, năm sinh: ngày 30/02/1980 không có trên lịch",
        ),
        (
            "date_of_birth",
            "30/02/1980",
            "Ngày, tháng, năm sinh không đúng định dạng ngày/tháng/năm (dd/mm/yyyy)",
        ),
        ("sex", "other", "Vui lòng chọn Giới tính trong danh sách"),
        ("request", "x" * 2001, "Nội dung đề nghị không được dài quá 2000 ký tự"),
        ("phone", 912345678, "Số điện thoại liên hệ không đúng kiểu dữ liệu"),
    ],
)
def test_field_errors_speak_vietnamese(
    ct01: CompiledForm, field: str, value: Any, message: str
) -> None:
    errors = ct01.validate({**VALID_CT01, field: value})
    assert [(e.key, e.message) for e in errors] == [(field, message)]


def test_unknown_fields_are_errors(ct01: CompiledForm) -> None:
    errors = ct01.validate({**VALID_CT01, "is_admin": True})
    assert [(e.key, e.keyword) for e in errors] == [("is_admin", "additionalProperties")]


def test_validator_is_compiled_once(ct01: CompiledForm) -> None:
    assert ct01.validator is ct01.validator


@pytest.mark.parametrize(
    "reference",
    ["{server}/person.json", "file:///etc/passwd", "person.json", "#/$defs/missing"],
)
def test_references_outside_the_registry_are_refused(reference: str) -> None:
    with loopback() as server:
        reference = reference.format(server=server)
        form = CompiledForm("refs", 1, {"type": "object", "properties": {"p": {"$ref": reference}}})
        with pytest.raises(Unresolvable) as raised:
            form.validate({"p": "x"})
        assert Recorder.hits == []  # refused by name, never fetched
    assert reference.split("#")[0] in str(raised.value) or reference in str(raised.value)


PERSON_FORM = {
    "title": "t",
    "type": "object",
    "properties": {
        "person": {"$ref": "urn:formsvc:component:person"},
        "document": {"$ref": "urn:formsvc:component:identity-document"},
        "members": {"type": "array", "items": {"$ref": "urn:formsvc:component:household-member"}},
    },
}


@pytest.fixture(scope="module")
def person_form() -> CompiledForm:
    return CompiledForm("person-form", 1, PERSON_FORM)


def test_id_number_must_agree_with_sex_and_birth_year(person_form: CompiledForm) -> None:
    person = {"full_name": "Trần Thị Bích Ngọc", "sex": "female", "date_of_birth": "1984-11-02"}
    assert person_form.validate({"person": {**person, "personal_id": "092184234562"}}) == []
    errors = person_form.validate({"person": {**person, "personal_id": "092084234562"}})
    assert [(e.key, e.message) for e in errors] == [
        (
            "person-personal_id",
            # Prefixed with its group: a form may hold several people's ID numbers.
            "Thông tin cá nhân: "
            "Số định danh cá nhân không khớp với giới tính hoặc năm sinh đã khai",
        )
    ]
    errors = person_form.validate({"person": {**person, "personal_id": "092185234562"}})
    assert [e.keyword for e in errors] == ["x-personal-id"]


def test_array_errors_point_at_the_row_and_use_the_item_label(person_form: CompiledForm) -> None:
    members = [
        {
            "full_name": "Nguyễn Văn An",
            "sex": "male",
            "date_of_birth": "1980-03-14",
            "personal_id": "092080123451",
        },
        {
            "full_name": "",
            "sex": "male",
            "date_of_birth": "2010-06-25",
            "personal_id": "092110345673",
        },
    ]
    errors = person_form.validate({"members": members})
    # Format and presence first; whether the ID agrees is judged once the row is complete.
    assert [(e.path, e.message) for e in errors] == [
        # The group has no title of its own: the row is named, never the property.
        (("members", 1, "full_name"), "Dòng 2: Vui lòng nhập Họ, chữ đệm và tên"),
    ]
    members[1]["full_name"] = "Nguyễn Minh Khôi"
    errors = person_form.validate({"members": members})
    assert [(e.path, e.keyword) for e in errors] == [
        (("members", 1, "personal_id"), "x-personal-id")
    ]


def test_a_position_of_a_fixed_length_array_is_a_field_not_a_row() -> None:
    pair = {"type": "number", "minimum": -90, "maximum": 90}
    form = CompiledForm(
        "pair-form",
        1,
        {
            "title": "t",
            "type": "object",
            "properties": {
                "location": {
                    "type": "array",
                    "title": "Tọa độ",
                    "prefixItems": [{**pair, "title": "Vĩ độ"}, {**pair, "title": "Kinh độ"}],
                }
            },
        },
    )
    errors = form.validate({"location": [10.04, 105.78]})
    assert [(e.key, e.message) for e in errors] == [
        ("location-1", "Tọa độ: Kinh độ phải nhỏ hơn hoặc bằng 90")
    ]


def test_array_and_multiple_rules_say_what_is_wanted() -> None:
    form = CompiledForm(
        "rules-form",
        1,
        {
            "title": "t",
            "type": "object",
            "properties": {
                "fee": {"type": "integer", "title": "Lệ phí", "multipleOf": 500},
                "rows": {"type": "array", "title": "Quá trình", "minItems": 2, "maxItems": 3},
                "ticks": {"type": "array", "title": "Giấy tờ", "uniqueItems": True},
            },
        },
    )
    errors = form.validate({"fee": 1200, "rows": [1], "ticks": ["a", "a"]})
    assert [e.message for e in errors] == [
        "Lệ phí phải là bội số của 500",
        "Quá trình phải có ít nhất 2 mục",
        "Giấy tờ có mục bị lặp lại",
    ]
    assert (
        form.validate({"rows": [1, 2, 3, 4]})[0].message_en
        == "Quá trình must have at most 3 entries"
    )


def test_definitions_can_word_their_own_messages(person_form: CompiledForm) -> None:
    errors = person_form.validate({"document": {"number": "ab-12"}})
    assert [(e.key, e.message, e.message_en) for e in errors] == [
        (
            "document-number",
            "Giấy tờ tùy thân: Số giấy tờ chỉ gồm chữ số và chữ in hoa",
            "Identity document: The document number has only digits and capital letters",
        )
    ]


def test_draft_07_documents_validate() -> None:
    form = CompiledForm(
        "d7",
        1,
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": "d7",
            "definitions": {"phone": {"type": "string", "format": "phone", "title": "Điện thoại"}},
            "properties": {
                "a": {"$ref": "#/definitions/phone"},
                "b": {"type": "string", "title": "B"},
            },
            "dependencies": {"b": ["a"]},
        },
    )
    assert form.validate({"a": "0912345678", "b": "x"}) == []
    assert [(e.key, e.message) for e in form.validate({"b": "x"})] == [
        ("a", "Điện thoại là bắt buộc")
    ]
    assert [e.key for e in form.validate({"a": "12"})] == ["a"]
