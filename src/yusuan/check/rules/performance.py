"""绩效目标表 against the tables: each project table's budget, projects without a table, the overall table's
sources of funds, and the indicator weights."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.context import Context, fmt
from yusuan.check.registry import Hit, Location, rule
from yusuan.check.rules.narrative import T1, T8, names_match, project_key, table_projects
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
    """A project performance table's 年度预算总额 differs from that project's amount in table 7 (or 8).

    Tables are matched to projects by name, allowing what documents add or drop (a year, 提前下达, （本级）, a
    document number, a trailing 项目); a table may cover all the rows of one project name (several codes, or the
    本级 and 地州 parts). When the budget is instead the sum of several projects, PF-SHARED-TABLE reports it. An
    explanation in 其他需说明的事项 naming the project or the amount lowers the finding to info.

    Example: 绩效目标表 “全民参保及医疗服务经费” 年度预算总额 5.00 与表7 项目 “全民参保及医疗服务经费项目” 4.00 不一致。
    """
    yield from _match_all(ctx, shared=False)


@rule("PF-SHARED-TABLE", "performance", "warning",
      title="几个项目共用一张绩效目标表",
      note="每个项目应有自己的项目支出绩效目标表。")
def shared_table(ctx: Context) -> Iterator[Hit]:
    """One project performance table covers several table 7 projects: its budget equals their sum.

    Each project should have its own 项目支出绩效目标表. Found when a table's budget matches no single project of its
    name but equals the sum of that project and projects that have no table.

    Example: 绩效目标表 “自治区财政人身意外伤害保险补助经费” 65.31 = 表7 “人身意外伤害保险补助” 23.22 + “自治区人身意外伤害保险补助资金” 42.09。
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
                             [perf_loc(ctx, t, "年度预算总额")], actual=b, severity="info"), False))
            continue
        amount = sum((m.projects[k][0] for k in cands), Decimal(0))
        locs = [perf_loc(ctx, t, "年度预算总额")] + [ctx.loc_row(tb, r, "total") for k in cands
                                                      for tb, r in m.projects[k][1]]
        note = explained(notes, t.name, b) or any(explained(notes, k, m.projects[k][0]) for k in cands)
        msg = (f"项目支出绩效目标表“{t.name}”年度预算总额 {fmt(b)}，而表7 项目“{'、'.join(cands)}”为 {fmt(amount)}，"
               f"相差 {fmt(b - amount)}" + ("；其他需说明的事项对此有说明。" if note else "。"))
        hits.append((Hit(msg, locs, expected=amount, actual=b, severity="info" if note else None), False))
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
      note="在其他需说明的事项中已说明的（如资金尚未分配），降为提示。")
def project_no_table(ctx: Context) -> Iterator[Hit]:
    """A table 7 project has no 项目支出绩效目标表.

    Every project with a budget needs its performance targets. Lowered to info when 其他需说明的事项 names the
    project or its amount (e.g. funds not yet allocated, or kept for settlement and not assessed). Not reported when
    the document has no project tables at all (CP-PERFORMANCE reports that).

    Example: 表7 项目 “提前下达2025年自治区财政城乡居民基本医疗保险补助资金” 8,633.00 没有绩效目标表（其他需说明的事项已说明）。
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
        yield Hit(f"表7 项目“{name}”（{fmt(amount)} 万元）没有对应的项目支出绩效目标表"
                  + ("，其他需说明的事项对此有说明。" if note else "。"), locs, actual=amount,
                  severity="info" if note else None)


@rule("PF-OVERALL-FUNDS", "performance", "warning",
      title="部门整体绩效目标表的资金来源与表1 不一致",
      note="上级安排应等于表1 的上级转移支付，资金合计应等于收入总计。")
def overall_funds(ctx: Context) -> Iterator[Hit]:
    """The 部门整体绩效目标表's sources of funds disagree with table 1.

    上级安排 must equal the transfers from above in table 1 (上级一般公共预算 / 政府性基金 / 国有资本经营安排的转移支付),
    本级安排 + 其他 the rest of 收入总计; their total must equal 收入总计. Where the table prints its sources
    without a 资金总额 figure, the total is the sum of the sources, and each source is compared as printed.

    Example: 整体绩效目标表 上级安排 0.00、本级安排 470.62，而表1 上级一般公共预算安排转移支付 46.09。
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
    """A performance table's indicator weights do not add up to the template's total (90 or 100).

    In these templates 10 of 100 points are kept for 预算执行率, so the printed weights add to 90; elsewhere to 100.
    When some indicators' weights could not be read (a row whose cells did not line up), the sum proves nothing:
    the finding is then only info and says how many are missing.

    Example: 项目支出绩效目标表 “医疗保障业务系统维护” 指标权重合计 85，应为 90（或 100）。
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
                  expected=Decimal(90), actual=w, severity="info" if unread else None)
