"""Prefill: the mock national population database and the resolver that reuses its data."""

from flask import Flask

from formsvc.prefill import sources
from formsvc.prefill.base import PrefillSkipped, PrefillSource
from formsvc.prefill.models import Citizen, Household, PrefillRead
from formsvc.prefill.paths import PATHS
from formsvc.prefill.provenance import Origins
from formsvc.prefill.registry import DEFAULT_SOURCE, Registry, register
from formsvc.prefill.resolver import Prefilled, resolve

__all__ = [
    "DEFAULT_SOURCE",
    "PATHS",
    "Citizen",
    "Household",
    "Origins",
    "PrefillRead",
    "PrefillSkipped",
    "PrefillSource",
    "Prefilled",
    "Registry",
    "init_app",
    "register",
    "resolve",
    "sources",
]


def init_app(app: Flask) -> None:
    """Refuse to start with a prefill source nobody registered, rather than fail on a form."""
    name = app.config["PREFILL_SOURCE"]
    if name not in register:
        raise RuntimeError(f"FORMSVC_PREFILL_SOURCE={name!r} is not a registered prefill source")
