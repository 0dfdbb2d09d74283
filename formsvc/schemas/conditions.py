"""Which conditional questions apply to a set of answers.

Without JavaScript every conditional section is on the page, so people may answer
questions that turn out not to apply. The server decides from the submitted data: answers
to branches that do not apply are dropped before validation and never stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from formsvc.schemas.document import Condition, Node

__all__ = ["applies", "prune_inactive", "relevant"]


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


def relevant(node: Node, siblings: Any) -> bool:
    """Whether an answer page or a filled PDF shows ``node``, given the answers of its object.

    A question applies when its condition holds; one whose condition cannot be stated simply
    (an alternative of ``oneOf``) is shown only when answered, since the stored data (pruned on
    the way in) holds answers only to questions that apply.
    """
    if node.condition is None:
        return True
    answers = siblings if isinstance(siblings, Mapping) else {}
    if answers.get(node.name) not in (None, "", [], {}):
        return True
    return node.condition.field is not None and applies(node.condition, answers)


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
