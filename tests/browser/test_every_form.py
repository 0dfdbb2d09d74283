"""Every form in the catalogue, in a real browser with JavaScript on and off.

The commonest things a citizen does: press "Tiếp tục" before typing anything, and add or
remove rows of a table. The first must give the error summary, never a server error; the
second must keep the citizen's place (focus on the new row, the next row, or the add button).
A definition dropped into ``form_definitions/`` is walked without touching this file. Last,
the header and staff tabs must fit a phone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Response, expect

from formsvc.demo import DemoAccount
from formsvc.schemas import load_definition
from tests.browser.conftest import agree, sign_in
from tests.conftest import FORM_DEFINITIONS, TEST_FORMS

DEFINITIONS = sorted(FORM_DEFINITIONS.glob("*.json")) + sorted(TEST_FORMS.glob("*.json"))


def _form_id(path: Path) -> str:
    return load_definition(path)[0]


@pytest.fixture
def server_errors(page: Page) -> Iterator[list[str]]:
    """Every 5xx the browser receives during the test: a defect whatever the page shows."""
    errors: list[str] = []

    def record(response: Response) -> None:
        if response.status >= 500:
            errors.append(f"{response.status} {response.request.method} {response.url}")

    page.on("response", record)
    yield errors


def _open(page: Page, form_id: str) -> None:
    page.goto(f"/forms/{form_id}")
    if page.url.endswith("/consent"):  # forms that read the population database ask first
        agree(page)
    expect(page.locator("form.application")).to_be_visible()


def _first_control(row: Locator) -> Locator:
    return row.locator("input:not([type=hidden]), select, textarea").first


def _rows_keep_their_place(page: Page, group_id: str) -> None:
    """Add a row, remove the first, remove the last: focus follows the citizen each time."""
    group = page.locator(f'[id="{group_id}"]')
    rows = group.locator(":scope > .row")
    add = page.locator(f'[id="{group_id}-add"]')
    before = rows.count()
    if add.count():
        add.click()
        expect(rows).to_have_count(before + 1)
        expect(_first_control(rows.nth(before))).to_be_focused()  # the new row
        before += 1
    removable = ":scope > button[value^='remove:']"
    if rows.nth(0).locator(removable).count() and before > 1:
        rows.nth(0).locator(removable).click()
        expect(rows).to_have_count(before - 1)
        expect(_first_control(rows.nth(0))).to_be_focused()  # the row that followed it
        before -= 1
    if rows.nth(before - 1).locator(removable).count():
        rows.nth(before - 1).locator(removable).click()
        expect(rows).to_have_count(before - 1)
        expect(add).to_be_focused()  # no row follows: the add button


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[p.stem for p in DEFINITIONS])
def test_empty_continue_and_row_changes(
    page: Page,
    javascript: bool,
    definition: Path,
    demo_accounts: list[DemoAccount],
    server_errors: list[str],
) -> None:
    sign_in(page, demo_accounts[0])
    _open(page, _form_id(definition))

    page.get_by_role("button", name="Tiếp tục", exact=True).last.click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link").first).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Lỗi:"))
    expect(summary).to_be_focused()

    groups = page.locator("form.application fieldset.repeatable").evaluate_all(
        "groups => groups.map(g => g.id)"
    )
    if definition.parent == TEST_FORMS:  # ours, with a group: the walk cannot find nothing
        assert groups
    if javascript:
        page.evaluate("window.formsvcSamePage = true")
    for group_id in groups:
        if page.locator(f'[id="{group_id}"]').count():  # a row removed may have held it
            _rows_keep_their_place(page, group_id)
    if javascript:  # in place: the page was never reloaded
        assert page.evaluate("window.formsvcSamePage") is True
    assert server_errors == []


# An iPhone SE: 375 × 667. The header takes at most a fifth of the height; with JavaScript
# it is one row, its links behind "Menu". The staff tabs are one row.
PHONE = {"width": 375, "height": 667}
HEADER_MAX = PHONE["height"] / 5
ONE_ROW = 64


def _fits(page: Page, javascript: bool) -> None:
    sizes = page.evaluate(
        """() => ({
            scroll: document.documentElement.scrollWidth,
            header: document.querySelector('.site-header').getBoundingClientRect().height,
            tabs: document.querySelector('.staff-nav')?.getBoundingClientRect().height ?? 0,
            tables: [...document.querySelectorAll('table')].map(t => t.closest('.table-scroll')
                ? t.closest('.table-scroll').getBoundingClientRect().right : Infinity),
        })"""
    )
    where = page.url
    assert sizes["scroll"] <= PHONE["width"], f"{where} is wider than the phone: {sizes}"
    assert sizes["header"] <= (ONE_ROW if javascript else HEADER_MAX), f"{where}: {sizes}"
    assert sizes["tabs"] <= ONE_ROW, f"{where}: staff tabs wrap: {sizes}"
    assert all(right <= PHONE["width"] for right in sizes["tables"]), f"{where}: {sizes}"


def test_header_tabs_and_tables_fit_a_phone(
    browser: Browser, live_server: str, javascript: bool, demo_accounts: list[DemoAccount]
) -> None:
    officer = next(a for a in demo_accounts if a.role == "officer")
    designer = next(a for a in demo_accounts if a.role == "designer")
    visits = [
        (demo_accounts[0], ["/forms/ly-lich-tu-phap", "/", "/my-data/reads"]),
        (officer, ["/staff/submissions", "/staff/audit"]),
        (designer, ["/staff/", "/staff/actions"]),
    ]
    for account, urls in visits:
        context = browser.new_context(
            base_url=live_server, java_script_enabled=javascript, viewport=PHONE
        )
        page = context.new_page()
        try:
            sign_in(page, account)
            for url in urls:
                page.goto(url)
                if page.url.endswith("/consent"):
                    agree(page)
                _fits(page, javascript)
            if javascript:  # the folded links are one press away, and fold again
                menu = page.get_by_role("button", name="Menu")
                sign_out = page.get_by_role("button", name="Đăng xuất")
                expect(sign_out).to_be_hidden()
                menu.click()
                expect(menu).to_have_attribute("aria-expanded", "true")
                expect(sign_out).to_be_visible()
                menu.click()
                expect(sign_out).to_be_hidden()
        finally:
            context.close()
