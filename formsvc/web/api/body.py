"""Reading a JSON request body safely: bounded in size, an object, or a 4xx problem."""

from __future__ import annotations

from typing import Any

from flask import request

from formsvc import safejson
from formsvc.schemas import FieldError
from formsvc.web.api.problems import Problem

__all__ = ["MAX_BODY", "json_object", "string_field"]

MAX_BODY = 256 * 1024


def json_object() -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise Problem(413, "Content Too Large", f"The body must be at most {MAX_BODY} bytes")
    if request.mimetype != "application/json":
        raise Problem(415, "Unsupported Media Type", "Send Content-Type: application/json")
    raw = request.stream.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise Problem(413, "Content Too Large", f"The body must be at most {MAX_BODY} bytes")
    try:
        # A key given twice is ambiguous (parsers keep the first or the last): refuse it.
        body = safejson.loads(raw, max_depth=safejson.MAX_ANSWER_DEPTH, unique_keys=True)
    except (ValueError, UnicodeDecodeError) as error:
        raise Problem(400, "Bad Request", f"The body is not valid JSON: {error}") from error
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
