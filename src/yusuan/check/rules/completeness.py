"""Completeness against 财预〔2016〕143号 and the 预算法实施条例: the required tables (an empty one still printed with
its statement), the explanations, the glossary and the profile."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.context import Context
from yusuan.check.registry import Hit, Location, rule

# which tables and explanations are required is the template's (`TableSpec.required`, `Template.explanations`)


def _where_missing(ctx: Context, key: str) -> Location:
    """Where a missing table belonged: the first table printed after it in the template's order (or the end of the
    tables part)."""
    order = [t.key for t in ctx.template.tables]
    later = [t for t in ctx.d.tables if t.type in order and order.index(t.type) > order.index(key) and t.source.line]
    if later:
        t = min(later, key=lambda t: order.index(t.type))
        return Location(t.source.line, t.source.page, t.number, None, None, ctx.quote(t.source.line))
    part = ctx.d.parts.get("tables")
    line = part.lines[1] if part and part.lines else None
    return Location(line, None, None, None, None, ctx.quote(line))


def table_end(ctx: Context, line: int | None) -> int | None:
    """The last line before the next table (or the end of the tables part): where a table's rows would be."""
    if line is None:
        return None
    nxt = [t.source.line for t in ctx.d.tables if t.source.line and t.source.line > line]
    part = ctx.d.parts.get("tables")
    end = min(nxt) if nxt else (part.lines[1] + 1 if part and part.lines else None)
    if end is None:
        return None
    while end - 1 > line and not ctx.lines.get(end - 1, "x").strip():
        end -= 1  # skip blank lines back to the table's own last line
    return end - 1


@rule("CP-TABLE-MISSING", "completeness", "error",
      title="缺少应公开的表格",
      note="没有数据的表也应公开，并注明为空表。")
def table_missing(ctx: Context) -> Iterator[Hit]:
    """文件缺少一张全国统一要求公开的表（没有数据的表也应印出并注明为空表）。

    财预〔2016〕143号要求公开收支总体、收入总体、支出总体、财政拨款收支总体、一般公共预算支出（到项级）、一般公共预算基本支出（到经济分类款级）、政府性基金预算支出和“三公”经费表，缺少时为错误；本模板另加的国有资本经营预算支出、一般公共预算项目支出和上年结转结余表缺少时见 CP-TEMPLATE-TABLE-MISSING（警告）。

    示例：缺少表8 政府性基金预算支出情况表（无数据时也应公开空表并说明）。
    """
    for spec in ctx.template.tables:
        if ctx.table(spec.key) is not None:
            continue
        usual = f"通常为表{spec.number}，" if ctx.template.numbered else ""
        yield Hit(f"缺少{ctx.template.title_of(spec.key)}（{usual}{spec.key}）；无数据时也应公开空表并说明。",
                  [_where_missing(ctx, spec.key)],
                  rule=None if spec.required == "national" else "CP-TEMPLATE-TABLE-MISSING")


@rule("CP-TEMPLATE-TABLE-MISSING", "completeness", "warning",
      title="缺少本模板要求的表格",
      note="国有资本经营预算支出、一般公共预算项目支出和上年结转结余等表不是全国统一必须公开的表，但本模板要求公开。")
def template_table_missing(ctx: Context) -> Iterator[Hit]:
    """文件缺少本模板在全国要求之外另加的表（由 CP-TABLE-MISSING 发现）。

    财预〔2016〕143号不要求国有资本经营预算支出、一般公共预算项目支出和上年结转结余表，但本模板要求；缺少时为警告，不是缺少全国要求的表那样的错误。

    示例：缺少上年结转结余情况明细表（通常为表11）；无数据时也应公开空表并说明。
    """
    return iter(())  # CP-TABLE-MISSING hands these over (Hit.rule)


@rule("CP-EMPTY-STATEMENT", "completeness", "warning",
      title="空表没有注明无数据",
      note="没有数据的表应印出并用一句话说明（预算：“为空表”；决算：“故本表无数据”），否则读者无法区分漏印和无数据。")
def empty_statement(ctx: Context) -> Iterator[Hit]:
    """表格印出了却没有任何数字，也没有说明它为空（预算：“…为空表”；决算：“…故本表无数据”）。

    示例：表9 国有资本经营预算支出情况表只有表头，没有“为空表”的说明。
    """
    for t in ctx.d.tables:
        has_figures = any(r.values or r.ambiguous for r in t.rows)
        if has_figures or (t.empty and t.empty_statement):
            continue
        end = table_end(ctx, t.source.line)
        locs = [Location(t.source.line, t.source.page, t.number or t.type, None, None, ctx.quote(t.source.line))]
        if end and end != t.source.line:
            locs.append(Location(end, None, t.number or t.type, None, None, ctx.quote(end)))
        yield Hit(f"{ctx.tname(t)}没有任何数字，也没有“{ctx.template.empty_marks[0]}”之类的说明。", locs)


# the tables each family must print to a level of detail (预算 表5、表6; 决算 their counterparts), and the 三公 tables
# whose rows the department prints (the 决算's prints its columns whatever they hold: a row left out is blank)
DETAIL_LEVELS = (("general_budget_expenditure", 7, "功能分类项级（7 位）"), ("general_budget_basic", 5, "经济分类款级（5 位）"),
                 ("final_general_expenditure", 7, "功能分类项级（7 位）"), ("final_general_basic", 5, "经济分类款级（5 位）"))
THREE_PUBLIC_TABLES = ("three_public",)


@rule("CP-TABLE-DETAIL", "completeness", "warning",
      title="表格没有细化到规定的级次",
      note="表5 应列到功能分类项级，表6 应列到经济分类款级，表10 应分列公务用车购置费和运行费。")
def table_detail(ctx: Context) -> Iterator[Hit]:
    """表格没有细化到规定的级次（表5 到项级，表6 到经济分类款级，表10 分列购置费和运行费）。

    表5 应列出功能分类项级（7 位）编码，表6 应列出经济分类款级（5 位）编码，表10 应把公务用车购置费和公务用车运行费各列一行。

    示例：表5 一般公共预算支出情况表只列到款级（无 7 位项级科目）。
    """
    need = tuple((key, digits, what) for key, digits, what in DETAIL_LEVELS)
    for key, digits, what in need:
        t = ctx.table(key)
        if t is None or t.empty or not any(r.values for r in t.rows):
            continue
        if not any(r.code and len(r.code) == digits for r in t.rows):
            yield Hit(f"{ctx.tname(t)}没有列到{what}科目。",
                      [Location(t.source.line, t.source.page, t.number, None, None, ctx.quote(t.source.line))])
    t10 = next((t for key in THREE_PUBLIC_TABLES if (t := ctx.table(key)) is not None), None)
    if t10 is not None and not t10.empty:
        items = {r.item for r in t10.rows}
        missing = [w for k, w in (("vehicle_purchase", "公务用车购置费"), ("vehicle_operation", "公务用车运行费")) if k not in items]
        if missing:
            yield Hit(f"{ctx.tname(t10)}没有分列{'、'.join(missing)}。",
                      [Location(t10.source.line, t10.source.page, t10.number, None, None, ctx.quote(t10.source.line))])


@rule("CP-EXPLANATION", "completeness", "warning",
      title="第三部分缺少应有的说明事项",
      note="应说明“三公”经费、机关运行经费、政府采购、国有资产占有使用情况和预算绩效。")
def explanation(ctx: Context) -> Iterator[Hit]:
    """第三部分缺少应有的说明事项：“三公”经费、机关运行经费、政府采购、国有资产占有使用情况、预算绩效。

    说明事项有了但缺少细项的（如政府采购未分列货物、工程、服务）见 CP-EXPLANATION-DETAIL（提示）。

    示例：第三部分没有政府采购情况的说明（应分货物、工程、服务）。
    """
    blocks = {s.get("block") for s in ctx.d.narrative.sections}
    part = ctx.d.parts.get("narrative")
    if part is None and not blocks:
        yield Hit("文件没有第三部分情况说明。", [Location(None, None, None, None, None, None)])
        return
    loc = Location(part.line if part else None, part.page if part else None, None, "第三部分", None,
                   ctx.quote(part.line) if part else None)
    for block, what in ctx.template.explanations:
        if block not in blocks:
            yield Hit(f"第三部分没有{what}的说明。", [loc])
    procurement = [s for s in ctx.d.narrative.statements if s.block == "procurement" and s.metric == "amount"]
    if any(s.value > 0 for s in procurement):  # `未安排政府采购预算` needs no split
        words = {s.subject for s in procurement}
        missing = [w for w in ("货物", "工程", "服务") if not any(w in s for s in words)]
        if missing:
            yield Hit(f"政府采购说明没有分列{'、'.join(missing)}预算。", [loc], rule=DETAIL)
    if "three_public" in blocks and not any(s.block == "three_public" and s.metric in ("change", "growth")
                                            for s in ctx.d.narrative.statements):
        yield Hit("“三公”经费说明没有说明比上年增减变化及原因。", [loc], rule=DETAIL)


DETAIL = "CP-EXPLANATION-DETAIL"


@rule(DETAIL, "completeness", "info",
      title="说明事项不够具体",
      note="说明事项有了，但缺少应有的细项，如政府采购未分列货物、工程、服务，“三公”经费未说明增减及原因。")
def explanation_detail(ctx: Context) -> Iterator[Hit]:
    """第三部分的说明事项有了，但缺少模板要求的细项（由 CP-EXPLANATION 发现）。

    政府采购应分列货物、工程和服务；“三公”经费说明应写明比上年的增减变化及原因。

    示例：“三公”经费说明没有说明比上年增减变化及原因。
    """
    return iter(())  # CP-EXPLANATION hands these over (Hit.rule)


@rule("CP-GLOSSARY", "completeness", "warning",
      title="缺少名词解释",
      note="公开文件应有第四部分名词解释，说明财政拨款收入、基本支出、项目支出、“三公”经费等用语。")
def glossary(ctx: Context) -> Iterator[Hit]:
    """文件没有名词解释部分。

    示例：文件没有第四部分名词解释。
    """
    if not ctx.d.narrative.glossary:
        yield Hit("文件没有名词解释部分。", [Location(ctx.d.source.lines or None, None, None, None, None, None)])


@rule("CP-PROFILE", "completeness", "warning",
      title="概况缺少主要职能、机构设置或人员编制情况",
      note="第一部分概况应写明模板要求的内容：主要职能、机构设置（内设机构或下属单位）、单位构成和人员编制情况。")
def profile(ctx: Context) -> Iterator[Hit]:
    """第一部分概况缺少模板要求的内容：主要职能、机构设置（下属单位、内设机构）、单位构成或人员编制情况。

    要求哪几项由模板决定（`Template.profile`）：部门预算要求主要职能、机构设置和人员编制；部门决算要求主要职能和决算单位构成（列出的单位或机构设置均可），不要求人员编制。

    示例：概况没有人员编制情况（编制数、实有人数）。
    """
    p = ctx.d.profile
    loc = Location(p.source.line, p.source.page, None, "概况", None, ctx.quote(p.source.line))
    need = ctx.template.profile
    organised = bool(p.divisions or p.units) or p.subordinate_units is not None
    if "functions" in need and not p.functions:
        yield Hit("概况没有说明主要职能。", [loc])
    if "divisions" in need and not organised:
        yield Hit("概况没有说明机构设置（内设机构或下属单位）。", [loc])
    if "units" in need and not organised:
        yield Hit("概况没有列出单位构成（纳入编制范围的单位或机构设置）。", [loc])
    if "staffing" in need and p.staffing.actual is None and p.staffing.authorized is None:
        yield Hit("概况没有人员编制情况（编制数、实有人数）。", [loc])


@rule("CP-PERFORMANCE", "completeness", "info",
      title="没有公开部门整体绩效目标表",
      note="不是每个模板都有整体绩效目标表，缺少时只作提示；项目支出绩效目标表见 CP-PERFORMANCE-PROJECTS。")
def performance(ctx: Context) -> Iterator[Hit]:
    """没有公开部门（单位）整体绩效目标表。

    不是每个模板都有整体绩效目标表，缺少时只作提示；表7 列有项目却一张项目支出绩效目标表也没有的，见 CP-PERFORMANCE-PROJECTS（警告）。

    模板本身没有绩效目标表的（如部门决算，绩效只在情况说明中写）不报。

    示例：文件没有部门（单位）整体绩效目标表。
    """
    if not ctx.template.performance_tables:
        return
    perf = ctx.d.performance
    part = ctx.d.parts.get("narrative")
    loc = Location(part.line if part else None, None, None, "绩效目标表", None, ctx.quote(part.line) if part else None)
    if perf.overall is None:
        yield Hit("文件没有部门（单位）整体绩效目标表。", [loc])
    t7 = ctx.table("general_budget_projects")
    n = len({r.project for r in (t7.rows if t7 else []) if r.kind == "project" and r.project})
    if n and not perf.projects:
        yield Hit(f"表7 列有 {n} 个项目，但文件没有公开项目支出绩效目标表。", [loc], rule="CP-PERFORMANCE-PROJECTS")


@rule("CP-PERFORMANCE-PROJECTS", "completeness", "warning",
      title="表7 列有项目却没有项目支出绩效目标表",
      note="每个有预算的项目都应公开项目支出绩效目标表；一张也没有时报告此项。")
def performance_projects(ctx: Context) -> Iterator[Hit]:
    """表7 列有项目，文件却没有公开任何项目支出绩效目标表（由 CP-PERFORMANCE 发现）。

    示例：表7 列有 4 个项目，但文件没有公开项目支出绩效目标表。
    """
    return iter(())  # CP-PERFORMANCE hands these over (Hit.rule)
