"""Disputed prefill: a citizen flags a verified value as wrong, with a note.

Nghị quyết 66.7/2025/NQ-CP: where the population database is wrong, the agency asks the
citizen and has the record corrected. The value in the submission stays as the database holds
it (it is still what the state knows); the flag and note travel with the submission's
provenance so staff can start the correction. Between the form and the confirm step the notes
wait beside the draft, one row per citizen and form.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from formsvc.db import Base
from formsvc.prefill import Prefilled
from formsvc.schemas import FieldError
from formsvc.types import JSONDocument, UTCDateTime, utcnow

__all__ = [
    "DISPUTE_PREFIX",
    "MAX_NOTE",
    "PendingDisputes",
    "dispute_field",
    "dispute_fields",
    "drop_disputes",
    "keep_disputes",
    "kept_disputes",
    "read_disputes",
]

MAX_NOTE = 1000
DISPUTE_PREFIX = "dispute."
_TOO_LONG = (
    f"Nội dung báo sai thông tin không được dài quá {MAX_NOTE} ký tự",
    f"The note on wrong data must be at most {MAX_NOTE} characters",
)

Path = tuple[str, ...]


class PendingDisputes(Base):
    """Notes a citizen wrote on the form, kept until they confirm (or abandon) the draft."""

    __tablename__ = "pending_disputes"
    __table_args__ = (UniqueConstraint("account_id", "form_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    form_id: Mapped[str] = mapped_column(String(64))
    notes: Mapped[dict[str, str]] = mapped_column(JSONDocument)  # "a.b" field key → note
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


def dispute_field(path: Path) -> str:
    """The form field carrying the note for one field, e.g. ``dispute.full_name``."""
    return DISPUTE_PREFIX + "-".join(path)


def dispute_fields(prefilled: Mapping[Path, Prefilled]) -> set[str]:
    """The note fields a page may post: one per locked, prefilled field."""
    return {dispute_field(path) for path, origin in prefilled.items() if origin.locked}


def read_disputes(
    formdata: Mapping[str, str], prefilled: Mapping[Path, Prefilled]
) -> tuple[dict[Path, str], list[FieldError]]:
    """Notes by field path, and an error for each note that is too long."""
    notes: dict[Path, str] = {}
    errors: list[FieldError] = []
    for path, origin in prefilled.items():
        text = unicodedata.normalize("NFC", formdata.get(dispute_field(path), "").strip())
        if not origin.locked or not text:
            continue
        if len(text) > MAX_NOTE:
            errors.append(FieldError((dispute_field(path),), "maxLength", *_TOO_LONG))
        else:
            notes[path] = text
    return notes, errors


def _pending(session: Session, account_id: int, form_id: str) -> PendingDisputes | None:
    return session.scalars(
        select(PendingDisputes).where(
            PendingDisputes.account_id == account_id, PendingDisputes.form_id == form_id
        )
    ).first()


def keep_disputes(session: Session, account_id: int, form_id: str, notes: dict[Path, str]) -> None:
    """Replace the notes kept for this citizen and form (none removes them)."""
    pending = _pending(session, account_id, form_id)
    if not notes:
        if pending is not None:
            session.delete(pending)
        return
    if pending is None:
        pending = PendingDisputes(account_id=account_id, form_id=form_id)
        session.add(pending)
    pending.notes = {".".join(path): note for path, note in notes.items()}
    session.flush()


def kept_disputes(session: Session, account_id: int, form_id: str) -> dict[Path, str]:
    pending = _pending(session, account_id, form_id)
    notes = pending.notes if pending is not None else {}
    return {tuple(key.split(".")): note for key, note in notes.items()}


def drop_disputes(session: Session, account_id: int, form_id: str) -> None:
    session.execute(
        delete(PendingDisputes).where(
            PendingDisputes.account_id == account_id, PendingDisputes.form_id == form_id
        )
    )
