"""PDF applications in the official Vietnamese layout, rendered by WeasyPrint.

Speed: the font configuration and the compiled stylesheet (with its ``@font-face`` fonts)
are built once and reused by every render, instead of being parsed and loaded for each PDF.
Pango's font map is not thread-safe, so each render borrows an engine (font configuration
and stylesheet) from a pool and returns it afterwards: there are as many engines as renders
ever ran at the same time, and short-lived request threads still reuse them.

Safety: the only fetcher is :class:`~formsvc.render.fetcher.AssetFetcher`, every value is
escaped by Jinja's autoescaping, and the input is bounded before WeasyPrint sees it (see
:func:`check_size`): the template is fixed, definitions can only add items, groups and
table cells to it, and layout time grows linearly with those, so bounding them bounds the
time a render can take. This holds in every process that renders (web threads, the CLI,
the batch pool), which a watchdog killing a subprocess would not give for free.

Output: a tagged PDF/UA-1 document with the language, title, subject (form code and
version) and creator; the package's font embedded and subsetted.
"""

from __future__ import annotations

import queue
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from formsvc.prefill import Origins
from formsvc.render.fetcher import AssetFetcher
from formsvc.render.layout import PdfKind, items
from formsvc.render.sheet import PdfContext, Sheet, make_sheet
from formsvc.schemas import FormDocument

__all__ = [
    "MAX_FIELDS",
    "MAX_TEXT",
    "MAX_WORD",
    "PdfContext",
    "PdfKind",
    "PdfTooLarge",
    "check_size",
    "html_to_pdf",
    "render_html",
    "render_pdf",
]

# A real application has tens of fields and a few table rows. At these limits the slowest
# renders measured on a 2-core machine (ten words of MAX_WORD letters; a fillable form of
# MAX_FIELDS controls) take about 4 s. Line breaking is quadratic in the length of a word
# (190,000 letters without a space took 7 minutes), hence the separate bound on words.
MAX_FIELDS = 500
MAX_TEXT = 50_000
MAX_WORD = 5_000

_PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}


# Blank and fillable forms belong to no submission: no tracking code, no time, no QR code.
_NO_SUBMISSION = PdfContext()
_UNMARKED = Origins()


class PdfTooLarge(ValueError):
    """The form or its answers are too large to print in bounded time."""


@dataclass(frozen=True)
class _Engine:
    fetcher: AssetFetcher
    font_config: FontConfiguration
    stylesheet: CSS


_idle: queue.SimpleQueue[_Engine] = queue.SimpleQueue()


def _new_engine() -> _Engine:
    fetcher = AssetFetcher()
    font_config = FontConfiguration()
    source = files("formsvc.render").joinpath("templates/application.css").read_text()
    stylesheet = CSS(string=source, font_config=font_config, url_fetcher=fetcher)
    return _Engine(fetcher, font_config, stylesheet)


@contextmanager
def _engine() -> Iterator[_Engine]:
    """An engine for this render alone; returned to the pool afterwards."""
    try:
        engine = _idle.get_nowait()
    except queue.Empty:
        engine = _new_engine()
    try:
        yield engine
    finally:
        _idle.put(engine)


def _nfc(value: Any) -> Any:
    """Every printed text in NFC, whatever a data file or an old definition holds."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return unicodedata.normalize("NFC", value)
    return value


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("formsvc.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_nfc,
    )


def check_size(sheet: Sheet) -> None:
    """Refuse what could keep a worker busy for long; see the module docstring."""
    fields = list(items(sheet.blocks))
    texts = [text for item in fields for text in (item.text, item.label, item.hint)]
    length = sum(map(len, texts))
    word = max((len(word) for text in texts for word in text.split()), default=0)
    if len(fields) > MAX_FIELDS or length > MAX_TEXT or word > MAX_WORD:
        raise PdfTooLarge(
            f"{len(fields)} fields, {length} characters, a word of {word}: the limits are "
            f"{MAX_FIELDS} fields, {MAX_TEXT} characters and words of {MAX_WORD}"
        )


def render_html(
    document: FormDocument,
    data: Mapping[str, Any],
    origins: Origins = _UNMARKED,
    context: PdfContext = _NO_SUBMISSION,
    *,
    kind: PdfKind = PdfKind.FILLED,
) -> str:
    """The application as HTML for WeasyPrint (a blank or fillable one ignores ``data``)."""
    if kind is not PdfKind.FILLED:  # a fillable form may carry data, never a submission's
        data = {} if kind is PdfKind.BLANK else data
        origins, context = _UNMARKED, _NO_SUBMISSION
    sheet = make_sheet(document, data, origins, context, kind)
    check_size(sheet)
    return _environment().get_template("application.html").render(sheet=sheet)


def render_pdf(
    document: FormDocument,
    data: Mapping[str, Any],
    origins: Origins = _UNMARKED,
    context: PdfContext = _NO_SUBMISSION,
    *,
    kind: PdfKind = PdfKind.FILLED,
) -> bytes:
    html = render_html(document, data, origins, context, kind=kind)
    return html_to_pdf(html, forms=kind is PdfKind.FILLABLE)


def html_to_pdf(html: str, *, forms: bool = False) -> bytes:
    """HTML → PDF with the package's stylesheet and fonts; no URL outside the package loads."""
    with _engine() as engine:
        document = HTML(string=html, base_url=None, url_fetcher=engine.fetcher)
        pdf: bytes = document.write_pdf(
            stylesheets=[engine.stylesheet],
            font_config=engine.font_config,
            pdf_forms=forms,
            **_PDF_OPTIONS,
        )
    return pdf
