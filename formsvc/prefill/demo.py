"""A small, fixed demo population: two households in Cần Thơ with valid ID numbers.

Enough to sign in and see prefill work with people the README can name; the generator in
``formsvc.prefill.generator`` adds a realistic crowd around them. Seeding is idempotent and
brings existing demo records up to this definition.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from formsvc.identity import compose
from formsvc.prefill.models import HEAD_OF_HOUSEHOLD, Citizen, Household
from formsvc.prefill.units import Ward, load_units

__all__ = ["DEMO_HOUSEHOLDS", "DemoPerson", "seed_demo_population"]

CAN_THO = 92
_POLICE = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
_MINISTRY = "Bộ Công an"


class DemoPerson(NamedTuple):
    name: str
    sex: str
    born: date
    relationship: str
    phone: str | None
    email: str | None
    serial: int
    details: dict[str, Any]
    # Links to other demo people, by serial: {"father": 567895, "spouse": 234562}.
    links: dict[str, int]


# (street, ward in Cần Thơ, members)
DEMO_HOUSEHOLDS = [
    ("Số 12, đường Trần Hưng Đạo", "Phường Ninh Kiều", [
        DemoPerson("Nguyễn Văn An", "male", date(1980, 3, 14), HEAD_OF_HOUSEHOLD, "0912345678",
                   "nguyenvanan@example.vn", 123451,
                   {"hometown": "Xã Phong Điền, Thành phố Cần Thơ", "blood_group": "O",
                    "marital_status": "Đã kết hôn", "old_id_number": "361234567",
                    "id_card_issue_date": date(2021, 4, 20), "id_card_issue_place": _POLICE,
                    "id_card_expiry_date": date(2040, 3, 14)},
                   {"spouse": 234562}),
        DemoPerson("Trần Thị Bích Ngọc", "female", date(1984, 11, 2), "Vợ", "0987654321", None,
                   234562,
                   {"hometown": "Xã Long Hồ, Tỉnh Vĩnh Long", "religion": "Phật giáo",
                    "marital_status": "Đã kết hôn", "old_id_number": "331456789",
                    "id_card_issue_date": date(2024, 9, 16), "id_card_issue_place": _MINISTRY,
                    "id_card_expiry_date": date(2044, 11, 2)},
                   {"spouse": 123451}),
        DemoPerson("Nguyễn Minh Khôi", "male", date(2010, 6, 25), "Con đẻ", None, None, 345673,
                   {"hometown": "Xã Phong Điền, Thành phố Cần Thơ",
                    "marital_status": "Chưa kết hôn",
                    "id_card_issue_date": date(2024, 8, 1), "id_card_issue_place": _MINISTRY,
                    "id_card_expiry_date": date(2035, 6, 25)},
                   {"father": 123451, "mother": 234562}),
    ]),
    ("Số 45/7, đường 30 Tháng 4", "Phường Tân An", [
        DemoPerson("Lê Thị Hồng Nhung", "female", date(1992, 8, 9), HEAD_OF_HOUSEHOLD,
                   "0368123456", "hongnhung.le@example.vn", 456784,
                   {"hometown": "Phường Sóc Trăng, Thành phố Cần Thơ", "blood_group": "B",
                    "marital_status": "Chưa kết hôn", "old_id_number": "365987123",
                    "id_card_issue_date": date(2021, 6, 2), "id_card_issue_place": _POLICE,
                    "id_card_expiry_date": date(2032, 8, 9)},
                   {"father": 567895}),
        DemoPerson("Thạch Sô Phol", "male", date(1958, 1, 30), "Cha đẻ", None, None, 567895,
                   {"hometown": "Phường Vĩnh Châu, Thành phố Cần Thơ", "ethnicity": "Khmer",
                    "religion": "Phật giáo", "marital_status": "Góa",
                    "old_id_number": "360112233",
                    "id_card_issue_date": date(2021, 3, 5), "id_card_issue_place": _POLICE},
                   {}),
    ]),
]  # fmt: skip


def _ward(session: Session, name: str) -> Ward:
    return session.scalars(
        select(Ward).where(Ward.name == name, Ward.province_code == CAN_THO)
    ).one()


def _apply(citizen: Citizen, person: DemoPerson, street: str, ward: Ward) -> None:
    place = f"{ward.name}, {ward.province.name}"
    values: dict[str, Any] = {
        "full_name": person.name,
        "date_of_birth": person.born,
        "sex": person.sex,
        "phone": person.phone,
        "email": person.email,
        "relationship_to_head": person.relationship,
        "ethnicity": "Kinh",
        "religion": "Không",
        "nationality": "Việt Nam",
        "place_of_birth": place,
        "birth_registration_place": f"Ủy ban nhân dân {place}",
        "id_card_number": citizen.personal_id,
        "permanent_street": street,
        "permanent_ward": ward,
        "current_street": street,
        "current_ward": ward,
        **person.details,
    }
    for key, value in values.items():
        setattr(citizen, key, value)


def seed_demo_population(session: Session) -> list[Citizen]:
    """Insert or update the demo households; returns the demo citizens in the order above."""
    load_units(session)
    citizens: dict[int, Citizen] = {}
    for street, ward_name, members in DEMO_HOUSEHOLDS:
        ward = _ward(session, ward_name)
        household: Household | None = None
        for person in members:
            personal_id = compose(f"{CAN_THO:03d}", person.sex, person.born, person.serial)
            citizen = session.scalars(
                select(Citizen).where(Citizen.personal_id == personal_id)
            ).one_or_none() or Citizen(personal_id=personal_id)
            _apply(citizen, person, street, ward)
            household = citizen.household or household or Household(street=street, ward=ward)
            household.street, household.ward = street, ward
            citizen.household = household
            session.add(citizen)
            citizens[person.serial] = citizen
    for _street, _ward_name, members in DEMO_HOUSEHOLDS:
        for person in members:
            for relation, serial in person.links.items():
                setattr(citizens[person.serial], relation, citizens[serial])
    session.flush()
    return list(citizens.values())
