"""The vocabulary every template family is written in: columns, table types, identities across tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

# how a table's rows are read and written: by 科目编码 (coded), income beside expenditure (sided), by the
# template's fixed items (items), or by name (named)
TableLayout = Literal["coded", "sided", "items", "named"]
# how much a finding weighs: the checker's rules and the template's identities carry one
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    # header patterns (regex over the header with whitespace removed) that show an optional column is printed
    detect: tuple[str, ...] = ()
    optional: bool = False


def opt(key: str, label: str, *detect: str) -> ColumnSpec:
    return ColumnSpec(key, label, detect or (re.escape(label),), True)


@dataclass(frozen=True)
class TableSpec:
    key: str
    number: int  # the usual 表 N
    titles: tuple[str, ...]  # title patterns (regex over the title with whitespace removed)
    layout: TableLayout
    title: str = ""  # the template's title; {org} is 部门 or 单位, as the document calls itself
    columns: tuple[ColumnSpec, ...] = ()
    # sided tables (1 and 4): the left (income) and right (expenditure) columns
    left: tuple[ColumnSpec, ...] = ()
    right: tuple[ColumnSpec, ...] = ()
    code_system: str = "functional"  # functional|economic|none
    row_identities: tuple[str, ...] = ()
    has_projects: bool = False
    empty_allowed: bool = True
    # who requires the table: national (财预〔2016〕143号, missing = error) or template (this family adds it: warning)
    required: str = "national"
    unit: str = "万元"  # the unit the template prints the table's amounts in (元 in some provinces)
    # item tables (sided tables' income side, the 三公 table): printed label (numbering, 其中 and spaces removed) →
    # item key; a label under a parent that repeats a top-level label is keyed by the parent (item_context)
    items: dict[str, str] = field(default_factory=dict, compare=False)
    item_context: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    item_labels: dict[str, str] = field(default_factory=dict, compare=False)  # item key → the label written
    item_tree: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)  # parent = sum of children
    # sided tables: the closing rows of the right (expenditure) side, printed label → item key (本年支出合计 …)
    right_items: dict[str, str] = field(default_factory=dict, compare=False)
    # a table printed in side-by-side halves (the 决算's basic-expenditure table: two, each 类 款 名称 决算数)
    halves: int = 1
    # an item table printed as ONE row of item × column cells (the 决算's 三公 table: 预算数/决算数 per item), the
    # items in the template's print order; the header's own order wins where it shows one
    wide: tuple[str, ...] = ()

    @property
    def wide_columns(self) -> tuple[str, ...]:
        """The columns of the one wide row: `item:column` in print order."""
        return tuple(f"{item}:{c.key}" for item in self.wide for c in self.columns)

    @property
    def wide_identities(self) -> tuple[str, ...]:
        """The item tree as identities over the wide row (`total:budget = abroad:budget + …`)."""
        return tuple(f"{p}:{c.key} = " + " + ".join(f"{k}:{c.key}" for k in kids)
                     for p, kids in self.item_tree.items() for c in self.columns)


def cols(*pairs: tuple[str, str]) -> tuple[ColumnSpec, ...]:
    return tuple(ColumnSpec(k, label) for k, label in pairs)


@dataclass(frozen=True)
class CrossIdentity:
    """`left = right` across tables. Terms are `table[row].column`; a row `{code}` ranges over the codes of the
    level named by `over` (class|any) that appear on either side."""

    id: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    over: str | None = None  # None: one equation; "class": each 类 code; "code": each code
    description: str = ""
    severity: Severity = "error"
    decides: bool = True  # usable by the parser to decide columns


@dataclass
class Equation:
    """A parsed row identity: `lhs = rhs[0] + rhs[1] + …` over column keys."""

    text: str
    lhs: str
    rhs: list[str] = field(default_factory=list)


def parse_equation(text: str) -> Equation:
    lhs, rhs = (s.strip() for s in text.split("="))
    return Equation(text, lhs, [t.strip() for t in rhs.split("+")])


Words = tuple[tuple[tuple[str, ...], str], ...]  # (words that must all appear, the key they name), first match wins
Cells = tuple[tuple[str, str, tuple[str, ...]], ...]  # (table, row key or code, columns): cells a figure may state


@dataclass(frozen=True)
class Subject:
    """Where the tables hold an amount the prose states in `block`: the first entry of the block that applies to a
    figure decides (none: the figure names nothing the tables hold). It applies to the block's first figure only
    (first=True), to the others only (False) or to both (None), and to a subject that holds all `words`, equals one
    of `exact` or starts with one of `starts`. Its `cells` are all candidates (any one equal is agreement); where
    they give nothing, `fallback` (`fallback_if` "empty": no such cell; "no_table": the first table is missing or
    printed empty). `find` names a lookup the checker does by printed name (a 类 by its name, a project…) over the
    table of the first cell."""

    block: str
    cells: Cells = ()
    first: bool | None = None
    words: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    find: str = ""
    fallback: Cells = ()
    fallback_if: str = "empty"


@dataclass(frozen=True)
class ProseSpec:
    """第三部分 of a family: which explanation block a section heading names (by its words; numbering differs between
    templates, the numeral is the fallback), which sub-sections split a section, and what a share is of."""

    section_words: Words = ()
    section_blocks: dict[str, str] = field(default_factory=dict, compare=False)  # numeral → block
    sub_words: Words = ()
    # the section whose （一）（二）（三） are its own blocks (numeral, block of its heading) and those blocks by number
    split_section: tuple[str, str] = ("", "")
    split_blocks: dict[str, str] = field(default_factory=dict, compare=False)
    split_default: str = "other"
    # blocks under which a section's sub-headings are split (a heading naming them), and blocks that state counts
    split_under: tuple[str, ...] = ()
    count_blocks: tuple[str, ...] = ()
    share_base: dict[str, str] = field(default_factory=dict, compare=False)  # block → what a share is of
    share_default: str = "合计"
    change_base: str = ""  # what a change or growth rate compares with
    subjects: tuple[Subject, ...] = ()  # where the tables hold what the prose states, block by block
    # the tables whose rows give a 类 or 项 named in the prose its code (first holding the name wins)
    code_tables: tuple[str, ...] = ()
    # what an amount states, by the words that end its clause before it (a regex, `年初预算为` → budget): the
    # words are left out of the subject (first match wins; none: an amount)
    amount_words: tuple[tuple[str, str], ...] = ()
    # what an amount is, by the words right after it (`单价100万元以上` → threshold)
    after_words: tuple[tuple[str, str], ...] = ()
    # the base of an execution rate (`完成年初预算的98.20%`) by the words between 完成 and the figure, and where none
    rate_bases: Words = ()
    rate_default: str = ""
    # the metric of a budget stated inside a rate (`完成全年预算5.3万元的38.1%`), by the rate's base
    rate_budgets: dict[str, str] = field(default_factory=dict, compare=False)
    level_words: tuple[str, ...] = ()  # words that state no change from the year compared with (持平): change 0

