"""Hostile JSON to the API: every shape is a 4xx problem, bounded in time and size, and
nothing is stored."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from formsvc.db import session_scope
from formsvc.safejson import MAX_ANSWER_DEPTH as MAX_DEPTH
from formsvc.schemas.validation import MAX_ERRORS
from formsvc.submissions import Submission
from tests.api.test_api import ANSWERS, HEAD_ID, PROBLEM

URL = "/api/v1/submissions"


def _envelope(data: str) -> str:
    return f'{{"form_id": "ct01", "personal_id": "{HEAD_ID}", "data": {data}}}'


def _nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


HOSTILE = {
    # Deeper than the parser's recursion limit: must not escape as a RecursionError.
    "deep array": "[" * 100_000 + "]" * 100_000,
    "deep object in data": _envelope(_nested(5_000)),
    # Parsable, but deep enough to threaten the recursive code after the parser.
    "just past the depth bound": _envelope(_nested(MAX_DEPTH)),
    "NaN": _envelope('{"request": NaN}'),
    "Infinity": _envelope('{"request": -Infinity}'),
    "lone surrogate": _envelope('{"request": "\\ud800"}'),
    "lone surrogate in a key": _envelope('{"\\udfff": "x"}'),
    "100,000-digit number": _envelope('{"request": ' + "9" * 100_000 + "}"),
    # Which one counts? Parsers disagree (first or last); a proxy may have checked the other.
    "one answer twice": _envelope('{"request": "Đăng ký tạm trú", "request": "Xóa đăng ký"}'),
    "one envelope member twice": _envelope("{}").replace('"form_id"', '"form_id": "x", "form_id"'),
}


def _stored(app: Flask) -> int:
    with session_scope(app) as session:
        return session.scalar(select(func.count()).select_from(Submission)) or 0


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_json_is_400(
    app: Flask, client: FlaskClient, full_key: dict[str, str], body: str
) -> None:
    response = client.post(URL, headers=full_key, data=body, content_type="application/json")
    assert response.status_code == 400, response.text
    assert response.mimetype == PROBLEM and response.json["detail"]
    assert _stored(app) == 0


def test_nesting_within_the_bound_is_judged_by_the_form(
    client: FlaskClient, full_key: dict[str, str]
) -> None:
    """The bound is on shape, not on answers: a nested value the form does not ask for is a
    field error on that field."""
    body = _envelope(json.dumps({**ANSWERS, "request": json.loads(_nested(MAX_DEPTH - 3))}))
    response = client.post(URL, headers=full_key, data=body, content_type="application/json")
    assert response.status_code == 422
    assert ["request"] in [e["path"] for e in response.json["errors"]]


def test_thousands_of_unknown_keys_get_a_bounded_answer(
    app: Flask, client: FlaskClient, full_key: dict[str, str]
) -> None:
    data = {f"k{i}": 1 for i in range(20_000)}
    body = _envelope(json.dumps(data, separators=(",", ":")))
    response = client.post(URL, headers=full_key, data=body, content_type="application/json")
    assert response.status_code == 422
    assert len(response.json["errors"]) == MAX_ERRORS
    assert len(response.data) < len(body)  # no amplification
    assert _stored(app) == 0
