"""Disputed prefill: a citizen flags a verified value as wrong, with a note.

Nghị quyết 66.7/2025/NQ-CP: where the population database is wrong, the agency asks the
citizen and has the record corrected. The value in the submission stays as the database holds
it (it is still what the state knows); the flag and note travel with the submission's
provenance so staff can start the correction.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from formsvc.prefill import Prefilled
from formsvc.schemas import FieldError

__all__ = ["DISPUTE_PREFIX", "MAX_NOTE", "dispute_field", "dispute_fields", "read_disputes"]

MAX_NOTE = 1000
DISPUTE_PREFIX = "dispute."
_TOO_LONG = (
    f"Nội dung báo sai thông tin không được dài quá {MAX_NOTE} ký tự",
    f"The note on wrong data must be at most {MAX_NOTE} characters",
)

Path = tuple[str, ...]


def dispute_field(path: Path) -> str:
    """The form field carrying the note for one field, e.g. ``dispute.full_name``."""
    return DISPUTE_PREFIX + "-".join(path)


def dispute_fields(prefilled: Mapping[Path, Prefilled]) -> set[str]:
    """The note fields a page may post: one per locked, prefilled field."""
    return {dispute_field(path) for path, origin in prefilled.items() if origin.locked}


def read_disputes(
    formdata: Mapping[str, str], prefilled: Mapping[Path, Prefilled]
) -> tuple[dict[Path, str], list[FieldError]]:
    """Notes by field path, and an error for each note that is too long."""
    notes: dict[Path, str] = {}
    errors: list[FieldError] = []
    for path, origin in prefilled.items():
        text = unicodedata.normalize("NFC", formdata.get(dispute_field(path), "").strip())
        if not origin.locked or not text:
            continue
        if len(text) > MAX_NOTE:
            errors.append(FieldError((dispute_field(path),), "maxLength", *_TOO_LONG))
        else:
            notes[path] = text
    return notes, errors
