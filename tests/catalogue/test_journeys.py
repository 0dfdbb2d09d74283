"""Every catalogue form submitted end to end by a seeded demo citizen, through the web
journey a browser takes (consent → form → check your answers → confirm), and the stored
data valid against the exact published version of the form."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from formsvc.db import get_session
from formsvc.demo import DemoAccount
from formsvc.schemas import compiled
from formsvc.submissions import Submission
from tests.catalogue.browser import page_values
from tests.conftest import FORM_DEFINITIONS, Citizen

NGOC = "092184234562"  # Trần Thị Bích Ngọc: married to the head of the first demo household
HOME = "Số 12, đường Trần Hưng Đạo, Phường Ninh Kiều, Thành phố Cần Thơ"
DATE_IN_WORDS = "Ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi sáu"

# What the citizen types; everything else is what the page shows, prefilled or empty.
ANSWERS: dict[str, dict[str, str]] = {
    "ct01": {"recipient": "Công an phường Ninh Kiều", "request": "Đăng ký tạm trú"},
    "khai-sinh": {
        "recipient": "Ủy ban nhân dân phường Ninh Kiều",
        "relationship": "Mẹ",
        "child-full_name": "Nguyễn Ngọc Hân",
        "child-date_of_birth": "15/03/2026",
        "child-date_of_birth_in_words": DATE_IN_WORDS,
        "child-sex": "female",
        "child-ethnicity": "Kinh",
        "child-nationality": "Việt Nam",
        "child-place_of_birth": "Bệnh viện Phụ sản thành phố Cần Thơ",
        "child-hometown": "Xã Phong Điền, Thành phố Cần Thơ",
        "copies": "1",
    },
    "ket-hon": {
        "recipient": "Ủy ban nhân dân phường Ninh Kiều",
        "ben_nu-marriage_count": "1",
        "ben_nam-marriage_count": "1",
        "copies": "0",
    },
    "khai-tu": {
        "recipient": "Ủy ban nhân dân phường Ninh Kiều",
        "relationship": "Con dâu",
        "deceased-full_name": "Nguyễn Văn Bảy",
        "deceased-date_of_birth": "01/01/1940",
        "deceased-sex": "male",
        "deceased-ethnicity": "Kinh",
        "deceased-nationality": "Việt Nam",
        "deceased-last_residence": HOME,
        "deceased-time_of_death": "14:30",
        "deceased-date_of_death": "20/11/2026",
        "deceased-place_of_death": "Bệnh viện Đa khoa Trung ương Cần Thơ",
        "deceased-cause_of_death": "Bệnh già",
        "deceased-death_notice-number": "125/GBT",
        "deceased-death_notice-issuer": "Bệnh viện Đa khoa Trung ương Cần Thơ",
        "deceased-death_notice-issue_date": "20/11/2026",
        "copies": "2",
    },
    "xac-nhan-hon-nhan": {
        "recipient": "Ủy ban nhân dân phường Ninh Kiều",
        "purpose": "Bổ sung hồ sơ vay vốn ngân hàng",
    },
    "tk01-ho-chieu": {
        "occupation": "Giáo viên",
        "employer": "Trường Tiểu học Ninh Kiều, phường Ninh Kiều, thành phố Cần Thơ",
        "passport_kind": "co_chip",
        "request": "Cấp hộ chiếu lần đầu",
    },
    "ly-lich-tu-phap": {
        "recipient": "Sở Tư pháp thành phố Cần Thơ",
        "residence_history-0-from": "02/11/1998",
        "residence_history-0-to": "30/06/2006",
        "residence_history-0-address": "Xã Long Hồ, Tỉnh Vĩnh Long",
        "residence_history-0-occupation": "Học sinh",
        "residence_history-0-workplace": "Trường Trung học phổ thông Long Hồ",
        "residence_history-1-from": "01/07/2006",
        "residence_history-1-address": HOME,
        "residence_history-1-occupation": "Giáo viên",
        "certificate": "phieu_so_2",
        "purpose": "Bổ sung hồ sơ xin việc",
        "copies": "1",
    },
    "ho-kinh-doanh": {
        "recipient": "Ủy ban nhân dân phường Ninh Kiều",
        "business_name": "HỘ KINH DOANH TẠP HÓA BÍCH NGỌC",
        "business_address-street": "Số 12, đường Trần Hưng Đạo",
        "business_address-ward": "Phường Ninh Kiều",
        "business_address-province": "Thành phố Cần Thơ",
        "business_lines": "Bán lẻ lương thực, thực phẩm, đồ uống (4711)",
        "capital": "150000000",
        "employees": "2",
    },
}

CATALOGUE = sorted(path.stem for path in FORM_DEFINITIONS.glob("*.json"))


def test_every_catalogue_form_has_a_journey() -> None:
    assert sorted(ANSWERS) == CATALOGUE


@pytest.mark.parametrize("form_id", sorted(ANSWERS))
def test_form_is_submitted_by_a_demo_citizen_and_stored_valid(
    form_id: str, client: object, demo_accounts: list[DemoAccount], app: Flask
) -> None:
    ngoc = next(account for account in demo_accounts if account.username == NGOC)
    person = Citizen(client, ngoc)  # type: ignore[arg-type]
    person.sign_in()
    person.decide(form_id)
    url = f"/forms/{form_id}"
    shown = page_values(person.client.get(url).text)
    answers = {
        name: value
        for name, value in {**shown, **ANSWERS[form_id]}.items()
        if name != "csrf_token" and not name.startswith("dispute.")
    }
    # Rows beyond the one a page shows are what "Thêm dòng" would add.
    response = person.submit(url, answers)
    assert response.status_code == 303, response.text
    with app.app_context():
        stored = get_session().scalars(select(Submission)).one()
        form = compiled(stored.form_version)
        assert form.document.form_id == form_id
        assert form.validate(stored.data) == []
        assert stored.prefill, "nothing was prefilled"
        if "full_name" in stored.data:
            assert stored.data["full_name"] == "Trần Thị Bích Ngọc"
