"""Which conditional questions apply to a set of answers.

Without JavaScript every conditional section is on the page, so people may answer
questions that turn out not to apply. The server decides from the submitted data: answers
to branches that do not apply are dropped before validation and never stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from formsvc.schemas.document import Condition, Node

__all__ = ["applies", "prune_inactive"]


def applies(condition: Condition | None, siblings: Mapping[str, Any]) -> bool:
    """Whether a condition holds, given the answers of the object it belongs to.

    Conditions this service cannot state simply (an ``if`` with several keywords, a choice
    between alternatives) are treated as holding; the schema still validates the result.
    """
    if condition is None or condition.field is None:
        return True
    value = siblings.get(condition.field[-1])
    if condition.kind == "dependent":
        return value not in (None, "", [], {})
    unanswered = value in (None, "", [], {})
    holds = value in condition.values or (unanswered and condition.absent)
    return not holds if condition.kind == "else" else holds


def prune_inactive(root: Node, instance: dict[str, Any]) -> dict[str, Any]:
    """``instance`` without answers to questions whose condition does not hold (in place)."""
    _prune(root, instance)
    return instance


def _prune(node: Node, value: Any) -> None:
    if node.item is not None and isinstance(value, list):
        for element in value:
            _prune(node.item, element)
        return
    if not isinstance(value, dict):
        return
    for child in node.children:
        if child.name in value and not applies(child.condition, value):
            del value[child.name]
        else:
            _prune(child, value.get(child.name))
