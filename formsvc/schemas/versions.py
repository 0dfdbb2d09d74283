"""Drafts and published versions of a form.

Staff edit one draft per form; publishing checks it and stores an immutable, numbered
version. Nothing broken is ever published, and publishing unchanged content creates no new
version, so submissions and the catalogue only ever point at checked, distinct texts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from formsvc.schemas.check import check_document
from formsvc.schemas.findings import Finding
from formsvc.schemas.lint import PrefillVocabulary
from formsvc.schemas.models import FormDraft, FormVersion

__all__ = [
    "PublishRefused",
    "StaleDraft",
    "content_hash",
    "latest_version",
    "publish",
    "publish_draft",
    "save_draft",
]


class PublishRefused(ValueError):
    """The document has errors; ``findings`` says which and where."""

    def __init__(self, form_id: str, findings: Sequence[Finding]) -> None:
        super().__init__(f"{form_id}: {len(findings)} error(s), not published")
        self.form_id = form_id
        self.findings = list(findings)


class StaleDraft(RuntimeError):
    """Someone saved the draft since this editor loaded it; nothing was overwritten."""

    def __init__(self, form_id: str, expected: int, current: int) -> None:
        super().__init__(f"{form_id}: draft is at revision {current}, not {expected}")
        self.form_id = form_id
        self.expected = expected
        self.current = current


def content_hash(document: Mapping[str, Any]) -> str:
    """Stable over key order and whitespace, so reformatting a file is not a new version."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def latest_version(session: Session, form_id: str) -> FormVersion | None:
    return session.scalars(
        select(FormVersion)
        .where(FormVersion.form_id == form_id)
        .order_by(FormVersion.version.desc())
        .limit(1)
    ).first()


def publish(
    session: Session,
    form_id: str,
    document: Mapping[str, Any],
    paths: PrefillVocabulary,
    *,
    account_id: int | None = None,
    change_note: str | None = None,
    legal_basis: str | None = None,
) -> tuple[FormVersion, bool]:
    """(the version now current, whether it was created by this call).

    ``legal_basis`` (the decision that announced this version) is written into the
    document's ``x-form`` too, so the stored text and the version row never disagree.
    """
    if legal_basis is not None:
        meta = document.get("x-form")
        document = {**document, "x-form": {**(meta or {}), "legal_basis": legal_basis}}
    errors = [f for f in check_document(form_id, document, paths) if f.is_error]
    if errors:
        raise PublishRefused(form_id, errors)
    digest = content_hash(document)
    current = latest_version(session, form_id)
    if current is not None and current.content_hash == digest:
        return current, False
    meta = document.get("x-form", {})
    version = FormVersion(
        form_id=form_id,
        version=1 if current is None else current.version + 1,
        title=str(document.get("title") or form_id),
        document=dict(document),
        content_hash=digest,
        legal_basis=str(meta.get("legal_basis", "")),
        change_note=change_note if change_note is not None else str(meta.get("version_note", "")),
        published_by_account_id=account_id,
    )
    session.add(version)
    session.flush()
    return version, True


def save_draft(
    session: Session,
    form_id: str,
    document: Mapping[str, Any],
    account_id: int | None = None,
    *,
    expected_revision: int | None = None,
) -> FormDraft:
    """The form's working copy; it may be incomplete, so it is not checked here.

    ``expected_revision`` is the revision the editor loaded (0: "there was no draft"); a
    different current revision raises :class:`StaleDraft` so a second designer never
    overwrites the first one silently. ``None`` skips the check (imports, the CLI).
    """
    draft = session.scalars(
        select(FormDraft).where(FormDraft.form_id == form_id).with_for_update()
    ).first()
    current_revision = draft.revision if draft is not None else 0
    if expected_revision is not None and expected_revision != current_revision:
        raise StaleDraft(form_id, expected_revision, current_revision)
    if draft is None:
        current = latest_version(session, form_id)
        draft = FormDraft(form_id=form_id, based_on_version=current.version if current else None)
        session.add(draft)
    draft.document = dict(document)
    draft.updated_by_account_id = account_id
    try:
        session.flush()
    except (StaleDataError, IntegrityError) as error:
        # Another save won the race after our read (an UPDATE matched no row at our
        # revision, or a first draft was inserted twice); the caller rolls back.
        raise StaleDraft(form_id, current_revision, current_revision + 1) from error
    return draft


def publish_draft(
    session: Session,
    form_id: str,
    paths: PrefillVocabulary,
    *,
    account_id: int | None = None,
    change_note: str = "",
    legal_basis: str | None = None,
) -> FormVersion:
    """Publish the draft and retire it; the draft stays if publishing is refused."""
    draft = session.scalars(select(FormDraft).where(FormDraft.form_id == form_id)).one()
    version, _ = publish(
        session,
        form_id,
        draft.document,
        paths,
        account_id=account_id,
        change_note=change_note,
        legal_basis=legal_basis,
    )
    session.delete(draft)
    session.flush()
    return version
