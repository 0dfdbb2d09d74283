"""The two readings of the prefill audit log: a citizen's own, and the staff search.

Writing happens in the resolver only, and ``formsvc.prefill.models`` makes the rows
append-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from formsvc.accounts.models import Account
from formsvc.prefill.models import Citizen, PrefillRead
from formsvc.prefill.paths import PATHS

__all__ = ["PAGE_SIZE", "AuditPage", "AuditRow", "reads_of", "search_reads"]

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditRow:
    read: PrefillRead
    citizen: Citizen
    reader: str | None  # the reading account's display name

    @property
    def fields(self) -> list[str]:
        """Labels of the paths read, in the order of the path table."""
        read = set(self.read.paths)
        known = [path.label for path in PATHS.values() if path.path in read]
        return known + sorted(read - PATHS.keys())


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def _rows() -> Select:
    return (
        select(PrefillRead, Citizen, Account.display_name)
        .join(Citizen, Citizen.id == PrefillRead.citizen_id)
        .outerjoin(Account, Account.id == PrefillRead.reader_account_id)
    )


def reads_of(session: Session, citizen_id: int, limit: int = 200) -> list[AuditRow]:
    """The newest reads of one citizen's data: the "who has read my data" page."""
    query = _rows().where(PrefillRead.citizen_id == citizen_id)
    rows = session.execute(query.order_by(PrefillRead.id.desc()).limit(limit))
    return [AuditRow(read, citizen, reader) for read, citizen, reader in rows]


def search_reads(
    session: Session, personal_id: str | None = None, form_id: str | None = None, page: int = 1
) -> AuditPage:
    """One page of reads, newest first, optionally for one citizen and/or one form."""
    query = _rows()
    if personal_id:
        query = query.where(Citizen.personal_id == personal_id)
    if form_id:
        query = query.where(PrefillRead.form_id == form_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(PrefillRead.id.desc()).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    )
    return AuditPage(
        [AuditRow(read, citizen, reader) for read, citizen, reader in rows], page, total
    )
