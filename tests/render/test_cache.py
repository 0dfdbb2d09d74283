"""The PDF cache: shared through the database, written once, safe when workers race."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from formsvc.accounts import Account
from formsvc.db import session_scope
from formsvc.render.cache import DatabasePdfCache, cached
from formsvc.schemas import latest_version
from formsvc.submissions import create_submission

HEAD_ID = "092080123451"


def _submission_id(app: Flask) -> int:
    with session_scope(app) as session:
        version = latest_version(session, "ct01")
        account = session.scalars(select(Account).where(Account.username == HEAD_ID)).one()
        assert version is not None
        return create_submission(session, version, account.id, {"full_name": "An"}, {}).id


def test_a_render_is_stored_and_reused(app: Flask) -> None:
    submission_id = _submission_id(app)
    renders: list[bytes] = []

    def render() -> bytes:
        renders.append(b"%PDF-1")
        return b"%PDF-1"

    for _ in range(2):
        with session_scope(app) as session:
            assert cached(DatabasePdfCache(session), submission_id, render) == b"%PDF-1"
    assert len(renders) == 1


def test_when_two_workers_race_the_first_stored_pdf_wins(app: Flask) -> None:
    submission_id = _submission_id(app)
    with session_scope(app) as late:
        assert DatabasePdfCache(late).get(submission_id) is None  # both missed the cache
        with session_scope(app) as early:
            DatabasePdfCache(early).put(submission_id, b"first")
        DatabasePdfCache(late).put(submission_id, b"second")  # no error: already there
        assert DatabasePdfCache(late).get(submission_id) == b"first"
