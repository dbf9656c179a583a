"""A template family is a value: a 预算 variant made here (tables in 元, titled 收入预算总表…) is detected, read,
checked and written back without a line of code outside this test knowing it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest

from yusuan.check import check
from yusuan.model import Disclosure
from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.spec import BUDGET, Template, detect, registered, template_of
from yusuan.write import build, render

YUAN_PER_WAN = Decimal(10000)
# the variant's own title of each table (`{org}` is 部门 or 单位): 预算总表 / 预算表 instead of 总体情况表 / 情况表
TITLES = {
    "income_expenditure_overview": "{org}收支预算总表", "income_overview": "{org}收入预算总表",
    "expenditure_overview": "{org}支出预算总表", "fiscal_overview": "财政拨款收支预算总表",
    "general_budget_expenditure": "一般公共预算支出预算表", "general_budget_basic": "一般公共预算基本支出预算表",
    "general_budget_projects": "一般公共预算项目支出预算表", "fund_budget_expenditure": "政府性基金预算支出预算表",
    "soe_budget_expenditure": "国有资本经营预算支出预算表", "three_public": "“三公”经费支出预算表",
    "carryover": "上年结转结余预算明细表",
}


def _pattern(title: str) -> str:
    """The whole title as printed, with an optional year in front and 部门/单位 where `{org}` stands."""
    return "^(\\d{4}年)?" + re.escape(title).replace(re.escape("{org}"), "(部门|单位)") + "$"


def yuan_variant() -> Template:
    tables = tuple(replace(t, title=TITLES[t.key], titles=(_pattern(TITLES[t.key]),), unit="元")
                   for t in BUDGET.tables)
    return replace(BUDGET, name="test-budget-yuan", label="部门预算（元）", tables=tables, unit="元")


@pytest.fixture
def variant() -> Iterator[Template]:
    with registered(yuan_variant()) as t:
        yield t


def in_yuan(d: Disclosure, family: Template) -> Disclosure:
    """The same department published in the variant: every table figure in 元."""
    d.template, d.unit = family.name, "元"
    for t in d.tables:
        for r in t.rows:
            r.values = {k: v * YUAN_PER_WAN for k, v in r.values.items()}
    return d


def _cells(d: Disclosure) -> dict[tuple[str, str, str], Decimal]:
    return {(t.type, f"{r.item or r.code or r.name}|{r.project or ''}", k): v
            for t in d.tables for r in t.rows for k, v in r.values.items()}


def test_the_variant_titles_name_the_same_table_types(variant: Template) -> None:
    assert variant.match_title("2025年部门收入预算总表").key == "income_overview"  # type: ignore[union-attr]
    assert variant.match_title("一般公共预算基本支出预算表").key == "general_budget_basic"  # type: ignore[union-attr]
    assert variant.match_title("部门收入总体情况表") is None  # the 预算's own title is not the variant's
    assert {t.unit for t in variant.tables} == {"元"}


def test_a_variant_document_is_read_checked_and_written_back(variant: Template) -> None:
    source = in_yuan(department(7, 3), variant)
    text = render(build(source), "txt-tab")
    assert "收入预算总表" in text.decode("utf-8") and "收入总体情况表" not in text.decode("utf-8")

    got = parse_bytes(text, "variant.txt")
    assert got.template == variant.name and template_of(got) is variant
    assert got.unit == "元"
    want, read = _cells(source), _cells(got)
    assert len(want) > 50 and read == want  # every figure, in 元, where it was

    findings = [f for f in check(got) if f.severity in ("error", "warning")]
    assert findings == [], [f"{f.rule} {f.message}" for f in findings[:10]]

    # written back from what was read: the same document again
    again = parse_bytes(render(build(got), "txt-tab"), "again.txt")
    assert again.template == variant.name and _cells(again) == want


def test_a_wrong_figure_in_a_variant_document_is_found_in_its_unit(variant: Template) -> None:
    source = in_yuan(department(7, 3), variant)
    t3 = source.table("expenditure_overview")
    assert t3 is not None
    row = next(r for r in t3.rows if r.kind == "class")
    row.values["total"] += Decimal(100)  # 100 元: far above the rounding of one printed figure
    got = parse_bytes(render(build(source), "txt-tab"), "variant.txt")
    errors = [f for f in check(got) if f.severity == "error"]
    assert errors and any("100.00" in f.message for f in errors)


def test_detection_keeps_the_budget_family_for_budget_documents(variant: Template) -> None:
    text = render(build(department(7, 3)), "txt-tab").decode("utf-8")
    assert detect(text.splitlines()) is BUDGET
    assert detect(["第二部分 2025年部门预算公开表", "部门收入预算总表", "部门支出预算总表"]) is variant
    assert detect([]) is BUDGET


def test_the_model_names_its_family_in_json() -> None:
    d = department(7, 3)
    assert d.to_dict()["template"] == BUDGET.name
    assert template_of(Disclosure(source=d.source)) is BUDGET  # a model written before families were carried
