"""Filled, blank and fillable PDFs of every catalogue form and of the test-only definitions.

What is checked is what a reader of the PDF gets: the extracted text (header, title, every
label, every answer, in NFC), the embedded fonts, the tags and metadata, the form fields,
and the QR code decoded from a rasterised page.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from formsvc.prefill import Origins
from formsvc.render import PdfContext, PdfKind, qr_payload, render_pdf
from formsvc.render.pdf import render_html
from formsvc.schemas import FormDocument
from tests.render.pdfs import (
    embedded_fonts,
    form_fields,
    qr_codes,
    raw_text,
    reader,
    text,
    words,
)
from tests.render.samples import (
    DEFINITIONS,
    document_for,
    printed_labels,
    printed_values,
    sample_data,
)

CONTEXT = PdfContext("7QK2-M4ZP-9HXC", datetime(2026, 11, 25, 17, 30, tzinfo=UTC))
KINDS = list(PdfKind)
HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@cache
def _rendered(path: Path, kind: PdfKind) -> bytes:
    document = document_for(path)
    data = sample_data(document) if kind is PdfKind.FILLED else {}
    origins = Origins(frozenset(node.path for node in document.fields() if node.prefill))
    return render_pdf(document, data, origins, CONTEXT, kind=kind)


def _ids(path: Path) -> str:
    return path.stem


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", DEFINITIONS, ids=_ids)
def test_every_form_prints_header_title_and_labels(path: Path, kind: PdfKind) -> None:
    document = document_for(path)
    printed = text(_rendered(path, kind))
    for expected in (*HEADER, document.title.upper(), "Kính gửi:", *printed_labels(document)):
        assert words(expected) in printed, expected
    code_line = document.meta.get("pdf", {}).get("code_line")
    if code_line:
        assert words(code_line) in printed


@pytest.mark.parametrize("path", DEFINITIONS, ids=_ids)
def test_filled_forms_print_every_answer_in_nfc(path: Path) -> None:
    document = document_for(path)
    pdf = _rendered(path, PdfKind.FILLED)
    extracted = raw_text(pdf)
    assert extracted == unicodedata.normalize("NFC", extracted)
    printed = text(pdf)
    for value in printed_values(document, sample_data(document)):
        assert words(value).encode() in printed.encode(), value
    assert f"Mã hồ sơ: {CONTEXT.tracking_code}" in printed
    assert f"phiên bản {document.version}" in printed
    assert "Nộp lúc 00:30 26/11/2026" in printed  # 17:30 UTC is the next day in Vietnam
    assert "Trang 1/" in printed


@pytest.mark.parametrize("path", DEFINITIONS, ids=_ids)
def test_qr_code_decodes_to_tracking_code_and_data_digest(path: Path) -> None:
    document = document_for(path)
    expected = qr_payload(CONTEXT.tracking_code, sample_data(document))
    assert expected.startswith(f"FORMSVC:{CONTEXT.tracking_code}:")
    assert qr_codes(_rendered(path, PdfKind.FILLED)) == [expected]


@pytest.mark.parametrize("kind", [PdfKind.BLANK, PdfKind.FILLABLE])
def test_blank_and_fillable_forms_belong_to_no_submission(kind: PdfKind) -> None:
    pdf = _rendered(DEFINITIONS[0], kind)
    assert qr_codes(pdf) == []
    assert "Mã hồ sơ" not in text(pdf) and "Nộp lúc" not in text(pdf)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", DEFINITIONS, ids=_ids)
def test_fonts_are_the_bundled_family_embedded_and_subsetted(path: Path, kind: PdfKind) -> None:
    fonts = embedded_fonts(_rendered(path, kind))
    assert fonts
    for name, family in fonts:
        assert family == "Liberation Serif", (name, family)
        assert name[1:7].isupper() and name[7] == "+", name  # a subset's tag, e.g. /ABCDEF+


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", DEFINITIONS, ids=_ids)
def test_pdf_is_tagged_with_language_and_metadata(path: Path, kind: PdfKind) -> None:
    document = document_for(path)
    pdf = reader(_rendered(path, kind))
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712  (a PDF boolean object)
    assert root["/Lang"] == "vi"
    assert pdf.metadata is not None
    assert pdf.metadata.title == document.title
    assert pdf.metadata.subject == f"{document.meta['code']}, phiên bản {document.version}"
    assert pdf.metadata["/Creator"] == "formsvc"


def _inputs(document: FormDocument) -> dict[str, str]:
    """The fields a fillable PDF must have: schema paths joined by "-", rows numbered."""
    options = document.meta.get("pdf", {})
    rows = options.get("blank_rows", 4)
    expected: dict[str, str] = {}
    for node in document.fields():
        if node.item is not None and node.item.children:
            for index in range(rows):
                for column in node.item.fields():
                    name = "-".join((*node.path, str(index), *column.path[len(node.path) :]))
                    expected[name] = column.title
        else:
            expected["-".join(node.path)] = node.title
    return expected


@pytest.mark.parametrize("path", DEFINITIONS, ids=_ids)
def test_fillable_form_has_one_field_per_input_named_by_schema_path(path: Path) -> None:
    document = document_for(path)
    assert form_fields(_rendered(path, PdfKind.FILLABLE)) == _inputs(document)


@pytest.mark.parametrize("kind", [PdfKind.FILLED, PdfKind.BLANK])
def test_only_fillable_forms_have_form_fields(kind: PdfKind) -> None:
    assert form_fields(_rendered(DEFINITIONS[0], kind)) == {}


def _household() -> FormDocument:
    return document_for(next(path for path in DEFINITIONS if path.stem == "household"))


def test_blank_form_has_tick_boxes_ruled_rows_and_condition_hints() -> None:
    printed = text(render_pdf(_household(), {}, kind=PdfKind.BLANK))
    assert "□ Nam □ Nữ" in printed and "□ Có □ Không" in printed
    assert "□ Đăng ký thường trú □ Đăng ký tạm trú" in printed
    assert "(Chỉ khai nếu “Đã đăng ký thường trú” là Không)" in printed
    assert "(Chỉ khai nếu mục đích là Khác)" in printed  # the definition's own x-condition
    assert "Đề nghị cấp bản sao: Có □ Không □, số lượng:" in printed
    assert "Làm tại: ……………………, ngày …… tháng …… năm ………" in printed
    assert "TT Họ, chữ đệm và tên" in printed
    assert "1 □ Nam □ Nữ 2 □ Nam □ Nữ 3 □ Nam □ Nữ" in printed  # blank_rows: 3 empty rows


def test_filled_form_prints_only_branches_that_apply() -> None:
    document = _household()
    data = {"residence": {"has_residence": True}, "purpose": "register", "copies": 2}
    printed = text(render_pdf(document, data, Origins(), CONTEXT))
    assert "Nơi tạm trú hiện nay" not in printed and "Mục đích khác" not in printed
    assert "Chỉ khai nếu" not in printed
    assert "3.1. Đã đăng ký thường trú: Có" in printed
    assert "Đề nghị cấp bản sao: Có ■ Không □, số lượng: 2 bản" in printed
    other = text(render_pdf(document, {"residence": {"has_residence": False}}, Origins()))
    assert "Nơi tạm trú hiện nay" in other


def test_verified_values_are_marked_and_explained() -> None:
    document = _household()
    data = {"declarant_name": "Nguyễn Văn An", "request": "Tách hộ"}
    printed = text(render_pdf(document, data, Origins(frozenset({("declarant_name",)})), CONTEXT))
    assert "Họ, chữ đệm và tên người khai: Nguyễn Văn An(*)" in printed
    assert "Nội dung đề nghị: Tách hộ(*)" not in printed
    assert "(*) Thông tin đã được xác thực từ Cơ sở dữ liệu quốc gia về dân cư." in printed
    assert "(*) Thông tin" not in text(render_pdf(document, data, Origins(), CONTEXT))


def test_repeatable_group_prints_one_row_per_entry() -> None:
    document = _household()
    members = [
        {"full_name": "Trần Thị Mai", "sex": "female", "date_of_birth": "2015-06-01"},
        {"full_name": "Trần Văn Bình", "sex": "male", "relationship_to_head": "Con"},
    ]
    printed = text(render_pdf(document, {"members": members}, Origins(), CONTEXT))
    assert "1 Trần Thị Mai 01/06/2015 Nữ" in printed
    assert "2 Trần Văn Bình Nam Con" in printed


def test_parties_print_side_by_side() -> None:
    document = document_for(next(path for path in DEFINITIONS if path.stem == "marriage"))
    data = {
        "bride": {"full_name": "Lê Thị Hoa", "marriage_number": 1},
        "groom": {"full_name": "Phạm Văn Đức", "residence": {"ward": "Phường Hải Châu"}},
    }
    printed = text(render_pdf(document, data, Origins(), CONTEXT))
    assert "Thông tin Bên nữ Bên nam" in printed
    assert "Họ, chữ đệm, tên Lê Thị Hoa Phạm Văn Đức" in printed
    assert "Nơi cư trú" in printed and "Xã, phường, đặc khu Phường Hải Châu" in printed
    assert "Kết hôn lần thứ mấy 1" in printed


def test_fillable_form_carries_given_answers_but_no_submission() -> None:
    data = {"declarant_name": "Nguyễn Văn An", "purpose": "split"}
    pdf = render_pdf(
        _household(),
        data,
        Origins(frozenset({("declarant_name",)})),
        CONTEXT,
        kind=PdfKind.FILLABLE,
    )
    fields = reader(pdf).get_fields() or {}
    assert fields["declarant_name"]["/V"] == "Nguyễn Văn An"
    purpose = fields["purpose"]
    assert purpose["/V"] == "/2"  # WeasyPrint names radio states by index: "split" is third
    assert "Mã hồ sơ" not in text(pdf) and "(*)" not in text(pdf) and qr_codes(pdf) == []


def test_markup_in_definitions_and_answers_is_text() -> None:
    document = FormDocument(
        "t",
        {
            "title": "<b>Tiêu đề</b>",
            "properties": {"a": {"type": "string", "title": "<script>x()</script>"}},
        },
    )
    answer = "<img src=x onerror=alert(1)>"
    html = render_html(document, {"a": answer})
    assert "<script>x()" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert answer in text(render_pdf(document, {"a": answer}))


def test_decomposed_text_is_printed_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    document = FormDocument("t", {"title": "Thử", "properties": {"a": {"type": "string"}}})
    extracted = raw_text(render_pdf(document, {"a": decomposed}))
    assert unicodedata.normalize("NFC", "Nguyễn Thị Hường") in extracted
