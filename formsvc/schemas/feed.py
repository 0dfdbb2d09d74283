"""The publication feed: one Atom (RFC 4287) entry per published form version.

Localities subscribe to learn when a ministry updates a form. The XML is built with
ElementTree, so staff-typed titles and notes are escaped by construction, never pasted
into markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from formsvc.schemas.models import FormVersion

__all__ = ["ATOM", "EntryLinks", "atom_feed", "entry_id"]

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class EntryLinks:
    """Where an entry points: the diff (its page), the definition JSON and the form."""

    diff: str
    definition: str
    form: str


def entry_id(version: FormVersion) -> str:
    """Permanent: a version is never re-published under the same number."""
    return f"urn:formsvc:form:{version.form_id}:version:{version.version}"


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _summary(version: FormVersion) -> str:
    meta = version.document.get("x-form", {})
    lines = [
        f"Mã biểu mẫu: {meta.get('code', version.form_id)}",
        f"Phiên bản: {version.version}",
        f"Nội dung thay đổi: {version.change_note or '—'}",
        f"Căn cứ pháp lý: {version.legal_basis or '—'}",
    ]
    if meta.get("agency"):
        lines.append(f"Cơ quan tiếp nhận: {meta['agency']}")
    return "\n".join(lines)


def atom_feed(
    versions: Sequence[FormVersion],
    *,
    feed_id: str,
    title: str,
    self_url: str,
    site_url: str,
    links: Callable[[FormVersion], EntryLinks],
) -> bytes:
    """The feed document, newest entry first; ``updated`` is the newest publication."""
    ordered = sorted(versions, key=lambda v: (v.published_at, v.id), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", feed_id)
    _sub(feed, "title", title)
    newest = ordered[0].published_at if ordered else datetime(2025, 7, 1, tzinfo=UTC)
    _sub(feed, "updated", _timestamp(newest))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=site_url)
    author = _sub(feed, "author")
    _sub(author, "name", "formsvc")
    _sub(feed, "generator", "formsvc")
    for version in ordered:
        code = version.code
        target = links(version)
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(version))
        _sub(entry, "title", f"{code} — {version.title} (phiên bản {version.version})")
        _sub(entry, "updated", _timestamp(version.published_at))
        _sub(entry, "published", _timestamp(version.published_at))
        _sub(entry, "link", rel="alternate", type="text/html", href=target.diff)
        _sub(
            entry,
            "link",
            rel="describedby",
            type="application/schema+json",
            href=target.definition,
            title="Định nghĩa biểu mẫu (JSON Schema)",
        )
        _sub(entry, "link", rel="related", type="text/html", href=target.form)
        _sub(entry, "category", term=code, label=version.title)
        _sub(entry, "summary", _summary(version), type="text")
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
