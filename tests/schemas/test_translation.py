"""English form content written in the definition (``x-en``): declared, checked, applied."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from formsvc.prefill import PATHS, Origins
from formsvc.render import answers, form_class
from formsvc.schemas import FormDocument, check_document, check_structure
from formsvc.schemas.catalogue import CompiledForm
from formsvc.schemas.references import COMPONENTS_DIR
from formsvc.schemas.translation import Coverage, translate

ROOT = Path(__file__).resolve().parents[2]


def _form(**properties: Any) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Tờ khai thử",
        "x-form": {"code": "TT01", "legal_basis": "Thông tư thử", "agency": "Ủy ban nhân dân xã"},
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


def _errors(document: dict[str, Any]) -> list[str]:
    findings = check_document("tt01", document, PATHS)
    return [f"{'.'.join(map(str, f.pointer))}: {f.message}" for f in findings if f.is_error]


def test_a_well_formed_translation_passes() -> None:
    document = _form(
        sex={
            "type": "string",
            "title": "Giới tính",
            "description": "Theo giấy khai sinh",
            "x-en": {"title": "Sex", "description": "As on the birth certificate"},
            "oneOf": [{"const": "male", "title": "Nam", "x-en": {"title": "Male"}}],
        }
    )
    document["x-en"] = {"title": "Test form"}
    document["x-form"]["notes"] = ["Một ghi chú"]
    document["x-form"]["x-en"] = {"agency": "Commune People's Committee", "notes": ["A note"]}
    assert _errors(document) == []


@pytest.mark.parametrize(
    "block",
    [
        "Full name",  # not an object
        {},  # translates nothing
        {"title": ""},  # empty text
        {"title": 3},
        {"label": "Full name"},  # not a translatable key
        {"x-prefill": "citizen.full_name"},
        {"en": {"title": "Full name"}},  # nested by language: not the vocabulary
    ],
)
def test_the_meta_schema_refuses_a_malformed_translation(block: Any) -> None:
    document = _form(full_name={"type": "string", "title": "Họ tên", "x-en": block})
    problems = check_structure("tt01", document)
    assert any("x-en" in map(str, p.pointer) for p in problems), problems


@pytest.mark.parametrize(
    "block", [{"code": "TT01"}, {"pdf": {"code_line": "Form TT01"}}, {"agency": ""}, []]
)
def test_the_meta_schema_refuses_a_malformed_x_form_translation(block: Any) -> None:
    document = _form()
    document["x-form"]["x-en"] = block
    assert check_structure("tt01", document)


def test_other_language_keywords_are_unknown() -> None:
    document = _form(full_name={"type": "string", "title": "Họ tên", "x-fr": {"title": "Nom"}})
    assert any("x-fr" in p.message for p in check_structure("tt01", document))


def test_a_translation_of_nothing_is_an_error() -> None:
    """An x-en title beside a $ref without its own title would silently never show."""
    document = _form(
        full_name={
            "$ref": "urn:formsvc:component:person#/$defs/full_name",
            "x-en": {"title": "Applicant's full name"},
        }
    )
    document["x-form"]["x-en"] = {"procedure": "Residence registration"}
    errors = _errors(document)
    assert any(e.startswith("properties.full_name.x-en.title:") for e in errors), errors
    assert any(e.startswith("x-form.x-en.procedure:") for e in errors), errors


def _translated(document: dict[str, Any]) -> FormDocument:
    return FormDocument("tt01", document).in_language("en")


def test_english_replaces_vietnamese_where_given_and_the_original_is_untouched() -> None:
    document = _form(
        sex={
            "type": "string",
            "title": "Giới tính",
            "x-en": {"title": "Sex"},
            "oneOf": [
                {"const": "male", "title": "Nam", "x-en": {"title": "Male"}},
                {"const": "female", "title": "Nữ"},
            ],
        }
    )
    original = copy.deepcopy(document)
    english = _translated(document)
    (sex,) = english.fields()
    assert sex.title == "Sex"
    assert [o["title"] for o in sex.schema["oneOf"]] == ["Male", "Nữ"]
    assert english.lang_of("Sex") == "en" and english.lang_of("Nữ") == "vi"
    assert english.coverage is Coverage.PARTIAL
    assert document == original
    assert FormDocument("tt01", document).in_language("vi").fields().__next__().title == "Giới tính"


def test_a_local_title_over_a_reference_keeps_its_own_language() -> None:
    """The mother's block must not be called "Parent" because its definition is."""
    document = _form(
        mother={"$ref": "#/$defs/parent", "title": "Mẹ"},
        father={"$ref": "#/$defs/parent", "title": "Cha", "x-en": {"title": "Father"}},
        child_name={"$ref": "urn:formsvc:component:person#/$defs/full_name", "title": "Tên con"},
    )
    document["$defs"] = {
        "parent": {
            "type": "object",
            "title": "Cha hoặc mẹ",
            "x-en": {"title": "Parent"},
            "properties": {
                "name": {"type": "string", "title": "Họ tên", "x-en": {"title": "Name"}}
            },
        }
    }
    english = _translated(document)
    titles = {node.path: node.title for node in english.root.walk()}
    assert titles[("mother",)] == "Mẹ" and english.lang_of("Mẹ") == "vi"
    assert titles[("father",)] == "Father"
    assert titles[("mother", "name")] == "Name"
    assert titles[("child_name",)] == "Tên con"


def test_a_form_without_english_is_vietnamese_only() -> None:
    english = _translated(_form(note={"type": "string", "title": "Ghi chú"}))
    assert english.coverage is Coverage.NONE
    assert english.title == "Tờ khai thử" and english.lang_of("Tờ khai thử") == "vi"


def test_ct01_is_wholly_in_english() -> None:
    document = json.loads((ROOT / "form_definitions/ct01.json").read_text(encoding="utf-8"))
    english = FormDocument("ct01", document).in_language("en")
    assert english.coverage is Coverage.FULL
    assert english.title == "Declaration of changes to residence information"
    assert english.meta["agency"] == "Commune-level police"


@pytest.mark.parametrize("path", sorted(COMPONENTS_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_component_is_wholly_in_english(path: Path) -> None:
    assert translate(json.loads(path.read_text(encoding="utf-8")), "en").untranslated == set()


def test_english_messages_name_the_field_in_english() -> None:
    document = _form(
        full_name={"type": "string", "title": "Họ tên", "x-en": {"title": "Full name"}},
        note={"type": "string", "title": "Ghi chú", "maxLength": 3},
    )
    document["required"] = ["full_name"]
    errors = CompiledForm("tt01", 1, document).validate({"note": "dài quá"})
    assert [(e.message, e.message_en) for e in errors] == [
        ("Họ tên là bắt buộc", "Full name is required"),
        ("Ghi chú không được dài quá 3 ký tự", "Ghi chú must be at most 3 characters"),
    ]


def test_draft_07_definitions_and_dependencies_are_translated() -> None:
    document = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Tờ khai",
        "type": "object",
        "properties": {
            "has_id": {"type": "boolean", "title": "Có số định danh", "x-en": {"title": "Has ID"}},
            "person": {"$ref": "#/definitions/person"},
        },
        "definitions": {
            "person": {"type": "string", "title": "Người", "x-en": {"title": "Person"}}
        },
        "dependencies": {
            "has_id": {
                "x-condition": "Chỉ khai nếu có số",
                "x-en": {"x-condition": "Only if you have one"},
                "properties": {"number": {"type": "string", "title": "Số"}},
            }
        },
    }
    assert check_structure("tt07", document) == []
    english = _translated(document)
    labels = {node.path: node.title for node in english.root.walk()}
    assert labels[("has_id",)] == "Has ID" and labels[("person",)] == "Person"
    (number,) = [n for n in english.root.walk() if n.path == ("number",)]
    assert number.condition is not None and number.condition.label == "Only if you have one"
    assert english.lang_of("Số") == "vi"


def test_errors_in_groups_name_the_group_and_row_in_each_language() -> None:
    document = _form(
        party={
            "type": "object",
            "title": "Bên nữ",
            "x-en": {"title": "Bride"},
            "properties": {"born": {"type": "string", "format": "date", "title": "Ngày sinh"}},
        },
        stays={
            "type": "array",
            "title": "Quá trình cư trú",
            "items": {
                "type": "object",
                "properties": {"since": {"type": "string", "title": "Từ ngày"}},
                "required": ["since"],
            },
        },
    )
    errors = CompiledForm("tt01", 1, document).validate(
        {"party": {"born": "2024-02-31"}, "stays": [{"since": "x"}, {}]}
    )
    assert [(e.message, e.message_en) for e in errors] == [
        (
            "Bên nữ: Ngày sinh: ngày 31/02/2024 không có trên lịch",
            "Bride: Ngày sinh: 31/02/2024 is not a real date",
        ),
        (
            "Quá trình cư trú, dòng 2: Từ ngày là bắt buộc",
            "Quá trình cư trú, row 2: Từ ngày is required",
        ),
    ]


def test_pages_in_english_word_yes_no_choose_and_unnamed_alternatives_in_english() -> None:
    document = _form(
        married={"type": "boolean", "title": "Đã kết hôn", "x-en": {"title": "Married"}},
        place={"type": "string", "title": "Nơi", "enum": ["a", "b", "c", "d", "e", "f"]},
        raw={"type": "object", "title": "Dữ liệu", "x-widget": "json"},
    )
    document["oneOf"] = [{"properties": {"x": {"type": "string"}}}]
    form = CompiledForm("tt01", 1, document)
    english = form.document.in_language("en")
    labels = {doc.language: [n.condition.label for n in doc.root.walk() if n.name == "x"]
              for doc in (form.document, english)}  # fmt: skip
    assert labels == {"vi": ["Phương án 1"], "en": ["Option 1"]}

    def words(language: str) -> tuple[list[str], str, str]:
        cls = form_class(form, language)
        return (
            [choice.label for choice in cls.married.kwargs["choices"]],
            cls.place.kwargs["choices"][0].label,
            cls.raw.kwargs["description"],
        )

    assert words("en") == (
        ["Yes", "No"],
        "— Select —",
        'Enter the data as JSON, e.g. {"key": "value"}',
    )
    assert words("vi")[:2] == (["Có", "Không"], "— Chọn —")
    for shown, expected in ((english, ("Married", "Yes")), (form.document, ("Đã kết hôn", "Có"))):
        (item, *_) = answers(shown, {"married": True}, Origins.fresh({})).blocks
        assert (item.label, item.text) == expected
