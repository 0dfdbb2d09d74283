"""``formsvc submissions export``: the change feed as NDJSON on standard output.

The cursor to resume after the last line goes to standard error, so a sync job can pipe the
records and keep the cursor.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from formsvc.db import session_scope
from formsvc.submissions.export import (
    BadCursor,
    as_record,
    changed_since,
    decode_cursor,
    encode_cursor,
)

__all__ = ["submissions"]

submissions = AppGroup("submissions", help="Submissions (hồ sơ).")
_BATCH = 500


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise click.BadParameter("use ISO 8601, e.g. 2026-11-01T00:00:00Z") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@submissions.command("export")
@click.option("--since", help="Only submissions changed at or after this ISO 8601 time.")
@click.option("--format", "fmt", type=click.Choice(["ndjson"]), default="ndjson")
@click.option("--cursor", help="Resume after this cursor (printed by the previous run).")
def export(since: str | None, fmt: str, cursor: str | None) -> None:
    """Every submission changed since the cursor, oldest change first, one per line."""
    try:
        after = decode_cursor(cursor) if cursor else 0
    except BadCursor as error:
        raise click.BadParameter(
            "not a cursor this server printed", param_hint="--cursor"
        ) from error
    moment = _moment(since)
    while True:
        with session_scope() as session:
            rows = changed_since(session, moment, after, _BATCH)
            for row in rows:
                after = row.change_seq or after
                record = {**as_record(row), "cursor": encode_cursor(after)}
                click.echo(json.dumps(record, ensure_ascii=False))
        if len(rows) < _BATCH:
            break
    click.echo(f"cursor: {encode_cursor(after)}", err=True)
