"""Column types shared by every model so SQLite and PostgreSQL store the same shapes."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime
from sqlalchemy.dialects.postgresql import JSONB

__all__ = ["JSONDocument", "OrderedJSON", "UTCDateTime", "utcnow"]

# JSONB on PostgreSQL (indexable, compact); plain JSON text on SQLite.
JSONDocument = JSON().with_variant(JSONB(), "postgresql")

# JSONB sorts object keys, which would reorder a form's properties; ``json`` keeps the text.
OrderedJSON = JSON()

UTCDateTime = DateTime(timezone=True)


def utcnow() -> datetime:
    return datetime.now(UTC)
