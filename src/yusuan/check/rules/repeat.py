"""One quantity stated in several places of 第三部分 must be stated the same way everywhere (amount, change, rate).

Each prose figure is given a quantity key (the 收支总预算, the 一般公共预算 total, 基本支出, a 类, a 三公 item, …);
figures with one key are compared. Keys that count different money are kept apart: section 三 counts all funds
(with last year's carry-over in its base) and section 五 only this year's 一般公共预算, so their 基本支出 / 项目支出
are one quantity only when the two sections' totals are equal, and their year-over-year changes only when the
totals' changes are equal too (otherwise NV-BASE-DIFF explains the difference); section 四 counts every 财政拨款, so
its 类 amounts are 五(二)'s only when it has no 政府性基金 / 国有资本经营 money.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.check.context import UNIT_YUAN, Context, fmt
from yusuan.check.figures import Figure, Figures, core
from yusuan.check.helpers import THREE_PUBLIC_WORDS, amount_for, figures, st_loc, targets
from yusuan.check.registry import Hit, rule
from yusuan.model import Statement

SPLIT_WORDS = (("基本支出", "basic"), ("项目支出", "project"))
BASIC_SPLIT_WORDS = (("人员经费", "personnel"), ("公用经费", "public"))
LABELS = {"total": "收支总预算", "fiscal_total": "财政拨款收支总预算", "general_total": "一般公共预算拨款合计",
          "basic": "基本支出", "project": "项目支出", "personnel": "人员经费", "public": "公用经费",
          "tp_total": "“三公”经费", "fund_total": "政府性基金预算拨款"}


@dataclass
class Keyed:
    key: str
    figure: Figure
    amount: Statement


def _yuan(st: Statement) -> Decimal:
    return st.value * UNIT_YUAN.get(st.unit or "万元", UNIT_YUAN["万元"])


def _same(a: Statement, b: Statement) -> bool:
    """Two prose figures state one value (each rounded to 0.01 of its own unit)."""
    if (a.unit or "万元") == (b.unit or "万元"):
        return a.value == b.value
    tol = max(UNIT_YUAN.get(a.unit or "万元", Decimal(1)), UNIT_YUAN.get(b.unit or "万元", Decimal(1))) * Decimal("0.005")
    return abs(_yuan(a) - _yuan(b)) <= tol


def _first(figs: Figures, block: str) -> Figure | None:
    return figs.section_total(block)


def _fiscal_is_general(ctx: Context, figs: Figures) -> bool:
    """Section 四 (every 财政拨款) counts the same money as section 五 (一般公共预算): no fund or SOE money."""
    for f in figs.block("fiscal"):
        s = core(f.subject)
        if f.amount is not None and f.amount.value != 0 and ("政府性基金" in s or "国有资本" in s):
            return False
    t4 = ctx.table("fiscal_overview")
    for r in t4.rows if t4 else []:
        if any(r.values.get(c, Decimal(0)) != 0 for c in ("fund", "soe")) or \
                (r.item in ("fund", "soe") and r.values.get("amount", Decimal(0)) != 0):
            return False
    return True


def _three_public_key(s: str) -> str | None:
    if "三公" in s and not any(w in s for w in ("出国", "接待", "购置", "运行")):
        return "tp_total"
    item = next((it for keys, it in THREE_PUBLIC_WORDS if all(k in s for k in keys)), None)
    return f"tp:{item}" if item else None


def _key(f: Figure, fiscal_general: bool) -> str | None:
    """The quantity a prose figure states, or None when it names nothing stated elsewhere."""
    s, b = core(f.subject), f.block
    if f.first and b in ("total", "income", "expenditure"):
        return "total"
    if b == "fiscal":
        if f.first:
            return "general_total" if fiscal_general else "fiscal_total"
        if "一般公共预算" in s:
            return "general_total"
        if "政府性基金" in s:
            return "fund_total"
        if fiscal_general and s.endswith("支出") and "国有资本" not in s:
            return f"class:{s}"
        return None
    if b == "general_split":
        if f.first:
            return "general_total"
        return next((k for w, k in SPLIT_WORDS if w in s), None)
    if b == "expenditure":
        k = next((k for w, k in SPLIT_WORDS if w in s), None)
        return f"{k}@all" if k else None
    if b == "class_structure" and "（类）" in s:
        return f"class:{s.split('（类）')[0]}"
    if b == "basic_split":
        return "basic" if f.first else next((k for w, k in BASIC_SPLIT_WORDS if w in s), None)
    if b == "three_public":
        return _three_public_key(s)
    if b == "fund" and f.first:
        return "fund_total"
    return None


def keyed(ctx: Context) -> list[Keyed]:
    """Every prose amount with its quantity key (echoes quoted inside a reason left out); section 三's 基本支出 /
    项目支出 are keyed `basic@all` / `project@all` (all funds)."""
    figs = figures(ctx)
    fiscal_general = _fiscal_is_general(ctx, figs)
    general = figs.section_total("general_split")
    out = []
    for f in figs.items:
        if f.amount is None or f.echo:
            continue
        k = _key(f, fiscal_general)
        if k == "total":
            k = _total_key(ctx, f)
        elif k == "general_total" and f.first and f.block == "fiscal" and (
                _with_balances(ctx, f) or not _same_in_tables(ctx, f, general)):
            k = "fiscal_total"  # a 决算's 财政拨款收入支出总计 holds the opening balances: not 五(一)'s total
        if k:
            out.append(Keyed(k, f, f.amount))
    return out


def _with_balances(ctx: Context, f: Figure) -> bool:
    """The table figure a prose total states is a 总计 the template sums from more than this year's money (its item
    tree holds a balance: 总计 = 本年收入合计 + 年初财政拨款结转和结余): last year's may differ where this year's
    balance is nil, so its change is not 五(一)'s."""
    for term in targets(ctx, f):
        spec = ctx.template.table(term.table.type)
        kids = spec.item_tree.get(term.row.item or "", ()) if spec else ()
        if any(k not in ("general", "fund", "soe") for k in kids) and term.row.item == "income_total":
            return True
    return False


def _same_in_tables(ctx: Context, f: Figure, other: Figure | None) -> bool:
    """Two prose totals state table figures of one value (or the template says nowhere where they are)."""
    a = [t for t in targets(ctx, f) if t.printed]
    b = [t for t in targets(ctx, other) if t.printed] if other is not None else []
    return not a or not b or a[0].value() == b[0].value()


def _total_key(ctx: Context, f: Figure) -> str:
    """The totals of 一, 二 and 三 are one quantity where the tables they state hold one value (a 预算's 收支总预算 =
    收入合计 = 支出合计); a 决算's 收支总计 (with balances), 本年收入合计 and 本年支出合计 differ, and the template
    (`ProseSpec.subjects`) says which table figure each states: their values tell them apart."""
    cells = [t for t in targets(ctx, f) if t.printed]
    return f"total:{cells[0].value()}" if cells else "total"


def same_totals(ctx: Context) -> tuple[bool, bool]:
    """Sections 三 and 五 state the same total (so the same 基本支出 / 项目支出), and the same total change (so the
    same base for their changes)."""
    figs = figures(ctx)
    tot3, tot5 = _first(figs, "expenditure"), _first(figs, "general_split")
    if tot3 is None or tot5 is None or tot3.amount is None or tot5.amount is None or \
            not _same(tot3.amount, tot5.amount):
        return False, False
    c3, c5 = _change_of(figs, tot3), _change_of(figs, tot5)
    return True, c3 is not None and c5 is not None and c3.value == c5.value


def _label(key: str) -> str:
    if key.startswith("total"):
        return LABELS["total"]
    if key.startswith("class:"):
        return key[6:]
    if key.startswith("tp:"):
        return next((" ".join(keys) for keys, it in THREE_PUBLIC_WORDS if it == key[3:]), key[3:])
    return LABELS.get(key.split("@")[0], key)


@rule("NV-REPEAT", "narrative_internal", "warning",
      title="第三部分同一数额两处写得不一样",
      note="同一数额（如收支总预算、基本支出）在第三部分各段出现时应写得一样。")
def repeat(ctx: Context) -> Iterator[Hit]:
    """同一数额在第三部分两处写成了不同的金额。

    包括：一的收支总预算、二的收入合计和三的支出合计；四和五(一)的一般公共预算合计；五(一)和六的基本支出（三的合计等于五的合计时也含三）；项目支出同理；四（没有政府性基金、国有资本经营资金时）和五(二)的各类；各处重复写的人员经费、公用经费；“三公”经费合计及其中各项，在“其中”列表和增减句中各写一次的。万元与元的数相差在各自舍入之内视为同一数额。与表格的核对由 NV-AMOUNT 完成；本规则不需要表格。

    示例：五(一) “基本支出 383.31万元”，六 “一般公共预算基本支出 384.31万元” — 同一数额两处不一致，相差 1.00。
    """
    same_total, _ = same_totals(ctx)
    groups: dict[str, list[Keyed]] = {}
    for k in keyed(ctx):
        key = k.key[:-4] if same_total and k.key.endswith("@all") else k.key
        groups.setdefault(key, []).append(k)
    for key, items in groups.items():
        first = items[0]
        for other in items[1:]:
            if other.figure.section == first.figure.section and other.key.startswith("total"):
                continue
            if _same(first.amount, other.amount):
                continue
            a, b = first.amount, other.amount
            yield Hit(f"第三部分{a.section}称“{_label(key)}”为 {fmt(a.value)} {a.unit or '万元'}，{b.section}却为 "
                      f"{fmt(b.value)} {b.unit or '万元'}，同一数额两处不一致，相差 {fmt(b.value - a.value)}。",
                      [st_loc(ctx, a), st_loc(ctx, b)], expected=a.value, actual=b.value)


def _changes(ctx: Context) -> dict[str, list[Figure]]:
    """Figures stating a change, by the quantity key of the amount they are about."""
    figs = figures(ctx)
    by_amount = {id(k.amount): k.key for k in keyed(ctx)}
    _, same_base = same_totals(ctx)
    out: dict[str, list[Figure]] = {}
    for f in figs.items:
        if f.change is None:
            continue
        amt = amount_for(figs, f)
        key = by_amount.get(id(amt)) if amt is not None else None
        if key is None:
            continue
        if key.endswith("@all") and same_base:
            key = key[:-4]
        out.setdefault(key, []).append(f)
    return out


def _change_of(figs: Figures, total: Figure | None) -> Statement | None:
    if total is None:
        return None
    if total.change is not None:
        return total.change
    return next((f.change for f in figs.block(total.block) if f.change is not None and f.amount is None and
                 amount_for(figs, f) is total.amount), None)


@rule("NV-REPEAT-CHANGE", "narrative_internal", "warning",
      title="第三部分同一数额的增减两处写得不一样",
      note="同一数额比上年的增减额和增长率在第三部分各段应一致；三与五口径不同时见 NV-BASE-DIFF。")
def repeat_change(ctx: Context) -> Iterator[Hit]:
    """同一数额比上年的增减在第三部分两处写得不一样。

    数额的范围同 NV-REPEAT。三与五的基本支出、项目支出的变化，只有两段的合计变化相同（同一基数）时才比较；否则差异是预期的（上年结转），由 NV-BASE-DIFF 作为提示报告。

    示例：五(一) “基本支出 … 比上年预算增加 10.50万元”，六 “基本支出 … 比上年预算增加 11.50万元”。
    """
    for key, figs in _changes(ctx).items():
        first = figs[0]
        for other in figs[1:]:
            a, b = first.change, other.change
            if a is None or b is None or a.section == b.section:
                continue
            if a.value != b.value:
                yield Hit(f"第三部分{a.section}称“{_label(key)}”比上年变化 {fmt(a.value)} 万元，{b.section}却为 "
                          f"{fmt(b.value)} 万元，同一变化两处不一致，相差 {fmt(b.value - a.value)}。",
                          [st_loc(ctx, a), st_loc(ctx, b)], expected=a.value, actual=b.value)
            elif first.growth is not None and other.growth is not None and first.growth.value != other.growth.value:
                ga, gb = first.growth, other.growth
                yield Hit(f"第三部分{ga.section}称“{_label(key)}”比上年增长 {ga.value}%，{gb.section}却为 {gb.value}%，"
                          f"同一增幅两处不一致。", [st_loc(ctx, ga), st_loc(ctx, gb)], expected=ga.value,
                          actual=gb.value)
