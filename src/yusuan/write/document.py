"""The standard disclosure as a list of blocks, independent of the output format.

`build(d, prior)` lays the model out in the template: cover, 第一部分 profile, 第二部分 the eleven tables
(`Grid`), 第三部分 the prose written from the data (`prose.narrative`), the performance tables (`Form`), 第四部分
the glossary, the publisher and date. Every renderer (text in both layouts, html, docx, xlsx, pdf) walks the same
blocks, so what differs between formats is only how a block is drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model import Disclosure, Metric, Row, Table
from yusuan.spec import TableSpec, Template
from yusuan.write import template as T

Cell = str | Decimal | None


@dataclass
class Fig:
    """One figure the prose states, in the order it is written: what `parse` should read back."""

    metric: Metric  # the 决算 adds budget, full_year_budget, execution_rate, score, threshold
    value: Decimal
    subject: str
    unit: str
    base: str | None = None  # what a rate is of (the 决算's 年初预算 or 全年预算)


@dataclass
class Para:
    text: str
    style: str = "body"  # body|cover-sub|cover|part|section|subsection|right|row (a list's row: never wrapped)
    figs: list[Fig] = field(default_factory=list)
    section: str = ""  # 一 … 十二, with (一) for subsections of 五 and 十二
    block: str = ""
    page_break: bool = False  # starts a new page
    generated: bool = False  # written by yusuan from the tables, not restated from the source document


@dataclass
class GridRow:
    cells: list[Cell]
    kind: str
    wrap: bool = False  # space layout: code, name, project and numbers on lines of their own (table 7)


@dataclass
class Grid:
    key: str
    number: int
    title: str
    publisher: str
    unit: str
    head: list[list[str]]
    numbering: list[str]
    rows: list[GridRow]
    n_labels: int
    code_cells: int
    empty_statement: str | None = None
    sided: bool = False
    numbered: bool = True  # the 预算 prints `表 N` above the title; the 决算 titles its tables without a number
    label_columns: tuple[int, ...] = ()  # where labels sit when not only in front (two halves side by side)

    @property
    def number_line(self) -> str:
        """`表 N`, or nothing where the template prints no number."""
        return f"表 {self.number}" if self.numbered else ""

    @property
    def unit_line(self) -> str:
        """The publisher and unit on one line (the 决算 prints the unit alone)."""
        return " ".join(x for x in (self.publisher, self.unit) if x)


@dataclass
class Form:
    """A performance table: a title, then rows of cells (label/value pairs, then the indicator grid)."""

    title: str
    subtitle: str
    rows: list[list[str]]
    indicator_head: int  # index of the indicator header row in `rows`


Block = Para | Grid | Form


@dataclass
class Document:
    year: int
    kind: str
    org: str
    department: str
    unit: str
    blocks: list[Block] = field(default_factory=list)

    def figures(self) -> list[tuple[str, str, Fig]]:
        """(section, block, figure) for every figure of the prose, in order."""
        return [(p.section, p.block, f) for p in self.blocks if isinstance(p, Para) for f in p.figs]


def sign_off(doc: Document, glossary: list[str] | tuple[str, ...], published: str | None, date: str) -> None:
    """The 名词解释 paragraphs, then the department and the date it published (`date` with {y} {m} {d}) at the right."""
    doc.blocks += [Para(g) for g in glossary]
    doc.blocks.append(Para(doc.department, "right"))
    if published:
        y, m, day = (int(x) for x in published.split("-"))
        doc.blocks.append(Para(date.format(y=y, m=m, d=day), "right"))


def org_of(kind: str) -> str:
    return "单位" if kind.startswith("单位") else "部门"


def fmt_amount(v: Decimal) -> str:
    return f"{v:,.2f}"


# ---- 第一部分 -----------------------------------------------------------------------------------------------

# numbering a text may already carry (`1、`, `（一）`, `一、`): the writer numbers items itself, never twice
NUMBERING = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*")


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (cn2an, imported when first needed: it costs a tenth of a second)."""
    import cn2an

    return str(cn2an.an2cn(n))


def profile_blocks(d: Disclosure, ctx: dict[str, object]) -> list[Block]:
    p = d.profile
    out: list[Block] = [Para(T.PARTS["profile"].format(**ctx), "part", page_break=True),
                        Para(T.PROFILE["functions"], "section")]
    out += [Para(f"（{cn_number(i)}）{NUMBERING.sub('', text)}") for i, text in enumerate(p.functions, start=1)]
    out.append(Para(T.PROFILE["organization"], "section"))
    units = T.PROFILE["no_units"] if not p.subordinate_units else T.PROFILE["units"]
    sentence = str(units).format(n=p.subordinate_units, **ctx)
    if p.divisions:
        sentence += T.PROFILE["divisions"].format(n=len(p.divisions), kind=T.DIVISION_KIND[str(ctx["org"])],
                                                     names="、".join(p.divisions))
    else:
        sentence += str(T.PROFILE["no_divisions"])
    out.append(Para(sentence))
    s = p.staffing
    if None not in (s.authorized, s.actual, s.active, s.retired, s.retired_early):
        out.append(Para(str(T.PROFILE["staffing"]).format(
            authorized=s.authorized, actual=s.actual, active=s.active, retired=s.retired,
            retired_early=s.retired_early, active_change=_change(s.active_change),
            retired_change=_change(s.retired_change), retired_early_change=_change(s.retired_early_change), **ctx)))
    return out


def _change(n: int | None) -> str:
    if n is None:
        return ""
    return str(T.PROFILE["change_down" if n < 0 else "change_up"]).format(n=abs(n))


# ---- 第二部分 -----------------------------------------------------------------------------------------------

def value_of(row: Row, key: str) -> Decimal | None:
    """The row's value in a column; a value the source left ambiguous goes to its first candidate column."""
    if key in row.values:
        return row.values[key]
    for a in row.ambiguous:
        if a.candidates and a.candidates[0] == key:
            return a.value
    return None


def _value_keys(t: Table | None, spec: TableSpec) -> list[str]:
    if t is not None and t.columns:
        return t.column_keys()
    if spec.layout == "sided":
        return ["amount"] + ([c.key for c in spec.right] if spec.key == "fiscal_overview" else [])
    return [c.key for c in spec.columns if c.key not in T.VARIANT_COLUMNS.get(spec.key, ())]


def _labels(t: Table | None, spec: TableSpec) -> dict[str, str]:
    labels = {c.key: c.label for c in spec.columns} | {c.key: c.label for c in spec.right}
    if t is not None:
        labels |= {c.key: c.label for c in t.columns}
    return labels | T.SHORT_LABELS.get(spec.key, {})


def grid(d: Disclosure, spec: TableSpec, ctx: dict[str, object]) -> Grid:
    t = d.table(spec.key)
    title = spec.title.format(**ctx)
    g = Grid(key=spec.key, number=(t.number if t is not None and t.number else spec.number), title=title,
             publisher=T.PUBLISHER_LINE.format(**ctx), unit=T.UNIT_LINE.format(unit=(t.unit if t is not None and t.unit else d.unit) or spec.unit), head=[],
             numbering=[], rows=[], n_labels=0, code_cells=0)
    if spec.layout == "sided":
        _sided(g, t, spec)
    else:
        _coded(g, t, spec, str(ctx["dept"]))
    if t is None or t.empty or not t.rows:
        g.empty_statement = _empty_statement(t, spec, ctx, title)
    return g


def _empty_statement(t: Table | None, spec: TableSpec, ctx: dict[str, object], title: str) -> str:
    if t is not None and t.empty_statement and (kept := empty_sentence(t.empty_statement, spec, str(ctx["dept"]))):
        return kept
    pattern = T.EMPTY_STATEMENTS.get(spec.key, T.EMPTY_STATEMENTS["default"])
    return pattern.format(title=title, **ctx)


def header_words(spec: TableSpec) -> set[str]:
    """Every word a header of this table can print (column labels, groups, code and total labels)."""
    words = {c.label for c in spec.columns} | {c.label for c in spec.right}
    words |= set(T.SHORT_LABELS.get(spec.key, {}).values()) | set(T.COLUMN_GROUPS.get(spec.key, {}).values())
    for rows in (T.CODE_HEAD, T.CODE_SUBHEAD):
        words |= {w for ws in rows.values() for w in ws}
    words |= {T.TOTAL_LABEL, T.INCOME_TOTAL, T.EXPENDITURE_TOTAL, "合计", "小计", "项目", T.NUMBER_MARK}
    return {flat_text(w) for w in words if w}


def flat_text(s: str) -> str:
    return "".join(s.split())


def empty_sentence(statement: str, spec: TableSpec, dept: str = "") -> str:
    """The `…为空表。` sentence without the header words a reader may have glued in front of it (`合 计`, `小计 人员经费
    …`). Where the publisher is known, the sentence is cut where its name starts after such words."""
    words = sorted(header_words(spec), key=len, reverse=True)
    one = re.compile(r"\s*(?:" + "|".join(r"\s*".join(map(re.escape, w)) for w in words) + r")\s*")
    cuts = [0]
    while m := one.match(statement, cuts[-1]):
        if m.end() == cuts[-1]:
            break
        cuts.append(m.end())
    name = flat_text(dept)
    if name:
        for cut in cuts:
            if flat_text(statement[cut:]).startswith(name):
                return statement[cut:].strip()
        if name in flat_text(statement):
            return statement.strip()
    return statement[cuts[-1]:].strip()


def _layout_kind(spec: TableSpec) -> str:
    if spec.has_projects:
        return "projects"
    if spec.layout in ("named", "items"):
        return spec.layout
    return spec.code_system


def _coded(g: Grid, t: Table | None, spec: TableSpec, dept: str) -> None:
    kind = _layout_kind(spec)
    keys = _value_keys(t, spec)
    labels = _labels(t, spec)
    groups = T.COLUMN_GROUPS.get(spec.key, {})
    head0, head1 = list(T.CODE_HEAD[kind]), list(T.CODE_SUBHEAD[kind])
    g.n_labels = len(head0)
    g.code_cells = {"functional": 3, "projects": 3, "economic": 2}.get(kind, 0)
    seen: set[str] = set()
    for k in keys:
        group = groups.get(k)
        head0.append(labels.get(k, k) if group is None else ("" if group in seen else group))
        if group:
            seen.add(group)
    head1 += [labels.get(k, k) if k in groups else "" for k in keys]
    g.head = [head0, head1]
    g.numbering = [T.NUMBER_MARK] * g.n_labels + [str(i) for i in range(1, len(keys) + 1)]
    for r in t.rows if t is not None else []:
        cells: list[Cell] = _row_labels(r, kind, g.code_cells, dept, spec)
        cells += [value_of(r, k) for k in keys]
        g.rows.append(GridRow(cells, r.kind, wrap=kind == "projects" and bool(r.project) and bool(r.code)))


def _row_labels(r: Row, kind: str, code_cells: int, dept: str, spec: TableSpec) -> list[Cell]:
    if kind == "items":
        return [spec.item_labels.get(r.item or "", r.name or "")]
    if kind == "named":
        if r.kind == "total":
            return [T.TOTAL_LABEL]
        return [r.project or r.name or dept]
    code = r.code or ""
    parts: list[Cell] = list[Cell]([code[:3], code[3:5], code[5:7]])[:code_cells]
    if r.kind == "total":
        name = T.TOTAL_LABEL
    elif r.kind == "department":
        name = r.name or dept
    else:
        name = r.name or ""
    cells: list[Cell] = [*parts, name]
    if kind == "projects":
        cells.append(r.project or "")
    return cells


def _sided(g: Grid, t: Table | None, spec: TableSpec) -> None:
    table1 = spec.key == "income_expenditure_overview"
    keys = _value_keys(t, spec)
    labels = _labels(t, spec)
    right = ["amount"] if table1 else [k for k in keys if k != "amount"]
    top, sub = T.SIDED_HEAD[spec.key]
    g.head = [top + [""] * len(right), sub + [labels["amount"] if table1 and k == "amount" else labels.get(k, k)
                                              for k in right]]
    g.head[0] = g.head[0][:3] + [""] * (len(g.head[1]) - 3)
    g.sided = True
    g.n_labels = 1
    rows = t.rows if t is not None else []
    names = spec.item_labels
    left = [r for r in rows if r.kind == "income"]
    exp = [r for r in rows if r.kind == "expenditure"]
    for i in range(max(len(left), len(exp))):
        cells: list[Cell] = ["", None]
        if i < len(left):
            lr = left[i]
            cells = [names.get(lr.item or "", lr.name or ""), value_of(lr, "amount")]
        if i < len(exp):
            er = exp[i]
            cells += [f"{er.code} {er.name or ''}".strip()] + [value_of(er, k) for k in right]
        else:
            cells += [""] + [None] * len(right)
        g.rows.append(GridRow(cells, "sided"))
    inc = next((r for r in rows if r.item == "income_total"), None)
    out = next((r for r in rows if r.item == "expenditure_total"), None)
    if inc is not None or out is not None:
        cells = [T.INCOME_TOTAL, value_of(inc, "amount") if inc else None, T.EXPENDITURE_TOTAL]
        cells += [value_of(out, k) if out else None for k in right]
        g.rows.append(GridRow(cells, "total"))


def spec_of(ctx: dict[str, object], key: str) -> TableSpec:
    """Table `key` of the template the document being written follows (carried in the words' fields)."""
    template = ctx["template"]
    assert isinstance(template, Template)
    return template.by_key[key]
