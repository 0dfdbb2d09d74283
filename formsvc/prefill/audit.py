"""The prefill audit log: append-only from the application's side, and its two readings.

Rows are written by the resolver only. Updating or deleting one through the ORM raises, so
no code path of the application can rewrite what was read; purging old rows under a retention
policy is an operator's job on the database, outside the application.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import ORMExecuteState, Session, selectinload

from formsvc.prefill.models import Citizen, PrefillRead

__all__ = ["AppendOnlyError", "AuditPage", "reads_of", "search_reads"]

PAGE_SIZE = 50


class AppendOnlyError(RuntimeError):
    """Raised when the application tries to change or remove an audit row."""


def _refuse(*_args: Any) -> None:
    raise AppendOnlyError("prefill audit rows are append-only")


event.listen(PrefillRead, "before_update", _refuse)
event.listen(PrefillRead, "before_delete", _refuse)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    """``session.execute(update(PrefillRead))`` bypasses the mapper events above."""
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is PrefillRead for mapper in state.all_mappers
    ):
        _refuse()


@dataclass(frozen=True)
class AuditPage:
    rows: list[tuple[PrefillRead, Citizen]]
    page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def reads_of(session: Session, citizen_id: int, limit: int = 200) -> list[PrefillRead]:
    """The newest reads of one citizen's data: the "who has read my data" page."""
    return list(
        session.scalars(
            select(PrefillRead)
            .where(PrefillRead.citizen_id == citizen_id)
            .options(selectinload(PrefillRead.reader))
            .order_by(PrefillRead.id.desc())
            .limit(limit)
        )
    )


def search_reads(
    session: Session, personal_id: str | None = None, form_id: str | None = None, page: int = 1
) -> AuditPage:
    """One page of reads, newest first, optionally for one citizen and/or one form."""
    query = select(PrefillRead, Citizen).join(Citizen, Citizen.id == PrefillRead.citizen_id)
    if personal_id:
        query = query.where(Citizen.personal_id == personal_id)
    if form_id:
        query = query.where(PrefillRead.form_id == form_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.options(selectinload(PrefillRead.reader))
        .order_by(PrefillRead.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).tuples()
    return AuditPage([(read, citizen) for read, citizen in rows], page, total)
