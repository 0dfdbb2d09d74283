"""Everything ``formsvc demo`` prepares: schema, demo population, accounts, catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from formsvc.accounts import DEMO_PASSWORD, ensure_citizen_account
from formsvc.db import session_scope
from formsvc.migrations import upgrade
from formsvc.prefill import PATHS
from formsvc.prefill.demo import seed_demo_population
from formsvc.schemas import import_directory
from formsvc.schemas.catalogue import ImportResult

__all__ = ["DemoAccount", "prepare"]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    name: str


def prepare(app: Flask) -> tuple[list[DemoAccount], list[ImportResult]]:
    """Idempotent: running it again changes nothing unless a definition file changed."""
    upgrade(app.config["DATABASE_URL"])
    with session_scope(app) as session:
        accounts = [
            DemoAccount(account.username, DEMO_PASSWORD, account.display_name)
            for account in (
                ensure_citizen_account(session, citizen, DEMO_PASSWORD)
                for citizen in seed_demo_population(session)
            )
        ]
        imported = import_directory(session, Path(app.config["FORM_DEFINITIONS_DIR"]), PATHS)
    return accounts, imported
