"""Where each answer came from: the provenance a submission keeps for every prefilled field,
and the one reading of it that pages, receipts, the PDF and the officer share.

Three things that must never be confused:

- **verified**: a locked value (``x-prefill-locked``, true by default) exactly as the
  population database holds it. The citizen could not change it; paper marks it "(*)".
- **prefilled**: a value the database offered for a field the citizen was free to edit, left
  as it was. It is the citizen's declaration, suggested by the database, not verified.
- **disputed**: a verified value the citizen reported as wrong, with a note. The value stays
  as the database holds it (still verified); the note travels with it to the officer.

A value the citizen changed is simply their own answer and carries no mark.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from formsvc.prefill.resolver import Prefilled

__all__ = ["Origins", "provenance"]

Path = tuple[str, ...]


def provenance(prefilled: Prefilled, given: Any, note: str | None = None) -> dict[str, Any]:
    """The record stored for one prefilled field, given the value the citizen sent."""
    record = {**prefilled.as_provenance(), "edited": given != prefilled.value}
    if note:
        record |= {"disputed": True, "dispute_note": note}
    return record


def _path(key: str) -> Path:
    return tuple(key.split("."))


@dataclass(frozen=True)
class Origins:
    """The marks of one set of answers: which are verified, which prefilled, which disputed."""

    verified: frozenset[Path] = frozenset()
    prefilled: frozenset[Path] = frozenset()
    disputes: Mapping[Path, str] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Mapping[str, Mapping[str, Any]]) -> Origins:
        """From stored provenance (dotted field key → record, as :func:`provenance` made it)."""
        unedited = {key: record for key, record in records.items() if not record["edited"]}
        return cls(
            verified=frozenset(_path(k) for k, record in unedited.items() if record["locked"]),
            prefilled=frozenset(_path(k) for k, record in unedited.items() if not record["locked"]),
            disputes={
                _path(key): str(record["dispute_note"])
                for key, record in records.items()
                if record.get("disputed")
            },
        )

    @classmethod
    def fresh(cls, values: Mapping[Path, Prefilled]) -> Origins:
        """Values straight from the resolver, before the citizen touched any (previews)."""
        return cls(
            verified=frozenset(path for path, value in values.items() if value.locked),
            prefilled=frozenset(path for path, value in values.items() if not value.locked),
        )

    def notes(self) -> dict[str, str]:
        """Dotted field key → the citizen's note, for the values they reported as wrong."""
        return {".".join(path): note for path, note in self.disputes.items()}
