"""Reading PDFs back the way a person or a checker would: text, fonts, form fields, QR codes."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pypdfium2
import zxingcpp
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from tests.conftest import nfc


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def raw_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(pdf).pages)


def text(pdf: bytes) -> str:
    """The words in reading order with line breaks as spaces: wrapped labels still match."""
    return re.sub(r"\s+", " ", nfc(raw_text(pdf)))


def pdfium_text(pdf: bytes) -> str:
    """The text as PDFium (Chrome's reader) extracts it. Unlike pypdf, it stays right after
    a character the embedded font has no glyph for; pypdf mis-decodes the rest of the run.
    PDFium reports a hyphen ending a line as U+FFFE (its "soft hyphen"): put the "-" back."""
    document = pypdfium2.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    return text.replace("\ufffe", "-")


def words(value: str) -> str:
    return re.sub(r"\s+", " ", nfc(value)).strip()


def _fonts(resources: Any) -> Iterator[DictionaryObject]:
    for font in (resources or {}).get("/Font", {}).values():
        yield font.get_object()


def embedded_fonts(pdf: bytes) -> list[tuple[str, str]]:
    """(PDF font name, family inside the embedded font file) for every font used."""
    found = []
    for page in reader(pdf).pages:
        for font in _fonts(page.get("/Resources")):
            if font.get("/Subtype") == "/Type0":
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            else:
                descriptor = font["/FontDescriptor"]
            descriptor = descriptor.get_object()
            embedded = next(
                (
                    descriptor[key]
                    for key in ("/FontFile2", "/FontFile3", "/FontFile")
                    if key in descriptor
                ),
                None,
            )
            family = ""
            if embedded is not None:
                family = TTFont(io.BytesIO(embedded.get_object().get_data()))["name"].getDebugName(
                    1
                )
            found.append((str(font["/BaseFont"]), str(family)))
    return found


def form_fields(pdf: bytes) -> dict[str, str]:
    """AcroForm field name → tooltip (the label), one entry per field (not per widget)."""
    root = reader(pdf).trailer["/Root"]
    if "/AcroForm" not in root:
        return {}
    fields: dict[str, str] = {}
    for reference in root["/AcroForm"]["/Fields"]:
        field = reference.get_object()
        if "/Parent" in field:
            continue  # a radio button of a group listed on its own
        name = str(field["/T"])
        assert name not in fields, f"two fields named {name}"
        fields[name] = str(field.get("/TU", ""))
    return fields


def qr_codes(pdf: bytes, page: int = 0) -> list[str]:
    """Rasterise a page at about 216 dpi and decode every QR code on it."""
    image = pypdfium2.PdfDocument(pdf)[page].render(scale=3).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image)]
