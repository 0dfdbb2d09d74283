"""The designer's JSON tab: the draft pretty-printed, and problems placed at their lines.

Staff fix a JSON Schema document in a text area; a finding at ``properties.email.format``
is only useful if it points at the line they see. The text is printed here (two-space
indent, as ``json.dumps``) while noting the line each JSON pointer starts on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from formsvc.schemas import Finding
from formsvc.schemas.check import _no_duplicate_keys
from formsvc.schemas.walk import Pointer, display_path

__all__ = ["JsonProblem", "parse_document", "pretty", "problems_at_lines"]


@dataclass(frozen=True)
class JsonProblem:
    line: int  # 1-based; 0 when the problem has no place
    where: str
    message: str
    severity: str = "error"


def pretty(document: Any) -> tuple[str, dict[Pointer, int]]:
    """(text, pointer → 1-based line); identical to ``json.dumps(indent=2)``."""
    lines: dict[Pointer, int] = {}
    out: list[str] = []
    row = [1]

    def emit(text: str) -> None:
        out.append(text)
        row[0] += text.count("\n")

    def write(value: Any, pointer: Pointer, indent: int) -> None:
        lines[pointer] = row[0]
        pad = "  " * (indent + 1)
        if isinstance(value, Mapping) and value:
            emit("{")
            for index, (key, item) in enumerate(value.items()):
                emit(("," if index else "") + "\n" + pad + json.dumps(key, ensure_ascii=False))
                emit(": ")
                write(item, (*pointer, key), indent + 1)
            emit("\n" + "  " * indent + "}")
        elif isinstance(value, list) and value:
            emit("[")
            for index, item in enumerate(value):
                emit(("," if index else "") + "\n" + pad)
                write(item, (*pointer, index), indent + 1)
            emit("\n" + "  " * indent + "]")
        else:
            emit(json.dumps(value, ensure_ascii=False))

    write(document, (), 0)
    return "".join(out), lines


def parse_document(text: str) -> tuple[dict[str, Any] | None, list[JsonProblem]]:
    """(document, []) or (None, [the problem at its line])."""
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        message = f"JSON không hợp lệ (cột {error.colno}): {error.msg}"
        return None, [JsonProblem(error.lineno, f"dòng {error.lineno}", message)]
    except ValueError as error:  # a duplicate key
        return None, [JsonProblem(0, "", f"JSON không hợp lệ: {error}")]
    if not isinstance(document, dict):
        return None, [JsonProblem(1, "dòng 1", "Biểu mẫu phải là một đối tượng JSON ({…})")]
    return document, []


def problems_at_lines(document: Any, findings: Sequence[Finding]) -> list[JsonProblem]:
    """Each finding at the line of the deepest pointer prefix that exists in the text."""
    _, lines = pretty(document)
    placed = []
    for finding in findings:
        pointer = tuple(finding.pointer)
        while pointer and pointer not in lines:
            pointer = pointer[:-1]
        line = lines.get(pointer, 1)
        placed.append(
            JsonProblem(line, display_path(finding.pointer), finding.message, finding.severity)
        )
    return sorted(placed, key=lambda p: p.line)
