"""Who is calling the API, and what they may do.

Systems send ``Authorization: Bearer <key>``; the key's scopes decide. A citizen signed in to
the website may also call the API with their session cookie, for their own submissions only.
Cookie requests that change something must carry the session's CSRF token in
``X-CSRFToken`` (the same token the pages use), so another site cannot forge them; requests
with an API key are exempt because a browser never adds that header by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import request

from formsvc.accounts import CITIZEN, Account
from formsvc.apikeys import ApiKey, authenticate_key
from formsvc.db import get_session
from formsvc.web.api.problems import Problem
from formsvc.web.auth import current_account

__all__ = ["Caller", "bearer_token", "caller", "require"]


@dataclass(frozen=True)
class Caller:
    """A system (with its key) or a signed-in citizen (with their account)."""

    key: ApiKey | None = None
    account: Account | None = None

    @property
    def owner_id(self) -> int | None:
        """The only account whose submissions this caller sees; None for systems (all)."""
        return self.account.id if self.account is not None else None


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not token.strip():
        return ""
    return token.strip()


_UNAUTHORISED = Problem(
    401,
    "Unauthorized",
    "Gửi khóa API trong tiêu đề Authorization: Bearer <khóa> / "
    "Send an API key as Authorization: Bearer <key>",
    headers={"WWW-Authenticate": 'Bearer realm="formsvc"'},
)


def caller() -> Caller:
    """The authenticated caller; 401 when there is none or the key is wrong or revoked."""
    token = bearer_token()
    if token is not None:
        key = authenticate_key(get_session(), token) if token else None
        if key is None:
            raise _UNAUTHORISED
        return Caller(key=key)
    account = current_account()
    if account is not None and account.role == CITIZEN:
        return Caller(account=account)
    raise _UNAUTHORISED


def require(scope: str, *, citizens: bool = True) -> Caller:
    """A caller allowed ``scope``: a key holding it, or (if ``citizens``) a signed-in citizen."""
    who = caller()
    if who.key is not None and scope in who.key.scopes:
        return who
    if who.account is not None and citizens:
        return who
    raise Problem(
        403,
        "Forbidden",
        f"Khóa API không có quyền {scope} / The API key lacks the scope {scope}",
    )
