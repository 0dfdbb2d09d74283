"""The form catalogue: definition files imported as immutable, numbered versions.

A file becomes a new version only when its canonical content changes, so importing the same
directory twice is a no-op and submissions keep pointing at the exact text they were
validated against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from formsvc.schemas.check import DefinitionError, load_definition
from formsvc.schemas.document import FormDocument
from formsvc.schemas.errors import FieldError
from formsvc.schemas.findings import Finding
from formsvc.schemas.lint import PrefillVocabulary
from formsvc.schemas.models import FormVersion
from formsvc.schemas.validation import FormValidator
from formsvc.schemas.versions import PublishRefused, latest_version, publish

__all__ = [
    "CompiledForm",
    "ImportResult",
    "compiled",
    "import_directory",
    "latest_version",
    "latest_versions",
]


@dataclass(frozen=True)
class ImportResult:
    form_id: str
    version: int
    created: bool
    source: str = ""
    problems: tuple[Finding, ...] = ()


def import_directory(
    session: Session, directory: Path, paths: PrefillVocabulary
) -> list[ImportResult]:
    """Publish every definition file whose content changed; refuse (and report) broken ones."""
    results = []
    for path in sorted(directory.glob("*.json")):
        try:
            form_id, document = load_definition(path)
        except DefinitionError as error:
            results.append(ImportResult(path.stem, 0, False, str(path), (Finding((), str(error)),)))
            continue
        try:
            version, created = publish(session, form_id, document, paths)
        except PublishRefused as refused:
            results.append(ImportResult(form_id, 0, False, str(path), tuple(refused.findings)))
            continue
        results.append(ImportResult(form_id, version.version, created, str(path)))
    return results


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
    """A version's document tree and validators, built once and shared by requests."""

    def __init__(self, form_id: str, version: int, document: Mapping[str, Any]) -> None:
        self.document = FormDocument(form_id, document, version)

    @cached_property
    def validator(self) -> FormValidator:
        return FormValidator(self.document)

    def validate(self, instance: Mapping[str, Any]) -> list[FieldError]:
        return self.validator.validate(instance)


# Keyed by (form id, version, content hash); published versions never change, and there are
# few enough of them that the cache needs no eviction.
_COMPILED: dict[tuple[str, int, str], CompiledForm] = {}


def compiled(version: FormVersion) -> CompiledForm:
    key = (version.form_id, version.version, version.content_hash)
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = CompiledForm(version.form_id, version.version, version.document)
    return found
