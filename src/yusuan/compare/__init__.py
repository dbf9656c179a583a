"""Compare stored documents: per document the figures a reader looks for (the store's `figures` row of each
document's current version, taken from its tables when it was loaded: see `store.figures`), with shares and
per-staff figures derived from them; year over year where the prior year is loaded, checked against the 比上年
changes the document itself states; and the rank by total within the year and kind.

Every figure is a printed figure of the document's tables (or prose), so a compare figure equals the table's own
figure. The cross-year check is one no single-document rule can make: it needs two documents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select

from yusuan.store import Store
from yusuan.store import schema as S
from yusuan.store.figures import INCOME_ITEMS

CENT = Decimal("0.01")
ZERO = Decimal(0)
TOLERANCE = Decimal("0.01")  # a stated change is printed to 0.01
# (key, Chinese label) in output order; `table` output shows the KEY_COLUMNS only
COLUMNS: list[tuple[str, str]] = [
    ("department", "部门"), ("year", "年度"), ("kind", "类型"),
    ("total", "收支总计"), ("rank", "总计排名"), ("group_size", "同组文件数"),
    ("income_general", "一般公共预算拨款"), ("income_fund", "政府性基金预算拨款"),
    ("income_soe", "国有资本经营预算拨款"), ("income_special_account", "财政专户核拨"),
    ("income_unit_funds", "单位资金"), ("income_carryover", "上年结转结余"),
    ("basic", "基本支出"), ("project", "项目支出"), ("basic_share", "基本支出占比%"),
    ("project_share", "项目支出占比%"), ("personnel", "人员经费"), ("personnel_share", "人员经费占基本支出%"),
    ("three_public", "三公经费"), ("three_public_per_staff", "人均三公经费"),
    ("operating_cost", "机关运行经费"), ("operating_cost_per_staff", "人均机关运行经费"),
    ("procurement", "政府采购预算"), ("procurement_sme", "面向中小企业预留"), ("sme_share", "中小企业份额%"),
    ("projects", "项目数"), ("staff_active", "在职人数"),
    ("findings_error", "错误"), ("findings_warning", "警告"), ("findings_info", "提示"),
    ("prior_total", "上年收支总计"), ("total_change", "比上年增减"), ("total_growth", "比上年增长%"),
    ("stated_total_change", "说明所述比上年增减"),
]
KEY_COLUMNS = ("department", "year", "kind", "total", "rank", "basic_share", "personnel_share", "three_public",
               "three_public_per_staff", "operating_cost_per_staff", "sme_share", "projects", "findings_error",
               "findings_warning", "total_growth")
LABELS = dict(COLUMNS)
# quantities whose stated 比上年 change is checked against the prior year's loaded document
STATED = (("total", "收支总预算"), ("three_public", "“三公”经费"), ("operating_cost", "机关运行经费"))
CHANGE_RULE = "CMP-STATED-CHANGE"


@dataclass
class Selection:
    year: int | None = None
    department: str | None = None
    years: tuple[int, int] | None = None
    kind: str | None = None

    def wants(self, year: int, department: str, kind: str) -> bool:
        if self.year is not None and year != self.year:
            return False
        if self.years is not None and not self.years[0] <= year <= self.years[1]:
            return False
        if self.department is not None and department != self.department:
            return False
        return self.kind is None or kind == self.kind


@dataclass
class Comparison:
    rows: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Doc:
    department: str
    year: int
    kind: str
    staff_active: int | None
    counts: dict[str, int]
    figures: dict[str, Any]


def _pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part / whole * 100).quantize(CENT, ROUND_HALF_UP)


def _per(amount: Decimal | None, people: int | None) -> Decimal | None:
    if amount is None or not people:
        return None
    return (amount / people).quantize(CENT, ROUND_HALF_UP)


def _amount(v: Any) -> Decimal | None:
    """An amount as read back (SQLite gives floats of 2-decimal values): exact to the cent again."""
    return None if v is None else Decimal(str(v)).quantize(CENT)


def _docs(store: Store, years: set[int] | None) -> list[_Doc]:
    """The current version of every document of these years (None: all), with its figures."""
    d, v, f = S.documents, S.versions, S.figures
    names = [c for c in f.columns if c.name != "version_id"]
    q = (select(d.c.department, d.c.year, d.c.kind, v.c.staff_active, v.c.findings_error, v.c.findings_warning,
                v.c.findings_info, *names)
         .join(v, v.c.id == d.c.current_version_id).outerjoin(f, f.c.version_id == v.c.id))
    if years is not None:
        q = q.where(d.c.year.in_(sorted(years)))
    with store.engine.connect() as conn:
        result = conn.execute(q).all()
    return [_Doc(r[0], r[1], r[2], r[3], {"error": r[4], "warning": r[5], "info": r[6]},
                 {c.name: (r[7 + i] if c.name == "projects" else _amount(r[7 + i])) for i, c in enumerate(names)})
            for r in result]


def indicators(doc: _Doc) -> dict[str, Any]:
    """The figures of one document with the shares and per-staff figures derived from them."""
    f = doc.figures
    out: dict[str, Any] = {"department": doc.department, "year": doc.year, "kind": doc.kind}
    out |= {k: f.get(k) for k in ("total", *(f"income_{i}" for i in INCOME_ITEMS), "basic", "project",
                                   "personnel", "three_public", "operating_cost", "procurement",
                                   "procurement_sme", "projects")}
    whole3, basic6 = f.get("expenditure_total"), f.get("general_basic")
    out |= {
        # a blank cell of a printed total row is a zero
        "basic_share": _pct(f.get("basic") or ZERO, whole3), "project_share": _pct(f.get("project") or ZERO, whole3),
        "personnel_share": _pct(f.get("personnel") or ZERO, basic6),
        "three_public_per_staff": _per(f.get("three_public"), doc.staff_active),
        "operating_cost_per_staff": _per(f.get("operating_cost"), doc.staff_active),
        "sme_share": _pct(f.get("procurement_sme"), f.get("procurement")),
        "staff_active": doc.staff_active, "findings_error": doc.counts["error"],
        "findings_warning": doc.counts["warning"], "findings_info": doc.counts["info"],
        "stated_total_change": f.get("stated_total_change"),
    }
    return out


def compare(store: Store, sel: Selection) -> Comparison:
    """The indicators of every selected document (current versions), ranked, with year over year."""
    years = _years_needed(sel)
    figures = {(d.department, d.year, d.kind): (d, indicators(d)) for d in _docs(store, years)}
    _rank(figures)
    out = Comparison()
    for (dept, year, kind), (doc, row) in sorted(figures.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][0])):
        if not sel.wants(year, dept, kind):
            continue
        prior = figures.get((dept, year - 1, kind))
        _year_over_year(row, prior[1] if prior else None)
        if prior:
            out.findings += _stated_checks(doc, row, prior[1])
        out.rows.append({k: row.get(k) for k, _ in COLUMNS})
    return out


def _years_needed(sel: Selection) -> set[int] | None:
    wanted = ({sel.year} if sel.year is not None else
              set(range(sel.years[0], sel.years[1] + 1)) if sel.years is not None else None)
    return None if wanted is None else wanted | {y - 1 for y in wanted}


def _rank(figures: dict[tuple[str, int, str], tuple[_Doc, dict[str, Any]]]) -> None:
    groups: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for (_dept, year, kind), (_doc, row) in figures.items():
        groups[(year, kind)].append(row)
    for rows in groups.values():
        ranked = sorted((r for r in rows if r["total"] is not None), key=lambda r: -r["total"])
        for i, r in enumerate(ranked, start=1):
            r["rank"] = i
        for r in rows:
            r["group_size"] = len(rows)


def _year_over_year(row: dict[str, Any], prior: dict[str, Any] | None) -> None:
    if prior is None or prior["total"] is None or row["total"] is None:
        return
    row["prior_total"] = prior["total"]
    row["total_change"] = row["total"] - prior["total"]
    row["total_growth"] = _pct(row["total_change"], prior["total"])


def _stated_checks(doc: _Doc, row: dict[str, Any], prior: dict[str, Any]) -> list[dict[str, Any]]:
    """A stated 比上年 change that the prior year's loaded document contradicts."""
    found = []
    for key, label in STATED:
        stated = doc.figures.get(f"stated_{key}_change")
        now, before = row.get(key), prior.get(key)
        if stated is None or now is None or before is None:
            continue
        actual = now - before
        if abs(actual - stated) > TOLERANCE:
            found.append({
                "rule": CHANGE_RULE, "severity": "warning", "department": doc.department, "year": doc.year,
                "kind": doc.kind, "quantity": key, "stated": stated, "actual": actual,
                "message": (f"{doc.department}{doc.year}年{doc.kind}说明{label}比上年预算"
                            f"{'增加' if stated >= 0 else '减少'}{abs(stated):.2f}万元，但已入库的{doc.year - 1}年文件为"
                            f"{before:.2f}万元、本年为{now:.2f}万元，实际{'增加' if actual >= 0 else '减少'}"
                            f"{abs(actual):.2f}万元"),
            })
    return found
