"""Submissions (hồ sơ): validated data, tracking code and status history."""

from formsvc.submissions.intake import Intake, check
from formsvc.submissions.models import StatusChange, Submission
from formsvc.submissions.service import create_submission, find_own
from formsvc.submissions.status import LABELS, RECEIVED

__all__ = [
    "LABELS",
    "RECEIVED",
    "Intake",
    "StatusChange",
    "Submission",
    "check",
    "create_submission",
    "find_own",
]
