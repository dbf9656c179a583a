"""The typed model of one disclosure: what `parse` produces and `check`, `store`, `write` consume.

Amounts are `Decimal` (printed to 0.01, kept exact). Every row, prose figure and profile figure carries a
`Source` (1-based line, [first, last] lines, page or None). The classes' fields and their `jf(...)` metadata are
the JSON form `yusuan.disclosure/1`: `to_dict()` writes it, `Disclosure.from_dict()` reads it back with its checks,
`json_schema()` describes it (`yusuan schema`); `model/codec.py` does all three from these definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from yusuan.model.codec import (
    LINE,
    MAX_TEXT,
    PAGE,
    YEARS,
    Computed,
    JsonForm,
    ModelError,
    iso_date,
    jf,
    num,
    objects,
    prose_sections,
)
from yusuan.model.codec import json_schema as _json_schema
from yusuan.model.kinds import Metric, PerformanceKind, RowKind, SourceLayout

__all__ = ["Metric", "ModelError", "PerformanceKind", "RowKind", "SourceLayout", "num"]  # and the classes below

SCHEMA_ID = "yusuan.disclosure/1"
NUMBER = {"type": ["number", "null"]}


@dataclass
class Source(JsonForm):
    """Where a part was printed: its 1-based line, [first, last] lines when it spans several, the page where the
    input marks pages."""

    JSON_LENIENT: ClassVar[bool] = True  # absent or malformed in a hand-made model: nowhere in particular

    line: int | None = jf(None, **LINE)
    lines: tuple[int, int] | None = None
    page: int | None = jf(None, **PAGE)


@dataclass
class Column(JsonForm):
    key: str = jf(required=True)
    label: str = jf()


@dataclass
class Ambiguity(JsonForm):
    """A printed value whose column could not be decided: it stays out of `values`."""

    value: Decimal
    candidates: list[str]
    group: str | None = None


@dataclass
class Row(JsonForm):
    JSON_ORDER: ClassVar = ("kind", "code", "name", "project", "item", "values", "ambiguous", "resolved_by",
                            "code_printed", "source")

    kind: RowKind = jf(required=True)
    code: str | None = jf(None, pattern=r"^(\d{3}|\d{5}|\d{7})$",
                          doc="canonical: 功能分类 类 3 digits + 款 2 + 项 2 (2080505); 经济分类 类 3 + 款 2 (30217)")
    name: str | None = None
    project: str | None = None
    item: str | None = jf(None, doc="the template's item key (income items, closing rows, 三公 items)")
    values: dict[str, Decimal] = jf(factory=dict, doc="column key → amount; a blank cell is an absent key")
    ambiguous: list[Ambiguity] = jf(
        factory=list, doc="printed values whose column the document does not decide; they are not in values")
    source: Source = jf(factory=Source)
    # identities that decided where this row's printed numbers belong (space layout only)
    resolved_by: list[str] = jf(factory=list, doc="identities that decided this row's columns")
    # the printed numbers in print order (kept so a checker or writer can see what was on the line)
    printed: list[Decimal] = jf(factory=list, json=False)
    code_printed: str | None = jf(None, doc="the code as printed where a segment was missing and was completed")


@dataclass
class Table(JsonForm):
    type: str = jf(required=True, doc="the table's type in its template family (spec/<family>/)")
    number: int | None = jf(None, low=0, high=999)
    title: str | None = None
    empty: bool = False
    empty_statement: str | None = jf(None, limit=MAX_TEXT)
    columns: list[Column] = jf(factory=list)
    rows: list[Row] = jf(factory=list)
    source: Source = jf(factory=Source)
    # the unit printed for this table (`单位：元` under its title); None: the document's, or the template's
    # (last: tables made positionally keep their fields)
    unit: str | None = jf(None, doc="the unit printed for this table (元, 万元); null: the document's unit")

    def column_keys(self) -> list[str]:
        return [c.key for c in self.columns]


@dataclass
class Staffing(JsonForm):
    """编制数, 实有人数, 在职/退休/离休 and their changes (+ 增加, - 减少)."""

    authorized: int | None = jf(None, low=0)
    actual: int | None = jf(None, low=0)
    active: int | None = jf(None, low=0)
    active_change: int | None = None
    retired: int | None = jf(None, low=0)
    retired_change: int | None = None
    retired_early: int | None = jf(None, low=0)
    retired_early_change: int | None = None
    source: Source = jf(factory=Source)

    FIELDS = ("authorized", "actual", "active", "active_change", "retired", "retired_change",
              "retired_early", "retired_early_change")


@dataclass
class ProfileUnit(JsonForm):
    """One unit of the 决算单位构成 (or 预算单位构成) list: its name and the remark printed beside it."""

    name: str = jf(required=True)
    remark: str | None = jf(None, limit=MAX_TEXT)
    line: int | None = jf(None, **LINE)


@dataclass
class Profile(JsonForm):
    functions: list[str] = jf(factory=list, limit=MAX_TEXT)
    subordinate_units: int | None = jf(None, low=0, doc="无下属预算单位 → 0")
    divisions: list[str] = jf(factory=list)
    units: list[ProfileUnit] = jf(factory=list)  # the listed units with their remarks
    staffing: Staffing = jf(factory=Staffing)
    source: Source = jf(factory=Source)


@dataclass
class Statement(JsonForm):
    """One figure of the prose: `<subject> X万元，占Y%，比上年预算增加Z万元，增长W%`."""

    JSON_ORDER: ClassVar = ("section", "block", "subject", "code", "metric", "value", "unit", "base", "line", "page",
                            "quote")

    section: str = jf(required=True)  # 一 … 十二, or 十二(一) etc.
    subject: str = jf(limit=MAX_TEXT)
    metric: Metric = jf(required=True)
    value: Decimal = jf()
    code: str | None = None
    base: str | None = None  # what a share is of, or what a change compares with
    unit: str | None = None
    block: str | None = None  # income|expenditure|general_split|class_structure|item_usage|... grouping
    line: int | None = jf(None, **LINE)
    page: int | None = jf(None, **PAGE)
    quote: str | None = jf(None, limit=MAX_TEXT)


@dataclass
class ProjectAmount(JsonForm):
    """One amount of a project's 资金分配情况 (`档案数字化扫描17万元`): what it is for, in 万元."""

    label: str = jf(limit=MAX_TEXT)
    amount: Decimal = jf()
    line: int | None = jf(None, **LINE)


@dataclass
class ProjectStatement(JsonForm):
    """A project of section 七 as the prose states it: its 预算安排规模 and the amounts of its 资金分配情况."""

    project: str = jf(limit=MAX_TEXT)
    size: Decimal | None = None  # 预算安排规模, 万元
    size_line: int | None = jf(None, **LINE)
    allocations: list[ProjectAmount] = jf(factory=list)
    allocation_line: int | None = jf(None, **LINE)  # where 资金分配情况 starts
    line: int | None = jf(None, **LINE)  # the project's heading


def _blocks(n: Narrative) -> dict[str, dict[str, Any]]:
    """The named blocks' figures as subject (or subject:metric) → {value, line}, for quick lookup."""
    blocks: dict[str, dict[str, Any]] = {}
    for s in n.statements:
        if s.block in BLOCKS_AS_DICT:
            key = s.subject if s.metric == "amount" else f"{s.subject}:{s.metric}"
            blocks.setdefault(s.block, {})[key] = {"value": num(s.value), "line": s.line}
    return blocks


@dataclass
class Narrative(JsonForm):
    JSON_ORDER: ClassVar = ("statements", "blocks", "sections", "projects", "glossary", "project_statements")
    JSON_COMPUTED: ClassVar = {"blocks": Computed(_blocks, {
        "type": "object", "description": "三公, 机关运行经费, 政府采购, 国有资产, 预算绩效 summary, 人员/公用经费 as "
                                         "subject → {value, line}"})}

    statements: list[Statement] = jf(factory=list)
    # named blocks: three_public, operating_cost, procurement, assets, performance_summary, basic_split,
    # carryover; each a dict of key -> {"value", "line"} made from statements for quick lookup
    # sections: {section, subsection, block, line} in order, and where the text was kept (parse/sections.py)
    # `heading` as printed and `paragraphs`, the explanatory text of the section, so a writer can restate it
    sections: list[dict[str, Any]] = jf(factory=list, read=prose_sections, schema={
        "type": "array", "items": {"type": "object", "properties": {
            "section": {"type": "string"}, "subsection": {"type": ["string", "null"]},
            "block": {"type": ["string", "null"]}, "line": {"type": ["integer", "null"]},
            "heading": {"type": ["string", "null"]}, "paragraphs": {"type": "array", "items": {"type": "string"}},
            "paragraph_lines": {"type": "array", "items": {"type": ["integer", "null"]},
                                "description": "the source line each paragraph starts on"}}}},
        doc="the sections of the prose in order; where the text was kept, `heading` as printed and `paragraphs` "
            "(the explanatory text: reasons, goals, items) so that a writer restates it")
    projects: list[dict[str, Any]] = jf(factory=list, read=objects, schema={
        "type": "array", "items": {"type": "object", "properties": {
            "name": {"type": ["string", "null"]}, "amount": NUMBER, "line": {"type": ["integer", "null"]}}}})
    glossary: bool = False
    project_statements: list[ProjectStatement] = jf(
        factory=list, doc="section 七: each project's 预算安排规模 and the amounts (万元) of its 资金分配情况")

    def block(self, name: str) -> list[Statement]:
        return [s for s in self.statements if s.block == name]


BLOCKS_AS_DICT = ("three_public", "operating_cost", "procurement", "assets", "performance_summary",
                  "basic_split", "carryover")


@dataclass
class Indicator(JsonForm):
    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    value: str | None = None
    weight: Decimal | None = None
    line: int | None = jf(None, **LINE)


@dataclass
class PerformanceTable(JsonForm):
    JSON_ORDER: ClassVar = ("kind", "name", "budget_total", "sources", "total_printed", "goals", "indicators",
                            "weight_total", "source")
    JSON_COMPUTED: ClassVar = {"weight_total": Computed(lambda p: num(p.weight_total()), NUMBER)}

    kind: PerformanceKind = jf(required=True)
    name: str | None = jf(None, limit=MAX_TEXT)
    budget_total: Decimal | None = None
    sources: dict[str, Decimal] = jf(factory=dict, doc="overall: superior/own/other; project: fiscal/other")
    indicators: list[Indicator] = jf(factory=list)
    source: Source = jf(factory=Source)
    total_printed: bool | None = jf(
        None, doc="overall: whether 资金总额 was printed (else budget_total is the sum of the sources)")
    goals: str | None = jf(None, limit=MAX_TEXT, doc="年度绩效目标 (overall) / 项目总体目标 (project)")

    def weight_total(self) -> Decimal | None:
        weights = [i.weight for i in self.indicators if i.weight is not None]
        return sum(weights, Decimal(0)) if weights else None


@dataclass
class Performance(JsonForm):
    overall: PerformanceTable | None = None
    projects: list[PerformanceTable] = jf(factory=list)


@dataclass
class Warning_(JsonForm):
    JSON_ORDER: ClassVar = ("code", "message", "line", "page")

    message: str = jf(limit=MAX_TEXT)
    line: int | None = jf(None, **LINE)
    page: int | None = jf(None, **PAGE)
    code: str = "parse"


@dataclass
class SourceFile(JsonForm):
    path: str = jf(limit=4096)
    sha256: str = jf(pattern="^([0-9a-f]{64})?$", doc="of the file read; empty in a model made, not read")
    layout: SourceLayout = jf(missing="model")
    lines: int = jf(0, **LINE)
    pages: int | None = jf(None, **PAGE)


@dataclass
class Disclosure(JsonForm):
    JSON_ORDER: ClassVar = ("schema", "source", "year", "department", "kind", "template", "unit", "published",
                            "parts", "profile", "tables", "narrative", "performance", "warnings")
    JSON_COMPUTED: ClassVar = {"schema": Computed(lambda _d: SCHEMA_ID, {"const": SCHEMA_ID})}

    source: SourceFile
    year: int | None = jf(None, low=YEARS[0], high=YEARS[1])
    department: str | None = None
    kind: str | None = jf(None, doc="部门预算 | 单位预算 | 部门决算 | 单位决算")
    # the template family the document follows (its name: `yusuan.spec.template_of(d)` gives the Template, so the
    # model does not depend on spec); None only for a model written before families were carried
    template: str | None = jf(None, doc="the template family the document follows (budget = 部门预算/单位预算, "
                                        "final = 部门决算/单位决算); absent in models written before families")
    unit: str | None = None
    published: str | None = jf(None, read=iso_date, schema={"type": ["string", "null"], "format": "date"},
                               doc="the date under the signature, ISO")
    profile: Profile = jf(factory=Profile)
    tables: list[Table] = jf(factory=list)
    narrative: Narrative = jf(factory=Narrative)
    performance: Performance = jf(factory=Performance)
    warnings: list[Warning_] = jf(factory=list)
    parts: dict[str, Source] = jf(factory=dict, lenient=True, max_keys=64,
                                  doc="where 第一…第四部分 start and end")  # 概况/公开表/情况说明/名词解释 → where
    # the text of every source line by number (not serialized): quotes for findings, whatever the reader
    line_texts: dict[int, str] = jf(factory=dict, repr=False, json=False)
    # line number → (page, line within that page): the page where pages are known; the line within the page for a
    # PDF, whose line numbers run over the whole file (a reviewer finds a place by page and line on that page)
    line_places: dict[int, tuple[int | None, int | None]] = jf(factory=dict, repr=False, json=False)

    def table(self, type_: str) -> Table | None:
        return next((t for t in self.tables if t.type == type_), None)

    def warn(self, message: str, line: int | None = None, page: int | None = None, code: str = "parse") -> None:
        self.warnings.append(Warning_(message, line, page, code))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `yusuan parse` output (`yusuan.disclosure/1`), generated from the classes above."""
    return _json_schema(
        Disclosure, schema_id=SCHEMA_ID, title="yusuan: one parsed disclosure (部门预算 / 部门决算)",
        description="Output of `yusuan parse`. Amounts are in the document's unit (usually 万元), as printed "
                    "(2 decimals). A blank cell is an absent key of `values`; a printed 0.00 is 0. Every row, prose "
                    "figure and profile figure records its source line (1-based), the [first, last] lines when it "
                    "spans several, and the page where the input marks pages.")
