"""A document's tables (xlsx, csv) and findings (xlsx) as files to download."""

from __future__ import annotations

import csv
import io
from typing import Any

from yusuan.web.queries import SEVERITY_LABELS, WebTable

TABLE_HEAD = ["表号", "表", "行", "编码", "名称", "列", "列名", "金额（万元）", "未定列（候选）", "页", "行号"]
# a spreadsheet opens a cell starting with these as a formula: document text is data, never a formula
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cellsafe(v: Any) -> Any:
    return "'" + v if isinstance(v, str) and v.startswith(_FORMULA) else v


def table_rows(tables: list[WebTable]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for t in tables:
        labels = dict(t.columns)
        for r in t.rows:
            base = [t.number, t.title, r["row_no"] + 1, r["code"] or r["item"] or "", r["name"]]
            for key, value in r["values"].items():
                out.append(base + [key, labels.get(key, key), value, "", r["page"], r["line"]])
            for a in r["ambiguous"]:
                out.append(base + ["", "", a["value"], "|".join(a["candidates"]), r["page"], r["line"]])
    return out


def tables_csv(tables: list[WebTable]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(TABLE_HEAD)
    for row in table_rows(tables):
        w.writerow(["" if v is None else _cellsafe(v) if isinstance(v, str) else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def tables_xlsx(tables: list[WebTable]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for t in tables:
        ws = wb.create_sheet(f"表{t.number}" if t.number else t.type[:31])
        ws.append([t.title])
        ws.append(["编码", "名称", *(label for _k, label in t.columns), *(["未定列"] if t.has_ambiguous else [])])
        for r in t.rows:
            amb = "；".join(f"{a['value']}（{'|'.join(a['candidates'])}）" for a in r["ambiguous"])
            ws.append([_cellsafe(r["code"] or r["item"] or ""), _cellsafe(r["name"]),
                       *(float(r["values"][k]) if k in r["values"] else None for k, _l in t.columns),
                       *([amb] if t.has_ambiguous else [])])
    if not tables:
        wb.create_sheet("空")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def findings_xlsx(found: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("检查发现")
    ws.append(["级别", "规则", "类别", "说明", "应为", "实为", "差额", "页", "行", "位置"])
    for f in found:
        where = "；".join(_where(loc) for loc in f["locations"])
        ws.append([SEVERITY_LABELS.get(f["severity"], f["severity"]), f["rule"], f["category"],
                   _cellsafe(f["message"]), f["expected"], f["actual"], f["difference"], f["page"], f["line"],
                   _cellsafe(where)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _where(loc: dict[str, Any]) -> str:
    parts = [f"表{loc['table']}" if loc.get("table") is not None else "说明",
             *(str(loc[k]) for k in ("row", "column") if loc.get(k))]
    if loc.get("line"):
        parts.append(f"第{loc['line']}行")
    return " ".join(parts)
