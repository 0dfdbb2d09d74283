"""Prefill: the mock national population database and the resolver that reuses its data."""

from formsvc.prefill.models import Citizen, Household, PrefillRead
from formsvc.prefill.paths import PATHS
from formsvc.prefill.resolver import Prefilled, resolve

__all__ = ["PATHS", "Citizen", "Household", "PrefillRead", "Prefilled", "resolve"]
