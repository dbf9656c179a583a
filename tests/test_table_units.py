"""Per-table units: a table printed in 元 among tables in 万元 is read with its own unit, its figures are compared with
the other tables' (and the prose's) in 元, within the rounding of the coarser figure, and written back with its
own `单位：元` line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.check import check
from yusuan.ingest import Line
from yusuan.model import Disclosure, Row, Table
from yusuan.parse import parse_bytes
from yusuan.parse.tables import TableBlock, table_unit
from yusuan.sample import department
from yusuan.spec import BUDGET
from yusuan.write import build, render

YUAN_PER_WAN = Decimal(10000)
BASIC = "general_budget_basic"  # 表6, the one table printed in 元 here


def _basic_in_yuan(d: Disclosure) -> Table:
    """Table 6 of `d` printed in 元 (its own unit line), the other tables staying in 万元."""
    t = d.table(BASIC)
    assert t is not None and t.rows
    t.unit = "元"
    for r in t.rows:
        r.values = {k: v * YUAN_PER_WAN for k, v in r.values.items()}
    return t


def _total(t: Table) -> Row:
    return next(r for r in t.rows if r.kind == "total")


def _serious(d: Disclosure) -> list[tuple[str | None, str]]:
    return [(f.rule, f.message) for f in check(d) if f.severity in ("error", "warning")]


@pytest.fixture
def doc() -> Disclosure:
    return department(7, 3)


def test_a_table_in_yuan_among_tables_in_wan_agrees(doc: Disclosure) -> None:
    before = _serious(department(7, 3))
    _basic_in_yuan(doc)
    assert _serious(doc) == before


def test_the_coarser_figures_rounding_is_no_disagreement(doc: Disclosure) -> None:
    """表6 total 40 元 above the 万元 figures of the other tables: within 0.005 万元, no cross-table finding (its own
    sum is off, which the arithmetic rules report)."""
    t = _basic_in_yuan(doc)
    _total(t).values["total"] += Decimal(40)
    cross = [(r, m) for r, m in _serious(doc) if r and r.startswith("XT-")]
    assert cross == []


def test_a_total_off_by_100_yuan_is_a_cross_table_finding_in_both_units(doc: Disclosure) -> None:
    t = _basic_in_yuan(doc)
    row = _total(t)
    row.values["total"] += Decimal(100)
    cross = [(r, m) for r, m in _serious(doc) if r and r.startswith("XT-")]
    assert cross, _serious(doc)
    rule, msg = next((r, m) for r, m in cross if "表6" in m)
    want = f"{row.values['total']:,.2f} 元"  # 表6's figure in its own unit
    assert want in msg and " 万元" in msg and "相差" in msg, msg
    assert "100.00 元" in msg, msg  # the difference in the finer unit


def test_a_prose_figure_in_wan_against_a_table_in_yuan(doc: Disclosure) -> None:
    t = _basic_in_yuan(doc)
    assert not [r for r, _ in _serious(doc) if r == "NV-AMOUNT"]  # 1,839.73 万元 states 18,397,300.00 元
    personnel = next(s for s in doc.narrative.statements if s.block == "basic_split" and s.subject == "人员经费")
    personnel.value += Decimal(1)  # 1 万元 more than table 6 says
    hits = [m for r, m in _serious(doc) if r == "NV-AMOUNT" and "人员经费" in m]
    assert hits, _serious(doc)
    table_figure = f"{_total(t).values['personnel']:,.2f} 元"
    assert table_figure in hits[0] and "万元" in hits[0], hits[0]
    assert "相差 10,000.00 元" in hits[0], hits[0]  # 1 万元, said in the table's unit


def test_parse_reads_each_tables_unit_and_the_writer_prints_it(doc: Disclosure) -> None:
    _basic_in_yuan(doc)
    text = render(build(doc), "txt-tab")
    got = parse_bytes(text, "units.txt")
    units = {t.type: t.unit for t in got.tables}
    assert units[BASIC] == "元"
    assert {u for k, u in units.items() if k != BASIC} == {None}  # the document's unit
    assert got.unit == "万元"  # the document's unit: the first printed
    assert got.table(BASIC).rows[0].values == doc.table(BASIC).rows[0].values  # type: ignore[union-attr]
    # read back, table 6 in 元 agrees with the tables in 万元 (the writer's prose, made from the tables in the
    # document's unit, is not this test's concern)
    assert not [r for r, _ in _serious(got) if r and r.startswith("XT-")]


def test_a_table_without_its_own_unit_is_written_as_before() -> None:
    d = department(7, 3)
    before = render(build(d), "txt-tab")
    for t in d.tables:
        t.unit = None
    assert render(build(d), "txt-tab") == before


def _block(*texts: str) -> TableBlock:
    lines = [Line(no=i + 1, text=s) for i, s in enumerate(texts)]
    spec = BUDGET.table(BASIC)
    assert spec is not None
    return TableBlock(spec, 6, texts[1], lines, lines[1])


@pytest.mark.parametrize(("texts", "unit"), [
    (("表6", "一般公共预算基本支出情况表", "编制部门：某某局 单位：元", "科目编码 科目名称 合计"), "元"),
    (("表6", "一般公共预算基本支出情况表", "编制部门：某某局", "金额单位：万元", "合计 1.00"), "万元"),
    (("表6", "一般公共预算基本支出情况表 单位：亿元", "科目编码 科目名称 合计"), "亿元"),
    (("表6", "一般公共预算基本支出情况表", "编制单位：某某元件厂", "科目编码 科目名称 合计"), None),
])
def test_a_tables_unit_line(texts: tuple[str, ...], unit: str | None) -> None:
    assert table_unit(_block(*texts)) == unit
