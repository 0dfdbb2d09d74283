"""Vietnamese first, English on request (Flask-Babel).

Interface text is written in Vietnamese in the source and translated to English in
``formsvc/translations``; form content (labels from definitions) stays Vietnamese, as the
official forms are. The choice lives in the signed session cookie, so any worker serves it.
"""

from __future__ import annotations

from flask import Blueprint, Flask, abort, redirect, request, session
from flask_babel import Babel, get_locale
from werkzeug.wrappers import Response

from formsvc.schemas import FieldError
from formsvc.web.safety import safe_next

__all__ = ["LANGUAGES", "bp", "error_text", "init_app"]

LANGUAGES = ("vi", "en")

bp = Blueprint("i18n", __name__)
babel = Babel()


def _locale() -> str:
    chosen = session.get("lang")
    return chosen if chosen in LANGUAGES else LANGUAGES[0]


def error_text(error: FieldError) -> str:
    """A field error in the page's language."""
    locale = get_locale()
    return error.message_en if locale is not None and locale.language == "en" else error.message


@bp.get("/lang/<code>")
def choose(code: str) -> Response:
    if code not in LANGUAGES:
        abort(404)
    session["lang"] = code
    return redirect(safe_next(request.args.get("next")), code=303)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=_locale, default_domain="messages")
    app.jinja_env.globals["error_text"] = error_text
    app.jinja_env.globals["current_language"] = _locale
    app.register_blueprint(bp)
