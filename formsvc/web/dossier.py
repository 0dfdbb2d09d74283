"""What citizen and officer pages show of a stored submission: its PDF, its disputed values."""

from __future__ import annotations

from flask import Response, abort, current_app
from flask_babel import gettext as _

from formsvc.db import get_session
from formsvc.render import submission_pdf
from formsvc.schemas import FormDocument
from formsvc.submissions import Submission
from formsvc.web.documents import pdf_response

__all__ = ["application_pdf", "disputed_fields"]


def disputed_fields(document: FormDocument, notes: dict[str, str]) -> list[tuple[str, str]]:
    """(field label, note) pairs for the review, receipt and officer pages."""
    nodes = document.nodes()
    return [
        (nodes[tuple(key.split("."))].title if tuple(key.split(".")) in nodes else key, note)
        for key, note in notes.items()
    ]


def application_pdf(submission: Submission) -> Response:
    """The PDF of the exact version the submission was made under, with its code and QR.

    Rendered once and cached for every later request; a renderer that fails answers 503 and
    never looks like a lost application: the submission is stored, the PDF comes later.
    """
    try:
        pdf = submission_pdf(get_session(), submission)
    except Exception:
        current_app.logger.exception(
            "the PDF of %s could not be rendered", submission.tracking_code
        )
        get_session().rollback()
        message = _("Chưa tạo được tờ khai PDF. Hồ sơ của bạn vẫn được lưu; vui lòng thử lại sau.")
        abort(503, description=message)
    get_session().commit()  # the rendered PDF, kept for the next request
    filename = f"{submission.form_version.form_id}-{submission.tracking_code}.pdf"
    return pdf_response(pdf, filename, cacheable=False)
