"""Creating and finding submissions; the one place that writes them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from formsvc.schemas import FormVersion
from formsvc.submissions.models import StatusChange, Submission
from formsvc.submissions.sequence import hold_feed_order
from formsvc.submissions.status import RECEIVED
from formsvc.submissions.tracking import new_code, normalise

__all__ = ["create_submission", "find_by_code", "find_own", "own_submissions"]


def _unused_code(session: Session) -> str:
    while True:
        code = new_code()
        if session.scalar(select(Submission.id).where(Submission.tracking_code == code)) is None:
            return code


def create_submission(
    session: Session,
    version: FormVersion,
    account_id: int,
    data: dict[str, Any],
    provenance: dict[str, Any],
    idempotency_key: str | None = None,
) -> Submission:
    """A received submission with its first history entry; the caller commits both together."""
    hold_feed_order(session)
    submission = Submission(
        tracking_code=_unused_code(session),
        form_version=version,
        form_id=version.form_id,
        account_id=account_id,
        data=data,
        prefill=provenance,
        status=RECEIVED,
        idempotency_key=idempotency_key,
    )
    submission.history.append(StatusChange(status=RECEIVED, actor_account_id=account_id))
    session.add(submission)
    session.flush()
    submission.change_seq = submission.history[0].id
    session.flush()
    return submission


def find_by_code(session: Session, text: str) -> Submission | None:
    """For staff: a submission by its code, typed or read from the QR code on the PDF.

    The QR code holds ``FORMSVC:<code>:<hash>``; a bare code works as well.
    """
    text = text.strip()
    if text.upper().startswith("FORMSVC:"):
        text = text.split(":")[1]
    code = normalise(text)
    if not code:
        return None
    return session.scalars(select(Submission).where(Submission.tracking_code == code)).first()


def find_own(session: Session, tracking_code: str, account_id: int) -> Submission | None:
    """A submission by code, only for its owner: anyone else cannot tell it exists."""
    code = normalise(tracking_code)
    if not code:
        return None
    return session.scalars(
        select(Submission).where(
            Submission.tracking_code == code, Submission.account_id == account_id
        )
    ).first()


def own_submissions(session: Session, account_id: int, limit: int = 200) -> list[Submission]:
    """A citizen's submissions, newest first."""
    return list(
        session.scalars(
            select(Submission)
            .options(selectinload(Submission.form_version))
            .where(Submission.account_id == account_id)
            .order_by(Submission.submitted_at.desc(), Submission.id.desc())
            .limit(limit)
        )
    )
