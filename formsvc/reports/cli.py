"""``formsvc report burden [--json|--markdown] [--citizen PERSONAL_ID]``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.prefill import Citizen
from formsvc.reports.burden import catalogue, citizen_burden, complete_record_burden
from formsvc.reports.formats import as_json, as_markdown, as_text

__all__ = ["report"]

report = AppGroup("report", help="Reports over the form catalogue.")


@report.command("burden")
@click.option("--json", "as_json_flag", is_flag=True, help="Machine-readable output.")
@click.option("--markdown", is_flag=True, help="The page docs/catalogue.md is made of.")
@click.option(
    "--citizen",
    "personal_id",
    metavar="PERSONAL_ID",
    help="Count what the database actually fills for this citizen, not a complete record.",
)
def burden_command(as_json_flag: bool, markdown: bool, personal_id: str | None) -> None:
    """Per form: fields a citizen can be asked, prefilled, left to type, share saved."""
    documents = catalogue(Path(current_app.config["FORM_DEFINITIONS_DIR"]))
    if personal_id is None:
        rows = complete_record_burden(documents)
    else:
        with session_scope() as session:
            citizen_id = session.scalar(
                select(Citizen.id).where(Citizen.personal_id == personal_id)
            )
            if citizen_id is None:
                raise click.BadParameter(
                    f"no citizen with personal ID {personal_id}", param_hint="--citizen"
                )
            rows = citizen_burden(session, documents, citizen_id)
    if as_json_flag:
        click.echo(as_json(rows))
    elif markdown:
        click.echo(as_markdown(rows))
    else:
        click.echo(as_text(rows))
