"""Tidy export of the store: every table cell, prose statement, performance indicator and finding of each
document's current version, one value per row, with the document's identity and the codes and names as columns.
Rows stream from the database, so memory stays flat whatever the store's size."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Column, select

from yusuan.store import Store
from yusuan.store import schema as S

IDENTITY = ("department", "year", "kind", "sha256", "source_name")


@dataclass(frozen=True)
class Resource:
    name: str  # file stem and datapackage resource name
    table: Any
    columns: tuple[str, ...]
    title: str


RESOURCES = (
    Resource("cells", S.cells, ("table_type", "table_number", "row_no", "row_kind", "functional_code",
                                "economic_code", "code", "name", "item", "project", "column_key", "value",
                                "ambiguous", "candidates", "page", "line"), "表格单元格"),
    Resource("statements", S.statements, ("section", "block", "subject", "code", "metric", "value", "unit",
                                          "base", "page", "line", "quote"), "情况说明中的数字"),
    Resource("indicators", S.indicators, ("table_kind", "table_name", "budget_total", "level1", "level2",
                                          "level3", "target", "weight", "line"), "绩效指标"),
    Resource("findings", S.findings, ("rule", "category", "severity", "message", "expected", "actual",
                                      "difference", "page", "line", "locations"), "检查发现"),
)


def header(res: Resource) -> list[str]:
    return [*IDENTITY, *res.columns]


def column(res: Resource, name: str) -> Column[Any]:
    if name in ("department", "year", "kind"):
        return S.documents.c[name]
    if name in ("sha256", "source_name"):
        return S.versions.c[name]
    return res.table.c[name]


def rows(store: Store, res: Resource) -> Iterator[tuple[Any, ...]]:
    """The resource's rows, current versions only, in document order."""
    t, d, v = res.table, S.documents, S.versions
    q = (select(*(column(res, c) for c in header(res)))
         .join(v, v.c.id == t.c.version_id).join(d, d.c.current_version_id == v.c.id)
         .order_by(d.c.year, d.c.department, d.c.kind))
    with store.engine.connect() as conn:
        yield from (tuple(r) for r in conn.execution_options(stream_results=True, yield_per=5000).execute(q))


def cell(v: Any) -> Any:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else v


def write_csv(store: Store, outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for res in RESOURCES:
        target = outdir / f"{res.name}.csv"
        with target.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header(res))
            for r in rows(store, res):
                w.writerow([cell(v) for v in r])
        written.append(target)
    return written


def write_xlsx(store: Store, target: Path) -> Path:
    """One workbook, one sheet per resource (Excel's 1,048,576-row limit applies: use CSV beyond it)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for res in RESOURCES:
        ws = wb.create_sheet(res.name)
        ws.append(header(res))
        for r in rows(store, res):
            ws.append([float(v) if isinstance(v, Decimal) else v for v in r])
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target
