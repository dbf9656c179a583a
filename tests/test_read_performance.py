"""Performance tables read whole (issue 7, items 2 and 7): every indicator's 一级/二级/三级指标, 指标值 and weight,
the table's name, funds and goals, in the text layouts (the grid shredded by wrapping, or one tab per cell) and as
PDF; the overall table's funds split without a printed total. Built here from the template's wording."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.check import check
from yusuan.model import Disclosure, PerformanceTable
from yusuan.parse import parse_bytes

from .read_render import text_to_pdf

HEAD = (" 2025年部门预算公开\n第二部分 2025年部门预算公开表\n表 1\n部门收支总体情况表\n编制部门：测试县审计局 单位：万元\n"
        "收入 支出\n项目 预算数 功能分类 预算数\n一、一般公共预算拨款 100.00 一、一般公共服务支出 100.00\n"
        "其中：一般财力 60.00\n上级一般公共预算安排转移支付 40.00\n收入总计 100.00 支出总计 100.00\n")
NARRATIVE = ("第三部分 2025年部门预算情况说明\n一、关于收支预算情况的总体说明\n收支总预算 100.00万元。\n"
             "十二、其他需要说明的情况\n（四）绩效目标情况\n")
END = "（五）其他需说明的事项\n本部门无其他需说明事项。\n"

# the project table as a PDF's text comes out in the space layout: every cell wrapped at its column's width, the
# cells of a row one after the other, the merged 一级/二级 cells printed once per group, wrapped too
PROJECT_SPACE = """ 项目支出绩效目标表
（2025年）
预算单位 测试县审计局
项目名称 2025 年审计业务
经费 项目负责人 张三
项目资金(万
元)
年度预算总额 55.00
其中：财政拨
款
55.00 其他资金 0.00
项目总体目标
1、完成年度审计项目不少于 10 个。2、审计发现问题整改率达
到 90%以上。
一级
指标
二级
指标
三级指标
指标
值
指标值设置依
据
上年
完成
值
指标
分值
权重
指标赋分规则 佐证资料
产出
指标
数量
指标
完成审计项目数量
＞
=10
个
计划标准 无 30
按照完成比例赋
分
工作资料
质量
指标
审计发现问题整改
率
＞=90% 计划标准 无 20
按照完成比例赋
分
工作资料,原始
凭证时效
指标
审计报告出具时间
2025
年 12
月
计划标准 无 10
直接赋分 工作资料
效益
指标
社会
效益
指标
促进财政资金规范
使用和提高使用效
益的作用
明显
提升
计划标准 无 20 按评判等级赋分 说明材料
满意
度指
标
满意
度指
标
被审计单位满意度
＞
=90%
计划标准 无 10 满意度赋分 说明材料
"""
PROJECT_WANT = [
    ("产出指标", "数量指标", "完成审计项目数量", "＞=10个", 30),
    ("产出指标", "质量指标", "审计发现问题整改率", "＞=90%", 20),
    ("产出指标", "时效指标", "审计报告出具时间", "2025年12月", 10),
    ("效益指标", "社会效益指标", "促进财政资金规范使用和提高使用效益的作用", "明显提升", 20),
    ("满意度指标", "满意度指标", "被审计单位满意度", "＞=90%", 10),
]

OVERALL_SPACE = """ 部门整体绩效目标表
（2025年）
部门名称（盖章） 测试县审计局
部门联系人 李四 联系电话 0900-1234567
年度绩效目标
依法履行审计监督职责，完成年度审计项目。
资金来源 资金总额（万元）
财政资金（万元） 上级安排 40.00 本级安排 60.00 其他资金（万元）
一级指标 二级指标 三级指标 指标值 指标设定依据 分值权重
质量指标 审计整改率 ＞=90%
2025 年工作计
划
50
履职效能
数量指标
完成审计项目
数量
＞=10 个
审计工作
报告
40
"""
OVERALL_WANT = [
    ("履职效能", "质量指标", "审计整改率", "＞=90%", 50),
    ("履职效能", "数量指标", "完成审计项目数量", "＞=10个", 40),
]


def _tab_rows(rows: list[tuple[str, str, str, str, int]], head: str, basis: str) -> str:
    out = [head]
    prev = ("", "")
    for l1, l2, l3, value, weight in rows:
        out.append("\t".join([l1 if l1 != prev[0] else "", l2 if (l1, l2) != prev else "", l3, value, basis,
                              str(weight), "按照完成比例赋分", "工作资料"]))
        prev = (l1, l2)
    return "\n".join(out) + "\n"


PROJECT_TAB = (" 项目支出绩效目标表\n（2025年）\n预算单位\t测试县审计局\n项目名称\t2025年审计业务经费\t项目负责人\t张三\n"
               "项目资金(万元)\t年度预算总额\t55.00\n\t其中：财政拨款\t55.00\t其他资金\t0.00\n"
               "项目总体目标\t1、完成年度审计项目不少于10个。2、审计发现问题整改率达到90%以上。\n"
               + _tab_rows(PROJECT_WANT, "一级指标\t二级指标\t三级指标\t指标值\t指标值设置依据\t指标分值权重\t指标赋分规则\t佐证资料",
                           "计划标准"))


def parse(text: str, form: str) -> Disclosure:
    doc = HEAD + NARRATIVE + text + END
    if form == "pdf":
        return parse_bytes(text_to_pdf(doc.splitlines()), "snippet.pdf")
    return parse_bytes(doc.encode("utf-8"), "snippet.txt")


def indicators(t: PerformanceTable) -> list[tuple]:
    return [(i.level1, i.level2, (i.level3 or "").replace(" ", ""), (i.value or "").replace(" ", ""),
             int(i.weight) if i.weight is not None else None) for i in t.indicators]


@pytest.mark.parametrize("form", ["space", "tab", "pdf"])
def test_project_table_read_whole(form: str) -> None:
    d = parse(PROJECT_TAB if form == "tab" else PROJECT_SPACE, form)
    [t] = d.performance.projects
    assert (t.name or "").replace(" ", "") == "2025年审计业务经费"
    assert t.budget_total == Decimal("55.00") and t.sources == {"fiscal": Decimal("55.00"), "other": Decimal("0.00")}
    assert t.goals is not None and t.goals.startswith("1、完成年度审计项目") and "整改率" in t.goals
    got = indicators(t)
    if form == "tab":
        assert [g[2:] for g in got] == [w[2:] for w in PROJECT_WANT]
        assert [g[:2] for g in got] == [w[:2] for w in PROJECT_WANT]
    else:
        assert [g[2:] for g in got] == [w[2:] for w in PROJECT_WANT]
        assert [g[0] for g in got] == [w[0] for w in PROJECT_WANT]


@pytest.mark.parametrize("form", ["space", "pdf"])
def test_overall_table_read_whole(form: str) -> None:
    d = parse(OVERALL_SPACE, form)
    t = d.performance.overall
    assert t is not None and t.name == "测试县审计局"
    assert t.goals == "依法履行审计监督职责，完成年度审计项目。"
    assert indicators(t) == OVERALL_WANT


FUNDS = {  # the overall table's funds as printed, without a 资金总额 figure
    "space": "资金来源 资金总额（万元）\n财政资金（万元） 上级安排 40.00 本级安排 60.00 其他资金（万元）\n",
    "labels then figures": "资金来源 资金总额（万元）\n财政资金（万元） 上级安排 本级安排\n40.00 60.00\n其他资金（万元）\n",
    "tab": "资金来源\t资金总额（万元）\n财政资金（万元）\t上级安排\t40.00\n\t本级安排\t60.00\n其他资金（万元）\t其他\t\n",
}


def _overall(funds: str) -> str:
    lines = OVERALL_SPACE.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("资金来源"))
    return "".join(lines[:start]) + funds + "".join(lines[start + 2:])


@pytest.mark.parametrize("form", ["text", "pdf"])
@pytest.mark.parametrize("layout", list(FUNDS))
def test_funds_without_a_printed_total(layout: str, form: str) -> None:
    d = parse(_overall(FUNDS[layout]), form)
    t = d.performance.overall
    assert t is not None
    assert t.sources["superior"] == Decimal("40.00") and t.sources["own"] == Decimal("60.00")
    assert t.budget_total == Decimal("100.00") and t.total_printed is False
    assert [f.message for f in check(d) if f.rule == "PF-OVERALL-FUNDS"] == []


def test_funds_parts_compared_as_printed() -> None:
    """上级安排 printed as 0 while table 1 has 40.00 of transfers: one finding on the split, none on the total."""
    d = parse(_overall(FUNDS["space"].replace("40.00", "0.00").replace("60.00", "100.00")), "text")
    found = [f for f in check(d) if f.rule == "PF-OVERALL-FUNDS"]
    assert len(found) == 1 and found[0].actual == Decimal("0.00") and found[0].expected == Decimal("40.00")


def test_printed_total_is_the_total() -> None:
    funds = "资金来源 资金总额（万元） 100.00\n财政资金（万元） 上级安排 40.00 本级安排 60.00 其他资金（万元） 其他 0.00\n"
    t = parse(_overall(funds), "text").performance.overall
    assert t is not None and t.total_printed is True and t.budget_total == Decimal("100.00")
    wrong = parse(_overall(funds.replace("资金总额（万元） 100.00", "资金总额（万元） 90.00")), "text")
    assert [f.actual for f in check(wrong) if f.rule == "PF-OVERALL-FUNDS"] == [Decimal("90.00")]


def test_rows_one_per_line_without_an_evidence_column() -> None:
    """A table without 佐证资料: what follows a scoring rule is the next indicator, whatever its words
    (`…报告数量` is no evidence here)."""
    table = (" 项目支出绩效目标表\n（2025年）\n预算单位 测试县审计局\n项目名称 审计系统维护 项目负责人 张三\n"
             "项目资金(万元) 年度预算总额 10.00 其中：财政拨款 10.00 其他资金 0.00\n项目总体目标 维护审计系统。\n"
             "一级指标 二级指标 三级指标 指标值 指标值设置依据 指标分值权重 指标赋分规则\n"
             "产出指标 数量指标 等保测评报告数量 >=16个 计划标准 45 按照完成比例赋分\n"
             "密码测评报告数量 >=16个 计划标准 45 按照完成比例赋分\n")
    [t] = parse(table, "space").performance.projects
    assert indicators(t) == [("产出指标", "数量指标", "等保测评报告数量", ">=16个", 45),
                             ("产出指标", "数量指标", "密码测评报告数量", ">=16个", 45)]
