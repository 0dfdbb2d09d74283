"""A loopback HTTP server that records every request reaching it: the proof that nothing
(the PDF renderer, ``$ref`` resolution) fetched from the network."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

__all__ = ["PNG", "Recorder", "loopback"]

# A valid 1×1 PNG, served to every request so that a fetch, had it happened, would succeed.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f80f0000010100005e2d6fbf0000000049454e44ae426082"
    )
).decode()


class Recorder(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(base64.b64decode(PNG))

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def loopback() -> Iterator[str]:
    """Serve on a free loopback port; yields the base URL. ``Recorder.hits`` starts empty."""
    Recorder.hits.clear()
    httpd = HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
