"""Project statements of section 七 (issue 7, item 4): each project's 预算安排规模 and the amounts of its
资金分配情况 are read as statements and checked against each other and against the project's performance table.
Documents are built here from the template's wording, in the text layout and as PDF."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.check import check
from yusuan.model import Disclosure
from yusuan.parse import parse_bytes

from .read_render import text_to_pdf

HEAD = (" 2025年部门预算公开\n第二部分 2025年部门预算公开表\n表 3\n部门支出总体情况表\n编制部门：测试县审计局 单位：万元\n"
        "功能分类科目编码\n类 款 项\n功能分类科目名称 合计 基本支出 项目支出\n※ ※ ※ ※ 1 2 3\n"
        "总计 100.00 45.00 55.00\n201 一般公共服务支出 100.00 45.00 55.00\n")
SECTION = "第三部分 2025年部门预算情况说明\n七、关于一般公共预算项目支出情况说明\n"


def project(name: str, size: str, allocation: str, numeral: str = "一") -> str:
    return (f"（{numeral}）项目名称：{name}\n设立的政策依据：《测试县审计工作规定》（测审〔2024〕1号）。\n"
            f"预算安排规模：{size}万元\n项目承担单位：测试县审计局\n资金分配情况：{allocation}\n"
            "资金执行时间：2025年1月1日至2025年12月31日。\n")


def perf_table(name: str, total: str) -> str:
    return (f" 项目支出绩效目标表\n（2025年）\n预算单位 测试县审计局\n项目名称 {name} 项目负责人 张三\n项目资金(万\n元)\n"
            f"年度预算总额 {total}\n其中：财政拨\n款\n{total} 其他资金 0.00\n项目总体目标\n完成年度审计任务。\n"
            "一级指标 二级指标 三级指标 指标值 指标值设置依据 上年完成值 指标分值权重 指标赋分规则 佐证资料\n"
            "产出指标 数量指标 审计项目数 ＞=10个 计划标准 无 90 按照完成比例赋分 工作资料\n")


def parse(text: str, form: str = "text") -> Disclosure:
    if form == "pdf":
        return parse_bytes(text_to_pdf(text.splitlines()), "snippet.pdf")
    return parse_bytes(text.encode("utf-8"), "snippet.txt")


def doc(projects: str, perf: str = "") -> str:
    return HEAD + SECTION + projects + "八、关于政府性基金预算支出情况说明\n本部门无政府性基金预算支出。\n" + \
        "十二、其他需要说明的情况\n（四）绩效目标情况\n" + perf + "（五）其他需说明的事项\n本部门无其他需说明事项。\n"


ALLOCATIONS = {  # 资金分配情况 as documents print it → the amounts read
    "list": ("档案数字化扫描17万元、门诊特殊慢性病审核8万元、定居人员医疗服务站经费30万元。",
             [Decimal(17), Decimal(8), Decimal(30)]),
    "spaced list": ("乌鲁木齐市 20.50 万元、克拉玛依市 34.50 万元。", [Decimal("20.50"), Decimal("34.50")]),
    "single": ("全部用于办公费 55.00 万元。", [Decimal("55.00")]),
    "total stated": ("用于保障人数不少于 12 万人，每人给付 5 万元，共计 55.00 万元。", [Decimal(5), Decimal("55.00")]),
    "words": ("根据项目的绩效目标、实施进度和效果进行资金分配。", []),
}


@pytest.mark.parametrize("form", ["text", "pdf"])
@pytest.mark.parametrize("kind", list(ALLOCATIONS), ids=list(ALLOCATIONS))
def test_statements_are_read_with_their_lines(kind: str, form: str) -> None:
    text, amounts = ALLOCATIONS[kind]
    d = parse(doc(project("审计业务经费", "55.00", text)), form)
    [st] = d.narrative.project_statements
    assert st.project == "审计业务经费"
    assert st.size == Decimal("55.00")
    assert [a.amount for a in st.allocations] == amounts
    assert st.size_line is not None and d.line_texts[st.size_line].startswith("预算安排规模")
    assert all(a.line is not None and "资金分配情况" in d.line_texts[a.line] for a in st.allocations)


def test_wrapped_statement_reads_across_lines() -> None:
    text = project("审计业务经费", "55.00", "档案数字化扫描17万元、门诊特殊慢性病审核8\n万元、定居人员医疗服务站经费30万元。")
    [st] = parse(doc(text)).narrative.project_statements
    assert [a.amount for a in st.allocations] == [Decimal(17), Decimal(8), Decimal(30)]
    assert [a.label for a in st.allocations][1] == "门诊特殊慢性病审核"


def rules_of(d: Disclosure, prefix: str = "PJ-") -> list[str]:
    return [f.rule for f in check(d) if f.rule.startswith(prefix)]


@pytest.mark.parametrize("form", ["text", "pdf"])
def test_allocations_that_add_up_are_silent(form: str) -> None:
    text = "".join(project(f"审计业务经费{k}", "55.00", ALLOCATIONS[kind][0], numeral)
                   for k, (kind, numeral) in enumerate(zip(ALLOCATIONS, "一二三四五", strict=True)))
    assert rules_of(parse(doc(text), form)) == []


@pytest.mark.parametrize("form", ["text", "pdf"])
@pytest.mark.parametrize("kind", ["list", "spaced list", "single", "total stated"])
def test_allocations_that_do_not_add_up_fire(kind: str, form: str) -> None:
    d = parse(doc(project("审计业务经费", "56.00", ALLOCATIONS[kind][0])), form)
    findings = [f for f in check(d) if f.rule == "PJ-ALLOCATION-SUM"]
    assert len(findings) == 1
    f = findings[0]
    assert f.expected == Decimal("56.00") and f.actual == Decimal("55")
    st = d.narrative.project_statements[0]
    assert st.size_line is not None
    # a finding places a PDF line within its page; a text line by its number in the file
    _page, in_page = d.line_places.get(st.size_line, (None, None))
    assert (in_page if form == "pdf" else st.size_line) in f.lines()


def test_prose_quoting_a_larger_figure_is_no_breakdown() -> None:
    text = "本年度预算安排 15000 万元，最终分配各地区 13314.12 万元，区本级留存 55.00 万元用于后续清算。"
    assert rules_of(parse(doc(project("补助资金", "55.00", text)))) == []


@pytest.mark.parametrize("form", ["text", "pdf"])
def test_size_against_the_performance_table(form: str) -> None:
    same = parse(doc(project("审计业务经费", "55.00", ALLOCATIONS["words"][0]), perf_table("审计业务经费", "55.00")), form)
    assert "PJ-SIZE-PERFORMANCE" not in rules_of(same)
    other = parse(doc(project("审计业务经费", "55.00", ALLOCATIONS["words"][0]), perf_table("审计业务经费", "50.00")), form)
    findings = [f for f in check(other) if f.rule == "PJ-SIZE-PERFORMANCE"]
    assert len(findings) == 1 and findings[0].severity == "warning"
    assert findings[0].expected == Decimal("50.00") and findings[0].actual == Decimal("55.00")


def test_size_difference_explained_is_reported_as_explained() -> None:
    text = doc(project("审计业务经费", "55.00", ALLOCATIONS["words"][0]), perf_table("审计业务经费", "50.00"))
    text = text.replace("本部门无其他需说明事项。", "审计业务经费中 5 万元暂留本级，不纳入绩效考核，绩效目标表金额不包含 5 万元。")
    findings = [f for f in check(parse(text)) if f.rule in ("PJ-SIZE-PERFORMANCE", "PF-EXPLAINED")]
    assert [(f.rule, f.severity) for f in findings] == [("PF-EXPLAINED", "info")]


def test_two_projects_sharing_one_performance_table_are_left_to_pf_rules() -> None:
    text = project("人身意外伤害保险补助", "23.22", ALLOCATIONS["words"][0]) + \
        project("自治区财政人身意外伤害保险补助资金", "42.09", ALLOCATIONS["words"][0], "二")
    d = parse(doc(text, perf_table("2025年自治区财政人身意外伤害保险补助经费", "65.31")))
    assert "PJ-SIZE-PERFORMANCE" not in rules_of(d)
