"""Drafts, publication and the immutability of published versions."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from flask import Flask

from formsvc.db import session_scope
from formsvc.prefill import PATHS
from formsvc.schemas import (
    FormDraft,
    PublishRefused,
    content_hash,
    latest_version,
    publish,
    publish_draft,
    save_draft,
)


def _document(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": title,
        "x-form": {"code": "T", "legal_basis": "Nghị định thử", "agency": "UBND", **extra},
        "type": "object",
        "properties": {"a": {"type": "string", "title": "A"}},
    }


def test_publish_numbers_versions_and_skips_unchanged_content(app: Flask) -> None:
    form_id = f"v-{uuid.uuid4().hex[:8]}"
    with session_scope(app) as session:
        first, created = publish(session, form_id, _document("Một"), PATHS, change_note="đầu tiên")
        assert created and first.version == 1
        assert first.legal_basis == "Nghị định thử" and first.change_note == "đầu tiên"
        assert first.content_hash == content_hash(_document("Một"))
        same, created_again = publish(session, form_id, _document("Một"), PATHS)
        assert same.id == first.id and not created_again
        second, _ = publish(session, form_id, _document("Hai"), PATHS)
        assert second.version == 2 and second.published_at >= first.published_at


def test_broken_documents_are_never_published(app: Flask) -> None:
    form_id = f"v-{uuid.uuid4().hex[:8]}"
    broken = _document("Hỏng")
    broken["properties"]["a"]["x-prefill"] = "citizen.nope"
    with session_scope(app) as session, pytest.raises(PublishRefused) as refused:
        publish(session, form_id, broken, PATHS)
    assert "unknown prefill path 'citizen.nope'" in refused.value.findings[0].message
    with session_scope(app) as session:
        assert latest_version(session, form_id) is None


def test_published_versions_cannot_be_changed_or_deleted(app: Flask) -> None:
    form_id = f"v-{uuid.uuid4().hex[:8]}"
    with session_scope(app) as session:
        publish(session, form_id, _document("Một"), PATHS)
    with pytest.raises(PermissionError), session_scope(app) as session:
        version = latest_version(session, form_id)
        assert version is not None
        version.title = "Sửa lén"
    with pytest.raises(PermissionError), session_scope(app) as session:
        session.delete(latest_version(session, form_id))
    with session_scope(app) as session:
        version = latest_version(session, form_id)
        assert version is not None and version.title == "Một"


def test_drafts_are_saved_then_published_and_retired(app: Flask) -> None:
    form_id = f"v-{uuid.uuid4().hex[:8]}"
    with session_scope(app) as session:
        draft = save_draft(session, form_id, {"title": "nháp, chưa xong"})
        assert draft.based_on_version is None
        save_draft(session, form_id, _document("Bản nháp"))
        with pytest.raises(PublishRefused):
            publish(session, form_id, {"title": 3}, PATHS)
        version = publish_draft(session, form_id, PATHS, change_note="xuất bản")
        assert version.version == 1 and version.title == "Bản nháp"
        assert session.get(FormDraft, draft.id) is None
        next_draft = save_draft(session, form_id, _document("Bản 2"))
        assert next_draft.based_on_version == 1
