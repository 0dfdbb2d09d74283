"""Consent before prefill (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Nghị định 356/2025/NĐ-CP).

A citizen agrees, per form, to have the listed categories of their data read for the form's
stated purpose. Decisions are appended, never edited, so the record shows what was agreed
when; the newest decision counts. An agreement covers the paths it listed: a later version of
the form that reads more asks again.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from formsvc.db import Base
from formsvc.prefill.mapping import mapped_paths
from formsvc.schemas import FormDocument
from formsvc.types import JSONDocument, UTCDateTime, utcnow

__all__ = ["ConsentState", "PrefillConsent", "consent_state", "record_consent"]


class ConsentState(enum.Enum):
    NOT_NEEDED = "not_needed"  # the form reads nothing from the population database
    UNDECIDED = "undecided"
    AGREED = "agreed"
    DECLINED = "declined"


class PrefillConsent(Base):
    __tablename__ = "prefill_consents"
    __table_args__ = (Index("ix_prefill_consents_account_form", "account_id", "form_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    paths: Mapped[list[str]] = mapped_column(JSONDocument)
    agreed: Mapped[bool] = mapped_column(Boolean)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def consent_state(session: Session, account_id: int, document: FormDocument) -> ConsentState:
    paths = mapped_paths(document)
    if not paths:
        return ConsentState.NOT_NEEDED
    latest = session.scalars(
        select(PrefillConsent)
        .where(PrefillConsent.account_id == account_id, PrefillConsent.form_id == document.form_id)
        .order_by(PrefillConsent.id.desc())
        .limit(1)
    ).first()
    if latest is None:
        return ConsentState.UNDECIDED
    if not latest.agreed:
        return ConsentState.DECLINED
    return ConsentState.AGREED if set(paths) <= set(latest.paths) else ConsentState.UNDECIDED


def record_consent(
    session: Session, account_id: int, document: FormDocument, agreed: bool
) -> PrefillConsent:
    decision = PrefillConsent(
        account_id=account_id,
        form_id=document.form_id,
        form_version=document.version,
        paths=mapped_paths(document),
        agreed=agreed,
    )
    session.add(decision)
    session.flush()
    return decision
