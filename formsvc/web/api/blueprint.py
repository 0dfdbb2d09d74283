"""The API blueprint and its error handling; routes live in the modules beside it."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from flask_wtf.csrf import CSRFProtect

from formsvc.web.api.access import bearer_token
from formsvc.web.api.problems import Problem, problem_response

__all__ = ["bp", "init_csrf"]

bp = Blueprint("api", __name__, url_prefix="/api/v1")
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


@bp.errorhandler(Problem)
def _problem(problem: Problem) -> Response:
    return problem_response(problem)


def init_csrf(csrf: CSRFProtect) -> None:
    """Exempt the API from the blanket check; cookie requests are checked below instead."""
    csrf.exempt(bp)


@bp.before_request
def _cookie_requests_need_the_token() -> None:
    if request.method not in _SAFE and bearer_token() is None:
        current_app.extensions["csrf"].protect()
