"""Creating, finding and revoking API keys.

A key is 32 random bytes, so a plain SHA-256 of it cannot be brute-forced and is safe to
store and to look up by; a slow password hash would only slow every API call down.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from formsvc.apikeys.models import ApiKey
from formsvc.types import utcnow

__all__ = [
    "PREFIX",
    "SCOPES",
    "UnknownScope",
    "authenticate_key",
    "create_key",
    "revoke_key",
]

PREFIX = "fsk_"
SCOPES = ("submissions:read", "submissions:write", "submissions:transition")


class UnknownScope(ValueError):
    pass


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(session: Session, name: str, scopes: list[str]) -> tuple[ApiKey, str]:
    """The stored key and the secret to hand over once; the caller commits."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise UnknownScope(", ".join(unknown))
    secret = PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(name=name, key_hash=_digest(secret), scopes=sorted(set(scopes)))
    session.add(key)
    session.flush()
    return key, secret


def authenticate_key(session: Session, secret: str) -> ApiKey | None:
    """The live key with this secret, or None (unknown and revoked keys look the same)."""
    return session.scalars(
        select(ApiKey).where(ApiKey.key_hash == _digest(secret), ApiKey.revoked_at.is_(None))
    ).first()


def revoke_key(session: Session, name: str) -> bool:
    key = session.scalars(
        select(ApiKey).where(ApiKey.name == name, ApiKey.revoked_at.is_(None))
    ).first()
    if key is None:
        return False
    key.revoked_at = utcnow()
    return True
