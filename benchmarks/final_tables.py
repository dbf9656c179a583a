#!/usr/bin/env python3
"""The 决算's tables per page: how many of the answer key's cells pdfplumber's `page.extract_tables()` alone
recovers, against yusuan's parse.

A key cell is (table, row, column) → value. Its page is where yusuan reads its row (where yusuan misses the row, the
page is `?`). Two counts for pdfplumber, both generous to it since it knows no table type, row or column:
- `row`: some extracted row on that page names the key's row (its code, printed whole or split into 类/款/项 cells;
  an item's label; 合计 for the total row; the 类 name in the sided overviews; the one figure row of the 三公
  table) and holds the value in one of its cells;
- `any`: the value is printed in some cell of some extracted table on the page.
yusuan's count is strict: the value in the right column of the right row (`tools/accuracy.py`'s match).

Usage: python benchmarks/final_tables.py [FILE.pdf [KEY.json]]   (default: ../shared/final/putuo-czj-2024.pdf)
"""

from __future__ import annotations

import io
import json
import re
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PDF = ROOT.parent / "shared" / "final" / "putuo-czj-2024.pdf"

Cell = tuple[str, str, str, Decimal]  # table, row label, column, value


def key_cells(key: dict) -> list[tuple[Cell, dict]]:
    out = []
    for ttype, gt in key["tables"].items():
        for grow in gt.get("rows") or []:
            label = grow.get("item") or grow.get("code") or grow.get("kind")
            for col, v in (grow.get("values") or {}).items():
                out.append(((ttype, label, col, Decimal(str(v))), grow))
    return out


def yusuan_row(d, ttype: str, grow: dict):
    t = next((t for t in d.tables if t.type == ttype), None)
    if t is None:
        return None
    if grow.get("item"):
        return next((r for r in t.rows if r.item == grow["item"]), None)
    if grow.get("code"):
        return next((r for r in t.rows if r.code == grow["code"] and not r.item), None)
    return next((r for r in t.rows if r.kind == "total" and not r.item), None)


def amount(cell: str | None) -> Decimal | None:
    s = re.sub(r"\s+", "", cell or "").replace(",", "")
    return Decimal(s) if re.fullmatch(r"-?\d+(?:\.\d{1,2})?", s) else None


def names_row(cells: list[str | None], ttype: str, grow: dict, template) -> bool:
    """Whether an extracted row names the key's row (generous: any cell)."""
    from yusuan.parse.text import is_total_label, label_key
    from yusuan.spec.codes import official_name

    texts = [re.sub(r"\s+", "", c or "") for c in cells]
    spec = template.by_key[ttype]
    if spec.wide:
        return any(amount(c) is not None for c in texts)  # the one figure row
    if grow.get("item"):
        return any(label_key(c) in item_labels(spec, grow["item"]) for c in texts if c)
    if grow.get("code"):
        code = grow["code"]
        runs = ["".join(texts[i:j]) for i in range(len(texts)) for j in range(i + 1, min(len(texts), i + 3) + 1)
                if all(c.isdigit() for c in texts[i:j])]  # a code printed whole or split into 类/款/项 cells
        name = official_name(code) or ""
        return code in runs or any(c.startswith(code) for c in texts) or (len(code) == 3 and name != "" and
                                                                        any(label_key(c) == name for c in texts))
    return any(is_total_label(c) for c in texts if c)


def item_labels(spec, item: str) -> set[str]:
    """Every printed label of an item: the income and the closing rows' labels, a part under its parent's context."""
    labels = {lab for lab, key in spec.items.items() if key == item}
    labels |= {lab for lab, key in spec.right_items.items() if key == item}
    for ctx in spec.item_context.values():
        labels |= {lab for lab, key in spec.items.items() if ctx.get(key) == item}
    return labels


def main() -> int:
    import pdfplumber

    from yusuan.parse import parse_path
    from yusuan.spec import family

    pdf_path = Path(sys.argv[1]) if len(sys.argv) > 1 else PDF
    key_path = Path(sys.argv[2]) if len(sys.argv) > 2 else pdf_path.with_suffix(".json")
    key = json.loads(key_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    d = parse_path(pdf_path)
    t_yusuan = time.perf_counter() - t0
    template = family(d.template)
    t0 = time.perf_counter()
    with pdfplumber.open(io.BytesIO(pdf_path.read_bytes())) as pdf:
        tables_by_page = {p.page_number: p.extract_tables() for p in pdf.pages}
    t_plumber = time.perf_counter() - t0

    per_page: dict[str, Counter] = {}
    for (ttype, _label, col, value), grow in key_cells(key):
        r = yusuan_row(d, ttype, grow)
        page = str(r.source.page) if r is not None and r.source.page is not None else "?"
        c = per_page.setdefault(page, Counter())
        c["cells"] += 1
        if r is not None and r.values.get(col) is not None and abs(r.values[col] - value) < Decimal("0.005"):
            c["yusuan"] += 1
        rows = [row for tbl in tables_by_page.get(int(page), []) for row in tbl] if page != "?" else []
        if any(amount(x) == value for row in rows for x in row):
            c["any"] += 1
        if any(names_row(row, ttype, grow, template) and any(amount(x) == value for x in row) for row in rows):
            c["row"] += 1

    print(f"{pdf_path.name}: key cells per page (page of the row as yusuan reads it)")
    print(f"{'page':>5} {'cells':>6} {'yusuan':>7} {'plumber row':>12} {'plumber any':>12}  tables extracted")
    total: Counter = Counter()
    for page in sorted(per_page, key=lambda p: (p == "?", int(p) if p.isdigit() else 0)):
        c = per_page[page]
        total += c
        n_tables = len(tables_by_page.get(int(page), [])) if page.isdigit() else 0
        print(f"{page:>5} {c['cells']:>6} {c['yusuan']:>7} {c['row']:>12} {c['any']:>12}  {n_tables}")
    print(f"{'all':>5} {total['cells']:>6} {total['yusuan']:>7} {total['row']:>12} {total['any']:>12}")
    print(f"time: yusuan parse {t_yusuan:.2f} s (whole document), pdfplumber extract_tables {t_plumber:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
