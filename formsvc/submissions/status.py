"""Submission statuses and the words citizens and officers see for them."""

from __future__ import annotations

__all__ = ["LABELS", "RECEIVED"]

RECEIVED = "received"


def N_(text: str) -> str:
    """Marks a label for translation; pages translate it where they show it."""
    return text


LABELS = {
    RECEIVED: N_("Đã tiếp nhận"),
    "in_processing": N_("Đang xử lý"),
    "needs_information": N_("Yêu cầu bổ sung"),
    "completed": N_("Hoàn thành"),
    "rejected": N_("Từ chối"),
}
