"""Resolve a form's ``x-prefill`` paths for a signed-in citizen, with provenance and audit.

Only the paths the form maps are read (data minimisation), in one bulk fetch from the
configured source; every read is logged, and a value the source does not hold leaves the
field empty and editable rather than invented. A failing source is logged and yields
nothing: the citizen still gets a working, empty form.

The log is for people (the citizen's "who has read my data", an inspector's search), so it
records journeys, not page loads: one citizen filling one form reads the same paths on every
reload, post-back, check-your-answers page and confirmation. A read is written unless the
same reader already has a row for the same citizen, form version, source, purpose and paths
within :data:`JOURNEY` and since their latest consent decision; that row then stands for the
repeated reads. Reads without a reader account (the command line) are all written.

List paths (``citizen.household.members``) fill repeatable groups: each item property takes
the list entry's key named by its own ``x-prefill`` (item-relative, e.g. ``"full_name"``) or,
without one, the key equal to its property name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from formsvc.prefill.base import PrefillSkipped
from formsvc.prefill.consent import PrefillConsent
from formsvc.prefill.mapping import prefill_nodes
from formsvc.prefill.models import PrefillRead
from formsvc.prefill.registry import DEFAULT_SOURCE, Registry, register
from formsvc.schemas import FormDocument, Node
from formsvc.types import utcnow

__all__ = ["JOURNEY", "Prefilled", "resolve"]

log = logging.getLogger(__name__)

# How long one audit row stands for the same reader's repeated reads (see the docstring).
JOURNEY = timedelta(hours=1)


@dataclass(frozen=True)
class Prefilled:
    """A value from the population database and where it came from."""

    value: Any
    source: str  # the path, e.g. "citizen.full_name"
    locked: bool
    read_at: datetime
    provider: str = DEFAULT_SOURCE

    def as_provenance(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "provider": self.provider,
            "locked": self.locked,
            "read_at": self.read_at.isoformat(),
        }


def _fill_items(node: Node, entries: list[dict[str, Any]]) -> list[Any]:
    """List entries as the repeatable group's rows, keyed by the item's property names."""
    if node.item is None:
        return []
    keys = {child.name: child.prefill_key or child.name for child in node.item.children}
    rows = [
        {name: entry[key] for name, key in keys.items() if entry.get(key) is not None}
        for entry in entries
    ]
    return [row for row in rows if row]


def resolve(
    session: Session,
    document: FormDocument,
    citizen_id: int,
    reader_account_id: int | None,
    purpose: str,
    *,
    source: str = DEFAULT_SOURCE,
    registry: Registry | None = None,
) -> dict[tuple[str, ...], Prefilled]:
    """Prefilled values keyed by field path; writes one audit row per successful read."""
    nodes = prefill_nodes(document)
    if not nodes:
        return {}
    provider = (registry or register).create(source, session)
    offered = provider.attributes()
    paths = sorted({str(node.prefill) for node in nodes if node.prefill in offered})
    if not paths:
        return {}
    try:
        found = provider.fetch(citizen_id, paths)
    except PrefillSkipped:
        return {}
    except Exception:
        log.exception("prefill source %r failed for form %s", provider.name, document.form_id)
        return {}
    now = utcnow()
    values: dict[tuple[str, ...], Prefilled] = {}
    for node in nodes:
        value = found.get(str(node.prefill))
        if isinstance(value, list) and offered[str(node.prefill)].items:
            value = _fill_items(node, value)
        if value not in (None, []):
            values[node.path] = Prefilled(value, str(node.prefill), node.locked, now, provider.name)
    read = PrefillRead(
        read_at=now,
        reader_account_id=reader_account_id,
        citizen_id=citizen_id,
        form_id=document.form_id,
        form_version=document.version,
        paths=paths,
        purpose=purpose,
        source=provider.name,
    )
    if not _journey_recorded(session, read):
        session.add(read)
    return values


def _journey_recorded(session: Session, read: PrefillRead) -> bool:
    """Whether a row of this reader's current journey already stands for ``read``."""
    if read.reader_account_id is None:
        return False
    decided = session.scalar(
        select(func.max(PrefillConsent.decided_at)).where(
            PrefillConsent.account_id == read.reader_account_id,
            PrefillConsent.form_id == read.form_id,
        )
    )
    since = read.read_at - JOURNEY
    if decided is not None:
        since = max(since, decided if decided.tzinfo else decided.replace(tzinfo=since.tzinfo))
    earlier = session.scalars(
        select(PrefillRead.paths).where(
            PrefillRead.reader_account_id == read.reader_account_id,
            PrefillRead.citizen_id == read.citizen_id,
            PrefillRead.form_id == read.form_id,
            PrefillRead.form_version == read.form_version,
            PrefillRead.source == read.source,
            PrefillRead.purpose == read.purpose,
            PrefillRead.read_at >= since,
        )
    )
    return any(sorted(paths) == read.paths for paths in earlier)
