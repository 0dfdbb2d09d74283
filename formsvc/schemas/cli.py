"""``formsvc forms …``: the catalogue from the command line."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from formsvc.db import session_scope
from formsvc.schemas.catalogue import import_directory

__all__ = ["forms"]

forms = AppGroup("forms", help="Form definitions: import and check.")


@forms.command("import")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False))
def import_command(directory: str | None) -> None:
    """Load DIRECTORY (default: form_definitions/) as versions; unchanged files are skipped."""
    source = Path(directory or current_app.config["FORM_DEFINITIONS_DIR"])
    with session_scope() as session:
        for result in import_directory(session, source):
            state = "new version" if result.created else "unchanged"
            click.echo(f"{result.form_id}: version {result.version} ({state})")
