"""Optimistic locking of drafts below the web layer: stale revisions and racing writers."""

from __future__ import annotations

import uuid

import pytest
from flask import Flask
from sqlalchemy.orm.exc import StaleDataError

from formsvc.db import session_scope
from formsvc.schemas import FormDraft, StaleDraft, save_draft
from formsvc.schemas.editing import new_document


def _document(title: str) -> dict:
    return new_document("x", "X", title, "A", "B")


def test_each_save_bumps_the_revision_and_stale_ones_are_refused(app: Flask) -> None:
    form_id = f"lock-{uuid.uuid4().hex[:8]}"
    with session_scope(app) as session:
        assert save_draft(session, form_id, _document("1"), expected_revision=0).revision == 1
    with session_scope(app) as session:
        assert save_draft(session, form_id, _document("2"), expected_revision=1).revision == 2
    with pytest.raises(StaleDraft) as refused, session_scope(app) as session:
        save_draft(session, form_id, _document("stale"), expected_revision=1)
    assert (refused.value.expected, refused.value.current) == (1, 2)
    with pytest.raises(StaleDraft), session_scope(app) as session:
        save_draft(session, form_id, _document("new again"), expected_revision=0)
    with session_scope(app) as session:
        draft = session.query(FormDraft).filter_by(form_id=form_id).one()
        assert draft.document["title"] == "2" and draft.revision == 2


def test_a_write_racing_between_read_and_update_loses(app: Flask) -> None:
    """Both read revision 1; the second UPDATE finds no row at revision 1 and is refused."""
    form_id = f"lock-{uuid.uuid4().hex[:8]}"
    with session_scope(app) as session:
        save_draft(session, form_id, _document("1"))
    with pytest.raises(StaleDataError), session_scope(app) as slow:
        draft = slow.query(FormDraft).filter_by(form_id=form_id).one()
        with session_scope(app) as fast:
            save_draft(fast, form_id, _document("fast"), expected_revision=1)
        draft.document = _document("slow")
        slow.flush()
    with session_scope(app) as session:
        assert session.query(FormDraft).filter_by(form_id=form_id).one().document["title"] == "fast"
