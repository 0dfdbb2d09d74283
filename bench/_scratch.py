"""A scratch database for a benchmark: PostgreSQL's public schema is wiped, then migrated."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from formsvc.migrations import upgrade

__all__ = ["fresh_database"]


def fresh_database(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade(url)
