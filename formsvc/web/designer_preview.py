"""Live preview of a draft: the citizen's page, prefilled, and the PDF application.

The web preview is the real citizen template filled the way the citizen page fills it,
for the demo citizen 092080123451 (a fictitious record), so designers see the verified
marks and locked fields citizens will see. Reading that record for prefill is audited
like any other read. Both previews are shown in frames of the editor, so they (and only
they) may be framed by pages of this site.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, make_response, render_template
from sqlalchemy import select

from formsvc.db import get_session
from formsvc.prefill import Citizen, Origins, Prefilled, resolve
from formsvc.render import defaults, form_class, nest, release_unfilled, render_pdf
from formsvc.schemas import CompiledForm
from formsvc.web.auth import current_account, staff_required
from formsvc.web.designer import editor_state
from formsvc.web.i18n import page_language

__all__ = ["PREVIEW_CITIZEN", "bp"]

bp = Blueprint("designer_preview", __name__)

PREVIEW_CITIZEN = "092080123451"
_PURPOSE = "Xem trước biểu mẫu {form} trong trình thiết kế (công dân mẫu)"
_FRAMEABLE = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    ),
    "X-Frame-Options": "SAMEORIGIN",
}


def _draft_form(form_id: str) -> CompiledForm:
    state = editor_state(form_id)
    number = state.current.version + 1 if state.current and state.draft else 0
    return CompiledForm(form_id, number, state.document)


def _prefilled(form: CompiledForm) -> dict[tuple[str, ...], Prefilled]:
    session = get_session()
    citizen = session.scalars(select(Citizen).where(Citizen.personal_id == PREVIEW_CITIZEN)).first()
    account = current_account()
    if citizen is None or account is None:
        return {}
    code = form.document.code
    values = resolve(
        session,
        form.document,
        citizen.id,
        account.id,
        _PURPOSE.format(form=code),
        source=current_app.config["PREFILL_SOURCE"],
    )
    session.commit()  # the audit row of the read
    return values


def _frameable(response: Response) -> Response:
    response.headers.update(_FRAMEABLE)
    return response


def _preview_failed(error: Exception) -> Response:
    page = render_template("designer_preview_error.html", error=error)
    return _frameable(make_response(page, 200))


def _filled(form: CompiledForm) -> tuple[dict[tuple[str, ...], Prefilled], dict[str, Any]]:
    """(what the database gave, as nested answers) for the demo citizen."""
    prefilled = _prefilled(form)
    return prefilled, nest({path: p.value for path, p in prefilled.items()})


@bp.get("/staff/forms/<form_id>/preview")
@staff_required()
def page(form_id: str) -> Response:
    form = _draft_form(form_id)
    try:
        prefilled, values = _filled(form)
        language = page_language()  # a designer reading English checks the translation
        wtform = form_class(form, language)(data={**defaults(form.document.root), **values})
        release_unfilled(wtform, form.document.root, prefilled)
        shown = form.document.in_language(language)
    except Exception as error:  # a half-built draft: say so in the frame, keep the editor
        return _preview_failed(error)
    html = render_template(
        "form.html",
        document=shown,
        form=wtform,
        prefilled=prefilled,
        errors=[],
        consent="agreed",
        disputes={},
        notice=None,
    )
    return _frameable(make_response(html))


@bp.get("/staff/forms/<form_id>/preview.pdf")
@staff_required()
def pdf(form_id: str) -> Response:
    form = _draft_form(form_id)
    try:
        prefilled, values = _filled(form)
        body = render_pdf(form.document, values, Origins.fresh(prefilled))
    except Exception as error:
        return _preview_failed(error)
    response = make_response(body)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{form_id}-preview.pdf"'
    return _frameable(response)
