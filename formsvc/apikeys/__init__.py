"""API keys: how other systems (the national portal, agency software) call the JSON API."""

from formsvc.apikeys.models import ApiKey
from formsvc.apikeys.service import (
    PREFIX,
    SCOPES,
    UnknownScope,
    authenticate_key,
    create_key,
    revoke_key,
)

__all__ = [
    "PREFIX",
    "SCOPES",
    "ApiKey",
    "UnknownScope",
    "authenticate_key",
    "create_key",
    "revoke_key",
]
