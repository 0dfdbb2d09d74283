"""Citizens' drafts (bản nháp): unfinished answers kept server-side, one per form.

A draft also carries the token of the confirm step. Submitting consumes the draft and
stores the token on the submission, so confirming twice yields one submission.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from formsvc.schemas import FormVersion
from formsvc.submissions.models import Draft, Submission

__all__ = ["discard_draft", "find_draft", "find_submitted", "save_draft"]


def find_draft(session: Session, account_id: int, form_id: str) -> Draft | None:
    return session.scalars(
        select(Draft).where(Draft.account_id == account_id, Draft.form_id == form_id)
    ).first()


def save_draft(
    session: Session, account_id: int, version: FormVersion, data: dict[str, Any]
) -> Draft:
    draft = find_draft(session, account_id, version.form_id)
    if draft is None:
        draft = Draft(account_id=account_id, form_id=version.form_id, token=str(uuid.uuid4()))
        session.add(draft)
    draft.form_version_id = version.id
    draft.data = data
    session.flush()
    return draft


def discard_draft(session: Session, draft: Draft) -> None:
    session.delete(draft)
    session.flush()


def find_submitted(session: Session, account_id: int, token: str) -> Submission | None:
    """The submission an earlier confirm with this token already made, if any."""
    return session.scalars(
        select(Submission).where(
            Submission.account_id == account_id, Submission.idempotency_key == token
        )
    ).first()
