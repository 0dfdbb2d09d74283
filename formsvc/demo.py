"""Everything ``formsvc demo`` prepares: schema, demo population, accounts, catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from formsvc.accounts import (
    CITIZEN,
    DEMO_PASSWORD,
    DEMO_STAFF_PASSWORD,
    DESIGNER,
    OFFICER,
    ensure_citizen_account,
    ensure_staff_account,
)
from formsvc.db import get_engine, session_scope
from formsvc.migrations import upgrade
from formsvc.prefill import PATHS
from formsvc.prefill.demo import seed_demo_population
from formsvc.prefill.generator import SeedResult, generate
from formsvc.schemas import import_directory
from formsvc.schemas.catalogue import ImportResult

__all__ = ["DEMO_POPULATION", "DEMO_SEED", "DEMO_STAFF", "DemoAccount", "prepare"]

# A generated crowd around the fixed demo citizens: enough to make lists and lookups real,
# small enough to seed in about a second.
DEMO_POPULATION = 2000
DEMO_SEED = 2025

# (username, role, display name)
DEMO_STAFF = (
    ("canbo.motcua", OFFICER, "Phạm Thu Hà (cán bộ Bộ phận Một cửa)"),
    ("thietke.bieumau", DESIGNER, "Đỗ Minh Quân (thiết kế biểu mẫu)"),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    name: str
    role: str = CITIZEN


def prepare(app: Flask) -> tuple[list[DemoAccount], list[ImportResult]]:
    """Idempotent: running it again changes nothing unless a definition file changed.

    Returns the demo citizens first (in ``DEMO_HOUSEHOLDS`` order), then the staff accounts.
    """
    upgrade(app.config["DATABASE_URL"])
    with session_scope(app) as session:
        accounts = [
            DemoAccount(account.username, DEMO_PASSWORD, account.display_name)
            for account in (
                ensure_citizen_account(session, citizen, DEMO_PASSWORD)
                for citizen in seed_demo_population(session)
            )
        ]
        for username, role, name in DEMO_STAFF:
            ensure_staff_account(session, username, role, name, DEMO_STAFF_PASSWORD)
            accounts.append(DemoAccount(username, DEMO_STAFF_PASSWORD, name, role))
        imported = import_directory(session, Path(app.config["FORM_DEFINITIONS_DIR"]), PATHS)
    seed_population(app)
    return accounts, imported


def seed_population(app: Flask) -> SeedResult:
    return generate(get_engine(app), DEMO_POPULATION, DEMO_SEED)
