"""Staff find their tools: where each role lands after sign-in, what the header and the staff
tabs link to, and the official form codes ("TK-KH") on staff pages instead of internal ids."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from formsvc.accounts import Account
from formsvc.db import session_scope
from formsvc.demo import DemoAccount
from formsvc.schemas import latest_version
from formsvc.submissions import create_submission
from tests.conftest import Citizen, csrf_token

OFFICER = "canbo.motcua"
DESIGNER = "thietke.bieumau"


def _sign_in(client: FlaskClient, username: str, password: str, next_: str | None = None) -> str:
    url = "/signin" if next_ is None else f"/signin?next={next_}"
    page = client.get(url)
    response = client.post(
        url,
        data={"csrf_token": csrf_token(page.text), "username": username, "password": password},
    )
    assert response.status_code == 303, response.text
    return response.headers["Location"]


@pytest.mark.parametrize(
    ("username", "landing"),
    [(OFFICER, "/staff/submissions"), (DESIGNER, "/staff/")],
)
def test_staff_land_on_their_tools(client: FlaskClient, username: str, landing: str) -> None:
    assert _sign_in(client, username, "staff1234") == landing
    assert client.get(landing).status_code == 200


def test_everyone_keeps_going_where_they_were_going(
    client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    citizen = demo_accounts[0]
    assert _sign_in(client, citizen.username, citizen.password) == "/"
    assert _sign_in(client, citizen.username, citizen.password, "/forms/ct01") == "/forms/ct01"
    assert _sign_in(client, OFFICER, "staff1234", "/staff/audit") == "/staff/audit"
    # An address elsewhere is not followed: the role's own landing instead.
    assert _sign_in(client, OFFICER, "staff1234", "//evil.example/") == "/staff/submissions"


def _links(html: str, nav_class: str) -> list[tuple[str, str]]:
    nav = re.search(rf'<nav class="{nav_class}".*?</nav>', html, re.S)
    assert nav, f"no {nav_class} on the page"
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(0))


def test_header_links_follow_the_role(
    client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    Citizen(client, demo_accounts[0]).sign_in()
    citizen = dict((label, href) for href, label in _links(client.get("/").text, "site-nav"))
    assert citizen["Hồ sơ của tôi"] == "/submissions"
    assert "Khu vực cán bộ" not in citizen
    assert not any(href.startswith("/staff") for href in citizen.values())

    for username, landing in ((OFFICER, "/staff/submissions"), (DESIGNER, "/staff/")):
        _sign_in(client, username, "staff1234")
        staff = dict((label, href) for href, label in _links(client.get("/").text, "site-nav"))
        assert staff["Khu vực cán bộ"] == landing
        assert "Hồ sơ của tôi" not in staff and "/my-data/reads" not in staff.values()


@pytest.mark.parametrize(
    ("username", "first"),
    [(OFFICER, ("/staff/submissions", "Hồ sơ")), (DESIGNER, ("/staff/", "Biểu mẫu"))],
)
def test_staff_tabs_put_the_role_s_work_first(
    client: FlaskClient, username: str, first: tuple[str, str]
) -> None:
    _sign_in(client, username, "staff1234")
    page = client.get("/staff/audit").text
    tabs = _links(page, "staff-nav")
    assert tabs[0] == first
    assert {href for href, _label in tabs} == {"/staff/submissions", "/staff/", "/staff/audit"}
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', page)
    assert current == ["/staff/audit"]


def _household_submission(app: Flask, account: DemoAccount) -> str:
    """A submission of the test form whose official code (TN01) is not its id."""
    with session_scope(app) as session:
        owner = session.scalars(select(Account).where(Account.username == account.username)).one()
        version = latest_version(session, "test-household")
        assert version is not None
        data = {"full_name": "Nguyễn Văn An", "married": False}
        return create_submission(session, version, owner.id, data, {}).tracking_code


def test_staff_pages_show_official_codes(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    citizen = Citizen(client, demo_accounts[0])
    citizen.sign_in()
    citizen.decide("test-household")
    assert client.get("/forms/test-household").status_code == 200  # a prefill read
    code = _household_submission(app, demo_accounts[0])
    _sign_in(client, OFFICER, "staff1234")

    queue = client.get("/staff/submissions").text
    assert "TN01 (phiên bản 1)" in queue
    options = dict(re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', queue))
    assert options["ket-hon"].startswith("TK-KH – ")
    assert options["test-household"].startswith("TN01 – ")
    detail = client.get(f"/staff/submissions/{code}").text
    assert "TN01 (phiên bản 1)" in detail
    audit = client.get("/staff/audit").text
    assert "TN01 (phiên bản 1)" in audit
    forms = client.get("/staff/").text
    assert "<td>TK-KH</td>" in forms
    for page in (queue, detail, audit, forms):
        assert "TEST-HOUSEHOLD" not in page and "KET-HON" not in page
