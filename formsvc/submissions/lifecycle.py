"""The status graph of a submission and the one function that moves it along.

Đã tiếp nhận → Đang xử lý → (Yêu cầu bổ sung ⇄ Đang xử lý) → Hoàn thành | Từ chối. Officers
record that the citizen answered a request for information by moving the submission back to
"in processing". Completed and rejected are final. A request for information carries the
message the citizen reads, and a rejection its reason, so both need a note.

The move is a conditional UPDATE (``WHERE status = <from>``): two officers pressing buttons
at once cannot both win, and history stays append-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from formsvc.submissions.models import StatusChange, Submission
from formsvc.submissions.sequence import hold_feed_order
from formsvc.submissions.status import (
    COMPLETED,
    IN_PROCESSING,
    LABELS,
    NEEDS_INFORMATION,
    RECEIVED,
    REJECTED,
)
from formsvc.types import utcnow

__all__ = [
    "MAX_NOTE",
    "NOTE_REQUIRED",
    "TRANSITIONS",
    "TransitionRefused",
    "allowed",
    "transition",
]

TRANSITIONS: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({IN_PROCESSING}),
    IN_PROCESSING: frozenset({NEEDS_INFORMATION, COMPLETED, REJECTED}),
    NEEDS_INFORMATION: frozenset({IN_PROCESSING, COMPLETED, REJECTED}),
    COMPLETED: frozenset(),
    REJECTED: frozenset(),
}
# The citizen must learn what to add, or why the application was refused.
NOTE_REQUIRED = frozenset({NEEDS_INFORMATION, REJECTED})
MAX_NOTE = 2000


@dataclass
class TransitionRefused(Exception):
    """A move outside the graph, a missing note or a lost race; messages in both languages."""

    field: str
    message: str
    message_en: str

    def __str__(self) -> str:
        return self.message_en


def allowed(status: str) -> list[str]:
    """Next statuses from ``status``, in the order the graph lists them."""
    return [s for s in LABELS if s in TRANSITIONS.get(status, frozenset())]


def _refuse_bad_move(current: str, target: str) -> None:
    if target not in LABELS:
        raise TransitionRefused(
            "status", f"Trạng thái không hợp lệ: {target}", f"Unknown status: {target}"
        )
    if target not in TRANSITIONS[current]:
        raise TransitionRefused(
            "status",
            f"Không thể chuyển hồ sơ từ “{LABELS[current]}” sang “{LABELS[target]}”",
            f"A submission cannot move from {current} to {target}",
        )


def _refuse_bad_note(target: str, note: str) -> None:
    if target in NOTE_REQUIRED and not note:
        raise TransitionRefused(
            "note",
            "Vui lòng ghi nội dung yêu cầu bổ sung hoặc lý do từ chối",
            "A request for information or a rejection needs a note for the citizen",
        )
    if len(note) > MAX_NOTE:
        raise TransitionRefused(
            "note",
            f"Ghi chú không được dài quá {MAX_NOTE} ký tự",
            f"The note must be at most {MAX_NOTE} characters",
        )


def transition(
    session: Session,
    submission: Submission,
    target: str,
    note: str = "",
    *,
    actor_account_id: int | None = None,
    api_key_id: int | None = None,
) -> StatusChange:
    """Move ``submission`` to ``target`` and append the history entry; the caller commits."""
    note = note.strip()
    current = submission.status
    _refuse_bad_move(current, target)
    _refuse_bad_note(target, note)
    hold_feed_order(session)
    now = utcnow()
    moved = session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.status == current)
        .values(status=target, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise TransitionRefused(
            "status",
            "Hồ sơ vừa được người khác chuyển trạng thái; vui lòng tải lại trang",
            "Someone else changed this submission's status meanwhile; reload and retry",
        )
    change = StatusChange(
        submission_id=submission.id,
        status=target,
        note=note,
        actor_account_id=actor_account_id,
        actor_api_key_id=api_key_id,
        changed_at=now,
    )
    session.add(change)
    session.flush()
    session.execute(
        update(Submission)
        .where(Submission.id == submission.id)
        .values(change_seq=change.id)
        .execution_options(synchronize_session=False)
    )
    session.refresh(submission)
    return change
