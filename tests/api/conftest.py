"""API fixtures: keys with chosen scopes, and a request helper that sends them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from formsvc.apikeys import SCOPES, create_key
from formsvc.db import session_scope

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
