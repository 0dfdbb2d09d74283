"""Staff pages: the prefill audit log, filterable by citizen and form."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from wtforms import Form, IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional, Regexp

from formsvc.db import get_session
from formsvc.prefill.audit import search_reads
from formsvc.schemas import FieldError, latest_versions
from formsvc.web.auth import staff_required

__all__ = ["bp"]

bp = Blueprint("staff", __name__, url_prefix="/staff")


class AuditFilter(Form):
    """A GET search form: it changes nothing, so it carries no CSRF token."""

    personal_id = StringField(
        _l("Số định danh cá nhân của công dân"),
        validators=[
            Optional(),
            Regexp(r"^\d{12}$", message=_l("Số định danh cá nhân phải gồm đúng 12 chữ số")),
        ],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    form_id = StringField(
        _l("Mã biểu mẫu"),
        validators=[
            Optional(),
            Length(max=64, message=_l("Mã biểu mẫu không được dài quá 64 ký tự")),
        ],
    )
    page = IntegerField(
        _l("Trang"),
        default=1,
        validators=[Optional(), NumberRange(min=1, message=_l("Số trang phải từ 1 trở lên"))],
    )


@bp.get("/audit")
@staff_required()
def audit() -> tuple[str, int]:
    filters = AuditFilter(request.args)
    if not filters.validate():
        errors = [
            FieldError((name,), "invalid", str(message), str(message))
            for name, messages in filters.errors.items()
            for message in messages
        ]
        page = render_template("staff_audit.html", filters=filters, result=None, errors=errors)
        return page, 422
    result = search_reads(
        get_session(),
        personal_id=(filters.personal_id.data or "").strip() or None,
        form_id=(filters.form_id.data or "").strip() or None,
        page=filters.page.data or 1,
    )
    codes = {v.form_id: v.code for v in latest_versions(get_session())}
    page = render_template(
        "staff_audit.html", filters=filters, result=result, errors=[], codes=codes
    )
    return page, 200
