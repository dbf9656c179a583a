"""Checks the 部门决算 brought (issue 12), written for any family: a 持平 contradicted by another figure, execution
rates (完成年初预算的 Y%) against their own base, the 三公 budget stated in the prose against its table, what the
prose says a figure is made of (人员经费 主要包括…, an item's 基本支出) against the tables, and the leftovers of a
template (placeholders, another body's name, another year) that a filled-in document must not keep.

Which blocks of 第三部分 hold what is the prose's data (`ProseSpec`, blocks named as for the 预算); where the
tables hold a stated figure is the template's `ProseSpec.subjects` (read through `helpers.targets`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.context import Context, Term, cents, fmt
from yusuan.check.figures import Figure, Figures, core
from yusuan.check.helpers import PCT_SLACK, THREE_PUBLIC_WORDS, amount_for, figures, st_loc, targets
from yusuan.check.registry import Hit, Location, rule
from yusuan.model import Statement

# the blocks of 第三部分 whose money is part of another block's (a part's last-year figure cannot exceed the
# whole's): 收支总计 ⊇ 财政拨款 ⊇ 一般公共预算 ⊇ its 类, 项, basic expenditure, 三公, 机关运行经费
WITHIN: dict[str, tuple[str, ...]] = {
    "total": ("income", "expenditure", "fiscal", "general_split", "class_structure", "item_usage", "basic_split",
              "three_public", "operating_cost"),
    "fiscal": ("general_split", "class_structure", "item_usage", "basic_split", "three_public", "operating_cost"),
    "general_split": ("class_structure", "item_usage", "basic_split", "operating_cost"),
    "expenditure": ("general_split", "class_structure", "item_usage", "basic_split", "operating_cost"),
    "basic_split": ("operating_cost",),
}


def _this_year(ctx: Context, total: Figure) -> tuple[Decimal, Location] | None:
    """The flat quantity this year: its table figure where the template says where it is, else the prose's."""
    for term in targets(ctx, total):
        if term.printed:
            return term.value(), ctx.loc_term(term)
    if total.amount is None:
        return None
    return ctx.in_table_unit(total.amount.value, total.amount.unit), st_loc(ctx, total.amount)


def _flat_totals(figs: Figures) -> Iterator[tuple[Figure, Statement]]:
    """Section totals said to be unchanged from last year (`…总计持平`, a change of 0), with that statement."""
    for f in figs.items:
        if f.change is None or f.change.value != 0:
            continue
        total = figs.section_total(f.block)
        if total is not None and total.amount is not None and amount_for(figs, f) is total.amount:
            yield total, f.change


@rule("NV-FLAT", "narrative_internal", "error",
      title="说明称与上年持平却与另一处的增减相矛盾",
      note="某段的总额说与上年持平，则其上年数等于本年数；其组成部分的上年数（本年数减增减额）不能超过它。")
def flat(ctx: Context) -> Iterator[Hit]:
    """说明称某段的总额与上年“持平”（增减为 0），而另一处写的其组成部分的增减额说明上年数更大，两者不能同时成立。

    持平即上年数等于本年数（本年数取表格中的数，没有对应表格时取说明中的数）；组成部分（财政拨款是收支总计的一部分，一般公共预算财政拨款是财政拨款的一部分，基本支出、各类、各项、“三公”经费、机关运行经费又是一般公共预算的一部分）的上年数 = 本年数 − 增减额，不能超过总额的上年数。只核对段落合计的持平，段中某一分项的持平不作判断。

    示例：四 “财政拨款收入支出总计持平”（总计 2,961.68），五(一) “一般公共预算财政拨款支出 2,940.05 万元 … 减少 63.14 万元”：上年一般公共预算支出 3,003.19 已超过上年财政拨款总计 2,961.68。
    """
    figs = figures(ctx)
    for total, said in _flat_totals(figs):
        parts = WITHIN.get(total.block, ())
        now = _this_year(ctx, total) if parts else None
        if now is None:
            continue
        value, where = now
        for f in figs.items:
            if f.block not in parts or f.amount is None or f.change is None or f.echo:
                continue
            prior = ctx.in_table_unit(f.amount.value - f.change.value, f.amount.unit)
            if cents(prior - value) <= 1:
                continue
            yield Hit(f"第三部分{total.section}称“{core(total.subject)[:30]}”与上年持平，即上年也为 {fmt(value)}；而第三部分"
                      f"{f.section}称“{core(f.subject)[:30]}”{fmt(f.amount.value)} 万元比上年"
                      f"{'增加' if f.change.value >= 0 else '减少'} {fmt(abs(f.change.value))} 万元，其上年数 {fmt(prior)} "
                      f"已超过 {fmt(value)}，“持平”不能成立。",
                      [st_loc(ctx, said), where, st_loc(ctx, f.change)], expected=value, actual=prior)
            break


# ---- execution rates: 完成年初预算的 Y% = 决算数 / 年初预算数 × 100 ----------------------------------------------

BASES = {"budget": "年初预算", "full_year_budget": "全年预算"}


def _base_metric(st: Statement) -> str:
    """Which budget a rate says it is of (`完成全年预算数的` → the full-year budget; otherwise 年初预算)."""
    text = f"{st.base or ''}{st.subject}"
    return "full_year_budget" if "全年" in text or "调整" in text else "budget"


def _clause(ctx: Context, i: int) -> dict[str, Statement]:
    """The figures a rate is computed from: the amount (决算数) and budgets stated before it in the same section,
    the nearest of each, back to the previous rate."""
    sts = ctx.d.narrative.statements
    rate = sts[i]
    out: dict[str, Statement] = {}
    for st in reversed(sts[:i]):
        if st.section != rate.section or st.metric == "execution_rate":
            break
        if st.metric in ("amount", "budget", "full_year_budget") and st.metric not in out:
            out[st.metric] = st
    return out


def _three_public_cell(ctx: Context, st: Statement, col: str, also: Statement | None = None) -> Term | None:
    """The cell of the 三公 table (the template's item table) the subject of a 三公 statement names (or, for a rate
    whose own subject names nothing, the subject of the amount it is computed from: `因公出国（境）费决算为0.00万元，
    完成预算的0%`)."""
    s = core(st.subject)
    if also is not None and "三公" not in s and not any(all(k in s for k in keys) for keys, _ in THREE_PUBLIC_WORDS):
        s = core(also.subject)
    item = "total" if "三公" in s else next((it for keys, it in THREE_PUBLIC_WORDS if all(k in s for k in keys)), None)
    table = next((ctx.table(spec.key) for spec in ctx.template.tables if spec.layout == "items"), None)
    if item is None or table is None:
        return None
    row = next((r for r in table.rows if r.item == item), None)
    return Term(table, row, col) if row is not None else None


def _rate_inputs(ctx: Context, i: int) -> tuple[Statement | None, dict[str, Decimal | None], list[Location]]:
    """(决算数, {base metric: its value, None when printed blank; absent when nowhere stated}, places) for the rate
    at `i`."""
    st = ctx.d.narrative.statements[i]
    clause = _clause(ctx, i)
    amount = clause.get("amount")
    bases: dict[str, Decimal | None] = {m: clause[m].value for m in BASES if m in clause}
    locs = [st_loc(ctx, s) for s in clause.values()]
    if st.block == "three_public" and "budget" not in clause:  # an item's budget is in the 三公 table
        cell = _three_public_cell(ctx, st, "budget", amount)
        if cell is not None:
            bases["budget"] = cell.row.values.get("budget")
            locs.append(ctx.loc_term(cell))
    return amount, bases, locs


def _rate(final: Decimal, base: Decimal) -> Decimal:
    return (final * 100 / base).quantize(Decimal("0.01"))


def _rate_ok(stated: Decimal, final: Decimal, base: Decimal) -> bool:
    """Within what the printed 决算数 and budget (each to 0.01) and the printed rate allow."""
    lo, hi = base - Decimal("0.005"), base + Decimal("0.005")
    if lo <= 0:
        return True
    vals = [n * 100 / d for n in (final - Decimal("0.005"), final + Decimal("0.005")) for d in (lo, hi)]
    # `98%` is rounded to 1; `98.00%` to 0.01 (the printed decimals, not the value, say how it was rounded)
    exponent = stated.as_tuple().exponent
    slack = Decimal("0.5") if isinstance(exponent, int) and exponent >= 0 else PCT_SLACK
    return min(vals) - slack <= stated <= max(vals) + slack


def _rates(ctx: Context) -> Iterator[tuple[int, Statement]]:
    for i, st in enumerate(ctx.d.narrative.statements):
        if st.metric == "execution_rate":
            yield i, st


@rule("NV-EXECUTION", "narrative_internal", "warning",
      title="说明中的预算完成率与决算数和预算数算出的不符",
      note="完成率 = 决算数 ÷ 预算数 × 100%，按说明所称的口径（年初预算或全年预算）重算，允许四舍五入带来的误差。")
def execution(ctx: Context) -> Iterator[Hit]:
    """所写的 `完成年初预算的 Y%`（或 `完成全年预算数的 Y%`）不等于 决算数 ÷ 该预算数 × 100。

    决算数和预算数取同一句中写的数（“三公”经费各项没有写预算数时取“三公”经费表的预算数列）。按另一口径（年初预算与全年预算互换）算出恰为所写的完成率时，消息说明完成率用错了基数。预算数为零或空白时完成率无从计算，见 NV-EXECUTION-UNDEFINED。

    示例：“年初预算为 2,993.92万元，支出决算为 2,940.05万元，完成年初预算的 99.20%” — 2,940.05 / 2,993.92 = 98.20%。
    """
    for i, st in _rates(ctx):
        amount, bases, locs = _rate_inputs(ctx, i)
        metric = _base_metric(st)
        base = bases.get(metric)
        if amount is None or base is None or base == 0:
            continue
        if _rate_ok(st.value, amount.value, base):
            continue
        other = next((m for m in BASES if m != metric and bases.get(m)), None)
        why = ""
        if other is not None:
            alt = bases[other]
            assert alt is not None
            if _rate_ok(st.value, amount.value, alt):
                why = f"；它恰为按{BASES[other]} {fmt(alt)} 算出的完成率，用错了基数"
        yield Hit(f"第三部分{st.section}称“{core(st.subject)[:30]}”完成{BASES[metric]}的 {st.value}%，但决算数 "
                  f"{fmt(amount.value)} / {BASES[metric]} {fmt(base)} = {_rate(amount.value, base)}%{why}。",
                  [st_loc(ctx, st), st_loc(ctx, amount), *locs], expected=_rate(amount.value, base), actual=st.value)


@rule("NV-EXECUTION-UNDEFINED", "narrative_vs_table", "info",
      title="预算数为零或空白却写了完成率",
      note="预算数为 0 或未列时，完成率（决算数 ÷ 预算数）无从计算，所写的百分比不含信息，仅作提示。")
def execution_undefined(ctx: Context) -> Iterator[Hit]:
    """预算数为零或空白，却写了 `完成预算的 Y%`。

    决算数 ÷ 0 没有意义：“完成预算的 0%” 常见于没有预算也没有支出的项目，作为提示报告，让读者知道这个百分比不是算出来的。

    示例：“因公出国（境）费决算为 0.00万元，完成预算的 0%”，而“三公”经费表中因公出国（境）费的预算数为空白。
    """
    for i, st in _rates(ctx):
        _amount, bases, locs = _rate_inputs(ctx, i)
        metric = _base_metric(st)
        if metric not in bases or bases[metric]:
            continue  # a base nowhere stated is not known to be zero
        blank = "空白" if bases[metric] is None else "0"
        yield Hit(f"第三部分{st.section}称“{core(st.subject)[:30]}”完成{BASES[metric]}的 {st.value}%，但其{BASES[metric]}数"
                  f"为{blank}，完成率无从计算。", [st_loc(ctx, st), *locs], actual=st.value)


@rule("NV-THREE-PUBLIC-BUDGET", "narrative_vs_table", "warning",
      title="说明中的“三公”经费预算数与“三公”经费表不一致",
      note="说明所写的“三公”经费（及各项）年初预算数，应等于“三公”经费表的预算数列。")
def three_public_budget(ctx: Context) -> Iterator[Hit]:
    """第三部分写的“三公”经费年初预算数与“三公”经费表的预算数不一致。

    决算的“三公”经费表同时列预算数和决算数；说明中 `“三公”经费财政拨款支出年初预算为 X 万元` 的 X（及各项的预算数）应与表中预算数列一致。决算数与表的核对见 NV-AMOUNT。

    示例：“三公”经费财政拨款支出年初预算为 1.95万元，而“三公”经费表合计预算数为 0.95。
    """
    for st in ctx.d.narrative.statements:
        if st.block != "three_public" or st.metric != "budget":
            continue
        cell = _three_public_cell(ctx, st, "budget")
        if cell is None:
            continue
        value = cell.row.values.get("budget", Decimal(0))
        if ctx.same_amount(st.value, st.unit, value, cell.table):
            continue
        stated = ctx.in_table_unit(st.value, st.unit, cell.table)
        yield Hit(f"第三部分{st.section}称“{core(st.subject)[:30]}”年初预算为 {fmt(st.value)} {st.unit or '万元'}，而"
                  f"{ctx.cell_name(cell)}为 {fmt(value)}{ctx.unit_note(cell.table, st.unit)}，相差 {fmt(stated - value)}"
                  f"{ctx.unit_note(cell.table, st.unit)}。",
                  [st_loc(ctx, st), ctx.loc_term(cell)], expected=value, actual=stated)


# ---- what a filled-in document must not keep from its template -------------------------------------------------

PLACEHOLDER = re.compile(r"(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])|(?:增加|减少|增长|下降|大于|小于)\s*[（(]\s*(?:增加|减少|增长|下降|大于|小于)\s*[）)]")
SHOWN = 12  # places listed in one finding


def _lines(ctx: Context) -> list[tuple[int, str]]:
    return sorted((n, t) for n, t in ctx.lines.items() if t)


@rule("CP-PLACEHOLDER", "completeness", "warning",
      title="文件中留有模板的占位符",
      note="如 XX、XXX、增加（减少）、下降（增长）：填写时应换成实际的名称、数字和方向。")
def placeholder(ctx: Context) -> Iterator[Hit]:
    """文件中留有模板的占位符（`XX`、`XXX`、`增加（减少）`、`下降（增长）`、`大于（小于）`），应换成实际内容。

    模板用这些写法标出要填的名称、数字和增减方向；公开的文件里仍有它们，说明有内容没有填写。所有位置合为一项发现。

    示例：“与 2023 年度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%”。
    """
    found = [(n, m.group(0)) for n, text in _lines(ctx) for m in [PLACEHOLDER.search(text)] if m]
    if not found:
        return
    words = "、".join(dict.fromkeys(re.sub(r"\s", "", w) for _, w in found))
    yield Hit(f"文件有 {len(found)} 行留有模板的占位符（{words[:60]}），应换成实际内容。",
              [ctx.loc_line(n) for n, _ in found[:SHOWN]])


TAG = re.compile(r"<[^>]*>")
PART = re.compile(r"^第[一二三四五六七八九十]+部分")
HEADING = re.compile(r"^(\S*?)(\d{4})年度?(?:部门|单位)(?:决算|预算)")


def _plain(s: str | None) -> str:
    return re.sub(r"\s", "", s or "")


def _headings(ctx: Context) -> Iterator[tuple[int, str, int]]:
    """Headings naming a body and a year (`第二部分 上海市普陀区财政局2024年度部门决算表`): line, body, year."""
    for n, text in _lines(ctx):
        flat = PART.sub("", TAG.sub("", _plain(text)))  # an HTML source's lines keep their tags
        m = HEADING.match(flat)
        if m and len(flat) <= 40:
            yield n, m.group(1), int(m.group(2))


@rule("CP-OTHER-BODY", "completeness", "warning",
      title="标题写的是另一个单位",
      note="各部分和各表的标题应写本部门（单位）的名称；写成另一个单位多为套用别的文件未改。")
def other_body(ctx: Context) -> Iterator[Hit]:
    """标题（`XX 2024 年度部门决算表`、各部分标题）写的单位名称不是本文件的部门（单位）。

    部门名称取自封面；标题中的名称既不包含它、也不被它包含时报告（套用别的单位的文件没有改名）。

    示例：封面为“上海市普陀区财政局”，第二部分标题却是“上海市普陀区审计局2024年度部门决算表”。
    """
    dept = _plain(ctx.d.department)
    if not dept:
        return
    for n, body, _year in _headings(ctx):
        if not body or body in dept or dept in body or not re.search(r"[\u4e00-\u9fff]{2}", body):
            continue
        yield Hit(f"标题写的是“{body}”，而本文件是“{dept}”的{ctx.d.kind or '文件'}。", [ctx.loc_line(n)])


@rule("CP-OTHER-YEAR", "completeness", "warning",
      title="标题写的是另一个年度",
      note="各部分和各表标题中的年度应与文件的年度一致；写成另一年多为套用上年文件未改。")
def other_year(ctx: Context) -> Iterator[Hit]:
    """标题（`XX 2024 年度部门决算表` 等）中的年度与文件的年度不同。

    文件的年度取自封面（决算为所决算的年度，预算为预算年度）。

    示例：封面为“2024年度部门决算”，第三部分标题却是“…2023年度部门决算情况说明”。
    """
    year = ctx.d.year
    if year is None:
        return
    for n, _body, y in _headings(ctx):
        if y != year:
            yield Hit(f"标题写的是 {y} 年度，而本文件是 {year} 年度的{ctx.d.kind or '文件'}。", [ctx.loc_line(n)],
                      expected=Decimal(year), actual=Decimal(y))


# ---- what the prose says a figure is made of, against the tables ------------------------------------------------

def _section_text(ctx: Context, block: str) -> tuple[str, int | None, int | None]:
    """The paragraphs of the first section of `block`, joined, with its first paragraph's line and page."""
    for s in ctx.d.narrative.sections:
        if s.get("block") == block and s.get("paragraphs"):
            lines = s.get("paragraph_lines") or [s.get("line")]
            return "".join(p.replace(" ", "") for p in s["paragraphs"]), lines[0], s.get("page")
    return "", None, None


def _paragraph_line(ctx: Context, block: str, snippet: str) -> int | None:
    """The line of the paragraph of `block` that holds `snippet` (spaces aside), else None."""
    for s in ctx.d.narrative.sections:
        if s.get("block") != block:
            continue
        for i, para in enumerate(s.get("paragraphs") or []):
            lines = s.get("paragraph_lines") or []
            if snippet in para.replace(" ", "") and i < len(lines):
                return int(lines[i])
    return None


LISTED = re.compile(r"(人员经费|公用经费)[\d.,]*万元[，,]?(?:主要)?包括[：:](.*?)(?:等)?[；;。]")
PERSONNEL_CLASSES = ("301", "303")


def _norm(name: str | None) -> str:
    return re.sub(r"\s", "", name or "").replace("(", "（").replace(")", "）")


def _economic_rows(ctx: Context) -> list[tuple[str, str, Decimal | None, Term]]:
    """The 款 rows of the family's basic-expenditure table (by 经济分类): code, name, printed amount, its cell."""
    out: list[tuple[str, str, Decimal | None, Term]] = []
    for spec in ctx.template.tables:
        t = ctx.table(spec.key)
        if spec.code_system != "economic" or t is None or t.empty:
            continue
        col = spec.columns[-1].key if len(spec.columns) == 1 else "total"
        for r in t.rows:
            if r.code and len(r.code) == 5 and r.name:
                out.append((r.code, _norm(r.name), r.values.get(col), Term(t, r, col)))
        break
    return out


@rule("NV-BASIC-ITEMS", "narrative_vs_table", "info",
      title="说明所列的人员经费或公用经费科目与基本支出表不符",
      note="说明中“主要包括”所列的经济科目，应是基本支出表中有数的科目；这是程序读文字作出的判断，仅作提示。")
def basic_items(ctx: Context) -> Iterator[Hit]:
    """一般公共预算财政拨款基本支出说明中“人员经费……主要包括：…；公用经费……主要包括：…”所列的科目，与基本支出表不符：列出的科目在表中没有数，或表中有数的科目没有列出。

    人员经费对应经济分类 301、303 类下的款，公用经费对应其余各类下的款；名称按表中印出的款级名称比较。“主要包括”不必列全，所以只作提示。

    示例：六 “人员经费 2,152.26万元，主要包括：…退休费、个人农业生产补贴” — 30310 个人农业生产补贴在表中为空白，而有数的 30309 奖励金 0.31 没有列出。
    """
    text, line, page = _section_text(ctx, "basic_split")
    rows = _economic_rows(ctx)
    if not text or not rows:
        return
    for m in LISTED.finditer(text):
        personnel = m.group(1) == "人员经费"
        listed = [_norm(x) for x in re.split(r"[、，,]", m.group(2)) if x.strip()]
        mine = [r for r in rows if (r[0][:3] in PERSONNEL_CLASSES) == personnel]
        names = {r[1] for r in mine}
        blank = [r for r in mine if r[1] in listed and not r[2]]
        unlisted = [r for r in mine if r[2] and r[1] not in listed]
        if not blank and not unlisted or not any(x in names for x in listed):
            continue
        parts = []
        if blank:
            parts.append("所列的" + "、".join(f"{c} {n}" for c, n, _, _ in blank) + " 在表中没有数")
        if unlisted:
            parts.append("表中有数的" + "、".join(f"{c} {n}（{fmt(v)}）" for c, n, v, _ in unlisted) + " 没有列出")
        yield Hit(f"第三部分说明{m.group(1)}主要包括的科目与{ctx.tname(mine[0][3].table)}不符：" + "；".join(parts) + "。",
                  [ctx.loc_line(line, page), *(ctx.loc_term(r[3]) for r in (blank + unlisted)[:6])])


ITEM_PARAGRAPH = re.compile(r"\d+、([^、。]*?（类）[^。]*?（款）([^。]*?)（项）)。?主要用于[：:](.*?)年初预算")


@rule("NV-ITEM-KIND", "narrative_vs_table", "info",
      title="说明称某项为基本支出或项目支出与表格不符",
      note="五(三)说明某项主要用于基本支出（或项目支出），表中该项却全在另一列；这是程序读文字作出的判断，仅作提示。")
def item_kind(ctx: Context) -> Iterator[Hit]:
    """一般公共预算财政拨款支出逐项说明中，称某项“主要用于…基本支出”，而支出表中该项的数全在项目支出（或反过来）。

    项按（类）（款）（项）名称对应到一般公共预算财政拨款支出表（没有时为支出表）的项级行；只说“基本支出”的，该行基本支出应有数，只说“项目”的，项目支出应有数。

    示例：五(三)2 “一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出” — 表中 2010602 的 10.00 全为项目支出，基本支出空白。
    """
    text, line, page = _section_text(ctx, "item_usage")
    tables = [t for spec in ctx.template.tables if spec.layout == "coded" and spec.code_system == "functional"
              and {"basic", "project"} <= {c.key for c in spec.columns} and (t := ctx.table(spec.key)) is not None]
    if not text or not tables:
        return
    table = tables[-1]  # the 一般公共预算 table comes after the department's own in both families
    for m in ITEM_PARAGRAPH.finditer(text):
        name, use = _norm(m.group(2)), m.group(3)
        says_basic, says_project = "基本支出" in use, "项目" in use
        if says_basic == says_project:
            continue
        row = next((r for r in table.rows if r.code and len(r.code) == 7 and _norm(r.name) == name), None)
        if row is None:
            continue
        basic, project = row.values.get("basic") or Decimal(0), row.values.get("project") or Decimal(0)
        wrong = (says_basic and basic == 0 and project > 0) or (says_project and project == 0 and basic > 0)
        if not wrong:
            continue
        said, held = ("基本支出", "项目支出") if says_basic else ("项目支出", "基本支出")
        found = (_paragraph_line(ctx, "item_usage", m.group(1) + "（项）"), _paragraph_line(ctx, "item_usage", use[-12:]))
        where: list[int | None] = [n for n in found if n is not None] or [line]
        yield Hit(f"第三部分称“{m.group(2)}（项）”主要用于{said}，而{ctx.tname(table)}“{row.code} {row.name}”的 "
                  f"{fmt(basic + project)} 全为{held}。",
                  [*(ctx.loc_line(n, page) for n in dict.fromkeys(where)),
                   ctx.loc_row(table, row, "basic" if says_basic else "project")])
