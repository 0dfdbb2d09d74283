"""Imports every model module so ``Base.metadata`` is complete for Alembic and tests."""

from formsvc.accounts.models import Account
from formsvc.prefill.consent import PrefillConsent
from formsvc.prefill.models import Citizen, GeneratedPopulation, Household, PrefillRead
from formsvc.prefill.units import LegacyProvince, Province, Ward
from formsvc.render.cache import SubmissionPdf
from formsvc.schemas.actions import StaffAction
from formsvc.schemas.models import FormDraft, FormVersion
from formsvc.submissions.disputes import PendingDisputes
from formsvc.submissions.models import Draft, StatusChange, Submission

__all__ = [
    "Account",
    "Citizen",
    "Draft",
    "FormDraft",
    "FormVersion",
    "GeneratedPopulation",
    "Household",
    "LegacyProvince",
    "PendingDisputes",
    "PrefillConsent",
    "PrefillRead",
    "Province",
    "StaffAction",
    "StatusChange",
    "Submission",
    "SubmissionPdf",
    "Ward",
]
