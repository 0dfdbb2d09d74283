"""Importing definitions: one version per distinct content, never rewritten."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.schemas import FormVersion, import_directory, latest_version, latest_versions


def _write(directory: Path, form_id: str, title: str) -> None:
    document = {"title": title, "type": "object", "properties": {"a": {"type": "string"}}}
    (directory / f"{form_id}.json").write_text(json.dumps(document, ensure_ascii=False))


def test_import_is_idempotent_and_versions_changes(app: Flask, tmp_path: Path) -> None:
    _write(tmp_path, "test-form", "Bản một")
    with session_scope(app) as session:
        first = import_directory(session, tmp_path)
        again = import_directory(session, tmp_path)
    assert [(r.version, r.created) for r in first] == [(1, True)]
    assert [(r.version, r.created) for r in again] == [(1, False)]

    _write(tmp_path, "test-form", "Bản hai")
    with session_scope(app) as session:
        changed = import_directory(session, tmp_path)
        newest = latest_version(session, "test-form")
        assert newest is not None and newest.title == "Bản hai"
        old = session.scalars(
            select(FormVersion).where(FormVersion.form_id == "test-form", FormVersion.version == 1)
        ).one()
        assert old.title == "Bản một"
        assert "test-form" in [v.form_id for v in latest_versions(session)]
        assert [v.version for v in latest_versions(session) if v.form_id == "test-form"] == [2]
        for version in session.scalars(
            select(FormVersion).where(FormVersion.form_id == "test-form")
        ):
            session.delete(version)
    assert [(r.version, r.created) for r in changed] == [(2, True)]


def test_stored_documents_keep_property_order(app: Flask) -> None:
    """JSONB would sort keys; the form's question order must survive the database."""
    source = json.loads((Path(app.config["FORM_DEFINITIONS_DIR"]) / "ct01.json").read_text())
    with session_scope(app) as session:
        stored = latest_version(session, "ct01")
        assert stored is not None
        assert list(stored.document["properties"]) == list(source["properties"])
