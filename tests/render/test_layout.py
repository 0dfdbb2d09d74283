"""The printed structure: numbering, hints, names of fillable inputs, robustness."""

from __future__ import annotations

from typing import Any

from formsvc.prefill import Origins
from formsvc.render.layout import Group, Item, Layout, Parties, PdfKind, Table, items
from formsvc.render.pdf import render_html
from formsvc.schemas import FormDocument

CHOICES = {"oneOf": [{"const": "a", "title": "Một"}, {"const": "b", "title": "Hai"}]}


def _layout(schema: dict[str, Any], data: dict[str, Any], kind: PdfKind) -> Layout:
    return Layout(FormDocument("t", {"title": "Thử", **schema}), data, Origins(), kind)


def test_groups_are_numbered_within_their_parent() -> None:
    schema = {
        "properties": {
            "a": {"type": "string", "title": "A"},
            "g": {"type": "object", "title": "G", "properties": {"b": {"type": "string"}}},
        }
    }
    first, group = _layout(schema, {"g": {"b": "x"}}, PdfKind.FILLED).body()
    assert isinstance(first, Item) and first.number == "1."
    assert isinstance(group, Group) and group.number == "2."
    (inner,) = group.blocks
    assert isinstance(inner, Item) and (inner.number, inner.name, inner.text) == (
        "2.1.",
        "g-b",
        "x",
    )


def test_hints_are_derived_for_every_kind_of_condition() -> None:
    schema = {
        "properties": {
            "kind": {"type": "string", "title": "Loại", **CHOICES},
            "x": {"type": "string", "title": "X"},
        },
        "if": {"properties": {"kind": {"const": "a"}}},
        "then": {"properties": {"then_field": {"type": "string"}}},
        "else": {"properties": {"else_field": {"type": "string"}}},
        "dependentSchemas": {"x": {"properties": {"dependent_field": {"type": "string"}}}},
    }
    blank = {item.name: item.hint for item in items(_layout(schema, {}, PdfKind.BLANK).body())}
    assert blank["then_field"] == "Chỉ khai nếu “Loại” là Một"
    assert blank["else_field"] == "Chỉ khai nếu “Loại” không phải là Một"
    assert blank["dependent_field"] == "Chỉ khai nếu có khai mục “X”"
    filled = {item.name for item in items(_layout(schema, {"kind": "b"}, PdfKind.FILLED).body())}
    assert filled == {"kind", "x", "else_field"}


def test_a_list_of_choices_is_ticked_options() -> None:
    schema = {
        "properties": {
            "many": {"type": "array", "title": "Nhiều", "items": {"type": "string", **CHOICES}}
        }
    }
    (item,) = _layout(schema, {"many": ["b"]}, PdfKind.FILLED).body()
    assert isinstance(item, Item) and item.text == "Hai" and item.multiple
    assert [(choice.label, choice.checked) for choice in item.choices] == [
        ("Một", False),
        ("Hai", True),
    ]
    html = render_html(FormDocument("t", {"title": "Thử", **schema}), {}, kind=PdfKind.FILLABLE)
    assert 'name="many-0" value="a"' in html and 'name="many-1" value="b"' in html


def test_tables_have_a_row_to_write_on_even_when_nothing_was_declared() -> None:
    schema = {
        "properties": {
            "rows": {
                "type": "array",
                "title": "Bảng",
                "items": {"type": "object", "properties": {"c": {"type": "string", "title": "C"}}},
            }
        }
    }
    (filled,) = _layout(schema, {}, PdfKind.FILLED).body()
    (blank,) = _layout(schema, {}, PdfKind.BLANK).body()
    assert isinstance(filled, Table) and len(filled.rows) == 1
    assert isinstance(blank, Table) and [row[0].name for row in blank.rows] == [
        f"rows-{i}-c" for i in range(4)
    ]


def test_options_naming_missing_fields_do_not_break_printing() -> None:
    document = FormDocument(
        "t",
        {
            "title": "Thử",
            "x-form": {
                "agency": "UBND xã",
                "pdf": {
                    "addressee_field": "nope",
                    "copies_field": "nope",
                    "columns": {
                        "title": "T",
                        "parties": [{"field": "nope", "title": "N"}, {"field": "a", "title": "A"}],
                    },
                },
            },
            "properties": {"a": {"type": "string", "title": "A"}},
        },
    )
    html = render_html(document, {"a": "x"})
    assert "Kính gửi: UBND xã" in html and "bản sao" not in html
    blocks = Layout(document, {"a": "x"}, Origins(), PdfKind.FILLED).body()
    assert not any(isinstance(block, Parties) for block in blocks)


def test_a_verified_list_marks_its_cells() -> None:
    schema = {
        "properties": {
            "rows": {
                "type": "array",
                "title": "Bảng",
                "items": {"type": "object", "properties": {"c": {"type": "string", "title": "C"}}},
            }
        }
    }
    document = FormDocument("t", {"title": "Thử", **schema})
    layout = Layout(
        document, {"rows": [{"c": "x"}, {}]}, Origins(frozenset({("rows",)})), PdfKind.FILLED
    )
    (table,) = layout.body()
    assert isinstance(table, Table)
    assert [row[0].verified for row in table.rows] == [True, False]  # an empty cell is not


def test_filled_items_carry_the_three_marks_apart() -> None:
    schema = {"properties": {k: {"type": "string", "title": k.upper()} for k in "abc"}}
    document = FormDocument("t", {"title": "Thử", **schema})
    origins = Origins(frozenset({("a",)}), frozenset({("b",)}), {("a",): "sai"})
    data = {"a": "x", "b": "y", "c": "z"}
    a, b, c = Layout(document, data, origins, PdfKind.FILLED).body()
    assert isinstance(a, Item) and isinstance(b, Item) and isinstance(c, Item)
    assert (a.verified, a.prefilled, a.dispute) == (True, False, "sai")
    assert (b.verified, b.prefilled, b.dispute) == (False, True, "")
    assert (c.verified, c.prefilled, c.dispute) == (False, False, "")


def test_a_filled_form_shows_a_question_whose_condition_holds_for_the_answers() -> None:
    schema = {
        "properties": {
            "kind": {"type": "string", "title": "Loại", "enum": ["a", "b"]},
        },
        "oneOf": [
            {"title": "X", "properties": {"x": {"type": "string", "title": "X"}}},
            {"title": "Y", "properties": {"y": {"type": "string", "title": "Y"}}},
        ],
        "required": ["kind"],
        "if": {"properties": {"kind": {"const": "a"}}, "required": ["kind"]},
        "then": {"properties": {"only_a": {"type": "string", "title": "Chỉ A"}}},
        "else": {"properties": {"not_a": {"type": "string", "title": "Không phải A"}}},
    }
    document = FormDocument("t", {"title": "Thử", **schema})

    def labels(data: dict[str, object]) -> list[str]:
        return [
            item.label for item in items(Layout(document, data, Origins(), PdfKind.FILLED).body())
        ]

    assert labels({"kind": "a"}) == ["Loại", "Chỉ A"]
    # Unanswered, the ``if`` (which requires "kind") fails: the ``else`` branch applies.
    assert labels({}) == ["Loại", "Không phải A"]
    # An alternative of ``oneOf`` cannot be stated simply: shown only when answered.
    assert labels({"kind": "b", "y": "v"}) == ["Loại", "Không phải A", "Y"]
