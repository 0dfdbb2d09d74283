""" "Only if …" hints for conditional questions, in the citizen's words.

Without JavaScript every conditional section is on the page; the hint tells people which
ones concern them. With JavaScript the same data drives showing and hiding.
"""

from __future__ import annotations

from formsvc.render.values import display, html_value
from formsvc.schemas import Node

__all__ = ["condition_hint", "condition_values"]


def _sibling(parent: Node, name: str) -> Node | None:
    return next((child for child in parent.children if child.name == name), None)


def condition_hint(parent: Node, node: Node) -> str:
    condition = node.condition
    if condition is None:
        return ""
    if condition.label:
        return (
            condition.label
            if condition.kind != "alternative"
            else (f"{condition.label}: chỉ điền nếu trường hợp của bạn là như vậy")
        )
    control = _sibling(parent, condition.field[-1]) if condition.field else None
    if control is None:
        return "Chỉ điền nếu áp dụng với trường hợp của bạn"
    if condition.kind == "dependent":
        return f"Chỉ điền nếu đã điền «{control.title}»"
    shown = " hoặc ".join(f"«{display(control.schema, value)}»" for value in condition.values)
    verb = "không phải là" if condition.kind == "else" else "là"
    return f"Chỉ điền nếu «{control.title}» {verb} {shown}"


def condition_values(node: Node) -> list[str]:
    """The controlling field's values, as the HTML form sends them, for the page script;
    ``""`` stands for "left empty" when the condition holds for an unanswered field."""
    if node.condition is None:
        return []
    values = [html_value(value) for value in node.condition.values]
    return [*values, ""] if node.condition.absent and "" not in values else values
