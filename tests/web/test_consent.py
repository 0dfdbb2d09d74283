"""Consent before prefill: nothing is read until the citizen actively agrees."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from formsvc.db import get_session
from formsvc.demo import DemoAccount
from formsvc.prefill import PrefillRead
from formsvc.prefill.consent import PrefillConsent
from tests.conftest import Citizen, csrf_token

ANSWERS = {
    "recipient": "Công an phường Ninh Kiều",
    "full_name": "Nguyễn Văn An",
    "date_of_birth": "14/03/1980",
    "sex": "male",
    "personal_id": "092080123451",
    "request": "Đăng ký tạm trú",
}


def _count(app: Flask, model: type) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(model)) or 0


def _signed_in(client: FlaskClient, demo_accounts: list[DemoAccount]) -> Citizen:
    person = Citizen(client, demo_accounts[0])
    person.sign_in()
    return person


def test_first_visit_asks_for_consent_and_reads_nothing(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    _signed_in(client, demo_accounts)
    response = client.get("/forms/ct01")
    assert response.status_code == 303
    assert response.headers["Location"] == "/forms/ct01/consent"
    page = client.get("/forms/ct01/consent")
    assert page.status_code == 200
    html = page.text
    assert "Đồng ý chia sẻ dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư" in html
    assert "Thông tin nhân thân" in html and "Họ tên chủ hộ" in html
    assert "Giải quyết thủ tục đăng ký, điều chỉnh thông tin cư trú" in html  # x-form.purpose
    assert "Thông tư số 66/2023/TT-BCA" in html  # x-form.legal_basis
    checkbox = re.search(r'<input[^>]*name="agree"[^>]*>', html)
    assert checkbox and "checked" not in checkbox.group(0)
    assert _count(app, PrefillRead) == 0


def test_agreeing_without_ticking_the_box_is_an_error(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    _signed_in(client, demo_accounts)
    page = client.get("/forms/ct01/consent")
    response = client.post(
        "/forms/ct01/consent", data={"csrf_token": csrf_token(page.text), "accept": "Đồng ý"}
    )
    assert response.status_code == 422
    assert 'href="#agree">Vui lòng đánh dấu vào ô đồng ý' in response.text
    assert _count(app, PrefillConsent) == 0


def test_consent_needs_a_csrf_token(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    _signed_in(client, demo_accounts)
    response = client.post("/forms/ct01/consent", data={"agree": "y", "accept": "Đồng ý"})
    assert response.status_code == 400
    assert _count(app, PrefillConsent) == 0


def test_declining_gives_an_empty_editable_form_that_still_submits(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    person = _signed_in(client, demo_accounts)
    person.decide("ct01", agree=False)
    page = client.get("/forms/ct01")
    assert page.status_code == 200
    html = page.text
    assert "Bạn đã chọn không chia sẻ dữ liệu" in html
    name = re.search(r'<input[^>]*name="full_name"[^>]*>', html)
    assert name and "readonly" not in name.group(0)
    assert not re.search(r'value="[^"]', name.group(0))
    assert not re.search(r'<input[^>]*name="sex"[^>]*disabled', html)
    assert "Báo sai thông tin" not in html
    response = client.post("/forms/ct01", data={"csrf_token": csrf_token(html), **ANSWERS})
    assert response.status_code == 303, response.text
    assert _count(app, PrefillRead) == 0


def test_agreeing_prefills_and_records_the_decision(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    person = _signed_in(client, demo_accounts)
    person.decide("ct01")
    page = client.get("/forms/ct01")
    assert page.status_code == 200
    assert 'value="Nguyễn Văn An"' in page.text
    assert "Thay đổi lựa chọn chia sẻ dữ liệu" in page.text
    assert _count(app, PrefillRead) == 1
    with app.app_context():
        decision = get_session().scalars(select(PrefillConsent)).one()
        assert decision.agreed and decision.form_id == "ct01"
        assert "citizen.household.head.full_name" in decision.paths


def test_a_citizen_can_change_their_mind(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    person = _signed_in(client, demo_accounts)
    person.decide("ct01")
    person.decide("ct01", agree=False)
    assert 'value="Nguyễn Văn An"' not in client.get("/forms/ct01").text
    assert _count(app, PrefillRead) == 0
    assert _count(app, PrefillConsent) == 2  # decisions are appended, never rewritten


def test_consent_for_an_unknown_form_is_404(
    client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    _signed_in(client, demo_accounts)
    assert client.get("/forms/no-such-form/consent").status_code == 404


def test_consent_lists_only_what_the_form_reads(
    client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    """The test household form reads one thing, the citizen's name, and asks for no more."""
    _signed_in(client, demo_accounts)
    html = client.get("/forms/test-household/consent").text
    asked = html.split("Dữ liệu sẽ được đọc", 1)[1].split("Mục đích và căn cứ", 1)[0]
    items = re.findall(r"<(dt|li)>([^<]*)</\1>", asked)
    assert items == [("dt", "Thông tin nhân thân"), ("li", "Họ, chữ đệm và tên")]
    for other in ("ngày sinh", "dân tộc", "tôn giáo", "Căn cước", "email", "hộ gia đình"):
        assert other not in asked


def test_reloads_and_the_rest_of_one_journey_write_one_audit_row(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    person = _signed_in(client, demo_accounts)
    person.decide("ct01")
    for _ in range(3):
        assert client.get("/forms/ct01").status_code == 200
    assert person.post_form("/forms/ct01", ANSWERS).status_code == 303
    client.get("/forms/ct01/review")
    client.get("/forms/ct01/review")
    assert person.confirm("/forms/ct01/review").status_code == 303
    assert _count(app, PrefillRead) == 1
    # A new decision starts a new journey: its first read is recorded again.
    person.decide("ct01")
    client.get("/forms/ct01")
    client.get("/forms/ct01")
    assert _count(app, PrefillRead) == 2
