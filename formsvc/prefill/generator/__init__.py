"""A deterministic, realistic mock population: ``generate(engine, citizens, seed)``.

The same number and seed give the same people (names, ID numbers, families, addresses) in an
empty database. Rows stream to the database in batches of households, so a million citizens
need no more memory than a few thousand. Seeding a database that already holds people (the
fixed demo citizens, an earlier run) continues their ids and re-draws any ID number that is
taken; seeding the same number and seed twice is a no-op.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from formsvc.prefill.generator.people import (
    CITIZEN_COLUMNS,
    HOUSEHOLD_COLUMNS,
    REFERENCE_DATE,
    Maker,
    Row,
)
from formsvc.prefill.generator.places import Geography
from formsvc.prefill.generator.writer import writer_for
from formsvc.prefill.models import Citizen, GeneratedPopulation, Household
from formsvc.prefill.units import load_units
from formsvc.types import utcnow

__all__ = ["DEFAULT_SEED", "REFERENCE_DATE", "Maker", "SeedResult", "generate", "stream"]

DEFAULT_SEED = 2025
BATCH = 5000

_citizen_values = itemgetter(*CITIZEN_COLUMNS)


@dataclass(frozen=True)
class SeedResult:
    seed: int
    citizens: int
    households: int
    created: bool
    seconds: float


def stream(maker: Maker, citizens: int) -> Iterator[tuple[list[tuple[Any, ...]], list[Row]]]:
    """Batches of (household rows, citizen rows): exactly ``citizens`` citizens in all."""
    made = 0
    while made < citizens:
        households: list[tuple[Any, ...]] = []
        people: list[Row] = []
        while len(people) < BATCH and made + len(people) < citizens:
            household, members = maker.household(citizens - made - len(people))
            households.append(household)
            people.extend(members)
        made += len(people)
        yield households, people


def _avoid_taken_ids(connection: Connection, maker: Maker, rows: list[Row]) -> None:
    """Re-draw the ID numbers the database already holds (demo citizens, earlier runs)."""
    pending = rows
    while pending:
        wanted = [row["personal_id"] for row in pending]
        taken = set(
            connection.scalars(select(Citizen.personal_id).where(Citizen.personal_id.in_(wanted)))
        )
        pending = [row for row in pending if row["personal_id"] in taken]
        for row in pending:
            maker.reissue(row)


def generate(engine: Engine, citizens: int, seed: int = DEFAULT_SEED) -> SeedResult:
    """Add ``citizens`` generated citizens in households to the database behind ``engine``."""
    started = time.perf_counter()
    with Session(engine) as session, session.begin():
        load_units(session)
        done = session.scalars(
            select(GeneratedPopulation).where(
                GeneratedPopulation.seed == seed, GeneratedPopulation.citizens == citizens
            )
        ).first()
        if done is not None:
            return SeedResult(seed, done.citizens, done.households, False, 0.0)
        first_citizen = (session.scalar(select(func.max(Citizen.id))) or 0) + 1
        first_household = (session.scalar(select(func.max(Household.id))) or 0) + 1
    maker = Maker(seed, Geography(), first_citizen, first_household)
    made = households = 0
    with engine.connect() as connection:
        writer = writer_for(connection)
        writer.start()
        connection.commit()
        for household_rows, citizen_rows in stream(maker, citizens):
            with connection.begin():
                _avoid_taken_ids(connection, maker, citizen_rows)
                writer.write("households", HOUSEHOLD_COLUMNS, household_rows)
                writer.write(
                    "citizens", CITIZEN_COLUMNS, [_citizen_values(r) for r in citizen_rows]
                )
            made += len(citizen_rows)
            households += len(household_rows)
        with connection.begin():
            connection.execute(
                insert(GeneratedPopulation).values(
                    seed=seed, citizens=made, households=households, generated_at=utcnow()
                )
            )
        writer.finish(("citizens", "households"))
        connection.commit()
    return SeedResult(seed, made, households, True, time.perf_counter() - started)
