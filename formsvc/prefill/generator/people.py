"""Households and the people in them, one household at a time.

Each household is built whole (couple, children, the head's parents, a widow's late spouse),
so every family link points inside the same batch of rows and the generator never has to
remember earlier households: memory stays flat however many citizens are asked for.

People are ages first: a household type and the head's age are drawn, a spouse's age follows,
children are born to a mother aged 19–45 and after the father turns 20, and grandparents are
old enough to be the head's parents. The age pyramid is what comes out of that.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from formsvc.prefill.generator.identifiers import AffineSerials, email_for, phone
from formsvc.prefill.generator.names import FEMALE, MALE, name_for, surname_for
from formsvc.prefill.generator.places import Geography, Place, religion_table
from formsvc.prefill.generator.weighted import Weighted
from formsvc.prefill.models import HEAD_OF_HOUSEHOLD

__all__ = ["CITIZEN_COLUMNS", "HOUSEHOLD_COLUMNS", "REFERENCE_DATE", "Maker", "Row"]

# Generated ages are as of this day, so the same seed gives the same people on any day.
REFERENCE_DATE = date(2026, 1, 1)

CITIZEN_COLUMNS = (
    "id", "personal_id", "full_name", "other_name", "date_of_birth", "sex", "place_of_birth",
    "birth_registration_place", "hometown", "ethnicity", "religion", "nationality",
    "blood_group", "marital_status", "id_card_number", "id_card_issue_date",
    "id_card_issue_place", "id_card_expiry_date", "old_id_number", "phone", "email",
    "permanent_street", "permanent_ward_code", "temporary_street", "temporary_ward_code",
    "current_street", "current_ward_code", "date_of_death", "household_id",
    "relationship_to_head", "father_id", "mother_id", "spouse_id",
)  # fmt: skip
HOUSEHOLD_COLUMNS = ("id", "street", "ward_code")

Row = dict[str, Any]

_REF = REFERENCE_DATE.toordinal()
_YEAR = 365.2425
_POLICE = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
_MINISTRY = "Bộ Công an"  # issues the Căn cước card since 1 July 2024
_MINISTRY_FROM = date(2024, 7, 1).toordinal()
_CAMPAIGN = (date(2021, 1, 1).toordinal(), date(2021, 12, 31).toordinal())
_CARD_MILESTONES = (25, 40, 60)  # ages at which a card must be renewed

SINGLE, MARRIED, DIVORCED, WIDOWED = "Chưa kết hôn", "Đã kết hôn", "Đã ly hôn", "Góa"

_HOUSEHOLD_KINDS = Weighted(
    {"single": 11, "couple": 14, "nuclear": 47, "single_parent": 7, "three_generations": 21}
)
_SINGLE_AGES = Weighted({(19, 29): 25, (30, 59): 30, (60, 88): 45})
_SINGLE_STATUS = {
    (19, 29): Weighted({SINGLE: 95, DIVORCED: 5}),
    (30, 59): Weighted({SINGLE: 50, DIVORCED: 40, WIDOWED: 10}),
    (60, 88): Weighted({WIDOWED: 60, DIVORCED: 15, SINGLE: 25}),
}
_BLOOD = Weighted({"O": 42, "B": 30, "A": 21, "AB": 7})
_CHILDREN_BY_COHORT = (
    (1970, Weighted({1: 10, 2: 30, 3: 35, 4: 25})),
    (1990, Weighted({1: 25, 2: 50, 3: 20, 4: 5})),
    (9999, Weighted({1: 30, 2: 50, 3: 15, 4: 5})),
)
# What a death clears: the record leaves the household and keeps no card, phone or email.
_GONE_WITH_DEATH = (
    "household_id", "relationship_to_head", "current_street", "current_ward_code",
    "temporary_street", "temporary_ward_code", "phone", "email", "id_card_number",
    "id_card_issue_date", "id_card_issue_place", "id_card_expiry_date",
)  # fmt: skip
# A household is at most this many rows (parents, four children, grandparents).
MAX_HOUSEHOLD = 9


@dataclass(frozen=True)
class _Home:
    id: int
    street: str
    place: Place


def _anniversary(born: date, years: int) -> int:
    try:
        return born.replace(year=born.year + years).toordinal()
    except ValueError:  # born on 29 February
        return date(born.year + years, 2, 28).toordinal()


def _card_expiry(born: date, issued: int) -> int | None:
    """Valid until the next renewal age; a card issued within two years of it skips it."""
    for age in _CARD_MILESTONES:
        if issued < _anniversary(born, age - 2):
            return _anniversary(born, age)
    return None


class Maker:
    """Draws households from one seeded random stream; ids continue from the given ones."""

    def __init__(
        self, seed: int, geography: Geography, first_citizen_id: int, first_household_id: int
    ) -> None:
        self.rng = random.Random(seed)
        self.geography = geography
        self.serials = AffineSerials(seed, 6)
        self.old_ids = AffineSerials(seed + 1, 9)
        self.next_citizen = first_citizen_id
        self.next_household = first_household_id
        self.previous: tuple[str, Place] | None = None
        self.kinds: dict[str, Callable[[_Home], list[Row]]] = {
            "single": self._single,
            "couple": self._couple_only,
            "nuclear": self._nuclear,
            "single_parent": self._single_parent,
            "three_generations": self._three_generations,
        }

    # -- households -------------------------------------------------------------------------

    def household(self, room: int) -> tuple[tuple[Any, ...], list[Row]]:
        """One household row and its people; ``room`` caps how many rows it may produce."""
        rng = self.rng
        if self.previous is not None and rng.random() < 0.05:
            street, place = self.previous  # another household at the same address
        else:
            place = self.geography.place(rng)
            street = place.street(rng)
        self.previous = (street, place)
        home = _Home(self.next_household, street, place)
        self.next_household += 1
        if room < MAX_HOUSEHOLD:
            people = self._single(home, with_late_spouse=False)
        else:
            people = self.kinds[_HOUSEHOLD_KINDS.pick(rng)](home)
        return (home.id, street, place.ward_code), people

    def _single(self, home: _Home, with_late_spouse: bool = True) -> list[Row]:
        rng = self.rng
        ages = _SINGLE_AGES.pick(rng)
        sex = MALE if rng.random() < 0.5 else FEMALE
        ethnicity = home.place.ethnicity.pick(rng)
        person = self._adult(home, sex, self._born(*ages), ethnicity, HEAD_OF_HOUSEHOLD)
        person["marital_status"] = status = _SINGLE_STATUS[ages].pick(rng)
        if status == WIDOWED and with_late_spouse:
            return [person, self._late_spouse_of(home, person)]
        return [person]

    def _couple_only(self, home: _Home) -> list[Row]:
        young = self.rng.random() < 0.5
        husband, wife = self._couple(home, (23, 32) if young else (55, 85))
        return [husband, wife]

    def _nuclear(self, home: _Home) -> list[Row]:
        husband, wife = self._couple(home, (24, 58))
        return [husband, wife, *self._children(home, husband, wife)]

    def _single_parent(self, home: _Home) -> list[Row]:
        rng = self.rng
        sex = FEMALE if rng.random() < 0.75 else MALE
        parent = self._adult(
            home, sex, self._born(26, 55), home.place.ethnicity.pick(rng), HEAD_OF_HOUSEHOLD
        )
        rows = [parent]
        other: Row | None = None
        if rng.random() < 0.35:
            parent["marital_status"] = WIDOWED
            other = self._late_spouse_of(home, parent)
            rows.append(other)
        else:
            parent["marital_status"] = DIVORCED
        father, mother = (parent, other) if sex == MALE else (other, parent)
        children = self._children(home, father, mother)
        if other is not None and children:  # the late parent lived to see the youngest born
            youngest = date.fromisoformat(children[-1]["date_of_birth"]).toordinal()
            self._bury(other, not_before=youngest + 1)
        return rows + children

    def _three_generations(self, home: _Home) -> list[Row]:
        husband, wife = self._couple(home, (28, 55))
        head = husband if husband["relationship_to_head"] == HEAD_OF_HOUSEHOLD else wife
        return [
            husband,
            wife,
            *self._children(home, husband, wife),
            *self._parents_of(home, head),
        ]

    # -- people -----------------------------------------------------------------------------

    def _born(self, youngest: int, oldest: int) -> date:
        years = youngest + self.rng.random() * (oldest + 1 - youngest)
        return date.fromordinal(_REF - int(years * _YEAR) - 1)

    def _hometown(self, near: Place) -> Place:
        """Where the family comes from: usually the same province, sometimes anywhere."""
        rng = self.rng
        return self.geography.place(rng, near.province_code if rng.random() < 0.85 else None)

    def _adult(
        self,
        home: _Home,
        sex: str,
        born: date,
        ethnicity: str,
        relationship: str,
        religion: str | None = None,
        origin: Place | None = None,
        surname: str | None = None,
    ) -> Row:
        origin = origin or self._hometown(home.place)
        return self._person(
            home,
            sex,
            born,
            ethnicity,
            surname or surname_for(self.rng, ethnicity, origin.southern),
            relationship,
            religion or religion_table(ethnicity).pick(self.rng),
            origin.text,
            origin,
        )

    def _person(
        self,
        home: _Home,
        sex: str,
        born: date,
        ethnicity: str,
        surname: str,
        relationship: str,
        religion: str,
        hometown: str,
        birthplace: Place,
    ) -> Row:
        rng = self.rng
        age = (_REF - born.toordinal()) / _YEAR
        code = birthplace.registration_codes[int(rng.random() * len(birthplace.registration_codes))]
        name = name_for(rng, ethnicity, sex, born.year, surname)
        row = dict.fromkeys(CITIZEN_COLUMNS)
        row.update(
            id=self.next_citizen,
            personal_id=self.serials.personal_id(code, sex, born),
            full_name=name,
            date_of_birth=born.isoformat(),
            sex=sex,
            place_of_birth=birthplace.text,
            birth_registration_place=f"Ủy ban nhân dân {birthplace.text}",
            hometown=hometown,
            ethnicity=ethnicity,
            religion=religion,
            nationality="Việt Nam",
            marital_status=SINGLE if age < 18 else None,
            household_id=home.id,
            relationship_to_head=relationship,
            permanent_street=home.street,
            permanent_ward_code=home.place.ward_code,
            current_street=home.street,
            current_ward_code=home.place.ward_code,
        )
        self.next_citizen += 1
        if age >= 14:
            self._card(row, born)
        if born.year <= 2007 and rng.random() < (0.9 if born.year <= 1995 else 0.6):
            row["old_id_number"] = self.old_ids.next()
        if age >= 15 and rng.random() < (0.92 if age < 75 else 0.5):
            row["phone"] = phone(rng)
        if 16 <= age < 60 and rng.random() < 0.4:
            row["email"] = email_for(rng, name, born.year)
        if rng.random() < 0.35:
            row["blood_group"] = _BLOOD.pick(rng)
        if relationship != HEAD_OF_HOUSEHOLD and 18 <= age < 36 and rng.random() < 0.1:
            away = self.geography.city_place(rng)
            row["temporary_street"] = row["current_street"] = away.street(rng)
            row["temporary_ward_code"] = row["current_ward_code"] = away.ward_code
        if born.year < 1975 and rng.random() < 0.01:
            row["other_name"] = name_for(rng, ethnicity, sex, born.year, surname)
        return row

    def _card(self, row: Row, born: date) -> None:
        """The Căn cước / CCCD card: its number is the personal ID number since 2016."""
        rng = self.rng
        start = max(_anniversary(born, 14), _CAMPAIGN[0])
        if start >= _REF:
            return
        if start == _CAMPAIGN[0] and rng.random() < 0.7:
            issued = _CAMPAIGN[0] + int(rng.random() * (_CAMPAIGN[1] - _CAMPAIGN[0]))
        else:
            issued = start + int(rng.random() * (_REF - start))
        expiry = _card_expiry(born, issued)
        if expiry is not None and expiry < _REF:  # renewed in the two years before it lapsed
            issued = min(expiry - 1 - int(rng.random() * 700), _REF - 1)
            expiry = _card_expiry(born, issued)
        row["id_card_number"] = row["personal_id"]
        row["id_card_issue_date"] = date.fromordinal(issued).isoformat()
        row["id_card_issue_place"] = _MINISTRY if issued >= _MINISTRY_FROM else _POLICE
        row["id_card_expiry_date"] = (
            None if expiry is None else date.fromordinal(expiry).isoformat()
        )

    def _couple(self, home: _Home, ages: tuple[int, int]) -> tuple[Row, Row]:
        """A married couple, linked both ways; the husband heads most households."""
        rng = self.rng
        husband_born = self._born(*ages)
        gap = min(max(rng.gauss(3, 3), -5), 12)
        wife_born = date.fromordinal(
            min(husband_born.toordinal() + int(gap * _YEAR), _REF - 20 * 366)
        )
        ethnicity = home.place.ethnicity.pick(rng)
        wife_ethnicity = ethnicity if rng.random() < 0.9 else home.place.ethnicity.pick(rng)
        religion = religion_table(ethnicity).pick(rng)
        wife_religion = (
            religion if rng.random() < 0.85 else religion_table(wife_ethnicity).pick(rng)
        )
        husband_heads = rng.random() < 0.8
        husband = self._adult(
            home,
            MALE,
            husband_born,
            ethnicity,
            HEAD_OF_HOUSEHOLD if husband_heads else "Chồng",
            religion,
        )
        wife = self._adult(home, FEMALE, wife_born, wife_ethnicity,
                           "Vợ" if husband_heads else HEAD_OF_HOUSEHOLD, wife_religion)  # fmt: skip
        _marry(husband, wife)
        return husband, wife

    def _late_spouse_of(self, home: _Home, survivor: Row) -> Row:
        """The deceased husband or wife of a widowed citizen, still linked as spouse."""
        rng = self.rng
        born = date.fromisoformat(survivor["date_of_birth"])
        sex = FEMALE if survivor["sex"] == MALE else MALE
        shift = int(rng.gauss(3 if sex == MALE else -3, 2) * _YEAR)
        late = self._adult(home, sex, date.fromordinal(born.toordinal() - shift),
                           survivor["ethnicity"], "", survivor["religion"])  # fmt: skip
        self._bury(late)
        _marry(late, survivor)
        survivor["marital_status"] = WIDOWED
        return late

    def _bury(self, row: Row, not_before: int = 0) -> None:
        """Record a death: the person leaves the household and keeps no card or phone."""
        born = date.fromisoformat(row["date_of_birth"])
        earliest = max(_anniversary(born, 35), _REF - int(30 * _YEAR), not_before)
        died = min(earliest + int(self.rng.random() * max(_REF - earliest, 1)), _REF - 1)
        row.update(
            dict.fromkeys(_GONE_WITH_DEATH), date_of_death=date.fromordinal(died).isoformat()
        )

    def _children(self, home: _Home, father: Row | None, mother: Row | None) -> list[Row]:
        """Children still living at home (27 or younger), born to a mother aged 19–45."""
        rng = self.rng
        parent = father or mother
        assert parent is not None
        mother_born = (
            date.fromisoformat(mother["date_of_birth"])
            if mother
            else date.fromordinal(date.fromisoformat(parent["date_of_birth"]).toordinal() + 1000)
        )
        start = mother_born.toordinal() + int(rng.uniform(19, 31) * _YEAR)
        if father is not None:
            start = max(start, _anniversary(date.fromisoformat(father["date_of_birth"]), 20))
        count = next(table for until, table in _CHILDREN_BY_COHORT if mother_born.year < until)
        surname = parent["full_name"].split(" ", 1)[0]
        children = []
        at = start
        for _ in range(count.pick(rng)):
            if at >= _REF or at > _anniversary(mother_born, 45):
                break
            if _REF - at <= 27 * _YEAR:
                child = self._person(
                    home, MALE if rng.random() < 0.512 else FEMALE, date.fromordinal(at),
                    parent["ethnicity"], surname, "Con đẻ", parent["religion"],
                    parent["hometown"], home.place,
                )  # fmt: skip
                child["father_id"] = father["id"] if father else None
                child["mother_id"] = mother["id"] if mother else None
                children.append(child)
            at += int(rng.uniform(1.5, 6) * _YEAR)
        return children

    def _parents_of(self, home: _Home, head: Row) -> list[Row]:
        """The head's father and mother living with them; one or both may have died."""
        rng = self.rng
        head_born = date.fromisoformat(head["date_of_birth"]).toordinal()
        mother_born = date.fromordinal(head_born - int(rng.uniform(20, 38) * _YEAR))
        father_born = date.fromordinal(
            min(mother_born.toordinal() - int(rng.gauss(3, 2.5) * _YEAR), head_born - 21 * 366)
        )
        origin = self.geography.place(rng, home.place.province_code)
        ethnicity, religion = head["ethnicity"], head["religion"]
        surname = head["full_name"].split(" ", 1)[0]
        father = self._adult(
            home, MALE, father_born, ethnicity, "Cha đẻ", religion, origin, surname
        )
        mother = self._adult(home, FEMALE, mother_born, ethnicity, "Mẹ đẻ", religion, origin)
        father["hometown"] = head["hometown"]
        head["father_id"], head["mother_id"] = father["id"], mother["id"]
        _marry(father, mother)
        oldest_alive = _REF - int(98 * _YEAR)
        father_died = father_born.toordinal() < oldest_alive or rng.random() < 0.2
        mother_died = mother_born.toordinal() < oldest_alive or (
            not father_died and rng.random() < 0.25
        )
        for parent, died in ((father, father_died), (mother, mother_died)):
            if died:
                self._bury(parent, not_before=head_born)
            elif father_died or mother_died:
                parent["marital_status"] = WIDOWED
        return [father, mother]

    def reissue(self, row: Row) -> None:
        """A new personal ID number for a row whose number the database already holds."""
        head = row["personal_id"][:6]
        row["personal_id"] = head + self.serials.next(head)
        if row["id_card_number"] is not None:
            row["id_card_number"] = row["personal_id"]


def _marry(one: Row, other: Row) -> None:
    one["spouse_id"], other["spouse_id"] = other["id"], one["id"]
    one["marital_status"] = other["marital_status"] = MARRIED
