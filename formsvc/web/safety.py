"""Small request-safety helpers shared by blueprints."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for

__all__ = ["safe_next"]


def safe_next(target: str | None, fallback: str | None = None) -> str:
    """Only same-site paths, so a ``next`` parameter cannot become an open redirect; else
    ``fallback`` (by default the catalogue)."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return fallback or url_for("citizen.index")
