"""Prefill: the mock national population database and the resolver that reuses its data."""

from formsvc.prefill import audit, sources
from formsvc.prefill.base import PrefillSkipped, PrefillSource
from formsvc.prefill.models import Citizen, Household, PrefillRead
from formsvc.prefill.paths import PATHS
from formsvc.prefill.registry import DEFAULT_SOURCE, Registry, register
from formsvc.prefill.resolver import Prefilled, resolve

__all__ = [
    "DEFAULT_SOURCE",
    "PATHS",
    "Citizen",
    "Household",
    "PrefillRead",
    "PrefillSkipped",
    "PrefillSource",
    "Prefilled",
    "Registry",
    "audit",
    "register",
    "resolve",
    "sources",
]
