"""Alembic environment: one code path for SQLite and PostgreSQL."""

from alembic import context

import formsvc.models  # noqa: F401  (registers every table on Base.metadata)
from formsvc.db import Base, make_engine

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url is not None

if context.is_offline_mode():
    context.configure(url=url, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = make_engine(url)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # Batch mode recreates tables, and SQLite refuses to drop a table other tables
            # reference while foreign keys are enforced; the pragma only changes outside a
            # transaction.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        # Batch mode lets ALTER TABLE migrations work on SQLite too.
        context.configure(
            connection=connection, target_metadata=Base.metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
