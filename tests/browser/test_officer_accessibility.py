"""axe-core on the submission pages: "my submissions" and the officers' queue and detail."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from formsvc.accounts import OFFICER
from formsvc.demo import DemoAccount
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _receipt, _violations


def _my_submissions(page: Page, accounts: list[DemoAccount]) -> None:
    _receipt(page, accounts[0])
    page.goto("/submissions")


def _queue_with_errors(page: Page, accounts: list[DemoAccount]) -> None:
    sign_in(page, next(a for a in accounts if a.role == OFFICER))
    page.goto("/staff/submissions?since=31/02/2026")


def _detail(page: Page, accounts: list[DemoAccount]) -> None:
    _receipt(page, accounts[0])
    code = page.url.rsplit("/", 1)[-1]
    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, next(a for a in accounts if a.role == OFFICER))
    page.goto(f"/staff/submissions/{code}")


PAGES: dict[str, Callable[[Page, list[DemoAccount]], None]] = {
    "my submissions": _my_submissions,
    "officer queue with errors": _queue_with_errors,
    "officer detail": _detail,
}


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violations(
    name: str, browser: Browser, live_server: str, demo_accounts: list[DemoAccount]
) -> None:
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    try:
        PAGES[name](page, demo_accounts)
        assert _violations(page) == []
    finally:
        context.close()
