"""Officer pages (cán bộ Bộ phận Một cửa): the submission queue, one submission, its status.

Officers and designers may read submissions (designers need them to see how forms are
answered); only officers move them through their statuses.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse
from wtforms import DateField, Form, HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from formsvc.accounts import OFFICER
from formsvc.db import get_session
from formsvc.render import answers
from formsvc.schemas import FieldError, FormVersion, compiled, latest_versions
from formsvc.submissions import (
    LABELS,
    Submission,
    TransitionRefused,
    allowed,
    find_by_code,
    transition,
)
from formsvc.submissions.lifecycle import MAX_NOTE
from formsvc.submissions.queue import ORDERS, Filters, agencies, search
from formsvc.web import dossier
from formsvc.web.auth import current_account, staff_required

__all__ = ["bp"]

bp = Blueprint("officer", __name__, url_prefix="/staff/submissions")

_ORDER_LABELS = {
    "newest": _l("Mới nộp trước"),
    "oldest": _l("Nộp sớm trước"),
    "updated": _l("Mới cập nhật trước"),
    "status": _l("Theo trạng thái"),
    "form": _l("Theo biểu mẫu"),
}
_DATE_MESSAGE = _l("Nhập ngày theo dạng dd/mm/yyyy")
_DATE_INPUT = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


class QueueFilter(Form):
    """A GET search form: it changes nothing, so it carries no CSRF token."""

    form_id = SelectField(_l("Biểu mẫu"), validators=[Optional()])
    status = SelectField(_l("Trạng thái"), validators=[Optional()])
    agency = SelectField(_l("Cơ quan tiếp nhận"), validators=[Optional()])
    since = DateField(
        _l("Nộp từ ngày"), format="%d/%m/%Y", validators=[Optional()], render_kw=_DATE_INPUT
    )
    until = DateField(
        _l("Đến ngày"), format="%d/%m/%Y", validators=[Optional()], render_kw=_DATE_INPUT
    )
    order = SelectField(_l("Sắp xếp"), default="newest")
    page = IntegerField(
        _l("Trang"),
        default=1,
        validators=[Optional(), NumberRange(min=1, message=_l("Số trang phải từ 1 trở lên"))],
    )

    def fill_choices(self, forms: list[FormVersion], agency_names: list[str]) -> None:
        anything = [("", _("Tất cả"))]
        self.form_id.choices = anything + [(v.form_id, f"{v.code} – {v.title}") for v in forms]
        self.status.choices = anything + [(s, _(label)) for s, label in LABELS.items()]
        self.agency.choices = anything + [(a, a) for a in agency_names]
        self.order.choices = [(key, str(_ORDER_LABELS[key])) for key in ORDERS]

    def process_dates(self) -> None:
        for field in (self.since, self.until):
            if field.errors:
                field.errors = [str(_DATE_MESSAGE)]


class TransitionForm(FlaskForm):
    status = HiddenField(validators=[InputRequired()])
    note = TextAreaField(
        _l("Ghi chú"),
        validators=[Length(max=MAX_NOTE, message=_l("Ghi chú không được dài quá %(max)d ký tự"))],
    )


def _field_errors(form: Form) -> list[FieldError]:
    return [
        FieldError((name,), "invalid", str(message), str(message))
        for name, messages in form.errors.items()
        for message in messages
    ]


@bp.get("")
@staff_required()
def queue() -> tuple[str, int]:
    session = get_session()
    known = agencies(session)
    filters = QueueFilter(request.args)
    filters.fill_choices(latest_versions(session), sorted(known))
    if not filters.validate():
        filters.process_dates()
        page = render_template(
            "officer_queue.html", filters=filters, result=None, errors=_field_errors(filters)
        )
        return page, 422
    result = search(
        session,
        Filters(
            form_id=filters.form_id.data or None,
            status=filters.status.data or None,
            since=filters.since.data,
            until=filters.until.data,
            agency=filters.agency.data or None,
            order=filters.order.data or "newest",
            page=filters.page.data or 1,
        ),
    )
    query = {
        name: request.args[name]
        for name in ("form_id", "status", "agency", "since", "until", "order")
        if request.args.get(name)
    }
    return render_template(
        "officer_queue.html", filters=filters, result=result, errors=[], query=query, labels=LABELS
    ), 200


@bp.get("/find")
@staff_required()
def find() -> BaseResponse | tuple[str, int]:
    """By tracking code, or the text a scanner reads from the QR code on the PDF."""
    text = request.args.get("q", "")[:200]
    submission = find_by_code(get_session(), text)
    if submission is None:
        return render_template("officer_find.html", query=text), 404
    return redirect(url_for(".detail", tracking_code=submission.tracking_code), code=303)


def _submission_or_404(tracking_code: str) -> Submission:
    submission = find_by_code(get_session(), tracking_code)
    if submission is None or submission.tracking_code != tracking_code:
        abort(404)
    return submission


def _detail(
    submission: Submission,
    action: TransitionForm | None,
    status: int,
    errors: list[FieldError] | None = None,
) -> tuple[str, int]:
    document = compiled(submission.form_version).document
    account = current_account()
    actions: list[tuple[str, Any]] = []
    if account is not None and account.role == OFFICER:
        for target in allowed(submission.status):
            form = action if action is not None and action.status.data == target else None
            form = form or TransitionForm(formdata=None, status=target)
            actions.append((target, form))
    return render_template(
        "officer_detail.html",
        submission=submission,
        document=document,
        blocks=answers(document, submission.data, submission.origins),
        disputed=len(submission.disputes),
        labels=LABELS,
        actions=actions,
        errors=errors if errors is not None else _field_errors(action) if action else [],
    ), status


@bp.get("/<tracking_code>")
@staff_required()
def detail(tracking_code: str) -> tuple[str, int]:
    return _detail(_submission_or_404(tracking_code), None, 200)


@bp.post("/<tracking_code>/status")
@staff_required(OFFICER)
def change_status(tracking_code: str) -> BaseResponse | tuple[str, int]:
    submission = _submission_or_404(tracking_code)
    form = TransitionForm()
    if not form.validate():
        return _detail(submission, form, 422)
    account = current_account()
    try:
        transition(
            get_session(),
            submission,
            form.status.data or "",
            form.note.data or "",
            actor_account_id=account.id if account else None,
        )
    except TransitionRefused as refused:
        get_session().rollback()
        error = FieldError((refused.field,), "transition", refused.message, refused.message_en)
        return _detail(
            _submission_or_404(tracking_code),
            form,
            409 if refused.field == "status" else 422,
            [error],
        )
    get_session().commit()
    return redirect(url_for(".detail", tracking_code=tracking_code), code=303)


@bp.get("/<tracking_code>/application.pdf")
@staff_required()
def application_pdf(tracking_code: str) -> Response:
    return dossier.application_pdf(_submission_or_404(tracking_code))
