"""Publication refuses designer notes where citizens read them (labels, hints, conditions)."""

from __future__ import annotations

from typing import Any

import pytest

from formsvc.prefill import PATHS
from formsvc.schemas import check_document


def _findings(**field: Any) -> list[tuple[str, str]]:
    document = {
        "title": "Tờ khai thử",
        "x-form": {"code": "TT01", "legal_basis": "Thông tư thử", "agency": "Ủy ban nhân dân xã"},
        "type": "object",
        "additionalProperties": False,
        "properties": {"note": {"type": "string", "title": "Ghi chú", **field}},
    }
    return [(f.severity, f.message) for f in check_document("tt01", document, PATHS)]


@pytest.mark.parametrize(
    "hint",
    [
        'Give it x-prefill "citizen.id_card" to fill it',
        "Xem $ref của thành phần",
        "Theo urn:formsvc:component:person",
        "Lấy từ citizen.full_name",
    ],
)
def test_developer_vocabulary_in_a_hint_is_an_error(hint: str) -> None:
    found = _findings(description=hint)
    assert any(s == "error" and "written for designers" in m for s, m in found), found


def test_english_prose_on_a_vietnamese_form_is_a_warning() -> None:
    found = _findings(description="The identity block, written once for every form")
    assert ("warning", found[0][1]) in found and "does not read as Vietnamese" in found[0][1]


def test_notes_for_designers_belong_in_comment() -> None:
    assert (
        _findings(
            description="Ghi rõ nội dung, ví dụ: đăng ký tạm trú",
            **{"$comment": 'Give it x-prefill "citizen.note" to fill it from the record'},
        )
        == []
    )
