"""The execution comparison (`yusuan compare 预算 决算`) on a sampled department, and the pictures of docs/compare.md.

Run: `python benchmarks/execution.py [--pictures docs]`. The 预算 is a sampled department (`yusuan.sample`) written
as text by the writer; its 决算 is made here (until the sampler makes both): every 项 of 表5 and every 款 of 表6
spent at a rate drawn per row (basic 93–100 %, project 70–100 %), totals summed from the rows, the 三公 items spent
at 40–95 %, and the 决算 restating its 年初预算数 — with one planted mismatch in its 三公 table (公务接待费) and one
in its prose (a 项 whose 年初预算 is restated with two digits swapped). `--pictures DIR` writes compare-execution.png
(the chart) and compare-execution-xlsx.png (the workbook's first sheet drawn from its cells by matplotlib) and
prints the text report."""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from yusuan.model import Column, Disclosure, Row, Source, SourceFile, Statement, Table
from yusuan.sample import department

CENT = Decimal("0.01")
SEED, INDEX, YEAR = 7, 1, 2024


def _spent(v: Decimal, rate: float) -> Decimal:
    return (v * Decimal(str(rate))).quantize(CENT, ROUND_HALF_UP)


def _sum_up(rows: list[Row], columns: tuple[str, ...]) -> None:
    """Each 类/款 row and the total row become the sums of the most detailed rows under them."""
    leaves = [r for r in rows if r.code and not any(o.code and o is not r and o.code.startswith(r.code) for o in rows)]
    for r in rows:
        if r in leaves:
            continue
        under = [x for x in leaves if r.kind == "total" or (r.code and x.code and x.code.startswith(r.code))]
        r.values = {c: sum((x.values.get(c, Decimal(0)) for x in under), Decimal(0)) for c in columns}


def final_of(budget: Disclosure, rng: random.Random) -> Disclosure:
    """A 决算 of the sampled 预算 with realistic execution gaps (see the module's docstring)."""
    t3, t5, t6, t10 = (budget.table(k) for k in ("expenditure_overview", "general_budget_expenditure",
                                                  "general_budget_basic", "three_public"))
    assert t3 and t5 and t6 and t10
    line = iter(range(100, 10_000))
    general = []
    for r in t5.rows:
        basic, project = r.values.get("basic", Decimal(0)), r.values.get("project", Decimal(0))
        b, p = _spent(basic, rng.uniform(0.93, 1.0)), _spent(project, rng.uniform(0.70, 1.0))
        general.append(Row(r.kind, r.code, r.name, values={"total": b + p, "basic": b, "project": p},
                           source=Source(line=next(line), page=8)))
    _sum_up(general, ("total", "basic", "project"))
    spent = {r.code or "total": r.values for r in general}
    planned = {r.code or "total": r.values for r in t5.rows}
    overall = []
    for r in t3.rows:  # all funds: the 一般公共预算 part as spent above, other funds at 60–100 %
        key, vals = r.code or "total", {}
        for c in ("basic", "project"):
            other = r.values.get(c, Decimal(0)) - planned.get(key, {}).get(c, Decimal(0))
            vals[c] = spent.get(key, {}).get(c, Decimal(0)) + _spent(other, rng.uniform(0.6, 1.0))
        overall.append(Row(r.kind, r.code, r.name, values=vals | {"total": vals["basic"] + vals["project"]},
                           source=Source(line=next(line), page=7)))
    _sum_up(overall, ("total", "basic", "project"))
    economic = [Row(r.kind, r.code, r.name, values={"amount": _spent(r.values.get("total", Decimal(0)),
                                                                      rng.uniform(0.93, 1.0))},
                    source=Source(line=next(line), page=9)) for r in t6.rows if r.code]
    _sum_up(economic, ("amount",))
    by = {r.code: r.values["amount"] for r in economic if r.code and len(r.code) == 3}
    economic += [Row("total", None, "人员经费合计", item="personnel_total",
                     values={"amount": by.get("301", Decimal(0)) + by.get("303", Decimal(0))},
                     source=Source(line=next(line), page=9)),
                 Row("total", None, "公用经费合计", item="public_total",
                     values={"amount": sum((v for c, v in by.items() if c not in ("301", "303")), Decimal(0))},
                     source=Source(line=next(line), page=9))]
    three_line = next(line)
    three: list[Row] = []
    for r in t10.rows:
        budgeted = r.values.get("total", Decimal(0))
        if r.item == "reception":
            budgeted += Decimal("0.80")  # planted: the 决算 restates its 公务接待费 budget wrongly
        three.append(Row(r.kind, None, r.name, item=r.item,
                         values={"budget": budgeted, "final": _spent(budgeted, rng.uniform(0.40, 0.95))},
                         source=Source(line=three_line, page=10)))
    tree = {"vehicle": ("vehicle_purchase", "vehicle_operation"), "total": ("abroad", "vehicle", "reception")}
    values = {r.item: r.values for r in three}
    for parent, parts in tree.items():  # 小计 and 合计 as the sums of their parts, in both columns
        for col in ("budget", "final"):
            values[parent][col] = sum((values[p].get(col, Decimal(0)) for p in parts), Decimal(0))
    d = Disclosure(SourceFile("决算.json", "", "model"), year=budget.year, department=budget.department,
                   kind="部门决算", template="final", unit="万元",
                   tables=[Table("final_expenditure", 3, "支出决算表",
                                 columns=[Column(c, c) for c in ("total", "basic", "project")], rows=overall),
                           Table("final_general_expenditure", 5, "一般公共预算财政拨款支出决算表",
                                 columns=[Column(c, c) for c in ("total", "basic", "project")], rows=general),
                           Table("final_general_basic", 6, "一般公共预算财政拨款基本支出决算表",
                                 columns=[Column("amount", "决算数")], rows=economic),
                           Table("final_three_public", 7, "财政拨款“三公”经费支出决算表",
                                 columns=[Column("budget", "预算数"), Column("final", "决算数")], rows=three)])
    d.narrative.statements = _prose(t5, rng) + _projects(budget, rng)
    return d


def _projects(budget: Disclosure, rng: random.Random) -> list[Statement]:
    """十: the final amount of two projects of 表7, as a 决算's 预算绩效管理情况 may state them."""
    t7 = budget.table("general_budget_projects")
    totals: dict[str, Decimal] = {}
    for r in t7.rows if t7 else []:
        if r.kind == "project" and r.project:
            totals[r.project] = totals.get(r.project, Decimal(0)) + r.values.get("total", Decimal(0))
    return [Statement("十", f"{name}项目", "amount", _spent(v, rng.uniform(0.7, 1.0)), line=700 + i, page=23)
            for i, (name, v) in enumerate(list(totals.items())[:2])]


def _prose(t5: Table, rng: random.Random) -> list[Statement]:
    """五(三): each 项's 年初预算数 as the 决算 restates it; one with two digits swapped (planted)."""
    items = [r for r in t5.rows if r.kind == "item" and r.values.get("total")]
    wrong = rng.choice([r for r in items if len(set(f"{r.values['total']:.2f}".split(".")[0][1:])) > 1])
    out = []
    for i, r in enumerate(items):
        v = r.values["total"]
        if r is wrong:
            s = f"{v:.2f}"
            digits = [c for c in s]
            j = next(k for k in range(1, len(s) - 1) if s[k] != s[k + 1] and "." not in s[k:k + 2])
            digits[j], digits[j + 1] = digits[j + 1], digits[j]
            v = Decimal("".join(digits))
        out.append(Statement("五", f"{r.name}（项）", "budget", v, code=r.code, line=600 + 2 * i, page=21,
                             quote=f"年初预算为{v:.2f}万元"))
    return out


def make_pair(folder: Path) -> tuple[Path, Path]:
    budget = department(SEED, INDEX, YEAR)
    model = folder / "model.json"
    model.write_text(json.dumps(budget.to_dict(), ensure_ascii=False), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "yusuan", "write", str(model), "-o", str(folder / "out"), "--format",
                    "txt"], check=True)
    budget_file = folder / f"{budget.department}{YEAR}年部门预算.txt"
    next((folder / "out").glob("*.txt")).rename(budget_file)
    final_file = folder / f"{budget.department}{YEAR}年度部门决算.json"
    final = final_of(budget, random.Random(SEED))
    final_file.write_text(json.dumps(final.to_dict(), ensure_ascii=False), encoding="utf-8")
    return budget_file, final_file


def xlsx_picture(data: bytes, target: Path, sheets: tuple[tuple[str, int, int], ...] = (
        ("执行情况", 14, 7), ("年初预算数不符", 6, 6))) -> None:
    """Sheets of the workbook drawn from their cells (column letters, row numbers, the header fill, the column
    widths the workbook sets, numbers as their cell format shows them): a picture of what Excel opens, not a
    screenshot of Excel."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from yusuan.write.fonts import cjk_font

    font = font_manager.FontProperties(fname=str(cjk_font()), size=8)
    wb = load_workbook(io.BytesIO(data))
    grids = []
    for name, rows, columns in sheets:
        ws = wb[name]
        got = list(ws.iter_rows(max_row=min(rows + 1, ws.max_row), max_col=columns))
        cells = [[_shown(c, 38) for c in row] for row in got]
        numeric = [[isinstance(c.value, int | float) for c in row] for row in got]
        widths = [ws.column_dimensions[get_column_letter(i + 1)].width or 10 for i in range(len(cells[0]))]
        grids.append((name, cells, widths, numeric))
    heights = [len(g[1]) + 1 for g in grids]
    fig = Figure(figsize=(14, 0.25 * sum(heights) + 0.6 * len(grids)), dpi=100)
    axes = fig.subplots(len(grids), 1, gridspec_kw={"height_ratios": heights})
    for ax, (name, cells, widths, numeric) in zip(axes, grids, strict=True):
        ax.axis("off")
        letters = [""] + [get_column_letter(i + 1) for i in range(len(widths))]
        body = [[str(i + 1), *row] for i, row in enumerate(cells)]
        total = sum(widths) + 4
        table = ax.table(cellText=body, colLabels=letters, cellLoc="left", bbox=[0, 0, 1, 1],
                         colWidths=[4 / total] + [w / total for w in widths])
        table.auto_set_font_size(False)
        for (r, c), cell in table.get_celld().items():
            cell.get_text().set_fontproperties(font)
            cell.set_edgecolor("#c8c8c8")
            if r == 0 or c == 0:
                cell.set_facecolor("#f0f0f0")
                cell.get_text().set_horizontalalignment("center")
            elif r == 1:
                cell.set_facecolor("#DDE6F0")
            elif numeric[r - 1][c - 1]:
                cell.get_text().set_horizontalalignment("right")
        ax.set_title(f"工作表“{name}”（工作簿共 {len(wb.sheetnames)} 个工作表：{'、'.join(wb.sheetnames)}）",
                     fontproperties=font, loc="left")
    fig.tight_layout()
    fig.savefig(target, metadata={"Software": None})


def _shown(cell: Any, limit: int) -> str:
    """A cell as Excel shows it: a number in its cell format (#,##0.00), a long text cut."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, int | float) and "0.00" in str(cell.number_format):
        return f"{v:,.2f}"
    text = str(v)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pictures", default=None, help="write the docs/ pictures into this folder")
    args = ap.parse_args()
    from yusuan.compare.execution import execution
    from yusuan.compare.execution_output import png, to_table, to_xlsx
    from yusuan.write.model_io import load_model

    with tempfile.TemporaryDirectory() as tmp:
        budget_file, final_file = make_pair(Path(tmp))
        t = time.perf_counter()
        result = execution(load_model(str(budget_file)), load_model(str(final_file)), budget_file.name,
                           final_file.name)
        print(f"read both and compared in {time.perf_counter() - t:.2f}s: {len(result.rows)} rows, "
              f"{len(result.mismatches)} mismatches", file=sys.stderr)
        print(to_table(result))
        if args.pictures:
            out = Path(args.pictures)
            (out / "compare-execution.png").write_bytes(png(result))
            xlsx_picture(to_xlsx(result), out / "compare-execution-xlsx.png")


if __name__ == "__main__":
    main()
