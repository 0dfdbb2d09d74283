"""``formsvc forms render`` and ``formsvc pdf render``: applications from the command line.

``forms render`` prints one form — from the catalogue or a definition file — as a PDF
(filled from a JSON file and/or a citizen's population record, blank, or fillable) or as the
citizen's web page (HTML). Each output format is
one entry of ``_RENDERERS``; ``pdf render`` fills the PDF cache of many submissions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select
from sqlalchemy.orm import Session

from formsvc.db import session_scope
from formsvc.prefill import PATHS, Citizen, Origins, resolve
from formsvc.render.batch import render_missing
from formsvc.render.builder import nest
from formsvc.render.layout import lookup
from formsvc.render.page import form_page
from formsvc.render.pdf import PdfKind, PdfTooLarge, render_pdf
from formsvc.render.values import LOCAL_TIME
from formsvc.schemas import (
    CompiledForm,
    DefinitionError,
    FormDocument,
    check_document,
    check_structure,
    compiled,
    latest_version,
    load_definition,
)

__all__ = ["forms_render", "pdf_group"]

pdf_group = AppGroup("pdf", help="PDF applications: fill the cache of submissions' PDFs.")

_CLI_PURPOSE = "In biểu mẫu {form} từ dòng lệnh"


@dataclass(frozen=True)
class Answers:
    # An object for almost every form; one value or a list where the root is not an object.
    data: Any = field(default_factory=dict)
    origins: Origins = field(default_factory=Origins)


def _render_pdf(document: FormDocument, answers: Answers, kind: PdfKind) -> bytes:
    return render_pdf(document, answers.data, answers.origins, kind=kind)


_SHARED = ("$schema", "$id", "$defs", "definitions")


def _as_page(document: FormDocument, data: Any) -> tuple[CompiledForm, Any]:
    """A schema whose root is one value or a list is asked as one question, ``value``."""
    schema = document.document
    if document.root.kind == "object":
        return CompiledForm(document.form_id, document.version, schema), data
    question = {key: value for key, value in schema.items() if key not in _SHARED}
    wrapped = {
        **{key: schema[key] for key in (*_SHARED, "title") if key in schema},
        "type": "object",
        "properties": {"value": question},
    }
    form = CompiledForm(document.form_id, document.version, wrapped)
    return form, None if data is None else {"value": data}


def _render_html(document: FormDocument, answers: Answers, kind: PdfKind) -> bytes:
    """The citizen's web page for the form: answers in the controls, errors beside them."""
    data = None if kind is PdfKind.BLANK or answers.data in ({}, None) else answers.data
    form, data = _as_page(document, data)
    html, errors = form_page(form, data)
    for error in errors:
        click.echo(f"{error.key or '(root)'}: {error.message}", err=True)
    return html.encode("utf-8")


# Output formats: adding one is adding its function here.
_RENDERERS: dict[str, Callable[[FormDocument, Answers, PdfKind], bytes]] = {
    "pdf": _render_pdf,
    "html": _render_html,
}


def _definition_file(path: Path) -> FormDocument:
    try:
        form_id, document = load_definition(path)
    except DefinitionError as error:
        raise click.ClickException(f"{path}: {error}") from error
    broken = check_structure(form_id, document)
    if broken:
        raise click.ClickException("\n".join(finding.line(str(path)) for finding in broken))
    # Outside definitions (such as the rjsf samples) still render; what the linter finds is
    # reported, as `formsvc forms check` would, without stopping the rendering.
    for finding in check_document(form_id, document, PATHS):
        click.echo(finding.line(str(path)), err=True)
    return FormDocument(form_id, document)


def _document(session: Session, form: str) -> FormDocument:
    """A path to a definition file, or the id of a published form."""
    if Path(form).is_file():
        return _definition_file(Path(form))
    version = latest_version(session, form)
    if version is None:
        raise click.ClickException(f"no form {form!r} in the catalogue and no such file")
    return compiled(version).document


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _prefilled(session: Session, document: FormDocument, personal_id: str) -> Answers:
    citizen_id = session.scalar(select(Citizen.id).where(Citizen.personal_id == personal_id))
    if citizen_id is None:
        raise click.ClickException(f"no citizen with personal ID number {personal_id}")
    purpose = _CLI_PURPOSE.format(form=document.code)
    values = resolve(session, document, citizen_id, None, purpose)
    data = nest({path: found.value for path, found in values.items()})
    return Answers(data, Origins.fresh(values))


def _answers(
    session: Session, document: FormDocument, data_file: Path | None, personal_id: str | None
) -> Answers:
    """Prefilled values, overridden by the data file; only unchanged ones keep their mark."""
    prefilled = _prefilled(session, document, personal_id) if personal_id else Answers()
    if data_file is None:
        return prefilled
    typed = json.loads(data_file.read_text(encoding="utf-8"))
    if not isinstance(typed, dict):
        if personal_id:
            raise click.ClickException(f"{data_file}: only a JSON object combines with --citizen")
        return Answers(typed)  # the answer of a form whose root is one value or a list
    data = _merge(prefilled.data, typed)

    def unchanged(paths: frozenset[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
        return frozenset(
            path for path in paths if lookup(data, path) == lookup(prefilled.data, path)
        )

    origins = prefilled.origins
    return Answers(data, Origins(unchanged(origins.verified), unchanged(origins.prefilled)))


@click.command("render")
@with_appcontext
@click.argument("form", metavar="FORM_ID_OR_PATH")
@click.option("--format", "output_format", type=click.Choice(sorted(_RENDERERS)), default="pdf",
              show_default=True)  # fmt: skip
@click.option("--data", "data_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A JSON file of answers.")  # fmt: skip
@click.option("--citizen", "personal_id", help="Fill from this personal ID number's record.")
@click.option("--blank", is_flag=True, help="A blank form to print and write on.")
@click.option("--fillable", is_flag=True, help="A PDF form with fields to type into.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def forms_render(
    form: str,
    output_format: str,
    data_file: Path | None,
    personal_id: str | None,
    blank: bool,
    fillable: bool,
    output: Path,
) -> None:
    """Render FORM_ID_OR_PATH (a catalogue form id or a definition file) to -o FILE."""
    if blank and fillable:
        raise click.UsageError("--blank and --fillable exclude each other")
    if blank and (data_file or personal_id):
        raise click.UsageError("a blank form takes no --data or --citizen")
    renderer = _RENDERERS[output_format]
    kind = PdfKind.BLANK if blank else PdfKind.FILLABLE if fillable else PdfKind.FILLED
    with session_scope() as session:  # commits the audit row of a --citizen read
        document = _document(session, form)
        answers = _answers(session, document, data_file, personal_id)
    try:
        rendered = renderer(document, answers, kind)
    except PdfTooLarge as error:
        raise click.ClickException(str(error)) from error
    output.write_bytes(rendered)
    click.echo(f"{output}: {kind} {output_format} of {document.form_id}")


@pdf_group.command("render")
@click.option("--all", "everything", is_flag=True, help="Every submission without a PDF.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Submissions made on or after this day (Vietnam time).")  # fmt: skip
@click.option("--jobs", type=click.IntRange(min=1), help="Processes; default: one per core.")
def pdf_render(everything: bool, since: datetime | None, jobs: int | None) -> None:
    """Render and cache the PDFs that submissions do not have yet, in parallel."""
    if everything == (since is not None):
        raise click.UsageError("give either --all or --since YYYY-MM-DD")
    start = since.replace(tzinfo=LOCAL_TIME) if since else None
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    rendered, processes = render_missing(app, start, jobs)
    click.echo(f"{rendered} PDF(s) rendered by {processes} process(es)")
