"""A small, fixed demo population: two households in Cần Thơ with valid ID numbers.

Enough to sign in and see prefill work; the realistic generator for millions of citizens is
a separate concern.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from formsvc.identity import compose
from formsvc.prefill.models import HEAD_OF_HOUSEHOLD, Citizen, Household

__all__ = ["DEMO_HOUSEHOLDS", "seed_demo_population"]

# (address, [(full name, sex, date of birth, relationship to head, phone, email, serial)])
DEMO_HOUSEHOLDS = [
    (
        "Số 12, đường Trần Hưng Đạo, Phường Ninh Kiều, Thành phố Cần Thơ",
        [
            ("Nguyễn Văn An", "male", date(1980, 3, 14), HEAD_OF_HOUSEHOLD, "0912345678",
             "nguyenvanan@example.vn", 123451),
            ("Trần Thị Bích Ngọc", "female", date(1984, 11, 2), "Vợ", "0987654321", None, 234562),
            ("Nguyễn Minh Khôi", "male", date(2010, 6, 25), "Con đẻ", None, None, 345673),
        ],
    ),
    (
        "Số 45/7, đường 30 Tháng 4, Phường Tân An, Thành phố Cần Thơ",
        [
            ("Lê Thị Hồng Nhung", "female", date(1992, 8, 9), HEAD_OF_HOUSEHOLD, "0368123456",
             "hongnhung.le@example.vn", 456784),
            ("Thạch Sô Phol", "male", date(1958, 1, 30), "Cha đẻ", None, None, 567895),
        ],
    ),
]  # fmt: skip


def seed_demo_population(session: Session) -> list[Citizen]:
    """Insert the demo households once; returns the demo citizens (existing or new)."""
    citizens = []
    for address, members in DEMO_HOUSEHOLDS:
        household: Household | None = None
        for name, sex, born, relationship, phone, email, serial in members:
            personal_id = compose("092", sex, born, serial)
            citizen = session.scalars(
                select(Citizen).where(Citizen.personal_id == personal_id)
            ).one_or_none()
            if citizen is None:
                household = household or Household(address=address)
                citizen = Citizen(
                    personal_id=personal_id,
                    full_name=name,
                    date_of_birth=born,
                    sex=sex,
                    ethnicity="Khmer" if name.startswith("Thạch") else "Kinh",
                    phone=phone,
                    email=email,
                    permanent_address=address,
                    household=household,
                    relationship_to_head=relationship,
                )
                session.add(citizen)
            citizens.append(citizen)
    session.flush()
    return citizens
