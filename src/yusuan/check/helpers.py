"""Helpers the rule modules share (the tables' keys, the grouped prose figures, where a statement is, project
names): one module they all import, so no rule module borrows from another."""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.check.context import Context
from yusuan.check.figures import Figure, Figures, core, group
from yusuan.check.hits import Location
from yusuan.model import Row, Statement, Table

T1, T3, T4, T5, T6 = ("income_expenditure_overview", "expenditure_overview", "fiscal_overview",
                      "general_budget_expenditure", "general_budget_basic")
T7, T8, T9, T10, T11 = ("general_budget_projects", "fund_budget_expenditure", "soe_budget_expenditure",
                        "three_public", "carryover")

THREE_PUBLIC_WORDS = ((("出国",), "abroad"), (("接待",), "reception"), (("购置及运行",), "vehicle"),
                      (("购置",), "vehicle_purchase"), (("运行",), "vehicle_operation"))


def figures(ctx: Context) -> Figures:
    """The prose figures, grouped once per document."""
    return ctx.cached("figures", lambda: group(ctx.d))


def st_loc(ctx: Context, st: Statement) -> Location:
    return Location(st.line, st.page, None, core(st.subject)[:40] or st.subject[:40], st.metric,
                    ctx.quote(st.line) or st.quote)


def amount_for(figs: Figures, f: Figure) -> Statement | None:
    """The amount a change or growth rate is about: its own, else the latest amount with the same subject in the
    block, else (for the 三公 total) the block's first amount."""
    if f.amount is not None:
        return f.amount
    same = [g.amount for g in figs.block(f.block) if g.amount is not None and core(g.subject) == core(f.subject)
            and (g.line or 0) <= (f.line or 0)]
    if same:
        return same[-1]
    if f.block == "three_public" and "三公" in f.subject:
        total = figs.section_total("three_public")
        return total.amount if total else None
    if f.block == "operating_cost":
        total = figs.section_total("operating_cost")
        return total.amount if total else None
    return None


def project_key(name: str | None) -> str:
    """A project name without what documents add or drop around it: year, 提前下达, （本级）, document numbers in
    brackets, a trailing 项目."""
    if not name:
        return ""
    s = name.replace(" ", "").replace("(", "（").replace(")", "）")
    s = re.sub(r"（[^（）]*）|〔[^〕]*〕", "", s)
    s = re.sub(r"^(?:提前下达)?(?:20\d{2}年(?:度)?)?", "", s)
    s = re.sub(r"(?:项目)+$", "", s)
    return s


def names_match(a: str | None, b: str | None) -> bool:
    ka, kb = project_key(a), project_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 6 and short in long_


def table_projects(ctx: Context) -> dict[str, tuple[Decimal, list[tuple[Table, Row]]]]:
    """Project name as printed in table 7 → (its total over all codes, its rows)."""
    out: dict[str, tuple[Decimal, list[tuple[Table, Row]]]] = {}
    t = ctx.table(T7)
    for r in t.rows if t else []:
        if r.kind == "project" and r.project:
            amount, rows = out.get(r.project, (Decimal(0), []))
            out[r.project] = (amount + r.values.get("total", Decimal(0)), [*rows, (t, r)])  # type: ignore[list-item]
    return out
