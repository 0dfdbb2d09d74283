"""Officer pages: who may see and act, the queue's filters, the detail page and its actions."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.demo import DemoAccount
from formsvc.submissions import Submission
from tests.conftest import Citizen, csrf_token, store_submission

OFFICER = "canbo.motcua"
DESIGNER = "thietke.bieumau"


def _staff(client: FlaskClient, username: str) -> None:
    page = client.get("/signin")
    response = client.post(
        "/signin",
        data={"csrf_token": csrf_token(page.text), "username": username, "password": "staff1234"},
    )
    assert response.status_code == 303, response.text


@pytest.fixture
def officer(client: FlaskClient) -> FlaskClient:
    _staff(client, OFFICER)
    return client


def _status(app: Flask, code: str) -> str:
    with session_scope(app) as session:
        return session.scalars(select(Submission.status).filter_by(tracking_code=code)).one()


def _act(client: FlaskClient, code: str, status: str, note: str = "") -> object:
    page = client.get(f"/staff/submissions/{code}")
    return client.post(
        f"/staff/submissions/{code}/status",
        data={"csrf_token": csrf_token(page.text), "status": status, "note": note},
    )


@pytest.mark.parametrize(
    "url", ["/staff/submissions", "/staff/submissions/AAAA-BBBB-CCCC", "/staff/submissions/find"]
)
def test_anonymous_goes_to_sign_in_and_citizens_get_403(
    client: FlaskClient, demo_accounts: list[DemoAccount], url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 302 and "/signin" in response.headers["Location"]
    Citizen(client, demo_accounts[0]).sign_in()
    assert client.get(url).status_code == 403


def test_queue_lists_filters_and_paginates(
    app: Flask, officer: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    codes = [store_submission(app, demo_accounts[0]) for _ in range(3)]
    page = officer.get("/staff/submissions")
    assert page.status_code == 200
    assert all(code in page.text for code in codes)
    assert "Đã tiếp nhận" in page.text
    _act(officer, codes[0], "in_processing")
    only = officer.get("/staff/submissions?status=in_processing&form_id=ct01&order=oldest")
    assert codes[0] in only.text and codes[1] not in only.text
    agency = officer.get("/staff/submissions", query_string={"agency": "Công an cấp xã"})
    assert all(code in agency.text for code in codes)
    today = officer.get("/staff/submissions?since=01/01/2020&until=31/12/2099")
    assert all(code in today.text for code in codes)
    none = officer.get("/staff/submissions?until=01/01/2020")
    assert not any(code in none.text for code in codes)


@pytest.mark.parametrize(
    "query",
    ["since=2024-01-01", "until=32/01/2024", "status=archived", "page=0", "order=random"],
)
def test_bad_filters_are_field_errors(officer: FlaskClient, query: str) -> None:
    response = officer.get(f"/staff/submissions?{query}")
    assert response.status_code == 422
    assert "error-summary" in response.text


def test_find_by_code_or_qr_text(
    app: Flask, officer: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    code = store_submission(app, demo_accounts[0])
    for text in (code, code.lower().replace("-", ""), f"FORMSVC:{code}:abcdef0123"):
        response = officer.get("/staff/submissions/find", query_string={"q": text})
        assert response.status_code == 303 and response.headers["Location"].endswith(code)
    assert officer.get("/staff/submissions/find?q=nothing").status_code == 404


def test_officer_moves_a_submission_and_the_citizen_sees_it(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    code = store_submission(app, demo_accounts[0])
    _staff(client, OFFICER)
    detail = client.get(f"/staff/submissions/{code}")
    assert detail.status_code == 200 and "Chuyển sang" in detail.text
    assert _act(client, code, "completed").status_code == 409  # not from "received"
    assert _act(client, code, "in_processing").status_code == 303
    missing_note = _act(client, code, "needs_information", "  ")
    assert missing_note.status_code == 422 and "bắt buộc" in missing_note.text
    assert (
        _act(client, code, "needs_information", "Bổ sung bản sao giấy khai sinh").status_code == 303
    )
    assert _status(app, code) == "needs_information"
    assert _act(client, code, "bogus", "x").status_code == 409
    pdf = client.get(f"/staff/submissions/{code}/application.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"

    client.post("/signout", data={"csrf_token": csrf_token(client.get("/").text)})
    owner = Citizen(client, demo_accounts[0])
    owner.sign_in()
    status = client.get(f"/submissions/{code}")
    assert "Yêu cầu bổ sung" in status.text and "Bổ sung bản sao giấy khai sinh" in status.text
    mine = client.get("/submissions")
    assert mine.status_code == 200 and code in mine.text and "Yêu cầu bổ sung" in mine.text


def test_designers_read_but_cannot_act(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    code = store_submission(app, demo_accounts[0])
    _staff(client, DESIGNER)
    detail = client.get(f"/staff/submissions/{code}")
    assert detail.status_code == 200 and "Chuyển sang" not in detail.text
    response = client.post(
        f"/staff/submissions/{code}/status",
        data={"csrf_token": csrf_token(detail.text), "status": "in_processing"},
    )
    assert response.status_code == 403 and _status(app, code) == "received"


def test_status_change_needs_csrf(
    app: Flask, officer: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    code = store_submission(app, demo_accounts[0])
    response = officer.post(f"/staff/submissions/{code}/status", data={"status": "in_processing"})
    assert response.status_code == 400 and _status(app, code) == "received"


def test_unknown_code_is_404(officer: FlaskClient) -> None:
    assert officer.get("/staff/submissions/AAAA-BBBB-CCCC").status_code == 404
    assert officer.get("/staff/submissions/aaaa-bbbb-cccc").status_code == 404


def test_other_citizens_get_404_on_pages_and_pdf(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    code = store_submission(app, demo_accounts[0])
    Citizen(client, demo_accounts[1]).sign_in()
    assert client.get(f"/submissions/{code}").status_code == 404
    assert client.get(f"/submissions/{code}/application.pdf").status_code == 404
    assert code not in client.get("/submissions").text
    assert re.search("chưa nộp hồ sơ", client.get("/submissions").text)


def test_detail_marks_verified_answers_and_disputes(
    app: Flask, citizen: Citizen, demo_accounts: list[DemoAccount]
) -> None:
    answers = {
        "recipient": "Công an phường Ninh Kiều",
        "phone": "0912345678",
        "request": "Đăng ký tạm trú",
        "dispute.full_name": "Tên tôi viết sai dấu",
    }
    receipt = citizen.submit("/forms/ct01", answers)
    code = receipt.headers["Location"].rsplit("/", 1)[-1]
    client = citizen.client
    client.post("/signout", data={"csrf_token": csrf_token(client.get("/").text)})
    _staff(client, OFFICER)
    detail = client.get(f"/staff/submissions/{code}")
    assert detail.status_code == 200
    assert "Đã xác thực" in detail.text and "Đăng ký tạm trú" in detail.text
    # The note stands on the disputed line itself, after the verified value it is about.
    line = re.search(r"<dt>[^<]*Họ, chữ đệm và tên</dt>\s*<dd>(.*?)</dd>", detail.text, re.S)
    assert line, detail.text
    assert "Nguyễn Văn An" in line.group(
        1
    ) and "Công dân báo sai: Tên tôi viết sai dấu" in line.group(1)
    assert "Công dân báo 1 thông tin đã xác thực là sai" in detail.text
    assert "bạn đã báo sai" not in detail.text  # the citizen's wording stays on their pages
    queue = client.get("/staff/submissions")
    assert code in queue.text and "Nguyễn Văn An" in queue.text
