"""Rendering: form definitions as WTForms web forms and as PDF applications."""

from formsvc.render.answers import Answers, answers
from formsvc.render.applications import submission_pdf
from formsvc.render.builder import (
    apply_errors,
    coercion_errors,
    defaults,
    field_names,
    form_class,
    instance_from,
    nest,
)
from formsvc.render.locks import release_unfilled, show_verified
from formsvc.render.pdf import PdfContext, PdfKind, PdfTooLarge, render_html, render_pdf
from formsvc.render.qr import qr_payload
from formsvc.render.values import display, format_date

__all__ = [
    "Answers",
    "PdfContext",
    "PdfKind",
    "PdfTooLarge",
    "answers",
    "apply_errors",
    "coercion_errors",
    "defaults",
    "display",
    "field_names",
    "form_class",
    "format_date",
    "instance_from",
    "nest",
    "qr_payload",
    "release_unfilled",
    "render_html",
    "render_pdf",
    "show_verified",
    "submission_pdf",
]
