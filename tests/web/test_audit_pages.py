"""Who has read my data (citizens) and the audit log (staff): each sees only what they may."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from formsvc.demo import DemoAccount
from tests.conftest import Citizen, csrf_token


def _account(accounts: list[DemoAccount], role: str) -> DemoAccount:
    return next(account for account in accounts if account.role == role)


def _sign_out(client: FlaskClient) -> None:
    client.post("/signout", data={"csrf_token": csrf_token(client.get("/").text)})


def test_a_citizen_sees_who_read_their_data_and_only_theirs(
    client: FlaskClient, citizen: Citizen, demo_accounts: list[DemoAccount]
) -> None:
    citizen.client.get("/forms/ct01")
    own = client.get("/my-data/reads")
    assert own.status_code == 200
    assert "Ai đã xem dữ liệu của tôi" in own.text
    assert "CT01 (phiên bản 1)" in own.text and "Họ tên chủ hộ" in own.text
    assert "<td>Bạn</td>" in own.text
    _sign_out(client)
    Citizen(client, demo_accounts[3]).sign_in()
    other = client.get("/my-data/reads")
    assert other.status_code == 200
    assert "CT01" not in other.text and "Chưa có lần đọc dữ liệu nào" in other.text


def test_staff_pages_need_sign_in_and_a_staff_role(client: FlaskClient, citizen: Citizen) -> None:
    assert client.get("/staff/audit").status_code == 403
    _sign_out(client)
    response = client.get("/staff/audit")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/signin?next=/staff/audit")


@pytest.mark.parametrize("role", ["officer", "designer"])
def test_staff_list_and_filter_reads(
    client: FlaskClient, citizen: Citizen, demo_accounts: list[DemoAccount], role: str
) -> None:
    citizen.client.get("/forms/ct01")
    _sign_out(client)
    Citizen(client, _account(demo_accounts, role)).sign_in()
    assert client.get("/my-data/reads").status_code == 403
    page = client.get("/staff/audit")
    assert page.status_code == 200
    assert "Nhật ký đọc dữ liệu dân cư" in page.text
    assert "092080123451" in page.text and "Nguyễn Văn An" in page.text
    assert "1 lần đọc" in page.text
    assert "1 lần đọc" in client.get("/staff/audit?personal_id=092080123451&form_id=ct01").text
    assert "0 lần đọc" in client.get("/staff/audit?personal_id=092192456784").text
    assert "0 lần đọc" in client.get("/staff/audit?form_id=other").text


def test_bad_filters_are_field_errors(
    client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    Citizen(client, _account(demo_accounts, "officer")).sign_in()
    response = client.get("/staff/audit?personal_id=12345&page=0")
    assert response.status_code == 422
    assert 'href="#personal_id">Số định danh cá nhân phải gồm đúng 12 chữ số' in response.text
    assert "Số trang phải từ 1 trở lên" in response.text
    assert client.get("/staff/audit?page=abc").status_code == 422
