"""Submission statuses and the words citizens and officers see for them."""

from __future__ import annotations

__all__ = [
    "COMPLETED",
    "IN_PROCESSING",
    "LABELS",
    "NEEDS_INFORMATION",
    "RECEIVED",
    "REJECTED",
    "STATUSES",
]

RECEIVED = "received"
IN_PROCESSING = "in_processing"
NEEDS_INFORMATION = "needs_information"
COMPLETED = "completed"
REJECTED = "rejected"
STATUSES = (RECEIVED, IN_PROCESSING, NEEDS_INFORMATION, COMPLETED, REJECTED)


def N_(text: str) -> str:
    """Marks a label for translation; pages translate it where they show it."""
    return text


LABELS = {
    RECEIVED: N_("Đã tiếp nhận"),
    IN_PROCESSING: N_("Đang xử lý"),
    NEEDS_INFORMATION: N_("Yêu cầu bổ sung"),
    COMPLETED: N_("Hoàn thành"),
    REJECTED: N_("Từ chối"),
}
