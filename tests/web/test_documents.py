"""PDFs over HTTP: public blank and fillable forms, and a citizen's cached application."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

import formsvc.render.applications
from formsvc.db import get_session
from formsvc.render import PdfTooLarge, qr_payload
from formsvc.render.cache import SubmissionPdf
from formsvc.submissions import Submission
from tests.conftest import Citizen
from tests.render.pdfs import form_fields, qr_codes, text
from tests.web.test_citizen_journey import ANSWERS


@pytest.mark.parametrize("kind", ["blank", "fillable"])
def test_form_pdfs_are_public_and_cacheable(client: FlaskClient, kind: str) -> None:
    response = client.get(f"/forms/ct01/{kind}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.cache_control.public and response.cache_control.max_age
    assert "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ" in text(response.data)
    assert ("full_name" in form_fields(response.data)) is (kind == "fillable")


@pytest.mark.parametrize("kind", ["blank", "fillable"])
def test_unknown_form_pdf_is_404(client: FlaskClient, kind: str) -> None:
    assert client.get(f"/forms/no-such-form/{kind}.pdf").status_code == 404


def test_a_form_too_large_to_print_is_a_clear_4xx(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> bytes:
        raise PdfTooLarge("too large")

    monkeypatch.setattr("formsvc.web.documents.render_pdf", refuse)
    response = client.get("/forms/ct01/blank.pdf")
    assert response.status_code == 422 and "quá lớn" in response.text


def test_application_pdf_is_rendered_once_then_served_from_the_cache(
    citizen: Citizen, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders = []
    render = formsvc.render.applications.render_pdf

    def counting(*args: object, **kwargs: object) -> bytes:
        renders.append(args)
        return render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formsvc.render.applications, "render_pdf", counting)
    receipt = citizen.submit("/forms/ct01", ANSWERS).headers["Location"]
    first = citizen.client.get(f"{receipt}/application.pdf")
    second = citizen.client.get(f"{receipt}/application.pdf")
    assert first.status_code == second.status_code == 200
    assert len(renders) == 1 and first.data == second.data
    assert first.cache_control.private and first.cache_control.no_store
    with app.app_context():
        session = get_session()
        assert session.scalar(select(func.count()).select_from(SubmissionPdf)) == 1
        submission = session.scalars(select(Submission)).one()
        expected = qr_payload(submission.tracking_code, submission.data)
    assert qr_codes(first.data) == [expected]
    assert "(*) Thông tin đã được xác thực từ Cơ sở dữ liệu quốc gia về dân cư." in text(first.data)
