"""The renderer loads the package's own assets and nothing else, from HTML, CSS or SVG."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from formsvc.prefill import Origins
from formsvc.render import PdfContext, PdfKind, render_pdf
from formsvc.render.fetcher import AssetFetcher, RefusedURL, asset_url
from formsvc.render.pdf import html_to_pdf
from formsvc.schemas import FormDocument
from tests.loopback import PNG, Recorder, loopback
from tests.render.pdfs import reader

_FONT_FILE = "file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture
def server() -> Iterator[str]:
    with loopback() as url:
        yield url


def _resources(resources: Any) -> Iterator[Any]:
    yield resources
    for xobject in (resources or {}).get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _resources(xobject.get("/Resources"))


def _images(pdf: bytes) -> list[str]:
    found = []
    for page in reader(pdf).pages:
        for resources in _resources(page.get("/Resources")):
            for name, xobject in (resources or {}).get("/XObject", {}).items():
                if xobject.get_object().get("/Subtype") == "/Image":
                    found.append(name)
    return found


def _attachments(pdf: bytes) -> list[str]:
    document = reader(pdf)
    names = document.trailer["/Root"].get("/Names", {})
    found = list(names.get("/EmbeddedFiles", {}).get("/Names", []))
    for page in document.pages:
        for annotation in page.get("/Annots", []):
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                found.append(str(annotation))
    return found


def _attacks(url: str) -> str:
    return (
        '<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">'
        f'<img src="{url}/image.png"><link rel="attachment" href="{url}/attachment">'
    )


@pytest.mark.parametrize("kind", list(PdfKind))
def test_definition_and_answers_cannot_load_files_or_urls(server: str, kind: PdfKind) -> None:
    attack = _attacks(server)
    document = FormDocument(
        "t",
        {
            "title": f"Thử {attack}",
            "x-form": {"code": "T", "pdf": {"code_line": attack, "declaration": attack}},
            "properties": {
                "a": {"type": "string", "title": attack},
                "rows": {
                    "type": "array",
                    "title": "Bảng",
                    "items": {
                        "type": "object",
                        "properties": {"b": {"type": "string", "title": attack}},
                    },
                },
            },
        },
    )
    data = {"a": attack, "rows": [{"b": attack}]}
    pdf = render_pdf(document, data, Origins(), PdfContext("AAAA-BBBB-CCCC"), kind=kind)
    assert _attachments(pdf) == [] and _images(pdf) == []
    assert Recorder.hits == []


def test_fetcher_alone_refuses_every_url_in_html_css_and_svg(server: str) -> None:
    """Even HTML that escaped nothing loads no file, no URL and no data: image."""
    html = f"""<html><head><style>
      @import url("{server}/import.css");
      @font-face {{ font-family: leak; src: url("{server}/font.ttf"), url("{_FONT_FILE}"); }}
      body {{ background: url("{server}/background.png"); font-family: leak; }}
      p {{ background-image: url("file:///etc/passwd"); }}
    </style>
    <link rel="stylesheet" href="{server}/style.css">
    <link rel="stylesheet" href="file:///etc/passwd">
    {_attacks(server)}
    </head><body><p>Xin chào</p>
      <img src="data:image/png;base64,{PNG}">
      <object data="{server}/object"></object><embed src="file:///etc/passwd">
      <svg width="10" height="10"><image href="{server}/svg.png" width="10" height="10"/></svg>
      <a rel="attachment" href="file:///etc/passwd">tệp</a>
    </body></html>"""
    pdf = html_to_pdf(html)
    assert _attachments(pdf) == [] and _images(pdf) == []
    assert Recorder.hits == []


def test_fetcher_serves_the_bundled_fonts() -> None:
    response = AssetFetcher().fetch(asset_url("fonts/LiberationSerif-Regular.ttf"))
    assert response.content_type == "font/ttf"
    assert response.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.com/font.ttf",
        f"data:image/png;base64,{PNG}",
        "formsvc-asset:fonts/../pdf.py",
        "formsvc-asset:fonts/../../schemas/meta-schema.json",
        "formsvc-asset:/etc/passwd",
        "formsvc-asset:templates/application.html",
        "formsvc-asset:fonts/OFL.txt",
        "FORMSVC-ASSET:fonts/../fetcher.py",
    ],
)
def test_fetcher_refuses_everything_else(url: str) -> None:
    with pytest.raises(RefusedURL):
        AssetFetcher().fetch(url)
