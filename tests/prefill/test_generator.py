"""The generated population: invariants of a seeded database, determinism, name realism.

The invariants are checked over every citizen in the test database: the fixed demo people,
the demo crowd ``prepare`` generates, and 3,000 more generated here.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from formsvc.db import get_engine, make_engine
from formsvc.identity import BIRTH_REGISTRATION_PROVINCES, parse
from formsvc.migrations import upgrade
from formsvc.prefill import Citizen, Household
from formsvc.prefill.generator import Maker, generate, stream
from formsvc.prefill.generator.identifiers import PHONE_PREFIXES
from formsvc.prefill.generator.names import _KINH_SURNAMES, _SOUTHERN
from formsvc.prefill.generator.places import Geography
from formsvc.prefill.models import HEAD_OF_HOUSEHOLD
from formsvc.prefill.units import Ward
from tests.conftest import make_app

SEEDED = 3000


@pytest.fixture(scope="module")
def people(database_url: str, seeded: object) -> list[Citizen]:
    """Every citizen of the test database after seeding 3,000 more, detached and read-only."""
    app = make_app(database_url)
    generate(get_engine(app), SEEDED, seed=11)
    with Session(get_engine(app)) as session:
        everyone = list(session.scalars(select(Citizen)))
        session.expunge_all()
    get_engine(app).dispose()
    return everyone


def test_id_numbers_agree_with_sex_birth_year_and_province_list(people: list[Citizen]) -> None:
    assert len({person.personal_id for person in people}) == len(people)
    for person in people:
        decoded = parse(person.personal_id)
        assert decoded is not None, person.personal_id
        assert decoded.province_code in BIRTH_REGISTRATION_PROVINCES
        assert decoded.agrees_with(person.sex, person.date_of_birth), person.personal_id


def test_parents_are_old_enough_for_their_children(people: list[Citizen]) -> None:
    by_id = {person.id: person for person in people}
    linked = 0
    for child in people:
        for parent_id, youngest, oldest in ((child.mother_id, 18, 45), (child.father_id, 18, 80)):
            if parent_id is None:
                continue
            parent = by_id[parent_id]
            age_at_birth = (child.date_of_birth - parent.date_of_birth).days / 365.2425
            assert youngest <= age_at_birth <= oldest, (parent.full_name, child.full_name)
            linked += 1
    assert linked > SEEDED // 2


def test_spouses_are_linked_both_ways(people: list[Citizen]) -> None:
    by_id = {person.id: person for person in people}
    married = [person for person in people if person.spouse_id is not None]
    assert len(married) > SEEDED // 4
    for person in married:
        spouse = by_id[person.spouse_id]  # type: ignore[index]
        assert spouse.spouse_id == person.id
        assert spouse.sex != person.sex


def test_every_household_has_exactly_one_head(people: list[Citizen]) -> None:
    heads = Counter(p.household_id for p in people if p.relationship_to_head == HEAD_OF_HOUSEHOLD)
    households = {p.household_id for p in people if p.household_id is not None}
    assert heads.keys() == households
    assert set(heads.values()) == {1}


def test_the_dead_have_left_their_households(people: list[Citizen]) -> None:
    dead = [p for p in people if p.date_of_death is not None]
    assert dead
    for person in dead:
        assert person.household_id is None and person.relationship_to_head is None
        assert person.date_of_birth < person.date_of_death  # type: ignore[operator]
    assert all(p.household_id is not None for p in people if p.date_of_death is None)


def test_addresses_are_on_real_wards_and_members_share_the_household_address(
    app: Flask, people: list[Citizen]
) -> None:
    with Session(get_engine(app)) as session:
        wards = set(session.scalars(select(Ward.code)))
        households = {h.id: h for h in session.scalars(select(Household))}
    living = [p for p in people if p.date_of_death is None]
    for person in living:
        assert person.permanent_ward_code in wards and person.current_ward_code in wards
        assert person.temporary_ward_code is None or person.temporary_ward_code in wards
        home = households[person.household_id]  # type: ignore[index]
        assert (person.permanent_street, person.permanent_ward_code) == (
            home.street,
            home.ward_code,
        )
        assert (person.current_street, person.current_ward_code) in (
            (person.permanent_street, person.permanent_ward_code),
            (person.temporary_street, person.temporary_ward_code),
        )
    addresses = Counter((h.street, h.ward_code) for h in households.values())
    assert any(count > 1 for count in addresses.values()), "no households share an address"


def test_cards_phones_and_emails_look_real(people: list[Citizen]) -> None:
    prefixes = set(PHONE_PREFIXES.items)
    for person in people:
        if person.phone is not None:
            assert len(person.phone) == 10 and person.phone.isdigit()
            assert person.phone[:3] in prefixes, person.phone
        if person.id_card_number is not None:
            assert person.id_card_number == person.personal_id
            assert person.id_card_issue_date is not None
            assert (person.id_card_issue_date - person.date_of_birth).days >= 14 * 365
            expiry = person.id_card_expiry_date
            assert expiry is None or expiry > person.id_card_issue_date
        if person.old_id_number is not None:
            assert len(person.old_id_number) == 9 and person.old_id_number.isdigit()
        if person.email is not None:
            assert "@example." in person.email


def test_names_are_surname_first_with_realistic_frequencies(people: list[Citizen]) -> None:
    kinh = [p for p in people if p.ethnicity == "Kinh"]
    surnames = Counter(p.full_name.split()[0] for p in kinh)
    known = set(_KINH_SURNAMES) | set(_SOUTHERN.values())
    assert set(surnames) <= known
    assert 0.30 <= surnames["Nguyễn"] / len(kinh) <= 0.48
    assert surnames.most_common(3)[0][0] == "Nguyễn"
    assert {name for name, _ in surnames.most_common(4)} == {"Nguyễn", "Trần", "Lê", "Phạm"}
    women = [p.full_name.split() for p in kinh if p.sex == "female"]
    men = [p.full_name.split() for p in kinh if p.sex == "male"]
    assert all("Thị" not in name for name in men)
    assert sum("Thị" in name for name in women) / len(women) > 0.3
    assert sum("Văn" in name for name in men) / len(men) > 0.15
    assert all(len(p.full_name.split()) >= 2 for p in people)


def test_children_carry_their_fathers_surname(people: list[Citizen]) -> None:
    by_id = {person.id: person for person in people}
    generated = [p for p in people if p.father_id and by_id[p.father_id].ethnicity == "Kinh"]
    same = sum(
        p.full_name.split()[0] == by_id[p.father_id].full_name.split()[0]  # type: ignore[index]
        for p in generated
    )
    assert same / len(generated) > 0.95


def test_ethnicity_and_religion_shares(people: list[Citizen]) -> None:
    shares = Counter(p.ethnicity for p in people)
    assert 0.75 <= shares["Kinh"] / len(people) <= 0.93
    assert {"Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "H'Mông"} <= set(shares)
    khmer = [p for p in people if p.ethnicity == "Khmer"]
    buddhists = sum(p.religion == "Phật giáo" for p in khmer)
    assert buddhists / len(khmer) > 0.7
    assert Counter(p.religion for p in people).most_common(1)[0][0] == "Không"


def test_age_pyramid(people: list[Citizen]) -> None:
    living = [p for p in people if p.date_of_death is None]
    ages = [(date(2026, 1, 1) - p.date_of_birth).days // 365 for p in living]
    children = sum(age < 15 for age in ages) / len(ages)
    old = sum(age >= 65 for age in ages) / len(ages)
    assert 0.12 <= children <= 0.3 and 0.04 <= old <= 0.16
    assert max(ages) < 105


def _people(seed: int, citizens: int) -> list[dict[str, object]]:
    maker = Maker(seed, Geography(), 1, 1)
    return [person for _households, people in stream(maker, citizens) for person in people]


def test_same_number_and_seed_give_the_same_people() -> None:
    first = _people(7, 600)
    assert first == _people(7, 600)
    assert len(first) == 600
    other = _people(8, 600)
    assert [p["personal_id"] for p in first] != [p["personal_id"] for p in other]
    assert [p["full_name"] for p in first] != [p["full_name"] for p in other]


def _dump(url: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(select(Citizen.__table__).order_by(Citizen.id)).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def test_seeding_two_empty_databases_gives_identical_tables(tmp_path: Path) -> None:
    urls = [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("one", "two")]
    for url in urls:
        upgrade(url)
        engine = make_engine(url)
        result = generate(engine, 400, seed=5)
        engine.dispose()
        assert result.created and result.citizens == 400
    assert _dump(urls[0]) == _dump(urls[1])


def test_taken_id_numbers_are_redrawn_and_reseeding_is_a_no_op(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db'}.sqlite3"
    upgrade(url)
    first = _people(3, 50)[0]
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        session.add(
            Citizen(
                personal_id=str(first["personal_id"]),
                full_name="Người Có Sẵn",
                date_of_birth=date.fromisoformat(str(first["date_of_birth"])),
                sex=str(first["sex"]),
            )
        )
    assert generate(engine, 50, seed=3).created
    assert not generate(engine, 50, seed=3).created
    with Session(engine) as session:
        numbers = list(session.scalars(select(Citizen.personal_id)))
        assert len(numbers) == 51 == len(set(numbers))
        mother = aliased(Citizen)
        pairs = session.execute(
            select(Citizen.full_name, mother.full_name).join(mother, Citizen.mother_id == mother.id)
        ).all()
        assert pairs
    engine.dispose()
