"""What citizen and officer pages show of a stored submission: its PDF, its disputed values."""

from __future__ import annotations

from flask import Response

from formsvc.render import PdfContext, render_pdf
from formsvc.schemas import FormDocument, compiled
from formsvc.submissions import Submission

__all__ = ["application_pdf", "disputed_fields"]


def disputed_fields(document: FormDocument, notes: dict[str, str]) -> list[tuple[str, str]]:
    """(field label, note) pairs for the review, receipt and officer pages."""
    nodes = document.nodes()
    return [
        (nodes[tuple(key.split("."))].title if tuple(key.split(".")) in nodes else key, note)
        for key, note in notes.items()
    ]


def application_pdf(submission: Submission) -> Response:
    """The PDF of the exact version the submission was made under, with its code and QR."""
    document = compiled(submission.form_version).document
    context = PdfContext(submission.tracking_code, submission.submitted_at)
    pdf = render_pdf(document, submission.data, submission.verified_paths, context)
    filename = f"{document.form_id}-{submission.tracking_code}.pdf"
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )
