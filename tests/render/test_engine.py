"""Rendering is bounded and cheap to repeat: oversized input is refused up front, and the
font configuration and stylesheet are reused across renders and threads."""

from __future__ import annotations

import queue
import threading
import time
from typing import Any

import pytest

import formsvc.render.pdf as pdf_module
from formsvc.render import PdfKind, PdfTooLarge, render_pdf
from formsvc.render.pdf import MAX_FIELDS, MAX_TEXT, MAX_WORD
from formsvc.schemas import FormDocument


def _form(fields: int) -> FormDocument:
    properties = {f"f{i}": {"type": "string", "title": f"Trường {i}"} for i in range(fields)}
    return FormDocument("big", {"title": "Tờ khai lớn", "properties": properties})


def _refused_quickly(document: FormDocument, data: dict[str, Any], kind: PdfKind) -> None:
    start = time.perf_counter()
    with pytest.raises(PdfTooLarge):
        render_pdf(document, data, kind=kind)
    assert time.perf_counter() - start < 1  # refused before WeasyPrint lays anything out


@pytest.mark.parametrize("kind", list(PdfKind))
def test_too_many_fields_are_refused(kind: PdfKind) -> None:
    _refused_quickly(_form(MAX_FIELDS + 1), {}, kind)


def test_a_table_counts_every_cell() -> None:
    item = {"type": "object", "properties": {f"c{i}": {"type": "string"} for i in range(5)}}
    document = FormDocument(
        "t", {"title": "Bảng", "properties": {"rows": {"type": "array", "items": item}}}
    )
    rows = [{"c0": "x"}] * (MAX_FIELDS // 5 + 1)
    _refused_quickly(document, {"rows": rows}, PdfKind.FILLED)


def test_too_much_text_is_refused() -> None:
    words = "Nguyễn Văn An " * (MAX_TEXT // 14 + 1)
    _refused_quickly(_form(1), {"f0": words}, PdfKind.FILLED)


def test_a_word_too_long_to_break_is_refused() -> None:
    """Line breaking is quadratic in a word's length: one long word could take minutes."""
    _refused_quickly(_form(1), {"f0": "x" * (MAX_WORD + 1)}, PdfKind.FILLED)


def test_a_long_word_within_the_limit_still_prints_in_bounded_time() -> None:
    start = time.perf_counter()
    pdf = render_pdf(_form(1), {"f0": "x" * MAX_WORD})
    assert pdf.startswith(b"%PDF") and time.perf_counter() - start < 5


def test_engines_are_reused_by_short_lived_threads() -> None:
    """Threads of a threaded server come and go; fonts and stylesheet are built once each."""
    built = []
    new_engine = pdf_module._new_engine

    def counting() -> pdf_module._Engine:
        built.append(1)
        return new_engine()

    document = _form(1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_module, "_idle", queue.SimpleQueue())
        patch.setattr(pdf_module, "_new_engine", counting)
        for _ in range(3):
            thread = threading.Thread(target=render_pdf, args=(document, {}))
            thread.start()
            thread.join()
    assert len(built) == 1
