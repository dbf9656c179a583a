"""The figures a comparison needs, taken from one parsed document: printed figures of its own tables (or of its
prose where no table has them). Computed once when the document is loaded (`store.rows.analyze`) and kept in the
store's `figures` table, one row per version, so a compare over thousands of documents reads one narrow row each.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Disclosure, Statement

INCOME_ITEMS = ("general", "fund", "soe", "special_account", "unit_funds", "carryover")
# (column, block, wanted in the subject, avoided in the subject) of the prose figures
PROSE = {
    "operating_cost": ("operating_cost", "amount", "", ()),
    "procurement": ("procurement", "amount", "", ("货物", "工程", "服务", "企业")),
    "procurement_sme": ("procurement", "amount", "中小企业", ()),
    "stated_total_change": ("total", "change", "", ()),
    "stated_three_public_change": ("three_public", "change", "三公", ()),
    "stated_operating_cost_change": ("operating_cost", "change", "", ()),
}
COLUMNS = ("total", *(f"income_{i}" for i in INCOME_ITEMS), "basic", "project", "expenditure_total", "personnel",
           "general_basic", "three_public", *PROSE, "projects")


def _row_value(d: Disclosure, table: str, column: str, item: str | None = None) -> Decimal | None:
    t = d.table(table)
    if t is None:
        return None
    row = next((r for r in t.rows if (r.item == item if item else r.kind == "total")), None)
    return row.values.get(column) if row is not None else None


def _stated(statements: list[Statement], block: str, metric: str, want: str, avoid: tuple[str, ...]) -> Decimal | None:
    for s in statements:
        if s.block == block and s.metric == metric and want in s.subject and not any(a in s.subject for a in avoid):
            return s.value
    return None


def figures_of(d: Disclosure) -> dict[str, Decimal | int | None]:
    out: dict[str, Decimal | int | None] = {
        "total": _row_value(d, "income_expenditure_overview", "amount", "income_total")}
    for item in INCOME_ITEMS:
        out[f"income_{item}"] = _row_value(d, "income_expenditure_overview", "amount", item)
    out["expenditure_total"] = _row_value(d, "expenditure_overview", "total")
    out["basic"] = _row_value(d, "expenditure_overview", "basic")
    out["project"] = _row_value(d, "expenditure_overview", "project")
    out["personnel"] = _row_value(d, "general_budget_basic", "personnel")
    out["general_basic"] = _row_value(d, "general_budget_basic", "total")
    out["three_public"] = _row_value(d, "three_public", "total", "total")
    statements = d.narrative.statements
    for column, (block, metric, want, avoid) in PROSE.items():
        out[column] = _stated(statements, block, metric, want, avoid)
    t7 = d.table("general_budget_projects")
    out["projects"] = len({r.project for r in t7.rows if r.kind == "project" and r.project}) if t7 else 0
    return {k: out.get(k) for k in COLUMNS}
