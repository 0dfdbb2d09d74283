"""Staff clients for the designer tests, and fresh form ids so tests never share a form."""

from __future__ import annotations

import uuid

import pytest
from flask.testing import FlaskClient

from formsvc.demo import DemoAccount
from tests.conftest import Citizen


def _staff(client: FlaskClient, accounts: list[DemoAccount], role: str) -> Citizen:
    account = next(a for a in accounts if a.role == role)
    person = Citizen(client, account)
    person.sign_in()
    return person


@pytest.fixture
def designer(client: FlaskClient, demo_accounts: list[DemoAccount]) -> Citizen:
    return _staff(client, demo_accounts, "designer")


@pytest.fixture
def officer(client: FlaskClient, demo_accounts: list[DemoAccount]) -> Citizen:
    return _staff(client, demo_accounts, "officer")


@pytest.fixture
def form_id() -> str:
    """Published versions are never deleted, so every test designs a form of its own."""
    return f"tk-{uuid.uuid4().hex[:10]}"
