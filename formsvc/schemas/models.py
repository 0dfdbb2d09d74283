"""Published form versions: immutable once stored, so a submission can pin one forever."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from formsvc.db import Base
from formsvc.schemas.document import form_code
from formsvc.types import OrderedJSON, UTCDateTime, utcnow

__all__ = ["FormDraft", "FormVersion"]


class FormVersion(Base):
    __tablename__ = "form_versions"
    __table_args__ = (UniqueConstraint("form_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    document: Mapped[dict[str, Any]] = mapped_column(OrderedJSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    legal_basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    change_note: Mapped[str] = mapped_column(Text, default="")
    published_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    @property
    def code(self) -> str:
        return form_code(self.form_id, self.document)


@event.listens_for(FormVersion, "before_update")
@event.listens_for(FormVersion, "before_delete")
def _immutable(_mapper: object, _connection: object, version: FormVersion) -> None:
    """Published versions are the law submissions were judged by: never rewritten."""
    raise PermissionError(f"form {version.form_id} version {version.version} is published")


class FormDraft(Base):
    """The one working copy of a form that staff edit before publishing it as a version."""

    __tablename__ = "form_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[str] = mapped_column(String(64), unique=True)
    document: Mapped[dict[str, Any]] = mapped_column(OrderedJSON)
    based_on_version: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # Optimistic locking: every save bumps it, and a save based on an older one is refused.
    # As the mapper's version column, each UPDATE also says "WHERE revision = <the one read>",
    # so two saves racing between read and write cannot both win either.
    revision: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = {"version_id_col": revision}  # noqa: RUF012
