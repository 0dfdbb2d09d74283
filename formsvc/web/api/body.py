"""Reading a JSON request body safely: bounded in size, an object, or a 4xx problem."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from formsvc.schemas import FieldError
from formsvc.web.api.problems import Problem

__all__ = ["MAX_BODY", "MAX_DEPTH", "json_object", "string_field"]

MAX_BODY = 256 * 1024
# The deepest catalogue answer is a few levels down (data → group → list → row → value);
# anything far deeper is an attack on the recursive code after the parser, not an answer.
MAX_DEPTH = 32


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _shape_problem(body: Any) -> str | None:
    """Why a parsed body cannot be stored, walking it without recursion."""
    pending: list[tuple[Any, int]] = [(body, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            return f"The body is nested more than {MAX_DEPTH} levels deep"
        if isinstance(value, dict):
            pending.extend((key, depth) for key in value)
            pending.extend((member, depth + 1) for member in value.values())
        elif isinstance(value, list):
            pending.extend((member, depth + 1) for member in value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "The body holds a lone UTF-16 surrogate (\\ud800–\\udfff escape)"
    return None


def json_object() -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise Problem(413, "Content Too Large", f"The body must be at most {MAX_BODY} bytes")
    if request.mimetype != "application/json":
        raise Problem(415, "Unsupported Media Type", "Send Content-Type: application/json")
    raw = request.stream.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise Problem(413, "Content Too Large", f"The body must be at most {MAX_BODY} bytes")
    try:
        body = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as error:
        raise Problem(400, "Bad Request", f"The body is not valid JSON: {error}") from error
    except RecursionError as error:
        raise Problem(400, "Bad Request", f"The body is nested too deeply: {error}") from error
    problem = _shape_problem(body)
    if problem is not None:
        raise Problem(400, "Bad Request", problem)
    if not isinstance(body, dict):
        raise Problem(400, "Bad Request", "The body must be a JSON object")
    return body


def string_field(body: dict[str, Any], name: str, *, required: bool, max_length: int) -> str | None:
    """A string member of the body, or a 422 naming the field."""
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        raise Problem(
            422,
            "Unprocessable Content",
            errors=[
                FieldError(
                    (name,),
                    "type",
                    f"“{name}” phải là chuỗi ký tự, không rỗng, tối đa {max_length} ký tự",
                    f"“{name}” must be a non-empty string of at most {max_length} characters",
                )
            ],
        )
    return value.strip()
