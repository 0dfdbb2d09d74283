"""Submissions (hồ sơ): validated data, tracking code, status history and drafts."""

from formsvc.submissions.drafts import discard_draft, find_draft, find_submitted, save_draft
from formsvc.submissions.intake import Intake, check
from formsvc.submissions.lifecycle import TRANSITIONS, TransitionRefused, allowed, transition
from formsvc.submissions.models import Draft, StatusChange, Submission
from formsvc.submissions.service import create_submission, find_by_code, find_own, own_submissions
from formsvc.submissions.status import LABELS, RECEIVED, STATUSES

__all__ = [
    "LABELS",
    "RECEIVED",
    "STATUSES",
    "TRANSITIONS",
    "Draft",
    "Intake",
    "StatusChange",
    "Submission",
    "TransitionRefused",
    "allowed",
    "check",
    "create_submission",
    "discard_draft",
    "find_by_code",
    "find_draft",
    "find_own",
    "find_submitted",
    "own_submissions",
    "save_draft",
    "transition",
]
