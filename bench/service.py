"""The service under gunicorn on loopback, and a cookie-keeping client, for the benchmarks."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Browser", "gunicorn"]

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2) -> Iterator[str]:
    """Serve ``formsvc:create_app()`` with ``env`` (FORMSVC_* settings); yields the base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}"),
            *("--log-level", "warning", "formsvc:create_app()"),
        ],
        env={**os.environ, **env},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """One person's cookies; records each request's latency in seconds."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.latencies: list[float] = []
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, Location header, body); redirects are returned, not followed."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(f"{self.base}{path}", data=body, timeout=60) as response:
                result = (response.status, "", response.read().decode())
        except urllib.error.HTTPError as error:
            result = (error.code, error.headers.get("Location", ""), error.read().decode())
        self.latencies.append(time.perf_counter() - started)
        return result

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        """GET the page for its CSRF token, then POST the fields (or return the GET's answer
        when the page has no form, e.g. an error)."""
        status, location, page = self.request(path)
        token = _TOKEN.search(page)
        if token is None:
            return status, location, page
        return self.request(path, {"csrf_token": token.group(1), **fields})
