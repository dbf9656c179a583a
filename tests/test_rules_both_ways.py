"""Every rule tested both ways, on small documents built here from content (no seed, no line number of one):
it fires on a document with its defect put in, and stays silent on the same document without it.

The documents are synthetic departments (`yusuan.sample`: every identity holds by construction). Rules about the
tables are tested on the model; rules about the prose on the department written as text (`yusuan.write`), edited,
and parsed back, as a reviewer's file would be. `test_every_rule_has_both_cases` walks the registry: a new rule
without its two cases fails the suite.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache

import pytest

from yusuan.check import RULES, check
from yusuan.check.context import Context
from yusuan.check.registry import Hit, register
from yusuan.check.rules.cross import AT_LEAST, printed_sides
from yusuan.model import Disclosure, Row, Table
from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.spec import BUDGET, FINAL, CrossIdentity
from yusuan.write import build, render

from . import test_check_final as fin

CROSS = BUDGET.cross
ONE = Decimal("1.00")
CENT = Decimal("0.01")
POOL = 60  # synthetic departments searched for one that has what a rule needs


# ---- documents ------------------------------------------------------------------------------------------------

@cache
def _model(index: int) -> Disclosure:
    return department(1, index)


def model(index: int = 1) -> Disclosure:
    """A fresh copy of a clean synthetic department (department 1 has projects, 三公, 30217, performance tables)."""
    return copy.deepcopy(_model(index))


@cache
def text(index: int = 1) -> str:
    """The department written as a text file (tab layout: every cell kept)."""
    return render(build(_model(index)), "txt-tab").decode("utf-8")


def parsed(t: str) -> Disclosure:
    return parse_bytes(t.encode("utf-8"), "d.txt")


def edit(t: str, pattern: str, repl: str | Callable[[re.Match[str]], str]) -> str:
    """`t` with the first match of `pattern` replaced; the pattern must be there (the case tests what it says)."""
    new, n = re.subn(pattern, repl, t, count=1)
    assert n == 1, f"not in the document: {pattern}"
    return new


def table(d: Disclosure, key: str) -> Table:
    t = d.table(key)
    assert t is not None, key
    return t


def row(t: Table, code: str | None = None, item: str | None = None, kind: str | None = None) -> Row:
    for r in t.rows:
        if (code is None or r.code == code) and (item is None or r.item == item) and (kind is None or r.kind == kind):
            return r
    raise AssertionError(f"{t.type}: no row {code or item or kind}")


def bump(r: Row, *cols: str, by: Decimal = ONE) -> None:
    for c in cols:
        r.values[c] = r.values.get(c, Decimal(0)) + by


def find_model(ok: Callable[[Disclosure], bool]) -> Disclosure:
    for i in range(POOL):
        if ok(_model(i)):
            return model(i)
    raise AssertionError("no synthetic department has what this case needs")


def first_category(d: Disclosure, key: str = "expenditure_overview") -> Row:
    t = table(d, key)
    return next(r for r in t.rows if r.kind == "category" and r.code and
                sum(1 for x in t.rows if x.kind == "item" and x.code and x.code.startswith(r.code)) >= 2)


def first_item(d: Disclosure, key: str = "expenditure_overview") -> Row:
    cat = first_category(d, key)
    return next(r for r in table(d, key).rows if r.kind == "item" and r.code and r.code.startswith(cat.code or "-"))


# ---- cross-table identities: one case per identity, from the spec ---------------------------------------------

def _terms(d: Disclosure, ident: CrossIdentity) -> tuple[list, list] | None:
    return printed_sides(Context(d), ident)


def cross_case(ident: CrossIdentity, above: bool = False) -> Callable[[], Disclosure]:
    """A department where both sides of the identity print figures, with one side moved by 1.00. The 表10 ≥ 表6
    identities fire when table 10 is below table 6 (above it is XT-T10-ABOVE-T6)."""

    def make() -> Disclosure:
        d = find_model(lambda m: _terms(m, ident) is not None)
        sides = _terms(d, ident)
        assert sides
        left, right = sides
        if ident.id in AT_LEAST and not above:
            term = next(t for t in right if t.value())  # table 6 above table 10
        else:
            term = next(t for t in left if t.value())
        bump(term.row, term.col)
        return d

    return make


def cross_silent(ident: CrossIdentity) -> Callable[[], Disclosure]:
    return lambda: find_model(lambda m: _terms(m, ident) is not None)


# ---- the cases ------------------------------------------------------------------------------------------------

def _ar_rounding() -> Disclosure:
    d = model()
    code = first_item(d).code
    for key in ("income_overview", "expenditure_overview", "general_budget_expenditure"):
        r = row(table(d, key), code)
        bump(r, *list(r.values), by=-CENT)
    return d


def _ar_row_identity() -> Disclosure:
    d = model()
    bump(first_category(d), "basic")
    return d


def _ar_hierarchy() -> Disclosure:
    d = model()
    r = first_item(d)
    bump(r, "total", "basic" if "basic" in r.values else "project")  # the row adds up, its parent does not
    return d


def _ar_income_tree() -> Disclosure:
    d = model()
    bump(row(table(d, "income_expenditure_overview"), item="general_own"), "amount")
    return d


def _ar_balance() -> Disclosure:
    d = model()
    bump(row(table(d, "income_expenditure_overview"), item="expenditure_total"), "amount")
    return d


def _ar_three_public() -> Disclosure:
    d = model()
    bump(row(table(d, "three_public"), item="total"), "total", "general")
    return d


def _ar_t6_public() -> Disclosure:
    d = model()
    bump(row(table(d, "general_budget_basic"), kind="total"), "total", "public")
    return d


def _cl_code_level() -> Disclosure:
    d = model()
    r = first_item(d)
    r.code = (r.code or "")[:5]  # a 项 row printed with its 款 code only
    return d


def _cl_name_consistent() -> Disclosure:
    d = model()
    r = row(table(d, "general_budget_expenditure"), first_item(d).code)
    r.name = (r.name or "") + "经费"
    return d


def _cl_reference() -> Disclosure:
    d = model()
    for key in ("income_overview", "expenditure_overview", "general_budget_expenditure"):
        r = row(table(d, key), first_item(d).code)
        r.name = (r.name or "") + "经费"  # the same wrong name everywhere: not inconsistent, but not the official one
    return d


def _drop_table(key: str) -> Callable[[], Disclosure]:
    def make() -> Disclosure:
        d = model()
        d.tables = [t for t in d.tables if t.type != key]
        return d

    return make


def _cp_empty_statement() -> Disclosure:
    d = model()
    t = next(t for t in d.tables if t.empty)
    t.empty, t.empty_statement = False, None  # printed with its header only, no 为空表
    return d


def _cp_table_detail() -> Disclosure:
    d = model()
    t5 = table(d, "general_budget_expenditure")
    t5.rows = [r for r in t5.rows if not (r.code and len(r.code) == 7)]
    return d


def _cp_explanation() -> Disclosure:
    return parsed(edit(text(), r"（二）政府采购情况\n", "（二）\n"))


def _three_public_with_change(t: str) -> str:
    return edit(t, r"(“三公”经费数为 ([\d,.]+)万元)", lambda m: m.group(1) + "，与上年预算持平，增加 0.00万元，增长 0.00%")


def _cp_glossary() -> Disclosure:
    d = parsed(text())
    d.narrative.glossary = False
    return d


def _cp_profile() -> Disclosure:
    d = model()
    d.profile.functions = []
    return d


def _cp_performance() -> Disclosure:
    d = model()
    d.performance.overall = None
    return d


def _cp_performance_projects() -> Disclosure:
    d = model()
    d.performance.projects = []
    return d


def _in_rule_failed() -> Disclosure:
    return model()


def _section3(t: str, change: str) -> str:
    """Section 三's 基本支出 sentence with a change from last year (`change` follows the share)."""
    return edit(t, r"(\n基本支出 ([\d,.]+)万元，占 [\d.]+%)。", lambda m: m.group(1) + change + "。")


def _basic(t: str) -> Decimal:
    m = re.search(r"\n基本支出 ([\d,.]+)万元，占", t)
    assert m
    return Decimal(m.group(1).replace(",", ""))


def _growth_text(t: str, rate_delta: Decimal = Decimal(0)) -> str:
    amount = _basic(t)
    change = Decimal("34.64")
    rate = (change * 100 / (amount - change)).quantize(CENT) + rate_delta
    return _section3(t, f"，比上年预算增加 {change}万元，增长 {rate}%，主要原因是人员增加")


def _nv_amount() -> Disclosure:
    return parsed(edit(text(), r"(\n基本支出 )([\d,.]+)(万元，占)", lambda m: m.group(1) + str(
        Decimal(m.group(2).replace(",", "")) + 1) + m.group(3)))


def _nv_share() -> Disclosure:
    return parsed(edit(text(), r"(\n基本支出 [\d,.]+万元，占 )([\d.]+)%", lambda m: m.group(1) + str(
        Decimal(m.group(2)) + 3) + "%"))


def _nv_zero_base(t: str) -> str:
    amount = _basic(t)
    return _section3(t, f"，比上年预算增加 {amount:,}万元，增长 100.00%，主要原因是新增人员")


def _nv_base_diff(t: str, five: str) -> str:
    t = _growth_text(t)
    return edit(t, r"(（一）一般公共预算当年拨款规模变化情况\n+[^\n]*\n+基本支出 [\d,.]+万元)。", lambda m: m.group(1) + five)


def _five_change(t: str, change: Decimal) -> str:
    amount = _basic(t)
    rate = (change * 100 / (amount - change)).quantize(CENT)
    return f"，比上年预算增加 {change}万元，增长 {rate}%，主要原因是人员增加。"


def _nv_sum() -> Disclosure:
    t = text()
    return parsed(edit(t, r"(一般公共预算基本支出 )([\d,.]+)(万元)", lambda m: m.group(1) + f"{Decimal(m.group(2).replace(',', '')) + 1:,}" + m.group(3)))


def _nv_operating_cost() -> Disclosure:
    return parsed(edit(text(), r"(机关运行经费财政拨款预算 )([\d,.]+)", lambda m: m.group(1) + str(
        Decimal(m.group(2).replace(",", "")) + 1)))


def _nv_project() -> Disclosure:
    return parsed(edit(text(), r"(预算安排规模：)([\d,.]+)", lambda m: m.group(1) + str(
        Decimal(m.group(2).replace(",", "")) + 1)))


def _nv_performance_summary() -> Disclosure:
    return parsed(edit(text(), r"(财政拨款项目涉及预算金额 )([\d,.]+)", lambda m: m.group(1) + f"{Decimal(m.group(2).replace(',', '')) + 1:,}"))


def _pf_project_budget() -> Disclosure:
    d = model()
    p = d.performance.projects[0]
    p.budget_total = (p.budget_total or Decimal(0)) + 1
    return d


def _pf_shared_table() -> Disclosure:
    d = model()
    a, b = d.performance.projects[0], d.performance.projects[1]
    a.budget_total = (a.budget_total or Decimal(0)) + (b.budget_total or Decimal(0))  # one table for two projects
    d.performance.projects.remove(b)
    return d


def _pf_project_no_table() -> Disclosure:
    d = model()
    d.performance.projects.pop()
    return d


def _pf_overall_funds() -> Disclosure:
    d = find_model(lambda m: m.performance.overall is not None and bool(m.performance.overall.sources))
    o = d.performance.overall
    assert o is not None
    key = next(k for k, v in o.sources.items() if v)
    o.sources[key] -= 10
    o.sources[next(k for k in o.sources if k != key)] += 10
    return d


def _pf_weights() -> Disclosure:
    d = model()
    o = d.performance.overall
    assert o is not None
    ind = next(i for i in o.indicators if i.weight)
    ind.weight = (ind.weight or Decimal(0)) + 5
    return d


def _project_table_dropped_and_explained() -> Disclosure:
    t = text()
    last = re.findall(r"（[一二三四五六七八九十]+）项目名称：([^\n]+)", t)[-1]
    t = edit(t, r"本部门无其他需说明事项。", f"{last}资金尚未分配到具体单位，暂未编制项目绩效目标表。")
    d = parsed(t)
    d.performance.projects = [p for p in d.performance.projects if p.name != last]
    return d


def _pf_project_unmatched() -> Disclosure:
    d = model()
    p = d.performance.projects[0]
    p.name, p.budget_total = "与本部门各项目都不同名的绩效目标表", Decimal("12345.67")
    return d


def _pr_staff_sum() -> Disclosure:
    d = model()
    d.profile.staffing.actual = (d.profile.staffing.actual or 0) + 1
    d.profile.staffing.authorized = (d.profile.staffing.actual or 0) + 5
    return d


def _pr_over_authorized() -> Disclosure:
    d = model()
    s = d.profile.staffing
    s.authorized = (s.actual or 1) - 1
    return d


def _nv_repeat() -> Disclosure:
    # section 五 states the 一般公共预算 total again, one 万元 off (table 5 agrees with neither, so the prose contradicts
    # itself)
    return parsed(edit(text(), r"(一般公共预算拨款合计 )([\d,.]+)", lambda m: m.group(1) + f"{Decimal(m.group(2).replace(',', '')) + 1:,}"))


def _five_and_six(six: Decimal) -> Disclosure:
    """五(一) says 基本支出 rose by 34.64 万元; 六 says the same 基本支出 rose by `six`."""
    t = _nv_base_diff_same_base(text(), Decimal("34.64"))
    basic = _basic_of_six(t)
    rate = (six * 100 / (basic - six)).quantize(CENT)
    return parsed(edit(t, r"(一般公共预算基本支出 [\d,.]+万元)，其中", lambda m: m.group(1) +
                       f"，比上年预算增加 {six}万元，增长 {rate}%，其中"))


def _basic_of_six(t: str) -> Decimal:
    m = re.search(r"一般公共预算基本支出 ([\d,.]+)万元，其中", t)
    assert m
    return Decimal(m.group(1).replace(",", ""))


def _nv_base_diff_same_base(t: str, change: Decimal) -> str:
    return edit(t, r"(（一）一般公共预算当年拨款规模变化情况\n+[^\n]*\n+基本支出 [\d,.]+万元)。",
                lambda m: m.group(1) + _five_change(t, change))


def _nv_reason() -> Disclosure:
    return parsed(_section3(text(), "，比上年预算增加 34.64万元，增长 " + str(
        (Decimal("34.64") * 100 / (_basic(text()) - Decimal("34.64"))).quantize(CENT)) + "%，主要原因是人员减少，基本支出减少"))


def _item_usage_change(t: str, word: str) -> str:
    """Item 1 of 五(三) with a change; section 三's reason names that item's 项 with the direction `word`."""
    m = re.search(r"1、([^（\n]+)（类）([^（\n]+)（款）([^（\n]+)（项）：2025年预算数为 ([\d,.]+)万元。", t)
    assert m
    amount = Decimal(m.group(4).replace(",", ""))
    change = (amount / 10).quantize(CENT)
    rate = (change * 100 / (amount - change)).quantize(CENT)
    t = t.replace(m.group(0), m.group(0)[:-1] + f"，比上年预算增加 {change}万元，增长 {rate}%，主要原因是业务增加。", 1)
    basic = _basic(t)
    c3 = Decimal("34.64")
    r3 = (c3 * 100 / (basic - c3)).quantize(CENT)
    return _section3(t, f"，比上年预算增加 {c3}万元，增长 {r3}%，主要原因是{m.group(3)}资金{word}")


def _nv_per_capita() -> Disclosure:
    t = text()
    m = re.search(r"预算安排规模：([\d,.]+)万元", t)
    assert m
    amount = Decimal(m.group(1).replace(",", ""))
    people = (amount / 100).quantize(CENT)  # 元 × 万人 = 万元: 120 元 × (amount/100) 万人 = 1.2 × amount
    return parsed(edit(t, r"资金分配情况：根据项目的绩效目标、实施进度和效果进行资金分配。",
                       f"资金分配情况：人均补助标准 120 元；保障人数不低于 {people} 万人。"))


def _first_project_size(t: str) -> Decimal:
    m = re.search(r"预算安排规模：([\d,.]+)万元", t)
    assert m
    return Decimal(m.group(1).replace(",", ""))


def _pj_allocation(spent: Decimal) -> Disclosure:
    """The first project of 七 states that its funds all go to one use, for `spent` 万元."""
    t = text()
    return parsed(edit(t, r"资金分配情况：根据项目的绩效目标、实施进度和效果进行资金分配。",
                       f"资金分配情况：全部用于办公费 {spent:,}万元。"))


def _pj_size_performance() -> Disclosure:
    """The first project's 预算安排规模 printed one 万元 above its table and its performance table."""
    t = text()
    size = _first_project_size(t)
    return parsed(edit(t, r"预算安排规模：[\d,.]+万元", f"预算安排规模：{size + 1:,}万元"))


def _growth_zero_silent() -> Disclosure:
    return parsed(_growth_text(text()))


# rule id → (make a document where it fires, make one where it must stay silent)
Case = tuple[Callable[[], Disclosure], Callable[[], Disclosure]]
CASES: dict[str, Case] = {
    "AR-ROUNDING": (_ar_rounding, model),
    "AR-ROW-IDENTITY": (_ar_row_identity, model),
    "AR-HIERARCHY": (_ar_hierarchy, model),
    "AR-INCOME-TREE": (_ar_income_tree, model),
    "AR-BALANCE": (_ar_balance, model),
    "AR-THREE-PUBLIC": (_ar_three_public, model),
    "AR-T6-PUBLIC": (_ar_t6_public, model),
    "CL-CODE-LEVEL": (_cl_code_level, model),
    "CL-NAME-CONSISTENT": (_cl_name_consistent, model),
    "CL-REFERENCE": (_cl_reference, model),
    "CP-TABLE-MISSING": (_drop_table("income_overview"), model),
    "CP-TEMPLATE-TABLE-MISSING": (_drop_table("carryover"), model),
    "CP-EMPTY-STATEMENT": (_cp_empty_statement, model),
    "CP-TABLE-DETAIL": (_cp_table_detail, model),
    "CP-EXPLANATION": (_cp_explanation, lambda: parsed(text())),
    "CP-EXPLANATION-DETAIL": (lambda: parsed(text()), lambda: parsed(_three_public_with_change(text()))),
    "CP-GLOSSARY": (_cp_glossary, lambda: parsed(text())),
    "CP-PROFILE": (_cp_profile, model),
    "CP-PERFORMANCE": (_cp_performance, model),
    "CP-PERFORMANCE-PROJECTS": (_cp_performance_projects, model),
    "IN-RULE-FAILED": (_in_rule_failed, model),
    "NV-AMOUNT": (_nv_amount, lambda: parsed(text())),
    "NV-SHARE": (_nv_share, lambda: parsed(text())),
    "NV-GROWTH": (lambda: parsed(_growth_text(text(), Decimal("2.00"))), lambda: parsed(_growth_text(text()))),
    "NV-GROWTH-ZERO-BASE": (lambda: parsed(_nv_zero_base(text())), _growth_zero_silent),
    "NV-BASE-DIFF": (lambda: parsed(_nv_base_diff_same_base(_growth_text(text()), Decimal("4.00"))),
                     lambda: parsed(_nv_base_diff_same_base(_growth_text(text()), Decimal("34.64")))),
    "NV-SUM": (_nv_sum, lambda: parsed(text())),
    "NV-OPERATING-COST": (_nv_operating_cost, lambda: parsed(text())),
    "NV-PROJECT": (_nv_project, lambda: parsed(text())),
    "NV-PERFORMANCE-SUMMARY": (_nv_performance_summary, lambda: parsed(text())),
    "PF-PROJECT-BUDGET": (_pf_project_budget, model),
    "PF-SHARED-TABLE": (_pf_shared_table, model),
    "PF-PROJECT-NO-TABLE": (_pf_project_no_table, model),
    "PF-OVERALL-FUNDS": (_pf_overall_funds, model),
    "PF-WEIGHTS": (_pf_weights, model),
    "PF-EXPLAINED": (_project_table_dropped_and_explained, lambda: parsed(text())),
    "PF-PROJECT-UNMATCHED": (_pf_project_unmatched, model),
    "PJ-ALLOCATION-SUM": (lambda: _pj_allocation(_first_project_size(text()) + 1),
                          lambda: _pj_allocation(_first_project_size(text()))),
    "PJ-SIZE-PERFORMANCE": (_pj_size_performance, lambda: parsed(text())),
    "PR-STAFF-SUM": (_pr_staff_sum, model),
    "PR-OVER-AUTHORIZED": (_pr_over_authorized, model),
    "NV-REPEAT": (_nv_repeat, lambda: parsed(text())),
    "NV-REPEAT-CHANGE": (lambda: _five_and_six(Decimal("30.00")), lambda: _five_and_six(Decimal("34.64"))),
    "NV-REASON": (_nv_reason, lambda: parsed(_growth_text(text()))),
    "NV-REASON-OTHER": (lambda: parsed(_item_usage_change(text(), "减少")),
                        lambda: parsed(_item_usage_change(text(), "增加"))),
    "NV-PER-CAPITA": (_nv_per_capita, lambda: parsed(text())),
    "XT-T10-ABOVE-T6": (cross_case(next(i for i in CROSS if i.id == "XT-T10-T6-RECEPTION"), above=True),
                        cross_silent(next(i for i in CROSS if i.id == "XT-T10-T6-RECEPTION"))),
}
for _ident in CROSS:
    CASES[_ident.id] = (cross_case(_ident), cross_silent(_ident))

# the 部门决算 family: its identities and checks on the 决算 built in tests/test_check_final.py
for _ident in FINAL.cross:
    CASES[_ident.id] = (fin.cross_fire(_ident), fin.cross_silent(_ident))


def _final_blank_abroad_budget() -> Disclosure:
    d = fin.final_model()
    del fin.row_of(d, fin.TP, "abroad").values["budget"]
    return fin.three_public_prose(d)


def _final_abroad_budget() -> Disclosure:
    d = fin.final_model()
    fin.row_of(d, fin.TP, "abroad").values["budget"] = Decimal("1.00")  # 0.00 of 1.00 is 0%: a rate that holds
    return fin.three_public_prose(d)


def _final_line(n: int, text: str) -> Callable[[], Disclosure]:
    def make() -> Disclosure:
        d = fin.final_model()
        d.line_texts[n] = text
        return d
    return make


CASES.update({
    "NV-FLAT": (lambda: fin.flat_model("63.14"), lambda: fin.flat_model("3.00")),
    "NV-EXECUTION": (lambda: fin.execution_model("97.15"), lambda: fin.execution_model("96.15")),
    "NV-EXECUTION-UNDEFINED": (_final_blank_abroad_budget, _final_abroad_budget),
    "NV-THREE-PUBLIC-BUDGET": (lambda: fin.three_public_prose(fin.final_model(), "13.00"),
                               lambda: fin.three_public_prose(fin.final_model())),
    "CP-PLACEHOLDER": (_final_line(301, "收入支出总计增加（减少）XXX 万元，增长（下降）XX%。"), fin.final_model),
    "CP-OTHER-BODY": (_final_line(99, "第二部分 某市某区审计局2024年度部门决算表"), fin.final_model),
    "CP-OTHER-YEAR": (_final_line(99, "第二部分 某市某区某某局2023年度部门决算表"), fin.final_model),
    "NV-BASIC-ITEMS": (lambda: fin.basic_items_model("基本工资、退休费"),
                       lambda: fin.basic_items_model("基本工资、津贴补贴、退休费")),
    "NV-ITEM-KIND": (lambda: fin.item_kind_model("养老保险缴费等项目支出"),
                     lambda: fin.item_kind_model("在职人员养老保险缴费等基本支出")),
})


def _boom(ctx: Context) -> Iterator[Hit]:
    raise RuntimeError("测试：规则出错")


def findings_of(rule_id: str, d: Disclosure) -> list:
    if rule_id != "IN-RULE-FAILED":
        return [f for f in check(d) if f.rule == rule_id]
    register("ZZ-BOTH-WAYS-BOOM", "arithmetic", "error", _boom, "测试用：运行即出错。\n\n示例：无。", title="测试用的出错规则二",
             note="测试用的规则，运行时出错。")
    try:
        return [f for f in check(d) if f.rule == rule_id]
    finally:
        del RULES["ZZ-BOTH-WAYS-BOOM"]


def test_every_rule_has_both_cases() -> None:
    missing = [r for r in RULES if r not in CASES]
    assert not missing, f"rules without a firing and a silent test: {missing}"
    assert not [r for r in CASES if r not in RULES], "cases for rules that no longer exist"


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_defect(rule_id: str) -> None:
    fire, _ = CASES[rule_id]
    found = findings_of(rule_id, fire())
    assert found, f"{rule_id} did not fire"
    assert all(f.severity == RULES[rule_id].severity or "仅供参考" in f.message or "未能确定" in f.message
               for f in found), [(f.severity, f.message) for f in found]


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_is_silent_without_it(rule_id: str) -> None:
    _, silent = CASES[rule_id]
    d = silent()
    found = [f for f in check(d) if f.rule == rule_id]
    assert not found, [f.message for f in found]
