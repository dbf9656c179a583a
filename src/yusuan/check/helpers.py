"""Helpers the rule modules share (the tables' keys, the grouped prose figures, where a statement is, project
names): one module they all import, so no rule module borrows from another."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from yusuan.check.context import Context, Term
from yusuan.check.figures import Figure, Figures, core, group
from yusuan.check.hits import Location
from yusuan.model import Row, Statement, Table
from yusuan.spec import Subject

T1, T3, T4, T5, T6 = ("income_expenditure_overview", "expenditure_overview", "fiscal_overview",
                      "general_budget_expenditure", "general_budget_basic")
T7, T8, T9, T10, T11 = ("general_budget_projects", "fund_budget_expenditure", "soe_budget_expenditure",
                        "three_public", "carryover")

PCT_SLACK = Decimal("0.006")  # a printed percentage is itself rounded to 0.01

THREE_PUBLIC_WORDS = ((("出国",), "abroad"), (("接待",), "reception"), (("购置及运行",), "vehicle"),
                      (("购置",), "vehicle_purchase"), (("运行",), "vehicle_operation"))


def figures(ctx: Context) -> Figures:
    """The prose figures, grouped once per document."""
    return ctx.cached("figures", lambda: group(ctx.d))


def st_loc(ctx: Context, st: Statement) -> Location:
    return Location(st.line, st.page, None, core(st.subject)[:40] or st.subject[:40], st.metric,
                    ctx.quote(st.line) or st.quote)


def amount_for(figs: Figures, f: Figure) -> Statement | None:
    """The amount a change or growth rate is about: its own, else the latest amount with the same subject in the
    block, else (for the 三公 total) the block's first amount."""
    if f.amount is not None:
        return f.amount
    same = [g.amount for g in figs.block(f.block) if g.amount is not None and core(g.subject) == core(f.subject)
            and (g.line or 0) <= (f.line or 0)]
    if same:
        return same[-1]
    if f.block == "three_public" and "三公" in f.subject:
        total = figs.section_total("three_public")
        return total.amount if total else None
    if f.block == "operating_cost":
        total = figs.section_total("operating_cost")
        return total.amount if total else None
    return None


def project_key(name: str | None) -> str:
    """A project name without what documents add or drop around it: year, 提前下达, （本级）, document numbers in
    brackets, a trailing 项目."""
    if not name:
        return ""
    s = name.replace(" ", "").replace("(", "（").replace(")", "）")
    s = re.sub(r"（[^（）]*）|〔[^〕]*〕", "", s)
    s = re.sub(r"^(?:提前下达)?(?:20\d{2}年(?:度)?)?", "", s)
    s = re.sub(r"(?:项目)+$", "", s)
    return s


def names_match(a: str | None, b: str | None) -> bool:
    ka, kb = project_key(a), project_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 6 and short in long_


def table_projects(ctx: Context) -> dict[str, tuple[Decimal, list[tuple[Table, Row]]]]:
    """Project name as printed in table 7 → (its total over all codes, its rows)."""
    out: dict[str, tuple[Decimal, list[tuple[Table, Row]]]] = {}
    t = ctx.table(T7)
    for r in t.rows if t else []:
        if r.kind == "project" and r.project:
            amount, rows = out.get(r.project, (Decimal(0), []))
            out[r.project] = (amount + r.values.get("total", Decimal(0)), [*rows, (t, r)])  # type: ignore[list-item]
    return out


# ---- where the tables hold what the prose states (the template's `ProseSpec.subjects`) ----------------------

def cells_of(ctx: Context, table: str, sel: str, cols: tuple[str, ...]) -> list[Term]:
    t = ctx.table(table)
    if t is None or t.empty:
        return []
    rows = ctx.select(t, sel)
    return [Term(t, r, c) for r in rows[:1] for c in cols if c in r.values or Term(t, r, c).uncertain] or \
        [Term(t, r, cols[0]) for r in rows[:1]]


def _row_by_name(t: Table | None, name: str, level: int | None = None) -> Row | None:
    if t is None:
        return None
    name = name.replace("(", "（").replace(")", "）")
    hits = [r for r in t.rows if r.name and r.name.replace(" ", "") == name and not r.project and
            (level is None or (r.code is not None and len(r.code) == level))]
    return hits[0] if hits else None


def targets(ctx: Context, f: Figure) -> list[Term]:
    """The table cells a prose amount may state (any one of them equal is agreement); [] when the figure names
    nothing the tables hold. Where each block's amounts are is the template's (`ProseSpec.subjects`)."""
    s = core(f.subject)
    for subject in ctx.template.prose.subjects:
        if subject.block == f.block and _applies(subject, f, s):
            return _subject_cells(ctx, subject, s)
    return []


def _applies(subject: Subject, f: Figure, s: str) -> bool:
    if subject.first is not None and subject.first != f.first:
        return False
    if subject.words and not all(w in s for w in subject.words):
        return False
    if subject.exact and s not in subject.exact:
        return False
    return not subject.starts or s.startswith(subject.starts)


def _subject_cells(ctx: Context, subject: Subject, s: str) -> list[Term]:
    if subject.find:
        table, _row, cols = subject.cells[0]
        return FINDERS[subject.find](ctx.table(table), s, cols)
    out = [t for table, row, cols in subject.cells for t in cells_of(ctx, table, row, cols)]
    if subject.fallback_if == "no_table":
        first = ctx.table(subject.cells[0][0]) if subject.cells else None
        use_fallback = first is None or first.empty
    else:
        use_fallback = not out
    if subject.fallback and use_fallback:
        return [t for table, row, cols in subject.fallback for t in cells_of(ctx, table, row, cols)]
    return out


def _class_named_in_subject(t: Table | None, s: str, cols: tuple[str, ...]) -> list[Term]:
    """A 类 of a sided table whose printed name the subject holds (`卫生健康支出…`): every column of it."""
    row = next((r for r in (t.rows if t else []) if r.kind == "expenditure" and r.name and r.name in s), None)
    return [Term(t, row, c) for c in cols] if t and row else []


def _class_by_name(t: Table | None, s: str, cols: tuple[str, ...]) -> list[Term]:
    """`卫生健康支出（类）…`: the 类 row of that name."""
    name = s.split("（类）")[0] if "（类）" in s else None
    row = _row_by_name(t, name, 3) if name else None
    return [Term(t, row, c) for c in cols] if t is not None and row is not None else []


def _item_by_names(t: Table | None, s: str, cols: tuple[str, ...]) -> list[Term]:
    """`类/款/项` names: the 项 row they name together."""
    parts = s.split("/")
    if len(parts) != 3 or t is None:
        return []
    row = _item_row(t, parts)
    return [Term(t, row, c) for c in cols] if row is not None else []


def _project_by_name(t: Table | None, s: str, cols: tuple[str, ...]) -> list[Term]:
    """A carried-over project named in the prose: its rows."""
    return [Term(t, r, c) for r in (t.rows if t else []) if r.kind == "project" and names_match(r.project or r.name, s)
            for c in cols] if t else []


def _item_by_name(t: Table | None, s: str, cols: tuple[str, ...]) -> list[Term]:
    """`…（款）<name>（项）`: the rows printed with that 项 name."""
    name = s.split("（款）")[-1].split("（项）")[0]
    return [Term(t, r, c) for r in (t.rows if t else []) if r.name and r.name.replace(" ", "") == name
            for c in cols] if t else []


FINDERS: dict[str, Callable[[Table | None, str, tuple[str, ...]], list[Term]]] = {
    "class_named_in_subject": _class_named_in_subject, "class_by_name": _class_by_name,
    "item_by_names": _item_by_names, "project_by_name": _project_by_name, "item_by_name": _item_by_name,
}


def _item_row(t5: Table, parts: list[str]) -> Row | None:
    cls, kuan, xiang = (p.replace("(", "（").replace(")", "）") for p in parts)
    cands = [r for r in t5.rows if r.code and len(r.code) == 7 and r.name and r.name.replace(" ", "") == xiang]
    if len(cands) > 1:
        parents = {r.code: r.name for r in t5.rows if r.code and len(r.code) == 5}
        narrowed = [r for r in cands if r.code and (parents.get(r.code[:5]) or "").replace(" ", "") == kuan]
        cands = narrowed or cands
    return cands[0] if cands else None
