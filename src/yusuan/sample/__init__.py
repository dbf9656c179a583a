"""`yusuan sample`: synthetic but valid departments, deterministic for a seed.

A department is drawn as budget *lines* (a 功能分类 项, a source of funds, basic or project, its 经济分类 split);
every table is then an aggregation of those lines, so all identities of the template hold by construction (with no
rounding gaps: amounts are whole cents and totals are exact sums). The structure of department `i` (sector, codes,
projects, which tables are empty) depends only on (seed, i); the amounts also on the year, so the same department
drawn for year − 1 is its prior year (`--prior` in tests).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model import (
    Column,
    Disclosure,
    Indicator,
    PerformanceTable,
    Profile,
    Row,
    RowKind,
    SourceFile,
    Staffing,
    Statement,
    Table,
)
from yusuan.parse.text import label_key
from yusuan.sample import data as D
from yusuan.spec import BUDGET, TableSpec
from yusuan.spec.codes import official_name, reference
from yusuan.write.extras import Assets, Extras

ZERO = Decimal(0)
# the sample departments follow the 预算 family (a generator for another family would be its own module)
SPECS = BUDGET.by_key
INCOME_LABELS = SPECS["income_expenditure_overview"].item_labels
FISCAL_INCOME_LABELS = SPECS["fiscal_overview"].item_labels
THREE_PUBLIC_LABELS = SPECS["three_public"].item_labels
FISCAL_SOURCES = ("general_own", "general_transfer", "fund_own", "fund_transfer", "soe_own", "soe_transfer")
GENERAL_SOURCES = ("general_own", "general_transfer")
FUND_SOURCES = ("fund_own", "fund_transfer")
SOE_SOURCES = ("soe_own", "soe_transfer")
CARRYOVER_SOURCES = ("fiscal_carryover", "nonfiscal_carryover")


@dataclass
class Line:
    code: str  # 功能分类 项 (7 digits)
    source: str  # a column of table 2: general_own, general_transfer, fund_own, unit_funds, fiscal_carryover, …
    basic: bool
    amount: Decimal
    project: str | None = None
    econ: dict[str, Decimal] = field(default_factory=dict)  # 经济分类 类 → amount (projects of table 7)
    sub: str | None = None  # table 1's finer item: business_income, …, fiscal_carryover_fund, nonfiscal_carryover_unit


def cents(x: float) -> Decimal:
    return Decimal(max(1, round(x * 100))) / 100


def split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """`total` cut into `parts` positive amounts (in cents) that add up exactly."""
    n = int(total * 100)
    if parts <= 1 or n < parts:
        return [total] + [ZERO] * (parts - 1) if parts > 1 and n < parts else [total]
    cuts = sorted(rng.sample(range(1, n), parts - 1))
    return [Decimal(b - a) / 100 for a, b in zip([0, *cuts], [*cuts, n], strict=True)]


def fname(code: str) -> str:
    return (official_name(code) if len(code) == 3 else None) or D.FUNCTIONAL.get(code) or official_name(code) or code


def ename(code: str) -> str:
    return str(reference()["economic"].get(code, code))


# ---- the department --------------------------------------------------------------------------------------------

@dataclass
class Draft:
    d: Disclosure
    lines: list[Line] = field(default_factory=list)
    basic_econ: dict[str, Decimal] = field(default_factory=dict)  # 经济分类 款 → amount (table 6)
    extras: Extras = field(default_factory=Extras)
    vehicle_purchase: Decimal = ZERO
    show_department_row: bool = False
    kinds: dict[str, str] = field(default_factory=dict)  # project name → the project word it was made from
    sector: tuple = ()  # (name, 行政运行 项, project 项 codes, 政府性基金 项 codes): the 决算 sampler re-derives from it


PERSONNEL = (("30101", 0.22), ("30102", 0.20), ("30103", 0.12), ("30107", 0.10), ("30108", 0.11), ("30110", 0.05),
             ("30111", 0.02), ("30112", 0.006), ("30113", 0.09), ("30199", 0.02), ("30302", 0.04), ("30309", 0.005))
PUBLIC = (("30201", 0.20), ("30205", 0.02), ("30206", 0.05), ("30207", 0.06), ("30211", 0.12), ("30213", 0.05),
          ("30217", 0.02), ("30228", 0.10), ("30229", 0.09), ("30231", 0.10), ("30299", 0.04), ("31002", 0.08))
OPTIONAL = {"30111", "30199", "30309", "30213", "30231", "31002", "30302"}
PROJECT_ECON = ("302", "302", "302", "310", "303", "399", "312")


def department(seed: int, index: int, year: int = 2025) -> Disclosure:
    return draft(seed, index, year).d


def draft(seed: int, index: int, year: int = 2025) -> Draft:
    """Department `index` with the lines its tables were aggregated from (the 决算 sampler executes them)."""
    rs = random.Random(f"{seed}:{index}")  # structure
    ra = random.Random(f"{seed}:{index}:{year}")  # amounts
    sector = rs.choice(D.SECTORS)
    unit = rs.random() < 0.2
    name = rs.choice(D.PLACES) + sector[0] + (rs.choice(D.UNIT_SUFFIXES) if unit else "")
    d = Disclosure(source=SourceFile("sample", "", "model"), year=year, department=name, template=BUDGET.name,
                   kind="单位预算" if unit else "部门预算", unit="万元",
                   published=f"{year}-{rs.randint(1, 2):02d}-{rs.randint(1, 28):02d}")
    draft = Draft(d, sector=sector)
    draft.show_department_row = rs.random() < 0.5
    d.profile = _profile(rs, ra, sector[0])
    _basic(draft, rs, ra, sector)
    _projects(draft, rs, ra, sector, year)
    _other_funds(draft, rs, ra, sector)
    _tables(draft)
    _performance(draft, rs, ra)
    draft.extras = _extras(rs, ra, draft)
    _statements(draft)
    return draft


def _profile(rs: random.Random, ra: random.Random, field_name: str) -> Profile:
    topic = field_name.removesuffix("局").removesuffix("委员会").removesuffix("办公室") or field_name
    k = rs.randint(3, len(D.FUNCTION_TEMPLATES))
    middle = list(D.FUNCTION_TEMPLATES[:k - 1]) + rs.sample(D.FUNCTION_EXTRA, rs.randint(0, len(D.FUNCTION_EXTRA)))
    functions = [t.format(field=topic) for t in middle] + [D.FUNCTION_TEMPLATES[-1]]
    divisions = rs.sample(D.DIVISIONS, rs.randint(2, 6))
    authorized = rs.randint(8, 120)
    retired = rs.randint(0, max(1, authorized // 5))
    active = max(1, authorized - retired - rs.randint(0, 4))
    early = 1 if rs.random() < 0.05 else 0
    staffing = Staffing(authorized, active + retired + early, active, ra.randint(-2, 3), retired, ra.randint(0, 2),
                        early, 0)
    return Profile(functions=functions, subordinate_units=rs.choice((0, 0, 0, 1, 2)), divisions=divisions,
                   staffing=staffing)


def _basic(draft: Draft, rs: random.Random, ra: random.Random, sector: tuple) -> None:
    people = draft.d.profile.staffing.active or 10
    scale = people * ra.uniform(14, 22)
    econ: dict[str, Decimal] = {}
    for code, w in PERSONNEL:
        if code not in OPTIONAL or rs.random() < 0.6:
            econ[code] = cents(scale * w * ra.uniform(0.8, 1.2))
    pub = scale * rs.uniform(0.08, 0.2)
    for code, w in PUBLIC:
        if code not in OPTIONAL or rs.random() < 0.6:
            econ[code] = cents(pub * w * ra.uniform(0.7, 1.3))
    if rs.random() < 0.05:
        econ["30212"] = cents(ra.uniform(1, 8))
    if "30231" not in econ and rs.random() < 0.3:
        econ.pop("30217", None)  # no 三公 spending at all: table 10 is printed empty
    draft.basic_econ = dict(sorted(econ.items()))
    draft.lines += basic_lines(econ, sector[1])


def basic_lines(econ: dict[str, Decimal], admin: str) -> list[Line]:
    """The basic-expenditure lines of a 经济分类 split: each social-security 款 goes to its 功能分类 项, the rest
    to the sector's 行政运行."""
    parts = {"2080505": econ.get("30108", ZERO), "2101101": econ.get("30110", ZERO) if admin[:3] != "210" else ZERO,
             "2101103": econ.get("30111", ZERO), "2210201": econ.get("30113", ZERO),
             "2080501": econ.get("30302", ZERO) + econ.get("30309", ZERO)}
    rest = sum(econ.values(), ZERO) - sum(parts.values(), ZERO)
    parts[admin] = parts.get(admin, ZERO) + rest
    return [Line(code, "general_own", True, amount) for code, amount in parts.items() if amount]


def _project_name(rs: random.Random, topic: str, word: str, place: str, year: int) -> str:
    """`topic + word`, sometimes with a year in front, a qualifier, and the funding document behind (long names
    that wrap in print)."""
    name = rs.choice(D.PROJECT_PREFIXES).format(year=year) + topic + rs.choice(D.PROJECT_QUALIFIERS) + word
    if rs.random() < 0.25:
        name += f"（{place[:1]}{rs.choice(D.DOCUMENT_KINDS)}〔{year - 1}〕{rs.randint(1, 120)}号）"
    return name


def _projects(draft: Draft, rs: random.Random, ra: random.Random, sector: tuple, year: int) -> None:
    n = rs.choice((0, 1, 2, 2, 3, 3, 4, 5, 6))
    words = rs.sample(D.PROJECT_WORDS, n)
    topic = sector[0].removesuffix("局")
    transfers = rs.random() < 0.35
    for w in words:
        project = _project_name(rs, topic, w, draft.d.department or "", year)
        draft.kinds[project] = w
        codes = rs.sample(sector[2], 2 if len(sector[2]) > 1 and rs.random() < 0.25 else 1)
        source = "general_transfer" if transfers and rs.random() < 0.5 else "general_own"
        for code in codes:
            amount = cents(ra.uniform(2, 400))
            classes = sorted(set(rs.sample(PROJECT_ECON, rs.choice((1, 1, 2)))))
            draft.lines.append(Line(code, source, False, amount, project,
                                    dict(zip(classes, split(amount, len(classes), ra), strict=True))))
    if n and rs.random() < 0.1:
        draft.vehicle_purchase = cents(ra.uniform(12, 30))
        draft.lines.append(Line(sector[1], "general_own", False, draft.vehicle_purchase, "公务用车购置",
                                {"310": draft.vehicle_purchase}))


def _other_funds(draft: Draft, rs: random.Random, ra: random.Random, sector: tuple) -> None:
    """Money beside the general budget: 政府性基金 and 国有资本经营 (own or transferred), 财政专户, 单位资金 by its
    kinds, and last year's carry-overs (fiscal and non-fiscal)."""
    topic = sector[0].removesuffix("局")
    add = draft.lines.append
    if sector[3] and rs.random() < 0.35:
        source = "fund_transfer" if rs.random() < 0.3 else "fund_own"
        for code in rs.sample(sector[3], rs.randint(1, len(sector[3]))):
            add(Line(code, source, False, cents(ra.uniform(20, 800)), topic + "政府性基金项目"))
    soe = D.SOE_CODES.get(sector[0], ())
    if soe and rs.random() < 0.4:
        for code in rs.sample(soe, rs.randint(1, len(soe))):
            source = "soe_transfer" if rs.random() < 0.3 else "soe_own"
            add(Line(code, source, False, cents(ra.uniform(10, 500)), topic + "国有资本经营预算项目"))
    special = D.SPECIAL_ACCOUNT_CODES.get(sector[0], ())
    if special and rs.random() < 0.5:
        for code in rs.sample(special, rs.randint(1, len(special))):
            add(Line(code, "special_account", rs.random() < 0.3, cents(ra.uniform(5, 300)), topic + "教育收费项目"))
    unit = (draft.d.kind or "").startswith("单位")
    if rs.random() < (0.6 if unit else 0.2):
        _unit_funds(draft, rs, ra, sector, topic)
    target = sector[2][0]
    fund_codes = [ln.code for ln in draft.lines if ln.source in FUND_SOURCES]
    if rs.random() < 0.25:
        for w in rs.sample(D.CARRYOVER_WORDS, rs.randint(1, 2)):
            fund = bool(fund_codes) and rs.random() < 0.3
            add(Line(fund_codes[0] if fund else target, "fiscal_carryover", False, cents(ra.uniform(3, 300)),
                     topic + w, sub="fiscal_carryover_fund" if fund else "fiscal_carryover_general"))
    if rs.random() < (0.3 if unit else 0.1):
        has_special = any(ln.source == "special_account" for ln in draft.lines)
        for w in rs.sample(D.NONFISCAL_CARRYOVER_WORDS, rs.randint(1, 2)):
            sub = "nonfiscal_carryover_special" if has_special and rs.random() < 0.5 else "nonfiscal_carryover_unit"
            add(Line(target, "nonfiscal_carryover", False, cents(ra.uniform(2, 150)), topic + w, sub=sub))


def _unit_funds(draft: Draft, rs: random.Random, ra: random.Random, sector: tuple, topic: str) -> None:
    items = [k for k, p in D.UNIT_FUND_ITEMS if rs.random() < p] or ["business_income"]
    for item in items:
        basic = item == "business_income" and rs.random() < 0.4  # 事业收入 paying part of the running costs
        code = sector[1] if basic else rs.choice(sector[2])
        draft.lines.append(Line(code, "unit_funds", basic, cents(ra.uniform(5, 200)),
                                None if basic else topic + D.UNIT_FUND_WORDS[item], sub=item))


# ---- tables ------------------------------------------------------------------------------------------------------

def _put(values: dict[str, Decimal], key: str, v: Decimal) -> None:
    if v:
        values[key] = values.get(key, ZERO) + v


def _columns(spec: TableSpec) -> list[Column]:
    from yusuan.write import template as T

    if spec.layout == "sided":
        cols = [Column("amount", spec.left[0].label)]
        if spec.key == "fiscal_overview":
            cols += [Column(c.key, c.label) for c in spec.right]
        return cols
    return [Column(c.key, c.label) for c in spec.columns if c.key not in T.VARIANT_COLUMNS.get(spec.key, ())]


def _table(key: str, rows: list[Row], dept: str, year: int) -> Table:
    from yusuan.write import template as T

    spec = SPECS[key]
    t = Table(type=key, number=spec.number, title=spec.title.format(org="部门"), columns=_columns(spec),
              rows=rows)
    if not any(r.values for r in rows):
        t.rows, t.empty = [], True
        t.empty_statement = T.EMPTY_STATEMENTS[key].format(dept=dept, year=year)
    return t


def coded_rows(lines: Iterable[Line], values: Callable[[Line], dict[str, Decimal]]) -> list[Row]:
    """总计, then 类/款/项 rows in code order, each the sum of the lines below it."""
    sums: dict[str, dict[str, Decimal]] = {}
    total: dict[str, Decimal] = {}
    for ln in lines:
        v = values(ln)
        if not any(v.values()):
            continue
        for key in ("", ln.code[:3], ln.code[:5], ln.code):
            target = total if not key else sums.setdefault(key, {})
            for k, x in v.items():
                _put(target, k, x)
    if not total:
        return []
    rows = [Row("total", name="总计", values=total)]
    kinds: dict[int, RowKind] = {3: "class", 5: "category", 7: "item"}
    rows += [Row(kinds[len(c)], code=c, name=fname(c), values=v) for c, v in sorted(sums.items())]
    return rows


def _by_source(ln: Line) -> dict[str, Decimal]:
    v = {"total": ln.amount, ln.source: ln.amount}
    if ln.source in FISCAL_SOURCES:
        v["fiscal_subtotal"] = ln.amount
    return v


def _project_only(ln: Line) -> dict[str, Decimal]:
    return {"total": ln.amount, "project": ln.amount}


def _split_kind(ln: Line) -> dict[str, Decimal]:
    return {"total": ln.amount, "basic" if ln.basic else "project": ln.amount}


def _tables(draft: Draft) -> None:
    d, lines = draft.d, draft.lines
    dept, year = d.department or "", d.year or 0
    general = [ln for ln in lines if ln.source in GENERAL_SOURCES]
    t2 = coded_rows(lines, _by_source)
    t3 = coded_rows(lines, _split_kind)
    t5 = coded_rows(general, _split_kind)
    t8 = coded_rows([ln for ln in lines if ln.source in FUND_SOURCES], _project_only)
    t9 = coded_rows([ln for ln in lines if ln.source in SOE_SOURCES], _project_only)
    d.tables = [
        _table("income_expenditure_overview", _overview_rows(t2, lines), dept, year),
        _table("income_overview", t2, dept, year),
        _table("expenditure_overview", t3, dept, year),
        _table("fiscal_overview", _fiscal_rows(t2), dept, year),
        _table("general_budget_expenditure", t5, dept, year),
        _table("general_budget_basic", _econ_rows(draft.basic_econ), dept, year),
        _table("general_budget_projects", _project_rows(draft, general), dept, year),
        _table("fund_budget_expenditure", t8, dept, year),
        _table("soe_budget_expenditure", t9, dept, year),
        _table("three_public", _three_public_rows(draft), dept, year),
        _table("carryover", _carryover_rows(draft), dept, year),
    ]


def _classes() -> list[tuple[str, str]]:
    return [(c, str(n)) for c, n in reference()["functional"].items() if len(c) == 3]


def _interleave(left: list[Row], right: list[Row], totals: list[Row]) -> list[Row]:
    """Rows in the order `parse` reads a two-sided table: line by line, the income item then the class."""
    out: list[Row] = []
    for i in range(max(len(left), len(right))):
        out += ([left[i]] if i < len(left) else []) + ([right[i]] if i < len(right) else [])
    return out + totals


def _overview_rows(t2: list[Row], lines: list[Line]) -> list[Row]:
    total = next((r.values for r in t2 if r.kind == "total"), {})
    v = {k: total.get(k, ZERO) for k in ("general_own", "general_transfer", "fund_own", "fund_transfer", "soe_own",
                                          "soe_transfer", "special_account", "unit_funds", "fiscal_carryover",
                                          "nonfiscal_carryover")}
    for ln in lines:
        if ln.sub:
            v[ln.sub] = v.get(ln.sub, ZERO) + ln.amount
    v["general"] = v["general_own"] + v["general_transfer"]
    v["fund"] = v["fund_own"] + v["fund_transfer"]
    v["soe"] = v["soe_own"] + v["soe_transfer"]
    v["current_income"] = v["general"] + v["fund"] + v["soe"] + v["special_account"] + v["unit_funds"]
    v["carryover"] = v["fiscal_carryover"] + v["nonfiscal_carryover"]
    grand = v["current_income"] + v["carryover"]
    left = [Row("income", name=label_key(label), item=key, values={"amount": v[key]} if v.get(key) else {})
            for key, label in INCOME_LABELS.items() if key not in ("income_total", "expenditure_total")]
    by_class = {r.code: r.values.get("total", ZERO) for r in t2 if r.kind == "class"}
    right = [Row("expenditure", code=c, name=n, values={"amount": by_class[c]} if by_class.get(c) else {})
             for c, n in _classes()]
    totals = [Row("total", name="收入总计", item="income_total", values={"amount": grand}),
              Row("total", name="支出总计", item="expenditure_total", values={"amount": grand})]
    return _interleave(left, right, totals)


def _fiscal_rows(t2: list[Row]) -> list[Row]:
    total = next((r.values for r in t2 if r.kind == "total"), {})
    general = total.get("general_own", ZERO) + total.get("general_transfer", ZERO)
    fund = total.get("fund_own", ZERO) + total.get("fund_transfer", ZERO)
    soe = total.get("soe_own", ZERO) + total.get("soe_transfer", ZERO)
    amounts = {"fiscal": general + fund + soe, "general": general, "fund": fund, "soe": soe}
    left = [Row("income", name=label_key(FISCAL_INCOME_LABELS[k]), item=k, values={"amount": a} if a else {})
            for k, a in amounts.items()]
    right = []
    out_total: dict[str, Decimal] = {}
    classes = {r.code: r.values for r in t2 if r.kind == "class"}
    for c, n in _classes():
        cv = classes.get(c, {})
        g = cv.get("general_own", ZERO) + cv.get("general_transfer", ZERO)
        f = cv.get("fund_own", ZERO) + cv.get("fund_transfer", ZERO)
        o = cv.get("soe_own", ZERO) + cv.get("soe_transfer", ZERO)
        vals: dict[str, Decimal] = {}
        for k, x in (("total", g + f + o), ("general", g), ("fund", f), ("soe", o)):
            _put(vals, k, x)
            _put(out_total, k, x)
        right.append(Row("expenditure", code=c, name=n, values=vals))
    totals = [Row("total", name="收入总计", item="income_total", values={"amount": amounts["fiscal"]}),
              Row("total", name="支出总计", item="expenditure_total", values=out_total)]
    return _interleave(left, right, totals)


PERSONNEL_CLASSES = ("301", "303")


def _econ_rows(econ: dict[str, Decimal]) -> list[Row]:
    classes: dict[str, dict[str, Decimal]] = {}
    total: dict[str, Decimal] = {}
    items = []
    for code, amount in econ.items():
        col = "personnel" if code[:3] in PERSONNEL_CLASSES else "public"
        v = {"total": amount, col: amount}
        for target in (classes.setdefault(code[:3], {}), total):
            for k, x in v.items():
                _put(target, k, x)
        items.append(Row("category", code=code, name=ename(code), values=v))
    rows = [Row("total", name="总计", values=total)]
    for c in sorted(classes):
        rows.append(Row("class", code=c, name=ename(c), values=classes[c]))
        rows += [r for r in items if (r.code or "").startswith(c)]
    return rows


def _project_rows(draft: Draft, general: list[Line]) -> list[Row]:
    projects = [ln for ln in general if not ln.basic]
    if not projects:
        return []

    def econ(ln: Line) -> dict[str, Decimal]:
        return {"total": ln.amount, **ln.econ}

    sums = coded_rows(projects, econ)
    rows = [sums[0]]
    if draft.show_department_row:
        rows.append(Row("department", name=draft.d.department, values=dict(sums[0].values)))
    merged: dict[tuple[str, str], Row] = {}
    for ln in projects:
        key = (ln.code, ln.project or "")
        r = merged.setdefault(key, Row("project", code=ln.code, name=fname(ln.code), project=ln.project))
        for k, x in econ(ln).items():
            _put(r.values, k, x)
    for r in sums[1:]:
        if r.kind in ("class", "category"):
            rows.append(r)
        if r.kind == "category":
            rows += [p for (code, _p), p in sorted(merged.items(), key=lambda kv: kv[0][0])
                     if code.startswith(r.code or "")]
    return rows


def _three_public_rows(draft: Draft) -> list[Row]:
    e = draft.basic_econ
    v = {"abroad": e.get("30212", ZERO), "reception": e.get("30217", ZERO),
         "vehicle_purchase": draft.vehicle_purchase, "vehicle_operation": e.get("30231", ZERO)}
    v["vehicle"] = v["vehicle_purchase"] + v["vehicle_operation"]
    v["total"] = v["abroad"] + v["reception"] + v["vehicle"]
    rows = []
    for key in ("total", "abroad", "reception", "vehicle", "vehicle_purchase", "vehicle_operation"):
        vals = {"total": v[key], "general": v[key]} if v[key] else {}
        rows.append(Row("total" if key == "total" else "item", name=label_key(THREE_PUBLIC_LABELS[key]), item=key,
                        values=vals))
    return rows


def _carryover_rows(draft: Draft) -> list[Row]:
    lines = [ln for ln in draft.lines if ln.source in ("fiscal_carryover", "nonfiscal_carryover")]
    if not lines:
        return []
    total: dict[str, Decimal] = {}
    items = []
    for ln in lines:
        side = "fiscal" if ln.source == "fiscal_carryover" else "nonfiscal"
        v = {"total": ln.amount, f"{side}_subtotal": ln.amount, f"{side}_project": ln.amount}
        for k, x in v.items():
            _put(total, k, x)
        items.append(Row("project", name=ln.project, project=ln.project, values=v))
    return [Row("total", name="总计", values=total),
            Row("department", name=draft.d.department, values=dict(total)), *items]


# ---- performance, extras, prose --------------------------------------------------------------------------------

def _indicators(rs: random.Random, pool: tuple[tuple[str, str, str, str], ...] = D.INDICATORS,
                total: int = 90) -> list[Indicator]:
    picks = rs.sample(pool, rs.randint(4, len(pool)))
    picks.sort(key=pool.index)
    weights = [total // len(picks)] * len(picks)
    weights[0] += total - sum(weights)
    return [Indicator(l1, l2, l3, value, Decimal(w)) for (l1, l2, l3, value), w in zip(picks, weights, strict=True)]


def _performance(draft: Draft, rs: random.Random, ra: random.Random) -> None:
    d = draft.d
    from yusuan.write import template as T
    from yusuan.write.prose import projects_of, val

    if rs.random() < 0.97:
        t1 = "income_expenditure_overview"
        superior = sum((val(d, t1, k, "amount") for k in ("general_transfer", "fund_transfer", "soe_transfer")), ZERO)
        other = val(d, t1, "unit_funds", "amount") + val(d, t1, "nonfiscal_carryover", "amount")
        own = val(d, t1, "income_total", "amount") - superior - other
        d.performance.overall = PerformanceTable("overall", d.department, own + superior + other,
                                                 {"superior": superior, "own": own, "other": other}, _indicators(rs),
                                                 goals=T.PERFORMANCE["overall_goal_text"].format(dept=d.department))
    for name, amount in projects_of(d):
        pool = D.PROJECT_INDICATORS.get(draft.kinds.get(name, ""), D.INDICATORS)
        d.performance.projects.append(PerformanceTable("project", name, amount, {"fiscal": amount, "other": ZERO},
                                                       _indicators(rs, pool), goals=T.PERFORMANCE["project_goal_text"]))


def _extras(rs: random.Random, ra: random.Random, draft: Draft) -> Extras:
    goods, works, services = cents(ra.uniform(1, 80)), (cents(ra.uniform(5, 200)) if rs.random() < 0.2 else ZERO), \
        cents(ra.uniform(1, 120))
    sme = cents(float(goods + works + services) * ra.uniform(0.3, 1.0))
    procurement = {"goods": goods, "works": works, "services": services, "sme": sme, "small": sme}
    a = Assets(house_area=cents(ra.uniform(100, 3000)), house_value=cents(ra.uniform(20, 900)),
               furniture=cents(ra.uniform(2, 60)), other=cents(ra.uniform(0, 40)) if rs.random() < 0.5 else ZERO)
    if draft.basic_econ.get("30231"):
        n = rs.randint(1, 4)
        a.vehicles["general"] = (n, cents(n * ra.uniform(10, 25)))
    if rs.random() < 0.2:
        a.vehicles["enforcement"] = (1, cents(ra.uniform(10, 30)))
    a.equipment = [rs.choice((0, 0, 1, 2)), 0, 0, 0]
    return Extras(procurement if rs.random() < 0.85 else None, a)


def _statements(draft: Draft) -> None:
    from yusuan.write.compose import build

    doc = build(draft.d, extras=draft.extras)
    draft.d.narrative.statements = [Statement(section=sec, subject=f.subject, metric=f.metric, value=f.value,
                                              unit=f.unit, block=block) for sec, block, f in doc.figures()]
    draft.d.narrative.glossary = True


def sample(n: int, seed: int, year: int = 2025) -> list[Disclosure]:
    return [department(seed, i, year) for i in range(n)]
