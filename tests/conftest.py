"""Shared fixtures: a migrated database (SQLite, or PostgreSQL when
``FORMSVC_TEST_DATABASE_URL`` is set), the demo population and catalogue, and a client.

The database is migrated and seeded once per session; each test starts with no submissions
or audit rows, so tests are independent without paying for re-seeding.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, select, text
from werkzeug.test import TestResponse

from formsvc import create_app
from formsvc.apikeys import SCOPES, create_key
from formsvc.db import Base, get_engine, session_scope
from formsvc.demo import DemoAccount, prepare
from formsvc.prefill import PATHS
from formsvc.schemas import import_directory

ROOT = Path(__file__).resolve().parent.parent
FORM_DEFINITIONS = ROOT / "form_definitions"
# Rows that tests create; the population, accounts and catalogue stay seeded.
ACTIVITY_TABLES = (
    "submission_pdfs",
    "status_changes",
    "submissions",
    "prefill_reads",
    "prefill_consents",
    "pending_disputes",
    "submission_drafts",
    "staff_actions",
    "form_drafts",
    "api_keys",
)


def _fresh_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("FORMSVC_TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'formsvc.sqlite3'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _fresh_database_url(tmp_path_factory)


def make_app(database_url: str, **overrides: object) -> Flask:
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "FORM_DEFINITIONS_DIR": str(FORM_DEFINITIONS),
        **overrides,
    }
    return create_app(config)


# Test-only definitions published beside the catalogue: a repeatable group and a condition;
# and the kinds of question the catalogue does not use yet, for the journey matrix.
TEST_FORMS = Path(__file__).resolve().parent / "web" / "schemas"
JOURNEY_FORMS = Path(__file__).resolve().parent / "journeys" / "schemas"


@pytest.fixture(scope="session")
def seeded(database_url: str) -> list[DemoAccount]:
    app = make_app(database_url)
    accounts, _ = prepare(app)
    with session_scope(app) as session:
        for directory in (TEST_FORMS, JOURNEY_FORMS):
            for result in import_directory(session, directory, PATHS):
                assert not result.problems, result.problems
    get_engine(app).dispose()
    return accounts


def clear_activity(app: Flask) -> None:
    """Delete the rows tests create, keeping the seeded population and catalogue."""
    with get_engine(app).begin() as connection:
        for table in ACTIVITY_TABLES:
            connection.execute(Base.metadata.tables[table].delete())


@pytest.fixture
def app(database_url: str, seeded: list[DemoAccount]) -> Iterator[Flask]:
    app = make_app(database_url)
    clear_activity(app)
    yield app
    get_engine(app).dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def demo_accounts(seeded: list[DemoAccount]) -> list[DemoAccount]:
    return seeded


_CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def csrf_token(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "page has no CSRF token"
    return match.group(1) or match.group(2)


class Citizen:
    """Signs a test client in as a demo citizen the way a browser would."""

    def __init__(self, client: FlaskClient, account: DemoAccount) -> None:
        self.client = client
        self.account = account

    def sign_in(self) -> None:
        page = self.client.get("/signin")
        response = self.client.post(
            "/signin",
            data={
                "csrf_token": csrf_token(page.text),
                "username": self.account.username,
                "password": self.account.password,
            },
        )
        assert response.status_code == 303, response.text

    def decide(self, form_id: str, agree: bool = True) -> TestResponse:
        """Answer the consent page before prefill, the way a browser would."""
        url = f"/forms/{form_id}/consent"
        page = self.client.get(url)
        choice = {"agree": "y", "accept": "Đồng ý"} if agree else {"decline": "Không đồng ý"}
        response = self.client.post(url, data={"csrf_token": csrf_token(page.text), **choice})
        assert response.status_code == 303, response.text
        return response

    def post_form(self, url: str, answers: dict[str, str]) -> TestResponse:
        page = self.client.get(url)
        return self.client.post(url, data={"csrf_token": csrf_token(page.text), **answers})

    def confirm(self, review_url: str) -> TestResponse:
        """Press "Xác nhận và nộp" on the check-your-answers page."""
        page = self.client.get(review_url)
        token = re.search(r'name="token" type="hidden" value="([^"]+)"', page.text)
        assert token, page.text
        return self.client.post(
            review_url, data={"csrf_token": csrf_token(page.text), "token": token.group(1)}
        )

    def submit(self, url: str, answers: dict[str, str]) -> TestResponse:
        """Fill, check and confirm: the response redirects to the receipt."""
        filled = self.post_form(url, answers)
        assert filled.status_code == 303, filled.text
        return self.confirm(filled.headers["Location"])


@pytest.fixture
def citizen(client: FlaskClient, demo_accounts: list[DemoAccount]) -> Citizen:
    """The head of the first demo household, signed in, having agreed to prefill CT01."""
    person = Citizen(client, demo_accounts[0])
    person.sign_in()
    person.decide("ct01")
    return person


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def store_submission(
    app: Flask, account: DemoAccount, data: dict[str, object] | None = None
) -> str:
    """A received CT01 submission made directly through the service; its tracking code."""
    from formsvc.accounts import Account
    from formsvc.schemas import latest_version
    from formsvc.submissions import create_submission

    with session_scope(app) as session:
        owner = session.scalars(select(Account).where(Account.username == account.username)).one()
        version = latest_version(session, "ct01")
        assert version is not None
        submission = create_submission(session, version, owner.id, data or {}, {})
        return submission.tracking_code


# API keys with chosen scopes, for the API and for tests that reach it as another system.
MakeKey = Callable[..., str]


@pytest.fixture
def make_key(app: Flask) -> MakeKey:
    """``make_key("submissions:read")`` → a bearer header value for a fresh key."""
    counter = iter(range(1000))

    def make(*scopes: str) -> str:
        with session_scope(app) as session:
            _key, secret = create_key(session, f"test-{next(counter)}", list(scopes))
        return secret

    return make


@pytest.fixture
def full_key(make_key: MakeKey) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_key(*SCOPES)}"}
