"""PDFs of the react-jsonschema-form samples (``../shared/conformance/rjsf``): an outside
test of how much of JSON Schema prints. Blank forms show every label; filled ones every
answer, including answers the definition does not name, which print rather than vanish."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from formsvc.render import PdfKind, render_pdf
from formsvc.schemas import FormDocument, load_definition
from tests.render.pdfs import form_fields, text, words
from tests.render.samples import ROOT, printed_labels, printed_values

SAMPLES = sorted((ROOT.parent / "shared" / "conformance" / "rjsf").glob("*.schema.json"))


def _sample(path: Path) -> tuple[FormDocument, Any]:
    form_id, definition = load_definition(path)
    answers = path.with_name(path.name.replace(".schema.json", ".data.json"))
    data = json.loads(answers.read_text(encoding="utf-8")) if answers.exists() else {}
    return FormDocument(form_id, definition), data


def _name(path: Path) -> str:
    return path.name.removesuffix(".schema.json")


@pytest.mark.parametrize("path", SAMPLES, ids=_name)
def test_blank_sample_prints_every_label(path: Path) -> None:
    document, _ = _sample(path)
    printed = text(render_pdf(document, {}, kind=PdfKind.BLANK))
    missing = [label for label in printed_labels(document) if words(label) not in printed]
    assert missing == []


@pytest.mark.parametrize("path", SAMPLES, ids=_name)
def test_filled_sample_prints_every_answer(path: Path) -> None:
    document, data = _sample(path)
    printed = text(render_pdf(document, data))
    missing = [value for value in printed_values(document, data) if words(value) not in printed]
    assert missing == []


@pytest.mark.parametrize("path", SAMPLES, ids=_name)
def test_fillable_sample_has_fields(path: Path) -> None:
    document, _ = _sample(path)
    fields = form_fields(render_pdf(document, {}, kind=PdfKind.FILLABLE))
    assert fields or not list(document.fields())
