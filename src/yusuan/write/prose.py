"""第三部分 情况说明, written from the data: every amount read from a table, every share and change computed.

Each sentence is built by `Says`, which writes a figure and records it (`Fig`) in the same step, so what the text
states and what the writer believes it states cannot drift apart. Year-over-year clauses are written only when
last year's model is given; without it they are left out rather than invented.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from yusuan.model import Disclosure, Row, Table
from yusuan.spec import Template
from yusuan.spec.codes import official_name
from yusuan.write import template as T
from yusuan.write.document import Block, Fig, Form, Para, cn_number, empty_sentence, fmt_amount, spec_of, value_of
from yusuan.write.extras import Assets, Extras, extract

ZERO = Decimal(0)
CENT = Decimal("0.01")
S = T.S


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP)


# the unit the generated prose states amounts in: the document's tables' (万元 in the 预算 family), set per document
PROSE_UNIT: ContextVar[str] = ContextVar("prose_unit", default="万元")


class Says:
    """A paragraph under construction: text and the figures it states, in order."""

    def __init__(self, section: str, block: str) -> None:
        self.section, self.block = section, block
        self.text = ""
        self.figs: list[Fig] = []

    def t(self, s: str) -> Says:
        self.text += s
        return self

    def amount(self, v: Decimal, subject: str) -> Says:
        unit = PROSE_UNIT.get()
        self.text += f"{fmt_amount(v)}{unit}"
        self.figs.append(Fig("amount", v, subject, unit))
        return self

    def share(self, v: Decimal, whole: Decimal, subject: str) -> Says:
        if whole:
            p = pct(v, whole)
            self.text += f"，占 {p:.2f}%"
            self.figs.append(Fig("share", p, subject, "%"))
        return self

    def count(self, n: int, unit: str, subject: str) -> Says:
        self.text += f"{n}{unit}"
        self.figs.append(Fig("area" if unit == "平方米" else "count", Decimal(n), subject, unit))
        return self

    def area(self, v: Decimal, subject: str) -> Says:
        self.text += f"{v:.2f}平方米"
        self.figs.append(Fig("area", v, subject, "平方米"))
        return self

    def change(self, now: Decimal, before: Decimal | None, subject: str, lead: bool = True) -> Says:
        """`，比上年预算增加 Z万元，增长 W%` (or 减少/下降, 持平); nothing when last year is unknown. `lead=False`
        drops the leading comma (the clause follows its subject directly: `公务接待费比上年预算…`)."""
        if before is None:
            return self
        z = now - before
        first = S["change_flat"] if z == 0 else S["change_up"] if z > 0 else S["change_down"]
        self.t(first if lead else first.removeprefix("，"))
        if z == 0:
            return self
        unit = PROSE_UNIT.get()
        self.t(f"{fmt_amount(abs(z))}{unit}")
        self.figs.append(Fig("change", z, subject, unit))
        if before == 0:
            return self.t(S["change_new"])
        w = pct(z, before)
        self.t(S["growth_up"] if w > 0 else S["growth_down"]).t(f"{abs(w):.2f}%")
        self.figs.append(Fig("growth", w, subject, "%"))
        return self

    def para(self) -> Para:
        return Para(self.text, figs=self.figs, section=self.section, block=self.block)


# ---- reading the tables --------------------------------------------------------------------------------------

def _rows(d: Disclosure | None, key: str) -> list[Row]:
    t = d.table(key) if d is not None else None
    return t.rows if t is not None else []


def row_of(d: Disclosure | None, key: str, sel: str) -> Row | None:
    for r in _rows(d, key):
        if sel == "total" and r.kind == "total" and r.item in (None, "total"):
            return r
        if sel != "total" and (r.item == sel or (r.code == sel and not r.project)):
            return r
    return None


def val(d: Disclosure | None, key: str, sel: str, col: str) -> Decimal:
    r = row_of(d, key, sel)
    v = value_of(r, col) if r is not None else None
    return v if v is not None else ZERO


def prior_val(prior: Disclosure | None, key: str, sel: str, col: str) -> Decimal | None:
    """Last year's figure, or None when last year's model is not given (no change is then written)."""
    if prior is None or prior.table(key) is None:
        return None
    return val(prior, key, sel, col)


def _names(d: Disclosure) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in ("general_budget_expenditure", "expenditure_overview", "income_overview", "fund_budget_expenditure",
                "soe_budget_expenditure"):
        for r in _rows(d, key):
            if r.code and r.name and not r.project:
                out.setdefault(r.code, r.name)
    return out


def _name(names: dict[str, str], code: str) -> str:
    return names.get(code) or official_name(code) or code


def _is_empty(d: Disclosure, key: str) -> bool:
    t: Table | None = d.table(key)
    return t is None or t.empty or not t.rows


# ---- the sections ---------------------------------------------------------------------------------------------

def narrative(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object],
              extras: Extras | None = None) -> list[Block]:
    """The source's own text where the model kept it (a parsed document), else prose generated from the tables
    (every paragraph marked `generated`)."""
    kept = [s for s in d.narrative.sections if s.get("section") and isinstance(s.get("paragraphs"), list)]
    if kept:
        return restated(d, kept, ctx)
    out = generated(d, prior, ctx, extras)
    for b in out:
        if isinstance(b, Para):
            b.generated = True
    return out


def restated(d: Disclosure, kept: list[dict[str, Any]], ctx: dict[str, object]) -> list[Block]:
    """第三部分 as the source printed it: each section's heading and paragraphs in order. The figures the parser
    read from a section go with its first paragraph (what a re-read must find there); the performance tables
    follow the 预算绩效 section, or close the part where the source has none."""
    out: list[Block] = []
    forms = performance_forms(d, ctx)
    for entry in kept:
        name, sub = str(entry["section"]), entry.get("subsection")
        tag = name + (f"({sub})" if sub else "")
        heading = str(entry.get("heading") or "")
        if not heading and not sub and name in T.SECTIONS:
            heading = T.SECTIONS[name].format(**ctx)
        if heading:
            out.append(Para(heading, "subsection" if sub else "section"))
        figs = [Fig(s.metric, s.value, s.subject, s.unit or "") for s in d.narrative.statements if s.section == tag]
        for i, text in enumerate(entry["paragraphs"]):
            out.append(Para(str(text), figs=figs if i == 0 else [], section=tag, block=str(entry.get("block") or "")))
        if not entry["paragraphs"] and figs:
            out.append(Para("", figs=figs, section=tag))
        if forms and entry.get("block") == "performance_summary":
            out += forms
            forms = []
    return out + forms


def generated(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object],
              extras: Extras | None = None) -> list[Block]:
    template = ctx["template"]
    token = PROSE_UNIT.set(d.unit or (template.unit if isinstance(template, Template) else "万元"))
    try:
        return _generated(d, prior, ctx, extras)
    finally:
        PROSE_UNIT.reset(token)


def _generated(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object], extras: Extras | None) -> list[Block]:
    ex = extras if extras is not None else extract(d)
    out: list[Block] = []
    for name, make in (("一", _one), ("二", _two), ("三", _three), ("四", _four), ("五", _five), ("六", _six),
                       ("七", _seven), ("八", _eight), ("九", _nine), ("十", _ten), ("十一", _eleven)):
        out.append(Para(T.SECTIONS[name].format(**ctx), "section"))
        out += make(d, prior, ctx)
    out.append(Para(T.SECTIONS["十二"].format(**ctx), "section"))
    out += _twelve(d, prior, ctx, ex)
    return out


def _one(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    t1 = "income_expenditure_overview"
    total = val(d, t1, "income_total", "amount")
    income = [label for key, label in T.INCOME_KINDS if val(d, t1, key, "amount")]
    classes = [r.name or "" for r in _rows(d, t1) if r.kind == "expenditure" and value_of(r, "amount")]
    s = Says("一", "total").t(S["total"].format(**ctx)).amount(total, "收支总预算").t("。")
    return [s.para(), Para(S["income_kinds"].format(names="、".join(income) or "无")),
            Para(S["expenditure_kinds"].format(names="、".join(classes) or "无"))]


def _two(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    t2 = "income_overview"
    total = val(d, t2, "total", "total")
    out: list[Block] = [Says("二", "income").t(S["income_intro"].format(**ctx)).amount(total, "收入预算")
                        .t(S["of_which"]).para()]
    for col, label in T.INCOME_ITEMS:
        v = val(d, t2, "total", col)
        before = prior_val(prior, t2, "total", col)
        if not v and not before:
            out.append(Para(S["not_arranged"].format(name=label), section="二", block="income"))
            continue
        out.append(Says("二", "income").t(label + " ").amount(v, label).share(v, total, label)
                   .change(v, before, label).t("。").para())
    return out


def _split(d: Disclosure, prior: Disclosure | None, key: str, section: str, block: str, total: Decimal,
           with_share: bool) -> list[Block]:
    out: list[Block] = []
    for col, word in (("basic", S["basic"]), ("project", S["project"])):
        v = val(d, key, "total", col)
        s = Says(section, block).t(word).amount(v, word.strip())
        if with_share:
            s.share(v, total, word.strip())
        out.append(s.change(v, prior_val(prior, key, "total", col), word.strip()).t("。").para())
    return out


def _three(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    t3 = "expenditure_overview"
    total = val(d, t3, "total", "total")
    head = Says("三", "expenditure").t(S["expenditure_intro"].format(**ctx)).amount(total, "支出预算").t(S["of_which"])
    return [head.para(), *_split(d, prior, t3, "三", "expenditure", total, True)]


def _four(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    t4 = "fiscal_overview"
    total = val(d, t4, "fiscal", "amount")
    out: list[Block] = [Says("四", "fiscal").t(S["fiscal_total"].format(**ctx)).amount(total, "财政拨款收支总预算")
                        .t("。").para()]
    s = Says("四", "fiscal").t(S["fiscal_income"])
    for i, (key, label) in enumerate(T.FISCAL_INCOME_ITEMS):
        s.t(("，" if i else "") + label + " ").amount(val(d, t4, key, "amount"), label)
    out.append(s.t("。").para())
    classes = [r for r in _rows(d, t4) if r.kind == "expenditure"]
    for col, intro in T.FISCAL_SPEND.items():
        spent = [(r.name or "", v) for r in classes if (v := value_of(r, col))]
        if not spent:
            continue
        s = Says("四", "fiscal").t(intro)
        for i, (name, v) in enumerate(spent):
            s.t(("；" if i else "") + name + " ").amount(v, name)
        out.append(s.t("。").para())
    return out


def _five(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    t5 = "general_budget_expenditure"
    total = val(d, t5, "total", "total")
    heads = T.SUBSECTIONS["五"]
    out: list[Block] = [Para(heads[0], "subsection"),
                        Says("五(一)", "general_split").t(S["general_total"].format(**ctx)).amount(total, "一般公共预算拨款")
                        .t(S["of_which"]).para()]
    out += _split(d, prior, t5, "五(一)", "general_split", total, False)
    out.append(Para(heads[1], "subsection"))
    classes = [r for r in _rows(d, t5) if r.kind == "class"]
    for i, r in enumerate(classes, start=1):
        v = value_of(r, "total") or ZERO
        subject = f"{r.name}（类）"
        out.append(Says("五(二)", "class_structure").t(S["class_share"].format(i=i, name=r.name))
                   .amount(v, subject).share(v, total, subject).t("。").para())
    out.append(Para(heads[2], "subsection"))
    names = _names(d)
    items = [r for r in _rows(d, t5) if r.kind == "item" and r.code]
    for i, r in enumerate(items, start=1):
        code = r.code or ""
        v = value_of(r, "total") or ZERO
        text = S["item_usage"].format(i=i, cls=_name(names, code[:3]), cat=_name(names, code[:5]), item=r.name,
                                      year=ctx["year"])
        out.append(Says("五(三)", "item_usage").t(text).amount(v, code)
                   .change(v, prior_val(prior, t5, code, "total"), code).t("。").para())
    return out


def _six(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    t6 = "general_budget_basic"
    rows = [r for r in _rows(d, t6) if r.kind == "category"]
    out: list[Block] = [Says("六", "basic_split").t(S["basic_total"].format(**ctx))
                        .amount(val(d, t6, "total", "total"), "一般公共预算基本支出").t(S["of_which"]).para()]
    for col, word in (("personnel", S["personnel"]), ("public", S["public"])):
        v = val(d, t6, "total", col)
        names = [r.name or "" for r in rows if value_of(r, col)]
        s = Says("六", "basic_split").t(word).amount(v, word.strip())
        out.append(s.t(S["mainly"].format(names="、".join(names)) if names else "。").para())
    return out


def projects_of(d: Disclosure) -> list[tuple[str, Decimal]]:
    """Table 7's projects in order of appearance, each with its amount summed over the codes it spans."""
    out: dict[str, Decimal] = {}
    for r in _rows(d, "general_budget_projects"):
        if r.kind == "project" and r.project:
            out[r.project] = out.get(r.project, ZERO) + (value_of(r, "total") or ZERO)
    return list(out.items())


def _seven(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    projects = projects_of(d)
    if not projects:
        return [Para(S["no_projects"].format(**ctx), section="七", block="projects")]
    out: list[Block] = []
    for n, (name, v) in enumerate(projects, start=1):
        out.append(Para(S["project_head"].format(n=cn_number(n), name=name), section="七", block="projects"))
        out.append(Para(S["project_basis"].format(**ctx)))
        out.append(Says("七", "projects").t(S["project_size"]).amount(v, name).para())
        out += [Para(S["project_unit"].format(**ctx)), Para(S["project_allocation"]),
                Para(S["project_time"].format(**ctx))]
    return out


def _budget(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object], key: str, section: str, block: str,
            intro: str) -> list[Block]:
    if _is_empty(d, key):
        t = d.table(key)
        statement = _empty(t, key, ctx)
        return [Para(statement, section=section, block=block)]
    total = val(d, key, "total", "total")
    out: list[Block] = [Says(section, block).t(intro.format(**ctx)).amount(total, block)
                        .change(total, prior_val(prior, key, "total", "total"), block).t(S["of_which"]).para()]
    names = _names(d)
    for r in _rows(d, key):
        if r.kind != "item" or not r.code:
            continue
        code = r.code
        v = value_of(r, "total") or ZERO
        text = S["budget_item"].format(cls=_name(names, code[:3]), cat=_name(names, code[:5]), item=r.name)
        out.append(Says(section, block).t(text).amount(v, code).t("。").para())
    return out


def _empty(t: Table | None, key: str, ctx: dict[str, object]) -> str:
    """The source's `…为空表。` sentence (without header words a reader glued to it), else the template's."""
    if t is not None and t.empty_statement:
        kept = empty_sentence(t.empty_statement, spec_of(ctx, key), str(ctx["dept"]))
        if kept:
            return kept
    return T.EMPTY_STATEMENTS[key].format(**ctx)


def _eight(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    return _budget(d, prior, ctx, "fund_budget_expenditure", "八", "fund", S["fund_total"])


def _nine(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    return _budget(d, prior, ctx, "soe_budget_expenditure", "九", "soe", S["soe_total"])


def _ten(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    t10 = "three_public"
    total = val(d, t10, "total", "total")
    s = Says("十", "three_public").t(S["three_public"].format(**ctx)).amount(total, "“三公”经费").t(S["of_which"])
    for i, (item, label) in enumerate(T.THREE_PUBLIC_ITEMS):
        s.t(("，" if i else "") + label + " ").amount(val(d, t10, item, "total"), label)
    out: list[Block] = [s.t("。").para()]
    if prior is not None and prior.table(t10) is not None:
        c = Says("十", "three_public").t(S["three_public_change"].format(**ctx))
        c.change(total, prior_val(prior, t10, "total", "total"), "“三公”经费", lead=False)
        for i, (item, label) in enumerate(T.THREE_PUBLIC_ITEMS):
            c.t("，其中：" if i == 0 else "；").t(label)
            c.change(val(d, t10, item, "total"), prior_val(prior, t10, item, "total"), label, lead=False)
        out.append(c.t("。").para())
    return out


def _eleven(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object]) -> list[Block]:
    key = "carryover"
    if _is_empty(d, key):
        t = d.table(key)
        statement = _empty(t, key, ctx)
        return [Para(statement, section="十一", block="carryover")]
    s = Says("十一", "carryover").t(S["carryover_total"].format(**ctx)).amount(val(d, key, "total", "total"), "上年结转结余")
    s.t(S["carryover_parts"]).amount(val(d, key, "total", "fiscal_subtotal"), "财政拨款")
    s.t(S["carryover_nonfiscal"]).amount(val(d, key, "total", "nonfiscal_subtotal"), "非财政拨款").t(S["of_which"])
    out: list[Block] = [s.para()]
    items = [r for r in _rows(d, key) if r.kind == "project"]
    for i, r in enumerate(items, start=1):
        name = r.project or r.name or ""
        out.append(Says("十一", "carryover").t(S["carryover_item"].format(i=i, name=name))
                   .amount(value_of(r, "total") or ZERO, name).t("。").para())
    return out


# ---- 十二 -------------------------------------------------------------------------------------------------------

def _twelve(d: Disclosure, prior: Disclosure | None, ctx: dict[str, object], ex: Extras) -> list[Block]:
    heads = T.SUBSECTIONS["十二"]
    out: list[Block] = [Para(heads[0], "subsection")]
    cost = val(d, "general_budget_basic", "total", "public")
    out.append(Says("十二(一)", "operating_cost").t(S["operating_cost"].format(**ctx)).amount(cost, "机关运行经费")
               .change(cost, prior_val(prior, "general_budget_basic", "total", "public"), "机关运行经费").t("。").para())
    out.append(Para(heads[1], "subsection"))
    out += _procurement(ex.procurement, ctx)
    out.append(Para(heads[2], "subsection"))
    out += _assets(ex.assets or Assets(), d, ctx)
    out.append(Para(heads[3], "subsection"))
    out += _performance_summary(d, ctx)
    out += performance_forms(d, ctx)
    out += [Para(heads[4], "subsection"), Para(S["other_matters"].format(**ctx))]
    return out


def _procurement(p: dict[str, Decimal] | None, ctx: dict[str, object]) -> list[Block]:
    sec, block = "十二(二)", "procurement"
    if not p:
        return [Para(S["no_procurement"].format(**ctx), section=sec, block=block)]
    total = p["goods"] + p["works"] + p["services"]
    s = Says(sec, block).t(S["procurement_total"].format(**ctx)).amount(total, "政府采购预算").t(S["of_which"])
    for i, (key, label) in enumerate(T.PROCUREMENT_ITEMS):
        s.t(("，" if i else "") + label).amount(p[key], label.strip())
    r = Says(sec, block).t(S["procurement_reserved"].format(**ctx)).amount(p["sme"], "面向中小企业预留")
    r.t(S["procurement_small"]).amount(p["small"], "小微企业预留").t("。")
    return [s.t("。").para(), r.para()]


def _assets(a: Assets, d: Disclosure, ctx: dict[str, object]) -> list[Block]:
    sec, block = "十二(三)", "assets"
    prev = int(str(ctx["year"]) or 1) - 1
    out: list[Block] = [Para(S["assets_intro"].format(prev=prev, **ctx), section=sec, block=block)]
    out.append(Says(sec, block).t(S["assets_house"]).area(a.house_area, "房屋").t("，价值 ")
               .amount(a.house_value, "房屋价值").t("。").para())
    kinds = [(key, label, a.vehicles.get(key, (0, ZERO))) for key, label in T.VEHICLE_KINDS]
    v = Says(sec, block).t(S["assets_vehicles"]).count(sum(n for _k, _l, (n, _v) in kinds), "辆", "车辆")
    v.t("，价值 ").amount(sum((x for _k, _l, (_n, x) in kinds), ZERO), "车辆价值").t("；其中：")
    for i, (_key, label, (n, x)) in enumerate(kinds):
        v.t(("；" if i else "") + label).count(n, "辆", label.strip()).t("，价值 ").amount(x, label.strip() + "价值")
    out.append(v.t("。").para())
    out.append(Says(sec, block).t(S["assets_furniture"]).amount(a.furniture, "办公家具价值").t("。").para())
    out.append(Says(sec, block).t(S["assets_other"]).amount(a.other, "其他资产价值").t("。").para())
    e = a.equipment
    held = Says(sec, block).t(S["assets_equipment"].format(**ctx)).amount(Decimal(50), "单位价值").t("以上大型设备 ")
    held.count(e[0], "台", "大型设备").t("，").t(S["assets_equipment"].format(**ctx)).amount(Decimal(100), "单位价值")
    out.append(held.t("以上大型设备 ").count(e[1], "台", "大型设备").t("。").para())
    purchase = val(d, "three_public", "vehicle_purchase", "total")
    plan = Says(sec, block)
    if purchase:
        plan.t(S["assets_plan_vehicle"].format(**ctx)).amount(purchase, "购置车辆经费").t("，安排购置 ")
    else:
        plan.t(S["assets_plan_none"].format(**ctx))
    plan.amount(Decimal(50), "单位价值").t("以上大型设备 ").count(e[2], "台", "大型设备").t("，单位价值 ")
    out.append(plan.amount(Decimal(100), "单位价值").t("以上大型设备 ").count(e[3], "台", "大型设备").t("。").para())
    return out


def performance_summary_figures(d: Disclosure) -> tuple[int, Decimal, Decimal]:
    """(projects, fiscal project amount, non-fiscal project amount) as the summary of 十二(四) states them."""
    fund = [r for key in ("fund_budget_expenditure", "soe_budget_expenditure") for r in _rows(d, key)
            if r.kind == "item" and value_of(r, "project")]
    count = len(projects_of(d)) + len(fund)
    fiscal = val(d, "general_budget_projects", "total", "total") + val(d, "fund_budget_expenditure", "total", "project") \
        + val(d, "soe_budget_expenditure", "total", "project")
    rest = val(d, "expenditure_overview", "total", "project") - fiscal - val(d, "carryover", "total", "fiscal_project")
    return count, fiscal, max(rest, ZERO)


def _performance_summary(d: Disclosure, ctx: dict[str, object]) -> list[Block]:
    s = Says("十二(四)", "performance_summary")
    if d.performance.overall is not None:
        total = val(d, "income_expenditure_overview", "income_total", "amount")
        s.t(S["performance_overall"].format(**ctx)).count(1, "个", "整体预算绩效目标").t("，涉及预算金额 ")
        s.amount(total, "整体预算绩效目标").t("；")
    count, fiscal, rest = performance_summary_figures(d)
    s.t(S["performance_projects"]).count(count, "个", "当年预算安排项目").t(S["performance_fiscal"])
    s.amount(fiscal, "财政拨款项目").t(S["performance_nonfiscal"]).amount(rest, "非财政拨款项目").t(S["performance_see"])
    return [s.para()]


# ---- performance tables ------------------------------------------------------------------------------------------

def _indicator_rows(perf_indicators: Iterable[object]) -> list[list[str]]:
    P = T.PERFORMANCE
    rows: list[list[str]] = []
    last1 = last2 = None
    for ind in perf_indicators:
        l1 = getattr(ind, "level1", None) or P["blank"]
        l2 = getattr(ind, "level2", None) or P["blank"]
        w = getattr(ind, "weight", None)
        weight = "" if w is None else (str(int(w)) if w == w.to_integral_value() else str(w))
        rows.append([l1 if l1 != last1 or l1 == P["blank"] else "", l2 if (l1, l2) != (last1, last2) or
                     l2 == P["blank"] else "", getattr(ind, "level3", None) or P["blank"],
                     getattr(ind, "value", None) or P["blank"], str(P["basis"]), weight, str(P["rule"])])
        last1, last2 = l1, l2
    return rows


def performance_forms(d: Disclosure, ctx: dict[str, object]) -> list[Block]:
    P = T.PERFORMANCE
    out: list[Block] = []
    head = [str(x) for x in T.INDICATOR_HEAD]
    o = d.performance.overall
    if o is not None:
        rows = [[str(P["overall_name"]).format(**ctx), str(ctx["dept"])],
                [str(P["overall_goal"]), o.goals or P["blank"]], list(T.SOURCES_HEAD)]
        rows += [[label, fmt_amount(o.sources.get(key, ZERO))] for key, label in T.SOURCES]
        out.append(Form(str(P["overall_title"]).format(**ctx), str(P["year_line"]).format(**ctx),
                        rows + [head] + _indicator_rows(o.indicators), len(rows)))
    for p in d.performance.projects:
        funds = T.FUNDS
        rows = [[str(P["project_unit"]), str(ctx["dept"])],
                [str(P["project_name"]), p.name or "", str(P["project_owner"]), str(P["project_owner_value"])],
                [funds[0], funds[1], fmt_amount(p.budget_total or ZERO), funds[2],
                 fmt_amount(p.sources.get("fiscal", ZERO)), funds[3], fmt_amount(p.sources.get("other", ZERO))],
                [str(P["project_goal"]), p.goals or P["blank"]]]
        out.append(Form(str(P["project_title"]), str(P["year_line"]).format(**ctx),
                        rows + [head] + _indicator_rows(p.indicators), len(rows)))
    return out
