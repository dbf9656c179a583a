"""The store's tables (SQLAlchemy Core): one schema for SQLite, DuckDB and PostgreSQL.

A *document* is an identity (department + year + kind); a *version* is one distinct source file of it (by SHA-256);
the latest loaded version is the document's current one. Everything read from a file (cells, prose statements,
performance indicators, findings) hangs off its version, so earlier versions stay whole. A file that could not be
read is a *failure* (by SHA-256, with its reason). See docs/store.md for the diagram.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    Sequence,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()
AMOUNT = Numeric(20, 2)
WEIGHT = Numeric(12, 4)

# the applied migrations; the highest number is the schema's version
schema_migrations = Table(
    "schema_migrations", metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(40), nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, Sequence("documents_id_seq"), primary_key=True),
    Column("department", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("current_version_id", Integer, nullable=True),  # the latest loaded version (no FK: loaded after it)
    UniqueConstraint("department", "year", "kind", name="documents_identity"),
)

versions = Table(
    "versions", metadata,
    Column("id", Integer, Sequence("versions_id_seq"), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("source_name", Text, nullable=False),
    Column("layout", String(20), nullable=False),
    Column("pages", Integer),
    Column("lines", Integer),
    Column("loaded_at", String(40), nullable=False),  # ISO 8601, UTC
    Column("yusuan_version", String(20), nullable=False),
    Column("unit", String(20)),
    Column("published", String(20)),
    Column("staff_authorized", Integer),
    Column("staff_actual", Integer),
    Column("staff_active", Integer),
    Column("staff_retired", Integer),
    Column("parse_warnings", Integer, nullable=False, default=0),
    Column("findings_error", Integer, nullable=False, default=0),
    Column("findings_warning", Integer, nullable=False, default=0),
    Column("findings_info", Integer, nullable=False, default=0),
)

cells = Table(
    "cells", metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("table_type", String(40), nullable=False),
    Column("table_number", Integer),
    Column("row_no", Integer, nullable=False),  # the row's position in its table
    Column("row_kind", String(20), nullable=False),
    Column("code", String(20)),  # the row's code as the table gives it (功能分类, or 经济分类 in table 6)
    Column("functional_code", String(20)),
    Column("economic_code", String(20)),
    Column("name", Text),
    Column("item", String(40)),
    Column("project", Text),
    Column("column_key", String(40)),  # None for an ambiguous value: see candidates
    Column("value", AMOUNT, nullable=False),
    Column("ambiguous", Boolean, nullable=False, default=False),
    Column("candidates", Text),  # ambiguous only: the possible columns, joined by "|"
    Column("page", Integer),
    Column("line", Integer),
)
Index("cells_version_table", cells.c.version_id, cells.c.table_type)

statements = Table(
    "statements", metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("section", String(20)),
    Column("block", String(40)),
    Column("subject", Text, nullable=False),
    Column("code", String(20)),
    Column("metric", String(20), nullable=False),
    Column("value", Numeric(20, 4), nullable=False),
    Column("unit", String(20)),
    Column("base", Text),
    Column("page", Integer),
    Column("line", Integer),
    Column("quote", Text),
)
Index("statements_version_block", statements.c.version_id, statements.c.block)

indicators = Table(
    "indicators", metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("table_kind", String(20), nullable=False),  # overall|project
    Column("table_name", Text),
    Column("budget_total", AMOUNT),
    Column("level1", Text),
    Column("level2", Text),
    Column("level3", Text),
    Column("target", Text),
    Column("weight", WEIGHT),
    Column("line", Integer),
)
Index("indicators_version", indicators.c.version_id)

findings = Table(
    "findings", metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("rule", String(40), nullable=False),
    Column("category", String(40), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("message", Text, nullable=False),
    Column("expected", AMOUNT),
    Column("actual", AMOUNT),
    Column("difference", AMOUNT),
    Column("page", Integer),
    Column("line", Integer),  # the first location's line
    Column("locations", Text),  # every location, JSON
)
Index("findings_version", findings.c.version_id)

# the figures a comparison reads, one row per version (see yusuan.store.figures)
figures = Table(
    "figures", metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True, autoincrement=False),
    *(Column(name, AMOUNT) for name in (
        "total", "income_general", "income_fund", "income_soe", "income_special_account", "income_unit_funds",
        "income_carryover", "basic", "project", "expenditure_total", "personnel", "general_basic", "three_public",
        "operating_cost", "procurement", "procurement_sme", "stated_total_change", "stated_three_public_change",
        "stated_operating_cost_change")),
    Column("projects", Integer),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, Sequence("failures_id_seq"), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("source_name", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("failed_at", String(40), nullable=False),
    Column("yusuan_version", String(20), nullable=False),
)

ROW_TABLES = (cells, statements, indicators, findings, figures)
