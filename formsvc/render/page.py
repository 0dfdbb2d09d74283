"""A form version as the citizen's web page, outside a request: for ``formsvc forms render
--format html`` and previews. Uses the same form class, templates and validation as the
live page, so what it shows is what citizens get.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, render_template, session

from formsvc.render.builder import apply_errors, defaults, form_class
from formsvc.schemas import CompiledForm, FieldError
from formsvc.schemas.translation import SOURCE_LANGUAGE

__all__ = ["form_page"]


def form_page(
    form: CompiledForm, data: Mapping[str, Any] | None = None, language: str = SOURCE_LANGUAGE
) -> tuple[str, list[FieldError]]:
    """(HTML, errors): the page filled with ``data`` (or the defaults), errors shown by field,
    as a citizen reading ``language`` sees it."""
    with current_app.test_request_context():
        session["lang"] = language  # what the pages' language choice reads
        cls = form_class(form, language)
        errors: list[FieldError] = []
        if data is None:
            wtform = cls(data=defaults(form.document.root))
        else:
            wtform = cls(data={**defaults(form.document.root), **data})
            errors = apply_errors(wtform, form.validate(data))
        html = render_template(
            "form.html",
            document=form.document.in_language(language),
            form=wtform,
            prefilled={},
            errors=errors,
            notice=None,
        )
    return html, errors
