"""An execution comparison (`compare.execution`) as a terminal table, JSON, CSV, XLSX and a PNG chart; Chinese labels
everywhere a person reads them, amounts in 万元 to the cent, rates in % to 0.01."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from yusuan.compare.execution import GROUP_LABELS, ExecRow, Execution, Mismatch
from yusuan.model import num

COLUMNS: list[tuple[str, str]] = [
    ("group_label", "分组"), ("key", "编码/项目"), ("name", "名称"), ("budget", "预算数"), ("final", "决算数"),
    ("difference", "差额（决算−预算）"), ("rate", "执行率%"),
]
PLACE_COLUMNS: list[tuple[str, str]] = [("budget_place", "预算所在"), ("final_place", "决算所在")]
MISMATCH_COLUMNS: list[tuple[str, str]] = [
    ("subject", "事项"), ("stated", "决算所述年初预算数"), ("published", "预算公开数"), ("difference", "相差"),
    ("final_place", "决算所在"), ("budget_place", "预算所在"),
]
CHART_ROWS = 16


def _text(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, Decimal):
        return f"{v:,.2f}"
    return str(v)


def _cells(r: ExecRow) -> list[Any]:
    d = r.to_dict()
    key = r.key if r.key.isdigit() else ""  # a code; an item or a project is named by its name
    return [d["group_label"], key, r.name, r.budget, r.final, r.difference, r.rate]


def _plain(v: Any) -> Any:
    if isinstance(v, Decimal):
        return num(v)
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def to_json(e: Execution) -> str:
    data = {"department": e.department, "year": e.year, "budget_file": e.budget_file, "final_file": e.final_file,
            "rows": [_plain(r.to_dict()) for r in e.rows],
            "movers": [_plain(r.to_dict()) for r in e.movers()],
            "mismatches": [_plain(m.to_dict()) for m in e.mismatches], "notes": list(e.notes)}
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_csv(e: Execution) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([label for _k, label in COLUMNS + PLACE_COLUMNS])
    for r in e.rows:
        places = [p.text() if p else "" for p in (r.budget_place, r.final_place)]
        w.writerow(["" if v is None else str(v) for v in _cells(r)] + places)
    return out.getvalue()


def title(e: Execution) -> str:
    return f"{e.department or ''} {e.year or ''}年 预算执行情况（预算 ↔ 决算，万元）".strip()


def to_table(e: Execution) -> str:
    """The rows group by group, then the rows that moved most, then every 年初预算数 mismatch with both places."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(escape(title(e)))
    console.print(escape(f"预算：{e.budget_file}    决算：{e.final_file}"))
    for group, label in GROUP_LABELS.items():
        rows = [r for r in e.rows if r.group == group]
        if not rows:
            continue
        t = Table(title=escape(label), title_justify="left")
        for _k, head in COLUMNS[1:]:
            t.add_column(head, justify="left" if _k in ("key", "name") else "right")
        for r in rows:
            t.add_row(*(escape(_text(v)) for v in _cells(r)[1:]))
        console.print(t)
    movers = e.movers()
    if movers:
        t = Table(title="变动最大的行（按差额绝对值）", title_justify="left")
        for _k, head in COLUMNS:
            t.add_column(head, justify="left" if _k in ("group_label", "key", "name") else "right")
        for r in movers:
            t.add_row(*(escape(_text(v)) for v in _cells(r)))
        console.print(t)
    console.print(f"决算所述年初预算数与预算公开数不符：{len(e.mismatches)} 处")
    for m in e.mismatches:
        console.print(escape(f"[{m.to_dict()['rule']}] {m.message()}"))
    for note in e.notes:
        console.print(escape(f"说明：{note}"))
    return str(console.file.getvalue())  # type: ignore[attr-defined]


def to_xlsx(e: Execution) -> bytes:
    """Sheets 执行情况 (every row with both places), 变动最大, 年初预算数不符, 说明: headers bold and frozen, amounts
    as numbers with two decimals (a reader can sum them), text never a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "执行情况"
    _sheet(ws, [label for _k, label in COLUMNS + PLACE_COLUMNS],
           [_cells(r) + [p.text() if p else "" for p in (r.budget_place, r.final_place)] for r in e.rows],
           [36, 10, 30, 12, 12, 16, 9, 60, 60])
    _sheet(wb.create_sheet("变动最大"), [label for _k, label in COLUMNS], [_cells(r) for r in e.movers()],
           [36, 10, 30, 12, 12, 16, 9])
    _sheet(wb.create_sheet("年初预算数不符"), [label for _k, label in MISMATCH_COLUMNS],
           [_mismatch_cells(m) for m in e.mismatches], [30, 18, 12, 10, 60, 60])
    about: list[list[Any]] = [["部门", e.department], ["年度", e.year], ["预算文件", e.budget_file],
                              ["决算文件", e.final_file], ["单位", "万元"],
                              ["执行率", "决算数 ÷ 预算数 × 100；预算数为零或未列时不计算"]]
    _sheet(wb.create_sheet("说明"), ["项目", "内容"], about + [["未比较", n] for n in e.notes], [12, 90])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _mismatch_cells(m: Mismatch) -> list[Any]:
    return [m.subject, m.stated, m.published, m.difference, m.final_place.text(), m.budget_place.text()]


def _sheet(ws: Any, header: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.utils import get_column_letter

    ws.append(header)
    for values in rows:
        ws.append([float(v) if isinstance(v, Decimal) else v for v in values])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = TYPE_STRING  # a label is never a formula
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"


def chart_rows(e: Execution) -> list[ExecRow]:
    """What the chart shows: the 功能分类 类 of the 一般公共预算, the 三公 items and the rows that moved most."""
    wanted = [r for r in e.rows if r.group == "general" and r.kind in ("total", "class")]
    wanted += [r for r in e.movers() if r not in wanted]
    wanted += [r for r in e.rows if r.group == "three_public" and r not in wanted and (r.budget or r.final)]
    return [r for r in wanted if r.budget is not None or r.final is not None][:CHART_ROWS]


def png(e: Execution) -> bytes:
    """Left: 预算数 and 决算数 side by side per row (万元); right: the execution rate (%) against 100 %, so a small
    row (a 三公 item) reads as well as a large one. Raises FontMissing without a CJK font."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    from yusuan.write.fonts import cjk_font

    font = font_manager.FontProperties(fname=str(cjk_font()))
    small = font_manager.FontProperties(fname=str(cjk_font()), size=8)
    rows = chart_rows(e)[::-1]
    fig = Figure(figsize=(11, max(3.0, 0.42 * len(rows) + 1.6)), dpi=100)
    amounts, rates = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [3, 2]})
    ys = list(range(len(rows)))
    budget = [float(r.budget or 0) for r in rows]
    final = [float(r.final or 0) for r in rows]
    amounts.barh([y + 0.2 for y in ys], budget, height=0.4, color="#b8c9dc", label="预算数")
    amounts.barh([y - 0.2 for y in ys], final, height=0.4, color="#3b6ea5", label="决算数")
    amounts.set_yticks(ys, [_chart_label(r) for r in rows], fontproperties=font)
    amounts.set_xlabel("万元", fontproperties=font)
    amounts.legend(prop=font, loc="lower right")
    top = max([*budget, *final, 1.0])
    for y, r in zip(ys, rows, strict=True):
        amounts.text(max(float(r.budget or 0), float(r.final or 0)) + top * 0.01, y,
                     f"{_text(r.final)} / {_text(r.budget)}", va="center", fontproperties=small)
    amounts.set_xlim(0, top * 1.35)
    shown = [float(r.rate) if r.rate is not None else 0.0 for r in rows]
    rates.barh(ys, shown, height=0.5, color=["#c0504d" if v < 90 else "#3b6ea5" for v in shown])
    rates.axvline(100, color="#555555", linewidth=0.8, linestyle="--")
    for y, r in zip(ys, rows, strict=True):
        rates.text((float(r.rate) if r.rate is not None else 0) + 1, y,
                   f"{r.rate:.2f}%" if r.rate is not None else "—", va="center", fontproperties=small)
    rates.set_xlim(0, max([*shown, 100.0]) * 1.18)
    rates.set_xlabel("执行率 %（决算 ÷ 预算；红色低于 90%）", fontproperties=font)
    fig.suptitle(title(e), fontproperties=font)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _chart_label(r: ExecRow) -> str:
    short = {"general": "", "three_public": "三公 ", "economic": "经济 ", "project": "项目 "}.get(r.group, "")
    name = r.name if len(r.name) <= 14 else r.name[:13] + "…"
    code = f"{r.key} " if r.key.isdigit() else ""
    return f"{short}{code}{name}"
