"""Citizen pages: catalogue, filling a form, checking answers, the receipt and the PDF.

The journey follows the public-service portals: fill (with a server-side draft), check your
answers, confirm and submit, receipt. Rules live in the packages; this module wires them.
"""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

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
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response as BaseResponse
from wtforms import Field, FieldList, Form, FormField, HiddenField

from formsvc.accounts import Account
from formsvc.db import get_session
from formsvc.prefill import Prefilled, resolve
from formsvc.prefill.consent import ConsentState, consent_state
from formsvc.render import (
    answers,
    apply_errors,
    coercion_errors,
    defaults,
    field_names,
    form_class,
    instance_from,
    merged,
    nest,
    release_unfilled,
    show_verified,
)
from formsvc.schemas import (
    CompiledForm,
    FieldError,
    FormVersion,
    compiled,
    latest_version,
)
from formsvc.schemas import latest_versions as catalogue
from formsvc.submissions import (
    LABELS,
    Draft,
    Submission,
    allowed,
    check,
    create_submission,
    discard_draft,
    find_draft,
    find_own,
    find_submitted,
    own_submissions,
    save_draft,
)
from formsvc.submissions.disputes import (
    DISPUTE_PREFIX,
    dispute_fields,
    drop_disputes,
    keep_disputes,
    kept_disputes,
    read_disputes,
)
from formsvc.web import dossier
from formsvc.web.auth import citizen_required, current_account
from formsvc.web.i18n import error_text, page_language

__all__ = ["bp"]

bp = Blueprint("citizen", __name__)

_PREFILL_PURPOSE = "Điền sẵn biểu mẫu {form} theo yêu cầu của công dân"
# Names a form page posts besides its fields.
_CONTROLS = {"csrf_token", "_action"}


class ConfirmForm(FlaskForm):
    token = HiddenField()


def _folded(text: str) -> str:
    """Lower case without diacritics, so "ho chieu" finds "Hộ chiếu"."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@bp.get("/")
def index() -> str:
    query = request.args.get("q", "").strip()[:100]
    versions = catalogue(get_session())
    if query:
        wanted = _folded(query)
        versions = [
            v
            for v in versions
            if wanted
            in _folded(
                " ".join(
                    str(part)
                    for part in (
                        v.title,
                        v.document.get("x-form", {}).get("code", ""),
                        v.document.get("x-form", {}).get("agency", ""),
                    )
                )
            )
        ]
    account = current_account()
    drafts = set()
    if account is not None:
        drafts = {
            version.form_id
            for version in versions
            if find_draft(get_session(), account.id, version.form_id)
        }
    return render_template("index.html", versions=versions, query=query, drafts=drafts)


def _account() -> Account:
    account = current_account()
    assert account is not None and account.citizen_id is not None
    return account


def _version_or_404(form_id: str) -> FormVersion:
    version = latest_version(get_session(), form_id)
    if version is None:
        abort(404)
    return version


def _prefilled(form: CompiledForm, consent: ConsentState) -> dict[tuple[str, ...], Prefilled]:
    """Read the population database only with the citizen's agreement for this form."""
    if consent is not ConsentState.AGREED:
        return {}
    account = _account()
    document = form.document
    purpose = _PREFILL_PURPOSE.format(form=document.code)
    if document.meta.get("purpose"):
        purpose = f"{purpose}: {document.meta['purpose']}"
    assert account.citizen_id is not None
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
    wtform: Form,
    prefilled: dict[tuple[str, ...], Prefilled],
    errors: list[FieldError],
    status: int,
    consent: ConsentState,
    disputes: dict[str, dict[str, str]] | None = None,
    notice: str | None = None,
    focus: str | None = None,
) -> tuple[str, int]:
    show_verified(wtform, form.document.root, prefilled)
    release_unfilled(wtform, form.document.root, prefilled)
    _autofocus(wtform, focus)
    return render_template(
        "form.html",
        document=form.document.in_language(page_language()),
        form=wtform,
        prefilled=prefilled,
        errors=errors,
        consent=consent.value,
        disputes=disputes or {},
        notice=notice,
        focus=focus,
    ), status


def _dispute_boxes(
    notes: dict[tuple[str, ...], str],
    errors: list[FieldError] = (),  # type: ignore[assignment]
) -> dict[str, dict[str, str]]:
    """What each "wrong data" box shows again: the notes kept, and any that were refused."""
    boxes = {"-".join(path): {"note": note} for path, note in notes.items()}
    for error in errors:
        field = error.key.removeprefix(DISPUTE_PREFIX)
        boxes[field] = {"note": request.form.get(error.key, ""), "error": error_text(error)}
    return boxes


def _starting_data(
    form: CompiledForm, prefilled: dict[tuple[str, ...], Prefilled]
) -> dict[str, Any]:
    """Defaults, then what the database knows, then the citizen's draft; verified data last."""
    offered = nest({path: p.value for path, p in prefilled.items()})
    draft = find_draft(get_session(), _account().id, form.document.form_id)
    if draft is None:
        return merged(defaults(form.document.root), offered)
    verified = nest({path: p.value for path, p in prefilled.items() if p.locked})
    return merged(defaults(form.document.root), offered, draft.data, verified)


def _find(container: Any, field_id: str) -> Any:
    for field in container:
        if field.id == field_id:
            return field
        inner = field.form if isinstance(field, FormField) else None
        if isinstance(field, FieldList):
            inner = field.entries
        if inner is not None:
            found = _find(inner, field_id)
            if found is not None:
                return found
    return None


def _first_control(field: Field) -> Field | None:
    """The control a person meets first in a row: its first question, depth first."""
    if isinstance(field, FormField | FieldList):
        return next((c for c in map(_first_control, field) if c is not None), None)
    return field


def _focus_in(row: Field) -> str | None:
    control = _first_control(row)
    return control.id if control is not None else None


def _change_rows(wtform: Form, action: str) -> str | None:
    """The no-JavaScript add/remove buttons of repeatable groups. Returns the id of what
    should get focus next, so the citizen keeps their place: the new row's first question,
    or after a removal the next row's, or the group's add button when no row follows."""
    verb, _sep, target = action.partition(":")
    if verb == "add":
        rows = _find(wtform, target)
        if isinstance(rows, FieldList) and (
            rows.max_entries is None or len(rows.entries) < rows.max_entries
        ):
            return _focus_in(rows.append_entry())
    elif verb == "remove":
        owner, _sep, _index = target.rpartition("-")
        rows = _find(wtform, owner)
        ids = [entry.id for entry in rows.entries] if isinstance(rows, FieldList) else []
        if target in ids:
            position = ids.index(target)
            rows.pop_entry(position)  # renumbers the rows after it, as the next post will be
            if position < len(rows.entries):
                return _focus_in(rows.entries[position])
            return f"{rows.id}-add"
    return None


def _autofocus(wtform: Form, focus: str | None) -> None:
    """Mark the control ``focus`` names (if it is a field) for the browser to focus on load."""
    field = _find(wtform, focus) if focus else None
    if field is not None:
        # render_kw is shared by every instance of the cached class: replace, never mutate.
        field.render_kw = {**(field.render_kw or {}), "autofocus": True}


@bp.route("/forms/<form_id>", methods=["GET", "POST"])
@citizen_required
def fill(form_id: str) -> BaseResponse | tuple[str, int]:
    version = _version_or_404(form_id)
    form = compiled(version)
    account = _account()
    consent = consent_state(get_session(), account.id, form.document)
    if consent is ConsentState.UNDECIDED and request.method == "GET":
        return redirect(url_for("privacy.consent", form_id=form_id), code=303)
    prefilled = _prefilled(form, consent)
    cls = form_class(form, page_language())
    if request.method == "GET":
        wtform = cls(data=_starting_data(form, prefilled))
        kept = kept_disputes(get_session(), account.id, form_id)
        get_session().commit()  # the audit row of the prefill read
        return _page(form, wtform, prefilled, [], 200, consent, _dispute_boxes(kept))

    wtform = cls()
    unknown = set(request.form) - set(field_names(wtform)) - _CONTROLS - dispute_fields(prefilled)
    if unknown:
        abort(
            400,
            description=_("Biểu mẫu không có trường: %(names)s", names=", ".join(sorted(unknown))),
        )
    notes, note_errors = read_disputes(request.form, prefilled)
    boxes = _dispute_boxes(notes, note_errors)
    action = request.form.get("_action", "continue")
    if action.startswith(("add:", "remove:")):
        focus = _change_rows(wtform, action)
        get_session().commit()
        return _page(form, wtform, prefilled, [], 200, consent, boxes, focus=focus)
    if action == "save":
        save_draft(get_session(), account.id, version, instance_from(wtform, form.document.root))
        keep_disputes(get_session(), account.id, form_id, notes)
        get_session().commit()
        saved = _("Đã lưu nháp. Bạn có thể tiếp tục điền sau.")
        return _page(form, wtform, prefilled, [], 200, consent, boxes, notice=saved)

    # CSRFProtect has already checked the token; WTForms only coerces, the schema judges.
    unreadable = coercion_errors(wtform, form.document) + note_errors
    intake = check(form, instance_from(wtform, form.document.root), prefilled, notes)
    if intake.ok and not unreadable:
        save_draft(get_session(), account.id, version, intake.data)
        keep_disputes(get_session(), account.id, form_id, notes)
        get_session().commit()
        return redirect(url_for(".review", form_id=form_id), code=303)
    get_session().commit()
    unreadable_keys = {e.key for e in unreadable}
    errors = unreadable + [e for e in intake.errors if e.key not in unreadable_keys]
    return _page(form, wtform, prefilled, apply_errors(wtform, errors), 422, consent, boxes)


def _draft_form(draft: Draft) -> tuple[FormVersion, CompiledForm]:
    version = get_session().get(FormVersion, draft.form_version_id)
    assert version is not None
    return version, compiled(version)


@bp.route("/forms/<form_id>/review", methods=["GET", "POST"])
@citizen_required
def review(form_id: str) -> BaseResponse | tuple[str, int] | str:
    """Kiểm tra lại thông tin, then xác nhận và nộp: one submission however often it is sent."""
    account = _account()
    confirm = ConfirmForm()
    if request.method == "POST":
        already = find_submitted(get_session(), account.id, confirm.token.data or "")
        if already is not None:
            return redirect(url_for(".receipt", tracking_code=already.tracking_code), code=303)
    draft = find_draft(get_session(), account.id, form_id)
    if draft is None:
        return redirect(url_for(".fill", form_id=form_id), code=303)
    version, form = _draft_form(draft)
    prefilled = _prefilled(form, consent_state(get_session(), account.id, form.document))
    notes = kept_disputes(get_session(), account.id, form_id)
    intake = check(form, copy.deepcopy(draft.data), prefilled, notes)
    if not intake.ok:  # the database changed since, or the draft was saved unfinished
        get_session().commit()
        return redirect(url_for(".fill", form_id=form_id), code=303)
    if request.method == "GET" or confirm.token.data != draft.token:
        confirm.token.data = draft.token
        origins = intake.origins
        shown = form.document.in_language(page_language())
        blocks = answers(shown, intake.data, origins)
        disputed = dossier.disputed_fields(shown, origins.notes())
        get_session().commit()
        return render_template(
            "review.html",
            document=shown,
            blocks=blocks,
            confirm=confirm,
            form_id=form_id,
            disputed=disputed,
        )
    submission = create_submission(
        get_session(), version, account.id, intake.data, intake.provenance, draft.token
    )
    discard_draft(get_session(), draft)
    drop_disputes(get_session(), account.id, form_id)
    try:
        get_session().commit()
    except IntegrityError:  # a concurrent confirm with the same token won the race
        get_session().rollback()
        winner = find_submitted(get_session(), account.id, confirm.token.data or "")
        if winner is None:
            raise
        submission = winner
    return redirect(url_for(".receipt", tracking_code=submission.tracking_code), code=303)


def _own_or_404(tracking_code: str) -> Submission:
    submission = find_own(get_session(), tracking_code, _account().id)
    if submission is None:
        abort(404)
    return submission


@bp.get("/submissions")
@citizen_required
def my_submissions() -> str:
    """Hồ sơ của tôi: the citizen's own submissions, newest first, with their statuses."""
    rows = own_submissions(get_session(), _account().id)
    return render_template("my_submissions.html", submissions=rows)


@bp.get("/submissions/<tracking_code>")
@citizen_required
def receipt(tracking_code: str) -> str:
    submission = _own_or_404(tracking_code)
    document = compiled(submission.form_version).document.in_language(page_language())
    blocks = answers(document, submission.data, submission.origins)
    disputed = dossier.disputed_fields(document, submission.disputes)
    return render_template(
        "receipt.html",
        submission=submission,
        document=document,
        blocks=blocks,
        labels=LABELS,
        disputed=disputed,
        pending=bool(allowed(submission.status)),  # "what happens next" until decided
    )


@bp.get("/submissions/<tracking_code>/application.pdf")
@citizen_required
def application_pdf(tracking_code: str) -> Response:
    return dossier.application_pdf(_own_or_404(tracking_code))
