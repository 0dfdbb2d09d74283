"""Importing definitions: one version per distinct content, never rewritten; broken files
refused while the others still import."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.prefill import PATHS
from formsvc.schemas import FormVersion, import_directory, latest_version, latest_versions


def _write(directory: Path, form_id: str, title: str) -> None:
    document = {"title": title, "type": "object", "properties": {"a": {"type": "string"}}}
    (directory / f"{form_id}.json").write_text(json.dumps(document, ensure_ascii=False))


def test_import_is_idempotent_and_versions_changes(app: Flask, tmp_path: Path) -> None:
    form_id = f"test-{uuid.uuid4().hex[:8]}"
    _write(tmp_path, form_id, "Bản một")
    with session_scope(app) as session:
        first = import_directory(session, tmp_path, PATHS)
        again = import_directory(session, tmp_path, PATHS)
    assert [(r.version, r.created) for r in first] == [(1, True)]
    assert [(r.version, r.created) for r in again] == [(1, False)]

    _write(tmp_path, form_id, "Bản hai")
    with session_scope(app) as session:
        changed = import_directory(session, tmp_path, PATHS)
        newest = latest_version(session, form_id)
        assert newest is not None and newest.title == "Bản hai"
        old = session.scalars(
            select(FormVersion).where(FormVersion.form_id == form_id, FormVersion.version == 1)
        ).one()
        assert old.title == "Bản một"
        assert [v.version for v in latest_versions(session) if v.form_id == form_id] == [2]
    assert [(r.version, r.created) for r in changed] == [(2, True)]


def test_broken_files_are_refused_and_others_still_import(app: Flask, tmp_path: Path) -> None:
    good = f"good-{uuid.uuid4().hex[:8]}"
    _write(tmp_path, good, "Tốt")
    (tmp_path / "broken.json").write_text('{"title": "x", ')
    remote = {"title": "x", "properties": {"a": {"$ref": "https://example.com/a.json"}}}
    (tmp_path / "remote.json").write_text(json.dumps(remote))
    with session_scope(app) as session:
        results = {r.form_id: r for r in import_directory(session, tmp_path, PATHS)}
        assert latest_version(session, "broken") is None
        assert latest_version(session, "remote") is None
    assert results[good].created
    assert "invalid JSON at line 1" in results["broken"].problems[0].message
    assert "https://example.com/a.json" in results["remote"].problems[0].message


def test_stored_documents_keep_property_order(app: Flask) -> None:
    """JSONB would sort keys; the form's question order must survive the database."""
    source = json.loads((Path(app.config["FORM_DEFINITIONS_DIR"]) / "ct01.json").read_text())
    with session_scope(app) as session:
        stored = latest_version(session, "ct01")
        assert stored is not None
        assert list(stored.document["properties"]) == list(source["properties"])
