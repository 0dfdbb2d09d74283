"""Mock national e-ID sign-in (đăng nhập bằng định danh điện tử) and the session it opens."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired

from formsvc.accounts import CITIZEN, STAFF_ROLES, Account, authenticate
from formsvc.db import get_session
from formsvc.web import ratelimit
from formsvc.web.navigation import landing
from formsvc.web.safety import safe_next

__all__ = ["bp", "citizen_required", "current_account", "staff_required"]

bp = Blueprint("auth", __name__)

View = TypeVar("View", bound=Callable[..., Any])


class SignInForm(FlaskForm):
    username = StringField(
        _l("Số định danh cá nhân hoặc tên đăng nhập"),
        validators=[InputRequired(_l("Vui lòng nhập số định danh cá nhân"))],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Mật khẩu"),
        validators=[InputRequired(_l("Vui lòng nhập mật khẩu"))],
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


def _throttled(username: str) -> bool:
    """Too many recent failures for this account or from this address."""
    config = current_app.config
    failures = ratelimit.counter()
    return (
        failures.count(f"user:{username}") >= config["SIGNIN_MAX_FAILURES"]
        or failures.count(f"addr:{request.remote_addr}")
        >= config["SIGNIN_MAX_FAILURES_PER_ADDRESS"]
    )


@bp.route("/signin", methods=["GET", "POST"])
def sign_in() -> Response | tuple[str, int, dict[str, str]] | tuple[str, int] | str:
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("signin.html", form=form), 422 if form.errors else 200
    username = (form.username.data or "").strip()
    if _throttled(username):
        form.password.errors = [_l("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.")]
        window = str(current_app.config["SIGNIN_WINDOW_SECONDS"])
        return render_template("signin.html", form=form), 429, {"Retry-After": window}
    account = authenticate(get_session(), username, form.password.data or "")
    if account is None:
        ratelimit.counter().hit(f"user:{username}")
        ratelimit.counter().hit(f"addr:{request.remote_addr}")
        form.password.errors = [_l("Số định danh cá nhân hoặc mật khẩu không đúng")]
        return render_template("signin.html", form=form), 401
    ratelimit.counter().reset(f"user:{username}")
    # A fresh session on sign-in: nothing from before survives (session fixation).
    language = session.get("lang")
    session.clear()
    session["account_id"] = account.id
    if language:
        session["lang"] = language
    return redirect(safe_next(request.args.get("next"), landing(account)), code=303)


@bp.post("/signout")
def sign_out() -> Response:
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    return redirect(url_for("citizen.index"), code=303)
