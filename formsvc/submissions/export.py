"""Submissions as plain records, and the change feed other systems synchronise from.

Every change to a submission (creation or a status move) appends a history row and copies
that row's id into ``Submission.change_seq``. The feed is ordered by that number and a
cursor is the last number a client has seen, so resuming after it yields each new or changed
submission exactly once: a record that changes again later comes back once more, as its new
state. Numbers reach the table in commit order (see ``sequence``), so none appears behind a
cursor that has already passed it. Cursors are opaque to clients (base64 of the number), so
the scheme can change.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from formsvc.submissions.models import Submission

__all__ = [
    "BadCursor",
    "as_record",
    "changed_since",
    "decode_cursor",
    "encode_cursor",
    "iso",
    "listed",
]


class BadCursor(ValueError):
    """A cursor this server did not hand out."""


def encode_cursor(value: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{value}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _sep, number = text.partition(":")
        if prefix != "v1" or not number.isdigit() or len(number) > 18:
            raise BadCursor(cursor)
        return int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise BadCursor(cursor) from error


def iso(moment: datetime) -> str:
    """RFC 3339 in UTC; SQLite hands back naive datetimes, which are UTC here."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def as_record(submission: Submission) -> dict[str, Any]:
    """What the API returns and the export writes for one submission."""
    version = submission.form_version
    return {
        "tracking_code": submission.tracking_code,
        "form_id": submission.form_id,
        "form_code": version.code,
        "form_version": version.version,
        "status": submission.status,
        "submitted_at": iso(submission.submitted_at),
        "updated_at": iso(submission.updated_at),
        "data": submission.data,
        "prefill": submission.prefill,
        "history": [
            {"status": c.status, "note": c.note, "changed_at": iso(c.changed_at)}
            for c in submission.history
        ],
    }


def _loaded() -> Any:
    return select(Submission).options(
        selectinload(Submission.history), selectinload(Submission.form_version)
    )


def changed_since(
    session: Session, since: datetime | None, after: int, limit: int
) -> list[Submission]:
    """Up to ``limit`` submissions changed after sequence number ``after``, oldest first."""
    query = _loaded().where(Submission.change_seq > after)
    if since is not None:
        query = query.where(Submission.updated_at >= since)
    return list(session.scalars(query.order_by(Submission.change_seq).limit(limit)))


def listed(
    session: Session,
    *,
    account_id: int | None,
    form_id: str | None,
    status: str | None,
    before: int | None,
    limit: int,
    submitted_from: datetime | None = None,
    submitted_until: datetime | None = None,
) -> list[Submission]:
    """Newest first by id, ``before`` an id from the previous page; one owner or everyone.

    Submitted from ``submitted_from`` (inclusive) until ``submitted_until`` (exclusive), so
    consecutive ranges never count a submission twice.
    """
    query = _loaded()
    if submitted_from is not None:
        query = query.where(Submission.submitted_at >= submitted_from)
    if submitted_until is not None:
        query = query.where(Submission.submitted_at < submitted_until)
    if account_id is not None:
        query = query.where(Submission.account_id == account_id)
    if form_id:
        query = query.where(Submission.form_id == form_id)
    if status:
        query = query.where(Submission.status == status)
    if before is not None:
        query = query.where(Submission.id < before)
    return list(session.scalars(query.order_by(Submission.id.desc()).limit(limit)))
