"""The form catalogue: definition files imported as immutable, numbered versions.

A file becomes a new version only when its canonical content changes, so importing the same
directory twice is a no-op and submissions keep pointing at the exact text they were
validated against.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from formsvc.schemas.document import FormDocument
from formsvc.schemas.models import FormVersion
from formsvc.schemas.validation import FieldError, compile_validator, validate

__all__ = [
    "CompiledForm",
    "ImportResult",
    "compiled",
    "content_hash",
    "import_directory",
    "latest_version",
    "latest_versions",
    "read_definition",
]


@dataclass(frozen=True)
class ImportResult:
    form_id: str
    version: int
    created: bool


def content_hash(document: Mapping[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_definition(path: Path) -> tuple[str, dict[str, Any]]:
    """The form id (``x-form.id``, else the file name) and the parsed document."""
    document = json.loads(path.read_text(encoding="utf-8"))
    form_id = str(document.get("x-form", {}).get("id") or path.stem)
    return form_id, document


def import_directory(session: Session, directory: Path) -> list[ImportResult]:
    results = []
    for path in sorted(directory.glob("*.json")):
        form_id, document = read_definition(path)
        digest = content_hash(document)
        current = latest_version(session, form_id)
        if current is not None and current.content_hash == digest:
            results.append(ImportResult(form_id, current.version, created=False))
            continue
        number = 1 if current is None else current.version + 1
        meta = document.get("x-form", {})
        session.add(
            FormVersion(
                form_id=form_id,
                version=number,
                title=str(document.get("title") or form_id),
                document=document,
                content_hash=digest,
                legal_basis=str(meta.get("legal_basis", "")),
                change_note=str(meta.get("version_note", "")),
            )
        )
        session.flush()
        results.append(ImportResult(form_id, number, created=True))
    return results


def latest_version(session: Session, form_id: str) -> FormVersion | None:
    return session.scalars(
        select(FormVersion)
        .where(FormVersion.form_id == form_id)
        .order_by(FormVersion.version.desc())
        .limit(1)
    ).first()


def latest_versions(session: Session) -> list[FormVersion]:
    newest = (
        select(FormVersion.form_id, func.max(FormVersion.version).label("version"))
        .group_by(FormVersion.form_id)
        .subquery()
    )
    return list(
        session.scalars(
            select(FormVersion)
            .join(
                newest,
                (FormVersion.form_id == newest.c.form_id)
                & (FormVersion.version == newest.c.version),
            )
            .order_by(FormVersion.form_id)
        )
    )


class CompiledForm:
    """A version's document tree and compiled validator, built once and shared by requests."""

    def __init__(self, form_id: str, version: int, document: Mapping[str, Any]) -> None:
        self.document = FormDocument(form_id, document, version)

    @cached_property
    def validator(self) -> Validator:
        return compile_validator(self.document)

    def validate(self, instance: Mapping[str, Any]) -> list[FieldError]:
        return validate(self.document, self.validator, instance)


# Keyed by (form id, version, content hash); published versions never change, and there are
# few enough of them that the cache needs no eviction.
_COMPILED: dict[tuple[str, int, str], CompiledForm] = {}


def compiled(version: FormVersion) -> CompiledForm:
    key = (version.form_id, version.version, version.content_hash)
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = CompiledForm(version.form_id, version.version, version.document)
    return found
