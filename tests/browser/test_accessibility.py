"""axe-core on the pages citizens see: no serious or critical violations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from formsvc.accounts import DEMO_STAFF_PASSWORD
from formsvc.demo import DemoAccount
from tests.browser.conftest import agree, sign_in

BLOCKING = {"serious", "critical"}


def _violations(page: Page) -> list[dict[str, Any]]:
    results = Axe().run(page)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def _catalogue(page: Page, account: DemoAccount) -> None:
    page.goto("/")


def _sign_in_errors(page: Page, account: DemoAccount) -> None:
    page.goto("/signin")
    page.get_by_role("button", name="Đăng nhập").click()


def _consent(page: Page, account: DemoAccount) -> None:
    sign_in(page, account)
    page.goto("/forms/ct01")


def _form(page: Page, account: DemoAccount) -> None:
    _consent(page, account)
    agree(page)


def _form_with_errors(page: Page, account: DemoAccount) -> None:
    _form(page, account)
    page.get_by_label("Email").fill("không phải email")
    page.get_by_role("button", name="Tiếp tục", exact=True).last.click()


def _household_form(page: Page, account: DemoAccount) -> None:
    sign_in(page, account)
    page.goto("/forms/test-household")
    agree(page)


def _my_reads(page: Page, account: DemoAccount) -> None:
    _form(page, account)
    page.goto("/my-data/reads")


def _receipt(page: Page, account: DemoAccount) -> None:
    _form(page, account)
    page.get_by_label("Kính gửi").fill("Công an phường Ninh Kiều")
    page.get_by_label("Nội dung đề nghị").fill("Đăng ký thường trú")
    page.get_by_role("button", name="Tiếp tục", exact=True).last.click()
    page.get_by_role("button", name="Xác nhận và nộp").click()
    page.wait_for_url("**/submissions/*")


OFFICER = DemoAccount("canbo.motcua", DEMO_STAFF_PASSWORD, "Cán bộ một cửa", "officer")


def _my_submissions(page: Page, account: DemoAccount) -> None:
    _receipt(page, account)
    page.goto("/submissions")


def _queue_with_errors(page: Page, account: DemoAccount) -> None:
    sign_in(page, OFFICER)
    page.goto("/staff/submissions?since=31/02/2026")


def _officer_detail(page: Page, account: DemoAccount) -> None:
    _receipt(page, account)
    code = page.url.rsplit("/", 1)[-1]
    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, OFFICER)
    page.goto(f"/staff/submissions/{code}")


PAGES: dict[str, Callable[[Page, DemoAccount], None]] = {
    "catalogue": _catalogue,
    "sign-in errors": _sign_in_errors,
    "consent": _consent,
    "form": _form,
    "who read my data": _my_reads,
    "form with errors": _form_with_errors,
    "repeatable and conditional": _household_form,
    "receipt": _receipt,
    "my submissions": _my_submissions,
    "officer queue with errors": _queue_with_errors,
    "officer detail": _officer_detail,
}


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violations(
    name: str, browser: Browser, live_server: str, demo_accounts: list[DemoAccount]
) -> None:
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    try:
        PAGES[name](page, demo_accounts[0])
        assert _violations(page) == []
    finally:
        context.close()


def test_the_checker_sees_violations(browser: Browser) -> None:
    """Guard against a silently idle checker: an unlabelled input must be reported."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content('<html lang="vi"><title>t</title><main><input type="text"></main></html>')
        assert "label" in {v["id"] for v in _violations(page)}
    finally:
        context.close()
