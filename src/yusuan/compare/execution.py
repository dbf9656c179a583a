"""Budget against final accounts: the same department's 预算 and 决算 of one year, row by row.

Per row of the tables the two families share (功能分类 类/款/项, 经济分类, 三公 item, project) the budget, the final
figure, the difference (决算 − 预算) and the execution rate (决算 ÷ 预算 × 100); the rows that moved most; and every
place where the 决算's own 年初预算数 — the 预算数 column of its 三公 table, the `budget` figures of its prose — differs
from what the published 预算 said. No single document allows that check: it needs both.

Which 预算 cell answers which 决算 cell is data (`PAIRS`, `LINKS`, `BUDGET_SUBJECTS`), not code; docs/compare.md
explains the choices. Amounts are compared in 万元, each table's own unit converted (`spec.unit_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from yusuan.model import Disclosure, Row, Statement, Table
from yusuan.spec import family, template_of

CENT = Decimal("0.01")
ZERO = Decimal(0)
BUDGET_FAMILY, FINAL_FAMILY = "budget", "final"
MISMATCH_RULE = "EXEC-BUDGET-MISMATCH"
MOVERS = 10  # how many rows "moved most" lists
UNIT_SCALE = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}


@dataclass(frozen=True)
class Pair:
    """A 预算 table column and the 决算 table column that accounts for it, rows matched by code or item."""

    group: str
    label: str  # what a reader calls the rows of this group
    budget: tuple[str, str]  # (预算 table type, column)
    final: tuple[str, str]  # (决算 table type, column)
    movers: bool = True  # its rows take part in "moved most" (False: the same codes are ranked in another group)


@dataclass(frozen=True)
class Link:
    """One cell pair whose rows are keyed differently in the two families (a column of a total row ↔ an item)."""

    group: str
    key: str
    name: str
    budget: tuple[str, str, str]  # (table, row key, column)
    final: tuple[str, str, str]


# The mapping (docs/compare.md, "What is compared with what"). 表5 ↔ 一般公共预算财政拨款支出决算表 by 功能分类;
# 表3 ↔ 支出决算表 (all funds); 表6 ↔ 基本支出决算表 by 经济分类; 表10 合计 column ↔ 三公决算表 决算数.
PAIRS: tuple[Pair, ...] = (
    Pair("general", "一般公共预算财政拨款支出（功能分类）", ("general_budget_expenditure", "total"),
         ("final_general_expenditure", "total")),
    Pair("general_basic", "一般公共预算财政拨款基本支出（功能分类）", ("general_budget_expenditure", "basic"),
         ("final_general_expenditure", "basic"), movers=False),
    Pair("general_project", "一般公共预算财政拨款项目支出（功能分类）", ("general_budget_expenditure", "project"),
         ("final_general_expenditure", "project"), movers=False),
    Pair("expenditure", "部门支出（全部资金，功能分类）", ("expenditure_overview", "total"),
         ("final_expenditure", "total"), movers=False),
    Pair("expenditure_basic", "部门基本支出（全部资金）", ("expenditure_overview", "basic"),
         ("final_expenditure", "basic"), movers=False),
    Pair("expenditure_project", "部门项目支出（全部资金）", ("expenditure_overview", "project"),
         ("final_expenditure", "project"), movers=False),
    Pair("economic", "一般公共预算财政拨款基本支出（经济分类）", ("general_budget_basic", "total"),
         ("final_general_basic", "amount")),
    Pair("three_public", "财政拨款“三公”经费", ("three_public", "total"), ("final_three_public", "final")),
)
LINKS: tuple[Link, ...] = (
    Link("economic", "personnel_total", "人员经费合计", ("general_budget_basic", "total", "personnel"),
         ("final_general_basic", "personnel_total", "amount")),
    Link("economic", "public_total", "公用经费合计", ("general_budget_basic", "total", "public"),
         ("final_general_basic", "public_total", "amount")),
)
PROJECT_GROUP, PROJECT_LABEL = "project", "项目（预算表7 ↔ 决算说明）"
PROJECT_TABLE = "general_budget_projects"
GROUP_LABELS = {p.group: p.label for p in PAIRS} | {PROJECT_GROUP: PROJECT_LABEL}
# the 决算's own 年初预算数 in its 三公 table, checked against the 预算's 三公 table
OWN_BUDGET_COLUMN = (("final_three_public", "budget"), ("three_public", "total"))
# a prose `budget` figure with no code: the words of its subject → the 预算 cell that holds it (first match wins);
# a 三公 item is found by the 决算 三公 table's own labels, a code by the tables, a project by its name
BUDGET_SUBJECTS: tuple[tuple[tuple[str, ...], tuple[str, str, str]], ...] = (
    (("三公",), ("three_public", "total", "total")),
    (("一般公共预算", "基本支出"), ("general_budget_expenditure", "total", "basic")),
    (("一般公共预算", "项目支出"), ("general_budget_expenditure", "total", "project")),
    (("一般公共预算",), ("general_budget_expenditure", "total", "total")),
    (("基本支出",), ("expenditure_overview", "total", "basic")),
    (("项目支出",), ("expenditure_overview", "total", "project")),
)
FUNCTIONAL_TABLE, ECONOMIC_TABLE = "general_budget_expenditure", "general_budget_basic"
# the 预算 table that budgets a 项 the 决算's prose names, by the prose block: 八 and 九 of a 决算 state the 项 of the
# government-fund and state-capital budgets, which the 预算 prints in its 表8 and 表9, not in 表5
BLOCK_TABLES = {"fund": "fund_budget_expenditure", "soe": "soe_budget_expenditure"}
THREE_PUBLIC_BUDGET, THREE_PUBLIC_FINAL = "three_public", "final_three_public"


class ExecutionError(ValueError):
    """Two inputs that cannot be compared (not one 预算 and one 决算): the message is for the user."""


@dataclass
class Place:
    """Where a reviewer finds a figure: the file, the table or prose section, the row, page and line."""

    file: str
    where: str
    row: str | None = None
    page: int | None = None
    line: int | None = None
    quote: str | None = None

    def text(self) -> str:
        at = "".join(x for x in (f"第{self.page}页" if self.page else "", f"第{self.line}行" if self.line else ""))
        return f"{self.file} {self.where}" + (f" {self.row}" if self.row else "") + (f"（{at}）" if at else "")

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "where": self.where, "row": self.row, "page": self.page, "line": self.line,
                "quote": self.quote, "text": self.text()}


@dataclass
class ExecRow:
    group: str
    key: str  # the code, the item key, the project name, or "total"
    name: str
    kind: str  # total|class|category|item|project (the row's level)
    budget: Decimal | None  # None: the 预算 does not list this row
    final: Decimal | None  # None: the 决算 does not list it
    budget_place: Place | None = None
    final_place: Place | None = None
    # a side that prints the row but whose reader could not decide the column of its figure (a space-aligned
    # text with blank cells): its figure is unknown, not absent, so no difference or rate is claimed
    undecided: tuple[str, ...] = ()

    @property
    def difference(self) -> Decimal | None:
        if self.undecided or self.budget is None and self.final is None:
            return None
        return (self.final or ZERO) - (self.budget or ZERO)

    @property
    def rate(self) -> Decimal | None:
        """决算 ÷ 预算 × 100, to 0.01; None where nothing was budgeted (a rate on zero means nothing)."""
        if self.undecided or not self.budget or self.final is None:
            return None
        return (self.final / self.budget * 100).quantize(CENT, ROUND_HALF_UP)

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "group_label": GROUP_LABELS.get(self.group, self.group), "key": self.key,
                "name": self.name, "kind": self.kind, "budget": self.budget, "final": self.final,
                "difference": self.difference, "rate": self.rate,
                "budget_place": self.budget_place.to_dict() if self.budget_place else None,
                "final_place": self.final_place.to_dict() if self.final_place else None,
                "undecided": list(self.undecided)}


@dataclass
class Mismatch:
    """The 决算 says a figure was budgeted at `stated`; the published 预算 says `published`."""

    subject: str
    stated: Decimal
    published: Decimal
    final_place: Place
    budget_place: Place

    @property
    def difference(self) -> Decimal:
        return self.stated - self.published

    def message(self) -> str:
        return (f"决算所述{self.subject}年初预算数为{self.stated:,.2f}万元（{self.final_place.text()}），"
                f"而预算公开为{self.published:,.2f}万元（{self.budget_place.text()}），相差{self.difference:,.2f}万元")

    def to_dict(self) -> dict[str, Any]:
        return {"rule": MISMATCH_RULE, "severity": "warning", "subject": self.subject, "stated": self.stated,
                "published": self.published, "difference": self.difference,
                "final_place": self.final_place.to_dict(), "budget_place": self.budget_place.to_dict(),
                "message": self.message()}


@dataclass
class Execution:
    department: str | None
    year: int | None
    budget_file: str
    final_file: str
    rows: list[ExecRow] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be compared, and why

    def movers(self, n: int = MOVERS) -> list[ExecRow]:
        """The most detailed rows with both figures, largest |决算 − 预算| first (ties: lowest rate first)."""
        ranked = {p.group for p in PAIRS if p.movers} | {PROJECT_GROUP}
        parents = _parents(self.rows)
        rows = [r for r in self.rows if r.group in ranked and r.kind != "total" and (r.group, r.key) not in parents
                and r.budget is not None and r.final is not None and r.difference]
        return sorted(rows, key=lambda r: (-abs(r.difference or ZERO), r.rate or ZERO))[:n]


def _parents(rows: list[ExecRow]) -> set[tuple[str, str]]:
    """Rows that are the sum of other rows of their group: a code that prefixes another code, a 三公 item with parts."""
    tree = family(FINAL_FAMILY).by_key[THREE_PUBLIC_FINAL].item_tree
    out: set[tuple[str, str]] = set()
    by_group: dict[str, list[str]] = {}
    for r in rows:
        by_group.setdefault(r.group, []).append(r.key)
    for group, keys in by_group.items():
        present = set(keys)
        for k in keys:
            if k in tree and present & set(tree[k]) or k.isdigit() and any(o != k and o.startswith(k) for o in present):
                out.add((group, k))
    return out


# ---- reading a document's cells --------------------------------------------------------------------------------


@dataclass
class _Side:
    """One document, with what every place names: its file, its template and the scale of each table's unit."""

    d: Disclosure
    file: str

    def table(self, key: str) -> Table | None:
        return self.d.table(key)

    def scale(self, key: str) -> Decimal:
        """万元 per unit of table `key`: the unit printed with the table, else the document's, else the one its
        template prints it in."""
        t = self.d.table(key)
        unit = (t.unit if t is not None else None) or self.d.unit or template_of(self.d).unit_of(key)
        return UNIT_SCALE.get(unit, Decimal(1))

    def amount(self, key: str, v: Decimal) -> Decimal:
        return (v * self.scale(key)).quantize(CENT, ROUND_HALF_UP)

    def table_name(self, t: Table) -> str:
        tpl = template_of(self.d)
        title = t.title or tpl.title_of(t.type)
        return f"表{t.number} {title}" if tpl.numbered and t.number else title

    def row_place(self, t: Table, r: Row) -> Place:
        label = " ".join(x for x in (r.code, r.project, r.name) if x) or r.item or r.kind
        page, line = self.where(r.source.line, r.source.page)
        return Place(self.file, self.table_name(t), label, page, line)

    def where(self, line: int | None, page: int | None) -> tuple[int | None, int | None]:
        """(page, line): in a PDF the line counted on its page, as a reviewer finds it."""
        if line is not None and line in self.d.line_places:
            p, on_page = self.d.line_places[line]
            return (p if p is not None else page), (on_page if on_page is not None else line)
        return page, line

    def statement_place(self, s: Statement) -> Place:
        page, line = self.where(s.line, s.page)
        return Place(self.file, f"第三部分 {s.section}", s.subject, page, line, s.quote)


def row_key(r: Row) -> str | None:
    """How a row is matched across the families: its item, its code, or "total" for the table's total row."""
    if r.item:
        return r.item
    if r.code:
        return r.code
    if r.kind == "total":
        return "total"
    return None


def _undecided(t: Table, column: str) -> dict[str, Row]:
    """Rows printed with a figure that may belong to `column` but whose column the reader could not decide."""
    out: dict[str, Row] = {}
    for r in t.rows:
        key = row_key(r)
        if key is not None and column not in r.values and any(column in a.candidates for a in r.ambiguous):
            out.setdefault(key, r)
    return out


def _cells(side: _Side, t: Table, column: str) -> dict[str, tuple[Row, Decimal]]:
    out: dict[str, tuple[Row, Decimal]] = {}
    for r in t.rows:
        key = row_key(r)
        if key is None or key in out:
            continue
        v = r.values.get(column)
        if v is not None:
            out[key] = (r, side.amount(t.type, v))
        elif column in t.column_keys() and not r.ambiguous:
            out[key] = (r, ZERO)  # a blank cell of a printed row is a zero (an undecided one is not)
    return out


# ---- the comparison ----------------------------------------------------------------------------------------------


def roles(a: Disclosure, b: Disclosure) -> tuple[Disclosure, Disclosure]:
    """(预算, 决算) of two documents given in either order; ExecutionError when they are not one of each."""
    fams = [_family_of(d) for d in (a, b)]
    if fams == [BUDGET_FAMILY, FINAL_FAMILY]:
        return a, b
    if fams == [FINAL_FAMILY, BUDGET_FAMILY]:
        return b, a
    names = "、".join(f"{d.source.path}（{d.kind or '未识别类型'}）" for d in (a, b))
    raise ExecutionError(f"执行比较需要同一部门同一年度的一份预算和一份决算，实际为：{names}")


def _family_of(d: Disclosure) -> str | None:
    if d.template in (BUDGET_FAMILY, FINAL_FAMILY):
        return d.template
    for name in (BUDGET_FAMILY, FINAL_FAMILY):
        if d.kind in family(name).kinds:
            return name
    return None


def execution(budget: Disclosure, final: Disclosure, budget_file: str | None = None,
              final_file: str | None = None) -> Execution:
    """Compare a 预算 with the 决算 of the same department and year (see the module's docstring)."""
    b = _Side(budget, budget_file or budget.source.path)
    f = _Side(final, final_file or final.source.path)
    out = Execution(final.department or budget.department, final.year or budget.year, b.file, f.file)
    _identity_notes(out, budget, final)
    for pair in PAIRS:
        out.rows += _pair_rows(pair, b, f, out.notes)
    for link in LINKS:
        row = _link_row(link, b, f)
        if row is not None:
            out.rows.append(row)
    out.rows += _project_rows(b, f)
    out.mismatches += _table_mismatches(b, f, out.notes)
    out.mismatches += _prose_mismatches(b, f, out.notes)
    return out


def _identity_notes(out: Execution, budget: Disclosure, final: Disclosure) -> None:
    if budget.department and final.department and budget.department != final.department:
        out.notes.append(f"两份文件的部门不同：预算为{budget.department}，决算为{final.department}")
    if budget.year and final.year and budget.year != final.year:
        out.notes.append(f"两份文件的年度不同：预算为{budget.year}年，决算为{final.year}年")


def _pair_rows(pair: Pair, b: _Side, f: _Side, notes: list[str]) -> list[ExecRow]:
    bt, ft = b.table(pair.budget[0]), f.table(pair.final[0])
    if bt is None or ft is None:
        missing = [side for side, t in (("预算", bt), ("决算", ft)) if t is None]
        notes.append(f"{pair.label}：{'和'.join(missing)}中没有该表，未比较")
        return []
    bc, fc = _cells(b, bt, pair.budget[1]), _cells(f, ft, pair.final[1])
    bu, fu = _undecided(bt, pair.budget[1]), _undecided(ft, pair.final[1])
    rows = []
    for key in _ordered(bc, fc, bu, fu):
        got_b, got_f = bc.get(key), fc.get(key)
        one = got_b or got_f or (bu.get(key) or fu[key], ZERO)
        undecided = tuple(side for side, u, got in (("budget", bu, got_b), ("final", fu, got_f))
                          if got is None and key in u)
        if (got_b is None or got_f is None) and one[0].kind == "total" and not undecided:
            continue  # a total keyed differently on the other side is a Link
        if not undecided and not (got_b and got_b[1]) and not (got_f and got_f[1]):
            continue  # nothing budgeted and nothing spent (a blank or zero row) says nothing about execution
        b_row = got_b[0] if got_b else bu.get(key)
        f_row = got_f[0] if got_f else fu.get(key)
        rows.append(ExecRow(
            pair.group, key, _name(*((r, ZERO) if r else None for r in (f_row, b_row))), _kind(one[0]),
            got_b[1] if got_b else (ZERO if bt.empty else None), got_f[1] if got_f else (ZERO if ft.empty else None),
            b.row_place(bt, b_row) if b_row else None, f.row_place(ft, f_row) if f_row else None, undecided))
    _undecided_note(pair, rows, notes)
    return rows


def _undecided_note(pair: Pair, rows: list[ExecRow], notes: list[str]) -> None:
    n = sum(1 for r in rows if r.undecided)
    if n:
        sides = "和".join(dict.fromkeys({"budget": "预算", "final": "决算"}[s] for r in rows for s in r.undecided))
        notes.append(f"{pair.label}：{n} 行在{sides}中印出的数字不能确定所在栏次（空格对齐的文本中有空白栏），"
                     "未计算差额和执行率")


def _ordered(*sides: dict[str, Any]) -> list[str]:
    """The total first, then codes in tree order (201 < 20101 < 2010101 < 20102), then items as printed."""
    keys: list[str] = []
    for s in sides:
        keys += [k for k in s if k not in keys]
    return sorted(keys, key=lambda k: (k != "total", not k.isdigit(), k if k.isdigit() else "", keys.index(k)))


def _name(*found: tuple[Row, Decimal] | None) -> str:
    for got in found:
        if got and got[0].name:
            return got[0].name
    for got in found:
        if got and got[0].item:
            return _item_label(got[0].item)
    return "合计"


def _item_label(item: str) -> str:
    for name in (FINAL_FAMILY, BUDGET_FAMILY):
        for spec in family(name).tables:
            if item in spec.item_labels:
                return spec.item_labels[item]
    return item


def _kind(r: Row) -> str:
    return "item" if r.item and r.kind != "total" else r.kind


def _link_row(link: Link, b: _Side, f: _Side) -> ExecRow | None:
    bt, ft = b.table(link.budget[0]), f.table(link.final[0])
    if bt is None or ft is None:
        return None
    got_b, got_f = _cells(b, bt, link.budget[2]).get(link.budget[1]), _cells(f, ft, link.final[2]).get(link.final[1])
    if got_b is None and got_f is None:
        return None
    return ExecRow(link.group, link.key, link.name, "total", got_b[1] if got_b else None,
                   got_f[1] if got_f else None, b.row_place(bt, got_b[0]) if got_b else None,
                   f.row_place(ft, got_f[0]) if got_f else None)


def _projects(b: _Side) -> dict[str, tuple[Row, Decimal]]:
    """Each project of 预算 table 7 with its total over every code it spans (first row: its place)."""
    t = b.table(PROJECT_TABLE)
    out: dict[str, tuple[Row, Decimal]] = {}
    for r in t.rows if t else []:
        if r.kind == "project" and r.project and (v := r.values.get("total")) is not None:
            first, total = out.get(r.project, (r, ZERO))
            out[r.project] = (first, total + b.amount(PROJECT_TABLE, v))
    return out


def _project_of(subject: str, names: Iterable[str]) -> str | None:
    """The project a prose subject names (the longest name it holds, spaces ignored)."""
    flat = re.sub(r"\s+", "", subject)
    hits = [n for n in names if len(n) >= 4 and re.sub(r"\s+", "", n) in flat]
    return max(hits, key=len) if hits else None


def _project_rows(b: _Side, f: _Side) -> list[ExecRow]:
    """Projects the 决算's prose states a final amount for (few 决算 do; their tables have no project rows)."""
    projects = _projects(b)
    t = b.table(PROJECT_TABLE)
    rows: dict[str, ExecRow] = {}
    for s in f.d.narrative.statements:
        if s.metric != "amount" or t is None or _three_public_item(s) is not None:
            continue  # a 三公 figure (公务用车购置费…) is not the project 公务用车购置
        name = _project_of(s.subject, projects)
        if name is None or name in rows:
            continue
        first, total = projects[name]
        rows[name] = ExecRow(PROJECT_GROUP, name, name, "project", total, _statement_amount(s),
                             b.row_place(t, first), f.statement_place(s))
    return list(rows.values())


def _statement_amount(s: Statement) -> Decimal:
    return (s.value * UNIT_SCALE.get(s.unit or "万元", Decimal(1))).quantize(CENT, ROUND_HALF_UP)


# ---- the 决算's own 年初预算数 against the published 预算 ----------------------------------------------------------


def _table_mismatches(b: _Side, f: _Side, notes: list[str]) -> list[Mismatch]:
    (ft_key, f_col), (bt_key, b_col) = OWN_BUDGET_COLUMN
    ft, bt = f.table(ft_key), b.table(bt_key)
    if ft is None or not ft.rows:
        return []
    if bt is None:
        notes.append("预算中没有“三公”经费表，决算“三公”经费表的预算数未核对")
        return []
    published = _cells(b, bt, b_col)
    out = []
    for key, (row, stated) in _cells(f, ft, f_col).items():
        got = published.get(key)
        value = got[1] if got else ZERO  # an item the 预算 does not print was budgeted at nothing
        if stated != value:
            subject = f"“三公”经费{_item_label(key)}" if key != "total" else "“三公”经费合计"
            where = b.row_place(bt, got[0]) if got else Place(b.file, b.table_name(bt), f"{_item_label(key)}（未列）")
            out.append(Mismatch(subject, stated, value, f.row_place(ft, row), where))
    return out


def _prose_mismatches(b: _Side, f: _Side, notes: list[str]) -> list[Mismatch]:
    out = []
    budget = [s for s in f.d.narrative.statements if s.metric == "budget"]
    unclear = _unclear_subjects(budget)
    for s in budget:
        target = _budget_cell(s, b)
        if target is None:
            notes.append(f"决算说明所述年初预算数{s.value:,.2f}（{f.statement_place(s).text()}）在预算中找不到对应的数，未核对")
            continue
        value, place = target
        stated = _statement_amount(s)
        if stated == value:
            continue
        if (s.section, s.subject) in unclear and not s.code:
            notes.append(f"决算说明所述年初预算数{s.value:,.2f}（{f.statement_place(s).text()}）：同一节中"
                         f"“{s.subject}”有多个不同的年初预算数，不能确定各指哪一科目，未核对")
            continue
        out.append(Mismatch(s.subject, stated, value, f.statement_place(s), place))
    return out


def _unclear_subjects(statements: list[Statement]) -> set[tuple[str, str]]:
    """(section, subject) stated with several different 年初预算数: the words name no single figure (a reader that
    kept only the section's subject for its 项), so none that disagrees is reported on those words."""
    values: dict[tuple[str, str], set[Decimal]] = {}
    for s in statements:
        if s.code:
            continue  # a code names its row whatever the words
        values.setdefault((s.section, s.subject), set()).add(s.value)
    return {k for k, v in values.items() if len(v) > 1}


def _budget_cell(s: Statement, b: _Side) -> tuple[Decimal, Place] | None:
    """The published 预算 figure a 决算 `budget` statement restates, with its place; None: nothing names it."""
    if s.code:
        table = ECONOMIC_TABLE if s.code.startswith("3") else BLOCK_TABLES.get(s.block or "", FUNCTIONAL_TABLE)
        return _cell(b, table, s.code, "total", missing_is_zero=True)
    item = _three_public_item(s)
    if item is not None:
        return _cell(b, THREE_PUBLIC_BUDGET, item, "total", missing_is_zero=True)
    flat = re.sub(r"\s+", "", s.subject)
    projects = _projects(b)
    project = _project_of(flat, projects)
    if project is not None:
        first, total = projects[project]
        t = b.table(PROJECT_TABLE)
        assert t is not None
        return total, b.row_place(t, first)
    named = _by_name(b, flat)  # a 功能分类 row named outright before the words of a total (…的基本支出 in a 项)
    if named is not None:
        return named
    for words, (table, key, column) in BUDGET_SUBJECTS:
        if all(w in flat for w in words):
            return _cell(b, table, key, column, missing_is_zero=False)
    return None


def _three_public_item(s: Statement) -> str | None:
    """The 三公 item a statement names, by the 决算 三公 table's own labels (longest first); 合计 when only 三公."""
    flat = re.sub(r"\s+", "", s.subject)
    items = family(FINAL_FAMILY).by_key[THREE_PUBLIC_FINAL].items
    hits = [label for label in items if label not in ("合计", "小计") and label in flat]
    if hits:
        return items[max(hits, key=len)]
    return "total" if s.block == "three_public" else None


def _cell(b: _Side, table: str, key: str, column: str, missing_is_zero: bool) -> tuple[Decimal, Place] | None:
    t = b.table(table)
    if t is None:
        return None
    got = _cells(b, t, column).get(key)
    if got is not None:
        return got[1], b.row_place(t, got[0])
    if missing_is_zero:  # the 预算 does not list it: nothing was budgeted there
        return ZERO, Place(b.file, b.table_name(t), f"{key}（未列）")
    return None


def _by_name(b: _Side, flat: str) -> tuple[Decimal, Place] | None:
    """A 功能分类 row of 表5 the subject names (`…（类）…（款）行政运行（项）`): of the deepest rows named, the one
    whose 类 and 款 are named too; None unless exactly one fits (行政运行 is a 项 under many 款)."""
    t = b.table(FUNCTIONAL_TABLE)
    if t is None:
        return None
    names = {r.code: re.sub(r"\s+", "", r.name) for r in t.rows if r.code and r.name}
    named = [r for r in t.rows if r.code and r.code in names and names[r.code] in flat]
    if not named:
        return None
    deepest = max(len(r.code or "") for r in named)

    def fit(r: Row) -> int:
        code = r.code or ""
        return sum(1 for n in (3, 5) if n < len(code) and names.get(code[:n], "\0") in flat)

    rows = [r for r in named if len(r.code or "") == deepest]
    best = max(fit(r) for r in rows)
    rows = [r for r in rows if fit(r) == best]
    if len(rows) != 1 or (v := rows[0].values.get("total")) is None:
        return None
    return b.amount(t.type, v), b.row_place(t, rows[0])
