"""The only way WeasyPrint may load anything: the package's own assets, by an internal scheme.

Definitions are staff-authored and answers citizen-typed; both are escaped, but a renderer
that can follow a URL is one escaping bug away from reading ``/etc/passwd`` into a PDF or
calling an internal service. So the fetcher serves ``formsvc-asset:<path>`` from this
package's asset folders and refuses everything else — ``file:``, ``http(s):``, ``data:``,
relative URLs — whether asked by HTML (``<img>``, ``<link rel=attachment>``), by CSS
(``url()``, ``@import``, ``@font-face``) or by SVG. It never touches the network, so there
is no redirect to follow either.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import PurePosixPath
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["ASSET_SCHEME", "AssetFetcher", "RefusedURL", "asset_url"]

ASSET_SCHEME = "formsvc-asset"

# Folders of ``formsvc.render`` that may be served, and the type of what they hold.
_FOLDERS = {"fonts": {".ttf": "font/ttf"}}


class RefusedURL(ValueError):
    """A URL outside the package's assets; WeasyPrint logs it and renders without it."""


def asset_url(path: str) -> str:
    """``fonts/LiberationSerif-Regular.ttf`` → the URL the stylesheet uses for it."""
    return f"{ASSET_SCHEME}:{path}"


def _content_type(path: str) -> str:
    parts = PurePosixPath(path).parts
    types = _FOLDERS.get(parts[0], {}) if len(parts) == 2 else {}
    suffix = PurePosixPath(path).suffix
    if suffix not in types or parts[1].startswith("."):
        raise RefusedURL(f"not a formsvc asset: {path!r}")
    return types[suffix]


class AssetFetcher(URLFetcher):
    """Serves ``formsvc-asset:`` URLs from the package, refuses every other URL."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={ASSET_SCHEME}, allow_redirects=False, timeout=1)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme, _, path = url.partition(":")
        if scheme.lower() != ASSET_SCHEME:
            raise RefusedURL(f"refused URL: {url[:80]!r}")
        content_type = _content_type(path)
        body = files("formsvc.render").joinpath(path).read_bytes()
        return URLFetcherResponse(url, body, {"Content-Type": content_type})
