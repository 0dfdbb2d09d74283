"""Checks across fields that JSON Schema cannot express: an ID number agreeing with its person.

A personal ID number encodes sex, century and year of birth. When the same object (a person
block) holds ``personal_id`` beside ``sex`` or ``date_of_birth``, they must agree, or the
number was mistyped or belongs to someone else.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from formsvc import identity
from formsvc.schemas.document import Node
from formsvc.schemas.errors import FieldError

__all__ = ["EACH", "MISMATCH", "identity_mismatches", "person_blocks"]

MISMATCH = (
    "Số định danh cá nhân không khớp với giới tính hoặc năm sinh đã khai",
    "The personal ID number does not match the sex or year of birth given",
)


# Where a person block sits: property names, with EACH standing for every row of an array.
Steps = tuple[str, ...]
EACH = "[]"


def person_blocks(root: Node) -> tuple[Steps, ...]:
    """Every object holding ``personal_id`` beside ``sex`` or ``date_of_birth``.

    Matching by the standard person component's names, not by format, keeps a second ID on
    the same level (the household head's, on CT01) out of the comparison. Found once per
    form version, so validating an instance only visits these places.
    """
    return tuple(_blocks(root, ()))


def _blocks(node: Node, steps: Steps) -> Iterator[Steps]:
    if node.item is not None:
        yield from _blocks(node.item, (*steps, EACH))
    names = {child.name for child in node.children}
    if "personal_id" in names and names & {"sex", "date_of_birth"}:
        yield steps
    for child in node.children:
        yield from _blocks(child, (*steps, child.name))


def identity_mismatches(blocks: tuple[Steps, ...], instance: Any) -> list[FieldError]:
    return [
        FieldError((*at, "personal_id"), "x-personal-id", *MISMATCH)
        for steps in blocks
        for at, person in _locate(instance, steps, ())
        if not _agrees(person)
    ]


def _locate(
    value: Any, steps: Steps, at: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Mapping[str, Any]]]:
    if not steps:
        if isinstance(value, Mapping):
            yield at, value
    elif steps[0] == EACH and isinstance(value, list):
        for index, element in enumerate(value):
            yield from _locate(element, steps[1:], (*at, index))
    elif isinstance(value, Mapping):
        yield from _locate(value.get(steps[0]), steps[1:], (*at, steps[0]))


def _agrees(person: Mapping[str, Any]) -> bool:
    number = person.get("personal_id")
    parsed = identity.parse(number) if isinstance(number, str) else None
    if parsed is None:
        return True  # absent or malformed: the format keyword reports it
    sex = person.get("sex")
    try:
        born = date.fromisoformat(person.get("date_of_birth"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        born = None
    return parsed.agrees_with(sex if sex in ("male", "female") else None, born)
