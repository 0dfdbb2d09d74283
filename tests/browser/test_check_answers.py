"""The check-your-answers page of a form with a repeatable group, on a phone and a desktop:
the table scrolls inside its own box, the page never scrolls sideways, and a change link
lands on its field.

FORMSVC_SCREENSHOTS=DIR keeps a full-page screenshot of each width in DIR.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from formsvc.demo import DemoAccount
from tests.browser.conftest import agree, sign_in

FORM = "/forms/ly-lich-tu-phap"
ROWS = [
    ("14/03/1994", "01/09/1998", "Số 45, đường Nguyễn Văn Cừ, Phường Ninh Kiều, thành phố Cần Thơ"),
    ("01/09/1998", "", "Số 12, đường Trần Hưng Đạo, Phường Ninh Kiều, thành phố Cần Thơ"),
]


@pytest.fixture(params=[375, 1280], ids=["phone", "desktop"])
def wide_page(request: pytest.FixtureRequest, browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server, viewport={"width": int(request.param), "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def _fill(page: Page) -> None:
    page.get_by_label("Kính gửi").fill("Sở Tư pháp thành phố Cần Thơ")
    page.get_by_label("Phiếu lý lịch tư pháp số 1").check()
    page.get_by_label("Mục đích yêu cầu cấp Phiếu lý lịch tư pháp").fill("Bổ sung hồ sơ xin việc")
    for index, (start, end, address) in enumerate(ROWS):
        if index:
            page.get_by_role("button", name="Thêm dòng").click()
        page.locator(f"#residence_history-{index}-from").fill(start)
        page.locator(f"#residence_history-{index}-to").fill(end)
        page.locator(f"#residence_history-{index}-address").fill(address)
    page.get_by_role("button", name="Tiếp tục", exact=True).last.click()
    expect(page.get_by_role("heading", name="Kiểm tra lại thông tin")).to_be_visible()


def test_the_answers_table_scrolls_in_its_box(
    wide_page: Page, demo_accounts: list[DemoAccount]
) -> None:
    page = wide_page
    sign_in(page, demo_accounts[0])
    page.goto(FORM)
    agree(page)
    _fill(page)
    width = page.viewport_size["width"] if page.viewport_size else 0
    table = page.get_by_role("table", name="15. Quá trình cư trú của bản thân")
    expect(table.get_by_role("cell", name=ROWS[1][2])).to_be_visible()
    box = page.get_by_role("region", name="15. Quá trình cư trú của bản thân")
    inner, outer = box.evaluate("node => [node.scrollWidth, node.clientWidth]")
    if os.environ.get("FORMSVC_SCREENSHOTS"):
        page.screenshot(
            path=f"{os.environ['FORMSVC_SCREENSHOTS']}/review-{width}.png", full_page=True
        )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert (inner > outer) is (width < 600), (inner, outer)  # only a phone needs to scroll
    # The second row's change link lands on that row's first field.
    table.get_by_role("link", name="Thay đổi dòng 2").click()
    assert page.url.endswith("#residence_history-1-from")
    expect(page.locator("#residence_history-1-from")).to_have_value(ROWS[1][0])
