"""Section 七's project statements against each other and against the performance tables: the 资金分配情况 adds
up to the 预算安排规模, and the 规模 is the project's 年度预算总额. (The 规模 against table 7 is NV-PROJECT.)"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.context import Context, fmt
from yusuan.check.helpers import names_match
from yusuan.check.registry import Hit, Location, rule
from yusuan.check.rules.performance import EXPLAINED, explained, other_notes, peq, perf_loc
from yusuan.model import ProjectAmount, ProjectStatement

# the words before an amount that make it the allocation's own total (`共计 84.68 万元`)
TOTAL_LABEL = re.compile(r"(?:共计|合计|总计|总额|共|计)$")
# the words before an amount that make it one part among unlisted others (`其中 10 万元`)
PART_LABEL = re.compile(r"其中")
SHARED_POOL = 16


def _size_loc(ctx: Context, st: ProjectStatement) -> Location:
    return ctx.loc_line(st.size_line or st.line, row=st.project[:40])


def _allocation_locs(ctx: Context, st: ProjectStatement, amounts: list[ProjectAmount]) -> list[Location]:
    lines = dict.fromkeys(a.line for a in amounts if a.line is not None)
    return [ctx.loc_line(n, row=st.project[:40]) for n in lines]


def _shared(ctx: Context, st: ProjectStatement, statements: list[ProjectStatement], total: Decimal) -> bool:
    """The table's budget is this project's 规模 plus one or two other projects' of section 七."""
    others = [s.size for s in statements if s is not st and s.size is not None][:SHARED_POOL]
    assert st.size is not None
    return any(peq(ctx, total, st.size + sum(combo, Decimal(0)))
               for n in (1, 2) for combo in itertools.combinations(others, n))


def _tolerance(amounts: list[ProjectAmount]) -> Decimal:
    """Printed to the cent, n amounts may miss their total by n half-cents; whole 万元 amounts add up exactly."""
    return Decimal("0.005") * len(amounts)


def allocation_stated(st: ProjectStatement) -> tuple[Decimal, list[ProjectAmount], str] | None:
    """What a project's 资金分配情况 states its funds to be, when it states them: (the amount, the amounts it is
    made of, how to name it); None for prose that is no breakdown."""
    amounts = st.allocations
    if st.size is None or not amounts:
        return None
    totals = [a for a in amounts if TOTAL_LABEL.search(a.label)]
    if totals:
        return totals[-1].amount, totals[-1:], "资金分配情况所列合计"
    if len(amounts) == 1:
        if PART_LABEL.search(amounts[0].label):
            return None
        return amounts[0].amount, amounts, "资金分配情况所列金额"
    if any(a.amount >= st.size for a in amounts) or any(PART_LABEL.search(a.label) for a in amounts):
        return None
    return sum((a.amount for a in amounts), Decimal(0)), amounts, f"资金分配情况所列 {len(amounts)} 项金额合计"


@rule("PJ-ALLOCATION-SUM", "narrative_internal", "warning",
      title="项目资金分配情况的金额合计与预算安排规模不一致",
      note="资金分配情况列出各部分金额时，其合计应等于预算安排规模；只写一个金额（全部用于…）时应等于预算安排规模。")
def allocation_sum(ctx: Context) -> Iterator[Hit]:
    """项目（第三部分七）资金分配情况所列金额与其预算安排规模不一致。

    列出各部分金额的（`档案数字化扫描17万元、…`），其合计应等于规模；只写一个金额（`全部用于办公费 5.00 万元`）或写明合计
    （`共计 84.68 万元`）的，该金额应等于规模。引用更大或其他数字的文字（几个金额中有不小于规模的、`其中 …`）不是分配明细，不作比较。

    示例：预算安排规模 55.00 万元，资金分配情况 档案数字化扫描17万元、…审核8万元、…经费30万元，合计 55，相符；若印成 18 万元，则合计 56，不符。
    """
    for st in ctx.d.narrative.project_statements:
        found = allocation_stated(st)
        if found is None or st.size is None:
            continue
        stated, parts, what = found
        if abs(stated - st.size) <= _tolerance(parts):
            continue
        yield Hit(f"第三部分七项目“{st.project}”预算安排规模 {fmt(st.size)} 万元，而{what}为 {fmt(stated)} 万元，"
                  f"相差 {fmt(stated - st.size)}。", [_size_loc(ctx, st), *_allocation_locs(ctx, st, parts)],
                  expected=st.size, actual=stated)


@rule("PJ-SIZE-PERFORMANCE", "narrative_vs_table", "warning",
      title="项目预算安排规模与其项目支出绩效目标表的年度预算总额不一致",
      note="项目按名称对应；几个项目共用一张绩效目标表时按其规模之和比较；其他需说明的事项已说明差额的，改报 PF-EXPLAINED（提示）。")
def size_performance(ctx: Context) -> Iterator[Hit]:
    """项目（第三部分七）的预算安排规模与其项目支出绩效目标表的年度预算总额不一致。

    项目与绩效目标表按名称对应（允许增删年份、提前下达、文号等）；第三部分七的几个项目共用一张表时，按它们的规模之和比较。
    其他需说明的事项提到该差额或该项目的（资金留作结算、不作考核等），改报 PF-EXPLAINED（提示）。

    示例：七“医疗保障业务系统维护 … 预算安排规模：675.00万元”，而其绩效目标表年度预算总额为 657.00。
    """
    statements = [st for st in ctx.d.narrative.project_statements if st.size is not None]
    tables = [t for t in ctx.d.performance.projects if t.budget_total is not None and t.name]
    if not statements or not tables:
        return
    notes, _ = other_notes(ctx)
    for st in statements:
        assert st.size is not None
        cands = [t for t in tables if names_match(st.project, t.name)]
        if not cands or any(peq(ctx, t.budget_total, st.size) for t in cands if t.budget_total is not None):
            continue
        t = cands[0]
        assert t.budget_total is not None
        if _shared(ctx, st, statements, t.budget_total):
            continue  # one table for several projects: PF-SHARED-TABLE reports that
        diff = st.size - t.budget_total
        note = explained(notes, st.project, abs(diff)) or explained(notes, t.name, None)
        yield Hit(f"第三部分七项目“{st.project}”预算安排规模 {fmt(st.size)} 万元，而项目支出绩效目标表“{t.name}”年度预算总额为 "
                  f"{fmt(t.budget_total)}，相差 {fmt(diff)}" + ("；其他需说明的事项对此有说明。" if note else "。"),
                  [_size_loc(ctx, st), perf_loc(ctx, t, "年度预算总额")], expected=t.budget_total, actual=st.size,
                  rule=EXPLAINED if note else None)
