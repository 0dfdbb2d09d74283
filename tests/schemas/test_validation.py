"""Schema validation: human messages on the right fields, formats, and refused references."""

from __future__ import annotations

import json
from typing import Any

import pytest
from referencing.exceptions import Unresolvable

from formsvc.schemas import CompiledForm
from tests.conftest import FORM_DEFINITIONS

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
    assert errors[0].message_en == "Kính gửi is required"


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
    ["https://example.com/person.json", "file:///etc/passwd", "person.json", "#/$defs/missing"],
)
def test_references_outside_the_registry_are_refused(reference: str) -> None:
    form = CompiledForm("refs", 1, {"type": "object", "properties": {"p": {"$ref": reference}}})
    with pytest.raises(Unresolvable) as raised:
        form.validate({"p": "x"})
    assert reference.split("#")[0] in str(raised.value) or reference in str(raised.value)
