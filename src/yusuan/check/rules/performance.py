"""绩效目标表 against the tables: each project table's budget, projects without a table, the overall table's
sources of funds, and the indicator weights."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.context import Context, fmt
from yusuan.check.helpers import T1, T8, names_match, project_key, table_projects
from yusuan.check.registry import Hit, Location, rule
from yusuan.model import PerformanceTable, Row, Table

WEIGHT_TOTALS = (Decimal(90), Decimal(100))  # 90 where 10 points are kept for 预算执行率, else 100
SUBSET_POOL = 14


def perf_ok(t: PerformanceTable) -> bool:
    """The parser read this table whole (a name swallowing the table's text means its frame was not found)."""
    return t.name is not None and len(t.name) <= 80


def perf_loc(ctx: Context, t: PerformanceTable, word: str | None = None) -> Location:
    """The table's first line, or the line of its range that holds `word` (年度预算总额, 上级安排, …)."""
    line = t.source.line
    if word and t.source.lines and ctx.lines:
        a, b = t.source.lines
        line = next((n for n in range(a, b + 1) if word in ctx.lines.get(n, "").replace(" ", "")), line)
    return Location(line, t.source.page, "绩效目标表", t.name[:40] if t.name else None, word,
                    ctx.quote(line) or t.name)


def other_notes(ctx: Context) -> tuple[str, int | None]:
    """The text of 其他需说明的事项 (where a document explains why a table differs), and its first line.

    Found by its heading's words wherever the parser filed the section, else as the last numbered section of
    block "other"."""
    secs = ctx.d.narrative.sections
    lines = [s.get("line") for s in secs]
    named = [i for i, s in enumerate(secs) if isinstance(s.get("line"), int) and
             "其他需说明" in ctx.lines.get(int(s["line"]), "").replace(" ", "")]
    others = [i for i, s in enumerate(secs) if s.get("block") == "other" and s.get("line") is not None and
              s.get("subsection")]  # the part heading and section 十二's own heading are "other" too
    for i in named[:1] or others[:1]:
        start = int(secs[i]["line"])
        end = next((int(x) for x in lines[i + 1:] if isinstance(x, int) and x > start), None)
        glossary = ctx.d.parts.get("glossary")
        end = end or (glossary.line if glossary and glossary.line and glossary.line > start else start + 40)
        if ctx.lines:
            text = "".join(ctx.lines.get(n, "").strip() for n in range(start, end))
        else:
            text = "".join(st.quote or "" for st in ctx.d.narrative.statements if st.block == "other")
        return text.replace(" ", ""), start
    return "", None


def peq(ctx: Context, perf: Decimal, table: Decimal) -> bool:
    """A performance table's amount equals a table figure: the same number, or (tables in 元, performance tables
    in 万元 as the template prints them) the same amount within the rounding of the 万元 figure."""
    return perf == table or (ctx.table_unit != "万元" and ctx.same_amount(perf, "万元", table))


def explained(text: str, name: str | None, amount: Decimal | None) -> bool:
    if not text:
        return False
    if amount is not None:
        forms = {f"{amount:,.2f}", f"{amount:.2f}", f"{amount.normalize():f}"}
        if any(re.search(r"(?<![\d.,])" + re.escape(f) + r"(?![\d])", text) for f in forms):
            return True
    key = project_key(name)
    return len(key) >= 6 and key in text


class Matcher:
    """Pairs project performance tables with table 7 projects (by name, else by amount) and table 8 rows."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.projects = table_projects(ctx)
        self.used: set[str] = set()
        t8 = ctx.table(T8)
        self.fund_rows: list[tuple[Table, Row]] = [(t8, r) for r in t8.rows] if t8 and not t8.empty else []

    def name_cands(self, t: PerformanceTable) -> list[str]:
        return [k for k in self.projects if names_match(k, t.name)]

    def fund_amounts(self) -> set[Decimal]:
        return {r.values.get(c, Decimal(0)) for _, r in self.fund_rows for c in ("project", "total")}


@rule("PF-PROJECT-BUDGET", "performance", "warning",
      title="项目绩效目标表的年度预算总额与表7（或表8）不一致",
      note="在其他需说明的事项中已作解释的，降为提示。")
def project_budget(ctx: Context) -> Iterator[Hit]:
    """项目支出绩效目标表的年度预算总额与表7（或表8）中该项目的金额不一致。

    绩效目标表按名称对应到项目，允许文件常见的增删（年份、提前下达、（本级）、文号、结尾的“项目”）；一张表可以覆盖同名项目的所有行（跨几个科目，或本级与地州两部分）。预算总额等于几个项目之和时由 PF-SHARED-TABLE 报告。其他需说明的事项中对该项目或金额有说明的，改报 PF-EXPLAINED（提示）；找不到对应项目的，改报 PF-PROJECT-UNMATCHED（提示）。

    示例：绩效目标表 “全民参保及医疗服务经费” 年度预算总额 5.00 与表7 项目 “全民参保及医疗服务经费项目” 4.00 不一致。
    """
    yield from _match_all(ctx, shared=False)


@rule("PF-SHARED-TABLE", "performance", "warning",
      title="几个项目共用一张绩效目标表",
      note="每个项目应有自己的项目支出绩效目标表。")
def shared_table(ctx: Context) -> Iterator[Hit]:
    """一张项目支出绩效目标表覆盖了表7 的几个项目：其预算总额等于这些项目之和。

    每个项目应有自己的项目支出绩效目标表。当一张表的预算总额不等于同名的任何单个项目，而等于该项目与其他没有绩效目标表的项目之和时报告。

    示例：绩效目标表 “自治区财政人身意外伤害保险补助经费” 65.31 = 表7 “人身意外伤害保险补助” 23.22 + “自治区人身意外伤害保险补助资金” 42.09。
    """
    yield from _match_all(ctx, shared=True)


def _match_all(ctx: Context, shared: bool) -> Iterator[Hit]:
    result = ctx.cached("perf-match", lambda: _pair(ctx))
    for hit, is_shared in result[0]:
        if is_shared == shared:
            yield hit


def _pair(ctx: Context) -> tuple[list[tuple[Hit, bool]], set[str]]:
    """Match every project table once; returns the hits (flagged shared or not) and the projects covered."""
    m = Matcher(ctx)
    hits: list[tuple[Hit, bool]] = []
    notes, _ = other_notes(ctx)
    tables = [t for t in ctx.d.performance.projects if t.name]
    pending: list[tuple[PerformanceTable, list[str]]] = []
    for t in tables:
        cands = m.name_cands(t)
        m.used.update(cands)
        if t.budget_total is None or not perf_ok(t):
            continue
        b = t.budget_total
        amounts = [m.projects[k][0] for k in cands]
        if cands and (any(peq(ctx, b, a) for a in amounts) or peq(ctx, b, sum(amounts, Decimal(0)))):
            continue
        if not cands:
            if any(peq(ctx, b, a) for a in m.fund_amounts()):
                continue
            same = [k for k, (a, _) in m.projects.items() if peq(ctx, b, a)]
            if same:
                m.used.update(same)
                continue
        pending.append((t, cands))
    for t, cands in pending:
        b = t.budget_total or Decimal(0)
        free = [k for k in m.projects if k not in m.used]
        combo = _subset(m, cands, free, b)
        if combo:
            m.used.update(combo)
            locs = [perf_loc(ctx, t, "年度预算总额")] + [ctx.loc_row(tb, r, "total") for k in combo
                                                          for tb, r in m.projects[k][1]]
            locs += [ctx.loc_line(p["amount_line"]) for k in combo for p in ctx.d.narrative.projects
                     if isinstance(p.get("amount_line"), int) and names_match(str(p.get("name")), k)]
            parts = " + ".join(f"“{k}” {fmt(m.projects[k][0])}" for k in combo)
            hits.append((Hit(f"项目支出绩效目标表“{t.name}”年度预算总额 {fmt(b)} 不对应表7 任何单个项目，而等于 {parts}："
                             f"{len(combo)} 个项目共用一张绩效目标表。", locs, expected=None, actual=b), True))
            continue
        if not cands:
            hits.append((Hit(f"项目支出绩效目标表“{t.name}”（年度预算总额 {fmt(b)}）在表7、表8 中找不到对应项目。",
                             [perf_loc(ctx, t, "年度预算总额")], actual=b, rule="PF-PROJECT-UNMATCHED"), False))
            continue
        amount = sum((m.projects[k][0] for k in cands), Decimal(0))
        locs = [perf_loc(ctx, t, "年度预算总额")] + [ctx.loc_row(tb, r, "total") for k in cands
                                                      for tb, r in m.projects[k][1]]
        note = explained(notes, t.name, b) or any(explained(notes, k, m.projects[k][0]) for k in cands)
        msg = (f"项目支出绩效目标表“{t.name}”年度预算总额 {fmt(b)}，而表7 项目“{'、'.join(cands)}”为 {fmt(amount)}，"
               f"相差 {fmt(b - amount)}" + ("；其他需说明的事项对此有说明。" if note else "。"))
        hits.append((Hit(msg, locs, expected=amount, actual=b, rule=EXPLAINED if note else None), False))
    return hits, m.used


def _subset(m: Matcher, cands: list[str], free: list[str], target: Decimal) -> list[str] | None:
    """Projects (at least one named like the table) whose amounts add up to the table's budget."""
    pool = list(dict.fromkeys([*cands, *free]))[:SUBSET_POOL]
    for n in (2, 3):
        for combo in itertools.combinations(pool, n):
            if not any(k in cands for k in combo) and cands:
                continue
            if peq(m.ctx, target, sum((m.projects[k][0] for k in combo), Decimal(0))):
                return list(combo)
    return None


@rule("PF-PROJECT-NO-TABLE", "performance", "warning",
      title="表7 的项目没有绩效目标表",
      note="在其他需说明的事项中已说明的（如资金尚未分配），改报 PF-EXPLAINED（提示）。")
def project_no_table(ctx: Context) -> Iterator[Hit]:
    """表7 的某个项目没有项目支出绩效目标表。

    每个有预算的项目都应有绩效目标。其他需说明的事项提到该项目或金额的（如资金尚未分配、留作结算不作考核），改报 PF-EXPLAINED（提示）；文件印有该项目的绩效目标表但未能读出的，降为提示并注明；文件一张项目绩效目标表也没有时不报，由 CP-PERFORMANCE-PROJECTS 报告。

    示例：表7 项目 “医疗保障政策管理项目” 700.00 没有项目支出绩效目标表。
    """
    if not ctx.d.performance.projects:
        return
    _, used = ctx.cached("perf-match", lambda: _pair(ctx))
    notes, _ = other_notes(ctx)
    for name, (amount, rows) in table_projects(ctx).items():
        if name in used or amount == 0:
            continue
        note = explained(notes, name, amount)
        locs = [ctx.loc_row(t, r, "total") for t, r in rows]
        printed = None if note else _printed_table_line(ctx, name)
        if printed is not None:
            locs.append(ctx.loc_line(printed, table="绩效目标表"))
        # a table printed under this name that the reader could not take apart proves nothing missing: unread
        yield Hit(f"表7 项目“{name}”（{fmt(amount)} 万元）没有对应的项目支出绩效目标表"
                  + ("，其他需说明的事项对此有说明。" if note else "。"), locs, actual=amount,
                  rule=EXPLAINED if note else None, unread=printed is not None)


NAME_HEAD = 15  # characters of a project name enough to tell it from its neighbours (`…〔2024〕94号` / `99号`)


def _printed_table_line(ctx: Context, name: str) -> int | None:
    """The line of a performance table's head row (`项目名称 … 项目负责人 …`) naming this project, when the document
    prints one the parser did not read as a table."""
    head = "".join(name.split())[:NAME_HEAD]
    for no, text in sorted(ctx.lines.items()):
        flat = "".join(text.split())
        if "项目名称" in flat and "项目负责人" in flat and head in flat:
            return no
    return None


@rule("PF-OVERALL-FUNDS", "performance", "warning",
      title="部门整体绩效目标表的资金来源与表1 不一致",
      note="上级安排应等于表1 的上级转移支付，资金合计应等于收入总计。")
def overall_funds(ctx: Context) -> Iterator[Hit]:
    """部门整体绩效目标表的资金来源与表1 不一致。

    上级安排应等于表1 中来自上级的转移支付（上级一般公共预算、政府性基金、国有资本经营安排的转移支付），本级安排加其他为收入总计的其余部分；三者合计应等于收入总计。表中未印资金总额时，总额为各来源之和，各来源按所印数字分别比较。

    示例：整体绩效目标表上级安排 0.00、本级安排 470.62，而表1 上级一般公共预算安排转移支付 46.09。
    """
    o = ctx.d.performance.overall
    t1 = ctx.table(T1)
    if o is None or t1 is None or not o.sources:
        return
    items = {r.item: r for r in t1.rows if r.item}
    transfers = [items[k] for k in ("general_transfer", "fund_transfer", "soe_transfer") if k in items]
    total_row = items.get("income_total")
    up = sum((r.values.get("amount", Decimal(0)) for r in transfers), Decimal(0))
    stated_up = o.sources.get("superior")
    if stated_up is not None and not peq(ctx, stated_up, up):
        locs = [perf_loc(ctx, o, "上级安排"), perf_loc(ctx, o, "本级安排")] + \
            [ctx.loc_row(t1, r, "amount") for r in transfers if r.values.get("amount")]
        yield Hit(f"部门整体绩效目标表上级安排 {fmt(stated_up)}、本级安排 {fmt(o.sources.get('own'))}，而表1 上级转移支付为 "
                  f"{fmt(up)}，资金来源划分相差 {fmt(stated_up - up)}。", locs, expected=up, actual=stated_up)
    if total_row is not None and o.budget_total is not None and "amount" in total_row.values and \
            not peq(ctx, o.budget_total, total_row.values["amount"]):
        total = total_row.values["amount"]
        what = "资金合计" if o.total_printed is not False else "各资金来源之和（未印资金总额）"
        yield Hit(f"部门整体绩效目标表{what} {fmt(o.budget_total)}，而表1 收入总计为 {fmt(total)}，相差 "
                  f"{fmt(o.budget_total - total)}。", [perf_loc(ctx, o, "本级安排"), ctx.loc_row(t1, total_row, "amount")],
                  expected=total, actual=o.budget_total)


@rule("PF-WEIGHTS", "performance", "warning",
      title="绩效指标权重合计不是 90 或 100",
      note="这类模板 100 分中留 10 分给预算执行率，其余指标权重合计应为 90，其他模板为 100。")
def weights(ctx: Context) -> Iterator[Hit]:
    """绩效目标表的指标权重合计不是模板规定的总分（90 或 100）。

    这类模板 100 分中留 10 分给预算执行率，印出的权重合计应为 90；其他模板为 100。有指标的权重未能读出（单元格没有对齐的行）时，合计说明不了问题：此时只作提示，并写明缺了几个。

    示例：项目支出绩效目标表 “医疗保障业务系统维护” 指标权重合计 85，应为 90（或 100）。
    """
    tables = ([ctx.d.performance.overall] if ctx.d.performance.overall else []) + ctx.d.performance.projects
    for t in tables:
        w = t.weight_total()
        if w is None or w in WEIGHT_TOTALS or not perf_ok(t) or (t.kind == "project" and t.budget_total is None):
            continue
        unread = sum(1 for i in t.indicators if i.weight is None)
        lines = [i.line for i in t.indicators if i.line is not None and i.weight is not None]
        locs = [perf_loc(ctx, t)] + [ctx.loc_line(n, table="绩效目标表") for n in lines]
        note = f"（另有 {unread} 个指标的权重未能读出，合计仅供参考）" if unread else ""
        yield Hit(f"绩效目标表“{t.name}”的指标权重合计为 {w}{note}，应为 90（预留 10 分给预算执行率）或 100。", locs,
                  expected=Decimal(90), actual=w, unread=bool(unread))


EXPLAINED = "PF-EXPLAINED"


@rule(EXPLAINED, "performance", "info",
      title="绩效目标表与项目表不一致但文件已作说明",
      note="项目没有绩效目标表或预算总额与表7 不同，而其他需说明的事项对此已有说明（如资金尚未分配），只作提示。")
def explained_gap(ctx: Context) -> Iterator[Hit]:
    """绩效目标表与表7 之间的差异，其他需说明的事项已作说明（由 PF-PROJECT-NO-TABLE 和 PF-PROJECT-BUDGET 发现）：读者应看到，但不算瑕疵。

    示例：表7 项目“提前下达2025年自治区财政城乡居民基本医疗保险补助资金”（8,633.00 万元）没有对应的项目支出绩效目标表，其他需说明的事项对此有说明。
    """
    return iter(())  # the performance rules hand these over (Hit.rule)


@rule("PF-PROJECT-UNMATCHED", "performance", "info",
      title="项目绩效目标表在表7、表8 中找不到对应项目",
      note="项目名称在各表写法不同时可能配不上，请核对该绩效目标表对应哪个项目。")
def project_unmatched(ctx: Context) -> Iterator[Hit]:
    """项目支出绩效目标表按名称和金额都对应不到表7 或表8 的任何项目（由 PF-PROJECT-BUDGET 发现）。

    示例：项目支出绩效目标表“财政信息化运行维护经费”（年度预算总额 330.91）在表7、表8 中找不到对应项目。
    """
    return iter(())  # PF-PROJECT-BUDGET hands these over (Hit.rule)
