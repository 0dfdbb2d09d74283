"""Mock national e-ID sign-in (đăng nhập bằng định danh điện tử) and the session it opens."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import Blueprint, abort, g, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired

from formsvc.accounts import CITIZEN, STAFF_ROLES, Account, authenticate
from formsvc.db import get_session

__all__ = ["bp", "citizen_required", "current_account", "staff_required"]

bp = Blueprint("auth", __name__)

View = TypeVar("View", bound=Callable[..., Any])


class SignInForm(FlaskForm):
    username = StringField(
        "Số định danh cá nhân",
        description="Cán bộ, công chức nhập tên đăng nhập được cấp.",
        validators=[InputRequired("Vui lòng nhập số định danh cá nhân")],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Mật khẩu",
        validators=[InputRequired("Vui lòng nhập mật khẩu")],
        render_kw={"autocomplete": "current-password"},
    )


def current_account() -> Account | None:
    if "account" not in g:
        account_id = session.get("account_id")
        g.account = get_session().get(Account, account_id) if account_id else None
    return cast(Account | None, g.account)


def _requires(roles: set[str]) -> Callable[[View], View]:
    """Signed in with one of ``roles``: strangers go to sign-in, other roles get 403."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            account = current_account()
            if account is None:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            if account.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(View, wrapped)

    return decorator


citizen_required = _requires({CITIZEN})


def staff_required(*roles: str) -> Callable[[View], View]:
    """Only staff with one of ``roles`` (default: any staff role); citizens get 403."""
    return _requires(set(roles or STAFF_ROLES))


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the sign-in page cannot be used as an open redirect."""
    if not target:
        return url_for("citizen.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("citizen.index")
    return target


@bp.route("/signin", methods=["GET", "POST"])
def sign_in() -> Response | tuple[str, int] | str:
    form = SignInForm()
    if form.validate_on_submit():
        account = authenticate(get_session(), form.username.data or "", form.password.data or "")
        if account is not None:
            # A fresh session on sign-in: nothing from before survives (session fixation).
            session.clear()
            session["account_id"] = account.id
            return redirect(_safe_next(request.args.get("next")), code=303)
        form.password.errors = ["Số định danh cá nhân hoặc mật khẩu không đúng"]
        return render_template("signin.html", form=form), 401
    status = 422 if form.errors else 200
    return render_template("signin.html", form=form), status


@bp.post("/signout")
def sign_out() -> Response:
    session.clear()
    return redirect(url_for("citizen.index"), code=303)
