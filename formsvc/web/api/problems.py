"""RFC 9457 problem details: every API error is JSON a program can act on.

Validation failures carry ``errors``: one entry per field with its JSON path (as a list) and
the message in Vietnamese and English, the same ``FieldError`` the web pages show.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Response, json
from werkzeug.exceptions import HTTPException

from formsvc.schemas import FieldError

__all__ = ["MEDIA_TYPE", "Problem", "from_http_error", "problem_response"]

MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """Raised anywhere in the API to answer with a problem document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        errors: Iterable[FieldError] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = list(errors)
        self.headers = headers or {}


def problem_response(problem: Problem) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": problem.title, "status": problem.status}
    if problem.detail:
        body["detail"] = problem.detail
    if problem.errors:
        body["errors"] = [
            {"path": list(e.path), "message": e.message, "message_en": e.message_en}
            for e in problem.errors
        ]
    response = Response(
        json.dumps(body, ensure_ascii=False), status=problem.status, mimetype=MEDIA_TYPE
    )
    response.headers.update(problem.headers)
    return response


def from_http_error(error: HTTPException) -> Response:
    """Werkzeug's errors (404, 405, 413, a CSRF failure) in the API's format."""
    headers = {}
    if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    return problem_response(
        Problem(error.code or 500, error.name, error.description or "", headers=headers)
    )
