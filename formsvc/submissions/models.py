"""Submissions (hồ sơ) and their append-only status history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from formsvc.accounts.models import Account
from formsvc.apikeys.models import ApiKey
from formsvc.db import Base
from formsvc.prefill import Origins
from formsvc.schemas.models import FormVersion
from formsvc.submissions.status import LABELS, RECEIVED
from formsvc.types import JSONDocument, UTCDateTime, utcnow

__all__ = ["Draft", "StatusChange", "Submission"]


class Submission(Base):
    __tablename__ = "submissions"
    # The draft's token travels with the confirm button, so a second click (or a retry after
    # a lost response) finds the submission the first one made instead of making another.
    # The queue filters by status and date, and by form; the export walks ``change_seq``.
    __table_args__ = (
        UniqueConstraint("account_id", "idempotency_key"),
        Index("ix_submissions_status_submitted_at", "status", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tracking_code: Mapped[str] = mapped_column(String(16), unique=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id"))
    # Copied from the version so the queue and the API filter without a join.
    form_id: Mapped[str] = mapped_column(String(64), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    prefill: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    status: Mapped[str] = mapped_column(String(24), default=RECEIVED)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    idempotency_key: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The id of the newest history entry: grows with every change, so an export resumed
    # after the last value it saw gets each new or changed submission once.
    change_seq: Mapped[int | None] = mapped_column(Integer, index=True)

    form_version: Mapped[FormVersion] = relationship()
    account: Mapped[Account] = relationship()
    history: Mapped[list[StatusChange]] = relationship(
        back_populates="submission", order_by="StatusChange.id"
    )

    @property
    def origins(self) -> Origins:
        """Which answers are verified, which prefilled, which disputed (``prefill`` read)."""
        return Origins.of(self.prefill)

    @property
    def disputes(self) -> dict[str, str]:
        """Field key → the citizen's note, for verified values they flagged as wrong."""
        return self.origins.notes()

    @property
    def status_label(self) -> str:
        return LABELS.get(self.status, self.status)


class StatusChange(Base):
    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    status: Mapped[str] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(Text, default="")
    actor_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    actor_api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="history")
    actor: Mapped[Account | None] = relationship()
    api_key: Mapped[ApiKey | None] = relationship()


class Draft(Base):
    """A citizen's unfinished answers to one form, kept server-side until they submit."""

    __tablename__ = "submission_drafts"
    __table_args__ = (UniqueConstraint("account_id", "form_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    form_id: Mapped[str] = mapped_column(String(64))
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id"))
    data: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    token: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
