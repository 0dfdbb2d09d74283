"""The officers' queue: submissions filtered by form, status, date and agency, one page at a
time. Dates are calendar days in Vietnam's time zone, as officers read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from formsvc.schemas import latest_versions
from formsvc.submissions.models import Submission

__all__ = ["ORDERS", "PER_PAGE", "Filters", "QueuePage", "agencies", "search"]

PER_PAGE = 25
ORDERS: dict[str, Any] = {
    "newest": Submission.submitted_at.desc(),
    "oldest": Submission.submitted_at.asc(),
    "updated": Submission.updated_at.desc(),
    "status": Submission.status.asc(),
    "form": Submission.form_id.asc(),
}


LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), LOCAL_TIME)


@dataclass(frozen=True)
class Filters:
    form_id: str | None = None
    status: str | None = None
    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    agency: str | None = None
    order: str = "newest"
    page: int = 1


@dataclass(frozen=True)
class QueuePage:
    rows: list[Submission]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def agencies(session: Session) -> dict[str, list[str]]:
    """Agency (x-form.agency of each form's newest version) → its form ids."""
    found: dict[str, list[str]] = {}
    for version in latest_versions(session):
        agency = str(version.document.get("x-form", {}).get("agency", "")).strip()
        if agency:
            found.setdefault(agency, []).append(version.form_id)
    return found


def _filtered(session: Session, filters: Filters) -> Select[Any]:
    query = select(Submission).options(
        selectinload(Submission.account), selectinload(Submission.form_version)
    )
    if filters.form_id:
        query = query.where(Submission.form_id == filters.form_id)
    if filters.status:
        query = query.where(Submission.status == filters.status)
    if filters.since:
        query = query.where(Submission.submitted_at >= _local_midnight(filters.since))
    if filters.until:
        end = _local_midnight(filters.until + timedelta(days=1))
        query = query.where(Submission.submitted_at < end)
    if filters.agency:
        query = query.where(Submission.form_id.in_(agencies(session).get(filters.agency, [])))
    return query


def search(session: Session, filters: Filters) -> QueuePage:
    query = _filtered(session, filters)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(ORDERS.get(filters.order, ORDERS["newest"]), Submission.id.desc())
        .offset((filters.page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    return QueuePage(list(rows), total, filters.page)
