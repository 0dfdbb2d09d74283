"""Render the cached PDFs of many submissions in parallel, one process per core.

Part of the command line, where packages meet (it reads submissions). WeasyPrint is pure
Python for most of its work, so threads would share one core; processes do not. Each
worker is started with ``spawn`` and builds its own app, engine and font configuration:
nothing (database connections, Pango state, threads) is inherited from the parent.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from formsvc.db import session_scope
from formsvc.render.applications import submission_pdf
from formsvc.render.cache import SubmissionPdf
from formsvc.render.pdf import PdfTooLarge
from formsvc.submissions import Submission

__all__ = ["missing", "render_missing"]

# What a worker needs of the parent's configuration to reach the same database.
_WORKER_CONFIG = ("DATABASE_URL", "SECRET_KEY", "FORM_DEFINITIONS_DIR")
# Small enough to spread work evenly, large enough that commits are not per PDF.
_CHUNK = 25

log = logging.getLogger(__name__)

_worker_app: Flask | None = None


def missing(session: Session, since: datetime | None = None) -> list[int]:
    """Ids of submissions (made at or after ``since``) that have no cached PDF yet."""
    query = (
        select(Submission.id)
        .outerjoin(SubmissionPdf, SubmissionPdf.submission_id == Submission.id)
        .where(SubmissionPdf.submission_id.is_(None))
        .order_by(Submission.id)
    )
    if since is not None:
        query = query.where(Submission.submitted_at >= since)
    return list(session.scalars(query))


def _start_worker(config: dict[str, Any]) -> None:
    from formsvc import create_app

    global _worker_app
    _worker_app = create_app(config)


def _render(ids: Sequence[int]) -> int:
    """Renders one chunk; a submission too large to print is logged and skipped."""
    assert _worker_app is not None
    rendered = 0
    with session_scope(_worker_app) as session:
        for submission in session.scalars(select(Submission).where(Submission.id.in_(ids))):
            try:
                submission_pdf(session, submission)
            except PdfTooLarge as error:
                log.warning("submission %s: %s", submission.tracking_code, error)
                continue
            rendered += 1
    return rendered


def render_missing(
    app: Flask, since: datetime | None = None, processes: int | None = None
) -> tuple[int, int]:
    """(PDFs rendered, processes used); every process commits its own chunks."""
    with session_scope(app) as session:
        ids = missing(session, since)
    if not ids:
        return 0, 0
    chunks = [ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK)]
    workers = max(1, min(processes or multiprocessing.cpu_count(), len(chunks)))
    config = {key: app.config[key] for key in _WORKER_CONFIG if key in app.config}
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start_worker, initargs=(config,)) as pool:
        return sum(pool.imap_unordered(_render, chunks)), workers
