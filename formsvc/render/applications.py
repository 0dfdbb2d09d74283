"""A submission's filled application: rendered once, then served from the cache.

The render package does not import ``formsvc.submissions`` (data flows one way); it takes
anything shaped like a submission.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from formsvc.prefill import Origins
from formsvc.render.cache import DatabasePdfCache, cached
from formsvc.render.pdf import PdfContext, render_pdf
from formsvc.schemas import FormVersion, compiled

__all__ = ["SubmissionLike", "render_submission", "submission_pdf"]


class SubmissionLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def tracking_code(self) -> str: ...
    @property
    def data(self) -> Mapping[str, Any]: ...
    @property
    def submitted_at(self) -> datetime: ...
    @property
    def form_version(self) -> FormVersion: ...
    @property
    def origins(self) -> Origins: ...


def render_submission(submission: SubmissionLike) -> bytes:
    document = compiled(submission.form_version).document
    context = PdfContext(submission.tracking_code, submission.submitted_at)
    return render_pdf(document, submission.data, submission.origins, context)


def submission_pdf(session: Session, submission: SubmissionLike) -> bytes:
    """The cached PDF, or a fresh one stored for the next request; the caller commits."""
    return cached(DatabasePdfCache(session), submission.id, lambda: render_submission(submission))
