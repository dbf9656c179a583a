"""A comparison as a terminal table, CSV, XLSX or JSON (Chinese column labels in table, CSV and XLSX)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from yusuan.compare import COLUMNS, KEY_COLUMNS, LABELS, Comparison
from yusuan.model import num


def _plain(v: Any) -> Any:
    return num(v) if isinstance(v, Decimal) else v


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return f"{v:,.2f}"
    return str(v)


def to_json(c: Comparison) -> str:
    data = {"documents": [{k: _plain(v) for k, v in r.items()} for r in c.rows],
            "findings": [{k: _plain(v) for k, v in f.items()} for f in c.findings]}
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_csv(c: Comparison) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([label for _k, label in COLUMNS])
    for r in c.rows:
        w.writerow(["" if r[k] is None else str(r[k]) for k, _ in COLUMNS])  # amounts keep their cents: 12.50
    return out.getvalue()


def to_xlsx(c: Comparison) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("比较")
    ws.append([label for _k, label in COLUMNS])
    for r in c.rows:
        ws.append([float(r[k]) if isinstance(r[k], Decimal) else r[k] for k, _ in COLUMNS])
    if c.findings:
        fs = wb.create_sheet("跨年度发现")
        fs.append(["规则", "级别", "部门", "年度", "说明"])
        for f in c.findings:
            fs.append([f["rule"], f["severity"], f["department"], f["year"], f["message"]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_table(c: Comparison) -> str:
    """The key columns as a terminal table (rich measures the width of Chinese characters)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    t = Table(show_lines=False)
    for k in KEY_COLUMNS:
        t.add_column(LABELS[k], justify="left" if k in ("department", "kind") else "right")
    for r in c.rows:
        t.add_row(*(escape(_text(r[k])) for k in KEY_COLUMNS))
    console = Console(file=io.StringIO(), width=240, color_system=None)
    console.print(t)
    for f in c.findings:
        console.print(escape(f"[{f['rule']}] {f['message']}"))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return str(out)
