"""The checker on 部门决算 documents (issue 12): a consistent 决算 built here in Python from FINAL.md's keys gives no
error or warning; each identity of FINAL.md «What must hold» and each 决算 check fires on its defect; and, where
../shared is beside the clone, the answer key of putuo-czj-2024 (its tables as a model, then the PDF itself).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache

import pytest

from yusuan.check import RANK, Finding, check
from yusuan.check.context import Context
from yusuan.check.rules.cross import printed_sides
from yusuan.model import (
    Column,
    Disclosure,
    Narrative,
    Profile,
    ProfileUnit,
    Row,
    Source,
    SourceFile,
    Statement,
    Table,
)
from yusuan.spec import FINAL, CrossIdentity, ProseSpec, Subject, registered

from .conftest import SHARED

D = Decimal
PUTUO = SHARED / "final" / "putuo-czj-2024.pdf"
KEY = SHARED / "final" / "putuo-czj-2024.json"
requires_putuo = pytest.mark.skipif(not KEY.is_file(), reason="../shared/final is not beside the clone")

# ---- a consistent 决算, built from FINAL.md's keys --------------------------------------------------------------

OV, INC, EXP, FIS = "final_overview", "final_income", "final_expenditure", "final_fiscal_overview"
GEN, BAS, TP, FUND, SOE = ("final_general_expenditure", "final_general_basic", "final_three_public", "final_fund",
                           "final_soe")
LEVEL = {3: "class", 5: "category", 7: "item"}


def _row(kind: str, values: dict[str, str], code: str | None = None, item: str | None = None,
         name: str | None = None) -> Row:
    return Row(kind, code=code, item=item, name=name, values={k: D(v) for k, v in values.items()})


def _coded(code: str, name: str, **values: str) -> Row:
    return _row(LEVEL[len(code)], values, code=code, name=name)


def _table(key: str, rows: list[Row], cols: tuple[str, ...], empty: bool = False, line: int = 0) -> Table:
    spec = FINAL.table(key)
    assert spec is not None
    for i, r in enumerate(rows):
        r.source = Source(line=line + i + 1)
        r.name = r.name or spec.item_labels.get(r.item or "")
    labels = {c.key: c.label for c in (*spec.columns, *spec.left, *spec.right)}
    return Table(key, None, spec.title, empty, "注：本部门无此项收支，故本表无数据。" if empty else None,
                 [Column(c, labels.get(c, c)) for c in cols], rows, Source(line=line))


def _functional(cols: dict[str, tuple[str, ...]]) -> list[Row]:
    """The 类/款/项 rows of the coded tables: 201 一般公共服务支出 70 (项目 20), 208 社会保障和就业支出 30."""
    rows = []
    for code, name in (("201", "一般公共服务支出"), ("20101", "人大事务"), ("2010101", "行政运行"),
                       ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"),
                       ("2080505", "机关事业单位基本养老保险缴费支出")):
        rows.append(_coded(code, name, **dict(zip(cols["keys"], cols[code[:3]], strict=True))))
    return rows


def final_model() -> Disclosure:
    """A 部门决算 where every identity of FINAL.md holds (figures in 万元)."""
    ov = [_row("income", {"amount": "100.00"}, item="general"),
          _row("income", {"amount": "100.00"}, item="current_income"),
          _row("income", {"amount": "5.00"}, item="opening_balance"),
          _row("total", {"amount": "105.00"}, item="income_total"),
          _row("expenditure", {"amount": "70.00"}, code="201", name="一般公共服务支出"),
          _row("expenditure", {"amount": "30.00"}, code="208", name="社会保障和就业支出"),
          _row("expenditure", {"amount": "100.00"}, item="current_expenditure"),
          _row("expenditure", {"amount": "5.00"}, item="closing_balance"),
          _row("total", {"amount": "105.00"}, item="expenditure_total")]
    inc = [_row("total", {"total": "100.00", "fiscal": "100.00"}, name="合计"),
           *_functional({"keys": ("total", "fiscal"), "201": ("70.00", "70.00"), "208": ("30.00", "30.00")})]
    exp = [_row("total", {"total": "100.00", "basic": "80.00", "project": "20.00"}, name="合计"),
           *_functional({"keys": ("total", "basic", "project"), "201": ("70.00", "50.00", "20.00"),
                         "208": ("30.00", "30.00", "0.00")})]
    fis = [_row("income", {"amount": "100.00"}, item="general"),
           _row("income", {"amount": "100.00"}, item="current_income"),
           _row("income", {"amount": "5.00"}, item="opening_fiscal_balance"),
           _row("income", {"amount": "5.00"}, item="opening_general"),
           _row("total", {"amount": "105.00"}, item="income_total"),
           _row("expenditure", {"total": "70.00", "general": "70.00"}, code="201", name="一般公共服务支出"),
           _row("expenditure", {"total": "30.00", "general": "30.00"}, code="208", name="社会保障和就业支出"),
           _row("expenditure", {"total": "100.00", "general": "100.00"}, item="current_expenditure"),
           _row("expenditure", {"total": "5.00", "general": "5.00"}, item="closing_fiscal_balance"),
           _row("total", {"total": "105.00", "general": "105.00"}, item="expenditure_total")]
    gen = [_row("total", {"total": "100.00", "basic": "80.00", "project": "20.00"}, name="合计"),
           *_functional({"keys": ("total", "basic", "project"), "201": ("70.00", "50.00", "20.00"),
                         "208": ("30.00", "30.00", "0.00")})]
    bas = [_coded("301", "工资福利支出", amount="60.00"), _coded("30101", "基本工资", amount="40.00"),
           _coded("30102", "津贴补贴", amount="20.00"), _coded("302", "商品和服务支出", amount="15.00"),
           _coded("30201", "办公费", amount="5.00"), _coded("30217", "公务接待费", amount="2.00"),
           _coded("30231", "公务用车运行维护费", amount="8.00"), _coded("303", "对个人和家庭的补助", amount="5.00"),
           _coded("30302", "退休费", amount="5.00"),
           _row("total", {"amount": "65.00"}, item="personnel_total", name="人员经费合计"),
           _row("total", {"amount": "15.00"}, item="public_total", name="公用经费合计")]
    tp = [_row("total", {"budget": "12.00", "final": "10.00"}, item="total"),
          _row("item", {"budget": "0.00", "final": "0.00"}, item="abroad"),
          _row("item", {"budget": "10.00", "final": "8.00"}, item="vehicle"),
          _row("item", {"budget": "0.00", "final": "0.00"}, item="vehicle_purchase"),
          _row("item", {"budget": "10.00", "final": "8.00"}, item="vehicle_operation"),
          _row("item", {"budget": "2.00", "final": "2.00"}, item="reception")]
    fund_cols = ("opening_balance", "income", "expenditure_total", "expenditure_basic", "expenditure_project",
                 "closing_balance")
    tables = [_table(OV, ov, ("amount",), line=100), _table(INC, inc, ("total", "fiscal"), line=120),
              _table(EXP, exp, ("total", "basic", "project"), line=140),
              _table(FIS, fis, ("amount", "total", "general", "fund", "soe"), line=160),
              _table(GEN, gen, ("total", "basic", "project"), line=180), _table(BAS, bas, ("amount",), line=200),
              _table(TP, tp, ("budget", "final"), line=220), _table(FUND, [], fund_cols, empty=True, line=240),
              _table(SOE, [], fund_cols, empty=True, line=250)]
    d = Disclosure(SourceFile("final.txt", "0" * 64, "tab", 400), year=2024, department="某市某区某某局",
                   kind="部门决算", template="final", unit="万元", tables=tables,
                   profile=Profile(functions=["负责某某工作。"], units=[ProfileUnit("某市某区某某局（本级）")],
                                   source=Source(line=10)),
                   narrative=Narrative(glossary=True), parts={"narrative": Source(line=298)})
    d.line_texts = {10: "第一部分 某市某区某某局概况", 99: "第二部分 某市某区某某局2024年度部门决算表"}
    explained(d)
    return d


def explained(d: Disclosure) -> None:
    """第三部分's sections: one per explanation the template requires (their figures are added by `say`)."""
    for i, (block, what) in enumerate(FINAL.explanations):
        d.narrative.sections.append({"section": str(i), "block": block, "line": 290, "heading": what, "paragraphs": [],
                                     "paragraph_lines": []})


def say(d: Disclosure, section: str, block: str, text: str, *figs: tuple[str, str, str], **extra: str) -> None:
    """Add one paragraph of 第三部分 (as its own section) with its figures: (subject, metric, value)."""
    line = 300 + len(d.narrative.sections) * 3
    d.narrative.sections.append({"section": section, "block": block, "line": line, "heading": "", "paragraphs":
                                 [text], "paragraph_lines": [line + 1]})
    d.line_texts[line + 1] = text
    for subject, metric, value in figs:
        unit = "%" if metric in ("share", "growth", "execution_rate") else "万元"
        d.narrative.statements.append(Statement(section, subject, metric, D(value), unit=unit, block=block,
                                                line=line + 1, base=extra.get("base"), code=extra.get("code")))


def errors_and_warnings(d: Disclosure) -> list[Finding]:
    return [f for f in check(d) if RANK[f.severity] >= RANK["warning"]]


def fired(rule_id: str, d: Disclosure) -> list[Finding]:
    return [f for f in check(d) if f.rule == rule_id]


def row_of(d: Disclosure, key: str, sel: str) -> Row:
    t = d.table(key)
    assert t is not None
    return next(r for r in t.rows if r.code == sel or r.item == sel or (sel == "total" and r.kind == "total"))


def test_a_consistent_final_has_no_error_or_warning() -> None:
    d = final_model()
    assert not errors_and_warnings(d), [(f.rule, f.message) for f in errors_and_warnings(d)]


# ---- every identity of FINAL.md, one defect each ------------------------------------------------------------------

def sides(d: Disclosure, ident: CrossIdentity) -> tuple[list, list] | None:
    return printed_sides(Context(d), ident)


REF = re.compile(r"^(\w+)\[(\w+)\]\.(\w+)$")


def balanced(ident: CrossIdentity) -> Disclosure:
    """The consistent 决算 where both sides of the identity print figures: where they do not, each left cell is
    set to 1.00 and the right side to the same sum (rows and tables printed as needed; other identities may then
    fail, but only this identity's rule is asked)."""
    d = final_model()
    if sides(d, ident) is not None:
        return d
    for refs, values in ((ident.left, [D(1)] * len(ident.left)),
                         (ident.right, [D(len(ident.left))] + [D(0)] * (len(ident.right) - 1))):
        for ref, value in zip(refs, values, strict=True):
            m = REF.match(ref.replace("{code}", "201"))
            assert m
            key, sel, col = m.groups()
            t = d.table(key)
            assert t is not None
            t.empty, t.empty_statement = False, None
            if col not in t.column_keys():
                t.columns.append(Column(col, col))
            row = next((r for r in t.rows if r.code == sel or r.item == sel or (sel == "total" and r.kind == "total"
                                                                                 and r.item in (None, "total"))), None)
            if row is None:
                row = Row("total" if sel == "total" else ("class" if sel.isdigit() else "income"),
                          code=sel if sel.isdigit() else None, item=None if sel.isdigit() or sel == "total" else sel,
                          name=sel, source=Source(line=290))
                t.rows.append(row)
            row.values[col] = value
    assert sides(d, ident) is not None, ident.id
    return d


@cache
def _model_for(ident_id: str) -> Disclosure:
    return balanced(next(i for i in FINAL.cross if i.id == ident_id))


def cross_fire(ident: CrossIdentity, above: bool = False) -> Callable[[], Disclosure]:
    def make() -> Disclosure:
        d = copy.deepcopy(_model_for(ident.id))
        found = sides(d, ident)
        assert found
        left, right = found
        term = next(t for t in (left if above or ident.id not in ("XF-P-B-RECEPTION", "XF-P-B-VEHICLE") else right)
                    if t.value())
        term.row.values[term.col] += D(1)
        return d
    return make


def cross_silent(ident: CrossIdentity) -> Callable[[], Disclosure]:
    return lambda: copy.deepcopy(_model_for(ident.id))


@pytest.mark.parametrize("ident", FINAL.cross, ids=lambda i: i.id)
def test_each_identity_fires_on_its_defect_and_only_then(ident: CrossIdentity) -> None:
    assert not fired(ident.id, cross_silent(ident)())
    got = fired(ident.id, cross_fire(ident)())
    assert got and all(f.severity == ident.severity for f in got), [(f.severity, f.message) for f in got]


def test_personnel_and_public_totals_of_the_basic_table() -> None:
    d = final_model()
    row_of(d, BAS, "personnel_total").values["amount"] = D("66.00")
    msgs = [f.message for f in fired("XF-B-PERSONNEL", d)]
    assert msgs and "人员经费合计" in msgs[0] and "66.00" in msgs[0] and "65.00" in msgs[0]
    assert fired("XF-G-B-BASIC", d)  # 基本支出 80.00 = 人员经费合计 + 公用经费合计 no longer holds


def test_hierarchy_ignores_the_closing_items_of_the_basic_table() -> None:
    # 人员经费合计 (a row of kind total) is not the table's 合计: it is not the sum of the classes
    d = final_model()
    assert not [f for f in check(d) if f.rule == "AR-HIERARCHY"]
    row_of(d, BAS, "30101").values["amount"] = D("41.00")
    got = fired("AR-HIERARCHY", d)
    assert got and "301" in got[0].message


def test_a_cent_gap_is_rounding_and_names_the_tables_by_title() -> None:
    d = final_model()
    row_of(d, OV, "208").values["amount"] = D("29.99")
    row_of(d, FIS, "208").values["total"] = D("29.99")
    row_of(d, FIS, "208").values["general"] = D("29.99")
    found = errors_and_warnings(d)
    assert {f.rule for f in found} == {"AR-ROUNDING"}, [(f.rule, f.message) for f in found]
    # the 类 row's gap (with its other tables) and the overview's 本年支出合计 against its 类 rows
    assert len(found) <= 2 and "收入支出决算总表" in found[0].message and "表1" not in found[0].message


def test_three_public_tree_per_column() -> None:
    d = final_model()
    row_of(d, TP, "vehicle").values["budget"] = D("11.00")
    got = fired("AR-THREE-PUBLIC", d)
    assert got and "预算数" in " ".join(f.message for f in got)


def test_balance_of_the_overview_and_its_class_rows() -> None:
    d = final_model()
    row_of(d, OV, "expenditure_total").values["amount"] = D("106.00")
    assert fired("AR-BALANCE", d)
    d = final_model()
    row_of(d, OV, "201").values["amount"] = D("71.00")
    assert [f for f in fired("AR-BALANCE", d) if "本年支出合计" in f.message]


def test_profile_of_a_final_needs_units_not_staffing() -> None:
    d = final_model()
    assert not fired("CP-PROFILE", d)
    d.profile.units = []
    assert [f.message for f in fired("CP-PROFILE", d)] == ["概况没有列出单位构成（纳入编制范围的单位或机构设置）。"]


# ---- the prose of a 决算 ---------------------------------------------------------------------------------------

def flat_model(general_change: str) -> Disclosure:
    """四 says the 财政拨款 total is 持平 with last year; 五(一) gives the 一般公共预算 change."""
    d = final_model()
    say(d, "四", "fiscal", "某局2024年度财政拨款收入支出总计105.00万元。与2023年度相比，财政拨款收入支出总计持平。",
        ("财政拨款收入支出总计", "amount", "105.00"), ("财政拨款收入支出总计", "change", "0"))
    say(d, "五", "general_split", f"一般公共预算财政拨款支出100.00万元。与2023年度相比，减少{general_change}万元。",
        ("一般公共预算财政拨款支出", "amount", "100.00"), ("一般公共预算财政拨款支出", "change", f"-{general_change}"))
    return d


def test_flat_contradicted_by_a_part_that_was_larger_last_year() -> None:
    got = fired("NV-FLAT", flat_model("63.14"))
    assert got and got[0].severity == "error" and "163.14" in got[0].message and "105.00" in got[0].message
    assert not fired("NV-FLAT", flat_model("3.00"))  # 103.00 last year fits in a total of 105.00


def test_flat_of_a_part_is_no_claim_about_the_total() -> None:
    # `项目支出0.00万元，与上年持平` in 三 says nothing of 三's total: 五(一) may well have changed
    d = final_model()
    say(d, "三", "expenditure", "本年支出合计100.00万元，其中：基本支出100.00万元；项目支出0.00万元，与上年持平。",
        ("本年支出合计", "amount", "100.00"), ("基本支出", "amount", "100.00"), ("项目支出", "amount", "0.00"),
        ("项目支出", "change", "0"))
    say(d, "五", "general_split", "一般公共预算财政拨款支出100.00万元，比上年减少63.14万元。",
        ("一般公共预算财政拨款支出", "amount", "100.00"), ("一般公共预算财政拨款支出", "change", "-63.14"))
    assert not fired("NV-FLAT", d)


def execution_model(rate: str, budget: str = "104.00", full: str | None = None, base: str = "年初预算") -> Disclosure:
    d = final_model()
    figs = [("一般公共预算财政拨款支出年初预算", "budget", budget)]
    if full is not None:
        figs.append(("全年预算数", "full_year_budget", full))
    figs += [("支出决算", "amount", "100.00"), ("完成年初预算", "execution_rate", rate)]
    say(d, "五(三)", "item_usage", f"年初预算为{budget}万元，支出决算为100.00万元，完成{base}的{rate}%。", *figs, base=base)
    return d


def test_execution_rate_recomputed_and_its_base_named() -> None:
    assert not fired("NV-EXECUTION", execution_model("96.15"))
    got = fired("NV-EXECUTION", execution_model("97.15"))
    assert got and "96.15" in got[0].message
    wrong_base = fired("NV-EXECUTION", execution_model("95.24", full="105.00"))  # 100 / 105: the full-year budget
    assert wrong_base and "用错了基数" in wrong_base[0].message
    assert not fired("NV-EXECUTION", execution_model("95.24", full="105.00", base="全年预算"))


def three_public_prose(d: Disclosure, budget: str = "12.00") -> Disclosure:
    say(d, "七", "three_public", f"“三公”经费财政拨款支出年初预算为{budget}万元，支出决算为10.00万元，完成预算的83.33%，"
        "其中：因公出国（境）费决算为0.00万元，完成预算的0%。",
        ("“三公”经费财政拨款支出年初预算", "budget", budget), ("支出决算", "amount", "10.00"),
        ("完成预算", "execution_rate", "83.33"), ("因公出国（境）费决算", "amount", "0.00"),
        ("因公出国（境）费完成预算", "execution_rate", "0"))
    return d


def test_rate_on_a_blank_budget_is_undefined_info() -> None:
    d = final_model()
    del row_of(d, TP, "abroad").values["budget"]
    got = fired("NV-EXECUTION-UNDEFINED", three_public_prose(d))
    assert got and got[0].severity == "info" and "因公出国" in got[0].message
    assert not fired("NV-EXECUTION", three_public_prose(final_model()))
    assert not fired("NV-EXECUTION-UNDEFINED", execution_model("96.15"))


def test_three_public_budget_against_its_table() -> None:
    assert not fired("NV-THREE-PUBLIC-BUDGET", three_public_prose(final_model()))
    got = fired("NV-THREE-PUBLIC-BUDGET", three_public_prose(final_model(), "13.00"))
    assert got and "12.00" in got[0].message


def procurement_model(service: str, sme_other: str = "4.79") -> Disclosure:
    d = final_model()
    say(d, "十一(二)", "procurement", "政府采购金额为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额"
        f"{service}万元。", ("政府采购金额", "amount", "251.25"), ("货物采购金额", "amount", "4.79"),
        ("工程采购金额", "amount", "0"), ("服务采购金额", "amount", service),
        ("面向中小企业预留项目中由中小企业供应商中标或成交的", "amount", "246.46"),
        ("其他政府采购项目中由中小企业供应商中标或成交的", "amount", sme_other))
    return d


def test_procurement_parts_and_awards() -> None:
    assert not [f for f in check(procurement_model("246.46")) if f.rule in ("NV-SUM", "AR-ROUNDING")]
    cent = [f for f in check(procurement_model("246.47")) if f.rule == "AR-ROUNDING"]
    assert cent and "政府采购" in cent[0].message
    assert fired("NV-SUM", procurement_model("247.46"))
    awards = [f for f in check(procurement_model("246.46", "4.80")) if f.rule == "AR-ROUNDING"]
    assert awards and "中小企业" in awards[0].message


def items_model(second: str) -> Disclosure:
    d = final_model()
    say(d, "五(三)", "item_usage", "年初预算为104.00万元，支出决算为100.00万元。", ("年初预算", "budget", "104.00"),
        ("支出决算", "amount", "100.00"))
    for code, name, budget, spent in (("2010101", "行政运行", "72.00", "70.00"), ("2080505", "养老", second, "30.00")):
        d.narrative.statements += [
            Statement("五(三)", f"一般公共服务支出（类）某某（款）{name}（项）", "budget", D(budget), code=code, unit="万元",
                      block="item_usage", line=320),
            Statement("五(三)", "支出决算", "amount", D(spent), code=code, unit="万元", block="item_usage", line=321)]
    return d


def test_per_item_figures_add_up_to_the_stated_total() -> None:
    assert not [f for f in check(items_model("32.00")) if f.rule in ("NV-SUM", "AR-ROUNDING")]
    assert [f for f in check(items_model("32.01")) if f.rule == "AR-ROUNDING" and "各项合计" in f.message]
    assert fired("NV-SUM", items_model("33.00"))  # both 项 of the table are listed: their sum must be the total


SUBJECTS_FAMILY = "final-test-subjects"


@pytest.fixture(autouse=True, scope="module")
def _subjects_family_known() -> Iterator[None]:
    """The 决算 family with where its prose totals are in the tables: 一 总计, 二 本年收入合计, 三 本年支出合计,
    四 财政拨款总计, 五(一) 一般公共预算合计 — known while this module's tests run, gone afterwards."""
    subjects = (Subject("total", ((OV, "income_total", ("amount",)),), first=True),
                Subject("income", ((INC, "total", ("total",)),), first=True),
                Subject("expenditure", ((EXP, "total", ("total",)),), first=True),
                Subject("fiscal", ((FIS, "income_total", ("amount",)),), first=True),
                Subject("general_split", ((GEN, "total", ("total",)),), first=True))
    with registered(dataclasses.replace(FINAL, name=SUBJECTS_FAMILY,
                                        prose=dataclasses.replace(FINAL.prose, subjects=subjects))):
        yield


def subjects_family() -> str:
    return SUBJECTS_FAMILY


def test_unit_slip_is_named() -> None:
    d = final_model()
    d.template = subjects_family()
    say(d, "四", "fiscal", "某局2024年度财政拨款收入支出总计0.01万元。", ("财政拨款收入支出总计", "amount", "0.01"))
    got = fired("NV-AMOUNT", d)
    assert got and got[0].severity == "error" and "亿元" in got[0].message
    d.narrative.statements[-1].value = D("105.00")
    assert not fired("NV-AMOUNT", d)


def test_the_totals_of_a_final_are_different_quantities() -> None:
    # 收支总计 (with balances) ≠ 本年收入合计 = 本年支出合计; 财政拨款总计 ≠ 一般公共预算合计: no NV-REPEAT
    d = final_model()
    d.template = subjects_family()
    for section, block, subject, value in (("一", "total", "收入支出总计", "105.00"), ("二", "income", "本年收入合计", "100.00"),
                                           ("三", "expenditure", "本年支出合计", "100.00"),
                                           ("四", "fiscal", "财政拨款收入支出总计", "105.00"),
                                           ("五", "general_split", "一般公共预算财政拨款支出", "100.00")):
        say(d, section, block, f"{subject}{value}万元。", (subject, "amount", value))
    assert not [f for f in check(d) if RANK[f.severity] >= RANK["warning"]], \
        [(f.rule, f.message) for f in check(d) if RANK[f.severity] >= RANK["warning"]]
    d.narrative.statements[2].value = D("101.00")  # 三 no longer the table's 本年支出合计
    assert fired("NV-AMOUNT", d)


def test_prose_spec_type_is_the_template_s() -> None:
    assert isinstance(FINAL.prose, ProseSpec)


# ---- leftovers of the template ----------------------------------------------------------------------------------

def test_placeholders_other_body_and_other_year() -> None:
    d = final_model()
    d.line_texts[301] = "与 2023 年度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。"
    got = fired("CP-PLACEHOLDER", d)
    assert got and got[0].lines() == [301] and "增加（减少）" in got[0].message
    assert not fired("CP-PLACEHOLDER", final_model())
    d = final_model()
    d.line_texts[99] = "第二部分 某市某区审计局2024年度部门决算表"
    assert fired("CP-OTHER-BODY", d) and not fired("CP-OTHER-YEAR", d)
    d.line_texts[99] = "第二部分 某市某区某某局2023年度部门决算表"
    assert fired("CP-OTHER-YEAR", d) and not fired("CP-OTHER-BODY", d)
    d.line_texts[99] = "<h2>第二部分 2024年度部门决算表</h2>"  # an HTML source's line, naming no body
    assert not fired("CP-OTHER-BODY", d) and not fired("CP-OTHER-YEAR", d)


# ---- the answer key of putuo-czj-2024 -------------------------------------------------------------------------------

def model_from_key(key: dict) -> Disclosure:
    """The key's tables (spelled in the model's keys) as a Disclosure, rows in the key's order."""
    tables = []
    for n, (ttype, t) in enumerate(key["tables"].items()):
        rows = []
        for i, r in enumerate(t.get("rows", [])):
            code = r.get("code")
            kind = r.get("kind") or ("total" if code in (None, "total") and not r.get("item") else
                                     LEVEL.get(len(code or ""), "item"))
            rows.append(Row(kind, code=None if code == "total" else code, item=r.get("item"), name=r.get("name"),
                            values={k: D(str(v)) for k, v in r.get("values", {}).items()},
                            source=Source(line=1000 * (n + 1) + i)))
        cols = sorted({c for r in rows for c in r.values})
        tables.append(Table(ttype, None, None, t.get("empty", False), t.get("empty_statement"),
                            [Column(c, c) for c in cols], rows, Source(line=1000 * (n + 1))))
    d = Disclosure(SourceFile("key.json", "0" * 64, "pdf"), year=key["year"], department=key["department"],
                   kind=key["kind"], template="final", unit=key["unit"], tables=tables,
                   profile=Profile(functions=["主要职能"], units=[ProfileUnit(u) for u in key["units"]]),
                   narrative=Narrative(glossary=True), parts={"narrative": Source(line=1)})
    explained(d)
    return d


@requires_putuo
def test_the_key_s_tables_give_its_cent_gaps_and_nothing_else() -> None:
    key = json.loads(KEY.read_text(encoding="utf-8"))
    found = errors_and_warnings(model_from_key(key))
    assert found and {f.rule for f in found} == {"AR-ROUNDING"}, [(f.rule, f.message) for f in found]
    text = " ".join(f.message for f in found)
    rows = {loc.row for f in found for loc in f.locations}
    # F4: 208 is 326.71 in the overviews, 326.72 elsewhere; F5–F7: 合计 vs Σ类; F8, F9: 301 and 302 vs Σ款
    assert "208" in rows and "301" in rows and "302" in rows, rows
    for figure in ("326.71", "2,946.25", "2,082.85", "171.07"):
        assert figure in text, figure


def _bare(s: str | None) -> str:
    return re.sub(r"\s", "", s or "")


def _holds(quote: str, evidence: str) -> bool:
    """A quoted line holds an evidence line: as a substring (spaces aside), or every word of the evidence is in the
    quote (the key abridges table rows: `201 2,106.66 1,503.52 603.14` for the row with its name)."""
    e, q = _bare(evidence), _bare(quote)
    if len(e) >= 6 and len(q) >= 6 and (e in q or q in e):
        return True
    words = evidence.split()
    return len(words) >= 2 and all(w in quote.split() or (not re.search(r"\d", w) and w in q) for w in words)


def answers(defect: dict, f: Finding) -> bool:
    return any(_holds(loc.quote, e) for e in defect["evidence"] for loc in f.locations if loc.quote)


@requires_putuo
@pytest.mark.slow  # parses a 25-page PDF
def test_putuo_every_genuine_defect_and_no_other_warning() -> None:
    from yusuan.parse import parse_path

    findings = check(parse_path(PUTUO))
    every = json.loads(KEY.read_text(encoding="utf-8"))["findings"]
    defects = [g for g in every if g["severity"] != "info"]
    # each defect answered by a finding of the key's severity (F1–F3 errors, F4–F11 warnings; F12–F14 info too)
    missed = [g["id"] for g in every if not any(answers(g, f) and f.severity == g["severity"] for f in findings)]
    extra = [(f.rule, f.message) for f in findings if f.severity != "info" and not any(answers(g, f) for g in defects)]
    assert not missed and not extra, (missed, extra)


@requires_putuo
@pytest.mark.slow  # parses putuo and checks ~100 copies
def test_mutations_of_putuo_are_detected_and_neutral_copies_add_nothing() -> None:
    import importlib.util
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parent.parent / "benchmarks" / "mutations.py"
    spec = importlib.util.spec_from_file_location("yusuan_mutations_final", bench)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    found = mod.run_final(per_kind=10, seed=5, paths=[PUTUO])
    assert found["cell"][1] == 10 and found["deleted_table"][1] == 9
    for kind, (hit, n) in found.items():
        assert hit == n, f"{kind}: {hit}/{n}"
    for kind, (bad, n) in mod.run_final(per_kind=10, seed=5, kinds=mod.FINAL_NEUTRAL, paths=[PUTUO],
                                        neutral=True).items():
        assert n and bad == 0, f"{kind}: {bad}/{n}"


@requires_putuo
@pytest.mark.slow  # parses the 30-page blank template
def test_the_blank_template_gives_no_error_or_warning_about_figures() -> None:
    from yusuan.parse import parse_path

    findings = check(parse_path(SHARED / "final" / "template-2024.pdf"))
    about_figures = [(f.rule, f.message) for f in findings if RANK[f.severity] >= RANK["warning"]
                     and f.category != "completeness"]
    assert not about_figures
    # what it does say: it is a template, its placeholders still to fill in
    assert any(f.rule == "CP-PLACEHOLDER" for f in findings)


def basic_items_model(personnel: str) -> Disclosure:
    d = final_model()
    say(d, "六", "basic_split", f"一般公共预算财政拨款基本支出80.00万元。其中：人员经费65.00万元，主要包括：{personnel}；"
        "公用经费15.00万元，主要包括：办公费、公务接待费、公务用车运行维护费。", ("一般公共预算财政拨款基本支出", "amount", "80.00"),
        ("人员经费", "amount", "65.00"), ("公用经费", "amount", "15.00"))
    return d


def test_the_items_listed_for_personnel_and_public_costs() -> None:
    assert not fired("NV-BASIC-ITEMS", basic_items_model("基本工资、津贴补贴、退休费"))
    got = fired("NV-BASIC-ITEMS", basic_items_model("基本工资、退休费"))
    assert got and got[0].severity == "info" and "30102 津贴补贴" in got[0].message


def item_kind_model(use: str) -> Disclosure:
    d = final_model()
    say(d, "五(三)", "item_usage", "2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。"
        f"主要用于：{use}。年初预算为30.00万元，支出决算为30.00万元。", ("年初预算", "budget", "30.00"))
    return d


def test_an_item_said_to_be_project_spending_held_as_basic() -> None:
    assert not fired("NV-ITEM-KIND", item_kind_model("在职人员养老保险缴费等基本支出"))
    got = fired("NV-ITEM-KIND", item_kind_model("养老保险缴费等项目支出"))
    assert got and got[0].severity == "info" and "2080505" in got[0].message


def test_a_part_in_brackets_is_no_claim_about_its_item() -> None:
    d = final_model()
    d.template = subjects_family()
    say(d, "七", "three_public", "公务接待费支出2.00万元（含外宾接待支出0.00万元）。", ("公务接待费支出", "amount", "2.00"),
        ("（含外宾接待支出", "amount", "0.00"))
    assert not [f for f in check(d) if f.rule in ("NV-AMOUNT", "NV-REPEAT")]


def test_awards_to_small_firms_count_each_award_once() -> None:
    # 小微企业 awards are part of the 中小企业 ones: 80.00 + 5.00 ≤ 100.00 however large the 小微 part
    d = final_model()
    say(d, "十一(二)", "procurement", "政府采购金额为100.00万元。", ("政府采购金额", "amount", "100.00"),
        ("在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购", "amount", "80.00"),
        ("在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购", "amount", "60.00"),
        ("在其他政府采购项目中，由中小企业供应商中标或成交的，采购", "amount", "5.00"))
    assert not [f for f in check(d) if f.rule in ("NV-SUM", "AR-ROUNDING")]


def test_the_fiscal_total_with_balances_changes_apart_from_the_general_total() -> None:
    # 四's 总计 holds the opening balances (none this year, maybe some last year): its change is not 五(一)'s
    d = final_model()
    d.template = subjects_family()
    for r in d.tables[3].rows:  # no balance this year: 总计 = 本年收入合计 = 100.00 = 五(一)'s total
        if r.item in ("opening_fiscal_balance", "opening_general", "closing_fiscal_balance"):
            r.values = {k: D(0) for k in r.values}
        if r.item in ("income_total", "expenditure_total"):
            r.values = {k: D("100.00") for k in r.values}
    say(d, "四", "fiscal", "财政拨款收入支出总计100.00万元，比上年减少8.00万元。", ("财政拨款收入支出总计", "amount", "100.00"),
        ("财政拨款收入支出总计", "change", "-8.00"))
    say(d, "五", "general_split", "一般公共预算财政拨款支出100.00万元，比上年减少5.00万元。",
        ("一般公共预算财政拨款支出", "amount", "100.00"), ("一般公共预算财政拨款支出", "change", "-5.00"))
    assert not fired("NV-REPEAT-CHANGE", d)
