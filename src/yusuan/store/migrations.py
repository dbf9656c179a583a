"""Versioned migrations from the first release on: a small table `schema_migrations` records which numbered steps
ran. Every command opens the store through `migrate`, so a new store is created and an old one brought up to date
on first use, with no separate init step. A later release appends a step (never edits a published one).

Chosen over Alembic: the steps are few and Core-only, and the migration must run inside any command (and a web
server) on any of the three engines without an alembic.ini or a migrations folder beside the package.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import DBAPIError

from yusuan.store import schema as S

Step = Callable[[Connection], None]
PG_LOCK = 0x79757375  # an advisory-lock key of our own ("yusu")


def _first_schema(conn: Connection) -> None:
    """1: documents, versions, cells, statements, indicators, findings, figures, failures."""
    tables = [S.documents, S.versions, S.cells, S.statements, S.indicators, S.findings, S.figures, S.failures]
    S.metadata.create_all(conn, tables=tables)


STEPS: list[tuple[int, str, Step]] = [
    (1, "first schema", _first_schema),
]
LATEST = STEPS[-1][0]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_lock(conn: Connection) -> None:
    """SQLite: take the write lock now (BEGIN IMMEDIATE), so the DDL and the reads before a write run inside one
    transaction that no other writer can interleave with (Python's sqlite3 would otherwise run DDL outside it, and
    a WAL reader turned writer can fail at once instead of waiting)."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def applied(conn: Connection) -> set[int]:
    S.metadata.create_all(conn, tables=[S.schema_migrations])
    return set(conn.scalars(select(S.schema_migrations.c.number)))


def migrate(engine: Engine) -> int:
    """Bring the store to the latest schema; returns the schema number. Safe when several processes start at once:
    PostgreSQL serializes them with an advisory lock, the embedded engines retry once after a lost race."""
    for attempt in (1, 2):
        try:
            with engine.begin() as conn:
                if engine.dialect.name == "postgresql" and engine.driver == "psycopg":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK})
                elif engine.dialect.name == "sqlite":
                    write_lock(conn)
                done = applied(conn)
                for number, _title, step in STEPS:
                    if number not in done:
                        step(conn)
                        conn.execute(S.schema_migrations.insert().values(number=number, applied_at=now()))
            return LATEST
        except DBAPIError:
            if attempt == 2:
                raise
    return LATEST
