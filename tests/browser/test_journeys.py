"""Citizens in a real browser, with JavaScript on and off: sign in, fill, check, submit."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from formsvc.demo import DemoAccount
from tests.browser.conftest import agree, sign_in


def _confirm(page: Page) -> str:
    expect(page.get_by_role("heading", name="Kiểm tra lại thông tin")).to_be_visible()
    page.get_by_role("button", name="Xác nhận và nộp").click()
    expect(page.get_by_role("heading", name="Đã nộp hồ sơ")).to_be_visible()
    code = page.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    return code


def test_ct01_from_sign_in_to_receipt(page: Page, demo_accounts: list[DemoAccount]) -> None:
    sign_in(page, demo_accounts[0])
    page.get_by_role("link", name=re.compile("CT01")).click()
    expect(page.get_by_role("heading", name=re.compile("Đồng ý chia sẻ dữ liệu"))).to_be_visible()
    agree(page)
    expect(page.get_by_label("Họ, chữ đệm và tên", exact=True)).to_have_value("Nguyễn Văn An")
    expect(page.get_by_label("Họ, chữ đệm và tên", exact=True)).to_have_attribute("readonly", "")
    page.get_by_label("Kính gửi").fill("Công an phường Ninh Kiều")
    page.get_by_label("Nội dung đề nghị").fill("Đăng ký tạm trú tại Phường Tân An")
    page.get_by_role("button", name="Tiếp tục", exact=True).last.click()
    code = _confirm(page)
    expect(page.get_by_text("Đăng ký tạm trú tại Phường Tân An")).to_be_visible()
    pdf = page.request.get(f"/submissions/{code}/application.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"


def test_errors_are_summarised_and_linked(page: Page, demo_accounts: list[DemoAccount]) -> None:
    sign_in(page, demo_accounts[0])
    page.goto("/forms/ct01")
    agree(page)
    page.get_by_role("button", name="Tiếp tục", exact=True).last.click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Kính gửi là bắt buộc")
    summary.get_by_role("link", name="Kính gửi là bắt buộc").click()
    assert page.url.endswith("#recipient")


def test_repeatable_group_and_conditional_section(
    page: Page, javascript: bool, demo_accounts: list[DemoAccount]
) -> None:
    sign_in(page, demo_accounts[0])
    page.goto("/forms/test-household")
    agree(page)
    spouse = page.get_by_label("Họ tên vợ hoặc chồng")
    if javascript:
        expect(spouse).to_be_hidden()
    else:
        expect(page.get_by_text("Chỉ điền nếu «Bạn đã kết hôn chưa?» là «Có»")).to_be_visible()
    page.get_by_label("Có", exact=True).check()
    expect(spouse).to_be_visible()
    spouse.fill("Trần Thị Bích Ngọc")
    page.get_by_label("Họ tên thành viên").fill("Nguyễn Minh Khôi")
    page.get_by_role("button", name="Thêm dòng").click()
    rows = page.get_by_label("Họ tên thành viên")
    expect(rows).to_have_count(2)
    rows.nth(1).fill("Nguyễn Thị Mai")
    page.get_by_role("button", name="Tiếp tục", exact=True).last.click()
    _confirm(page)
    expect(page.get_by_text("Nguyễn Thị Mai")).to_be_visible()
    expect(page.get_by_text("Trần Thị Bích Ngọc")).to_be_visible()
