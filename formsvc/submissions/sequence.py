"""Keeps the export feed's sequence in commit order on PostgreSQL.

``change_seq`` is the id of a history row. Two transactions can take ids 7 and 8 and commit
8 first; a sync job reading in between would move its cursor past 7 and never see it. A
transaction-level advisory lock taken just before the history row is written, and held until
commit, makes ids reach the table in the order they were given. It covers only the short
write at the end of a request, not validation or prefill. SQLite already has one writer.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

__all__ = ["hold_feed_order"]

_LOCK_KEY = 0x666F726D  # "form"


def hold_feed_order(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
