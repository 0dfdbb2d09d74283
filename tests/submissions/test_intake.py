"""Intake: verified values are put back before the conditions that read them are judged."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from formsvc.prefill import Prefilled
from formsvc.schemas import CompiledForm
from formsvc.submissions.intake import check

DOCUMENT: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Thử điều kiện theo giá trị đã xác thực",
    "type": "object",
    "properties": {
        "sex": {"type": "string", "title": "Giới tính", "enum": ["male", "female"]},
        "request": {"type": "string", "title": "Nội dung", "minLength": 1},
    },
    "required": ["sex", "request"],
    "if": {"properties": {"sex": {"const": "female"}}, "required": ["sex"]},
    "then": {
        "properties": {
            "maiden_name": {"type": "string", "title": "Họ tên khai sinh", "minLength": 1}
        },
        "required": ["maiden_name"],
    },
    "unevaluatedProperties": False,
}
FORM = CompiledForm("thu-dieu-kien", 1, DOCUMENT)


def _verified(value: str) -> dict[tuple[str, ...], Prefilled]:
    return {("sex",): Prefilled(value, "citizen.sex", True, datetime.now(UTC))}


def test_a_branch_opened_by_a_locked_value_keeps_its_answers() -> None:
    # A browser does not send a locked (read-only) field's value, only the branch's answers.
    intake = check(FORM, {"request": "Xin cấp", "maiden_name": "Trần Thị Bé"}, _verified("female"))
    assert intake.ok, intake.errors
    assert intake.data == {"sex": "female", "request": "Xin cấp", "maiden_name": "Trần Thị Bé"}
    assert intake.provenance["sex"]["edited"] is False


def test_a_branch_closed_by_a_locked_value_is_dropped() -> None:
    intake = check(FORM, {"request": "Xin cấp", "maiden_name": "Trần Văn Bé"}, _verified("male"))
    assert intake.ok, intake.errors
    assert intake.data == {"sex": "male", "request": "Xin cấp"}


def test_a_locked_value_sent_changed_is_refused_on_its_field() -> None:
    intake = check(FORM, {"sex": "male", "request": "Xin cấp"}, _verified("female"))
    assert [e.path for e in intake.errors] == [("sex",)]


HOUSEHOLD = CompiledForm(
    "thu-ho-gia-dinh",
    1,
    {
        "title": "Thử danh sách điền sẵn",
        "type": "object",
        "properties": {
            "members": {
                "type": "array",
                "title": "Thành viên",
                "x-prefill": "citizen.household.members",
                "items": {
                    "type": "object",
                    "properties": {
                        "full_name": {
                            "type": "string",
                            "title": "Họ tên",
                            "x-prefill": "full_name",
                        },
                        "sex": {
                            "title": "Giới tính",
                            "enum": ["male", "female"],
                            "x-prefill": "sex",
                        },
                    },
                },
            }
        },
    },
)
MEMBERS = [
    {"full_name": "Nguyễn Văn An", "sex": "male"},
    {"full_name": "Trần Thị Ngọc", "sex": "female"},
]


def _household() -> dict[tuple[str, ...], Prefilled]:
    source = "citizen.household.members"
    return {("members",): Prefilled(MEMBERS, source, True, datetime.now(UTC))}


def test_rows_of_a_locked_list_come_back_without_their_disabled_choices() -> None:
    # Each row's sex is a disabled radio: the browser posts the names only.
    posted = {"members": [{"full_name": "Nguyễn Văn An"}, {"full_name": "Trần Thị Ngọc"}]}
    intake = check(HOUSEHOLD, posted, _household())
    assert intake.ok, intake.errors
    assert intake.data == {"members": MEMBERS}


def test_a_row_of_a_locked_list_changed_or_added_is_refused() -> None:
    renamed = [{"full_name": "Nguyễn Văn Bình"}, {"full_name": "Trần Thị Ngọc"}]
    added = [*MEMBERS, {"full_name": "Người lạ", "sex": "male"}]
    for rows in (renamed, added, MEMBERS[:1]):
        intake = check(HOUSEHOLD, {"members": rows}, _household())
        assert [e.path for e in intake.errors] == [("members",)], rows


def test_a_read_only_answer_other_than_its_default_is_refused() -> None:
    reference = {"type": "string", "title": "Số tham chiếu", "readOnly": True, "default": "HS-01"}
    form = CompiledForm("thu-chi-doc", 1, {"title": "t", "properties": {"reference": reference}})
    assert check(form, {"reference": "HS-01"}, {}).ok
    assert check(form, {}, {}).ok
    refused = check(form, {"reference": "HS-99"}, {})
    assert [(e.path, e.message) for e in refused.errors] == [
        (("reference",), "Số tham chiếu không được thay đổi")
    ]
