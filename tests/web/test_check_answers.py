"""Check your answers, the receipt and the officer's page: repeatable groups as tables, a
change link on each answer that lands on its field, questions that do not apply left out,
"what happens next" on the receipt; and the three marks (verified, prefilled, disputed) kept
apart on every page and on paper."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

from tests.conftest import Citizen, csrf_token
from tests.render.pdfs import text

LLTP = "/forms/ly-lich-tu-phap"
LLTP_ANSWERS = {
    "recipient": "Sở Tư pháp thành phố Cần Thơ",
    "certificate": "phieu_so_1",
    "purpose": "Bổ sung hồ sơ xin việc",
    "copies": "1",
    "residence_history-0-from": "14/03/1994",
    "residence_history-0-to": "01/09/1998",
    "residence_history-0-address": "Phường Ninh Kiều, thành phố Cần Thơ",
    "residence_history-1-from": "01/09/1998",
    "residence_history-1-address": "Phường Tân An, thành phố Cần Thơ",
    "residence_history-1-occupation": "Kỹ sư xây dựng",
}
HOUSEHOLD = "/forms/test-household"
CT01_ANSWERS = {
    "recipient": "Công an phường Ninh Kiều",
    "phone": "0912345678",  # as the database holds it: prefilled, editable, left alone
    "request": "Đăng ký tạm trú",
}
OFFICER = "canbo.motcua"


@dataclass
class Table:
    caption: str = ""
    headings: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Row:
    """One answer of a summary list: its label, its value cell, its change link."""

    label: str = ""
    value: str = ""
    link: str | None = None
    hidden: str = ""  # the link's visually-hidden words


class Page(HTMLParser):
    """What a person (or a screen reader) gets from an answers page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.rows: list[Row] = []
        self.ids: set[str] = set()
        self._stack: list[str] = []
        self._cell: list[str] | None = None
        self._hidden = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if named.get("id"):
            self.ids.add(str(named["id"]))
        self._stack.append(tag)
        if tag == "table":
            self.tables.append(Table())
        elif tag in ("caption", "th", "td", "dt", "dd") and self._cell is None:
            self._cell = []
        elif tag == "div" and named.get("class") == "answers-row":
            self.rows.append(Row())
        elif tag == "a" and self._in("dd", "td"):
            self._link(str(named.get("href")))
        elif tag == "span" and named.get("class") == "visually-hidden" and self._in("a"):
            self._hidden = True

    def _in(self, *tags: str) -> bool:
        return any(tag in self._stack for tag in tags)

    def _link(self, href: str) -> None:
        if self._in("table"):
            self.tables[-1].rows[-1].append(f"→{href}")
            self._cell = None  # the link's words are not the row's data
        else:
            self.rows[-1].link = href

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop() != tag:
            pass
        if tag == "span":
            self._hidden = False
        if tag not in ("caption", "th", "td", "dt", "dd") or self._cell is None:
            self._cell = None if tag in ("td", "dd") else self._cell
            return
        words = " ".join("".join(self._cell).split())
        self._cell = None
        if self._in("table"):
            table = self.tables[-1]
            if tag == "caption":
                table.caption = words
            elif tag == "th" and self._in("thead"):
                table.headings.append(words)
            elif tag == "th":
                table.rows.append([words])
            elif words:
                table.rows[-1].append(words)
        elif tag == "dt" and self.rows:
            self.rows[-1].label = words
        elif tag == "dd" and self.rows and not self.rows[-1].value:
            self.rows[-1].value = words

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._hidden and self.rows and not self._in("table"):
            self.rows[-1].hidden += data

    def row(self, label: str) -> Row:
        found = [row for row in self.rows if row.label.endswith(label)]
        assert len(found) == 1, (label, [row.label for row in self.rows])
        return found[0]

    def labels(self) -> list[str]:
        return [row.label for row in self.rows]


def _officer(client: FlaskClient) -> None:
    client.post("/signout", data={"csrf_token": csrf_token(client.get("/").text)})
    page = client.get("/signin")
    signed = client.post(
        "/signin",
        data={"csrf_token": csrf_token(page.text), "username": OFFICER, "password": "staff1234"},
    )
    assert signed.status_code == 303


def _residence_table(html: str) -> Table:
    (table,) = Page(html).tables
    assert table.caption == "15. Quá trình cư trú của bản thân (kể từ khi đủ 14 tuổi)"
    assert table.headings[:6] == ["TT", "Từ ngày", "Đến ngày", "Nơi cư trú", "Nghề nghiệp",
                                  "Nơi làm việc"]  # fmt: skip
    values = [[cell for cell in row if not cell.startswith("→")] for row in table.rows]
    assert values == [
        ["1", "14/03/1994", "01/09/1998", "Phường Ninh Kiều, thành phố Cần Thơ"],
        ["2", "01/09/1998", "Phường Tân An, thành phố Cần Thơ", "Kỹ sư xây dựng"],
    ]
    assert "{'from'" not in html and "[{" not in html  # no raw dump of the list
    return table


def test_a_repeatable_group_is_a_table_on_review_receipt_and_officer_page(
    citizen: Citizen,
) -> None:
    citizen.decide("ly-lich-tu-phap")
    assert citizen.post_form(LLTP, LLTP_ANSWERS).status_code == 303
    review = citizen.client.get(f"{LLTP}/review").text
    table = _residence_table(review)
    assert [row[-1] for row in table.rows] == [
        f"→{LLTP}#residence_history-0-from",
        f"→{LLTP}#residence_history-1-from",
    ]
    assert "dòng 2, Quá trình cư trú" in review  # the row's change link names the row
    assert 'class="table-scroll" role="region"' in review  # scrolls inside its own box
    receipt = citizen.confirm(f"{LLTP}/review").headers["Location"]
    receipt_page = citizen.client.get(receipt).text
    assert all(not cell.startswith("→") for row in _residence_table(receipt_page).rows
               for cell in row)  # fmt: skip
    code = receipt.rsplit("/", 1)[-1]
    _officer(citizen.client)
    _residence_table(citizen.client.get(f"/staff/submissions/{code}").text)


def test_each_answer_links_to_its_field_on_the_form_page(citizen: Citizen) -> None:
    citizen.decide("ly-lich-tu-phap")
    assert citizen.post_form(LLTP, LLTP_ANSWERS).status_code == 303
    review = Page(citizen.client.get(f"{LLTP}/review").text)
    form_ids = Page(citizen.client.get(LLTP).text).ids
    links = [row.link for row in review.rows] + [
        cell[1:] for table in review.tables for row in table.rows for cell in row
        if cell.startswith("→")
    ]  # fmt: skip
    assert all(links) and len(links) == len(review.rows) + 2
    for link in links:
        assert link is not None
        page, _sep, target = link.partition("#")
        assert page == LLTP and target in form_ids, link
    purpose = review.row("Mục đích yêu cầu cấp Phiếu lý lịch tư pháp")
    assert purpose.link == f"{LLTP}#purpose"
    assert purpose.hidden.strip() == "17. Mục đích yêu cầu cấp Phiếu lý lịch tư pháp"
    assert review.row("Số giấy tờ").link == f"{LLTP}#id_document-number"
    assert review.row("Kính gửi").link == f"{LLTP}#recipient"
    # A verified value cannot be changed; its link leads to "Báo sai thông tin" beside it.
    assert "Báo sai" in citizen.client.get(f"{LLTP}/review").text


@pytest.mark.parametrize("married", [False, True], ids=["unmarried", "married"])
def test_questions_that_do_not_apply_are_left_out(citizen: Citizen, married: bool) -> None:
    citizen.decide("test-household")
    answers = {"married": "true" if married else "false", "members-0-member_name": "Khôi"}
    if married:
        answers["spouse_name"] = "Trần Thị Bích Ngọc"
    receipt = citizen.submit(HOUSEHOLD, answers).headers["Location"]
    code = receipt.rsplit("/", 1)[-1]
    pages = [citizen.client.get(receipt).text]
    _officer(citizen.client)
    pages.append(citizen.client.get(f"/staff/submissions/{code}").text)
    for html in pages:
        page = Page(html)
        spouse = ["4. Họ tên vợ hoặc chồng"] if married else []
        assert page.labels() == ["1. Họ, chữ đệm và tên", "2. Bạn đã kết hôn chưa?", *spouse]
        (table,) = page.tables
        assert table.caption == "3. Những người cùng thay đổi"
        assert table.rows == [["1", "Khôi"]]
        assert "—" not in html


def test_the_review_page_leaves_out_a_branch_that_does_not_apply(citizen: Citizen) -> None:
    citizen.decide("test-household")
    assert citizen.post_form(HOUSEHOLD, {"married": "false"}).status_code == 303
    review = Page(citizen.client.get(f"{HOUSEHOLD}/review").text)
    assert review.labels() == ["1. Họ, chữ đệm và tên", "2. Bạn đã kết hôn chưa?",
                               "3. Những người cùng thay đổi"]  # fmt: skip
    assert review.row("Những người cùng thay đổi").value == "Không khai"
    assert review.row("Những người cùng thay đổi").link == f"{HOUSEHOLD}#members"
    assert "members" in Page(citizen.client.get(HOUSEHOLD).text).ids


def test_an_editable_prefilled_value_is_not_called_verified(citizen: Citizen) -> None:
    assert citizen.post_form("/forms/ct01", CT01_ANSWERS).status_code == 303
    review = Page(citizen.client.get("/forms/ct01/review").text)
    assert "Đã xác thực" in review.row("Họ, chữ đệm và tên").value
    phone = review.row("Số điện thoại liên hệ")
    assert phone.value == "0912345678 Điền sẵn" and phone.link == "/forms/ct01#phone"
    receipt = citizen.confirm("/forms/ct01/review").headers["Location"]
    page = Page(citizen.client.get(receipt).text)
    assert "Đã xác thực" in page.row("Họ, chữ đệm và tên").value
    assert page.row("Số điện thoại liên hệ").value == "0912345678 Điền sẵn"
    printed = text(citizen.client.get(f"{receipt}/application.pdf").data)
    assert "Họ, chữ đệm và tên: Nguyễn Văn An(*)" in printed
    assert "Số điện thoại liên hệ: 0912345678 " in printed  # no (*)
    code = receipt.rsplit("/", 1)[-1]
    _officer(citizen.client)
    officer = Page(citizen.client.get(f"/staff/submissions/{code}").text)
    assert officer.row("Số điện thoại liên hệ").value == "0912345678 Điền sẵn"


def test_a_disputed_value_is_marked_on_paper(citizen: Citizen) -> None:
    note = "Tên đúng trên giấy khai sinh là Nguyễn Văn Ân"
    answers = {**CT01_ANSWERS, "dispute.full_name": note}
    receipt = citizen.submit("/forms/ct01", answers).headers["Location"]
    printed = text(citizen.client.get(f"{receipt}/application.pdf").data)
    assert f"Họ, chữ đệm và tên: Nguyễn Văn An(*)(**) [Người khai báo sai: {note}]" in printed
    assert "(**) Người khai báo thông tin này không đúng" in printed
    assert printed.count("Người khai báo sai") == 1  # only the disputed value


def test_the_receipt_says_what_happens_next(citizen: Citizen) -> None:
    receipt = citizen.submit("/forms/ct01", CT01_ANSWERS).headers["Location"]
    html = citizen.client.get(receipt).text
    assert "Bước tiếp theo" in html
    assert "Công an cấp xã xem xét hồ sơ của bạn." in html
    assert "Thời hạn giải quyết: Đăng ký thường trú 07 ngày làm việc" in html
    assert "trạng thái mới hiện trên trang này và trong “Hồ sơ của tôi”" in html
