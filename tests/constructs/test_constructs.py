"""Every construct docs/form-definitions.md documents, in a small definition of its own, is
rendered, refused when wrong, filled, reviewed, submitted and printed.

Generated: one test per file in ``definitions/``; its answers are in the file of the same
name in ``cases/`` (kept apart because every ``*.json`` beside a definition is imported as
one). A case file holds:

- ``controls``: the construct's controls on the form page, as attributes an element must
  have (``true``: present with any value, ``false``: absent); ``page`` and ``page_hidden``:
  texts it must and must not show;
- ``valid``: what a browser posts over the page's own values (field name → text, or a list
  for tick boxes); ``stored``: the submission's data that must come out of it;
- ``shows``: texts as people read them — labels for choices, dd/mm/yyyy for dates — that
  the review page, the receipt and the application PDF must all contain; ``review``,
  ``receipt`` and ``printed``: texts only that one shows; ``hidden``: texts none may show
  (the answer to a question whose condition does not hold);
- ``invalid``: changes to ``valid`` that must be refused (422, nothing stored), each with the
  ``field`` the error must be attached to, a piece of its ``message`` and the interface
  ``lang`` ("vi" unless given);
- ``consent``: the form reads the population database, so the citizen agrees first;
  ``consent_page``: texts that step shows (the form's ``purpose``);
- ``blank``: texts the blank PDF must show (its title always); ``fillable``: field names the
  fillable PDF must have.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.test import TestResponse

from formsvc.accounts import Account
from formsvc.db import get_engine, get_session, session_scope
from formsvc.demo import DemoAccount
from formsvc.prefill import PATHS
from formsvc.schemas import check_file, import_directory
from formsvc.schemas.findings import ERROR
from formsvc.submissions import Submission, find_draft
from tests.conftest import Citizen, csrf_token, make_app, nfc
from tests.render import pdfs

HERE = Path(__file__).resolve().parent
DEFINITIONS = HERE / "definitions"
CASES = HERE / "cases"
NAMES = sorted(path.stem for path in DEFINITIONS.glob("*.json"))


def _case(name: str) -> dict[str, Any]:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))


def _form_id(name: str) -> str:
    document = json.loads((DEFINITIONS / f"{name}.json").read_text(encoding="utf-8"))
    return str(document["x-form"]["id"])


class _Controls(HTMLParser):
    """Every input, select, option and textarea with its attributes, and what a browser
    would post: the controls' current values, disabled ones left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, str | None]] = []
        self.values: dict[str, list[str]] = {}
        self._select: dict[str, str | None] | None = None
        self._textarea: str | None = None

    def _post(self, name: str | None, value: str) -> None:
        if name:
            self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found: dict[str, str | None] = {"tag": tag, **dict(attrs)}
        if tag not in ("input", "select", "option", "textarea"):
            return
        self.elements.append(found)
        if tag == "select":
            self._select = found
        if "disabled" in found or (self._select is not None and "disabled" in self._select):
            return
        name, value = found.get("name"), found.get("value") or ""
        if tag == "input" and found.get("type") in ("radio", "checkbox"):
            if "checked" in found:
                self._post(name, found.get("value") or "on")
        elif tag == "input" and found.get("type") not in ("submit", "button"):
            self._post(name, value)
        elif tag == "option" and self._select is not None and "selected" in found:
            self._post(self._select.get("name"), value)
        elif tag == "textarea":
            self._textarea = name
            self._post(name, "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea][-1] += data.lstrip("\n")

    def has(self, wanted: dict[str, Any]) -> bool:
        """An element with every attribute in ``wanted`` (``true``: present with any value;
        ``false``: absent)."""
        return any(
            all(_matches(element, *pair) for pair in wanted.items()) for element in self.elements
        )


def _matches(element: dict[str, str | None], key: str, expected: Any) -> bool:
    if expected is False:
        return key not in element
    return key in element and (expected is True or element[key] == expected)


def _controls(page: str) -> _Controls:
    parser = _Controls()
    parser.feed(page)
    return parser


def _words(page: str) -> str:
    """A page's visible text as one line, tags and entities gone, as a person reads it."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", nfc(html.unescape(re.sub(r"<[^>]+>", " ", body)))).strip()


def _shown(expected: str, text: str) -> bool:
    """Spaces in ``expected`` stand for any run of spaces and the punctuation between a
    label and its answer ("Số con: 3" on paper, "Số con 3" on a page); a hyphen may end a
    printed line ("TT-BTP" wrapped as "TT- BTP")."""
    parts = (re.escape(part).replace("\\-", r"-\s?") for part in nfc(expected).split())
    pattern = r"[\s:.]*".join(parts)
    return re.search(pattern, text) is not None


@pytest.fixture(scope="module")
def published(database_url: str, seeded: list[DemoAccount]) -> None:
    app = make_app(database_url)
    with session_scope(app) as session:
        for result in import_directory(session, DEFINITIONS, PATHS):
            assert not result.problems, (result.source, result.problems)
    get_engine(app).dispose()


@pytest.mark.parametrize("name", NAMES)
def test_definition_passes_the_checker(name: str) -> None:
    errors = [f for f in check_file(DEFINITIONS / f"{name}.json", PATHS) if f.severity == ERROR]
    assert not errors
    assert (CASES / f"{name}.json").exists(), "every definition needs its answers"


class Journey:
    """One citizen's client walking one definition: open, refuse, submit, print."""

    def __init__(self, app: Flask, account: DemoAccount, name: str) -> None:
        self.app = app
        self.case = _case(name)
        self.client = app.test_client()
        self.citizen = Citizen(self.client, account)
        self.form_id = _form_id(name)
        self.url = f"/forms/{self.form_id}"
        self.page = ""

    def open(self) -> None:
        self.citizen.sign_in()
        if self.case.get("consent"):
            asked = self.client.get(self.url)
            assert asked.status_code == 303  # to the consent step
            consent = _words(self.client.get(asked.headers["Location"]).text)
            for expected in self.case.get("consent_page", []):
                assert nfc(expected) in consent, (expected, consent)
            self.citizen.decide(self.form_id)
        response = self.client.get(self.url)
        assert response.status_code == 200, response.text
        self.page = response.text
        controls = _controls(self.page)
        for control in self.case.get("controls", []):
            assert controls.has(control), (control, controls.elements)
        text = _words(self.page)
        for expected in self.case.get("page", []):
            assert nfc(expected) in text, (expected, text)
        for absent in self.case.get("page_hidden", []):
            assert nfc(absent) not in text, (absent, text)

    def post(self, answers: dict[str, Any]) -> TestResponse:
        """What a browser sends: the page's current values with ``answers`` typed over them."""
        data: dict[str, Any] = {**_controls(self.page).values, **answers}
        data["csrf_token"] = csrf_token(self.page)
        data["_action"] = "continue"
        return self.client.post(self.url, data=data)

    def refuse(self, wrong: dict[str, Any]) -> None:
        """422 with the message on the field, in the page's language; nothing kept."""
        self.client.get(f"/lang/{wrong.get('lang', 'vi')}")
        refused = self.post({**self.case["valid"], **wrong["change"]})
        self.client.get("/lang/vi")
        assert refused.status_code == 422, (wrong, _errors(refused.text))
        field = wrong["field"]
        assert f'href="#{field}"' in refused.text, (wrong, _errors(refused.text))
        message = re.search(rf'id="{re.escape(field)}-error">(.*?)</p>', refused.text, re.S)
        assert message, (wrong, _errors(refused.text))
        assert nfc(wrong["message"]) in _words(message.group(1)), _words(message.group(1))
        with self.app.app_context():
            assert not get_session().scalars(select(Submission)).all()
            account = get_session().scalars(
                select(Account).where(Account.username == self.citizen.account.username)
            )
            assert find_draft(get_session(), account.one().id, self.form_id) is None

    def submit(self) -> str:
        """Continue, check the answers, confirm: the receipt's URL."""
        filled = self.post(self.case["valid"])
        assert filled.status_code == 303, _errors(filled.text)
        review_url = filled.headers["Location"]
        review = self.client.get(review_url)
        assert review.status_code == 200
        _assert_shows(self.case, _words(review.text), "review")
        done = self.citizen.confirm(review_url)
        assert done.status_code == 303, done.text
        receipt = self.client.get(done.headers["Location"])
        assert receipt.status_code == 200
        _assert_shows(self.case, _words(receipt.text), "receipt")
        with self.app.app_context():
            (submission,) = get_session().scalars(select(Submission)).all()
            assert submission.data == self.case["stored"]
        return str(done.headers["Location"])

    def pdf(self, url: str) -> bytes:
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        assert response.mimetype == "application/pdf"
        assert response.data.startswith(b"%PDF-")
        return response.data


@pytest.mark.parametrize("name", NAMES)
def test_construct_round_trips(
    name: str, published: None, app: Flask, demo_accounts: list[DemoAccount]
) -> None:
    journey = Journey(app, demo_accounts[0], name)
    journey.open()
    for wrong in journey.case.get("invalid", []):
        journey.refuse(wrong)
    receipt = journey.submit()
    printed = pdfs.text(journey.pdf(f"{receipt}/application.pdf"))
    _assert_shows(journey.case, printed, "printed")

    title = _words(journey.page.split("<h1>", 1)[1].split("</h1>", 1)[0])
    blank = pdfs.text(journey.pdf(f"{journey.url}/blank.pdf"))
    for expected in [title.upper(), *journey.case.get("blank", [])]:
        assert _shown(expected, blank), (expected, blank)
    fillable = pdfs.form_fields(journey.pdf(f"{journey.url}/fillable.pdf"))
    for field_name in journey.case.get("fillable", []):
        assert field_name in fillable, (field_name, sorted(fillable))


def _errors(page: str) -> str:
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    return _words(summary.group(0)) if summary else _words(page)[:2000]


def _assert_shows(case: dict[str, Any], text: str, where: str) -> None:
    """``shows`` everywhere, and what only this place shows (``review``, ``receipt``,
    ``printed``); ``hidden`` nowhere."""
    for expected in case["shows"] + case.get(where, []):
        assert _shown(expected, text), (where, expected, text)
    for absent in case.get("hidden", []):
        assert not _shown(absent, text), (where, absent, text)
