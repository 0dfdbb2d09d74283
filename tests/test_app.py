"""Application factory, configuration, health check and migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask

import formsvc.models  # noqa: F401  (the full metadata)
from formsvc import create_app
from formsvc.config import from_environment
from formsvc.db import Base, get_engine
from formsvc.migrations import upgrade


def test_environment_variables_configure_the_app() -> None:
    parsed = from_environment(
        {"FORMSVC_DATABASE_URL": "sqlite://", "FORMSVC_SESSION_COOKIE_SECURE": "true",
         "FORMSVC_MAX_CONTENT_LENGTH": "2048", "OTHER": "ignored"}
    )  # fmt: skip
    assert parsed == {
        "DATABASE_URL": "sqlite://",
        "SESSION_COOKIE_SECURE": True,
        "MAX_CONTENT_LENGTH": 2048,
    }


def test_demo_defaults_keep_a_generated_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FORMSVC_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("FORMSVC_SECRET_KEY", raising=False)
    monkeypatch.delenv("FORMSVC_DATABASE_URL", raising=False)
    first = create_app()
    second = create_app()
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'formsvc.sqlite3'}"
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_healthz_reports_the_database(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_is_503_without_a_database(tmp_path: Path) -> None:
    app = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/db.sqlite3", "SECRET_KEY": "x"}
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unreachable"}


def test_security_headers(client) -> None:  # type: ignore[no-untyped-def]
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_migrations_match_the_models_and_rerun_cleanly(app: Flask) -> None:
    upgrade(app.config["DATABASE_URL"])  # already at head: a no-op, not an error
    with get_engine(app).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
