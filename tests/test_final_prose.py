"""第三部分 of the 决算 (issue 12): sections → blocks, and every figure as a statement (amounts, shares, changes
against the previous year's 决算, 年初预算 / 全年预算 and execution rates, 持平, per-项 paragraphs with their codes,
三公, 机关运行经费, 政府采购, 国有资产 counts and thresholds, 绩效 counts and scores).

The fast tests read prose built here through the real narrative parser, with the family taken from the document
(`template="final"`); the last test reads the shared putuo document and counts its answer key's prose figures."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import pytest

from yusuan.ingest import Line
from yusuan.model import Disclosure, Row, SourceFile, Statement, Table
from yusuan.parse.narrative import parse_narrative
from yusuan.parse.sections import keep_texts
from yusuan.spec import family

from .conftest import SHARED

DEPT = "上海市某某局"
PROSE = f"""第三部分 {DEPT}2024年度部门决算情况说明
一、收入支出决算总体情况说明
{DEPT}2024年度收入支出总计3000.00万元。与2023年度相比，收入
支出总计减少50.00万元，下降1.64%。主要原因：人员减少。
二、收入决算情况说明
本年收入合计2950.00万元，其中：财政拨款收入2940.00万元，占99.66%；其他
收入10.00万元，占0.34%；
三、支出决算情况说明
本年支出合计2940.00万元，其中：基本支出2300.00万元，占78.23%；项目支出
640.00万元，占21.77%；
四、财政拨款收入支出决算总体情况说明
{DEPT}2024年度财政拨款收入支出总计2960.00万元。与2023年度相比，
财政拨款收入支出总计持平。主要原因：人员稳定。
五、一般公共预算财政拨款支出决算情况说明
（一）一般公共预算财政拨款支出决算总体情况
一般公共预算财政拨款支出2940.00万元，占本年支出合计的100.00%。与2023年
度相比，一般公共预算财政拨款支出增加40.00万元，增长1.38%。
（二）一般公共预算财政拨款支出决算结构情况
一般公共预算财政拨款支出2940.00万元，主要用于以下方面：一般公共服务支出
（类）2500.00万元，占85.03%；卫生健康支出（类）440.00万元，占14.97%。
（三）一般公共预算财政拨款支出决算具体情况
一般公共预算财政拨款支出年初预算为3000.00万元，全年预算数为2980.00万元，支出决算为2940.00万元，完
成年初预算的98.00%，完成全年预算数的98.66%。其中：
1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为
2550.00万元，支出决算为2500.00万元。决算数小于预算数的主要原因：人员减少。
2、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于：医疗保险。年初预算为
450.00 万元，支出决算为440.00万元。决算数与预算数基本持平。
六、一般公共预算财政拨款基本支出决算情况说明
一般公共预算财政拨款基本支出2300.00万元。其中：人员经费2100.00万元，主要包括：基本工资；公用
经费200.00万元，主要包括：办公费。
七、财政拨款“三公”经费支出决算情况说明
（一）“三公”经费财政拨款支出决算总体情况说明。
“三公”经费财政拨款支出年初预算为1.00万元，支出决算为0.00万元，完成预算的
0%，其中：因公出国（境）费决算为0.00万元，完成预算的0%；公务接待费支出决算为0.00万元，完成
预算的0%。（如持平作持平表述）
2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：公务接待费支出决算持平。
八、政府性基金预算财政拨款收入支出决算情况说明
{DEPT}2024年度无政府性基金预算财政拨款收入和支出。
九、国有资本经营预算财政拨款收入支出决算情况说明
{DEPT}2024年度无国有资本经营预算财政拨款收入和支出。
十、预算绩效管理情况
编报绩效目标的2024年度项目3个，涉及预算金额640.00万元；绩效自评的2024年度项目3个，平均得分95.50分（其中，
绩效评级为“优”的项目2个；绩效评级为“良”的项目1个。绩效自评中共发现问题0个）。
十一、其他重要事项的情况说明
（一）机关运行经费支出情况
机关运行经费支出200.00万元，比2023年度增加2.50万元，增长1.27%。
（二）政府采购支出情况
{DEPT}2024年度政府采购金额为250.00万元，其中：货物采购金额5.00万元、工程采购金额0万元、服务采购金额245.00万元。
在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额245.00万元；在其他政府采购项目中，由中
小企业供应商中标或成交的，采购金额5.00万元。
（三）国有资产占有使用情况说明
截至2024年12月31日，{DEPT}共有车辆2辆，其中：一般公务用车1辆、执法执勤用车1辆。单价100万元
（含）以上设备（不含车辆）3台（套）。"""


def _lines(text: str) -> list[Line]:
    return [Line(no=i, text=t, page=1 + i // 40) for i, t in enumerate(text.splitlines(), start=1)]


def _general_expenditure() -> Table:
    """The 一般公共预算财政拨款支出决算表 the per-项 paragraphs name (codes from their 类/款/项 names)."""
    rows = [("201", "一般公共服务支出"), ("20106", "财政事务"), ("2010601", "行政运行"), ("210", "卫生健康支出"),
            ("21011", "行政事业单位医疗"), ("2101101", "行政单位医疗")]
    return Table(type="final_general_expenditure", rows=[
        Row(kind={3: "class", 5: "category", 7: "item"}[len(code)], code=code, name=name) for code, name in rows])


def _read(text: str = PROSE, template: str = "final") -> Disclosure:
    d = Disclosure(source=SourceFile("t.txt", "0", "space"), department=DEPT, template=template,
                   kind="部门决算" if template == "final" else "部门预算", tables=[_general_expenditure()])
    lines = _lines(text)
    parse_narrative(d, lines)
    keep_texts(d, lines)
    return d


def _find(d: Disclosure, block: str, metric: str, *words: str) -> list[Statement]:
    return [s for s in d.narrative.statements if s.block == block and s.metric == metric and
            all(w in s.subject for w in words)]


@pytest.fixture(scope="module")
def doc() -> Disclosure:
    return _read()


def test_sections_name_their_blocks(doc: Disclosure) -> None:
    blocks = [(s["section"], s["subsection"], s["block"]) for s in doc.narrative.sections if s["section"]]
    assert blocks == [
        ("一", None, "total"), ("二", None, "income"), ("三", None, "expenditure"), ("四", None, "fiscal"),
        ("五", None, "general_split"), ("五", "一", "general_split"), ("五", "二", "class_structure"),
        ("五", "三", "item_usage"), ("六", None, "basic_split"), ("七", None, "three_public"), ("八", None, "fund"),
        ("九", None, "soe"), ("十", None, "performance"), ("十一", None, "other"), ("十一", "一", "operating_cost"),
        ("十一", "二", "procurement"), ("十一", "三", "assets")]
    # every explanation the family requires is there, and each section kept its heading as printed
    assert {b for b, _ in family("final").explanations} <= {s["block"] for s in doc.narrative.sections}
    assert next(s for s in doc.narrative.sections if s["block"] == "fiscal")["heading"] == \
        "四、财政拨款收入支出决算总体情况说明"


def test_amounts_shares_and_changes_against_last_years_final(doc: Disclosure) -> None:
    total = _find(doc, "total", "amount")
    assert [(s.subject, s.value) for s in total] == [("收入支出总计", Decimal("3000.00"))]
    change, growth = _find(doc, "total", "change")[0], _find(doc, "total", "growth")[0]
    assert (change.value, change.base, growth.value, growth.unit) == (Decimal("-50.00"), "上年决算", Decimal("-1.64"), "%")
    share = _find(doc, "income", "share", "财政拨款收入")[0]
    assert (share.value, share.base) == (Decimal("99.66"), "本年收入合计")
    assert _find(doc, "general_split", "share")[0].base == "本年支出合计"
    assert _find(doc, "general_split", "growth")[0].value == Decimal("1.38")
    # `比2023年度增加…` goes on with the subject before it
    cost = [(s.subject, s.metric, s.value) for s in doc.narrative.statements if s.block == "operating_cost"]
    assert cost == [("机关运行经费支出", "amount", Decimal("200.00")), ("机关运行经费支出", "change", Decimal("2.50")),
                    ("机关运行经费支出", "growth", Decimal("1.27"))]


def test_budget_full_year_budget_and_execution_rates(doc: Disclosure) -> None:
    head = [s for s in doc.narrative.statements if s.block == "item_usage" and not s.code]
    assert [(s.subject, s.metric, s.value, s.base) for s in head] == [
        ("一般公共预算财政拨款支出", "budget", Decimal("3000.00"), None),
        ("一般公共预算财政拨款支出", "full_year_budget", Decimal("2980.00"), None),
        ("一般公共预算财政拨款支出", "amount", Decimal("2940.00"), None),
        ("一般公共预算财政拨款支出", "execution_rate", Decimal("98.00"), "年初预算"),
        ("一般公共预算财政拨款支出", "execution_rate", Decimal("98.66"), "全年预算")]


def test_each_item_paragraph_has_its_code_budget_and_final(doc: Disclosure) -> None:
    items = [(s.code, s.subject, s.metric, s.value) for s in doc.narrative.statements
             if s.block == "item_usage" and s.code]
    assert items == [
        ("2010601", "一般公共服务支出/财政事务/行政运行", "budget", Decimal("2550.00")),
        ("2010601", "一般公共服务支出/财政事务/行政运行", "amount", Decimal("2500.00")),
        ("2101101", "卫生健康支出/行政事业单位医疗/行政单位医疗", "budget", Decimal("450.00")),
        ("2101101", "卫生健康支出/行政事业单位医疗/行政单位医疗", "amount", Decimal("440.00"))]


def test_level_is_a_zero_change_but_not_against_the_budget_nor_in_a_note(doc: Disclosure) -> None:
    fiscal = [(s.subject, s.metric, s.value) for s in doc.narrative.statements if s.block == "fiscal"]
    assert fiscal == [("财政拨款收入支出总计", "amount", Decimal("2960.00")),
                      ("财政拨款收入支出总计", "change", Decimal("0"))]
    # 决算数与预算数基本持平 (五（三）) and the template's note `（如持平作持平表述）` (七) state no change
    assert not _find(doc, "item_usage", "change")
    levels = [(s.subject, s.line) for s in _find(doc, "three_public", "change")]
    line = next(ln.no for ln in _lines(PROSE) if ln.text.startswith("2024年度“三公”"))
    assert levels == [("“三公”经费财政拨款支出", line), ("公务接待费支出", line)]


def test_three_public_budget_final_and_rate(doc: Disclosure) -> None:
    got = [(s.subject, s.metric, s.value) for s in doc.narrative.statements
           if s.block == "three_public" and s.metric != "change"]
    assert got == [("“三公”经费财政拨款支出", "budget", Decimal("1.00")),
                   ("“三公”经费财政拨款支出", "amount", Decimal("0.00")),
                   ("“三公”经费财政拨款支出", "execution_rate", Decimal("0")),
                   ("因公出国（境）费", "amount", Decimal("0.00")), ("因公出国（境）费", "execution_rate", Decimal("0")),
                   ("公务接待费支出", "amount", Decimal("0.00")), ("公务接待费支出", "execution_rate", Decimal("0"))]


def test_counts_scores_and_thresholds(doc: Disclosure) -> None:
    perf = [(s.metric, s.value, s.unit) for s in doc.narrative.statements if s.block == "performance"]
    assert perf == [("count", Decimal("3"), "个"), ("amount", Decimal("640.00"), "万元"), ("count", Decimal("3"), "个"),
                    ("score", Decimal("95.50"), "分"), ("count", Decimal("2"), "个"), ("count", Decimal("1"), "个"),
                    ("count", Decimal("0"), "个")]
    assets = [(s.subject, s.metric, s.value, s.unit) for s in doc.narrative.statements if s.block == "assets"]
    assert assets == [("共有车辆", "count", Decimal("2"), "辆"), ("一般公务用车", "count", Decimal("1"), "辆"),
                      ("执法执勤用车", "count", Decimal("1"), "辆"), ("单价", "threshold", Decimal("100"), "万元"),
                      ("单价100万元（含）以上设备（不含车辆）", "count", Decimal("3"), "台")]
    buys = [(s.subject, s.value) for s in doc.narrative.statements if s.block == "procurement"]
    assert buys == [("政府采购", Decimal("250.00")), ("货物采购", Decimal("5.00")), ("工程采购", Decimal("0")),
                    ("服务采购", Decimal("245.00")),
                    ("在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购", Decimal("245.00")),
                    ("在其他政府采购项目中，由中小企业供应商中标或成交的，采购", Decimal("5.00"))]


def test_every_statement_has_its_line_and_page(doc: Disclosure) -> None:
    lines = {ln.no: ln for ln in _lines(PROSE)}
    for s in doc.narrative.statements:
        assert s.line is not None and s.page == lines[s.line].page
        printed = "持平" if s.metric == "change" and s.value == 0 else str(abs(s.value)).split(".")[0]
        assert printed in lines[s.line].text + lines.get(s.line + 1, lines[s.line]).text


def test_the_budget_family_reads_none_of_the_final_forms() -> None:
    """The 预算's ProseSpec states no execution rates, budgets or 持平: the same words there give only amounts."""
    text = "一、收入支出预算总体情况说明\n支出预算为100.00万元，完成年初预算的98.00%，与上年持平。单价100万元以上设备1台。"
    d = _read(text, template="budget")
    assert [(s.metric, s.value) for s in d.narrative.statements] == [("amount", Decimal("100.00")),
                                                                     ("amount", Decimal("100"))]


PUTUO = SHARED / "final" / "putuo-czj-2024.pdf"


@pytest.mark.skipif(not PUTUO.is_file(), reason="../shared/final is not beside the clone")
def test_putuo_prose_figures_all_read() -> None:
    """Every figure of the answer key's narrative (zeros and counts included, with multiplicity) is read."""
    from yusuan.parse import parse_path

    d = parse_path(PUTUO)
    want = Counter(abs(Decimal(str(x))) for x in json.loads(PUTUO.with_suffix(".json").read_text("utf-8"))["narrative"])
    have = Counter(abs(s.value) for s in d.narrative.statements)
    assert {x: n - have[x] for x, n in want.items() if have[x] < n} == {}
    blocks = {s.block for s in d.narrative.statements}
    assert {"total", "income", "expenditure", "fiscal", "general_split", "class_structure", "item_usage",
            "basic_split", "three_public", "performance", "operating_cost", "procurement", "assets"} <= blocks
    assert len([s for s in d.narrative.statements if s.block == "item_usage" and s.code]) == 22
    assert not [s for s in d.narrative.statements if s.block == "other"]


def test_stray_spaces_before_full_width_punctuation_break_nothing() -> None:
    """Text extracted with a space before `：` or `，` (`项目名称 ：`) reads as without it (both families)."""
    text = ("七、项目支出情况说明\n（一）项目名称 ：社区服务项目\n设立的政策依据 ：某文件。\n预算安排规模 ：100.00 万元 。\n"
            "资金分配情况 ：全部用于社区服务 ，共100.00万元 。")
    d = _read(text, template="budget")
    assert [(p["name"], p["amount"]) for p in d.narrative.projects] == [("社区服务项目", 100.0)]
    paragraphs = next(s for s in d.narrative.sections if s["section"] == "七")["paragraphs"]
    assert "预算安排规模：100.00 万元。" in paragraphs
    d = _read("十一、其他重要事项的情况说明\n（一）机关运行经费支出情况\n机关运行经费支出200.00万元 ，比2023年度增加"
              "2.50万元 ，增长1.27% 。")
    assert [(s.subject, s.metric) for s in d.narrative.statements] == [
        ("机关运行经费支出", "amount"), ("机关运行经费支出", "change"), ("机关运行经费支出", "growth")]


def test_a_rate_that_states_its_budget() -> None:
    """`完成全年预算5.30万元的38.11%`: the full-year budget and the rate against it, with the subject before."""
    d = _read("七、财政拨款“三公”经费支出决算情况说明\n“三公”经费财政拨款支出决算为2.02万元，完成全年预算5.30万元的"
              "38.11%，比上年决算数减少0.33万元，下降14.00%。其中：因公出国（境）费支出决算为0万元，完成年初预算0万元的0%。")
    got = [(s.subject, s.metric, s.value, s.base) for s in d.narrative.statements]
    assert got == [("“三公”经费财政拨款支出", "amount", Decimal("2.02"), None),
                   ("“三公”经费财政拨款支出", "full_year_budget", Decimal("5.30"), None),
                   ("“三公”经费财政拨款支出", "execution_rate", Decimal("38.11"), "全年预算"),
                   ("“三公”经费财政拨款支出", "change", Decimal("-0.33"), "上年决算"),
                   ("“三公”经费财政拨款支出", "growth", Decimal("-14.00"), "上年决算"),
                   ("因公出国（境）费支出", "amount", Decimal("0"), None),
                   ("因公出国（境）费支出", "budget", Decimal("0"), None),
                   ("因公出国（境）费支出", "execution_rate", Decimal("0"), "年初预算")]


def test_a_province_numbering_the_other_matters_as_sections() -> None:
    """Sections named by their words, whatever their numbers (一 收入 … 四 三公; 一 机关运行经费 … as sections)."""
    text = ("一、收入决算情况说明\n本年收入合计100.00万元。\n二、支出决算情况说明\n本年支出合计100.00万元。\n"
            "三、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n"
            "一般公共预算财政拨款支出90.00万元。\n四、一般公共预算财政拨款“三公”经费支出决算情况说明\n"
            "全年使用一般公共预算财政拨款安排的出国团组1个，累计2人次；国内公务接待3批次，40人次。\n"
            "一、机关运行经费支出情况\n机关运行经费支出10.00万元。\n二、国有资产占用情况\n"
            "单位价值50万元以上通用设备1台（套），单位价值100万元以上专用设备0台（套）。\n三、政府采购支出情况\n"
            "政府采购支出总额20.00万元。\n四、部门绩效自评情况\n部门整体支出绩效自评综合得分为92.5分。")
    d = _read(text)
    assert [s["block"] for s in d.narrative.sections if s["section"]] == [
        "income", "expenditure", "general_split", "general_split", "three_public", "operating_cost", "assets",
        "procurement", "performance"]
    three = [(s.metric, s.value, s.unit) for s in d.narrative.statements if s.block == "three_public"]
    assert three == [("count", Decimal("1"), "个"), ("count", Decimal("2"), "人次"), ("count", Decimal("3"), "批次"),
                     ("count", Decimal("40"), "人次")]
    assets = [(s.subject, s.metric, s.value) for s in d.narrative.statements if s.block == "assets"]
    assert assets == [("单位价值", "threshold", Decimal("50")), ("单位价值50万元以上通用设备", "count", Decimal("1")),
                      ("单位价值", "threshold", Decimal("100")), ("单位价值100万元以上专用设备", "count", Decimal("0"))]
    assert [(s.metric, s.value) for s in d.narrative.statements if s.block == "performance"] == [
        ("score", Decimal("92.5"))]
