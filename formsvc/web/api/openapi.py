"""The OpenAPI 3.1 description of ``/api/v1/``, kept beside the routes it describes.

Written by hand as data so review sees the contract change with the code; the test suite
validates it with openapi-spec-validator and runs schemathesis against the live routes.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from formsvc.submissions import STATUSES
from formsvc.web.api.blueprint import bp
from formsvc.web.api.problems import MEDIA_TYPE

__all__ = ["DOCUMENT"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _problems(*codes: int) -> dict[str, Any]:
    return {
        str(code): {"$ref": f"#/components/responses/Problem{code}"}
        for code in sorted({*codes, 500, 503})
    }


_PROBLEM_TEXT = {
    400: "The query or body is malformed",
    401: "No API key or session, or the key is unknown or revoked",
    403: "The API key lacks the scope this operation needs",
    404: "No such form, version or submission (or not yours)",
    405: "Method not allowed",
    409: "The status graph does not allow this move from the current status",
    413: "The body is too large",
    415: "The body is not application/json",
    422: "Field-level validation errors",
    500: "Unexpected server error",
    503: "The database is unavailable",
}

_STRING = {"type": "string"}
_TIME = {"type": "string", "format": "date-time"}
_CODE = {"name": "tracking_code", "in": "path", "required": True, "schema": _STRING}
_FORM_ID = {"name": "form_id", "in": "path", "required": True, "schema": _STRING}
_LIMIT = {
    "name": "limit",
    "in": "query",
    "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
}
_CURSOR = {
    "name": "cursor",
    "in": "query",
    "description": "Opaque; the value a previous response handed out",
    "schema": _STRING,
}
_READ: list[dict[str, list[str]]] = [{"apiKey": []}, {"session": []}]
_SYSTEM: list[dict[str, list[str]]] = [{"apiKey": []}]

SCHEMAS: dict[str, Any] = {
    "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details",
        "required": ["type", "title", "status"],
        "properties": {
            "type": _STRING,
            "title": _STRING,
            "status": {"type": "integer"},
            "detail": _STRING,
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "message", "message_en"],
                    "properties": {
                        "path": {
                            "type": "array",
                            "items": {"type": ["string", "integer"]},
                            "description": "JSON path of the field, e.g. ['address', 'ward']",
                        },
                        "message": {**_STRING, "description": "Vietnamese"},
                        "message_en": {**_STRING, "description": "English"},
                    },
                },
            },
        },
    },
    "FormSummary": {
        "type": "object",
        "required": ["form_id", "version", "title", "code", "agency", "published_at", "href"],
        "properties": {
            "form_id": _STRING,
            "version": {"type": "integer"},
            "title": _STRING,
            "code": _STRING,
            "agency": _STRING,
            "published_at": _TIME,
            "content_hash": _STRING,
            "change_note": _STRING,
            "href": _STRING,
        },
    },
    "FormVersion": {
        "allOf": [
            _ref("FormSummary"),
            {
                "type": "object",
                "required": ["document"],
                "properties": {
                    "legal_basis": _STRING,
                    "document": {"type": "object", "description": "The JSON Schema definition"},
                },
            },
        ]
    },
    "FormList": {
        "type": "object",
        "required": ["items"],
        "properties": {"items": {"type": "array", "items": _ref("FormSummary")}},
    },
    "StatusChange": {
        "type": "object",
        "required": ["status", "note", "changed_at"],
        "properties": {
            "status": {"enum": list(STATUSES)},
            "note": _STRING,
            "changed_at": _TIME,
        },
    },
    "Submission": {
        "type": "object",
        "required": [
            "tracking_code",
            "form_id",
            "form_code",
            "form_version",
            "status",
            "submitted_at",
            "updated_at",
            "data",
            "prefill",
            "history",
        ],
        "properties": {
            "tracking_code": {**_STRING, "examples": ["7K3M-Q9TX-2HBD"]},
            "form_id": _STRING,
            "form_code": _STRING,
            "form_version": {"type": "integer"},
            "status": {"enum": list(STATUSES)},
            "submitted_at": _TIME,
            "updated_at": _TIME,
            "data": {"type": "object"},
            "prefill": {
                "type": "object",
                "description": "Field key → provenance (verified, edited, disputed)",
            },
            "history": {"type": "array", "items": _ref("StatusChange")},
            "href": _STRING,
        },
    },
    "SubmissionList": {
        "type": "object",
        "required": ["items", "next_cursor"],
        "properties": {
            "items": {"type": "array", "items": _ref("Submission")},
            "next_cursor": {"type": ["string", "null"]},
        },
    },
    "NewSubmission": {
        "type": "object",
        "required": ["form_id", "data"],
        "properties": {
            "form_id": _STRING,
            "form_version": {
                "type": "integer",
                "description": "Optional; must be the newest published version",
            },
            "personal_id": {
                "type": "string",
                "description": "The citizen's 12-digit personal ID; required with an API key",
            },
            "data": {"type": "object", "description": "Answers, as the form's JSON Schema"},
            "idempotency_key": {
                "type": "string",
                "maxLength": 36,
                "description": "Retrying with the same key returns the first submission",
            },
        },
    },
    "Transition": {
        "type": "object",
        "required": ["status"],
        "properties": {
            "status": {"enum": list(STATUSES)},
            "note": {
                "type": "string",
                "description": "Required for needs_information and rejected",
            },
        },
    },
}


def _operation(
    summary: str,
    ok: dict[str, Any],
    problems: tuple[int, ...],
    *,
    security: list[dict[str, list[str]]] | None = None,
    parameters: list[dict[str, Any]] | None = None,
    body: str | None = None,
    ok_code: str = "200",
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {ok_code: ok, **_problems(*problems)},
    }
    if security is not None:
        operation["security"] = security
    else:
        operation["security"] = []
    if parameters:
        operation["parameters"] = parameters
    if body:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(body)}},
        }
    return operation


_AUTH = (401, 403)
_BODY = (400, 413, 415, 422)

PATHS: dict[str, Any] = {
    "/forms": {
        "get": _operation(
            "Published forms, newest version of each", _json(_ref("FormList"), "Catalogue"), ()
        )
    },
    "/forms/{form_id}": {
        "parameters": [_FORM_ID],
        "get": _operation("A form's newest version", _json(_ref("FormVersion"), "Version"), (404,)),
    },
    "/forms/{form_id}/versions": {
        "parameters": [_FORM_ID],
        "get": _operation(
            "Every published version of a form", _json(_ref("FormList"), "Versions"), (404,)
        ),
    },
    "/forms/{form_id}/versions/{number}": {
        "parameters": [
            _FORM_ID,
            {
                "name": "number",
                "in": "path",
                "required": True,
                "schema": {"type": "integer", "minimum": 1},
            },
        ],
        "get": _operation("One published version", _json(_ref("FormVersion"), "Version"), (404,)),
    },
    "/submissions": {
        "get": _operation(
            "Submissions, newest first (a citizen's session sees only theirs); "
            "scope submissions:read",
            _json(_ref("SubmissionList"), "A page"),
            (400, *_AUTH),
            security=_READ,
            parameters=[
                {"name": "form_id", "in": "query", "schema": _STRING},
                {"name": "status", "in": "query", "schema": {"enum": list(STATUSES)}},
                {
                    "name": "submitted_from",
                    "in": "query",
                    "description": "Submitted at or after this moment (UTC if no zone)",
                    "schema": _TIME,
                },
                {
                    "name": "submitted_until",
                    "in": "query",
                    "description": "Submitted before this moment (UTC if no zone)",
                    "schema": _TIME,
                },
                _CURSOR,
                _LIMIT,
            ],
        ),
        "post": _operation(
            "Submit answers, validated as on the website; scope submissions:write",
            {
                **_json(_ref("Submission"), "Stored (or the earlier one, same idempotency key)"),
                "headers": {"Location": {"schema": _STRING}},
            },
            (*_BODY, *_AUTH),
            security=_READ,
            body="NewSubmission",
            ok_code="201",
        ),
    },
    "/submissions/export": {
        "get": _operation(
            "Change feed as NDJSON, oldest change first; scope submissions:read",
            {
                "description": "One JSON Submission per line, each with its resume cursor",
                "headers": {"Next-Cursor": {"schema": _STRING}},
                "content": {"application/x-ndjson": {"schema": _STRING}},
            },
            (400, *_AUTH),
            security=_SYSTEM,
            parameters=[{"name": "since", "in": "query", "schema": _TIME}, _CURSOR, _LIMIT],
        ),
    },
    "/submissions/{tracking_code}": {
        "parameters": [_CODE],
        "get": _operation(
            "One submission; scope submissions:read",
            _json(_ref("Submission"), "The submission"),
            (*_AUTH, 404),
            security=_READ,
        ),
    },
    "/submissions/{tracking_code}/transitions": {
        "parameters": [_CODE],
        "post": _operation(
            "Move a submission along the status graph; scope submissions:transition",
            _json(_ref("Submission"), "Moved"),
            (*_BODY, *_AUTH, 404, 409),
            security=_SYSTEM,
            body="Transition",
        ),
    },
    "/submissions/{tracking_code}/application.pdf": {
        "parameters": [_CODE],
        "get": _operation(
            "The application as PDF; scope submissions:read",
            {
                "description": "PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            (*_AUTH, 404),
            security=_READ,
        ),
    },
}

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "formsvc API",
        "version": "1.0.0",
        "description": (
            "Form catalogue, submissions and the export feed of the electronic form service. "
            "Systems authenticate with `Authorization: Bearer <key>` (keys from "
            "`formsvc apikey create`); a signed-in citizen's session cookie works for their "
            "own submissions, with the CSRF token in `X-CSRFToken` on POST. Errors are RFC 9457 "
            "problem details."
        ),
    },
    "servers": [{"url": "/api/v1"}],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "responses": {
            f"Problem{code}": {
                "description": text,
                "content": {MEDIA_TYPE: {"schema": _ref("Problem")}},
            }
            for code, text in _PROBLEM_TEXT.items()
        },
        "securitySchemes": {
            "apiKey": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": "session"},
        },
    },
}


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(DOCUMENT)
