"""The 部门决算 / 单位决算 family: the Ministry of Finance's national nine-table template (FINAL.md), as data.

Tables and their items in `tables`, identities across tables in `identities`, 第三部分 in `prose`; this module
assembles them into the family's `Template`.
"""

from __future__ import annotations

from yusuan.spec.final.identities import BOUNDS, CROSS
from yusuan.spec.final.prose import EXPLANATIONS, PROSE
from yusuan.spec.final.tables import TABLES
from yusuan.spec.template import Template

TEMPLATE = Template(
    name="final", label="部门决算", kinds=("部门决算", "单位决算"), tables=TABLES, cross=CROSS, bounds=BOUNDS,
    prose=PROSE, explanations=EXPLANATIONS, numbered=False, profile=("functions", "units"), performance_tables=False,
    # `注：…无政府性基金预算财政拨款支出，故本表无数据。`, `说明：…本年度没有…故本表无数据。`
    empty_marks=("本表无数据", "为空表"), blank_is_empty=True,
)
