"""The JSON API under ``/api/v1/``: catalogue, submissions, export, described by OpenAPI 3.1.

Importing the route modules registers their views on the blueprint.
"""

from formsvc.web.api import forms, openapi, submissions
from formsvc.web.api.blueprint import bp, init_csrf
from formsvc.web.api.problems import MEDIA_TYPE, Problem, from_http_error, problem_response

__all__ = [
    "MEDIA_TYPE",
    "Problem",
    "bp",
    "forms",
    "from_http_error",
    "init_csrf",
    "openapi",
    "problem_response",
    "submissions",
]
