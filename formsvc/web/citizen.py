"""Citizen pages: the catalogue, filling a form, the receipt and the PDF application."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from formsvc.db import get_session
from formsvc.prefill import Prefilled, resolve
from formsvc.prefill.consent import ConsentState, consent_state
from formsvc.render import (
    PdfContext,
    answers,
    apply_errors,
    coercion_errors,
    field_names,
    form_class,
    initial_data,
    instance_from,
    render_pdf,
)
from formsvc.schemas import CompiledForm, FieldError, FormVersion, compiled, latest_version
from formsvc.schemas import latest_versions as catalogue
from formsvc.submissions import Submission, check, create_submission, find_own
from formsvc.submissions.disputes import DISPUTE_PREFIX, dispute_fields, read_disputes
from formsvc.web.auth import citizen_required, current_account

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


def _prefilled(form: CompiledForm, consent: ConsentState) -> dict[tuple[str, ...], Prefilled]:
    """Read the population database only with the citizen's agreement for this form."""
    if consent is not ConsentState.AGREED:
        return {}
    account = current_account()
    assert account is not None and account.citizen_id is not None
    document = form.document
    purpose = _PREFILL_PURPOSE.format(form=document.meta.get("code", document.form_id))
    if document.meta.get("purpose"):
        purpose = f"{purpose}: {document.meta['purpose']}"
    return resolve(
        get_session(),
        document,
        account.citizen_id,
        account.id,
        purpose,
        source=current_app.config["PREFILL_SOURCE"],
    )


def _page(
    form: CompiledForm,
    wtform: object,
    prefilled: dict[tuple[str, ...], Prefilled],
    errors: list[FieldError],
    status: int,
    consent: ConsentState,
    disputes: dict[str, dict[str, str]] | None = None,
) -> tuple[str, int]:
    return render_template(
        "form.html",
        document=form.document,
        form=wtform,
        prefilled=prefilled,
        errors=errors,
        consent=consent.value,
        disputes=disputes or {},
    ), status


@bp.route("/forms/<form_id>", methods=["GET", "POST"])
@citizen_required
def fill(form_id: str) -> BaseResponse | tuple[str, int]:
    version = _version_or_404(form_id)
    form = compiled(version)
    account = current_account()
    assert account is not None
    consent = consent_state(get_session(), account.id, form.document)
    if consent is ConsentState.UNDECIDED and request.method == "GET":
        return redirect(url_for("privacy.consent", form_id=form_id), code=303)
    prefilled = _prefilled(form, consent)
    cls = form_class(form)
    if request.method == "GET":
        values = {path: p.value for path, p in prefilled.items()}
        wtform = cls(data=initial_data(values))
        get_session().commit()  # the audit row of the prefill read
        return _page(form, wtform, prefilled, [], 200, consent)

    wtform = cls()
    unknown = set(request.form) - set(field_names(wtform)) - dispute_fields(prefilled)
    if unknown:
        abort(400, description="Biểu mẫu không có trường: " + ", ".join(sorted(unknown)))
    # CSRFProtect has already checked the token; WTForms only coerces, the schema judges.
    notes, note_errors = read_disputes(request.form, prefilled)
    unreadable = coercion_errors(wtform) + note_errors
    intake = check(form, instance_from(wtform, form.document.root), prefilled, notes)
    if intake.ok and not unreadable:
        submission = create_submission(
            get_session(), version, account.id, intake.data, intake.provenance
        )
        get_session().commit()
        return redirect(url_for(".receipt", tracking_code=submission.tracking_code), code=303)
    get_session().commit()
    unreadable_keys = {e.key for e in unreadable}
    errors = unreadable + [e for e in intake.errors if e.key not in unreadable_keys]
    boxes = _dispute_boxes(notes, note_errors)
    return _page(form, wtform, prefilled, apply_errors(wtform, errors), 422, consent, boxes)


def _dispute_boxes(
    notes: dict[tuple[str, ...], str], errors: list[FieldError]
) -> dict[str, dict[str, str]]:
    """What each "wrong data" box shows again when the page comes back with errors."""
    boxes = {"-".join(path): {"note": note} for path, note in notes.items()}
    for error in errors:
        field = error.key.removeprefix(DISPUTE_PREFIX)
        boxes[field] = {"note": request.form.get(error.key, ""), "error": error.message}
    return boxes


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
    labels = {".".join(node.path): node.title for node in document.fields()}
    disputed = [(labels.get(key, key), note) for key, note in submission.disputes.items()]
    return render_template(
        "receipt.html", submission=submission, document=document, lines=lines, disputed=disputed
    )


@bp.get("/submissions/<tracking_code>/application.pdf")
@citizen_required
def application_pdf(tracking_code: str) -> Response:
    submission = _own_or_404(tracking_code)
    document = compiled(submission.form_version).document
    context = PdfContext(submission.tracking_code, submission.submitted_at)
    pdf = render_pdf(document, submission.data, submission.verified_paths, context)
    filename = f"{document.form_id}-{submission.tracking_code}.pdf"
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )
