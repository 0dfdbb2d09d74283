"""Text in answers: stored NFC whichever way it came in; control and bidirectional override
characters refused on their field, on the web form and over the API."""

from __future__ import annotations

import unicodedata

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from formsvc.db import session_scope
from formsvc.submissions import Submission
from tests.api.test_api import ANSWERS as API_ANSWERS
from tests.api.test_api import HEAD_ID
from tests.conftest import Citizen
from tests.web.test_citizen_journey import ANSWERS

REFUSED = {
    "NUL (PostgreSQL cannot store it)": "Xin cấp\x00 bản sao",
    "a bell": "Xin \x07cấp",
    "a C1 control": "Xin \x85cấp",
    "right-to-left override (Trojan Source)": "Trả lại \u202e000.01 đồng",
    "right-to-left isolate": "Trả lại \u2067000.01\u2069 đồng",
}


def _stored(app: Flask) -> int:
    with session_scope(app) as session:
        return session.scalar(select(func.count()).select_from(Submission)) or 0


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_unprintable_characters_are_refused_on_the_field(
    citizen: Citizen, client: FlaskClient, full_key: dict[str, str], app: Flask, text: str
) -> None:
    page = citizen.post_form("/forms/ct01", {**ANSWERS, "request": text})
    assert page.status_code == 422
    assert "ký tự điều khiển không in được" in page.text and 'href="#request"' in page.text
    body = {"form_id": "ct01", "personal_id": HEAD_ID, "data": {**API_ANSWERS, "request": text}}
    response = client.post("/api/v1/submissions", headers=full_key, json=body)
    assert response.status_code == 422
    assert [e["path"] for e in response.json["errors"]] == [["request"]]
    assert _stored(app) == 0


def test_line_breaks_and_tabs_are_kept(citizen: Citizen, app: Flask) -> None:
    response = citizen.submit("/forms/ct01", {**ANSWERS, "request": "Dòng một\tcột\r\nDòng hai"})
    assert response.status_code == 303
    with session_scope(app) as session:
        stored = session.scalars(select(Submission.data)).one()
    assert stored["request"] == "Dòng một\tcột\nDòng hai"


def test_api_text_is_stored_nfc(client: FlaskClient, full_key: dict[str, str]) -> None:
    decomposed = unicodedata.normalize("NFD", "Đăng ký tạm trú cho con")
    body = {"form_id": "ct01", "personal_id": HEAD_ID,
            "data": {**API_ANSWERS, "request": decomposed}}  # fmt: skip
    created = client.post("/api/v1/submissions", headers=full_key, json=body)
    assert created.status_code == 201
    assert created.json["data"]["request"] == unicodedata.normalize("NFC", decomposed)
