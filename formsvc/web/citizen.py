"""Citizen pages: the catalogue, filling a form, the receipt and the PDF application."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from formsvc.db import get_session
from formsvc.prefill import Prefilled, resolve
from formsvc.render import (
    answers,
    apply_errors,
    coercion_errors,
    field_names,
    form_class,
    initial_data,
    instance_from,
    submission_pdf,
)
from formsvc.schemas import CompiledForm, FieldError, FormVersion, compiled, latest_version
from formsvc.schemas import latest_versions as catalogue
from formsvc.submissions import Submission, check, create_submission, find_own
from formsvc.web.auth import citizen_required, current_account
from formsvc.web.documents import pdf_response

__all__ = ["bp"]

bp = Blueprint("citizen", __name__)

_PREFILL_PURPOSE = "Điền sẵn biểu mẫu {form} theo yêu cầu của công dân"


@bp.get("/")
def index() -> str:
    return render_template("index.html", versions=catalogue(get_session()))


def _version_or_404(form_id: str) -> FormVersion:
    version = latest_version(get_session(), form_id)
    if version is None:
        abort(404)
    return version


def _prefilled(form: CompiledForm) -> dict[tuple[str, ...], Prefilled]:
    account = current_account()
    assert account is not None and account.citizen_id is not None
    document = form.document
    purpose = _PREFILL_PURPOSE.format(form=document.meta.get("code", document.form_id))
    return resolve(get_session(), document, account.citizen_id, account.id, purpose)


def _page(
    form: CompiledForm,
    wtform: object,
    prefilled: dict[tuple[str, ...], Prefilled],
    errors: list[FieldError],
    status: int,
) -> tuple[str, int]:
    return render_template(
        "form.html",
        document=form.document,
        form=wtform,
        prefilled=prefilled,
        errors=errors,
    ), status


@bp.route("/forms/<form_id>", methods=["GET", "POST"])
@citizen_required
def fill(form_id: str) -> BaseResponse | tuple[str, int]:
    version = _version_or_404(form_id)
    form = compiled(version)
    prefilled = _prefilled(form)
    cls = form_class(form)
    if request.method == "GET":
        values = {path: p.value for path, p in prefilled.items()}
        wtform = cls(data=initial_data(values))
        get_session().commit()  # the audit row of the prefill read
        return _page(form, wtform, prefilled, [], 200)

    wtform = cls()
    unknown = set(request.form) - set(field_names(wtform))
    if unknown:
        abort(400, description="Biểu mẫu không có trường: " + ", ".join(sorted(unknown)))
    # CSRFProtect has already checked the token; WTForms only coerces, the schema judges.
    unreadable = coercion_errors(wtform)
    intake = check(form, instance_from(wtform, form.document.root), prefilled)
    if intake.ok and not unreadable:
        account = current_account()
        assert account is not None
        submission = create_submission(
            get_session(), version, account.id, intake.data, intake.provenance
        )
        get_session().commit()
        return redirect(url_for(".receipt", tracking_code=submission.tracking_code), code=303)
    get_session().commit()
    unreadable_keys = {e.key for e in unreadable}
    errors = unreadable + [e for e in intake.errors if e.key not in unreadable_keys]
    return _page(form, wtform, prefilled, apply_errors(wtform, errors), 422)


def _own_or_404(tracking_code: str) -> Submission:
    account = current_account()
    assert account is not None
    submission = find_own(get_session(), tracking_code, account.id)
    if submission is None:
        abort(404)
    return submission


@bp.get("/submissions/<tracking_code>")
@citizen_required
def receipt(tracking_code: str) -> str:
    submission = _own_or_404(tracking_code)
    document = compiled(submission.form_version).document
    lines = answers(document.root, submission.data, submission.verified_paths)
    return render_template("receipt.html", submission=submission, document=document, lines=lines)


@bp.get("/submissions/<tracking_code>/application.pdf")
@citizen_required
def application_pdf(tracking_code: str) -> Response:
    submission = _own_or_404(tracking_code)
    pdf = submission_pdf(get_session(), submission)
    get_session().commit()  # the rendered PDF, kept for the next request
    filename = f"{submission.form_version.form_id}-{submission.tracking_code}.pdf"
    return pdf_response(pdf, filename, cacheable=False)
