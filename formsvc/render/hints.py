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


# (Vietnamese, English) wordings; the labels and choices put in them come from the definition
# in the page's language.
_WORDING: dict[str, tuple[str, str]] = {
    "alternative": (
        "{label}: chỉ điền nếu trường hợp của bạn là như vậy",
        "{label}: fill in only if this is your case",
    ),
    "unknown": (
        "Chỉ điền nếu áp dụng với trường hợp của bạn",
        "Fill in only if this applies to you",
    ),
    "dependent": ("Chỉ điền nếu đã điền «{control}»", "Fill in only if you answered “{control}”"),
    "if": ("Chỉ điền nếu «{control}» là {shown}", "Fill in only if “{control}” is {shown}"),
    "else": (
        "Chỉ điền nếu «{control}» không phải là {shown}",
        "Fill in only if “{control}” is not {shown}",
    ),
    "or": (" hoặc ", " or "),
    "quoted": ("«{}»", "“{}”"),
}


def _words(key: str, language: str) -> str:
    vietnamese, english = _WORDING[key]
    return english if language == "en" else vietnamese


def condition_hint(parent: Node, node: Node, language: str = "vi") -> str:
    """``language`` is the page's; pass nodes of the document in that language."""
    condition = node.condition
    if condition is None:
        return ""
    if condition.label:
        if condition.kind != "alternative":
            return condition.label
        return _words("alternative", language).format(label=condition.label)
    control = _sibling(parent, condition.field[-1]) if condition.field else None
    if control is None:
        return _words("unknown", language)
    if condition.kind == "dependent":
        return _words("dependent", language).format(control=control.title)
    quoted = _words("quoted", language)
    shown = _words("or", language).join(
        quoted.format(display(control.schema, value, language)) for value in condition.values
    )
    return _words(condition.kind, language).format(control=control.title, shown=shown)


def condition_values(node: Node) -> list[str]:
    """The controlling field's values, as the HTML form sends them, for the page script;
    ``""`` stands for "left empty" when the condition holds for an unanswered field."""
    if node.condition is None:
        return []
    values = [html_value(value) for value in node.condition.values]
    return [*values, ""] if node.condition.absent and "" not in values else values
