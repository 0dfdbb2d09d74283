"""Posting designer operations the way the editor's forms do."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import csrf_token

__all__ = ["create_form", "operate", "publish", "revision"]


def revision(html: str) -> int:
    match = re.search(r'name="revision" value="(\d+)"', html)
    assert match, "editor has no revision"
    return int(match.group(1))


def operate(client: FlaskClient, form_id: str, op: str, **fields: str) -> TestResponse:
    page = client.get(f"/staff/forms/{form_id}")
    data = {"csrf_token": csrf_token(page.text), "revision": str(revision(page.text)), "op": op}
    return client.post(f"/staff/forms/{form_id}", data={**data, **fields})


def create_form(client: FlaskClient, form_id: str, title: str = "Tờ khai thử") -> TestResponse:
    page = client.get("/staff/forms/new")
    response = client.post(
        "/staff/forms/new",
        data={
            "csrf_token": csrf_token(page.text),
            "form_id": form_id,
            "code": "TK99",
            "title": title,
            "agency": "Ủy ban nhân dân phường",
            "legal_basis": "Quyết định số 1/2026/QĐ-UBND",
        },
    )
    assert response.status_code == 303, response.text
    return response


def publish(
    client: FlaskClient, form_id: str, note: str = "Ban hành", legal_basis: str = "QĐ 1/2026"
) -> TestResponse:
    page = client.get(f"/staff/forms/{form_id}")
    return client.post(
        f"/staff/forms/{form_id}/publish",
        data={
            "csrf_token": csrf_token(page.text),
            "revision": str(revision(page.text)),
            "change_note": note,
            "legal_basis": legal_basis,
        },
    )
