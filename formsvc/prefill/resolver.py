"""Resolve a form's ``x-prefill`` paths for a signed-in citizen, with provenance and audit.

Only the paths the form maps are read (data minimisation), every read is logged, and a value
the database does not hold leaves the field empty and editable rather than invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from formsvc.prefill.models import Citizen, Household, PrefillRead
from formsvc.prefill.paths import PATHS
from formsvc.schemas import FormDocument
from formsvc.types import utcnow

__all__ = ["Prefilled", "resolve"]


@dataclass(frozen=True)
class Prefilled:
    """A value from the population database and where it came from."""

    value: Any
    source: str
    locked: bool
    read_at: datetime

    def as_provenance(self) -> dict[str, Any]:
        return {"source": self.source, "locked": self.locked, "read_at": self.read_at.isoformat()}


def resolve(
    session: Session,
    document: FormDocument,
    citizen_id: int,
    reader_account_id: int | None,
    purpose: str,
) -> dict[tuple[str, ...], Prefilled]:
    """Prefilled values keyed by field path; writes one audit row per call."""
    mapped = [node for node in document.fields() if node.prefill in PATHS]
    if not mapped:
        return {}
    citizen = session.scalars(
        select(Citizen)
        .where(Citizen.id == citizen_id)
        .options(selectinload(Citizen.household).selectinload(Household.members))
    ).one()
    now = utcnow()
    values: dict[tuple[str, ...], Prefilled] = {}
    for node in mapped:
        value = PATHS[str(node.prefill)].read(citizen)
        if value is not None:
            values[node.path] = Prefilled(value, str(node.prefill), node.locked, now)
    session.add(
        PrefillRead(
            read_at=now,
            reader_account_id=reader_account_id,
            citizen_id=citizen.id,
            form_id=document.form_id,
            form_version=document.version,
            paths=sorted({str(node.prefill) for node in mapped}),
            purpose=purpose,
        )
    )
    return values
