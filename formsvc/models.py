"""Imports every model module so ``Base.metadata`` is complete for Alembic and tests."""

from formsvc.accounts.models import Account
from formsvc.prefill.consent import PrefillConsent
from formsvc.prefill.models import Citizen, GeneratedPopulation, Household, PrefillRead
from formsvc.prefill.units import LegacyProvince, Province, Ward
from formsvc.schemas.models import FormDraft, FormVersion
from formsvc.submissions.models import StatusChange, Submission

__all__ = [
    "Account",
    "Citizen",
    "FormDraft",
    "FormVersion",
    "GeneratedPopulation",
    "Household",
    "LegacyProvince",
    "PrefillConsent",
    "PrefillRead",
    "Province",
    "StatusChange",
    "Submission",
    "Ward",
]
