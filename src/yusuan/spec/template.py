"""One document family as a value: what a template prints (tables, items, units) and what must hold in it.

A family lives in `spec/<family>/` and exposes one `Template`; `yusuan.spec` lists the families, detects which
one a document follows and finds the template a parsed document carries (the model holds only its name, so `model`
does not depend on `spec`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from yusuan.spec.types import CrossIdentity, ProseSpec, TableSpec


@dataclass(frozen=True)
class Template:
    name: str  # the family's id, carried on the Disclosure (`template` in the JSON)
    label: str  # what a user calls it: 部门预算
    kinds: tuple[str, ...]  # the kinds a document of this family calls itself (部门预算, 单位预算)
    tables: tuple[TableSpec, ...]
    cross: tuple[CrossIdentity, ...] = ()  # identities across tables (decide columns, then checked)
    bounds: tuple[CrossIdentity, ...] = ()  # upper bounds across tables (decide columns only)
    # the explanation sections (narrative block key, what it explains) a document of this family must hold
    explanations: tuple[tuple[str, str], ...] = ()
    unit: str = "万元"  # the unit of the tables where the document prints none
    numbered: bool = True  # the family numbers its tables (表 N): messages may name a table by its number
    prose: ProseSpec = ProseSpec()  # 第三部分: its sections and blocks
    # words that end the sentence saying a table is empty (`…为空表。`, `…故本表无数据。`), the sentence kept as
    # the table's `empty_statement`
    empty_marks: tuple[str, ...] = ("为空表",)
    # a table with no figure printed is empty even with its header, 合计 and code rows printed (the 决算)
    blank_is_empty: bool = False
    # what 第一部分 概况 must state: functions (主要职能), divisions (机构设置), units (单位构成), staffing (人员编制)
    profile: tuple[str, ...] = ("functions", "divisions", "staffing")
    # the family publishes performance-target tables (绩效目标表); the 决算 reports 绩效 in its prose only
    performance_tables: bool = True

    @cached_property
    def by_key(self) -> dict[str, TableSpec]:
        return {t.key: t for t in self.tables}

    def table(self, key: str) -> TableSpec | None:
        return next((t for t in self.tables if t.key == key), None)

    def unit_of(self, key: str) -> str:
        """The unit the template prints table `key` in (the family's unit where the table is unknown)."""
        spec = self.table(key)
        return spec.unit if spec else self.unit

    def title_of(self, key: str) -> str:
        """The template's own title of table `key` (without 部门/单位), for a table the document does not print."""
        spec = self.table(key)
        return spec.title.format(org="") if spec else key

    def match_title(self, title: str) -> TableSpec | None:
        """The table type named by a printed title (most specific pattern wins: 基本支出 before 支出)."""
        flat = re.sub(r"\s+", "", title)
        hits = [t for t in self.tables for pat in t.titles if re.search(pat, flat)]
        if not hits:
            return None
        # the longest matching title wins: "一般公共预算基本支出情况表" is not "一般公共预算支出情况表"
        return max(hits, key=lambda t: max(len(m.group(0)) for p in t.titles if (m := re.search(p, flat))))
