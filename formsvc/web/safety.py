"""Small request-safety helpers shared by blueprints."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for

__all__ = ["safe_next"]


def safe_next(target: str | None) -> str:
    """Only same-site paths, so a ``next`` parameter cannot become an open redirect."""
    if not target:
        return url_for("citizen.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("citizen.index")
    return target
