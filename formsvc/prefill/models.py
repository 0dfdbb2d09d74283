"""The mock national population database (Cơ sở dữ liệu quốc gia về dân cư).

A household's head is the member whose relationship is "Chủ hộ"; storing it as a column on
both sides would create a foreign-key cycle that PostgreSQL migrations must special-case.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from formsvc.db import Base
from formsvc.types import JSONDocument, UTCDateTime, utcnow

__all__ = ["HEAD_OF_HOUSEHOLD", "Citizen", "Household", "PrefillRead"]

HEAD_OF_HOUSEHOLD = "Chủ hộ"


class Household(Base):
    __tablename__ = "households"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(Text)

    members: Mapped[list[Citizen]] = relationship(back_populates="household")

    @property
    def head(self) -> Citizen | None:
        return next((m for m in self.members if m.relationship_to_head == HEAD_OF_HOUSEHOLD), None)


class Citizen(Base):
    __tablename__ = "citizens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    personal_id: Mapped[str] = mapped_column(String(12), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(8))
    ethnicity: Mapped[str] = mapped_column(String(40), default="Kinh")
    nationality: Mapped[str] = mapped_column(String(40), default="Việt Nam")
    phone: Mapped[str | None] = mapped_column(String(10))
    email: Mapped[str | None] = mapped_column(String(254))
    permanent_address: Mapped[str | None] = mapped_column(Text)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    relationship_to_head: Mapped[str | None] = mapped_column(String(32))

    household: Mapped[Household | None] = relationship(back_populates="members")


class PrefillRead(Base):
    """Audit row: who read whose population data, which paths, for which form, and why."""

    __tablename__ = "prefill_reads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reader_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    paths: Mapped[list[str]] = mapped_column(JSONDocument)
    purpose: Mapped[str] = mapped_column(Text)
