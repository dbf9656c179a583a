"""Compare stored documents: per document the figures a reader looks for, read from the store's cells and prose
statements of each document's current version; year over year where the prior year is loaded, checked against the
比上年 changes the document itself states; and the rank by total within the year and kind.

Every figure comes from the tables as printed (no re-computation from other tables), so a compare figure equals the
table's own figure. The cross-year check is one no single-document rule can make: it needs two documents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import and_, select

from yusuan.store import Store
from yusuan.store import schema as S

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
INCOME_ITEMS = ("general", "fund", "soe", "special_account", "unit_funds", "carryover")
STATEMENT_BLOCKS = ("total", "three_public", "operating_cost", "procurement")
CELL_TABLES = ("income_expenditure_overview", "expenditure_overview", "general_budget_basic", "three_public",
               "general_budget_projects")
# quantities whose stated 比上年 change is checked against the prior year's loaded document
STATED = (("total", "total", "收支总预算"), ("three_public", "three_public", "“三公”经费"),
          ("operating_cost", "operating_cost", "机关运行经费"))
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
    vid: int
    department: str
    year: int
    kind: str
    staff_active: int | None
    counts: dict[str, int]
    cells: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)  # (table, row key, column) → value
    projects: set[str] = field(default_factory=set)
    statements: list[tuple[str, str, str, Decimal]] = field(default_factory=list)  # block, subject, metric, value


def _pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part / whole * 100).quantize(CENT, ROUND_HALF_UP)


def _per(amount: Decimal | None, people: int | None) -> Decimal | None:
    if amount is None or not people:
        return None
    return (amount / people).quantize(CENT, ROUND_HALF_UP)


def _docs(store: Store, years: set[int] | None) -> dict[int, _Doc]:
    """The current version of every document of these years (None: all), with the cells and statements needed."""
    d, v = S.documents, S.versions
    q = (select(v.c.id, d.c.department, d.c.year, d.c.kind, v.c.staff_active, v.c.findings_error,
                v.c.findings_warning, v.c.findings_info).join(v, v.c.id == d.c.current_version_id))
    if years is not None:
        q = q.where(d.c.year.in_(sorted(years)))
    docs: dict[int, _Doc] = {}
    with store.engine.connect() as conn:
        for r in conn.execute(q):
            docs[r.id] = _Doc(r.id, r.department, r.year, r.kind, r.staff_active,
                              {"error": r.findings_error, "warning": r.findings_warning, "info": r.findings_info})
        year_filter = d.c.year.in_(sorted(years)) if years is not None else and_(True)
        c = S.cells
        cq = (select(c.c.version_id, c.c.table_type, c.c.row_kind, c.c.item, c.c.project, c.c.column_key,
                     c.c.value)
              .join(d, d.c.current_version_id == c.c.version_id)
              .where(year_filter, c.c.table_type.in_(CELL_TABLES), c.c.ambiguous.is_(False),
                     c.c.row_kind.in_(("total", "income", "project"))))
        for c_row in conn.execute(cq):
            doc = docs.get(c_row.version_id)
            if doc is None:
                continue
            if c_row.row_kind == "project" and c_row.project:
                doc.projects.add(c_row.project)
            key = c_row.item or c_row.row_kind
            doc.cells.setdefault((c_row.table_type, key, c_row.column_key), Decimal(c_row.value))
        s = S.statements
        sq = (select(s.c.version_id, s.c.block, s.c.subject, s.c.metric, s.c.value)
              .join(d, d.c.current_version_id == s.c.version_id)
              .where(year_filter, s.c.block.in_(STATEMENT_BLOCKS)).order_by(s.c.version_id, s.c.line))
        for s_row in conn.execute(sq):
            if s_row.version_id in docs:
                docs[s_row.version_id].statements.append(
                    (s_row.block, s_row.subject, s_row.metric, Decimal(s_row.value)))
    return docs


def _stated(doc: _Doc, block: str, metric: str, want: str = "", avoid: tuple[str, ...] = ()) -> Decimal | None:
    for b, subject, m, value in doc.statements:
        if b == block and m == metric and want in subject and not any(a in subject for a in avoid):
            return value
    return None


def indicators(doc: _Doc) -> dict[str, Any]:
    """The figures of one document, straight from its tables (and its prose where no table has them)."""
    cell = doc.cells.get
    total = cell(("income_expenditure_overview", "income_total", "amount"))
    basic, project = cell(("expenditure_overview", "total", "basic")), cell(("expenditure_overview", "total", "project"))
    whole3 = cell(("expenditure_overview", "total", "total"))
    personnel, basic6 = cell(("general_budget_basic", "total", "personnel")), cell(("general_budget_basic", "total", "total"))
    three = cell(("three_public", "total", "total"))
    operating = _stated(doc, "operating_cost", "amount")
    procurement = _stated(doc, "procurement", "amount", avoid=("货物", "工程", "服务", "企业"))
    sme = _stated(doc, "procurement", "amount", want="中小企业")
    out: dict[str, Any] = {"department": doc.department, "year": doc.year, "kind": doc.kind, "total": total}
    for item in INCOME_ITEMS:
        out[f"income_{item}"] = cell(("income_expenditure_overview", item, "amount"))
    out |= {
        # a blank cell of a printed total row is a zero
        "basic": basic, "project": project, "basic_share": _pct(basic or ZERO, whole3),
        "project_share": _pct(project or ZERO, whole3),
        "personnel": personnel, "personnel_share": _pct(personnel or ZERO, basic6),
        "three_public": three, "three_public_per_staff": _per(three, doc.staff_active),
        "operating_cost": operating, "operating_cost_per_staff": _per(operating, doc.staff_active),
        "procurement": procurement, "procurement_sme": sme, "sme_share": _pct(sme, procurement),
        "projects": len(doc.projects), "staff_active": doc.staff_active,
        "findings_error": doc.counts["error"], "findings_warning": doc.counts["warning"],
        "findings_info": doc.counts["info"],
    }
    return out


def compare(store: Store, sel: Selection) -> Comparison:
    """The indicators of every selected document (current versions), ranked, with year over year."""
    years = _years_needed(sel)
    docs = list(_docs(store, years).values())
    figures = {(d.department, d.year, d.kind): (d, indicators(d)) for d in docs}
    _rank(figures)
    out = Comparison()
    for (dept, year, kind), (doc, row) in sorted(figures.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][0])):
        if not sel.wants(year, dept, kind):
            continue
        prior = figures.get((dept, year - 1, kind))
        _year_over_year(row, prior[1] if prior else None)
        row["stated_total_change"] = _stated(doc, "total", "change")
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
    for key, block, label in STATED:
        stated = _stated(doc, block, "change", want="三公" if key == "three_public" else "")
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
