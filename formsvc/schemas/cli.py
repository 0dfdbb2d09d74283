"""``formsvc forms …``: check and import the catalogue from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.schemas.actions import record_action
from formsvc.schemas.catalogue import import_directory
from formsvc.schemas.check import DefinitionError, check_file, load_definition
from formsvc.schemas.lint import PrefillVocabulary
from formsvc.schemas.models import FormDraft, FormVersion
from formsvc.schemas.versions import PublishRefused, latest_version, publish, publish_draft

__all__ = ["forms"]

forms = AppGroup("forms", help="Form definitions: check, import and publish.")


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


@forms.command("publish")
@click.argument("target")
@click.option("--note", required=True, help="The change note staff and localities read.")
@click.option("--legal-basis", default=None, help="The decision that announced this version.")
def publish_command(target: str, note: str, legal_basis: str | None) -> None:
    """Publish TARGET as a new version: a definition file, or the id of a form's draft.

    Does what the designer's "Công bố" button does: checks, stores an immutable version
    with the note and legal basis, and logs the action. Exits 1 when refused.
    """
    vocabulary = _vocabulary()
    path = Path(target)
    with session_scope() as session:
        before: FormVersion | None
        try:
            if path.is_file():
                form_id, document = load_definition(path)
                before = latest_version(session, form_id)
                version, _ = publish(
                    session, form_id, document, vocabulary,
                    change_note=note, legal_basis=legal_basis,
                )  # fmt: skip
            else:
                form_id = target
                draft = select(FormDraft.id).where(FormDraft.form_id == form_id)
                if session.scalars(draft).first() is None:
                    raise click.ClickException(f"{form_id}: no such file and no draft to publish")
                before = latest_version(session, form_id)
                version = publish_draft(
                    session, form_id, vocabulary, change_note=note, legal_basis=legal_basis
                )
        except DefinitionError as error:
            raise click.ClickException(f"{target}: {error}") from error
        except PublishRefused as refused:
            for finding in refused.findings:
                click.echo(finding.line(target), err=True)
            raise click.ClickException(f"{refused.form_id}: not published") from refused
        unchanged = before is not None and before.id == version.id
        record_action(
            session,
            None,
            "publish-unchanged" if unchanged else "publish",
            form_id,
            version=version.version,
            detail=f"CLI: {note}",
        )
    state = "unchanged, no new version" if unchanged else "published"
    click.echo(f"{form_id}: version {version.version} ({state})")
