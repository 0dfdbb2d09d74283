"""Brute-force sign-in gets 429 after a bound; counters shared through Redis when set."""

from __future__ import annotations

import os
import uuid

import pytest
from flask.testing import FlaskClient

from formsvc.demo import DemoAccount
from formsvc.web.ratelimit import MemoryCounter, RedisCounter
from tests.conftest import csrf_token, make_app


def _attempt(client: FlaskClient, username: str, password: str) -> int:
    page = client.get("/signin")
    data = {"csrf_token": csrf_token(page.text), "username": username, "password": password}
    return client.post("/signin", data=data).status_code


def test_guessing_passwords_is_stopped(database_url: str, demo_accounts: list[DemoAccount]) -> None:
    app = make_app(database_url, SIGNIN_MAX_FAILURES=3)
    client = app.test_client()
    target = demo_accounts[1]
    assert [_attempt(client, target.username, f"guess{i}") for i in range(3)] == [401] * 3
    # Now even the right password waits: the guesser cannot tell when they hit it.
    page = client.get("/signin")
    response = client.post(
        "/signin",
        data={
            "csrf_token": csrf_token(page.text),
            "username": target.username,
            "password": target.password,
        },
    )
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "900"
    assert "quá nhiều lần" in response.text
    # Another account is not locked by someone else's guesses.
    other = demo_accounts[3]
    assert _attempt(client, other.username, other.password) == 303


def test_memory_counter_forgets_after_the_window() -> None:
    counter = MemoryCounter(window_seconds=0)
    counter.hit("k")
    assert counter.count("k") == 0


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("FORMSVC_TEST_REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("FORMSVC_TEST_REDIS_URL must be set in CI")
        pytest.skip("set FORMSVC_TEST_REDIS_URL to test the Redis counters")
    return url


def test_redis_counter_is_shared_between_instances(redis_url: str) -> None:
    key = f"test:{uuid.uuid4()}"
    first, second = RedisCounter(redis_url, 60), RedisCounter(redis_url, 60)
    assert first.hit(key) == 1
    assert second.hit(key) == 2  # another worker sees the same count
    assert first.count(key) == 2
    assert 0 < first.client.ttl(first.prefix + key) <= 60
    second.reset(key)
    assert first.count(key) == 0
