"""第三部分 情况说明 of the 决算, written from the data (the 2024 样张's sentences, FINAL.md «Prose»): every amount
read from a table, every share, change and execution rate computed, each figure recorded (`Fig`) as it is written.

Changes compare with last year's 决算 (`prior`); 年初预算数 and 完成年初预算的 Y% come from the 预算 of the same
year (`budget`), the 三公 budgets from the 决算's own 预算数 column. Without a prior or a budget those clauses are
left out rather than invented; a parsed document's own text is restated as it was printed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from yusuan.model import Disclosure, Metric, Row
from yusuan.spec.codes import official_name
from yusuan.write import final_words as W
from yusuan.write.document import Block, Fig, Para, value_of
from yusuan.write.final_extras import FinalExtras, final_extras_of
from yusuan.write.prose import restated

ZERO = Decimal(0)
EQUIPMENT_THRESHOLD = Decimal(100)  # 万元: the template counts equipment of 单价100万元（含）以上
CENT = Decimal("0.01")
S = W.S


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP)


class Says:
    """A paragraph under construction: its text and the figures it states, in order."""

    def __init__(self, section: str, block: str, unit: str = "万元") -> None:
        self.section, self.block, self.unit = section, block, unit
        self.text = ""
        self.figs: list[Fig] = []

    def t(self, s: str) -> Says:
        self.text += s
        return self

    def fig(self, metric: Metric, v: Decimal, subject: str, text: str, unit: str) -> Says:
        self.text += text
        self.figs.append(Fig(metric, v, subject, unit))
        return self

    def amount(self, v: Decimal, subject: str, metric: Metric = "amount") -> Says:
        return self.fig(metric, v, subject, f"{v:.2f}{self.unit}", self.unit)

    def share(self, v: Decimal, whole: Decimal, subject: str, lead: str = "，占") -> Says:
        if not whole:
            return self
        p = pct(v, whole)
        return self.t(lead).fig("share", p, subject, f"{p:.2f}%", "%")

    def count(self, n: int, unit: str, subject: str) -> Says:
        return self.fig("count", Decimal(n), subject, f"{n}{unit}", unit)

    def rate(self, v: Decimal, base: Decimal, subject: str, lead: str, of: str = "年初预算") -> Says:
        """`，完成年初预算的 Y%` (nothing where nothing was budgeted: no rate of a zero base); `of` names the base
        the words state (年初预算, or 全年预算 for `完成全年预算数的`)."""
        if not base:
            return self
        p = pct(v, base)
        self.t(lead).fig("execution_rate", p, subject, f"{p:.2f}%", "%")
        self.figs[-1].base = of
        return self

    def change(self, now: Decimal, before: Decimal | None, subject: str) -> Says:
        """`增加 Z万元，增长 W%` (减少/下降; 持平); nothing when last year is unknown."""
        if before is None:
            return self
        z = now - before
        if z == 0:  # `持平` states a change of nothing: a figure of its own
            return self.fig("change", ZERO, subject, S["flat"], self.unit)
        self.t(S["change_up"] if z > 0 else S["change_down"]).fig("change", z, subject,
                                                                   f"{abs(z):.2f}{self.unit}", self.unit)
        if before:
            w = pct(z, before)
            self.t(S["growth_up"] if w > 0 else S["growth_down"]).fig("growth", w, subject, f"{abs(w):.2f}%", "%")
        return self

    def para(self) -> Para:
        return Para(self.text, figs=self.figs, section=self.section, block=self.block)


# ---- reading the tables -----------------------------------------------------------------------------------

def _rows(d: Disclosure | None, key: str) -> list[Row]:
    t = d.table(key) if d is not None else None
    return t.rows if t is not None and not t.empty else []


def val(d: Disclosure | None, key: str, sel: str, col: str) -> Decimal:
    """A cell: `sel` is an item key, a code, or `total` (the 合计 row)."""
    for r in _rows(d, key):
        total = sel == "total" and r.kind == "total" and r.item in (None, "total")
        if total or (sel != "total" and (r.item == sel or r.code == sel)):
            v = value_of(r, col)
            return v if v is not None else ZERO
    return ZERO


def prior_val(prior: Disclosure | None, key: str, sel: str, col: str) -> Decimal | None:
    if prior is None or prior.table(key) is None:
        return None
    return val(prior, key, sel, col)


def _name(d: Disclosure, code: str) -> str:
    for key in ("final_general_expenditure", "final_expenditure", "final_income", "final_fund", "final_soe"):
        for r in _rows(d, key):
            if r.code == code and r.name:
                return r.name
    return official_name(code) or code


def _empty(d: Disclosure, key: str) -> bool:
    return not _rows(d, key)


# ---- the sections ------------------------------------------------------------------------------------------

def final_narrative(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, extras: FinalExtras | None,
                    ctx: dict[str, object]) -> list[Block]:
    """The source's own text where the model kept it (a parsed document), else prose generated from the tables
    (every paragraph marked `generated`)."""
    kept = [s for s in d.narrative.sections if s.get("section") and isinstance(s.get("paragraphs"), list)]
    if kept:
        return [b for b in restated(d, kept, ctx) if not (isinstance(b, Para) and not b.text and not b.figs)]
    ex = extras or final_extras_of(d) or FinalExtras()
    out: list[Block] = []
    for name, make in (("一", _one), ("二", _two), ("三", _three), ("四", _four), ("五", _five), ("六", _six),
                       ("七", _seven), ("八", _eight), ("九", _nine), ("十", _ten), ("十一", _eleven)):
        out.append(Para(W.SECTIONS[name], "section"))
        out += make(d, prior, budget, ex, ctx)
    for b in out:
        if isinstance(b, Para):
            b.generated = True
    return out


Ctx = dict[str, object]


def _reason(now: Decimal, before: Decimal | None) -> str:
    if before is None or now == before:
        return "。"
    return "。" + W.REASON.format(why=W.REASONS["up" if now > before else "down"])


def _one(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras, ctx: Ctx) -> list[Block]:
    total = val(d, "final_overview", "income_total", "amount")
    before = prior_val(prior, "final_overview", "income_total", "amount")
    s = Says("一", "total").t(S["total"].format(**ctx)).amount(total, "收入支出总计").t("。")
    if before is not None:
        s.t(S["total_change"].format(**ctx)).change(total, before, "收入支出总计").t(_reason(total, before))
    return [s.para()]


def _parts(section: str, block: str, lead: str, total: Decimal, items: tuple[tuple[str, str], ...],
           values: dict[str, Decimal]) -> Para:
    s = Says(section, block).t(lead).amount(total, lead)
    first = True
    for key, label in items:
        v = values.get(key, ZERO)
        if not v:
            continue  # 不涉及的不列
        s.t(S["of_which"] if first else "；").t(label).amount(v, label).share(v, total, label)
        first = False
    return s.t("。").para()


def _two(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras, ctx: Ctx) -> list[Block]:
    row = next((r for r in _rows(d, "final_income") if r.kind == "total"), None)
    values = dict(row.values) if row is not None else {}
    return [_parts("二", "income", S["income"], values.get("total", ZERO), W.INCOME_ITEMS, values)]


def _three(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras,
           ctx: Ctx) -> list[Block]:
    row = next((r for r in _rows(d, "final_expenditure") if r.kind == "total"), None)
    values = dict(row.values) if row is not None else {}
    return [_parts("三", "expenditure", S["expenditure"], values.get("total", ZERO), W.EXPENDITURE_ITEMS, values)]


def _four(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras,
          ctx: Ctx) -> list[Block]:
    total = val(d, "final_fiscal_overview", "income_total", "amount")
    before = prior_val(prior, "final_fiscal_overview", "income_total", "amount")
    s = Says("四", "fiscal").t(S["fiscal_total"].format(**ctx)).amount(total, "财政拨款收入支出总计").t("。")
    if before is not None:
        s.t(S["fiscal_change"].format(**ctx)).change(total, before, "财政拨款收入支出总计").t(_reason(total, before))
    return [s.para()]


def _five(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras,
          ctx: Ctx) -> list[Block]:
    key = "final_general_expenditure"
    heads = W.SUBSECTIONS["五"]
    total = val(d, key, "total", "total")
    spent = val(d, "final_expenditure", "total", "total")
    before = prior_val(prior, key, "total", "total")
    s = Says("五(一)", "general_total").t(S["general"]).amount(total, "一般公共预算财政拨款支出")
    s.share(total, spent, "一般公共预算财政拨款支出", S["general_share"]).t("。")
    if before is not None:
        s.t(S["general_change"].format(**ctx)).change(total, before, "一般公共预算财政拨款支出").t(_reason(total, before))
    out: list[Block] = [Para(heads[0], "subsection"), s.para(), Para(heads[1], "subsection")]
    uses = Says("五(二)", "class_structure").t(S["general"]).amount(total, "一般公共预算财政拨款支出")
    uses.t("，主要用于以下方面：")
    classes = [r for r in _rows(d, key) if r.kind == "class"]
    for i, r in enumerate(classes):
        v = value_of(r, "total") or ZERO
        subject = f"{r.name}（类）"
        uses.t("；" if i else "").t(subject).amount(v, subject).share(v, total, subject)
    out += [uses.t("。").para(), Para(heads[2], "subsection")]
    out += _five_items(d, budget, ex, total, ctx)
    return out


def budget_of(budget: Disclosure | None, key: str, sel: str) -> Decimal | None:
    """The 预算's figure (its 一般公共预算支出表 total column), None when no 预算 is given."""
    if budget is None:
        return None
    for r in budget.table(key).rows if budget.table(key) is not None else []:  # type: ignore[union-attr]
        if (sel == "total" and r.kind == "total") or (sel != "total" and r.code == sel and not r.project):
            return value_of(r, "total") or ZERO
    return ZERO


def _five_items(d: Disclosure, budget: Disclosure | None, ex: FinalExtras, total: Decimal, ctx: Ctx) -> list[Block]:
    planned = budget_of(budget, "general_budget_expenditure", "total")
    if planned is None:
        return []
    subject = "一般公共预算财政拨款支出"
    s = Says("五(三)", "execution").t(S["general_budget"]).amount(planned, subject, "budget")
    full = ex.full_year_budget
    if full is not None:  # some documents state the budget after the year's adjustments too
        s.t(S["full_year"]).amount(full, subject, "full_year_budget")
    s.t(S["spent"]).amount(total, subject).rate(total, planned, subject, S["rate"])
    if full is not None:
        s.rate(total, full, subject, S["full_rate"], of="全年预算")
    s.t("。" + _why(total, planned)).t("其中：")
    out: list[Block] = [s.para()]
    items = [r for r in _rows(d, "final_general_expenditure") if r.kind == "item" and r.code]
    for i, r in enumerate(items, start=1):
        code = r.code or ""
        v = value_of(r, "total") or ZERO
        b = budget_of(budget, "general_budget_expenditure", code) or ZERO
        text = S["item"].format(i=i, cls=_name(d, code[:3]), cat=_name(d, code[:5]), item=r.name, use=W.USE)
        p = Says("五(三)", "execution_item").t(text).amount(b, code, "budget").t(S["spent"]).amount(v, code).t("。")
        out.append(p.t(_why(v, b, item=True)).para())
    return out


def _why(now: Decimal, planned: Decimal, item: bool = False) -> str:
    if now == planned:
        return S["item_equal"] if item else ""
    if now > planned:
        return S["item_over"].format(why=W.REASONS["over"])
    return S["item_under"].format(why=W.REASONS["under"])


def _six(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras,
         ctx: Ctx) -> list[Block]:
    key = "final_general_basic"
    rows = [r for r in _rows(d, key) if r.kind == "category" and value_of(r, "amount")]
    personnel = [r.name or "" for r in rows if (r.code or "")[:3] in ("301", "303")]
    public = [r.name or "" for r in rows if (r.code or "")[:3] not in ("301", "303")]
    basic = val(d, "final_general_expenditure", "total", "basic")
    s = Says("六", "basic").t(S["basic"]).amount(basic, "一般公共预算财政拨款基本支出")
    s.t(S["personnel"]).amount(val(d, key, "personnel_total", "amount"), "人员经费")
    s.t(S["mainly"].format(names="、".join(personnel)) if personnel else "")
    s.t(S["public"]).amount(val(d, key, "public_total", "amount"), "公用经费")
    s.t(S["mainly"].format(names="、".join(public)) if public else "")
    return [s.t("。").para()]


def _tp(d: Disclosure | None, item: str, col: str) -> Decimal:
    return val(d, "final_three_public", item, col)


def _seven(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras,
           ctx: Ctx) -> list[Block]:
    heads = W.SUBSECTIONS["七"]
    out: list[Block] = [Para(heads[0], "subsection")]
    if _empty(d, "final_three_public") or not any(_tp(d, k, c) for k in ("total",) for c in ("budget", "final")):
        return out + [Para(S["no_three_public"].format(**ctx), section="七", block="three_public"),
                      Para(heads[1], "subsection")]
    planned, final = _tp(d, "total", "budget"), _tp(d, "total", "final")
    s = Says("七", "three_public").t(S["three_budget"]).amount(planned, "“三公”经费", "budget")
    s.t(S["spent"]).amount(final, "“三公”经费").rate(final, planned, "“三公”经费", S["three_rate"])
    for i, (item, label) in enumerate(W.THREE_PUBLIC_ITEMS):
        v, b = _tp(d, item, "final"), _tp(d, item, "budget")
        s.t(S["of_which"] if i == 0 else "；").t(S["three_item"].format(label=label)).amount(v, label)
        s.rate(v, b, label, S["three_rate"])
    s.t("。" + (W.REASON.format(why=W.REASONS["under"]) if final < planned else ""))
    out.append(s.para())
    if prior is not None and prior.table("final_three_public") is not None:
        c = Says("七", "three_public_change").t(S["three_change"].format(**ctx))
        c.change(final, _tp(prior, "total", "final"), "“三公”经费")
        for i, (item, label) in enumerate(W.THREE_PUBLIC_ITEMS):
            c.t(S["of_which"] if i == 0 else "；").t(S["three_item_change"].format(label=label))
            c.change(_tp(d, item, "final"), _tp(prior, item, "final"), label)
        out.append(c.t("。").para())
    out.append(Para(heads[1], "subsection"))
    out += _seven_detail(d, ex, final, ctx)
    return out


def _seven_detail(d: Disclosure, ex: FinalExtras, final: Decimal, ctx: Ctx) -> list[Block]:
    sec = "七"  # one section: its （一）（二） are headings, not blocks of their own
    s = Says(sec, "three_public_share").t(S["three_share_lead"])
    for i, (item, label) in enumerate(W.THREE_PUBLIC_ITEMS):
        v = _tp(d, item, "final")
        s.t("；" if i else "").t(S["three_share_item"].format(label=label)).amount(v, label).share(v, final, label)
    out: list[Block] = [s.t(S["three_detail"]).para()]
    t = ex.three_public
    abroad = Says(sec, "abroad").t(S["abroad"]).amount(_tp(d, "abroad", "final"), "因公出国（境）费")
    if t is not None and t.groups:
        abroad.t(S["abroad_groups"]).count(t.groups, "个", "团组").t(S["abroad_persons"]).count(t.persons, "人次", "人次")
        abroad.t(S["abroad_use"])
    out.append(abroad.t("" if abroad.text.endswith("。") else "。").para())
    car = Says(sec, "vehicle").t(S["vehicle"]).amount(_tp(d, "vehicle", "final"), "公务用车购置及运行维护费")
    car.t(S["vehicle_purchase"]).amount(_tp(d, "vehicle_purchase", "final"), "公务用车购置费")
    if t is not None and t.vehicles_bought:
        car.t(S["vehicle_bought"]).count(t.vehicles_bought, "辆", "购置车辆")
    car.t(S["vehicle_operation"]).amount(_tp(d, "vehicle_operation", "final"), "公务用车运行维护费")
    if t is not None:
        car.t(S["vehicle_held"].format(**ctx)).count(t.vehicles_held, "辆", "公务用车保有量")
    out.append(car.t("。").para())
    r = Says(sec, "reception").t(S["reception"]).amount(_tp(d, "reception", "final"), "公务接待费")
    if t is not None and t.receptions:
        r.t(S["reception_domestic"]).amount(_tp(d, "reception", "final"), "国内公务接待费")
        r.t(S["reception_foreign"]).amount(t.foreign, "外宾接待费").t(S["reception_count"])
        r.count(t.receptions, "批次", "接待批次").t(S["reception_persons"]).count(t.guests, "人次", "接待人次")
    out.append(r.t("。").para())
    return out


def _fund(d: Disclosure, budget: Disclosure | None, key: str, budget_key: str, section: str, lead: str,
          none: str, ctx: Ctx) -> list[Block]:
    if _empty(d, key):
        return [Para(S[none].format(**ctx), section=section, block=key)]
    income, spent = val(d, key, "total", "income"), val(d, key, "total", "expenditure_total")
    s = Says(section, key).t(S[lead]).amount(income, S[lead]).t(S["fund_spent"]).amount(spent, "支出")
    out: list[Block] = [s.t(S["fund_detail"]).para()]
    items = [r for r in _rows(d, key) if r.kind == "item" and r.code]
    for i, r in enumerate(items, start=1):
        code = r.code or ""
        v = value_of(r, "expenditure_total") or ZERO
        text = S["item"].format(i=i, cls=_name(d, code[:3]), cat=_name(d, code[:5]), item=r.name, use=W.USE)
        p = Says(section, key + "_item").t(text)
        b = budget_of(budget, budget_key, code)
        if b is not None:
            p.amount(b, code, "budget").t(S["spent"])
        else:
            p.text = p.text.removesuffix("年初预算为") + "支出决算为"
        out.append(p.amount(v, code).t("。").t(_why(v, b, item=True) if b is not None else "").para())
    return out


def _eight(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras,
           ctx: Ctx) -> list[Block]:
    return _fund(d, budget, "final_fund", "fund_budget_expenditure", "八", "fund", "no_fund", ctx)


def _nine(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras,
          ctx: Ctx) -> list[Block]:
    return _fund(d, budget, "final_soe", "soe_budget_expenditure", "九", "soe", "no_soe", ctx)


def _ten(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras,
         ctx: Ctx) -> list[Block]:
    p = ex.performance
    if p is None:
        return []
    s = Says("十", "performance").t(S["performance"].format(**ctx))
    s.count(p.targets[0], "个", "编报绩效目标项目").t(S["perf_amount"]).amount(p.targets[1], "编报绩效目标项目金额")
    s.t(S["perf_tracked"].format(**ctx)).count(p.tracked[0], "个", "绩效跟踪评价项目").t(S["perf_amount"])
    s.amount(p.tracked[1], "绩效跟踪评价项目金额")
    s.t(S["perf_evaluated"].format(**ctx)).count(p.evaluated[0], "个", "绩效自评项目").t(S["perf_amount"])
    s.amount(p.evaluated[1], "绩效自评项目金额").t(S["perf_score"]).fig("score", p.score, "平均得分", f"{p.score}分", "分")
    for word, n, subject in zip(("perf_grades", "perf_good", "perf_pass", "perf_fail"), p.grades,
                                ("优", "良", "合格", "不合格"), strict=True):
        s.t(S[word]).count(n, "个", subject)
    s.t(S["perf_problems"]).count(p.problems[0], "个", "发现问题").t(S["perf_fixed"]).count(p.problems[1], "个", "已整改")
    s.t(S["perf_fixing"]).count(p.problems[2], "个", "正在整改").t("）。")
    return [s.para()]


def _eleven(d: Disclosure, prior: Disclosure | None, budget: Disclosure | None, ex: FinalExtras,
            ctx: Ctx) -> list[Block]:
    heads = W.SUBSECTIONS["十一"]
    cost = val(d, "final_general_basic", "public_total", "amount")
    out: list[Block] = [Para(heads[0], "subsection")]
    if cost:
        before = prior_val(prior, "final_general_basic", "public_total", "amount")
        s = Says("十一(一)", "operating_cost").t(S["operating"]).amount(cost, "机关运行经费")
        if before is not None:
            s.t("，比{prev}年度".format(**ctx)).change(cost, before, "机关运行经费")
            out.append(s.t(_reason(cost, before)).para())
        else:
            out.append(s.t("。").para())
    else:
        out.append(Para(S["no_operating"].format(**ctx), section="十一(一)", block="operating_cost"))
    out.append(Para(heads[1], "subsection"))
    out += _procurement(ex, ctx)
    out.append(Para(heads[2], "subsection"))
    out += _assets(ex, ctx)
    return out


def _procurement(ex: FinalExtras, ctx: Ctx) -> list[Block]:
    sec, block = "十一(二)", "procurement"
    p = ex.procurement
    if p is None:
        return [Para(S["no_procurement"].format(**ctx), section=sec, block=block)]
    s = Says(sec, block).t(S["procurement"].format(**ctx)).amount(p.total, "政府采购金额")
    s.t(S["proc_goods"]).amount(p.goods, "货物采购").t(S["proc_works"]).amount(p.works, "工程采购")
    s.t(S["proc_services"]).amount(p.services, "服务采购").t("。")
    r = Says(sec, block).t(S["proc_reserved"].format(**ctx)).amount(p.sme_reserved, "面向中小企业预留")
    r.t(S["proc_small"]).amount(p.small_reserved, "面向小微企业预留")
    r.t(S["proc_sme_won"]).amount(p.sme_won, "中小企业中标").t(S["proc_small_won"]).amount(p.small_won, "小微企业中标")
    r.t(S["proc_other_won"]).amount(p.other_sme_won, "其他项目中小企业中标").t("。")
    return [s.para(), r.para()]


def _assets(ex: FinalExtras, ctx: Ctx) -> list[Block]:
    sec, block = "十一(三)", "assets"
    if not ex.vehicles and ex.equipment is None:
        return []
    s = Says(sec, block).t(S["assets"].format(**ctx)).count(sum(ex.vehicles.values()), "辆", "车辆").t("，其中：")
    for i, (key, label) in enumerate(W.VEHICLE_KINDS):
        s.t("、" if i else "").t(label).count(ex.vehicles.get(key, 0), "辆", label)
    s.t(S["equipment"]).amount(EQUIPMENT_THRESHOLD, "单价", "threshold").t(S["equipment_rest"])
    s.count(ex.equipment or 0, "台（套）", "单价100万元以上设备")
    return [s.t("。").para()]
