"""Flagging a wrong verified value: the value stays, the flag and note travel with the
submission, and the receipt shows them."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from formsvc.db import get_session
from formsvc.submissions import Submission
from formsvc.submissions.disputes import MAX_NOTE
from tests.conftest import Citizen

ANSWERS = {
    "recipient": "Công an phường Ninh Kiều",
    "phone": "0912345678",
    "request": "Đăng ký tạm trú",
}
NOTE = "Tên đúng trên giấy khai sinh là Nguyễn Văn Ân"


def test_a_note_can_be_withdrawn_before_confirming(citizen: Citizen, app: Flask) -> None:
    citizen.post_form("/forms/ct01", {**ANSWERS, "dispute.full_name": NOTE})
    citizen.post_form("/forms/ct01", ANSWERS)
    assert citizen.confirm("/forms/ct01/review").status_code == 303
    with app.app_context():
        assert get_session().scalars(select(Submission)).one().disputes == {}


def test_the_form_offers_a_dispute_box_for_verified_values_only(citizen: Citizen) -> None:
    html = citizen.client.get("/forms/ct01").text
    assert 'name="dispute.full_name"' in html and 'name="dispute.sex"' in html
    assert 'name="dispute.phone"' not in html  # editable: the citizen just corrects it
    assert "<summary>Báo sai thông tin</summary>" in html


def test_a_disputed_value_is_kept_and_flagged(citizen: Citizen, app: Flask) -> None:
    filled = citizen.post_form("/forms/ct01", {**ANSWERS, "dispute.full_name": NOTE})
    assert filled.status_code == 303, filled.text
    form_again = citizen.client.get("/forms/ct01").text  # the note waits with the draft
    assert NOTE in form_again and '<details class="dispute" open>' in form_again
    review = citizen.client.get("/forms/ct01/review").text
    assert "Thông tin bạn đã báo sai" in review and NOTE in review
    response = citizen.confirm("/forms/ct01/review")
    assert response.status_code == 303, response.text
    with app.app_context():
        stored = get_session().scalars(select(Submission)).one()
        assert stored.data["full_name"] == "Nguyễn Văn An"
        assert stored.prefill["full_name"]["disputed"] is True
        assert stored.prefill["full_name"]["dispute_note"] == NOTE
        assert "disputed" not in stored.prefill["date_of_birth"]
        assert stored.disputes == {"full_name": NOTE}
    receipt = citizen.client.get(response.headers["Location"])
    assert "Thông tin bạn đã báo sai" in receipt.text
    assert "Họ, chữ đệm và tên" in receipt.text and NOTE in receipt.text


def test_an_overlong_note_is_a_field_error(citizen: Citizen, app: Flask) -> None:
    note = "x" * (MAX_NOTE + 1)
    response = citizen.post_form("/forms/ct01", {**ANSWERS, "dispute.full_name": note})
    assert response.status_code == 422
    html = response.text
    assert 'href="#dispute.full_name">Nội dung báo sai thông tin không được dài quá' in html
    assert '<details class="dispute" open>' in html
    with app.app_context():
        assert get_session().scalars(select(Submission)).all() == []


def test_a_dispute_on_an_editable_field_is_refused(citizen: Citizen, app: Flask) -> None:
    response = citizen.post_form("/forms/ct01", {**ANSWERS, "dispute.phone": NOTE})
    assert response.status_code == 400
