"""Small documents for the checker's tests, built from content at test time (no seed, no fixture file): a clean
synthetic department (`yusuan.sample`: every identity holds by construction), then one defect put in on purpose."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

from yusuan.model import Disclosure, Row, Table
from yusuan.sample import department
from yusuan.write import build, render

CENT = Decimal("0.01")


def clean(index: int = 1, seed: int = 1) -> Disclosure:
    """A department whose tables, prose and performance tables agree (department 1 of seed 1 has every table
    type, projects, a 三公 table and one class with 款 and 项 rows)."""
    return department(seed, index)


def written(d: Disclosure, path: Path, fmt: str = "txt-tab") -> Path:
    """The document of model `d` written as a file (prose computed from its tables, as a publisher would)."""
    path.write_bytes(render(build(d), fmt))
    return path


def table(d: Disclosure, key: str) -> Table:
    t = d.table(key)
    assert t is not None, key
    return t


def row(t: Table, code: str | None = None, kind: str | None = None, item: str | None = None) -> Row:
    for r in t.rows:
        if (code is None or r.code == code) and (kind is None or r.kind == kind) and (item is None or r.item == item):
            return r
    raise AssertionError(f"no row {code or kind or item} in {t.type}")


def first_category(d: Disclosure) -> str:
    """A 款 code of table 3 with at least two 项 rows under it (its total is a sum that can miss by a cent)."""
    t3 = table(d, "expenditure_overview")
    for r in t3.rows:
        if r.kind == "category" and r.code and sum(1 for x in t3.rows if x.kind == "item" and x.code
                                                   and x.code.startswith(r.code)) >= 2:
            return r.code
    raise AssertionError("no 款 with two 项")


def with_error(d: Disclosure) -> Disclosure:
    """Table 3's first 款 prints 基本支出 one 万元 too high: 合计 ≠ 基本支出 + 项目支出 (an arithmetic error)."""
    d = copy.deepcopy(d)
    r = row(table(d, "expenditure_overview"), first_category(d))
    r.values["basic"] = r.values.get("basic", Decimal(0)) + 1
    return d


def with_cent_gaps(d: Disclosure) -> Disclosure:
    """Two cent gaps, each printed wherever its row recurs (as when a row is rounded apart from its parent): the first
    项 under the first 款 is one cent low in every column of tables 2, 3 and 5, and 30101 of table 6 one cent low."""
    d = copy.deepcopy(d)
    code = first_category(d)
    item = next(r.code for r in table(d, "expenditure_overview").rows
                if r.kind == "item" and r.code and r.code.startswith(code))
    for key in ("income_overview", "expenditure_overview", "general_budget_expenditure"):
        r = row(table(d, key), item)
        for col in r.values:
            r.values[col] -= CENT
    r6 = row(table(d, "general_budget_basic"), "30101")
    for col in r6.values:
        r6.values[col] -= CENT
    return d
