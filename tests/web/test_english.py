"""The English interface shows form content in English where the definition gives it, says
once when it does not, marks Vietnamese content for screen readers, and shows every error in
the page's language only."""

from __future__ import annotations

import html as markup
import io
import re

from flask import Flask
from pypdf import PdfReader

from formsvc.submissions.disputes import MAX_NOTE
from tests.conftest import Citizen

ANSWERS = {
    "recipient": "Công an phường Ninh Kiều",
    "phone": "0912345678",
    "request": "Đăng ký tạm trú cho con",
}
VIETNAMESE_LETTER = re.compile(r"[À-ỹĐđ]")
VIETNAMESE_ONLY = "This form is available in Vietnamese only"
PARTLY = "This form is only partly available in English"


def _english(citizen: Citizen) -> None:
    assert citizen.client.get("/lang/en?next=/").status_code == 303


def _main(html: str) -> str:
    """The page below the header (whose language switch is itself marked lang="vi")."""
    return html.split('<main id="main"', 1)[1]


def _plain(fragment: str) -> str:
    return markup.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _errors(html: str) -> list[str]:
    """The error summary's items and every field's message, as people read them."""
    summary = re.findall(r'<li><a href="#[^"]*">(.*?)</a></li>', html, re.S)
    fields = re.findall(r'<p class="error-message"[^>]*>(.*?)</p>', html, re.S)
    return [_plain(text).removeprefix("Error:").removeprefix("Lỗi:").strip()
            for text in summary + fields]  # fmt: skip


def test_ct01_in_english(citizen: Citizen) -> None:
    _english(citizen)
    html = citizen.client.get("/forms/ct01").text
    main = _main(html)
    assert '<html lang="en"' in html
    assert "<h1>Declaration of changes to residence information</h1>" in main
    for label in ("Addressed to", "Full name", "Date of birth", "Personal identification number",
                  "Full name of the head of household", "Your request"):  # fmt: skip
        assert f">{label}" in main, label
    assert re.search(r'<label for="sex-\d">Male</label>', main)
    assert "The residence registration authority you are applying to." in main
    assert "Họ, chữ đệm và tên" not in main and "Kính gửi" not in main
    assert 'lang="vi"' not in main
    assert VIETNAMESE_ONLY not in main and PARTLY not in main


def test_the_vietnamese_page_is_unchanged(citizen: Citizen) -> None:
    main = _main(citizen.client.get("/forms/ct01").text)
    assert "<h1>Tờ khai thay đổi thông tin cư trú</h1>" in main
    assert ">Họ, chữ đệm và tên" in main and ">Kính gửi" in main
    assert re.search(r'<label for="sex-\d">Nam</label>', main)
    assert "Full name" not in main and "Addressed to" not in main
    assert "lang=" not in main and 'id="language-notice"' not in main


def test_a_form_without_english_says_so_once_and_marks_its_text(citizen: Citizen) -> None:
    citizen.decide("test-household")
    _english(citizen)
    main = _main(citizen.client.get("/forms/test-household").text)
    assert main.count(VIETNAMESE_ONLY) == 1 and PARTLY not in main
    # near the top: right below the title, before the first question
    assert main.index(VIETNAMESE_ONLY) < main.index('<form method="post"')
    assert '<h1><span lang="vi">Tờ khai thử nghiệm thành viên hộ gia đình</span></h1>' in main
    assert '<span lang="vi">Họ, chữ đệm và tên</span>' in main
    assert "This form is" in main and "Tiếp tục" not in main  # the interface is English


def test_a_partly_translated_form_says_so(citizen: Citizen) -> None:
    citizen.decide("khai-sinh")
    _english(citizen)
    main = _main(citizen.client.get("/forms/khai-sinh").text)
    assert main.count(PARTLY) == 1 and VIETNAMESE_ONLY not in main
    assert ">Type of document" in main  # the identity-document component is translated
    assert '<span lang="vi">Kính gửi</span>' in main  # the form's own labels are not


def test_consent_page_in_english(citizen: Citizen) -> None:
    _english(citizen)
    main = _main(citizen.client.get("/forms/ct01/consent").text)
    assert "Processing your registration or change of residence information" in main
    assert "Circular No. 66/2023/TT-BCA" in main and "Commune-level police" in main
    assert "<dt>Personal details</dt>" in main
    assert "<li>Full name of the head of household</li>" in main
    assert "Thông tin nhân thân" not in main and "Họ tên chủ hộ" not in main
    assert 'id="language-notice"' not in main


def test_errors_are_in_the_page_language_only(citizen: Citizen) -> None:
    citizen.decide("ct01", agree=False)  # nothing prefilled: the date is typed
    typed = {"recipient": "", "date_of_birth": "31/02/2024", "request": ""}

    _english(citizen)
    english = citizen.post_form("/forms/ct01", typed)
    assert english.status_code == 422
    messages = _errors(english.text)
    assert messages, english.text
    assert [m for m in messages if VIETNAMESE_LETTER.search(m)] == []
    assert any(m.startswith("Addressed to") for m in messages)
    assert any("Date of birth" in m for m in messages)
    assert len(messages) == 2 * len(set(messages))  # each once in the summary, once by its field

    citizen.client.get("/lang/vi?next=/")
    vietnamese = citizen.post_form("/forms/ct01", typed)
    messages = _errors(vietnamese.text)
    assert all(VIETNAMESE_LETTER.search(m) for m in messages), messages
    assert any(m.startswith("Kính gửi") for m in messages)
    assert not [m for m in messages if re.search(r"\b(is|must|not|please)\b", m, re.I)]


def test_a_dispute_note_error_is_in_english(citizen: Citizen) -> None:
    _english(citizen)
    note = {"dispute.full_name": "x" * (MAX_NOTE + 1)}
    response = citizen.post_form("/forms/ct01", {**ANSWERS, **note})
    assert response.status_code == 422
    messages = _errors(response.text)
    assert f"The note on wrong data must be at most {MAX_NOTE} characters" in messages
    assert [m for m in messages if VIETNAMESE_LETTER.search(m)] == []


def test_review_and_receipt_in_english_and_the_pdf_in_vietnamese(
    citizen: Citizen, app: Flask
) -> None:
    _english(citizen)
    filled = citizen.post_form("/forms/ct01", ANSWERS)
    assert filled.status_code == 303, filled.text
    review = _main(citizen.client.get("/forms/ct01/review").text)
    assert "Declaration of changes to residence information" in review
    assert "Personal identification number" in review and "Male" in review
    assert "Họ, chữ đệm và tên" not in review and 'id="language-notice"' not in review
    confirmed = citizen.confirm("/forms/ct01/review")
    receipt = _main(citizen.client.get(confirmed.headers["Location"]).text)
    assert "Declaration of changes to residence information" in receipt
    assert "Full name" in receipt
    assert "Commune-level police will consider your application" in receipt  # what happens next
    assert "Permanent residence registration: 7 working days" in receipt
    pdf = citizen.client.get(confirmed.headers["Location"] + "/application.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ" in text and "Full name" not in text
