"""Bulk loading of generated rows, the fastest way each engine offers.

SQLite takes ``executemany`` on prepared inserts with foreign-key checks deferred to each
batch's commit (spouses point at each other, so no row order satisfies immediate checks).
PostgreSQL takes ``COPY``: one statement per table and batch, whose foreign-key checks run at
the end of the statement, when both spouses are there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection

__all__ = ["BulkWriter", "writer_for"]

Rows = Sequence[Sequence[Any]]


class BulkWriter(Protocol):
    def start(self) -> None:
        """Prepare the connection for a long load."""

    def write(self, table: str, columns: Sequence[str], rows: Rows) -> None:
        """Insert rows inside the caller's transaction."""

    def finish(self, tables: Sequence[str]) -> None:
        """Undo ``start`` and update sequences and statistics; the caller commits."""


class SqliteWriter:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def start(self) -> None:
        # A crash mid-load loses at most the batch being written; the load can be rerun.
        self.connection.exec_driver_sql("PRAGMA synchronous=OFF")
        self.connection.exec_driver_sql("PRAGMA cache_size=-65536")

    def write(self, table: str, columns: Sequence[str], rows: Rows) -> None:
        self.connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        marks = ", ".join("?" * len(columns))
        cursor = self.connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        # Table and column names come from the generator's own constants, never from input.
        statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # nosec B608
        cursor.executemany(statement, rows)
        cursor.close()

    def finish(self, tables: Sequence[str]) -> None:
        self.connection.exec_driver_sql("PRAGMA synchronous=NORMAL")


class CopyWriter:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def start(self) -> None:
        pass

    def write(self, table: str, columns: Sequence[str], rows: Rows) -> None:
        raw = self.connection.connection.driver_connection
        with (
            raw.cursor() as cursor,  # type: ignore[union-attr]
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def finish(self, tables: Sequence[str]) -> None:
        """Explicit ids bypassed the id sequences; move them past the loaded rows."""
        for table in tables:
            # ``table`` is one of the generator's own table names, never input.
            statement = (
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # nosec B608
                f"(SELECT max(id) FROM {table}))"
            )
            self.connection.execute(text(statement))
            self.connection.exec_driver_sql(f"ANALYZE {table}")


_WRITERS: dict[str, Callable[[Connection], BulkWriter]] = {
    "sqlite": SqliteWriter,
    "postgresql": CopyWriter,
}


def writer_for(connection: Connection) -> BulkWriter:
    try:
        return _WRITERS[connection.dialect.name](connection)
    except KeyError:
        raise NotImplementedError(f"no bulk loader for {connection.dialect.name}") from None
