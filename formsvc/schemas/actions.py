"""The staff audit trail: who did what to which form and version, and when.

Designers change what every citizen is asked, so each staff action (saving a draft,
publishing, refused saves) is kept as a row, written by one small function.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from formsvc.db import Base
from formsvc.types import UTCDateTime, utcnow

__all__ = ["StaffAction", "recent_actions", "record_action"]


class StaffAction(Base):
    __tablename__ = "staff_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    action: Mapped[str] = mapped_column(String(40))
    form_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def record_action(
    session: Session,
    account_id: int | None,
    action: str,
    form_id: str,
    *,
    version: int | None = None,
    detail: str = "",
) -> StaffAction:
    row = StaffAction(
        account_id=account_id, action=action, form_id=form_id, version=version, detail=detail
    )
    session.add(row)
    session.flush()
    return row


def recent_actions(
    session: Session, form_id: str | None = None, limit: int = 200
) -> list[StaffAction]:
    query = select(StaffAction).order_by(StaffAction.at.desc(), StaffAction.id.desc())
    if form_id:
        query = query.where(StaffAction.form_id == form_id)
    return list(session.scalars(query.limit(limit)))
