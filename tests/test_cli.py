"""The ``formsvc`` command line, through Flask's CLI runner."""

from __future__ import annotations

from flask import Flask

from formsvc.accounts import DEMO_PASSWORD


def test_demo_prepares_everything_and_prints_sign_ins(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "Catalogue: ct01" in result.output
    assert f"092080123451  {DEMO_PASSWORD}  Nguyễn Văn An" in result.output


def test_db_upgrade_and_forms_import_are_idempotent(app: Flask) -> None:
    runner = app.test_cli_runner()
    upgraded = runner.invoke(args=["db", "upgrade"])
    assert upgraded.exit_code == 0 and "latest migration" in upgraded.output
    imported = runner.invoke(args=["forms", "import"])
    assert imported.exit_code == 0
    assert "ct01: version 1 (unchanged)" in imported.output
