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
