"""Submission statuses and the words citizens and officers see for them."""

from __future__ import annotations

__all__ = ["LABELS", "RECEIVED"]

RECEIVED = "received"

LABELS = {
    RECEIVED: "Đã tiếp nhận",
    "in_processing": "Đang xử lý",
    "needs_information": "Yêu cầu bổ sung",
    "completed": "Hoàn thành",
    "rejected": "Từ chối",
}
