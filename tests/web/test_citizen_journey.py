"""The whole citizen path through Flask's test client: sign in, prefill, submit, receipt, PDF."""

from __future__ import annotations

import io
import re

import pytest
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import func, select

from formsvc.db import get_session
from formsvc.demo import DemoAccount
from formsvc.prefill import PrefillRead
from formsvc.submissions import Submission
from tests.conftest import Citizen, csrf_token, nfc

HEAD_ID = "092080123451"  # Nguyễn Văn An, head of the first demo household

ANSWERS = {
    "recipient": "Công an phường Ninh Kiều",
    "phone": "0912345678",
    "email": "an.nguyen@example.vn",
    "request": "Đăng ký tạm trú cho con tại Phường Tân An, thành phố Cần Thơ",
}


def _input_value(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html)
    assert match, f"no input {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def _submission_count(app) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Submission)) or 0


def test_anonymous_visitor_is_sent_to_sign_in(client: FlaskClient) -> None:
    response = client.get("/forms/ct01")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/signin?next=/forms/ct01")


def test_catalogue_lists_ct01(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "CT01 – Tờ khai thay đổi thông tin cư trú" in response.text


def test_wrong_password_is_refused(client: FlaskClient, demo_accounts: list[DemoAccount]) -> None:
    page = client.get("/signin")
    response = client.post(
        "/signin",
        data={"csrf_token": csrf_token(page.text), "username": HEAD_ID, "password": "nope"},
    )
    assert response.status_code == 401
    assert "không đúng" in response.text


def test_form_is_prefilled_and_locked(citizen: Citizen, app) -> None:  # type: ignore[no-untyped-def]
    page = citizen.client.get("/forms/ct01")
    assert page.status_code == 200
    html = page.text
    assert _input_value(html, "full_name") == "Nguyễn Văn An"
    assert _input_value(html, "date_of_birth") == "14/03/1980"
    assert _input_value(html, "personal_id") == HEAD_ID
    assert re.search(r'<input[^>]*name="full_name"[^>]*readonly', html)
    assert re.search(r'<input[^>]*checked[^>]*value="male"|value="male"[^>]*checked', html)
    # Editable prefill: the phone is filled but not locked.
    phone = re.search(r'<input[^>]*name="phone"[^>]*>', html)
    assert phone and "readonly" not in phone.group(0) and 'value="0912345678"' in phone.group(0)
    assert "Đã xác thực từ Cơ sở dữ liệu quốc gia về dân cư" in html
    with app.app_context():
        reads = get_session().scalars(select(PrefillRead)).all()
    assert len(reads) == 1
    assert "citizen.full_name" in reads[0].paths and reads[0].form_id == "ct01"


def test_submit_gives_receipt_and_pdf_with_answers(citizen: Citizen, app) -> None:  # type: ignore[no-untyped-def]
    filled = citizen.post_form("/forms/ct01", ANSWERS)
    assert filled.status_code == 303 and filled.headers["Location"] == "/forms/ct01/review"
    review = citizen.client.get("/forms/ct01/review")
    assert review.status_code == 200
    assert "Kiểm tra lại thông tin" in review.text and ANSWERS["request"] in review.text
    assert _submission_count(app) == 0  # nothing is submitted before confirming
    response = citizen.confirm("/forms/ct01/review")
    assert response.status_code == 303, response.text
    receipt_url = response.headers["Location"]
    code = receipt_url.rsplit("/", 1)[-1]
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)

    receipt = citizen.client.get(receipt_url)
    assert receipt.status_code == 200
    assert code in receipt.text and "Đã tiếp nhận" in receipt.text

    with app.app_context():
        stored = get_session().scalars(select(Submission)).one()
        assert stored.tracking_code == code
        assert stored.data["full_name"] == "Nguyễn Văn An"
        assert stored.data["date_of_birth"] == "1980-03-14"
        assert stored.data["request"] == ANSWERS["request"]
        assert stored.prefill["full_name"]["locked"] is True
        assert stored.prefill["phone"]["edited"] is False
        assert [change.status for change in stored.history] == ["received"]

    pdf = citizen.client.get(f"{receipt_url}/application.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = nfc("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
        "Kính gửi: Công an phường Ninh Kiều",
        "1. Họ, chữ đệm và tên: Nguyễn Văn An",
        "2. Ngày, tháng, năm sinh: 14/03/1980",
        "3. Giới tính: Nam",
        f"4. Số định danh cá nhân: {HEAD_ID}",
        "Đăng ký tạm trú cho con tại Phường Tân An",
        f"Mã hồ sơ: {code}",
        "Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA",
    ):
        assert nfc(expected) in text, expected


def test_invalid_answers_get_field_errors_and_store_nothing(citizen: Citizen, app) -> None:  # type: ignore[no-untyped-def]
    response = citizen.post_form("/forms/ct01", {**ANSWERS, "phone": "12345", "recipient": ""})
    assert response.status_code == 422
    html = response.text
    assert 'href="#recipient">Kính gửi là bắt buộc' in html
    assert "Số điện thoại phải gồm 10 chữ số" in html
    assert 'aria-describedby="phone-source phone-error"' in html
    assert _submission_count(app) == 0


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        # Written right, but no such day: not a format error.
        ("31/02/1980", "Ngày, tháng, năm sinh: ngày 31/02/1980 không có trên lịch"),
        ("1/13/1980", "Ngày, tháng, năm sinh: ngày 01/13/1980 không có trên lịch"),
        ("1980-02-12", "không đúng định dạng ngày/tháng/năm"),
        ("hôm qua", "không đúng định dạng ngày/tháng/năm"),
    ],
)
def test_unreadable_date_is_a_field_error(citizen: Citizen, app, typed, message) -> None:  # type: ignore[no-untyped-def]
    response = citizen.post_form("/forms/ct01", {**ANSWERS, "date_of_birth": typed})
    assert response.status_code == 422
    assert message in response.text
    assert 'id="date_of_birth-error"' in response.text
    assert _submission_count(app) == 0


def test_a_locked_choice_keeps_its_verified_value_after_an_error(citizen: Citizen) -> None:
    """A disabled radio is not posted; the page after an error must still show it chosen."""
    response = citizen.post_form("/forms/ct01", {**ANSWERS, "recipient": ""})
    assert response.status_code == 422
    checked = re.search(r'<input[^>]*name="sex"[^>]*value="male"[^>]*>', response.text)
    assert checked is not None and "checked" in checked.group(0), checked


def test_changing_a_locked_value_is_refused(citizen: Citizen, app) -> None:  # type: ignore[no-untyped-def]
    response = citizen.post_form("/forms/ct01", {**ANSWERS, "full_name": "Người Khác"})
    assert response.status_code == 422
    assert "không thể sửa" in response.text
    assert _submission_count(app) == 0


def test_fields_the_form_does_not_have_are_refused(citizen: Citizen, app) -> None:  # type: ignore[no-untyped-def]
    response = citizen.post_form("/forms/ct01", {**ANSWERS, "is_admin": "1"})
    assert response.status_code == 400
    assert _submission_count(app) == 0


def test_post_without_csrf_token_is_refused(citizen: Citizen, app) -> None:  # type: ignore[no-untyped-def]
    response = citizen.client.post("/forms/ct01", data=ANSWERS)
    assert response.status_code == 400
    assert _submission_count(app) == 0


def test_another_citizen_cannot_see_a_submission(
    client: FlaskClient, citizen: Citizen, demo_accounts: list[DemoAccount]
) -> None:
    receipt_url = citizen.submit("/forms/ct01", ANSWERS).headers["Location"]
    citizen.client.post("/signout", data={"csrf_token": csrf_token(client.get("/").text)})
    Citizen(client, demo_accounts[3]).sign_in()
    assert client.get(receipt_url).status_code == 404
    assert client.get(f"{receipt_url}/application.pdf").status_code == 404


@pytest.mark.parametrize("url", ["/forms/no-such-form", "/submissions/AAAA-BBBB-CCCC"])
def test_unknown_things_are_404(citizen: Citizen, url: str) -> None:
    assert citizen.client.get(url).status_code == 404


def test_confirming_twice_makes_one_submission(citizen: Citizen, app) -> None:  # type: ignore[no-untyped-def]
    citizen.post_form("/forms/ct01", ANSWERS)
    page = citizen.client.get("/forms/ct01/review")
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', page.text)
    assert token
    data = {"csrf_token": csrf_token(page.text), "token": token.group(1)}
    first = citizen.client.post("/forms/ct01/review", data=data)
    second = citizen.client.post("/forms/ct01/review", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert _submission_count(app) == 1


def test_drafts_are_saved_and_resumed(citizen: Citizen) -> None:
    saved = citizen.post_form(
        "/forms/ct01", {"_action": "save", "recipient": "Công an phường Cái Khế"}
    )
    assert saved.status_code == 200 and "Đã lưu nháp" in saved.text
    assert "Có bản nháp" in citizen.client.get("/").text
    resumed = citizen.client.get("/forms/ct01")
    assert _input_value(resumed.text, "recipient") == "Công an phường Cái Khế"
    # Verified data is still the database's, whatever the draft holds.
    assert _input_value(resumed.text, "full_name") == "Nguyễn Văn An"


def test_another_citizen_never_sees_or_submits_a_draft(
    client: FlaskClient, citizen: Citizen, demo_accounts: list[DemoAccount], app
) -> None:  # type: ignore[no-untyped-def]
    citizen.post_form("/forms/ct01", ANSWERS)
    page = citizen.client.get("/forms/ct01/review")
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', page.text)
    assert token
    citizen.client.post("/signout", data={"csrf_token": csrf_token(page.text)})
    other = Citizen(client, demo_accounts[3])
    other.sign_in()
    other.decide("ct01")
    assert _input_value(client.get("/forms/ct01").text, "recipient") in (None, "")
    home = client.get("/")
    response = client.post(
        "/forms/ct01/review", data={"csrf_token": csrf_token(home.text), "token": token.group(1)}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/forms/ct01"
    assert _submission_count(app) == 0


def test_catalogue_search_ignores_case_and_diacritics(client: FlaskClient) -> None:
    for query in ("cu tru", "CT01", "công an"):
        assert (
            "Tờ khai thay đổi thông tin cư trú" in client.get("/", query_string={"q": query}).text
        )
    assert "Tờ khai thay đổi thông tin cư trú" not in client.get("/?q=hộ chiếu xyz").text


def test_english_interface(client: FlaskClient) -> None:
    response = client.get("/lang/en?next=/", follow_redirects=True)
    assert '<html lang="en"' in response.text
    assert "Form catalogue" in response.text
    assert "Tờ khai thay đổi thông tin cư trú" in response.text  # form content stays Vietnamese
    assert client.get("/lang/fr").status_code == 404
