"""Flask blueprints: citizen, privacy and staff pages, sign-in and health. Thin: no business
rules live here."""

from __future__ import annotations

from flask import Flask, Response, g, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException

from formsvc.accounts import Account
from formsvc.render.hints import condition_hint, condition_values
from formsvc.render.values import local
from formsvc.web import (
    api,
    auth,
    citizen,
    designer,
    designer_feed,
    designer_preview,
    documents,
    health,
    i18n,
    navigation,
    officer,
    privacy,
    ratelimit,
    staff,
)
from formsvc.web.auth import current_account

__all__ = ["init_app"]

csrf = CSRFProtect()

# No inline script or style anywhere, so the policy can forbid both.
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _secure(response: Response) -> Response:
    for name, value in _SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _for_api() -> bool:
    """API callers get problem details (JSON), never an HTML error page."""
    return request.path.startswith("/api/")


def _http_error(error: HTTPException) -> tuple[str, int] | Response:
    if _for_api():
        return api.from_http_error(error)
    return render_template("error.html", error=error), error.code or 500


def _csrf_error(error: CSRFError) -> tuple[str, int] | Response:
    if _for_api():
        return api.from_http_error(error)
    return render_template("error.html", error=error, csrf=True), 400


def _database_unavailable(_error: OperationalError) -> tuple[str, int] | Response:
    """503, with the failed transaction rolled back so nothing half-written remains."""
    session = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()
    g.pop("account", None)
    if _for_api():
        return api.problem_response(api.Problem(503, "Service Unavailable"))
    return render_template("error.html", unavailable=True), 503


def _signed_in_account() -> Account | None:
    """For page chrome: an error page must render even when the database is down."""
    try:
        return current_account()
    except SQLAlchemyError:
        return None


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["current_account"] = _signed_in_account
    app.jinja_env.filters["local"] = local
    app.jinja_env.globals["condition_hint"] = condition_hint
    app.jinja_env.globals["condition_values"] = condition_values
    i18n.init_app(app)
    navigation.init_app(app)
    ratelimit.init_app(app)
    csrf.init_app(app)
    api.init_csrf(csrf)
    app.after_request(_secure)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_blueprint(health.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(citizen.bp)
    app.register_blueprint(privacy.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(designer.bp)
    app.register_blueprint(designer_preview.bp)
    app.register_blueprint(designer_feed.bp)
    app.register_blueprint(officer.bp)
    app.register_blueprint(api.bp)
