"""``formsvc forms check``: the catalogue passes; broken definitions fail, each with a
message naming the problem, and nothing crashes the tool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from formsvc.prefill import PATHS
from formsvc.schemas import check_document, check_file
from formsvc.schemas.references import COMPONENTS_DIR
from tests.conftest import FORM_DEFINITIONS

CATALOGUE = sorted(FORM_DEFINITIONS.glob("*.json"))
COMPONENTS = sorted(COMPONENTS_DIR.glob("*.json"))


def _form(**properties: Any) -> dict[str, Any]:
    return {
        "title": "Tờ khai thử",
        "x-form": {"code": "T01", "legal_basis": "Thông tư thử", "agency": "UBND phường"},
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


def _messages(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f.severity, f.message) for f in check_document("t", document, PATHS)]


@pytest.mark.parametrize("path", CATALOGUE, ids=[p.name for p in CATALOGUE])
def test_every_catalogue_form_passes(path: Path) -> None:
    errors = [f.line(path.name) for f in check_file(path, PATHS) if f.is_error]
    assert errors == []


@pytest.mark.parametrize("path", COMPONENTS, ids=[p.name for p in COMPONENTS])
def test_components_are_valid_definitions(path: Path) -> None:
    assert [f.message for f in check_file(path, PATHS) if f.is_error] == []


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (
            {"$ref": "https://example.com/person.json"},
            "cannot resolve $ref 'https://example.com/person.json'",
        ),
        ({"$ref": "file:///etc/passwd"}, "cannot resolve $ref 'file:///etc/passwd'"),
        (
            {"$ref": "urn:formsvc:component:nobody"},
            "cannot resolve $ref 'urn:formsvc:component:nobody'",
        ),
        (
            {"type": "string", "x-prefill-locked": "yes"},
            "x-prefill-locked: 'yes' is not of type 'boolean'",
        ),
        ({"type": "string", "x-widget": "slider"}, "x-widget: 'slider' is not one of"),
        (
            {"type": "string", "x-prefil": "citizen.full_name"},
            "unknown extension keyword 'x-prefil'",
        ),
        (
            {"type": "string", "x-prefill": "citizen.shoe_size"},
            "unknown prefill path 'citizen.shoe_size'",
        ),
        (
            {"type": "string", "x-prefill": "Citizen Name"},
            "x-prefill: 'Citizen Name' does not match",
        ),
        (
            {
                "type": "object",
                "x-prefill": "citizen.nobody",
                "properties": {"n": {"type": "string", "x-prefill": "full_name"}},
            },
            "unknown prefill path 'citizen.nobody.full_name'",
        ),
        ({"type": "string", "pattern": "(unclosed"}, "pattern does not compile"),
        ({"type": "strin"}, "type: 'strin' is not valid"),
        ({"type": "string", "maxLength": "20"}, "maxLength: '20' is not of type 'integer'"),
    ],
)
def test_broken_fields_fail_with_a_message_naming_the_problem(
    field: dict[str, Any], expected: str
) -> None:
    errors = [message for severity, message in _messages(_form(a=field)) if severity == "error"]
    assert any(expected in message for message in errors), errors


def test_x_form_value_types_are_checked() -> None:
    document = _form(a={"type": "string"})
    document["x-form"] = {"code": 1, "agency": "x", "legal_basis": "y", "pdf": {"colour": "red"}}
    errors = {message for severity, message in _messages(document) if severity == "error"}
    assert "code: 1 is not of type 'string'" in errors
    assert any("'colour' was unexpected" in message for message in errors)


def test_required_property_that_does_not_exist() -> None:
    document = {**_form(a={"type": "string"}), "required": ["a", "b"]}
    assert ("error", "required property 'b' is not defined") in _messages(document)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            _form(sex={"type": "string", "enum": ["male", "female"]}),
            "enum values without human labels",
        ),
        (
            _form(
                a={"type": "string", "title": "Họ tên"}, b={"type": "string", "title": "Họ tên "}
            ),
            "duplicate label 'Họ tên '",
        ),
        (_form(personal_id={"type": "string", "title": "Số CCCD"}), "reuse opportunity"),
        (_form(x={"type": "string", "title": "Số định danh cá nhân"}), "reuse opportunity"),
        (
            {**_form(a={"type": "string"}), "x-order": ["a", "zz"]},
            "x-order names unknown property 'zz'",
        ),
        (
            {**_form(a={"type": "string"}), "x-form": None}
            | {
                "x-form": {"code": "A", "legal_basis": "B", "agency": "C"},
                "properties": {"a": {"type": "string", "format": "colour"}},
            },
            "format 'colour' is not checked",
        ),
    ],
)
def test_lint_warnings(document: dict[str, Any], expected: str) -> None:
    messages = _messages(document)
    assert any(severity == "warning" and expected in message for severity, message in messages), (
        messages
    )
    assert not [m for severity, m in messages if severity == "error"]


def test_child_block_without_prefill_is_not_a_reuse_opportunity() -> None:
    document = _form(
        child={
            "type": "object",
            "title": "Người được khai sinh",
            "properties": {"full_name": {"type": "string", "title": "Họ, chữ đệm và tên"}},
        }
    )
    assert not [m for _, m in _messages(document) if "reuse opportunity" in m]


CHOICE = {
    "type": "string",
    "title": "Giới tính",
    "oneOf": [{"const": "male", "title": "Nam"}, {"const": "female", "title": "Nữ"}],
}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (
            {"if": {"properties": {"sex": {"const": "other"}}}, "then": {"required": ["note"]}},
            "unreachable: 'sex' can never be 'other'",
        ),
        (
            {
                "if": {"properties": {"sex": {"enum": ["male", "female"]}}},
                "then": {},
                "else": {"required": ["note"]},
            },
            "every allowed value of 'sex' satisfies the if",
        ),
        ({"if": False, "then": {"required": ["note"]}}, "the if is false"),
        (
            {"if": {"properties": {"colour": {"const": "red"}}}, "then": {}},
            "condition on unknown field 'colour'",
        ),
    ],
)
def test_unreachable_branches(condition: dict[str, Any], expected: str) -> None:
    document = {**_form(sex=CHOICE, note={"type": "string", "title": "Ghi chú"}), **condition}
    assert any(expected in message for _, message in _messages(document)), _messages(document)


def test_reachable_branch_is_not_flagged() -> None:
    condition = {"if": {"properties": {"sex": {"const": "female"}}}, "then": {"required": ["note"]}}
    document = {**_form(sex=CHOICE, note={"type": "string", "title": "Ghi chú"}), **condition}
    assert not [m for _, m in _messages(document) if "unreachable" in m]


def test_draft_07_documents_are_checked_with_their_own_meta_schema() -> None:
    document = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        **_form(a={"$ref": "#/definitions/a"}, b={"type": "array", "items": [{"type": "string"}]}),
        "definitions": {"a": {"type": "string", "title": "A", "x-widget": "slider"}},
        "dependencies": {"a": ["b"]},
    }
    errors = [m for severity, m in _messages(document) if severity == "error"]
    assert len(errors) == 1 and "x-widget: 'slider' is not one of" in errors[0]


def test_document_without_schema_is_2020_12() -> None:
    document = _form(b={"type": "array", "items": [{"type": "string"}]}, c={"$ref": "#/$defs/c"})
    document["$defs"] = {"c": {"type": "string", "title": "C"}}
    assert any("is not of type 'object', 'boolean'" in m for _, m in _messages(document))


def test_undeclared_draft_07_document_is_read_as_draft_07() -> None:
    """Published schemas often omit $schema; written in draft-07 only, they mean draft-07."""
    document = {
        **_form(
            a={"type": "string", "title": "A"},
            b={"type": "array", "items": [{"type": "string", "title": "B"}]},
        ),
        "definitions": {"x": {"type": "string"}},
        "dependencies": {"b": ["a"]},
    }
    assert not [m for severity, m in _messages(document) if severity == "error"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"title": "x",\n  "type": }', "invalid JSON at line 2, column 11"),
        ('{"title": "a", "title": "b"}', "duplicate key 'title'"),
        ("[1, 2]", "a form definition must be a JSON object"),
        ('{"title": "x", "maximum": Infinity}', "Infinity is not JSON"),
        ('{"title": "x", "a": ' + "[" * 5_000 + "]" * 5_000 + "}", "nested too deeply"),
        ('{"title": "x", "a": ' + "[" * 200 + "]" * 200 + "}", "nested more than 128 levels"),
        (b"\xff\xfe{}", "cannot read the file"),
    ],
)
def test_unusable_files(tmp_path: Path, content: str | bytes, expected: str) -> None:
    path = tmp_path / "f.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    findings = check_file(path, PATHS)
    assert len(findings) == 1 and expected in findings[0].message and findings[0].is_error


def test_cli_reports_lines_and_exit_codes(app: Flask, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(_form(a={"type": "string", "x-prefill": "citizen.nope"})))
    warned = tmp_path / "warned.json"
    warned.write_text(json.dumps(_form(personal_id={"type": "string", "title": "Số"})))
    runner = app.test_cli_runner()

    failed = runner.invoke(args=["forms", "check", str(broken), str(warned)])
    assert failed.exit_code == 1
    assert f"{broken}: a.x-prefill: error: unknown prefill path 'citizen.nope'" in failed.output
    assert f"{warned}: personal_id: warning: reuse opportunity" in failed.output
    assert "2 file(s) checked: 1 error(s), 1 warning(s)" in failed.output

    assert runner.invoke(args=["forms", "check", str(warned)]).exit_code == 0
    catalogue = runner.invoke(args=["forms", "check"])
    assert catalogue.exit_code == 0, catalogue.output


def test_x_order_may_place_conditional_fields() -> None:
    document = {
        **_form(personal_id={"type": "string"}),
        "x-order": ["personal_id", "residence"],
        "if": {"properties": {"personal_id": {"const": ""}}},
        "then": {"properties": {"residence": {"type": "string"}}},
    }
    assert not any("x-order" in message for _, message in _messages(document))


def test_conditions_in_all_of_members_test_the_enclosing_object() -> None:
    """Several "only if" sections on one object are written as allOf members of if/then."""
    choice = {
        "type": "string",
        "oneOf": [{"const": "a", "title": "A"}, {"const": "b", "title": "B"}],
    }
    document = {
        **_form(status=choice),
        "allOf": [
            {"if": {"properties": {"status": {"const": "a"}}}, "then": {"properties": {"x": {}}}},
            {"if": {"properties": {"status": {"const": "b"}}}, "then": {"properties": {"y": {}}}},
        ],
    }
    assert not any("unknown field" in message for _, message in _messages(document))


def test_branch_fields_refused_by_additional_properties_are_errors(tmp_path: Path) -> None:
    document = {
        "title": "Thử nhánh bị đóng",
        "type": "object",
        "additionalProperties": False,
        "properties": {"has_id": {"type": "boolean", "title": "Có số định danh"}},
        "if": {"properties": {"has_id": {"const": False}}, "required": ["has_id"]},
        "then": {"properties": {"residence": {"type": "string", "title": "Nơi cư trú"}}},
    }
    path = tmp_path / "closed.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (finding,) = [f for f in check_file(path, PATHS) if "residence" in f.message]
    assert finding.is_error and finding.pointer == ("additionalProperties",)
    document["unevaluatedProperties"] = document.pop("additionalProperties")
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert not [f for f in check_file(path, PATHS) if f.is_error]
