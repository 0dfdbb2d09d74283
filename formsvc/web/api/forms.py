"""The published catalogue over the API: public, like the catalogue page.

A version is immutable once published, so ``/versions/<n>`` is safe to cache forever.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, url_for
from sqlalchemy import select

from formsvc.db import get_session
from formsvc.schemas import FormVersion, latest_version, latest_versions
from formsvc.submissions.export import iso
from formsvc.web.api.blueprint import bp
from formsvc.web.api.problems import Problem

__all__ = ["summary", "version_record"]


def summary(version: FormVersion) -> dict[str, Any]:
    meta = version.document.get("x-form", {})
    return {
        "form_id": version.form_id,
        "version": version.version,
        "title": version.title,
        "code": str(meta.get("code", "")),
        "agency": str(meta.get("agency", "")),
        "published_at": iso(version.published_at),
        "content_hash": version.content_hash,
        "change_note": version.change_note,
        "href": url_for("api.form_version", form_id=version.form_id, number=version.version),
    }


def version_record(version: FormVersion) -> dict[str, Any]:
    return {**summary(version), "legal_basis": version.legal_basis, "document": version.document}


def _not_found(form_id: str) -> Problem:
    return Problem(404, "Not Found", f"Không có biểu mẫu {form_id} / No published form {form_id}")


@bp.get("/forms")
def forms() -> Response:
    return jsonify({"items": [summary(v) for v in latest_versions(get_session())]})


@bp.get("/forms/<form_id>")
def form(form_id: str) -> Response:
    version = latest_version(get_session(), form_id)
    if version is None:
        raise _not_found(form_id)
    return jsonify(version_record(version))


@bp.get("/forms/<form_id>/versions")
def form_versions(form_id: str) -> Response:
    versions = list(
        get_session().scalars(
            select(FormVersion).where(FormVersion.form_id == form_id).order_by(FormVersion.version)
        )
    )
    if not versions:
        raise _not_found(form_id)
    return jsonify({"items": [summary(v) for v in versions]})


@bp.get("/forms/<form_id>/versions/<int:number>")
def form_version(form_id: str, number: int) -> Response:
    version = (
        get_session()
        .scalars(
            select(FormVersion).where(FormVersion.form_id == form_id, FormVersion.version == number)
        )
        .first()
    )
    if version is None:
        raise _not_found(f"{form_id} v{number}")
    return jsonify(version_record(version))
