"""The field tree: references, prefill bases, arrays, conditions, order and recursion."""

from __future__ import annotations

from typing import Any

from formsvc.schemas import Condition, FormDocument
from formsvc.schemas.conditions import applies


def _tree(document: dict[str, Any]) -> FormDocument:
    return FormDocument("t", {"title": "t", "type": "object", **document})


def test_component_blocks_take_their_prefill_base_from_the_use_site() -> None:
    form = _tree(
        {
            "properties": {
                "applicant": {"$ref": "urn:formsvc:component:person", "x-prefill": "citizen"},
                "mother": {"$ref": "urn:formsvc:component:person", "x-prefill": "citizen.mother"},
                "child": {"$ref": "urn:formsvc:component:person", "title": "Người được khai sinh"},
            }
        }
    )
    nodes = form.nodes()
    assert nodes[("applicant", "full_name")].prefill == "citizen.full_name"
    assert nodes[("mother", "personal_id")].prefill == "citizen.mother.personal_id"
    assert nodes[("child", "full_name")].prefill is None
    assert nodes[("child",)].title == "Người được khai sinh"
    assert nodes[("mother", "sex")].locked and not nodes[("child", "sex")].locked


def test_absolute_prefill_wins_over_the_base() -> None:
    form = _tree(
        {
            "x-prefill": "citizen",
            "properties": {
                "head": {"type": "string", "x-prefill": "citizen.household.head.full_name"},
                "name": {"type": "string", "x-prefill": "full_name"},
            },
        }
    )
    assert [n.prefill for n in form.fields()] == [
        "citizen.household.head.full_name",
        "citizen.full_name",
    ]


def test_arrays_have_an_item_tree() -> None:
    form = _tree(
        {
            "properties": {
                "members": {
                    "type": "array",
                    "x-prefill": "citizen.household.members",
                    "items": {"$ref": "urn:formsvc:component:household-member"},
                }
            }
        }
    )
    members = form.nodes()[("members",)]
    assert members.kind == "array" and members.item is not None
    assert [c.name for c in members.item.children] == [
        "full_name",
        "date_of_birth",
        "sex",
        "personal_id",
        "relationship_to_head",
    ]
    assert all(c.in_array and c.prefill_key for c in members.item.children)
    assert [n.path for n in form.fields()] == [("members",)]


def test_x_order_comes_first_then_document_order() -> None:
    form = _tree(
        {
            "x-order": ["c", "a", "missing"],
            "properties": {
                "a": {"type": "string"},
                "b": {"type": "string"},
                "c": {"type": "string"},
            },
        }
    )
    assert [n.name for n in form.fields()] == ["c", "a", "b"]


def test_conditional_fields_carry_their_condition() -> None:
    form = _tree(
        {
            "properties": {
                "married": {"type": "boolean", "title": "Đã kết hôn"},
                "id_given": {"type": "string"},
            },
            "if": {"properties": {"married": {"const": True}}},
            "then": {"properties": {"spouse": {"type": "string"}}, "required": ["spouse"]},
            "else": {
                "x-condition": "Chỉ khai nếu chưa kết hôn",
                "properties": {"single_note": {"type": "string"}},
            },
            "dependentSchemas": {"id_given": {"properties": {"id_date": {"type": "string"}}}},
            "oneOf": [
                {"title": "Trong nước", "properties": {"ward": {"type": "string"}}},
                {"title": "Nước ngoài", "properties": {"country": {"type": "string"}}},
            ],
        }
    )
    nodes = form.nodes()
    # The ``if`` does not require "married", so it also holds when married is unanswered.
    assert nodes[("spouse",)].condition == Condition("if", ("married",), (True,), absent=True)
    assert nodes[("spouse",)].required  # required when its branch applies
    assert nodes[("single_note",)].condition == Condition(
        "else", ("married",), (True,), "Chỉ khai nếu chưa kết hôn", absent=True
    )
    assert nodes[("id_date",)].condition == Condition("dependent", ("id_given",))
    assert nodes[("ward",)].condition == Condition("alternative", None, (0,), "Trong nước")
    assert nodes[("country",)].condition == Condition("alternative", None, (1,), "Nước ngoài")
    assert nodes[("married",)].condition is None


def test_draft_07_definitions_dependencies_and_allof_refs() -> None:
    form = FormDocument(
        "d7",
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": "d7",
            "definitions": {"name": {"type": "string", "title": "Tên"}},
            "properties": {
                "a": {"title": "Tên gọi", "allOf": [{"$ref": "#/definitions/name"}]},
                "b": {"type": "string"},
            },
            "dependencies": {"b": {"properties": {"c": {"type": "string"}}}},
        },
    )
    nodes = form.nodes()
    assert nodes[("a",)].title == "Tên gọi" and nodes[("a",)].kind == "string"
    assert nodes[("c",)].condition == Condition("dependent", ("b",))


def test_recursive_references_stop_at_a_sane_depth() -> None:
    form = _tree(
        {
            "$defs": {
                "person": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "child": {"$ref": "#/$defs/person"},
                    },
                }
            },
            "properties": {"root": {"$ref": "#/$defs/person"}},
        }
    )
    depth = max(len(node.path) for node in form.root.walk())
    assert 5 <= depth <= 10


def test_an_if_without_required_holds_when_its_field_is_unanswered() -> None:
    """ "Residence only if no ID number is given": an empty ID keeps the residence question,
    a given ID drops it, exactly as the JSON Schema ``if`` decides."""
    form = _tree(
        {
            "properties": {"personal_id": {"type": "string"}},
            "if": {"properties": {"personal_id": {"const": ""}}},
            "then": {"properties": {"residence": {"type": "string"}}, "required": ["residence"]},
        }
    )
    condition = form.nodes()[("residence",)].condition
    assert condition == Condition("if", ("personal_id",), ("",), absent=True)
    assert applies(condition, {})
    assert applies(condition, {"personal_id": ""})
    assert not applies(condition, {"personal_id": "092080123451"})
