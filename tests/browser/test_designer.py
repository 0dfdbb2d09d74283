"""A designer builds and publishes a form in Chromium; a citizen uses it; a second version
changes a field while the first submission keeps its own version."""

from __future__ import annotations

import io
import re
import uuid

import feedparser
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from formsvc.demo import DemoAccount
from tests.browser.conftest import agree, sign_in
from tests.browser.test_accessibility import _violations


def _context_page(browser: Browser, live_server: str) -> Page:
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    return context.new_page()


def _field(page: Page, key: str) -> None:
    """Open a field's editor (a <details>) in the list."""
    details = page.locator(f'[id="field-{key}"] details')
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def _add_field(page: Page, kind: str, label: str, name: str) -> None:
    page.get_by_label("Loại trường").select_option(kind)
    page.get_by_label("Nhãn trường mới").fill(label)
    page.get_by_label("Tên kỹ thuật trường mới").fill(name)
    page.get_by_role("button", name="Thêm trường").click()
    expect(page.locator(f'[id="field-{name}"]')).to_contain_text(label)


def _saved(page: Page) -> None:
    expect(page.locator("[data-status]")).to_contain_text("Đã lưu tự động")


def _publish(page: Page, note: str) -> None:
    page.get_by_label("Nội dung thay đổi").fill(note)
    page.get_by_label("Căn cứ pháp lý (văn bản công bố)").fill("Quyết định số 9/2026/QĐ-UBND")
    page.get_by_role("button", name="Công bố", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Các phiên bản đã công bố"))).to_be_visible()


def test_design_publish_fill_and_supersede(
    browser: Browser, live_server: str, demo_accounts: list[DemoAccount]
) -> None:
    form_id = f"tk-{uuid.uuid4().hex[:8]}"
    designer_account = next(a for a in demo_accounts if a.role == "designer")
    staff = _context_page(browser, live_server)
    sign_in(staff, designer_account)

    staff.goto("/staff/")
    staff.get_by_role("link", name="Tạo biểu mẫu mới").click()
    staff.get_by_label("Mã định danh").fill(form_id)
    staff.get_by_label("Số hiệu mẫu").fill("TK77")
    staff.get_by_label("Tên biểu mẫu").fill("Tờ khai đề nghị trả kết quả")
    staff.get_by_label("Cơ quan tiếp nhận").fill("Ủy ban nhân dân phường Ninh Kiều")
    staff.get_by_label("Căn cứ pháp lý").fill("Quyết định số 9/2026/QĐ-UBND")
    staff.get_by_role("button", name="Tạo bản nháp").click()
    expect(staff.get_by_role("heading", name="Tờ khai đề nghị trả kết quả")).to_be_visible()

    # A prefilled person block from the standard components.
    staff.get_by_label("Thành phần", exact=True).select_option("person")
    staff.get_by_label("Nhãn thành phần").fill("Người đề nghị")
    staff.get_by_label("Tên kỹ thuật thành phần").fill("applicant")
    staff.get_by_label("Điền sẵn thành phần từ").fill("citizen")
    staff.get_by_role("button", name="Chèn thành phần").click()
    expect(staff.locator('[id="field-applicant"]')).to_contain_text("Người đề nghị")

    # A choice list, saved in the background.
    _add_field(staff, "choice", "Hình thức nhận kết quả", "delivery")
    _field(staff, "delivery")
    staff.locator('[id="choices-delivery"]').fill("post = Qua bưu điện\noffice = Tại cơ quan")
    staff.locator('[id="required-delivery"]').check()
    _saved(staff)

    # A field shown only when the choice is "post".
    _add_field(staff, "textarea", "Địa chỉ nhận qua bưu điện", "post_address")
    _field(staff, "post_address")
    staff.locator('[id="when-post_address"]').select_option("delivery")
    staff.locator('[id="value-post_address"]').fill("post")
    staff.locator('[id="field-post_address"]').get_by_role("button", name="Đặt điều kiện").click()
    expect(staff.locator('[id="field-post_address"] summary')).to_contain_text("có điều kiện")

    # The preview: the citizen's page, prefilled for the demo citizen, and the PDF.
    preview = staff.frame_locator("[data-preview]")
    expect(preview.get_by_label("Họ, chữ đệm và tên", exact=True)).to_have_value("Nguyễn Văn An")
    expect(preview.get_by_label("Qua bưu điện", exact=True)).to_be_visible()
    pdf = staff.request.get(f"/staff/forms/{form_id}/preview.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # The JSON tab holds the same draft.
    staff.get_by_role("link", name="JSON", exact=True).click()
    expect(staff.get_by_label("Văn bản JSON của bản nháp")).to_contain_text('"post_address"')
    staff.get_by_role("link", name="Trình soạn trực quan").click()

    _publish(staff, "Ban hành biểu mẫu")
    feed = feedparser.parse(staff.request.get("/feeds/forms.atom").body())
    assert not feed.bozo
    assert any(e.id == f"urn:formsvc:form:{form_id}:version:1" for e in feed.entries)
    staff.goto("/")
    expect(staff.get_by_role("link", name=re.compile("TK77"))).to_be_visible()

    # A citizen fills and submits version 1.
    citizen = _context_page(browser, live_server)
    sign_in(citizen, demo_accounts[0])
    citizen.goto(f"/forms/{form_id}")
    agree(citizen)
    expect(citizen.get_by_label("Họ, chữ đệm và tên", exact=True)).to_have_value("Nguyễn Văn An")
    citizen.get_by_role("radio", name="Qua bưu điện").check()
    citizen.get_by_role("textbox", name=re.compile("Địa chỉ nhận qua bưu điện")).fill(
        "Số 5 đường Hòa Bình, Ninh Kiều"
    )
    citizen.get_by_role("button", name="Tiếp tục", exact=True).last.click()
    expect(citizen.get_by_role("heading", name="Kiểm tra lại thông tin")).to_be_visible()
    citizen.get_by_role("button", name="Xác nhận và nộp").click()
    expect(citizen.get_by_role("heading", name="Đã nộp hồ sơ")).to_be_visible()
    code = citizen.locator(".tracking-code").inner_text().strip()

    # Version 2 renames the field; the diff says so.
    staff.goto(f"/staff/forms/{form_id}")
    _field(staff, "post_address")
    staff.locator('[id="label-post_address"]').fill("Địa chỉ nhận kết quả qua bưu điện")
    _saved(staff)
    staff.reload()
    _publish(staff, "Đổi nhãn địa chỉ")
    staff.get_by_role("link", name="Thay đổi so với phiên bản 1").click()
    expect(staff.get_by_text("Đổi nhãn trường 'Địa chỉ nhận qua bưu điện' thành "
                             "'Địa chỉ nhận kết quả qua bưu điện'")).to_be_visible()  # fmt: skip

    # The first submission still renders with version 1's wording; new ones get version 2.
    pdf = citizen.request.get(f"/submissions/{code}/application.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Địa chỉ nhận qua bưu điện" in text
    assert "Địa chỉ nhận kết quả qua bưu điện" not in text
    assert "Số 5 đường Hòa Bình" in text
    citizen.goto(f"/forms/{form_id}")
    citizen.get_by_role("radio", name="Qua bưu điện").check()
    expect(citizen.get_by_text("Địa chỉ nhận kết quả qua bưu điện")).to_be_visible()


def test_designer_pages_have_no_serious_accessibility_violations(
    browser: Browser, live_server: str, demo_accounts: list[DemoAccount]
) -> None:
    designer_account = next(a for a in demo_accounts if a.role == "designer")
    page = _context_page(browser, live_server)
    sign_in(page, designer_account)
    for url in ("/staff/", "/staff/forms/ct01", "/staff/forms/ct01?tab=json", "/staff/forms/new"):
        page.goto(url)
        assert _violations(page) == [], url
    page.context.close()


def test_switching_tabs_keeps_a_json_edit_and_bad_json_stays_put(
    browser: Browser, live_server: str, demo_accounts: list[DemoAccount]
) -> None:
    form_id = f"tk-{uuid.uuid4().hex[:8]}"
    page = _context_page(browser, live_server)
    sign_in(page, next(a for a in demo_accounts if a.role == "designer"))
    page.goto("/staff/forms/new")
    page.get_by_label("Mã định danh").fill(form_id)
    for label, value in (("Số hiệu mẫu", "TK1"), ("Tên biểu mẫu", "Tờ khai JSON"),
                         ("Cơ quan tiếp nhận", "UBND"), ("Căn cứ pháp lý", "QĐ 1")):  # fmt: skip
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Tạo bản nháp").click()
    page.get_by_role("link", name="JSON", exact=True).click()
    text = page.get_by_label("Văn bản JSON của bản nháp")
    text.fill(text.input_value().replace('"Tờ khai JSON"', '"Tờ khai sửa trong JSON"'))
    page.get_by_role("link", name="Trình soạn trực quan").click()
    expect(page.get_by_role("heading", name="Tờ khai sửa trong JSON")).to_be_visible()

    page.get_by_role("link", name="JSON", exact=True).click()
    text.fill('{\n  "title": "X",\n  "type": 5\n}')
    page.get_by_role("link", name="Trình soạn trực quan").click()
    expect(page.locator("[data-status]")).to_contain_text("Dòng 3")
    expect(text).to_be_visible()  # still on the JSON tab, the text kept
    page.reload()
    expect(page.get_by_role("heading", name="Tờ khai sửa trong JSON")).to_be_visible()
    page.context.close()
