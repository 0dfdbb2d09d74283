"""Version diffs in the words staff use."""

from __future__ import annotations

from formsvc.schemas import FormDocument
from formsvc.schemas.diff import diff_documents
from formsvc.schemas.editing import (
    add_field,
    delete_field,
    insert_component,
    new_document,
    set_condition,
    set_meta,
    update_field,
)


def _texts(old: dict, new: dict) -> list[str]:
    return [c.text for c in diff_documents(FormDocument("f", old), FormDocument("f", new))]


def _base() -> dict:
    doc = new_document("f", "TN", "Tờ khai", "UBND", "QĐ 1")
    doc = add_field(doc, (), "email", "email", "Email")
    doc = add_field(doc, (), "job", "text", "Nghề nghiệp")
    return add_field(doc, (), "kind", "choice", "Loại")


def test_identical_documents_have_no_changes() -> None:
    assert _texts(_base(), _base()) == []


def test_required_added_removed_and_relabelled() -> None:
    old = _base()
    new = update_field(old, ("email",), required=True)
    new = delete_field(new, ("job",))
    new = add_field(new, (), "phone", "phone", "Số điện thoại")
    new = update_field(new, ("kind",), label="Loại yêu cầu", choices="a = A\nb = B")
    assert _texts(old, new) == [
        "Trường 'Email' chuyển thành bắt buộc",
        "Đổi nhãn trường 'Loại' thành 'Loại yêu cầu'",
        "Trường 'Loại yêu cầu' đổi danh sách lựa chọn",
        "Thêm trường 'Số điện thoại'",
        "Bỏ trường 'Nghề nghiệp'",
    ]
    english = diff_documents(FormDocument("f", old), FormDocument("f", new))[0].text_en
    assert english == "Field 'Email' is now required"


def test_metadata_prefill_condition_and_components() -> None:
    old = _base()
    new = set_meta(old, title="Tờ khai mới", legal_basis="QĐ 2")
    new = update_field(new, ("email",), prefill="citizen.email", max_length="80")
    new = set_condition(new, ("job",), "kind", "is", "1")
    new = insert_component(new, (), "applicant", "person", "Người khai", "citizen")
    texts = _texts(old, new)
    assert texts == [
        "Đổi tên biểu mẫu 'Tờ khai' thành 'Tờ khai mới'",
        "Đổi căn cứ pháp lý: 'QĐ 1' thành 'QĐ 2'",
        "Trường 'Email' được điền sẵn từ citizen.email",
        "Trường 'Email' đổi điều kiện kiểm tra",
        "Thêm trường 'Người khai'",
        "Trường 'Nghề nghiệp' đổi điều kiện hiển thị",
    ]
    assert _texts(new, old)[-1] == "Bỏ trường 'Người khai'"
