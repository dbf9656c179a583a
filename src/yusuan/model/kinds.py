"""The closed vocabularies of the model, typed: mypy checks every literal a parser, sampler or writer puts in, and
the model's JSON reader and its JSON Schema take their allowed values from here (`typing.get_args`)."""

from __future__ import annotations

from typing import Literal

# what a table row is: a total, a level of the 政府收支分类 (类 class, 款 category, 项 item), a department or a
# project of the project tables, or one side of a sided table (income | expenditure)
RowKind = Literal["total", "class", "category", "item", "department", "project", "income", "expenditure"]

# the level of a 政府收支分类 code by its length: 类 3 digits, 款 5, 项 7
CODE_LEVELS: dict[int, RowKind] = {3: "class", 5: "category", 7: "item"}

# what a prose figure states: an amount, a share of a base, a change or growth against the prior year, a count, an
# area; the 决算 adds execution_rate (决算数 as % of a base: 年初预算 or 全年预算, named by `base`), budget
# (年初预算数), full_year_budget (全年预算数, after in-year adjustments), score (a 绩效 score, 分) and threshold
# (`单价100万元以上设备`: the amount a count is of)
Metric = Literal["amount", "share", "change", "growth", "count", "area", "execution_rate", "budget",
                 "full_year_budget", "score", "threshold"]

# how the source file was laid out: text extracted with spaces or with tabs, a PDF read with positions, a
# workbook, a Word or HTML document; `model` for a model JSON made by hand, which names none
SourceLayout = Literal["space", "tab", "pdf", "xlsx", "docx", "html", "model"]

# a performance table: the department's overall one or a project's
PerformanceKind = Literal["overall", "project"]
