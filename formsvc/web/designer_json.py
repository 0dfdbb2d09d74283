"""The designer's JSON tab: the draft pretty-printed, and problems placed at their lines.

Staff fix a JSON Schema document in a text area; a finding at ``properties.email.format``
is only useful if it points at the line they see, in the text as they typed it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from formsvc import safejson
from formsvc.schemas import Finding
from formsvc.schemas.check import MAX_DEFINITION_DEPTH
from formsvc.schemas.walk import Pointer, display_path

__all__ = ["JsonProblem", "locate", "parse_document", "pretty", "problems_at_lines"]


@dataclass(frozen=True)
class JsonProblem:
    line: int  # 1-based; 0 when the problem has no place
    where: str
    message: str
    severity: str = "error"


def pretty(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def locate(text: str) -> dict[Pointer, int]:
    """JSON pointer → 1-based line where its value starts, in ``text`` as the person wrote it.

    ``text`` must be valid JSON; scalars are read by the standard decoder, so only the
    structure is walked here.
    """
    decoder = json.JSONDecoder()
    lines: dict[Pointer, int] = {}

    def value(index: int, pointer: Pointer) -> int:
        index = _skip(text, index)
        lines[pointer] = text.count("\n", 0, index) + 1
        opening = text[index]
        if opening not in "{[":
            return decoder.raw_decode(text, index)[1]
        closing, position = ("}" if opening == "{" else "]"), 0
        index = _skip(text, index + 1)
        if text[index] == closing:
            return index + 1
        while True:
            if opening == "{":
                key, index = scanstring(text, _skip(text, index) + 1)
                index = value(_skip(text, index) + 1, (*pointer, key))
            else:
                index = value(index, (*pointer, position))
                position += 1
            index = _skip(text, index)
            if text[index] != ",":
                return index + 1
            index += 1

    value(0, ())
    return lines


def parse_document(text: str) -> tuple[dict[str, Any] | None, list[JsonProblem]]:
    """(document, []) or (None, [the problem at its line])."""
    try:
        document = safejson.loads(text, max_depth=MAX_DEFINITION_DEPTH, unique_keys=True)
    except json.JSONDecodeError as error:
        message = f"JSON không hợp lệ (cột {error.colno}): {error.msg}"
        return None, [JsonProblem(error.lineno, f"dòng {error.lineno}", message)]
    except safejson.DuplicateKey as error:
        return None, [JsonProblem(0, "", f"JSON không hợp lệ: {error}")]
    except ValueError as error:  # NaN, a lone surrogate, nesting deeper than any form
        return None, [JsonProblem(0, "", f"JSON không dùng được ({error})")]
    if not isinstance(document, dict):
        return None, [JsonProblem(1, "dòng 1", "Biểu mẫu phải là một đối tượng JSON ({…})")]
    return document, []


def problems_at_lines(text: str, findings: Sequence[Finding]) -> list[JsonProblem]:
    """Each finding at the line of the deepest pointer prefix that exists in ``text``."""
    lines = locate(text)
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
