"""PDF rendering: answers printed, staff text escaped, nothing fetched from outside."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

from pypdf import PdfReader

from formsvc.render.pdf import html_to_pdf, render_html, render_pdf
from formsvc.schemas import FormDocument
from tests.conftest import nfc


def _text(pdf: bytes) -> str:
    return nfc("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def test_blank_answers_print_dotted_lines() -> None:
    document = FormDocument(
        "t", {"title": "Tờ khai thử", "properties": {"a": {"type": "string", "title": "Họ tên"}}}
    )
    text = _text(render_pdf(document, {}))
    assert "TỜ KHAI THỬ" in text and "1. Họ tên: ……" in text


def test_markup_in_definitions_and_answers_is_text() -> None:
    document = FormDocument(
        "t",
        {
            "title": "<b>Tiêu đề</b>",
            "properties": {"a": {"type": "string", "title": "<script>x()</script>"}},
        },
    )
    html = render_html(document, {"a": "<img src=x onerror=alert(1)>"})
    assert "<script>x()" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "<img src=x onerror=alert(1)>" in _text(
        render_pdf(document, {"a": "<img src=x onerror=alert(1)>"})
    )


class _Recorder(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_renderer_fetches_nothing() -> None:
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/leak.png"
        document = FormDocument(
            "t",
            {
                "title": "Thử",
                "x-form": {"pdf": {"code_line": f'<img src="{url}">'}},
                "properties": {"a": {"type": "string", "title": "A"}},
            },
        )
        render_pdf(document, {"a": "x"})
        # Markup in definitions is escaped; the fetcher is the second line of defence.
        html_to_pdf(
            f'<img src="{url}"><link rel="stylesheet" href="{url}"><img src="file:///etc/passwd">'
        )
    finally:
        server.shutdown()
    assert _Recorder.hits == []
