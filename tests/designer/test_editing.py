"""The designer's operations: pure functions whose results pass the checker."""

from __future__ import annotations

import pytest

from formsvc.prefill import PATHS
from formsvc.schemas import FormDocument, check_document
from formsvc.schemas.editing import (
    EditError,
    add_field,
    delete_field,
    insert_component,
    iter_fields,
    move_field,
    nest_field,
    new_document,
    set_condition,
    set_meta,
    update_field,
)


def _base() -> dict:
    return new_document("tn-edit", "TN02", "Tờ khai thử", "UBND phường", "Quyết định 1/2026")


def _errors(document: dict) -> list:
    return [f for f in check_document("tn-edit", document, PATHS) if f.is_error]


def test_a_form_built_from_operations_passes_the_checker() -> None:
    doc = _base()
    doc = insert_component(doc, (), "applicant", "person", "Người khai", "citizen")
    doc = add_field(doc, (), "kind", "choice", "Loại yêu cầu")
    doc = update_field(doc, ("kind",), choices="new = Cấp mới\nrenew = Cấp lại", required=True)
    doc = add_field(doc, (), "reason", "textarea", "Lý do cấp lại")
    doc = set_condition(doc, ("reason",), "kind", "is", "renew")
    doc = add_field(doc, (), "email", "email", "Email")
    doc = update_field(doc, ("email",), prefill="citizen.email", locked=False)
    assert _errors(doc) == []
    nodes = FormDocument("tn-edit", doc).nodes()
    assert nodes[("reason",)].condition is not None
    assert nodes[("reason",)].condition.values == ("renew",)
    assert nodes[("applicant", "full_name")].prefill == "citizen.full_name"
    assert nodes[("email",)].locked is False
    assert doc["properties"]["kind"]["oneOf"][1] == {"const": "renew", "title": "Cấp lại"}


def test_the_input_document_is_never_changed() -> None:
    doc = _base()
    add_field(doc, (), "name", "text", "Tên")
    assert doc["properties"] == {}


def test_constraints_and_pattern_message() -> None:
    doc = add_field(_base(), (), "code", "text", "Mã hồ sơ")
    doc = update_field(
        doc, ("code",), min_length="2", max_length="10", pattern="^[A-Z0-9]+$",
        pattern_message="Chỉ gồm chữ in hoa và chữ số", hint="Ghi trên giấy hẹn",
    )  # fmt: skip
    field = doc["properties"]["code"]
    assert field["minLength"] == 2 and field["maxLength"] == 10
    assert field["x-errors"] == {"pattern": "Chỉ gồm chữ in hoa và chữ số"}
    assert field["description"] == "Ghi trên giấy hẹn"
    doc = update_field(doc, ("code",), max_length="", pattern="", pattern_message="")
    assert "maxLength" not in doc["properties"]["code"]
    assert "x-errors" not in doc["properties"]["code"]
    with pytest.raises(EditError):
        update_field(doc, ("code",), pattern="([")
    with pytest.raises(EditError):
        update_field(doc, ("code",), minimum="nhiều")


def test_reorder_nest_and_delete() -> None:
    doc = _base()
    for name in ("a", "b", "c"):
        doc = add_field(doc, (), name, "text", name.upper())
    doc = move_field(doc, ("c",), -1)
    assert list(doc["properties"]) == ["a", "c", "b"]
    doc = add_field(doc, (), "g", "group", "Nhóm")
    doc = update_field(doc, ("a",), required=True)
    doc = nest_field(doc, ("a",), ("g",))
    assert "a" not in doc["properties"] and doc["required"] == []
    assert doc["properties"]["g"]["properties"]["a"]["title"] == "A"
    assert doc["properties"]["g"]["required"] == ["a"]
    doc = add_field(doc, ("g",), "d", "number", "D")
    assert [f.key for f in iter_fields(doc)] == ["c", "b", "g", "g.a", "g.d"]
    doc = delete_field(doc, ("g", "a"))
    assert [f.key for f in iter_fields(doc)] == ["c", "b", "g", "g.d"]
    with pytest.raises(EditError):
        nest_field(doc, ("g",), ("g",))


def test_repeatable_group_fields_go_into_its_items() -> None:
    doc = add_field(_base(), (), "rows", "repeat", "Danh sách")
    doc = add_field(doc, ("rows",), "who", "text", "Họ tên")
    assert doc["properties"]["rows"]["items"]["properties"]["who"]["title"] == "Họ tên"


def test_condition_is_not_uses_else_and_can_be_removed() -> None:
    doc = add_field(_base(), (), "married", "boolean", "Đã kết hôn")
    doc = add_field(doc, (), "why", "text", "Lý do")
    doc = update_field(doc, ("why",), required=True)
    doc = set_condition(doc, ("why",), "married", "is_not", "true")
    (member,) = doc["allOf"]
    assert member["if"]["properties"] == {"married": {"const": True}}
    assert member["else"]["required"] == ["why"]
    fields = {f.key: f for f in iter_fields(doc)}
    assert fields["why"].condition == ("married", "is_not", True)
    assert fields["why"].required
    doc = set_condition(doc, ("why",))
    assert "allOf" not in doc and doc["required"] == ["why"]


def test_deleting_the_tested_field_releases_its_dependants() -> None:
    doc = add_field(_base(), (), "married", "boolean", "Đã kết hôn")
    doc = add_field(doc, (), "spouse", "text", "Vợ/chồng")
    doc = set_condition(doc, ("spouse",), "married", "is", "true")
    doc = delete_field(doc, ("married",))
    assert "allOf" not in doc and "spouse" in doc["properties"]


def test_bad_operations_say_why() -> None:
    doc = add_field(_base(), (), "a", "text", "A")
    with pytest.raises(EditError, match="Đã có"):
        add_field(doc, (), "a", "text", "A")
    with pytest.raises(EditError, match="Tên trường"):
        add_field(doc, (), "Họ tên", "text", "A")
    with pytest.raises(EditError):
        add_field(doc, (), "b", "spaceship", "B")
    with pytest.raises(EditError):
        delete_field(doc, ("missing",))
    with pytest.raises(EditError):
        set_condition(doc, ("a",), "a", "is", "x")
    with pytest.raises(EditError):
        insert_component(doc, (), "x", "passport")


def test_meta_edits_go_to_x_form() -> None:
    doc = set_meta(_base(), title="Tờ khai mới", procedure="Đăng ký", legal_basis="QĐ 2")
    assert doc["title"] == "Tờ khai mới"
    assert doc["x-form"]["procedure"] == "Đăng ký" and doc["x-form"]["legal_basis"] == "QĐ 2"
    doc = set_meta(doc, procedure="")
    assert "procedure" not in doc["x-form"]


def test_json_lines_follow_the_text_as_typed() -> None:
    from formsvc.schemas import Finding
    from formsvc.web.designer_json import locate, parse_document, problems_at_lines

    text = '{"a": 1,\n "b": {\n   "c": [1,\n     {"d": "x"}]}}'
    lines = locate(text)
    assert lines[("a",)] == 1 and lines[("b",)] == 2
    assert lines[("b", "c", 1, "d")] == 4
    (problem,) = problems_at_lines(text, [Finding(("b", "c", 1, "d", "e"), "sai")])
    assert problem.line == 4 and problem.where == "b.c[1].d.e"
    assert parse_document("[1]")[0] is None
    document, problems = parse_document('{"a": 1,\n"a": 2}')
    assert document is None and problems
