"""Vietnamese first, English on request (Flask-Babel).

Interface text is written in Vietnamese in the source and translated to English in
``formsvc/translations``; form content comes from the definition, in English where it has an
``x-en`` translation (``FormDocument.in_language``) and in Vietnamese, marked as such, where
it has none. The choice lives in the signed session cookie, so any worker serves it.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, redirect, request, session
from flask_babel import Babel
from markupsafe import Markup
from werkzeug.wrappers import Response

from formsvc.schemas import FieldError, FormDocument
from formsvc.web.safety import safe_next

__all__ = ["LANGUAGES", "bp", "content", "error_text", "init_app", "page_language"]

LANGUAGES = ("vi", "en")

bp = Blueprint("i18n", __name__)
babel = Babel()


def page_language() -> str:
    chosen = session.get("lang")
    return chosen if chosen in LANGUAGES else LANGUAGES[0]


def error_text(error: FieldError | str) -> str:
    """A field error in the page's language, and only in it: a ``FieldError``, or the text a
    WTForms field holds (a ``Bilingual`` message keeps its English)."""
    english = page_language() == "en"
    if isinstance(error, FieldError):
        return error.message_en if english else error.message
    return str(getattr(error, "en", error)) if english else str(error)


def content(text: Any, document: FormDocument) -> Any:
    """A text of ``document`` on the page; ``lang="vi"`` on it where the page is in English
    and the definition gives no English, so screen readers read it as Vietnamese."""
    if not text:
        return ""
    language = document.lang_of(str(text))
    if language == page_language():
        return text
    return Markup('<span lang="{}">{}</span>').format(language, text)


@bp.get("/lang/<code>")
def choose(code: str) -> Response:
    if code not in LANGUAGES:
        abort(404)
    session["lang"] = code
    return redirect(safe_next(request.args.get("next")), code=303)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=page_language, default_domain="messages")
    app.jinja_env.globals["error_text"] = error_text
    app.jinja_env.globals["current_language"] = page_language
    app.jinja_env.filters["content"] = content
    app.register_blueprint(bp)
