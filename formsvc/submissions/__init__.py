"""Submissions (hồ sơ): validated data, tracking code and status history."""

from formsvc.submissions.models import StatusChange, Submission
from formsvc.submissions.status import LABELS, RECEIVED
from formsvc.submissions.intake import Intake, check
from formsvc.submissions.service import create_submission, find_own

__all__ = ["LABELS", "RECEIVED", "Intake", "check", "StatusChange", "Submission", "create_submission", "find_own"]
