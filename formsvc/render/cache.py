"""Rendered applications kept per submission, shared by every worker through the database.

A submission never changes, so neither does its PDF: it is rendered on first request and
served from here afterwards, never invalidated. The cache is a table rather than one
process's memory because web workers are stateless and may run on several machines.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from sqlalchemy import ForeignKey, LargeBinary, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from formsvc.db import Base
from formsvc.types import UTCDateTime, utcnow

__all__ = ["DatabasePdfCache", "PdfCache", "SubmissionPdf", "cached"]


class SubmissionPdf(Base):
    __tablename__ = "submission_pdfs"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), primary_key=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    rendered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PdfCache(Protocol):
    """Where rendered PDFs are kept, by submission id."""

    def get(self, submission_id: int) -> bytes | None: ...

    def put(self, submission_id: int, pdf: bytes) -> None: ...


class DatabasePdfCache:
    """The ``submission_pdfs`` table; the caller commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, submission_id: int) -> bytes | None:
        query = select(SubmissionPdf.pdf).where(SubmissionPdf.submission_id == submission_id)
        return self.session.scalar(query)

    def put(self, submission_id: int, pdf: bytes) -> None:
        """Two workers may render the same PDF at once; the first to store it wins."""
        try:
            with self.session.begin_nested():
                self.session.add(SubmissionPdf(submission_id=submission_id, pdf=pdf))
        except IntegrityError:
            pass


def cached(cache: PdfCache, submission_id: int, render: Callable[[], bytes]) -> bytes:
    found = cache.get(submission_id)
    if found is not None:
        return found
    pdf = render()
    cache.put(submission_id, pdf)
    return pdf
