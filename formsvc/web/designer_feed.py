"""Published versions for everyone: the Atom feeds, each version's JSON and the diff page.

Localities follow a ministry's forms without an account, so these pages are public; they
show only what was published, never drafts.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request, url_for
from sqlalchemy import select

from formsvc.db import get_session
from formsvc.schemas import FormDocument, FormVersion
from formsvc.schemas.diff import diff_documents
from formsvc.schemas.feed import EntryLinks, atom_feed

__all__ = ["bp"]

bp = Blueprint("feeds", __name__)

ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _links(version: FormVersion) -> EntryLinks:
    return EntryLinks(
        diff=url_for(
            "feeds.changes", form_id=version.form_id, version=version.version, _external=True
        ),
        definition=url_for(
            "feeds.definition", form_id=version.form_id, version=version.version, _external=True
        ),
        form=url_for("citizen.fill", form_id=version.form_id, _external=True),
    )


def _published(form_id: str | None = None) -> list[FormVersion]:
    query = select(FormVersion).order_by(FormVersion.published_at.desc(), FormVersion.id.desc())
    if form_id is not None:
        query = query.where(FormVersion.form_id == form_id)
    return list(get_session().scalars(query))


@bp.get("/feeds/forms.atom")
def all_forms() -> Response:
    body = atom_feed(
        _published(),
        feed_id=url_for("feeds.all_forms", _external=True),
        title="Biểu mẫu điện tử đã công bố",
        self_url=request.url,
        site_url=url_for("citizen.index", _external=True),
        links=_links,
    )
    return Response(body, content_type=ATOM_TYPE)


@bp.get("/feeds/forms/<form_id>.atom")
def one_form(form_id: str) -> Response:
    versions = _published(form_id)
    if not versions:
        abort(404)
    code = versions[0].code
    body = atom_feed(
        versions,
        feed_id=url_for("feeds.one_form", form_id=form_id, _external=True),
        title=f"Các phiên bản biểu mẫu {code}",
        self_url=request.url,
        site_url=url_for("citizen.fill", form_id=form_id, _external=True),
        links=_links,
    )
    return Response(body, content_type=ATOM_TYPE)


def _version(form_id: str, number: int) -> FormVersion:
    found = (
        get_session()
        .scalars(
            select(FormVersion).where(FormVersion.form_id == form_id, FormVersion.version == number)
        )
        .first()
    )
    if found is None:
        abort(404)
    return found


@bp.get("/forms/<form_id>/versions/<int:version>.json")
def definition(form_id: str, version: int) -> Response:
    found = _version(form_id, version)
    text = json.dumps(found.document, ensure_ascii=False, indent=2) + "\n"
    return Response(text, content_type="application/schema+json; charset=utf-8")


@bp.get("/forms/<form_id>/versions/<int:version>/changes")
def changes(form_id: str, version: int) -> str:
    """What changed in ``version`` since ``?from=`` (default: the version before)."""
    new = _version(form_id, version)
    try:
        since = int(request.args.get("from", version - 1))
    except ValueError:
        abort(400)
    old = _version(form_id, since) if since >= 1 else None
    changes = (
        diff_documents(
            FormDocument(form_id, old.document, old.version),
            FormDocument(form_id, new.document, new.version),
        )
        if old is not None
        else []
    )
    numbers = list(
        get_session().scalars(
            select(FormVersion.version)
            .where(FormVersion.form_id == form_id)
            .order_by(FormVersion.version)
        )
    )
    return render_template(
        "designer_changes.html", new=new, old=old, changes=changes, numbers=numbers
    )
