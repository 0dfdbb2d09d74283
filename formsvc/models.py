"""Imports every model module so ``Base.metadata`` is complete for Alembic and tests."""

from formsvc.accounts.models import Account
from formsvc.prefill.models import Citizen, Household, PrefillRead
from formsvc.render.cache import SubmissionPdf
from formsvc.schemas.models import FormDraft, FormVersion
from formsvc.submissions.models import StatusChange, Submission

__all__ = [
    "Account",
    "Citizen",
    "FormDraft",
    "FormVersion",
    "Household",
    "PrefillRead",
    "StatusChange",
    "Submission",
    "SubmissionPdf",
]
