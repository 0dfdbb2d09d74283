"""A form with a repeatable group and a conditional section, without JavaScript."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from formsvc.db import get_session
from formsvc.submissions import Submission
from tests.conftest import Citizen, csrf_token

URL = "/forms/test-household"


@pytest.fixture(autouse=True)
def _agreed(citizen: Citizen) -> None:
    """The form prefills the citizen's name, so it asks for consent first."""
    citizen.decide("test-household")


def test_rows_are_added_and_removed_without_javascript(citizen: Citizen) -> None:
    page = citizen.client.get(URL)
    assert 'name="members-0-member_name"' in page.text
    assert 'name="members-1-member_name"' not in page.text
    added = citizen.client.post(
        URL,
        data={
            "csrf_token": csrf_token(page.text),
            "married": "false",
            "members-0-member_name": "Nguyễn Minh Khôi",
            "_action": "add:members",
        },
    )
    assert added.status_code == 200
    assert 'name="members-1-member_name"' in added.text
    assert 'value="Nguyễn Minh Khôi"' in added.text  # what was typed survives
    removed = citizen.client.post(
        URL,
        data={
            "csrf_token": csrf_token(added.text),
            "members-0-member_name": "Nguyễn Minh Khôi",
            "members-1-member_name": "Trần Thị Bích Ngọc",
            "_action": "remove:members-0",
        },
    )
    assert 'value="Trần Thị Bích Ngọc"' in removed.text
    assert "Nguyễn Minh Khôi" not in removed.text


def _autofocused(html: str) -> list[str]:
    """The ids of the elements the page asks the browser to focus on load."""
    tags = re.findall(r"<(?:input|select|textarea|button)\b[^>]*>", html)
    return [
        re.search(r'\bid="([^"]+)"', tag).group(1)  # type: ignore[union-attr]
        for tag in tags
        if re.search(r"\sautofocus\b", tag)
    ]


def _rows(citizen: Citizen, page: str, names: dict[int, str], action: str) -> str:
    data = {f"members-{i}-member_name": name for i, name in names.items()}
    response = citizen.client.post(
        URL, data={"csrf_token": csrf_token(page), "married": "false", **data, "_action": action}
    )
    assert response.status_code == 200, response.text
    return response.text


def test_row_changes_return_to_the_table_with_focus_on_the_row(citizen: Citizen) -> None:
    page = citizen.client.get(URL).text
    assert _autofocused(page) == []
    added = _rows(citizen, page, {0: "Khôi"}, "add:members")
    assert _autofocused(added) == ["members-1-member_name"]  # the new row's first question
    three = _rows(citizen, added, {0: "Khôi", 1: "Mai"}, "add:members")
    assert _autofocused(three) == ["members-2-member_name"]
    middle = _rows(citizen, three, {0: "Khôi", 1: "Mai", 2: "Lan"}, "remove:members-1")
    # The rows that follow are renumbered, so the next post names only fields the form has.
    assert 'value="Mai"' not in middle and "members-2" not in middle
    assert re.search(r'id="members-1-member_name"[^>]*value="Lan"', middle)
    assert _autofocused(middle) == ["members-1-member_name"]  # the row that followed it
    last = _rows(citizen, middle, {0: "Khôi", 1: "Lan"}, "remove:members-1")
    assert _autofocused(last) == ["members-add"]  # no row follows: the add button
    assert 'value="add:members"' in last
    gone = _rows(citizen, last, {0: "Khôi"}, "remove:members-9")  # already gone: nothing moves
    assert _autofocused(gone) == []


def test_conditional_section_is_shown_with_its_hint_and_decided_by_the_server(
    citizen: Citizen, app: Flask
) -> None:
    page = citizen.client.get(URL)
    assert "Chỉ điền nếu «Bạn đã kết hôn chưa?» là «Có»" in page.text
    assert 'data-condition-control="married"' in page.text

    # Married: the spouse question applies and is required.
    missing = citizen.post_form(URL, {"married": "true"})
    assert missing.status_code == 422
    assert "Họ tên vợ hoặc chồng là bắt buộc" in missing.text

    # Not married: an answer to the spouse question is dropped, not stored.
    response = citizen.submit(
        URL,
        {
            "married": "false",
            "spouse_name": "Không liên quan",
            "members-0-member_name": "Nguyễn Minh Khôi",
            "members-0-member_born": "25/06/2010",
            "members-1-member_name": "",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        stored = get_session().scalars(select(Submission)).one()
    assert stored.data == {
        "full_name": "Nguyễn Văn An",
        "married": False,
        "members": [{"member_name": "Nguyễn Minh Khôi", "member_born": "2010-06-25"}],
    }


def test_row_errors_point_at_the_row(citizen: Citizen) -> None:
    response = citizen.post_form(
        URL,
        {"married": "false", "members-0-member_name": "", "members-0-member_born": "01/01/2001"},
    )
    assert response.status_code == 422
    assert 'href="#members-0-member_name"' in response.text
    assert 'id="members-0-member_name-error"' in response.text
