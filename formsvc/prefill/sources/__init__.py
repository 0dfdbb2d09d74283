"""Prefill source implementations; importing this package registers them."""

from formsvc.prefill.sources import sql

__all__ = ["sql"]
