"""Sampled 部门决算 (the national nine-table template, FINAL.md), made by executing a sampled 预算.

Department `index` of the 预算 sampler is drawn for the year, then each of its budget lines is executed: basic
expenditure by 经济分类 款 at 90–100 %, projects mostly 85–100 % (some far less, a few not at all, a few added in
the year), other funds 70–100 %. Income is what was spent plus what was left unspent and carried forward; the
opening balances are last year's carry-overs. Every table is an aggregation of the executed lines, so every
identity of FINAL.md holds by construction (whole cents, exact sums), and the 预算 of the same department and year
is the budget the 决算 states as its 年初预算数: a comparison of the two gets back exactly the gaps put in here.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model import Column, Disclosure, ProfileUnit, Row, RowKind, SourceFile, Statement, Table
from yusuan.sample import ZERO, Draft, Line, basic_lines, cents, coded_rows, draft, ename, fname
from yusuan.sample import data as D
from yusuan.spec import family
from yusuan.write.document import Document
from yusuan.write.final_extras import VEHICLE_SUBJECTS, FinalExtras, Performance, Procurement, ThreePublicDetail
from yusuan.write.final_layout import BASIC_PERSONNEL_CLASSES, FinalLook

FINAL = family("final")
SPECS = FINAL.by_key
GENERAL = ("general_own", "general_transfer")
FUND = ("fund_own", "fund_transfer")
SOE = ("soe_own", "soe_transfer")
# a 预算 line's non-fiscal source → the 决算 income column it is received in
NONFISCAL_INCOME = {"special_account": "business_income", "business_income": "business_income",
                    "superior_subsidy": "superior_subsidy", "affiliated_remittance": "affiliated_remittance",
                    "operating_income": "operating_income", "other_income": "other_income"}
THREE_PUBLIC_ECON = {"abroad": "30212", "reception": "30217", "vehicle_operation": "30231"}
VEHICLE_PROJECT = "公务用车购置"
ADDED_WORD = "年中追加专项经费"  # a project added in the year (no 年初预算)


@dataclass
class Executed:
    """A budget line as executed: what was received (income) and spent in the year, and which fiscal pot paid."""

    line: Line
    spent: Decimal
    income: Decimal
    pot: str  # general|fund|soe|nonfiscal
    income_column: str  # the 收入决算表 column its income is received in (fiscal for the three fiscal pots)


@dataclass
class FinalDraft:
    budget: Disclosure  # the 预算 of the same department and year
    d: Disclosure
    extras: FinalExtras = field(default_factory=FinalExtras)
    executed: list[Executed] = field(default_factory=list)
    econ: dict[str, Decimal] = field(default_factory=dict)  # 经济分类 款 → 决算数 (basic expenditure)
    opening: dict[str, Decimal] = field(default_factory=dict)  # pot → 年初结转和结余 not spent in the year
    vehicle_purchase: Decimal = ZERO
    prior: Disclosure | None = None  # the same department's 决算 of the year before (与上年相比)
    stated: Disclosure | None = None  # the budget the 决算 states (the 预算, or a copy with a planted mismatch)
    planted: list[dict[str, object]] = field(default_factory=list)  # where the 决算 misstates the 预算, if planted
    look: FinalLook = field(default_factory=FinalLook)  # how the province prints it (not in the model)

    def document(self) -> Document:
        """The 决算 as written: its prose states the 预算 (`stated`) and changes from last year's 决算."""
        from yusuan.write.final import build_final

        return build_final(self.d, self.prior, self.extras, self.stated or self.budget, self.look)


def final_department(seed: int, index: int, year: int = 2024) -> Disclosure:
    return final_draft(seed, index, year).d


def final_pair(seed: int, index: int, year: int = 2024) -> tuple[Disclosure, Disclosure]:
    """(预算, 决算) of the same department and year: the 决算 states the 预算's figures as its 年初预算数."""
    fd = final_draft(seed, index, year)
    return fd.budget, fd.d


def final_draft(seed: int, index: int, year: int = 2024, prior: bool = True, plant: bool = False) -> FinalDraft:
    """The 决算 of department `index` for `year`, with the 预算 it executed; `prior`: its prose compares with the
    same department's 决算 of the year before (drawn without a prior of its own); `plant`: the 决算 misstates
    the 预算 in two places (a 项's 年初预算数 in 五（三）, the 三公 table's 预算数), recorded in `planted`."""
    b = draft(seed, index, year)
    r = random.Random(f"{seed}:{index}:{year}:final")
    rs = random.Random(f"{seed}:{index}:final")  # structure (the same every year)
    dept = b.d.department or ""
    kind = "单位决算" if (b.d.kind or "").startswith("单位") else "部门决算"
    d = Disclosure(source=SourceFile("sample", "", "model"), year=year, department=dept, template=FINAL.name,
                   kind=kind, unit="万元", published=f"{year + 1}-{rs.randint(8, 9):02d}-{rs.randint(1, 28):02d}")
    fd = FinalDraft(b.d, d)
    d.profile.functions = list(b.d.profile.functions)
    d.profile.units = _units(rs, dept, kind)
    _execute(fd, b, r)
    fd.stated = _plant(fd, random.Random(f"{seed}:{index}:{year}:plant")) if plant else b.d
    _tables(fd)
    fd.look = _look(fd, random.Random(f"{seed}:{index}:final-look"))
    fd.extras = _extras(fd, r, rs)
    fd.prior = final_draft(seed, index, year - 1, prior=False).d if prior else None
    _statements(fd)
    return fd


def _units(rs: random.Random, dept: str, kind: str) -> list[ProfileUnit]:
    units = [ProfileUnit(f"{dept}（本级）")]
    if kind.startswith("部门"):
        for suffix in rs.sample(D.UNIT_SUFFIXES, rs.choice((0, 0, 1, 2))):
            units.append(ProfileUnit(dept.removesuffix("局") + suffix, "预算不单列，并入本级" if rs.random() < 0.5 else None))
    return units


# ---- execution ----------------------------------------------------------------------------------------------

def _factor(r: random.Random, kind: str) -> float:
    """How much of a budget line was spent: basic expenditure nearly all, projects mostly, some far less."""
    x = r.random()
    if kind == "basic":
        return 1.0 if x < 0.3 else r.uniform(0.9, 1.0)
    if kind == "three_public":
        return 0.0 if x < 0.1 else (1.0 if x < 0.3 else r.uniform(0.5, 1.0))
    if kind == "project":
        return 0.0 if x < 0.03 else 1.0 if x < 0.15 else r.uniform(0.85, 1.0) if x < 0.8 else r.uniform(0.5, 0.85)
    return r.uniform(0.7, 1.0)


def _times(v: Decimal, f: float) -> Decimal:
    return ZERO if f <= 0 else min(v, cents(float(v) * f))


def _pot(ln: Line) -> str:
    if ln.source in GENERAL or ln.sub == "fiscal_carryover_general":
        return "general"
    if ln.source in FUND or ln.sub == "fiscal_carryover_fund":
        return "fund"
    if ln.source in SOE:
        return "soe"
    return "nonfiscal"


def _execute(fd: FinalDraft, b: Draft, r: random.Random) -> None:
    econ = {code: _times(v, _factor(r, "three_public" if code in THREE_PUBLIC_ECON.values() else "basic"))
            for code, v in b.basic_econ.items()}
    fd.econ = {k: v for k, v in econ.items() if v}
    lines = basic_lines(fd.econ, b.sector[1]) + [ln for ln in b.lines if not (ln.basic and ln.source in GENERAL)]
    if b.sector[2] and r.random() < 0.1:  # a project added in the year: no 年初预算
        topic = b.sector[0].removesuffix("局")
        lines.append(Line(r.choice(b.sector[2]), "general_own", False, cents(r.uniform(2, 60)),
                          topic + ADDED_WORD, {"302": ZERO}))
    for ln in lines:
        carried = ln.source in ("fiscal_carryover", "nonfiscal_carryover")
        kind = "basic" if ln.basic else "project" if ln.source in GENERAL else "other"
        spent = ln.amount if ln.basic and ln.source in GENERAL else _times(ln.amount, _factor(r, kind))
        if ln.project == VEHICLE_PROJECT:
            fd.vehicle_purchase = spent
        # unspent project money is received and carried forward (half the time); carry-overs bring no income
        unspent = ln.amount - spent if not ln.basic and r.random() < 0.5 else ZERO
        income = ZERO if carried else spent + unspent
        column = "fiscal" if _pot(ln) != "nonfiscal" else NONFISCAL_INCOME.get(ln.sub or ln.source, "other_income")
        fd.executed.append(Executed(ln, spent, income, _pot(ln), column))
    for pot in ("general", "fund", "soe", "nonfiscal"):  # carry-overs spent, plus what stays carried over
        spent_from_opening = sum((e.spent for e in fd.executed if e.pot == pot and e.income == 0 and e.spent), ZERO)
        rest = cents(r.uniform(1, 40)) if pot in ("general", "nonfiscal") and r.random() < 0.5 else ZERO
        if spent_from_opening or rest:
            fd.opening[pot] = spent_from_opening + rest


# ---- a planted mismatch --------------------------------------------------------------------------------------

def _plant(fd: FinalDraft, r: random.Random) -> Disclosure:
    """A copy of the 预算 with two figures changed: what a 决算 that misstates its 年初预算数 states (the 预算 itself
    is unchanged). A 项 of the 一般公共预算支出表 (its prose 年初预算为…) and the 三公 经费 of an item with a budget
    (its table's 预算数, with the 合计 and 小计 above it, so that the 决算's own table still adds up)."""
    stated = copy.deepcopy(fd.budget)
    items = [row for row in _budget_rows(stated, "general_budget_expenditure") if row.kind == "item" and row.code
             and row.values.get("total")]
    if items:
        row = r.choice(items)
        before = row.values["total"]
        row.values["total"] = before + cents(r.uniform(1, 20))
        fd.planted.append({"section": "五(三)", "code": row.code, "budget": before, "stated": row.values["total"]})
    three = {row.item: row for row in _budget_rows(stated, "three_public") if row.item}
    chosen = [k for k in ("reception", "vehicle_operation", "abroad") if k in three and three[k].values.get("total")]
    if chosen:
        k = chosen[0]
        delta = cents(r.uniform(0.5, 3))
        before = three[k].values["total"]
        for key in (k, "vehicle" if k.startswith("vehicle_") else "", "total"):
            if key in three:
                three[key].values["total"] = three[key].values.get("total", ZERO) + delta
        fd.planted.append({"table": "final_three_public", "item": k, "budget": before, "stated": before + delta})
    return stated


def _look(fd: FinalDraft, r: random.Random) -> FinalLook:
    """A province's way of printing (FINAL.md), drawn apart from the content: half the documents keep the 样张's
    form; an empty table's note says 说明： instead of 注： in some (that sentence is in the model)."""
    if r.random() < 0.5:
        return FinalLook()
    if r.random() < 0.5:
        for t in fd.d.tables:
            if t.empty_statement and t.empty_statement.startswith("注："):
                t.empty_statement = "说明：" + t.empty_statement.removeprefix("注：")
    return FinalLook(split_codes=r.random() < 0.5, closing_without_he=r.random() < 0.5,
                     other_matters_part=r.random() < 0.5)


def _budget_rows(d: Disclosure, key: str) -> list[Row]:
    t = d.table(key)
    return t.rows if t is not None else []


# ---- tables ---------------------------------------------------------------------------------------------------

def _put(values: dict[str, Decimal], key: str, v: Decimal) -> None:
    if v:
        values[key] = values.get(key, ZERO) + v


def _table(key: str, rows: list[Row], dept: str, year: int) -> Table:
    spec = SPECS[key]
    if spec.layout == "sided":
        cols = [Column("amount", spec.left[0].label)] + ([Column(c.key, c.label) for c in spec.right]
                                                          if key == "final_fiscal_overview" else [])
    else:
        cols = [Column(c.key, c.label) for c in spec.columns]
    t = Table(type=key, number=spec.number, title=spec.title, columns=cols, rows=rows)
    if not any(r.values for r in rows):
        t.rows, t.empty = [], True
        t.empty_statement = EMPTY.get(key, EMPTY_DEFAULT).format(dept=dept, year=year, title=spec.title)
    return t


EMPTY = {"final_fund": "注：{dept}无政府性基金预算财政拨款收入支出，故本表无数据。",
         "final_soe": "注：{dept}无国有资本经营预算财政拨款收入支出，故本表无数据。",
         "final_three_public": "注：{dept}无财政拨款“三公”经费支出，故本表无数据。",
         "final_general_expenditure": "注：{dept}无一般公共预算财政拨款支出，故本表无数据。",
         "final_general_basic": "注：{dept}无一般公共预算财政拨款基本支出，故本表无数据。"}
EMPTY_DEFAULT = "注：{dept}本年度无相关数据，故本表无数据。"


def _coded(executed: list[Executed], values: Callable[[Executed], dict[str, Decimal]]) -> list[Row]:
    """合计 then 类/款/项 (the 预算 sampler's aggregation over executed lines); the 合计 row is named 合计."""
    lines = [Line(e.line.code, e.line.source, e.line.basic, e.spent) for e in executed]
    by_line = dict(zip(map(id, lines), executed, strict=True))
    rows = coded_rows(lines, lambda ln: values(by_line[id(ln)]))
    if rows:
        rows[0].name = "合计"
    return rows


def _expenditure_values(e: Executed) -> dict[str, Decimal]:
    col = "basic" if e.line.basic else "operating" if e.line.sub == "operating_income" else "project"
    return {"total": e.spent, col: e.spent}


def _income_values(e: Executed) -> dict[str, Decimal]:
    return {"total": e.income, e.income_column: e.income}


def _tables(fd: FinalDraft) -> None:
    d, ex = fd.d, fd.executed
    dept, year = d.department or "", d.year or 0
    t2 = _coded(ex, _income_values)
    t3 = _coded(ex, _expenditure_values)
    t5 = _coded([e for e in ex if e.pot == "general"], _expenditure_values)
    d.tables = [
        _table("final_overview", _overview(fd, t2, t3), dept, year),
        _table("final_income", t2, dept, year),
        _table("final_expenditure", t3, dept, year),
        _table("final_fiscal_overview", _fiscal_overview(fd), dept, year),
        _table("final_general_expenditure", t5, dept, year),
        _table("final_general_basic", _basic_rows(fd.econ), dept, year),
        _table("final_three_public", _three_public(fd), dept, year),
        _table("final_fund", _fund_rows(fd, "fund"), dept, year),
        _table("final_soe", _fund_rows(fd, "soe"), dept, year),
    ]


def _item(kind: RowKind, item: str, v: Decimal, key: str = "amount", table: str = "final_overview") -> Row:
    return Row(kind, name=_label(table, item), item=item, values={key: v} if v else {})


def _label(table: str, item: str) -> str:
    """The item's printed label without its numbering (`一、一般公共预算财政拨款收入` → 一般公共预算财政拨款收入)."""
    return re.sub(r"^[一二三四五六七八九十]+、", "", SPECS[table].item_labels.get(item, item))


def _income_by(fd: FinalDraft, pot: str) -> Decimal:
    return sum((e.income for e in fd.executed if e.pot == pot), ZERO)


def _spent_by(fd: FinalDraft, pot: str) -> Decimal:
    return sum((e.spent for e in fd.executed if e.pot == pot), ZERO)


def _overview(fd: FinalDraft, t2: list[Row], t3: list[Row]) -> list[Row]:
    income = t2[0].values if t2 else {}
    items = {"general": _income_by(fd, "general"), "fund": _income_by(fd, "fund"), "soe": _income_by(fd, "soe")}
    for k in ("superior_subsidy", "business_income", "operating_income", "affiliated_remittance", "other_income"):
        items[k] = income.get(k, ZERO)
    current = sum(items.values(), ZERO)
    opening = sum(fd.opening.values(), ZERO)
    spent = t3[0].values.get("total", ZERO) if t3 else ZERO
    rows = [_item("income", k, v) for k, v in items.items()]
    rows += [_item("income", "current_income", current), _item("income", "opening_balance", opening),
             _item("total", "income_total", current + opening)]
    rows += [Row("expenditure", code=r.code, name=r.name, values={"amount": r.values["total"]})
             for r in t3 if r.kind == "class" and r.values.get("total")]
    rows += [_item("expenditure", "current_expenditure", spent),
             _item("expenditure", "closing_balance", current + opening - spent),
             _item("total", "expenditure_total", current + opening)]
    return [r for r in rows if r.values]


def _fiscal_overview(fd: FinalDraft) -> list[Row]:
    pots = ("general", "fund", "soe")
    income = {p: _income_by(fd, p) for p in pots}
    opening = {p: fd.opening.get(p, ZERO) for p in pots}
    spent = {p: _spent_by(fd, p) for p in pots}
    t4 = "final_fiscal_overview"
    rows = [_item("income", p, income[p], table=t4) for p in pots]
    rows += [_item("income", "current_income", sum(income.values(), ZERO), table=t4),
             _item("income", "opening_fiscal_balance", sum(opening.values(), ZERO), table=t4)]
    rows += [_item("income", f"opening_{p}", opening[p], table=t4) for p in pots]
    total = sum(income.values(), ZERO) + sum(opening.values(), ZERO)
    rows.append(_item("total", "income_total", total, table=t4))
    classes: dict[str, dict[str, Decimal]] = {}
    for e in fd.executed:
        if e.pot in pots and e.spent:
            v = classes.setdefault(e.line.code[:3], {})
            _put(v, "total", e.spent)
            _put(v, e.pot, e.spent)
    rows += [Row("expenditure", code=c, name=fname(c), values=v) for c, v in sorted(classes.items())]

    def split(per: dict[str, Decimal]) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        _put(out, "total", sum(per.values(), ZERO))
        for p in pots:
            _put(out, p, per[p])
        return out

    closing = {p: opening[p] + income[p] - spent[p] for p in pots}
    rows += [Row("expenditure", name=_label(t4, "current_expenditure"), item="current_expenditure",
                 values=split(spent)),
             Row("expenditure", name=_label(t4, "closing_fiscal_balance"), item="closing_fiscal_balance",
                 values=split(closing)),
             Row("total", name=_label(t4, "expenditure_total"), item="expenditure_total",
                 values=split({p: spent[p] + closing[p] for p in pots}))]
    return [r for r in rows if r.values]


def _basic_rows(econ: dict[str, Decimal]) -> list[Row]:
    classes: dict[str, Decimal] = {}
    for code, v in econ.items():
        classes[code[:3]] = classes.get(code[:3], ZERO) + v
    rows: list[Row] = []
    for c in sorted(classes):
        rows.append(Row("class", code=c, name=ename(c), values={"amount": classes[c]}))
        rows += [Row("category", code=k, name=ename(k), values={"amount": v}) for k, v in sorted(econ.items())
                 if k.startswith(c)]
    personnel = sum((v for c, v in classes.items() if c in BASIC_PERSONNEL_CLASSES), ZERO)
    public = sum((v for c, v in classes.items() if c not in BASIC_PERSONNEL_CLASSES), ZERO)
    rows += [Row("total", name="人员经费合计", item="personnel_total", values={"amount": personnel} if personnel else {}),
             Row("total", name="公用经费合计", item="public_total", values={"amount": public} if public else {})]
    return [r for r in rows if r.values]


def three_public_budget(budget: Disclosure) -> dict[str, Decimal]:
    """The 预算's 三公 figures by item (its table's total column): the 决算's 预算数."""
    t = budget.table("three_public")
    out = {r.item: r.values.get("total", ZERO) for r in (t.rows if t is not None else []) if r.item}
    return {k: out.get(k, ZERO) for k in ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation",
                                          "reception")}


def _three_public(fd: FinalDraft) -> list[Row]:
    budget = three_public_budget(fd.stated or fd.budget)
    final = {k: fd.econ.get(code, ZERO) for k, code in THREE_PUBLIC_ECON.items()}
    final["vehicle_purchase"] = fd.vehicle_purchase
    final["vehicle"] = final["vehicle_purchase"] + final["vehicle_operation"]
    final["total"] = final["abroad"] + final["vehicle"] + final["reception"]
    if not any(budget.values()) and not any(final.values()):
        return []
    # printed in full, zeros included (0.00): a 三公 table with figures prints every one of its twelve cells
    labels = SPECS["final_three_public"].item_labels
    return [Row("total" if k == "total" else "item", name=labels[k], item=k,
                values={"budget": budget[k], "final": final[k]})
            for k in ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")]


def _fund_rows(fd: FinalDraft, pot: str) -> list[Row]:
    lines = [e for e in fd.executed if e.pot == pot]
    if not lines:
        return []
    def values(e: Executed) -> dict[str, Decimal]:
        opening = e.spent if e.income == 0 else ZERO
        col = "expenditure_basic" if e.line.basic else "expenditure_project"
        v = {"opening_balance": opening, "income": e.income, "expenditure_total": e.spent, col: e.spent,
             "closing_balance": opening + e.income - e.spent}
        return {k: x for k, x in v.items() if x}

    return _coded(lines, values)


# ---- prose-only figures ---------------------------------------------------------------------------------------

VEHICLE_KINDS = tuple(key for key, _label in VEHICLE_SUBJECTS)


def _extras(fd: FinalDraft, r: random.Random, rs: random.Random) -> FinalExtras:
    goods = cents(r.uniform(1, 80))
    works = cents(r.uniform(5, 200)) if rs.random() < 0.2 else ZERO
    services = cents(r.uniform(1, 300))
    total = goods + works + services
    sme = cents(float(total) * r.uniform(0.3, 1.0))
    small = cents(float(sme) * r.uniform(0.5, 1.0))
    proc = Procurement(goods, works, services, sme, small, sme, small, cents(float(total - sme) * r.uniform(0, 1))
                       if total > sme else ZERO)
    vehicles = {k: 0 for k in VEHICLE_KINDS}
    three = next((t for t in fd.d.tables if t.type == "final_three_public"), None)
    final = {row.item: row.values.get("final", ZERO) for row in (three.rows if three else []) if row.item}
    if final.get("vehicle_operation"):
        vehicles["other" if rs.random() < 0.3 else "emergency"] = rs.randint(1, 4)
    if rs.random() < 0.2:
        vehicles["enforcement"] = rs.randint(1, 3)
    held = sum(vehicles.values())
    detail = ThreePublicDetail(
        groups=rs.randint(1, 3) if final.get("abroad") else 0, vehicles_bought=1 if final.get("vehicle_purchase")
        else 0, vehicles_held=held, receptions=r.randint(2, 30) if final.get("reception") else 0)
    detail.persons = detail.groups * rs.randint(2, 5)
    detail.guests = detail.receptions * r.randint(3, 8)
    projects = [e for e in fd.executed if not e.line.basic and e.line.project and e.pot != "nonfiscal"]
    names = {e.line.project for e in projects}
    amount = sum((e.line.amount for e in projects), ZERO)
    n = len(names)
    good = r.randint(0, n)
    grades = (good, n - good, 0, 0)
    found = r.randint(0, 3)
    fixed = r.randint(0, found)
    perf = Performance((n, amount), (n, amount), (n, amount), Decimal(r.randint(8500, 9950)) / 100, grades,
                       (found, fixed, found - fixed))
    # a third of the documents also state the 全年预算数: the 预算 with the year's additions and cuts
    planned = _general_budget(fd.budget)
    added = sum((e.spent for e in fd.executed if e.pot == "general" and e.line.project and
                 e.line.project.endswith(ADDED_WORD)), ZERO)
    adjust = Decimal(round(float(planned) * r.uniform(-0.03, 0.05) * 100)) / 100  # signed, in cents
    full = planned + added + adjust if rs.random() < 0.35 and planned else None
    return FinalExtras(proc if rs.random() < 0.9 else None, vehicles, rs.choice((0, 0, 0, 1, 2)), perf, detail, full)


def _general_budget(budget: Disclosure) -> Decimal:
    t = budget.table("general_budget_expenditure")
    return next((r.values.get("total", ZERO) for r in (t.rows if t is not None else []) if r.kind == "total"), ZERO)


def _statements(fd: FinalDraft) -> None:
    doc = fd.document()
    fd.d.narrative.statements = [Statement(section=sec, subject=f.subject, metric=f.metric, value=f.value,
                                           unit=f.unit, block=block, base=f.base) for sec, block, f in doc.figures()]
    fd.d.narrative.glossary = True
