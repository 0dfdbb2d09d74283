"""The mock national population database (Cơ sở dữ liệu quốc gia về dân cư).

Citizens carry the attributes of Luật Căn cước 2023 Điều 9 that forms reuse. Residences are a
street line plus a real ward (whose province follows from it), so an address is never a
free-text guess at today's units. Family ties are links between records: each child points at
its father and mother, and spouses point at each other.

A household's head is the member whose relationship is "Chủ hộ" (at most one per household,
enforced by a partial unique index); storing the head on the household as well would create a
foreign-key cycle that PostgreSQL migrations must special-case.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, and_, event, or_, text
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    Session,
    foreign,
    mapped_column,
    relationship,
    remote,
)

from formsvc.db import Base
from formsvc.prefill.units import Ward
from formsvc.types import JSONDocument, UTCDateTime, utcnow

__all__ = [
    "HEAD_OF_HOUSEHOLD",
    "AppendOnlyError",
    "Citizen",
    "GeneratedPopulation",
    "Household",
    "PrefillRead",
]

HEAD_OF_HOUSEHOLD = "Chủ hộ"

_IS_HEAD = text("relationship_to_head = 'Chủ hộ'")


class Household(Base):
    """A household (hộ gia đình) registered at one address; several may share an address."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    street: Mapped[str] = mapped_column(Text)
    ward_code: Mapped[int | None] = mapped_column(ForeignKey("wards.code"))

    ward: Mapped[Ward | None] = relationship()
    members: Mapped[list[Citizen]] = relationship(back_populates="household")
    head: Mapped[Citizen | None] = relationship(
        primaryjoin=lambda: and_(
            Household.id == foreign(Citizen.household_id),
            Citizen.relationship_to_head == HEAD_OF_HOUSEHOLD,
        ),
        viewonly=True,
        uselist=False,
    )


def _ward(column: str) -> Mapped[Ward | None]:
    return relationship(foreign_keys=column)


class Citizen(Base):
    __tablename__ = "citizens"
    __table_args__ = (
        Index(
            "uq_citizens_household_head",
            "household_id",
            unique=True,
            sqlite_where=_IS_HEAD,
            postgresql_where=_IS_HEAD,
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    personal_id: Mapped[str] = mapped_column(String(12), unique=True)
    # The birth name (họ, chữ đệm và tên khai sinh), surname first.
    full_name: Mapped[str] = mapped_column(String(120))
    other_name: Mapped[str | None] = mapped_column(String(120))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(8))
    place_of_birth: Mapped[str | None] = mapped_column(Text)
    birth_registration_place: Mapped[str | None] = mapped_column(Text)
    hometown: Mapped[str | None] = mapped_column(Text)
    ethnicity: Mapped[str] = mapped_column(String(40), default="Kinh")
    religion: Mapped[str] = mapped_column(String(40), default="Không", server_default="Không")
    nationality: Mapped[str] = mapped_column(String(40), default="Việt Nam")
    blood_group: Mapped[str | None] = mapped_column(String(3))
    marital_status: Mapped[str | None] = mapped_column(String(24))
    id_card_number: Mapped[str | None] = mapped_column(String(12))
    id_card_issue_date: Mapped[date | None] = mapped_column(Date)
    id_card_issue_place: Mapped[str | None] = mapped_column(Text)
    id_card_expiry_date: Mapped[date | None] = mapped_column(Date)
    old_id_number: Mapped[str | None] = mapped_column(String(9))
    phone: Mapped[str | None] = mapped_column(String(10))
    email: Mapped[str | None] = mapped_column(String(254))
    permanent_street: Mapped[str | None] = mapped_column(Text)
    permanent_ward_code: Mapped[int | None] = mapped_column(ForeignKey("wards.code"))
    temporary_street: Mapped[str | None] = mapped_column(Text)
    temporary_ward_code: Mapped[int | None] = mapped_column(ForeignKey("wards.code"))
    current_street: Mapped[str | None] = mapped_column(Text)
    current_ward_code: Mapped[int | None] = mapped_column(ForeignKey("wards.code"))
    date_of_death: Mapped[date | None] = mapped_column(Date)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    relationship_to_head: Mapped[str | None] = mapped_column(String(32))
    father_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"), index=True)
    mother_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"), index=True)
    spouse_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"), index=True)

    household: Mapped[Household | None] = relationship(back_populates="members")
    permanent_ward: Mapped[Ward | None] = _ward("Citizen.permanent_ward_code")
    temporary_ward: Mapped[Ward | None] = _ward("Citizen.temporary_ward_code")
    current_ward: Mapped[Ward | None] = _ward("Citizen.current_ward_code")
    father: Mapped[Citizen | None] = relationship(
        remote_side="Citizen.id", foreign_keys="Citizen.father_id"
    )
    mother: Mapped[Citizen | None] = relationship(
        remote_side="Citizen.id", foreign_keys="Citizen.mother_id"
    )
    # Each spouse points at the other; post_update lets the ORM insert such a pair.
    spouse: Mapped[Citizen | None] = relationship(
        remote_side="Citizen.id", foreign_keys="Citizen.spouse_id", post_update=True
    )
    children: Mapped[list[Citizen]] = relationship(
        primaryjoin=lambda: or_(
            Citizen.id == foreign(remote(Citizen.father_id)),
            Citizen.id == foreign(remote(Citizen.mother_id)),
        ),
        viewonly=True,
        order_by=lambda: (remote(Citizen.date_of_birth), remote(Citizen.id)),
    )


class GeneratedPopulation(Base):
    """One run of the population generator, so seeding the same run twice can be a no-op."""

    __tablename__ = "generated_populations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seed: Mapped[int] = mapped_column(Integer)
    citizens: Mapped[int] = mapped_column(Integer)
    households: Mapped[int] = mapped_column(Integer)
    generated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PrefillRead(Base):
    """Audit row: who read whose population data, which paths, for which form, and why.

    Append-only: the events below refuse ORM updates and deletes of these rows, so no code
    path of the application can rewrite what was read; purging old rows under a retention
    policy is an operator's job on the database, outside the application.
    """

    __tablename__ = "prefill_reads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reader_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64), index=True)
    form_version: Mapped[int] = mapped_column(Integer)
    paths: Mapped[list[str]] = mapped_column(JSONDocument)
    purpose: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(
        String(32), default="population", server_default="population"
    )


class AppendOnlyError(RuntimeError):
    """Raised when the application tries to change or remove an audit row."""


def _refuse(*_args: Any) -> None:
    raise AppendOnlyError("prefill audit rows are append-only")


event.listen(PrefillRead, "before_update", _refuse)
event.listen(PrefillRead, "before_delete", _refuse)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    """``session.execute(update(PrefillRead))`` bypasses the mapper events above."""
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is PrefillRead for mapper in state.all_mappers
    ):
        _refuse()
