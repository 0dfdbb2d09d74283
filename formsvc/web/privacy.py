"""Citizen privacy pages: consent before prefill, and who has read my data.

Consent is asked per form, before the first read, with the categories of data, the purpose
and the legal basis in front of the citizen; the box starts unticked and declining is as easy
as agreeing (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).
"""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import BooleanField, SubmitField

from formsvc.db import get_session
from formsvc.prefill import PATHS
from formsvc.prefill.audit import reads_of
from formsvc.prefill.consent import record_consent
from formsvc.prefill.mapping import mapped_paths
from formsvc.prefill.paths import CATEGORIES, CATEGORIES_EN
from formsvc.schemas import FieldError, FormDocument, compiled, latest_version
from formsvc.web.auth import citizen_required, current_account
from formsvc.web.i18n import error_text, page_language

__all__ = ["bp"]

bp = Blueprint("privacy", __name__)

_TICK_THE_BOX = FieldError(
    ("agree",),
    "required",
    "Vui lòng đánh dấu vào ô đồng ý, hoặc chọn “Không đồng ý, tôi tự khai”",
    "Please tick the box to agree, or choose not to share your data and fill the form yourself",
)


class ConsentForm(FlaskForm):
    agree = BooleanField(
        _l(
            "Tôi đồng ý để hệ thống lấy các thông tin trên từ Cơ sở dữ liệu quốc gia về dân cư "
            "cho mục đích nêu trên"
        )
    )
    accept = SubmitField(_l("Đồng ý và tiếp tục"))
    decline = SubmitField(_l("Không đồng ý, tôi tự khai"))


def _categories(document: FormDocument, language: str) -> list[tuple[str, list[str]]]:
    """The data the form would read, grouped the way the consent page names it."""
    mapped = set(mapped_paths(document))
    grouped: dict[str, list[str]] = defaultdict(list)
    for path in PATHS.values():
        if path.path in mapped:
            grouped[path.category].append(path.label_in(language))
    names = CATEGORIES_EN if language == "en" else CATEGORIES
    return [(names[key], grouped[key]) for key in CATEGORIES if key in grouped]


@bp.route("/forms/<form_id>/consent", methods=["GET", "POST"])
@citizen_required
def consent(form_id: str) -> Response | tuple[str, int]:
    version = latest_version(get_session(), form_id)
    if version is None:
        abort(404)
    document = compiled(version).document
    categories = _categories(document, page_language())
    if not categories:
        return redirect(url_for("citizen.fill", form_id=form_id), code=303)
    form = ConsentForm()
    status = 200
    if form.validate_on_submit():
        if form.decline.data or form.agree.data:
            account = current_account()
            assert account is not None
            record_consent(get_session(), account.id, document, agreed=not form.decline.data)
            get_session().commit()
            return redirect(url_for("citizen.fill", form_id=form_id), code=303)
        form.agree.errors = [error_text(_TICK_THE_BOX)]
        status = 422
    elif form.errors:
        status = 422
    errors = [_TICK_THE_BOX] if form.agree.errors else []
    page = render_template(
        "consent.html",
        document=document.in_language(page_language()),
        categories=categories,
        form=form,
        errors=errors,
    )
    return page, status


@bp.get("/my-data/reads")
@citizen_required
def my_reads() -> str:
    account = current_account()
    assert account is not None and account.citizen_id is not None
    reads = reads_of(get_session(), account.citizen_id)
    return render_template("my_reads.html", reads=reads, me=account.id)
