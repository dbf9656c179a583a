"""The typed model of one disclosure: what `parse` produces and `check`, `store`, `write` consume.

Amounts are `Decimal` (printed to 0.01, kept exact). Every row, prose figure and profile figure carries a
`Source` (1-based line, [first, last] lines, page or None). `to_dict()` gives the JSON contract
`yusuan.disclosure/1` documented by `yusuan schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.model.kinds import Metric, PerformanceKind, RowKind, SourceLayout

__all__ = ["Metric", "PerformanceKind", "RowKind", "SourceLayout"]  # and the classes below

SCHEMA_ID = "yusuan.disclosure/1"


@dataclass
class Source:
    line: int | None = None
    lines: tuple[int, int] | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "lines": list(self.lines) if self.lines else None, "page": self.page}


@dataclass
class Column:
    key: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label}


@dataclass
class Ambiguity:
    """A printed value whose column could not be decided: it stays out of `values`."""

    value: Decimal
    candidates: list[str]
    group: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": num(self.value), "candidates": list(self.candidates), "group": self.group}


@dataclass
class Row:
    kind: RowKind
    code: str | None = None
    name: str | None = None
    project: str | None = None
    item: str | None = None
    values: dict[str, Decimal] = field(default_factory=dict)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    # identities that decided where this row's printed numbers belong (space layout only)
    resolved_by: list[str] = field(default_factory=list)
    # the printed numbers in print order (kept so a checker or writer can see what was on the line)
    printed: list[Decimal] = field(default_factory=list)
    code_printed: str | None = None  # the code as printed where a segment was missing and was completed

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "name": self.name,
            "project": self.project,
            "item": self.item,
            "values": {k: num(v) for k, v in self.values.items()},
            "ambiguous": [a.to_dict() for a in self.ambiguous],
            "resolved_by": list(self.resolved_by),
            "code_printed": self.code_printed,
            "source": self.source.to_dict(),
        }


@dataclass
class Table:
    type: str
    number: int | None = None
    title: str | None = None
    empty: bool = False
    empty_statement: str | None = None
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    source: Source = field(default_factory=Source)

    def column_keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "number": self.number,
            "title": self.title,
            "empty": self.empty,
            "empty_statement": self.empty_statement,
            "columns": [c.to_dict() for c in self.columns],
            "rows": [r.to_dict() for r in self.rows],
            "source": self.source.to_dict(),
        }


@dataclass
class Staffing:
    authorized: int | None = None
    actual: int | None = None
    active: int | None = None
    active_change: int | None = None
    retired: int | None = None
    retired_change: int | None = None
    retired_early: int | None = None
    retired_early_change: int | None = None
    source: Source = field(default_factory=Source)

    FIELDS = ("authorized", "actual", "active", "active_change", "retired", "retired_change",
              "retired_early", "retired_early_change")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in self.FIELDS}
        out["source"] = self.source.to_dict()
        return out


@dataclass
class ProfileUnit:
    """One unit of the 决算单位构成 (or 预算单位构成) list: its name and the remark printed beside it."""

    name: str
    remark: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "remark": self.remark, "line": self.line}


@dataclass
class Profile:
    functions: list[str] = field(default_factory=list)
    subordinate_units: int | None = None
    divisions: list[str] = field(default_factory=list)
    units: list[ProfileUnit] = field(default_factory=list)  # the listed units with their remarks
    staffing: Staffing = field(default_factory=Staffing)
    source: Source = field(default_factory=Source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "functions": list(self.functions),
            "subordinate_units": self.subordinate_units,
            "divisions": list(self.divisions),
            "units": [u.to_dict() for u in self.units],
            "staffing": self.staffing.to_dict(),
            "source": self.source.to_dict(),
        }


@dataclass
class Statement:
    """One figure of the prose: `<subject> X万元，占Y%，比上年预算增加Z万元，增长W%`."""

    section: str  # 一 … 十二, or 十二(一) etc.
    subject: str
    metric: Metric
    value: Decimal
    code: str | None = None
    base: str | None = None  # what a share is of, or what a change compares with
    unit: str | None = None
    block: str | None = None  # income|expenditure|general_split|class_structure|item_usage|... grouping
    line: int | None = None
    page: int | None = None
    quote: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "block": self.block,
            "subject": self.subject,
            "code": self.code,
            "metric": self.metric,
            "value": num(self.value),
            "unit": self.unit,
            "base": self.base,
            "line": self.line,
            "page": self.page,
            "quote": self.quote,
        }


@dataclass
class ProjectAmount:
    """One amount of a project's 资金分配情况 (`档案数字化扫描17万元`): what it is for, in 万元."""

    label: str
    amount: Decimal
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "amount": num(self.amount), "line": self.line}


@dataclass
class ProjectStatement:
    """A project of section 七 as the prose states it: its 预算安排规模 and the amounts of its 资金分配情况."""

    project: str
    size: Decimal | None = None  # 预算安排规模, 万元
    size_line: int | None = None
    allocations: list[ProjectAmount] = field(default_factory=list)
    allocation_line: int | None = None  # where 资金分配情况 starts
    line: int | None = None  # the project's heading

    def to_dict(self) -> dict[str, Any]:
        return {"project": self.project, "size": num(self.size), "size_line": self.size_line,
                "allocations": [a.to_dict() for a in self.allocations], "allocation_line": self.allocation_line,
                "line": self.line}


@dataclass
class Narrative:
    statements: list[Statement] = field(default_factory=list)
    # named blocks: three_public, operating_cost, procurement, assets, performance_summary, basic_split,
    # carryover; each a dict of key -> {"value", "line"} made from statements for quick lookup
    # sections: {section, subsection, block, line} in order, and where the text was kept (parse/sections.py)
    # `heading` as printed and `paragraphs`, the explanatory text of the section, so a writer can restate it
    sections: list[dict[str, Any]] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)
    glossary: bool = False
    project_statements: list[ProjectStatement] = field(default_factory=list)

    def block(self, name: str) -> list[Statement]:
        return [s for s in self.statements if s.block == name]

    def to_dict(self) -> dict[str, Any]:
        blocks: dict[str, dict[str, Any]] = {}
        for s in self.statements:
            if s.block in BLOCKS_AS_DICT:
                key = s.subject if s.metric == "amount" else f"{s.subject}:{s.metric}"
                blocks.setdefault(s.block, {})[key] = {"value": num(s.value), "line": s.line}
        return {
            "statements": [s.to_dict() for s in self.statements],
            "blocks": blocks,
            "sections": self.sections,
            "projects": self.projects,
            "glossary": self.glossary,
            "project_statements": [p.to_dict() for p in self.project_statements],
        }


BLOCKS_AS_DICT = ("three_public", "operating_cost", "procurement", "assets", "performance_summary",
                  "basic_split", "carryover")


@dataclass
class Indicator:
    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    value: str | None = None
    weight: Decimal | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"level1": self.level1, "level2": self.level2, "level3": self.level3, "value": self.value,
                "weight": num(self.weight) if self.weight is not None else None, "line": self.line}


@dataclass
class PerformanceTable:
    kind: PerformanceKind
    name: str | None = None
    budget_total: Decimal | None = None
    sources: dict[str, Decimal] = field(default_factory=dict)  # fiscal/other or 上级安排/本级安排/其他
    indicators: list[Indicator] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    # overall table: whether 资金总额 was printed (else budget_total is the sum of the sources)
    total_printed: bool | None = None
    goals: str | None = None  # 年度绩效目标 (overall) or 项目总体目标 (project), as one text

    def weight_total(self) -> Decimal | None:
        weights = [i.weight for i in self.indicators if i.weight is not None]
        return sum(weights, Decimal(0)) if weights else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "budget_total": num(self.budget_total) if self.budget_total is not None else None,
            "sources": {k: num(v) for k, v in self.sources.items()},
            "total_printed": self.total_printed,
            "goals": self.goals,
            "indicators": [i.to_dict() for i in self.indicators],
            "weight_total": num(w) if (w := self.weight_total()) is not None else None,
            "source": self.source.to_dict(),
        }


@dataclass
class Performance:
    overall: PerformanceTable | None = None
    projects: list[PerformanceTable] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.overall.to_dict() if self.overall else None,
                "projects": [p.to_dict() for p in self.projects]}


@dataclass
class Warning_:
    message: str
    line: int | None = None
    page: int | None = None
    code: str = "parse"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "line": self.line, "page": self.page}


@dataclass
class SourceFile:
    path: str
    sha256: str
    layout: SourceLayout
    lines: int = 0
    pages: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "layout": self.layout, "lines": self.lines,
                "pages": self.pages}


@dataclass
class Disclosure:
    source: SourceFile
    year: int | None = None
    department: str | None = None
    kind: str | None = None  # 部门预算|单位预算|部门决算|单位决算
    # the template family the document follows (its name: `yusuan.spec.template_of(d)` gives the Template, so the
    # model does not depend on spec); None only for a model written before families were carried
    template: str | None = None
    unit: str | None = None
    published: str | None = None  # ISO date
    profile: Profile = field(default_factory=Profile)
    tables: list[Table] = field(default_factory=list)
    narrative: Narrative = field(default_factory=Narrative)
    performance: Performance = field(default_factory=Performance)
    warnings: list[Warning_] = field(default_factory=list)
    parts: dict[str, Source] = field(default_factory=dict)  # 概况/公开表/情况说明/名词解释 → where
    # the text of every source line by number (not serialized): quotes for findings, whatever the reader
    line_texts: dict[int, str] = field(default_factory=dict, repr=False)
    # line number → (page, line within that page): the page where pages are known; the line within the page for a
    # PDF, whose line numbers run over the whole file (a reviewer finds a place by page and line on that page)
    line_places: dict[int, tuple[int | None, int | None]] = field(default_factory=dict, repr=False)

    def table(self, type_: str) -> Table | None:
        return next((t for t in self.tables if t.type == type_), None)

    def warn(self, message: str, line: int | None = None, page: int | None = None, code: str = "parse") -> None:
        self.warnings.append(Warning_(message, line, page, code))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "source": self.source.to_dict(),
            "year": self.year,
            "department": self.department,
            "kind": self.kind,
            "template": self.template,
            "unit": self.unit,
            "published": self.published,
            "parts": {k: v.to_dict() for k, v in self.parts.items()},
            "profile": self.profile.to_dict(),
            "tables": [t.to_dict() for t in self.tables],
            "narrative": self.narrative.to_dict(),
            "performance": self.performance.to_dict(),
            "warnings": [w.to_dict() for w in self.warnings],
        }


def num(v: Decimal | int | None) -> float | int | None:
    """JSON number for an amount: printed 2-decimal values stay exact as floats of their text."""
    if v is None:
        return None
    if isinstance(v, int):
        return v
    exponent = v.as_tuple().exponent
    if v == v.to_integral_value() and isinstance(exponent, int) and exponent >= 0:
        return int(v)
    return float(v)
