"""The execution comparison (`yusuan compare 预算 决算`) on sampled pairs, and the pictures of docs/compare.md.

Run: `python benchmarks/execution.py [-n 20] [--format txt-tab] [--pictures docs]`. `yusuan sample --kind 决算
--with-budget --plant-mismatch` writes N departments' 预算 and 决算 of 2024 (the sampler executes each 预算 line
with realistic gaps and makes the 决算 misstate two of its 年初预算数, listing them in *-planted.json); both files
are read back by the parser and compared. Measured per pair against the sampler's own models (its *.json): every
compared row's budget, final, difference and rate; every planted mismatch found with both places; nothing else
reported but the consequences of a plant (the 三公 合计 and 小计 over the changed item, the prose restating it).
`--pictures DIR` compares one PDF pair (seed 7, department 1), writes compare-execution.png (the chart) and
compare-execution-xlsx.png (two sheets of the workbook drawn from its cells by matplotlib) and prints its report."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from yusuan.compare.execution import LINKS, PAIRS, Execution, execution, row_key
from yusuan.model import Disclosure

CENT = Decimal("0.01")
SEED, INDEX, YEAR = 7, 1, 2024
EXT = {"txt": ".txt", "txt-tab": ".tab.txt", "pdf": ".pdf", "html": ".html", "xlsx": ".xlsx", "docx": ".docx"}


def sample(folder: Path, n: int, fmt: str) -> None:
    subprocess.run([sys.executable, "-m", "yusuan", "sample", "--kind", "决算", "-n", str(n), "-o", str(folder),
                    "--format", fmt, "--seed", str(SEED), "--with-budget", "--plant-mismatch"], check=True,
                   stdout=subprocess.DEVNULL)


def _model(path: Path) -> Disclosure:
    return Disclosure.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _cells(d: Disclosure, table: str, column: str) -> dict[str, Decimal]:
    t = d.table(table)
    out: dict[str, Decimal] = {}
    for r in t.rows if t is not None else []:
        key = row_key(r)
        if key is not None and key not in out:
            out[key] = r.values.get(column, Decimal(0))
    return out


def truth(budget: Disclosure, final: Disclosure) -> dict[tuple[str, str], tuple[Decimal | None, Decimal | None]]:
    """(group, key) → (budget, final) as the sampler made them (its two models), for the whole mapping."""
    out: dict[tuple[str, str], tuple[Decimal | None, Decimal | None]] = {}
    for pair in PAIRS:
        b, f = _cells(budget, *pair.budget), _cells(final, *pair.final)
        for key in set(b) | set(f):
            if not (key == "total" and (key not in b or key not in f)) and (b.get(key) or f.get(key)):
                out[(pair.group, key)] = (b.get(key), f.get(key))
    for link in LINKS:
        bv = _cells(budget, link.budget[0], link.budget[2]).get(link.budget[1])
        fv = _cells(final, link.final[0], link.final[2]).get(link.final[1])
        if bv is not None or fv is not None:
            out[(link.group, link.key)] = (bv, fv)
    return out


def score(result: Execution, budget: Disclosure, final: Disclosure, planted: list[dict[str, Any]]) -> dict[str, int]:
    """Rows exact / wrong / undecided (the reader could not place the figure), planted found, others reported."""
    got = {(r.group, r.key): r for r in result.rows}
    s = {"rows": 0, "exact": 0, "undecided": 0, "wrong": 0, "planted": len(planted), "found": 0, "other": 0}
    for key, (b, f) in truth(budget, final).items():
        s["rows"] += 1
        r = got.get(key)
        if r is not None and r.undecided:
            s["undecided"] += 1
            continue
        if r is not None:  # a row the model leaves out but the template prints blank reads as zero
            b = Decimal(0) if b is None and r.budget == 0 and r.budget_place else b
            f = Decimal(0) if f is None and r.final == 0 and r.final_place else f
        rate = (f / b * 100).quantize(CENT, ROUND_HALF_UP) if b and f is not None else None
        ok = r is not None and (r.budget, r.final, r.difference, r.rate) == (b, f, (f or 0) - (b or 0), rate)
        s["exact" if ok else "wrong"] += 1
    deltas = {Decimal(str(p["stated"])) - Decimal(str(p["budget"])) for p in planted}
    for p in planted:
        stated, published = Decimal(str(p["stated"])), Decimal(str(p["budget"]))
        hit = [m for m in result.mismatches if (m.stated, m.published) == (stated, published)
               and m.final_place.line and m.budget_place.line]
        s["found"] += bool(hit)
    s["other"] = sum(1 for m in result.mismatches if m.difference not in deltas)
    return s


def measure(n: int, fmt: str) -> None:
    from yusuan.parse.load import load

    totals: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "s"
        t = time.perf_counter()
        sample(folder, n, fmt)
        made = time.perf_counter() - t
        t = time.perf_counter()
        for i in range(n):
            stem = folder / f"final-{SEED}-{i:04d}"
            result = execution(load(f"{stem}-budget{EXT[fmt]}"), load(f"{stem}{EXT[fmt]}"))
            planted = json.loads(Path(f"{stem}-planted.json").read_text(encoding="utf-8"))
            for k, v in score(result, _model(Path(f"{stem}-budget.json")), _model(Path(f"{stem}.json")),
                              planted).items():
                totals[k] = totals.get(k, 0) + v
        compared = time.perf_counter() - t
    print(f"{n} sampled pairs ({fmt}): sampled in {made:.1f}s, read both and compared in {compared:.1f}s; "
          f"rows {totals['rows']}: exact {totals['exact']}, wrong {totals['wrong']}, undecided by the reader "
          f"{totals['undecided']}; planted mismatches found {totals['found']}/{totals['planted']}, "
          f"other mismatches reported {totals['other']}")


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


def pictures(out: Path) -> None:
    """One PDF pair read back by the parser: the text report on stdout, the chart and the workbook's picture."""
    from yusuan.compare.execution_output import png, to_table, to_xlsx
    from yusuan.parse.load import load

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "s"
        sample(folder, INDEX + 1, "pdf")
        stem = folder / f"final-{SEED}-{INDEX:04d}"
        budget, final = load(f"{stem}-budget.pdf"), load(f"{stem}.pdf")
        name = f"{final.department}{YEAR}"
        result = execution(budget, final, f"{name}年部门预算.pdf", f"{name}年度部门决算.pdf")
        print((folder / f"final-{SEED}-{INDEX:04d}-planted.json").read_text(encoding="utf-8"), file=sys.stderr)
        print(to_table(result))
        (out / "compare-execution.png").write_bytes(png(result))
        xlsx_picture(to_xlsx(result), out / "compare-execution-xlsx.png")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=20, help="how many sampled pairs to measure (keep it small)")
    ap.add_argument("--format", default="txt-tab", choices=sorted(EXT), help="the format both files are written in")
    ap.add_argument("--pictures", default=None, help="write the docs/ pictures into this folder")
    args = ap.parse_args()
    measure(args.n, args.format)
    if args.pictures:
        pictures(Path(args.pictures))


if __name__ == "__main__":
    main()
