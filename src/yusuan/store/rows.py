"""The per-document work, one pure function of a file's bytes: read, parse, check, and the rows for the store.

`analyze(data, name)` runs anywhere (this process, a worker of `load -j`, a Dask worker): it touches no store and
returns plain, picklable data. Whoever calls it writes the result with `Store.write` (idempotent by SHA-256).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.model import Disclosure, Row, Table

# tables whose rows are keyed by an 经济分类 code; the others' row codes are 功能分类
ECONOMIC_ROW_TABLES = ("general_budget_basic",)
# tables whose columns (other than `total`) are 经济分类 类 codes
ECONOMIC_COLUMN_TABLES = ("general_budget_projects",)
UNKNOWN_KIND = "未注明"


@dataclass
class Analysis:
    """What one file gives the store. `reason` is set (and the rest empty) when the file could not be read."""

    sha256: str
    source_name: str
    reason: str | None = None
    department: str = ""
    year: int = 0
    kind: str = UNKNOWN_KIND
    version: dict[str, Any] = field(default_factory=dict)  # the `versions` row, without ids and time
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # table name → rows, without version_id
    model: dict[str, Any] | None = None  # the parsed model (`yusuan.disclosure/1`), when asked for (the web UI)

    @property
    def ok(self) -> bool:
        return self.reason is None

    def severities(self) -> dict[str, int]:
        v = self.version
        return {"error": v.get("findings_error", 0), "warning": v.get("findings_warning", 0),
                "info": v.get("findings_info", 0)}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def analyze(data: bytes, name: str, with_model: bool = False) -> Analysis:
    """Parse and check one file's bytes; never raises for a bad file (the reason is returned instead).
    `with_model` also returns the model as a dict (the web UI keeps it beside the store to serve it)."""
    from yusuan.check import check
    from yusuan.check.source import source_lines
    from yusuan.ingest import IngestError
    from yusuan.parse import parse_bytes

    digest = sha256_of(data)
    try:
        d = parse_bytes(data, name)
    except IngestError as e:
        return Analysis(digest, name, reason=str(e))
    except RecursionError:
        return Analysis(digest, name, reason=f"{name}：文件结构过深，无法解析")
    except Exception as e:  # a parser bug must not stop a batch: it is recorded with the file
        return Analysis(digest, name, reason=f"{name}：解析失败（内部错误：{type(e).__name__}: {e}）")
    missing = [label for label, v in (("部门名称", d.department), ("预算年度", d.year)) if not v]
    if missing:
        return Analysis(digest, name, reason=f"{name}：未能识别{'和'.join(missing)}，不是部门预算公开文件或格式无法识别")
    try:
        found = check(d, source_lines(name, data))
    except Exception as e:
        return Analysis(digest, name, reason=f"{name}：检查失败（内部错误：{type(e).__name__}: {e}）")
    a = rows_of(d, digest, name, found)
    if with_model:
        a.model = d.to_dict()
    return a


def rows_of(d: Disclosure, digest: str, name: str, found: list[Any]) -> Analysis:
    """The store's rows for a parsed and checked document."""
    from yusuan.store.figures import figures_of

    counts = {s: sum(1 for f in found if f.severity == s) for s in ("error", "warning", "info")}
    st = d.profile.staffing
    version = {
        "sha256": digest, "source_name": name, "layout": d.source.layout, "pages": d.source.pages,
        "lines": d.source.lines, "unit": d.unit, "published": d.published,
        "staff_authorized": st.authorized, "staff_actual": st.actual, "staff_active": st.active,
        "staff_retired": st.retired, "parse_warnings": len(d.warnings),
        "findings_error": counts["error"], "findings_warning": counts["warning"], "findings_info": counts["info"],
    }
    rows = {
        "cells": [c for t in d.tables for c in table_cells(t)],
        "statements": [statement_row(s) for s in d.narrative.statements],
        "indicators": indicator_rows(d),
        "findings": [finding_row(f) for f in found],
        "figures": [figures_of(d)],
    }
    return Analysis(digest, name, department=str(d.department), year=int(d.year or 0),
                    kind=d.kind or UNKNOWN_KIND, version=version, rows=rows)


def codes_of(t: Table, r: Row, column: str | None) -> tuple[str | None, str | None]:
    """(functional, economic) classification of one cell."""
    if t.type in ECONOMIC_ROW_TABLES:
        return None, r.code
    economic = column if t.type in ECONOMIC_COLUMN_TABLES and column and column.isdigit() else None
    return r.code, economic


def table_cells(t: Table) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for no, r in enumerate(t.rows):
        base = {"table_type": t.type, "table_number": t.number, "row_no": no, "row_kind": r.kind, "code": r.code,
                "name": r.name, "item": r.item, "project": r.project, "page": r.source.page,
                "line": r.source.line}
        for key, value in r.values.items():
            functional, economic = codes_of(t, r, key)
            out.append(base | {"column_key": key, "value": value, "ambiguous": False, "candidates": None,
                               "functional_code": functional, "economic_code": economic})
        for a in r.ambiguous:
            functional, economic = codes_of(t, r, None)
            out.append(base | {"column_key": None, "value": a.value, "ambiguous": True,
                               "candidates": "|".join(a.candidates), "functional_code": functional,
                               "economic_code": economic})
    return out


def statement_row(s: Any) -> dict[str, Any]:
    return {"section": s.section, "block": s.block, "subject": s.subject, "code": s.code, "metric": s.metric,
            "value": s.value, "unit": s.unit, "base": s.base, "page": s.page, "line": s.line, "quote": s.quote}


def indicator_rows(d: Disclosure) -> list[dict[str, Any]]:
    tables = ([d.performance.overall] if d.performance.overall else []) + list(d.performance.projects)
    return [{"table_kind": p.kind, "table_name": p.name, "budget_total": p.budget_total, "level1": i.level1,
             "level2": i.level2, "level3": i.level3, "target": i.value, "weight": i.weight, "line": i.line}
            for p in tables for i in p.indicators]


def _amount(v: Decimal | None) -> Decimal | None:
    """A finding's figure as the store keeps it (2 decimals), or None when it is not a plain amount."""
    if v is None:
        return None
    try:
        q = v.quantize(Decimal("0.01"))
    except ArithmeticError:
        return None
    return q if abs(q) < Decimal(10) ** 17 else None


def finding_row(f: Any) -> dict[str, Any]:
    first = f.locations[0] if f.locations else None
    return {"rule": f.rule, "category": f.category, "severity": f.severity, "message": f.message,
            "expected": _amount(f.expected), "actual": _amount(f.actual), "difference": _amount(f.difference),
            "page": first.page if first else None, "line": first.line if first else None,
            "locations": json.dumps([loc.to_dict() for loc in f.locations], ensure_ascii=False)}
