"""Submissions (hồ sơ): validated data, tracking code, status history and drafts."""

from formsvc.submissions.drafts import discard_draft, find_draft, find_submitted, save_draft
from formsvc.submissions.intake import Intake, check
from formsvc.submissions.models import Draft, StatusChange, Submission
from formsvc.submissions.service import create_submission, find_own
from formsvc.submissions.status import LABELS, RECEIVED

__all__ = [
    "LABELS",
    "RECEIVED",
    "Draft",
    "Intake",
    "StatusChange",
    "Submission",
    "check",
    "create_submission",
    "discard_draft",
    "find_draft",
    "find_own",
    "find_submitted",
    "save_draft",
]
