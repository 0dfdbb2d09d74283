"""Public PDFs of a form: the blank one to print and write on, and the fillable one.

Both depend only on the published version, so shared caches (a reverse proxy) may keep
them; a citizen's filled application is private and is never marked cacheable.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template
from werkzeug.exceptions import UnprocessableEntity

from formsvc.db import get_session
from formsvc.render import PdfKind, PdfTooLarge, render_pdf
from formsvc.schemas import compiled, latest_version

__all__ = ["bp", "pdf_response"]

bp = Blueprint("documents", __name__)

_PUBLIC_MAX_AGE = 3600


def pdf_response(pdf: bytes, filename: str, *, cacheable: bool) -> Response:
    response = Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )
    if cacheable:
        response.cache_control.public = True
        response.cache_control.max_age = _PUBLIC_MAX_AGE
    else:
        response.cache_control.private = True
        response.cache_control.no_store = True
    return response


def _form_pdf(form_id: str, kind: PdfKind) -> Response:
    version = latest_version(get_session(), form_id)
    if version is None:
        abort(404)
    pdf = render_pdf(compiled(version).document, {}, kind=kind)
    return pdf_response(pdf, f"{version.form_id}-v{version.version}-{kind}.pdf", cacheable=True)


@bp.get("/forms/<form_id>/blank.pdf")
def blank_pdf(form_id: str) -> Response:
    return _form_pdf(form_id, PdfKind.BLANK)


@bp.get("/forms/<form_id>/fillable.pdf")
def fillable_pdf(form_id: str) -> Response:
    return _form_pdf(form_id, PdfKind.FILLABLE)


@bp.app_errorhandler(PdfTooLarge)
def _too_large(error: PdfTooLarge) -> tuple[str, int]:
    """A 4xx with a clear message rather than a worker busy for minutes or a 500."""
    refused = UnprocessableEntity("Hồ sơ quá lớn để in thành tệp PDF.")
    return render_template("error.html", error=refused), refused.code or 422
