"""Rendering: form definitions as WTForms web forms and as PDF applications."""

from formsvc.render.answers import Answer, answers
from formsvc.render.applications import submission_pdf
from formsvc.render.builder import (
    apply_errors,
    coercion_errors,
    field_names,
    form_class,
    initial_data,
    instance_from,
)
from formsvc.render.pdf import PdfContext, PdfKind, PdfTooLarge, render_html, render_pdf
from formsvc.render.qr import qr_payload
from formsvc.render.values import display, format_date

__all__ = [
    "Answer",
    "PdfContext",
    "PdfKind",
    "PdfTooLarge",
    "answers",
    "apply_errors",
    "coercion_errors",
    "display",
    "field_names",
    "form_class",
    "format_date",
    "initial_data",
    "instance_from",
    "qr_payload",
    "render_html",
    "render_pdf",
    "submission_pdf",
]
