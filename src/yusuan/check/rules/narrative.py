"""第三部分 情况说明 against the tables, and the prose against itself (shares, growth rates, repeated figures)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.context import UNIT_YUAN, Context, fmt
from yusuan.check.figures import Figure, Figures, core
from yusuan.check.helpers import (
    PCT_SLACK,
    T6,
    T7,
    T8,
    T9,
    amount_for,
    cells_of,
    figures,
    names_match,
    st_loc,
    table_projects,
    targets,
)
from yusuan.check.registry import Hit, rule
from yusuan.model import Statement, Table

HALF_CENT = Decimal("0.005")

@rule("NV-AMOUNT", "narrative_vs_table", "error",
      title="说明中的金额与表格不一致",
      note="第三部分各段所列金额与对应表格中的数逐一核对；只差一分钱的尾差改报 AR-ROUNDING。")
def amount(ctx: Context) -> Iterator[Hit]:
    """第三部分所写的金额与它所说明的表格数不一致。

    第一至十一段的每个数按所在段落和主语对应到表格：一、二 收入 → 表1 收入项目（一般公共预算 → 一般财力，上级…转移支付 → 转移支付，政府性基金，财政拨款结转，…）；三 → 表3 总计行（合计、基本支出、项目支出，各对各列）；四 → 表4（收入项目和类级行）；五(一) → 表5 总计，五(二) → 表5 类级行，五(三) → 表5 项级行（按类、款、项名称）；六 → 表6 总计（人员经费、公用经费）；八、九 → 表8、表9；十 → 表10 各项；十一 → 表11。段落的第一个金额若说的是一部分（如 基本支出），按那一部分核对，不当作该段的合计。原因中再次引用的金额（同一主语、段落中靠后）不是对表格的陈述，不核对。

    相差只有一分钱（两处各自四舍五入）时改报 AR-ROUNDING；所写的数换成另一个单位（亿元与万元、万元与元相差一万倍）恰与表格相符时，消息指出数字像是按另一单位写的。

    示例：第三部分三 “基本支出 383.31万元” 与表3 总计行基本支出 384.31 不一致；第三部分四 “财政拨款收入支出总计0.3万元”，而表中总计为 2,961.68 万元（0.30 亿元）。
    """
    for f in figures(ctx).items:
        if f.amount is None or f.echo:
            continue
        cells = targets(ctx, f)
        if not cells:
            continue
        stated, unit = f.amount.value, f.amount.unit
        if any(ctx.same_amount(stated, unit, Decimal(o) / 100, c.table) for c in cells for o in c.options()):
            continue
        primary = cells[0]
        actual = primary.value()
        uncertain = all(c.uncertain for c in cells)
        unread = any(c.table.type in ctx.unread for c in cells)
        raw = stated
        stated = ctx.in_table_unit(stated, unit, primary.table)
        msg = (f"第三部分{f.section}称“{core(f.subject)[:30]}”为 {fmt(f.amount.value)} {unit or '万元'}，而"
               f"{ctx.cell_name(primary)}为 {fmt(actual)}{ctx.unit_note(primary.table, unit)}，"
               f"相差 {fmt(stated - actual)}{ctx.unit_note(primary.table, unit)}")
        locs = [st_loc(ctx, f.amount), ctx.loc_term(primary)]
        if abs(stated - actual) <= CENT and not uncertain:  # two separately rounded prints of one figure
            yield Hit(msg + "，在 2 个印出数各自四舍五入的范围内（来源规则 NV-AMOUNT）。", locs, actual, stated,
                      rule="AR-ROUNDING", unread=unread)
            continue
        slip = unit_slip(ctx, raw, unit, actual, primary.table)
        yield Hit(msg + (f"；按{slip}读恰与表格相符，像是以{slip}为单位写的数" if slip else "") + "。",
                  locs, expected=actual, actual=stated, uncertain=uncertain, unread=unread)


CENT = Decimal("0.01")
OTHER_UNITS = ("亿元", "万元", "元")


def unit_slip(ctx: Context, stated: Decimal, unit: str | None, table_value: Decimal,
              table: Table | None = None) -> str | None:
    """The unit in which a prose figure would state the table's value (`0.3万元` for 2,961.68 万元 is 0.30 亿元),
    within the rounding of the figure as printed; None when no other unit fits."""
    if table_value == 0 or stated == 0:
        return None
    exponent = stated.as_tuple().exponent
    if not isinstance(exponent, int):
        return None
    half = Decimal(5).scaleb(exponent - 1)  # half a unit of the last printed digit
    for other in OTHER_UNITS:
        if other == (unit or "万元"):
            continue
        yuan, per = UNIT_YUAN[other], UNIT_YUAN[ctx.unit_of(table)]
        if abs(stated * yuan - table_value * per) <= half * yuan:
            return other
    return None


def _share_base(ctx: Context, f: Figure, figs: Figures) -> Figure | None:
    base: Figure | None = None
    if f.block in ("income", "expenditure", "general_split"):
        base = figs.section_total(f.block)
    elif f.block == "class_structure":
        base = figs.section_total("general_split")
    if (base is None or base is f) and f.share is not None and f.share.base:
        return _named_total(figs, f.share.base, f)  # `占本年支出合计的100.00%`: another section's total
    return base


def _named_total(figs: Figures, name: str, f: Figure) -> Figure | None:
    """The section total a share names as its base (`本年支出合计` is 三's `本年支出`), not the figure itself."""
    want = name.replace(" ", "")
    for g in figs.items:
        s = core(g.subject)
        if g.first and g is not f and g.amount is not None and s and (want.startswith(s) or s.startswith(want)):
            return g
    return None


def _pct_range(num: Decimal, den: Decimal) -> tuple[Decimal, Decimal] | None:
    """The percentages `num / den × 100` can take when both printed amounts are rounded to 0.01."""
    lo_d, hi_d = den - HALF_CENT, den + HALF_CENT
    if lo_d <= 0:
        return None
    vals = [(n * 100 / d) for n in (num - HALF_CENT, num + HALF_CENT) for d in (lo_d, hi_d)]
    return min(vals), max(vals)


def _pct_ok(stated: Decimal, num: Decimal, den: Decimal) -> bool:
    rng = _pct_range(num, den)
    if rng is None:
        return True
    lo, hi = rng
    return lo - PCT_SLACK <= stated <= hi + PCT_SLACK


@rule("NV-SHARE", "narrative_internal", "error",
      title="说明中的占比与金额算出的不符",
      note="占比按 金额 ÷ 总额 重算到两位小数，允许四舍五入带来的误差。")
def share(ctx: Context) -> Iterator[Hit]:
    """所写的占比 `占 Y%` 不等于金额除以总额（重算到两位小数）。

    总额是该段的合计：第二、三段为收支总预算，五(二)的类级结构为五(一)的一般公共预算合计；段落的合计句缺失（如被分页截断）时不重算。两个印出金额都四舍五入到 0.01，占比只要落在这些误差允许的范围内（再加上印出百分比本身的 0.005）即算相符。

    示例：“一般公共预算 424.53万元，占 91.21%” — 424.53 / 470.62 = 90.21%。
    """
    figs = figures(ctx)
    for f in figs.items:
        if f.share is None or f.amount is None:
            continue
        base = _share_base(ctx, f, figs)
        if base is None or base.amount is None or base is f or base.amount.value == 0:
            continue
        a, t, y = f.amount.value, base.amount.value, f.share.value
        if _pct_ok(y, a, t):
            continue
        calc = (a * 100 / t).quantize(Decimal("0.01"))
        yield Hit(f"第三部分{f.section}称“{core(f.subject)[:30]}”{fmt(a)} 万元占 {y}%，但 {fmt(a)} / {fmt(t)} = {calc}%。",
                  [st_loc(ctx, f.share), st_loc(ctx, base.amount)], expected=calc, actual=y)


@rule("NV-GROWTH", "narrative_internal", "warning",
      title="说明中的增长率与增减额算出的不符",
      note="增长率应为 增减额 ÷（本年数 − 增减额）× 100%，允许四舍五入带来的误差。")
def growth(ctx: Context) -> Iterator[Hit]:
    """所写的 `比上年增加 Z万元，增长 W%` 自相矛盾：W 应等于 Z / (金额 − Z) × 100。

    减少、下降时 Z 和 W 为负。上年数为 金额 − Z；各印出数都有四舍五入，W 落在误差允许的范围内即算相符。上年为零时的增长率见 NV-GROWTH-ZERO-BASE。

    示例：“基本支出 383.31万元，比上年预算增加 10.50万元，增长 4.82%” — 10.50 / 372.81 = 2.82%。
    """
    figs = figures(ctx)
    for f in figs.items:
        if f.change is None or f.growth is None:
            continue
        amt = amount_for(figs, f)
        if amt is None:
            continue
        a, z, w = amt.value, f.change.value, f.growth.value
        prior = a - z
        if prior <= 0:
            continue  # zero base: NV-GROWTH-ZERO-BASE; a negative prior year is no budget at all
        if a == 0:  # nothing budgeted this year is an exact 0, so the whole prior year went: exactly −100%
            if abs(w + 100) <= PCT_SLACK:
                continue
        elif _pct_ok(w, z, prior) and (z == 0 or (w > 0) == (z > 0) or w == 0):
            continue
        calc = (z * 100 / prior).quantize(Decimal("0.01"))
        yield Hit(f"第三部分{f.section}称“{core(f.subject)[:30]}”比上年{'增加' if z >= 0 else '减少'} {fmt(abs(z))} 万元、"
                  f"{'增长' if w >= 0 else '下降'} {abs(w)}%，但 {fmt(z)} / ({fmt(a)} − {fmt(z)}) = {calc}%。",
                  [st_loc(ctx, f.growth), st_loc(ctx, f.change), st_loc(ctx, amt)], expected=calc, actual=w)


@rule("NV-GROWTH-ZERO-BASE", "narrative_internal", "info",
      title="上年为零却写了增长率",
      note="上年为 0 时增长率无从计算，“增长 100%”只是习惯写法，仅作提示。")
def growth_zero_base(ctx: Context) -> Iterator[Hit]:
    """上年基数为零（金额 = 增加额）却写了增长率，这个增长率无法由数字算出。

    新增项目写 `增长 100.00%` 是常见写法，但 增加额 / (金额 − 增加额) 没有意义：作为提示报告，让读者知道这个增长率不含信息。

    示例：“政府性基金预算 4,000.00万元，比上年预算增加 4,000.00万元，增长 100.00%” — 上年为 0。
    """
    figs = figures(ctx)
    for f in figs.items:
        if f.change is None or f.growth is None:
            continue
        amt = amount_for(figs, f)
        if amt is None or amt.value - f.change.value != 0 or f.growth.value == 0:
            continue
        yield Hit(f"第三部分{f.section}称“{core(f.subject)[:30]}”{fmt(amt.value)} 万元比上年增加 {fmt(f.change.value)} 万元、"
                  f"增长 {f.growth.value}%，但上年基数为 0（{fmt(amt.value)} − {fmt(f.change.value)}），增长率无从计算。",
                  [st_loc(ctx, f.growth), st_loc(ctx, amt)], expected=None, actual=f.growth.value)


def _split_figure(figs: Figures, block: str, word: str) -> Figure | None:
    return next((f for f in figs.block(block) if f.amount is not None and not f.echo and word in core(f.subject)
                 and not f.first), None)


@rule("NV-BASE-DIFF", "narrative_internal", "info",
      title="第三部分三和五对同一支出写的增减额不同",
      note="三按全部资金（含上年结转）比较，五只比本年一般公共预算，口径不同时数字不同是正常的，但文件应说明。")
def base_diff(ctx: Context) -> Iterator[Hit]:
    """第三部分三和五对同一个基本支出或项目支出金额写了不同的比上年增减额。

    这本身不一定是错：三比较的是全部资金（上年数含结转），五只比较本年一般公共预算拨款，两处的变化可以不同；但文件应说明口径不同。消息会说明差额是否恰为第二段所写的财政拨款结转的变化。

    示例：三 “项目支出 87.31万元 … 减少 14.18万元”，五(一) “项目支出 87.31万元 … 增加 6.00万元”：差额 20.18 即上年财政拨款结转。
    """
    figs = figures(ctx)
    carry = next((f for f in figs.block("income") if "结转" in core(f.subject) and f.change is not None), None)
    for word in ("基本支出", "项目支出"):
        a, b = _split_figure(figs, "expenditure", word), _split_figure(figs, "general_split", word)
        if a is None or b is None or a.change is None or b.change is None or a.amount is None or b.amount is None:
            continue
        if a.amount.value != b.amount.value or a.change.value == b.change.value:
            continue
        gap = b.change.value - a.change.value
        why = ""
        if carry is not None and carry.change is not None and abs(carry.change.value) == abs(gap):
            why = f"，差额 {fmt(abs(gap))} 恰为第三部分二所列财政拨款结转的变化（口径不同：三含上年结转，五仅本年一般公共预算）"
        locs = [st_loc(ctx, a.change), st_loc(ctx, b.change)] + ([st_loc(ctx, carry.change)] if why and carry and
                                                                 carry.change else [])
        yield Hit(f"{word} {fmt(a.amount.value)} 万元在第三部分{a.section}中比上年变化 {fmt(a.change.value)} 万元，在"
                  f"{b.section}中变化 {fmt(b.change.value)} 万元{why}；文件未说明两处比较口径不同。",
                  locs, expected=a.change.value, actual=b.change.value)


def _sum_check(ctx: Context, total: Statement, parts: list[Statement], what: str, origin: str) -> Hit | None:
    s = sum((p.value for p in parts), Decimal(0))
    gap = total.value - s
    if gap == 0:
        return None
    locs = [st_loc(ctx, total), *(st_loc(ctx, p) for p in parts)]
    msg = (f"第三部分{total.section}称{what}为 {fmt(total.value)}，而其分项 "
           + " + ".join(fmt(p.value) for p in parts) + f" = {fmt(s)}，相差 {fmt(gap)}")
    if abs(gap) <= Decimal(len(parts)) * HALF_CENT:
        return Hit(msg + f"，在 {len(parts)} 个印出数各自四舍五入的范围内（来源规则 {origin}）。", locs, s, total.value,
                   rule="AR-ROUNDING")
    return Hit(msg + "。", locs, s, total.value)


def _first_amount(figs: Figures, block: str, *words: str) -> Statement | None:
    for f in figs.block(block):
        if f.amount is not None and not f.echo and all(w in core(f.subject) for w in words):
            return f.amount
    return None


@rule("NV-SUM", "narrative_internal", "warning",
      title="说明中的合计数不等于所列各项之和",
      note="如 基本支出 = 人员经费 + 公用经费，政府采购预算 = 货物 + 工程 + 服务。")
def prose_sums(ctx: Context) -> Iterator[Hit]:
    """说明中写的合计数不等于和它一起列出的分项之和。

    基本支出 = 人员经费 + 公用经费（六）；“三公”经费 = 因公出国（境）费 + 公务用车购置费 + 公务用车运行费 + 公务接待费（十）；政府采购预算（决算为政府采购金额）= 货物 + 工程 + 服务，授予中小企业的合同金额（预留项目中的和其他项目中的）不超过政府采购金额（十二(二)，决算十一(二)）；决算五(三)逐项写的年初预算和支出决算之和等于同段所写的合计（只写了部分项目时只核对四舍五入的尾差；各项年初预算之和小于合计不算错：年初有预算而全年未支出的项不在表中，也不逐项说明）；车辆 = 一般公务用车 + 执法执勤用车 + 其他车辆，数量和价值都核对（十二(三)）。在四舍五入范围内的几分钱尾差改报 AR-ROUNDING。

    示例：“政府采购预算 23.76万元，其中：货物 4.01万元、工程 0.00万元、服务 18.75万元” — 4.01 + 0 + 18.75 = 22.76。
    """
    figs = figures(ctx)
    checks: list[tuple[Statement | None, list[Statement | None], str]] = []
    basic = figs.section_total("basic_split")
    checks.append((basic.amount if basic else None,
                   [_first_amount(figs, "basic_split", "人员经费"), _first_amount(figs, "basic_split", "公用经费")],
                   "一般公共预算基本支出"))
    tp = figs.section_total("three_public")
    checks.append((tp.amount if tp else None,
                   [_first_amount(figs, "three_public", w) for w in ("出国", "购置费", "运行费", "接待")]
                   if _first_amount(figs, "three_public", "购置费") else
                   [_first_amount(figs, "three_public", w) for w in ("出国", "公务用车", "接待")], "“三公”经费"))
    checks.append((_procurement_total(figs),
                   [_first_amount(figs, "procurement", w) for w in ("货物", "工程", "服务")], "政府采购"))
    for total, parts, what in checks:
        present = [p for p in parts if p is not None]
        if total is None or len(present) != len(parts) or len(present) < 2:
            continue
        hit = _sum_check(ctx, total, present, what, "NV-SUM")
        if hit:
            yield hit
    yield from _awarded(ctx, figs)
    yield from _item_sums(ctx)
    yield from _vehicles(ctx)


PROCUREMENT_PARTS = ("货物", "工程", "服务", "中小", "小微", "预留", "中标", "成交")


def _procurement_total(figs: Figures) -> Statement | None:
    """The total of 政府采购 (`政府采购预算` of a 预算, `政府采购金额` of a 决算): its first amount naming no part."""
    for f in figs.block("procurement"):
        s = core(f.subject)
        if f.amount is not None and not f.echo and "政府采购" in s and not any(w in s for w in PROCUREMENT_PARTS):
            return f.amount
    return None


def _awarded(ctx: Context, figs: Figures) -> Iterator[Hit]:
    """What was awarded to 中小企业 (in the reserved projects and in the others) cannot exceed all procurement."""
    total = _procurement_total(figs)
    parts = [f.amount for f in figs.block("procurement") if f.amount is not None and
             re.search(r"中标|成交", core(f.subject)) and "小微" not in core(f.subject)]  # 小微 ⊂ 中小企业
    if total is None or len(parts) < 2:
        return
    s = sum((p.value for p in parts), Decimal(0))
    if s <= total.value:
        return
    gap = s - total.value
    locs = [st_loc(ctx, total), *(st_loc(ctx, p) for p in parts)]
    msg = (f"第三部分{total.section}称政府采购金额为 {fmt(total.value)}，而授予中小企业的 "
           + " + ".join(fmt(p.value) for p in parts) + f" = {fmt(s)}，超出 {fmt(gap)}")
    if gap <= Decimal(len(parts)) * HALF_CENT:
        yield Hit(msg + f"，在 {len(parts)} 个印出数各自四舍五入的范围内（来源规则 NV-SUM）。", locs, total.value, s,
                  rule="AR-ROUNDING")
    else:
        yield Hit(msg + "。", locs, total.value, s)


ITEM_LEVEL = 7  # digits of a 项 code


def _is_item(st: Statement) -> bool:
    return bool(st.code and len(st.code) == ITEM_LEVEL) or "（项）" in st.subject


def _item_sums(ctx: Context) -> Iterator[Hit]:
    """A section that states a total (年初预算, 支出决算) and then the same figure for each 项: the 项 add up to it.

    Only where every 项 of the table is listed (by code) is a larger gap a finding; a gap within rounding always."""
    by_section: dict[str, list[Statement]] = {}
    for st in ctx.d.narrative.statements:
        if st.metric in ("amount", "budget", "full_year_budget"):
            by_section.setdefault(st.section, []).append(st)
    for sts in by_section.values():
        if not any(_is_item(st) for st in sts):
            continue
        first_item = next(i for i, st in enumerate(sts) if _is_item(st))
        for metric in ("budget", "full_year_budget", "amount"):
            # the figure stated last before the 项 (`收入X万元，支出Y万元，支出具体情况如下`: the 支出)
            total = next((st for st in reversed(sts[:first_item]) if st.metric == metric), None)
            items: dict[str, Statement] = {}
            for st in sts[first_item:]:
                if st.metric == metric and _is_item(st):
                    items.setdefault(st.code or core(st.subject), st)
            if total is None or len(items) < 2:
                continue
            hit = _sum_check(ctx, total, list(items.values()), "各项合计", "NV-SUM")
            if hit is None or (hit.rule is None and not _all_items(ctx, set(items))):
                continue
            if hit.rule is None and metric != "amount" and \
                    sum((st.value for st in items.values()), Decimal(0)) < total.value:
                continue  # a 项 budgeted but not spent is in no table and no paragraph: its budget is missing here
            yield hit


def _all_items(ctx: Context, codes: set[str]) -> bool:
    """The 项 codes listed are all the 项 of a table that prints them (so their sum must be its total)."""
    for t in ctx.d.tables:
        mine = {r.code for r in t.rows if r.code and len(r.code) == ITEM_LEVEL and not r.project}
        if mine and codes == mine:
            return True
    return False


def _vehicles(ctx: Context) -> Iterator[Hit]:
    """车辆 N辆，价值 V；其中一般公务用车 a辆，价值 …: counts and values each add up."""
    sts = [s for s in ctx.d.narrative.statements if s.block == "assets"]
    pairs: list[tuple[Statement, Statement | None]] = []
    for i, s in enumerate(sts):
        if s.metric == "count" and s.unit == "辆":
            nxt = sts[i + 1] if i + 1 < len(sts) and sts[i + 1].metric == "amount" else None
            pairs.append((s, nxt))
    if len(pairs) < 3 or "车辆" not in pairs[0][0].subject:
        return
    total, kinds = pairs[0], pairs[1:]
    hit = _sum_check(ctx, total[0], [k[0] for k in kinds], "车辆数", "NV-SUM")
    if hit:
        yield hit
    if total[1] is not None and all(k[1] is not None for k in kinds):
        hit = _sum_check(ctx, total[1], [k[1] for k in kinds if k[1] is not None], "车辆价值", "NV-SUM")
        if hit:
            yield hit


# where a family's basic-expenditure table holds 公用经费 (预算 表6 总计行的公用经费列; 决算 公用经费合计)
PUBLIC_CELLS = ((T6, "total", "public"), ("final_general_basic", "public_total", "amount"))


@rule("NV-OPERATING-COST", "narrative_vs_table", "warning",
      title="机关运行经费与基本支出表的公用经费不一致",
      note="行政单位（及参照管理的事业单位）的机关运行经费即一般公共预算基本支出中的公用经费，应与基本支出表的公用经费合计一致。")
def operating_cost(ctx: Context) -> Iterator[Hit]:
    """十二(一)所写的机关运行经费与表6 公用经费合计不一致。

    机关运行经费是行政单位（及参照管理的事业单位）由基本支出安排的公用经费，在这类文件中应等于表6 的公用经费。

    示例：“机关运行经费财政拨款预算 30.61万元” 与表6 总计公用经费 31.61 不一致。
    """
    figs = figures(ctx)
    f = figs.section_total("operating_cost")
    cells = next((c for table, row, col in PUBLIC_CELLS if (c := cells_of(ctx, table, row, (col,)))), [])
    if f is None or f.amount is None or not cells:
        return
    cell = cells[0]
    if any(ctx.same_amount(f.amount.value, f.amount.unit, Decimal(o) / 100, cell.table) for o in cell.options()):
        return
    stated = ctx.in_table_unit(f.amount.value, f.amount.unit, cell.table)
    yield Hit(f"第三部分{f.section}称机关运行经费为 {fmt(f.amount.value)} {f.amount.unit or '万元'}，而{ctx.cell_name(cell)}为 "
              f"{fmt(cell.value())}{ctx.unit_note(cell.table, f.amount.unit)}，相差 {fmt(stated - cell.value())}"
              f"{ctx.unit_note(cell.table, f.amount.unit)}。", [st_loc(ctx, f.amount), ctx.loc_term(cell)],
              expected=cell.value(), actual=stated, uncertain=cell.uncertain)


@rule("NV-PROJECT", "narrative_vs_table", "warning",
      title="说明中项目的预算安排规模与表7 不一致",
      note="项目按名称对应；一个项目跨几个科目时按各行之和比较。")
def project(ctx: Context) -> Iterator[Hit]:
    """第七段某项目的预算安排规模与表7 中该项目的金额（其各行合计）不一致。

    项目按名称对应，允许文件常见的增删（年份、提前下达、（本级）、括号中的文号、结尾的“项目”）。一个项目跨几个科目时取各行之和。

    示例：七 “项目名称：人身意外伤害保险补助 … 预算安排规模：23.22万元” 与表7 该项目 24.22 不一致。
    """
    projects = table_projects(ctx)
    if not projects:
        return
    for p in ctx.d.narrative.projects:
        name, stated = p.get("name"), p.get("amount")
        if not name or stated is None:
            continue
        stated_d = Decimal(str(stated))
        exact = [k for k in projects if k.replace(" ", "") == name]
        cands = exact or [k for k in projects if names_match(k, name)]
        if not cands:
            continue
        if any(ctx.same_amount(stated_d, "万元", projects[k][0]) for k in cands):
            continue
        if ctx.same_amount(stated_d, "万元", sum((projects[k][0] for k in cands), Decimal(0))):
            continue
        k = cands[0]
        amount, rows = projects[k]
        line = p.get("amount_line") or p.get("line")
        locs = [ctx.loc_line(line, row=name)] + [ctx.loc_row(t, r, "total") for t, r in rows]
        yield Hit(f"第三部分七称项目“{name}”预算安排规模为 {fmt(stated_d)} 万元，而表7 该项目合计为 {fmt(amount)}，"
                  f"相差 {fmt(stated_d - amount)}。", locs, expected=amount, actual=stated_d)


@rule("NV-PERFORMANCE-SUMMARY", "narrative_vs_table", "warning",
      title="预算绩效说明中的财政拨款项目金额与表7、表8、表9 不符",
      note="应等于表7 总计加表8、表9 的项目支出。")
def performance_summary(ctx: Context) -> Iterator[Hit]:
    """预算绩效说明中的财政拨款项目金额与表7、表8、表9 的项目合计不符。

    十二(四)写 `当年预算安排项目共 N 个，其中：财政拨款项目涉及预算金额 X 万元`：X 应等于表7 总计加表8（政府性基金）和表9（国有资本经营）的项目支出，即全部财政拨款项目。

    示例：“财政拨款项目涉及预算金额 216,379.00万元” — 表7 212,379.00 + 表8 4,000.00 = 216,379.00，相符。
    """
    figs = figures(ctx)
    st = _first_amount(figs, "performance_summary", "财政拨款项目")
    if st is None or "非财政" in st.subject:
        return
    terms = cells_of(ctx, T7, "total", ("total",)) + cells_of(ctx, T8, "total", ("project",)) + \
        cells_of(ctx, T9, "total", ("project",))
    if not terms:
        return
    out = ctx.judge([], terms)
    expected = out.right
    # the sum is in its tables' unit (the finer one where they differ)
    if ctx.same_amount(st.value, st.unit, expected, out.units[1] if out.units else terms[0].table) or \
            (out.uncertain and out.holds):
        return
    yield Hit(f"第三部分十二称财政拨款项目涉及预算金额 {fmt(st.value)} 万元，而表7、表8、表9 的项目支出合计为 {fmt(expected)}，"
              f"相差 {fmt(st.value - expected)}。", [st_loc(ctx, st), *ctx.locs(terms)], expected=expected,
              actual=st.value)
