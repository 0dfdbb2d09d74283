"""Administrative units: the 34 provinces and their communes/wards since 1 July 2025, and the
old 63-province list that personal ID numbers still encode.

The current units come from the ``vietnam-provinces`` package so their names and codes match
what other systems use; they are copied into tables so residences can reference a real unit
with a foreign key. The old list stays because the 2025 merger renumbered no one: an ID number
issued in Sóc Trăng still starts 094 although Sóc Trăng is now part of Cần Thơ.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from vietnam_provinces import Province as PackageProvince
from vietnam_provinces import Ward as PackageWard

from formsvc.db import Base
from formsvc.identity import BIRTH_REGISTRATION_PROVINCES

__all__ = [
    "PREDECESSORS",
    "LegacyProvince",
    "Province",
    "Ward",
    "clean_name",
    "full_address",
    "load_units",
]

# Which old provinces (ID-number codes) each current province (package code) was formed from,
# per Nghị quyết 202/2025/QH15. Every one of the 63 old codes appears exactly once.
PREDECESSORS: dict[int, tuple[str, ...]] = {
    1: ("001",), 4: ("004",), 8: ("008", "002"), 11: ("011",), 12: ("012",), 14: ("014",),
    15: ("010", "015"), 19: ("019", "006"), 20: ("020",), 22: ("022",), 24: ("027", "024"),
    25: ("025", "026", "017"), 31: ("031", "030"), 33: ("033", "034"),
    37: ("037", "035", "036"), 38: ("038",), 40: ("040",), 42: ("042",), 44: ("045", "044"),
    46: ("046",), 48: ("048", "049"), 51: ("051", "062"), 52: ("064", "052"),
    56: ("056", "058"), 66: ("066", "054"), 68: ("068", "067", "060"), 75: ("075", "070"),
    79: ("079", "074", "077"), 80: ("072", "080"), 82: ("087", "082"),
    86: ("086", "083", "084"), 91: ("089", "091"), 92: ("092", "094", "093"),
    96: ("096", "095"),
}  # fmt: skip


class Province(Base):
    """A province or centrally-run city (tỉnh, thành phố trực thuộc trung ương)."""

    __tablename__ = "provinces"

    code: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(80))
    division_type: Mapped[str] = mapped_column(String(32))
    codename: Mapped[str] = mapped_column(String(64))


class Ward(Base):
    """A commune, ward or special zone (xã, phường, đặc khu): the lower of the two tiers."""

    __tablename__ = "wards"

    code: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(80))
    division_type: Mapped[str] = mapped_column(String(32))
    codename: Mapped[str] = mapped_column(String(64))
    province_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"), index=True)

    province: Mapped[Province] = relationship()


class LegacyProvince(Base):
    """One of the 63 pre-2025 provinces, as coded in the first three digits of ID numbers."""

    __tablename__ = "birth_registration_provinces"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    successor_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"))


def clean_name(name: str) -> str:
    """The package has a few names with doubled spaces ("Xã  Phú Hữu")."""
    return unicodedata.normalize("NFC", " ".join(name.split()))


def full_address(street: str | None, ward: Ward | None) -> str | None:
    """ "Street, ward, province" as written on documents; parts the record lacks are left out."""
    parts = [street, ward.name if ward else None, ward.province.name if ward else None]
    text = ", ".join(part for part in parts if part)
    return text or None


def load_units(session: Session) -> int:
    """Copy the package's units into the tables; idempotent. Returns how many rows it added."""
    known_wards = set(session.scalars(select(Ward.code)))
    wards = [ward for ward in PackageWard.iter_all() if int(ward.code) not in known_wards]
    if not wards and session.get(LegacyProvince, "001") is not None:
        return 0
    known_provinces = set(session.scalars(select(Province.code)))
    provinces = [p for p in PackageProvince.iter_all() if int(p.code) not in known_provinces]
    session.add_all(
        Province(code=int(p.code), name=clean_name(p.name), codename=p.codename,
                 division_type=str(p.division_type.value))
        for p in provinces
    )  # fmt: skip
    session.flush()
    session.add_all(
        Ward(code=int(w.code), name=clean_name(w.name), codename=w.codename,
             division_type=str(w.division_type.value), province_code=int(w.province_code))
        for w in wards
    )  # fmt: skip
    known_legacy = set(session.scalars(select(LegacyProvince.code)))
    legacy = [
        LegacyProvince(code=old, name=BIRTH_REGISTRATION_PROVINCES[old], successor_code=new)
        for new, olds in PREDECESSORS.items()
        for old in olds
        if old not in known_legacy
    ]
    session.add_all(legacy)
    session.flush()
    return len(provinces) + len(wards) + len(legacy)
