"""``formsvc forms …``: check and import the catalogue from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from formsvc.db import session_scope
from formsvc.schemas.catalogue import import_directory
from formsvc.schemas.check import check_file
from formsvc.schemas.lint import PrefillVocabulary

__all__ = ["forms"]

forms = AppGroup("forms", help="Form definitions: check and import.")


def _vocabulary() -> PrefillVocabulary:
    """The population database's prefill paths; the CLI is where the packages meet."""
    from formsvc.prefill import PATHS

    return PATHS


def _definition_files(paths: tuple[str, ...]) -> list[Path]:
    targets = [Path(p) for p in paths] or [Path(current_app.config["FORM_DEFINITIONS_DIR"])]
    files: list[Path] = []
    for target in targets:
        files += sorted(target.glob("*.json")) if target.is_dir() else [target]
    return files


@forms.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def check_command(paths: tuple[str, ...]) -> None:
    """Check definitions (files or directories; default form_definitions/) and lint them.

    Prints one "file: path.to.field: severity: message" line per problem; exits 1 when
    any error was found (warnings alone exit 0).
    """
    vocabulary = _vocabulary()
    files = _definition_files(paths)
    errors = warnings = 0
    for file in files:
        for finding in check_file(file, vocabulary):
            click.echo(finding.line(str(file)))
            errors += finding.is_error
            warnings += not finding.is_error
    click.echo(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)")
    if errors:
        sys.exit(1)


@forms.command("import")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False))
def import_command(directory: str | None) -> None:
    """Load DIRECTORY (default: form_definitions/) as versions; unchanged files are skipped.

    A file with errors is refused and reported; the others are still imported.
    """
    source = Path(directory or current_app.config["FORM_DEFINITIONS_DIR"])
    refused = 0
    with session_scope() as session:
        for result in import_directory(session, source, _vocabulary()):
            if result.problems:
                refused += 1
                click.echo(f"{result.form_id}: refused")
                for finding in result.problems:
                    click.echo(f"  {finding.line(result.source)}")
            else:
                state = "new version" if result.created else "unchanged"
                click.echo(f"{result.form_id}: version {result.version} ({state})")
    if refused:
        sys.exit(1)
