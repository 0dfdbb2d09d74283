"""Configuration: safe demo defaults, overridden by ``FORMSVC_*`` environment variables.

Twelve-factor style so the same image runs the embedded demo and a production deployment;
the only thing the demo writes to disk on its own is the instance folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

__all__ = ["PREFIX", "default_config", "from_environment", "instance_secret_key"]

PREFIX = "FORMSVC_"

_PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_config(instance_path: str) -> dict[str, Any]:
    """Defaults for a local demo: SQLite in the instance folder, the repository's catalogue."""
    instance = Path(instance_path)
    return {
        "DATABASE_URL": f"sqlite:///{instance / 'formsvc.sqlite3'}",
        "FORM_DEFINITIONS_DIR": str(_PROJECT_ROOT / "form_definitions"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        # Where prefill data comes from: a name registered in formsvc.prefill.registry.
        "PREFILL_SOURCE": "population",
        # Failed sign-ins allowed per account and per client address within the window.
        "SIGNIN_MAX_FAILURES": 5,
        "SIGNIN_MAX_FAILURES_PER_ADDRESS": 50,
        "SIGNIN_WINDOW_SECONDS": 900,
    }


def _parse(value: str) -> Any:
    """Environment values are strings; booleans and integers are common enough to coerce."""
    lowered = value.strip().lower()
    if lowered in {"true", "yes", "on"}:
        return True
    if lowered in {"false", "no", "off"}:
        return False
    if lowered.isdigit():
        return int(lowered)
    return value


def from_environment(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Every ``FORMSVC_NAME`` variable becomes the config key ``NAME``."""
    environ = dict(os.environ) if environ is None else environ
    return {
        key[len(PREFIX) :]: _parse(value)
        for key, value in environ.items()
        if key.startswith(PREFIX) and len(key) > len(PREFIX)
    }


def instance_secret_key(instance_path: str) -> str:
    """A random key kept in the instance folder, so demo sessions survive restarts.

    A fixed key in the source would let anyone forge sessions of any deployment that forgot
    to set ``FORMSVC_SECRET_KEY``.
    """
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key
