"""The store: every loaded document in one database (SQLite by default, DuckDB, or PostgreSQL), through SQLAlchemy.

`open_store(db)` takes a path or a URL (default `./yusuan.db`, or `$YUSUAN_DB`), creates or migrates the schema and
returns a `Store`. `Store.write(analysis)` records what `rows.analyze` made of one file, idempotently: a file already
stored (same SHA-256) changes nothing; another file of the same identity (department + year + kind) becomes a new
version and the current one; a file that could not be read is recorded with its reason. Each file is written in its
own transaction, so an interrupted load leaves only whole documents behind and a rerun resumes.
"""

from __future__ import annotations

import os
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from yusuan import __version__
from yusuan.store import schema as S
from yusuan.store.migrations import migrate, now, write_lock
from yusuan.store.rows import Analysis

__all__ = ["Analysis", "Store", "StoreError", "default_db", "open_store", "resolve_url"]

DEFAULT_DB = "yusuan.db"
# SQLite keeps amounts as REAL; they are printed to 0.01 and read back as Decimal, which is what we want
warnings.filterwarnings("ignore", message=r"Dialect sqlite\+pysqlite does \*not\* support Decimal")

LOADED, NEW_VERSION, UNCHANGED, FAILED = "loaded", "new_version", "unchanged", "failed"


class StoreError(Exception):
    """A store that cannot be opened or used: the message is for the user (Chinese)."""


def default_db() -> str:
    return os.environ.get("YUSUAN_DB") or DEFAULT_DB


def resolve_url(db: str | None) -> str:
    """A SQLAlchemy URL for a path or URL: `postgresql://` uses psycopg 3, a `.duckdb` path DuckDB, else SQLite."""
    db = db or default_db()
    if "://" in db:
        scheme, rest = db.split("://", 1)
        if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
            return "postgresql+psycopg://" + rest
        if scheme in ("sqlite", "duckdb"):
            return db
        raise StoreError(f"{db}：不支持的数据库地址（可用：文件路径、sqlite:///…、duckdb:///…、postgresql://…）")
    path = Path(db).expanduser().resolve()
    if path.is_dir():
        raise StoreError(f"{db}：是一个目录；--db 应为数据库文件路径（如 {Path(db) / DEFAULT_DB}）或 postgresql://… 地址")
    if not path.parent.is_dir():
        raise StoreError(f"{db}：所在目录 {path.parent} 不存在")
    return ("duckdb:///" if path.suffix == ".duckdb" else "sqlite:///") + str(path)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers (a web page) never wait for a loader
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=60000")  # two loaders on one file wait for each other instead of failing
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    try:
        engine = create_engine(url, pool_pre_ping=url.startswith("postgresql"))
    except (ArgumentError, NoSuchModuleError) as e:
        raise StoreError(f"{url}：无法使用该数据库（{e}）") from None
    except ModuleNotFoundError as e:
        raise StoreError(f"{url}：需要 Python 包 {e.name}（pip install 'yusuan[store]'）") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_store(db: str | None = None) -> Store:
    """Open (and create or migrate) the store at a path or URL."""
    url = resolve_url(db)
    engine = make_engine(url)
    try:
        migrate(engine)
    except DBAPIError as e:
        engine.dispose()
        raise StoreError(f"{_safe(url)}：无法打开数据库（{str(e.orig).strip().splitlines()[0]}）") from None
    return Store(engine, url)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


class Store:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @property
    def name(self) -> str:
        return _safe(self.url)

    def close(self) -> None:
        self.engine.dispose()

    # ---- writing -------------------------------------------------------------------------------------------

    def _insert(self, table: Any) -> Any:
        """An INSERT of this engine's dialect (for ON CONFLICT); DuckDB speaks PostgreSQL's."""
        return sqlite.insert(table) if self.engine.dialect.name == "sqlite" else postgresql.insert(table)

    def has(self, sha256: str) -> bool:
        """Is this exact file already stored (so a batch can skip it without parsing)?"""
        with self.engine.connect() as conn:
            return conn.scalar(select(S.versions.c.id).where(S.versions.c.sha256 == sha256)) is not None

    def write(self, a: Analysis) -> str:
        """Record one analysed file; returns loaded | new_version | unchanged | failed. Idempotent by SHA-256."""
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "sqlite":
                write_lock(conn)
            if not a.ok:
                self._record_failure(conn, a)
                return FAILED
            if conn.scalar(select(S.versions.c.id).where(S.versions.c.sha256 == a.sha256)) is not None:
                return UNCHANGED
            identity = {"department": a.department, "year": a.year, "kind": a.kind}
            conn.execute(self._insert(S.documents).values(**identity)
                         .on_conflict_do_nothing(index_elements=["department", "year", "kind"]))
            doc = conn.execute(select(S.documents.c.id, S.documents.c.current_version_id).where(
                S.documents.c.department == a.department, S.documents.c.year == a.year,
                S.documents.c.kind == a.kind)).one()
            # a concurrent loader of the same file waits here on the unique index, then inserts nothing
            vid = conn.execute(self._insert(S.versions).values(
                document_id=doc.id, loaded_at=now(), yusuan_version=__version__, **a.version)
                .on_conflict_do_nothing(index_elements=["sha256"]).returning(S.versions.c.id)).scalar()
            if vid is None:
                return UNCHANGED
            if self.engine.dialect.name == "postgresql":
                # a lost commit after a server crash is reloaded by the next run (idempotent); no need to wait
                conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
            for table in S.ROW_TABLES:
                rows = a.rows.get(table.name) or []
                if rows:
                    self._insert_rows(conn, table, vid, rows)
            conn.execute(S.documents.update().where(S.documents.c.id == doc.id).values(current_version_id=vid))
            conn.execute(S.failures.delete().where(S.failures.c.sha256 == a.sha256))
            return NEW_VERSION if doc.current_version_id is not None else LOADED

    def _insert_rows(self, conn: Connection, table: Any, vid: int, rows: list[dict[str, Any]]) -> None:
        """A version's rows, straight to the driver (SQLAlchemy's per-row parameter processing would cost more than
        the database): PostgreSQL's COPY, SQLite's executemany; other engines through SQLAlchemy."""
        names = [c.name for c in table.columns]
        raw: Any = conn.connection.dbapi_connection  # psycopg's or sqlite3's own connection
        assert raw is not None
        dialect = self.engine.dialect.name
        if dialect == "postgresql" and self.engine.driver == "psycopg":
            with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row([vid if n == "version_id" else r.get(n) for n in names])
        elif dialect == "sqlite":
            sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            cur = raw.cursor()
            cur.executemany(sql, [[vid if n == "version_id" else _sqlite_value(r.get(n)) for n in names]
                                  for r in rows])
            cur.close()
        else:
            conn.execute(table.insert(), [r | {"version_id": vid} for r in rows])

    def _record_failure(self, conn: Connection, a: Analysis) -> None:
        values = {"sha256": a.sha256, "source_name": a.source_name, "reason": a.reason or "",
                  "failed_at": now(), "yusuan_version": __version__}
        stmt = self._insert(S.failures).values(**values)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["sha256"],
            set_={k: stmt.excluded[k] for k in ("source_name", "reason", "failed_at", "yusuan_version")}))

    # ---- reading -------------------------------------------------------------------------------------------

    def documents(self, year: int | None = None, department: str | None = None) -> list[dict[str, Any]]:
        """One dict per document: identity, its versions (oldest first) and the findings of the current one."""
        d, v = S.documents, S.versions
        q = (select(d.c.id, d.c.department, d.c.year, d.c.kind, d.c.current_version_id, v.c.id.label("vid"),
                    v.c.sha256, v.c.source_name, v.c.layout, v.c.pages, v.c.loaded_at, v.c.findings_error,
                    v.c.findings_warning, v.c.findings_info)
             .join(v, v.c.document_id == d.c.id).order_by(d.c.year, d.c.department, d.c.kind, v.c.id))
        if year is not None:
            q = q.where(d.c.year == year)
        if department is not None:
            q = q.where(d.c.department == department)
        out: dict[int, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                doc = out.setdefault(r.id, {"id": r.id, "department": r.department, "year": r.year,
                                            "kind": r.kind, "versions": [], "findings": {}})
                doc["versions"].append({"sha256": r.sha256, "source_name": r.source_name, "layout": r.layout,
                                        "pages": r.pages, "loaded_at": r.loaded_at,
                                        "current": r.vid == r.current_version_id})
                if r.vid == r.current_version_id:
                    doc["findings"] = {"error": r.findings_error, "warning": r.findings_warning,
                                       "info": r.findings_info}
        return list(out.values())

    def failures(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(S.failures).order_by(S.failures.c.id)).mappings().all()
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
                    for t in (S.documents, S.versions, *S.ROW_TABLES, S.failures)}

    def query(self, sql: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one read-only SQL statement; the engine refuses any write."""
        dialect = self.engine.dialect.name
        if dialect == "duckdb":  # one file, one configuration: reopen it read-only for the query
            self.engine.dispose()
            engine = create_engine(self.url, connect_args={"read_only": True})
            try:
                with engine.connect() as conn:
                    return _fetch(conn, sql, params)
            finally:
                engine.dispose()
        with self.engine.connect() as conn:
            if dialect == "postgresql":
                conn.execute(text("SET TRANSACTION READ ONLY"))
                try:
                    return _fetch(conn, sql, params)
                finally:
                    conn.rollback()
            conn.exec_driver_sql("PRAGMA query_only = ON")
            try:
                return _fetch(conn, sql, params)
            finally:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA query_only = OFF")


def _sqlite_value(v: Any) -> Any:
    """SQLite keeps amounts as REAL, as SQLAlchemy's Numeric does there (read back as Decimal of the column's scale)."""
    return float(v) if isinstance(v, Decimal) else v


def _fetch(conn: Connection, sql: str, params: dict[str, Any] | None) -> tuple[list[str], list[tuple[Any, ...]]]:
    result = conn.execute(text(sql), params or {})
    if not result.returns_rows:
        return [], []
    return list(result.keys()), [tuple(r) for r in result]
