"""Reading the 决算's nine tables (FINAL.md): a small 部门决算 written here cell by cell reads to the same cells
from PDF-like lines (cells on ruled lines), from the tab layout and from the space layout (blank cells lost: the
family's identities place the figures); then the pieces one by one — the sided overviews' closing rows and displaced
numbering, the 合计 glued to the header or printed last, the basic-expenditure table in two halves, the 三公 table
as one wide row ordered by its header, empty tables and their statement, the profile's units, detection."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.ingest import IngestError, Line, SourceDoc
from yusuan.model import Disclosure
from yusuan.parse import parse_bytes, parse_path, parse_source
from yusuan.parse.tables import TableBlock, parse_table
from yusuan.parse.text import is_total_label, label_key
from yusuan.spec import FINAL, CrossIdentity, registered

SHARED_FINAL = Path(__file__).resolve().parent.parent.parent / "shared" / "final"
requires_final = pytest.mark.skipif(not (SHARED_FINAL / "putuo-czj-2024.pdf").is_file(),
                                    reason="../shared/final is not beside the clone")

Cells = list[str]
B = ""  # a blank cell

# ---- the document, cell by cell ----------------------------------------------------------------------------------

COVER = ["某县示例局", "2024年度部门决算"]
PROFILE = [
    "第一部分 某县示例局概况", "一、主要职能", "（一）负责全县示例工作。", "（二）完成县委、县政府交办的其他任务。",
    "二、部门决算单位构成", "纳入某县示例局2024年度部门决算编制范围的单位包括：",
]
UNITS: list[Cells] = [["序号", "单位名称", "备注"], ["1", "某县示例局（本级）", B],
                      ["2", "某县示例中心", "预算不单列，并入本级"]]

OVERVIEW: list[Cells] = [
    ["收入", B, "支出", B], ["项目", "决算数", "项目", "决算数"],
    ["一、一般公共预算财政拨款收入", "1,000.00", "一、一般公共服务支出", "810.00"],
    ["二、政府性基金预算财政拨款收入", B, "二、外交支出", B],
    ["三、国有资本经营预算财政拨款收入", B, "三、国防支出", B],
    ["四 上级补助收入、", B, "四、公共安全支出", B],  # numbering whose 、 the PDF moved to the end
    ["五、事业收入", B, "五、教育支出", B], ["六、经营收入", B, "六、科学技术支出", B],
    ["七、附属单位上缴收入", B, "七、文化旅游体育与传媒支出", B],
    ["八、其他收入", "20.00", "八、社会保障和就业支出", "200.00"],
    [B, B, "九 卫生健康支出、", B], [B, B, "十、节能环保支出", B],
    ["本年收入合计", "1,020.00", "本年支出合计", "1,010.00"],
    ["使用非财政拨款结余（含专用结余）", B, "结余分配", B],
    ["年初结转和结余", "30.00", "年末结转和结余", "40.00"],
    ["总计", "1,050.00", "总计", "1,050.00"],
]
INCOME: list[Cells] = [
    ["科目编码", B, B, "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
     "附属单位上缴收入", "其他收入"],
    ["类", "款", "项", "合计", "1,020.00", "1,000.00", B, B, B, B, "20.00"],  # the header glued to 合计
    ["201", B, B, "一般公共服务支出", "820.00", "800.00", B, B, B, B, "20.00"],
    ["201", "06", B, "财政事务", "820.00", "800.00", B, B, B, B, "20.00"],
    ["201", "06", "01", "行政运行", "720.00", "700.00", B, B, B, B, "20.00"],
    ["201", "06", "02", "一般行政管理事务", "100.00", "100.00", B, B, B, B, B],
    ["208", B, B, "社会保障和就业支出", "200.00", "200.00", B, B, B, B, B],
    ["208", "05", B, "行政事业单位养老支出", "200.00", "200.00", B, B, B, B, B],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "200.00", "200.00", B, B, B, B, B],
]
EXPENDITURE: list[Cells] = [
    ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    ["合计", B, "1,010.00", "850.00", "160.00", B, B, B],
    ["201", "一般公共服务支出", "810.00", "650.00", "160.00", B, B, B],
    ["20106", "财政事务", "810.00", "650.00", "160.00", B, B, B],
    ["2010601", "行政运行", "710.00", "650.00", "60.00", B, B, B],
    ["2010602", "一般行政管理事务", "100.00", B, "100.00", B, B, B],
    ["208", "社会保障和就业支出", "200.00", "200.00", B, B, B, B],
    ["20805", "行政事业单位养老支出", "200.00", "200.00", B, B, B, B],
    ["2080505", "机关事业单位基本养老保险缴费支出", "200.00", "200.00", B, B, B, B],
]
FISCAL: list[Cells] = [
    ["收入", B, "支出", B, B, B, B],
    ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
    ["一、一般公共预算财政拨款", "1,000.00", "一、一般公共服务支出", "800.00", "800.00", B, B],
    ["二、政府性基金预算财政拨款", B, "二、外交支出", B, B, B, B],
    ["三、国有资本经营预算财政拨款", B, "三、国防支出", B, B, B, B],
    [B, B, "八、社会保障和就业支出", "200.00", "200.00", B, B],
    ["本年收入合计", "1,000.00", "本年支出合计", "1,000.00", "1,000.00", B, B],
    ["年初财政拨款结转和结余", "10.00", "年末财政拨款结转和结余", "10.00", "10.00", B, B],
    ["一、一般公共预算财政拨款", "10.00", B, B, B, B, B],
    ["二、政府性基金预算财政拨款", B, B, B, B, B, B],
    ["三、国有资本经营预算财政拨款", B, B, B, B, B, B],
    ["总计", "1,010.00", "总计", "1,010.00", "1,010.00", B, B],
]
GENERAL: list[Cells] = [
    ["科目编码", B, B, "科目名称", "合计", "基本支出", "项目支出"], ["类", "款", "项", B, B, B, B],
    ["201", B, B, "一般公共服务支出", "800.00", "650.00", "150.00"],
    ["201", "06", B, "财政事务", "800.00", "650.00", "150.00"],
    ["201", "06", "01", "行政运行", "700.00", "650.00", "50.00"],
    ["201", "06", "02", "一般行政管理事务", "100.00", B, "100.00"],
    ["208", B, B, "社会保障和就业支出", "200.00", "200.00", B],
    ["208", "05", B, "行政事业单位养老支出", "200.00", "200.00", B],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "200.00", "200.00", B],
    ["合计", B, B, B, "1,000.00", "850.00", "150.00"],  # the 合计 row printed last
]
BASIC: list[Cells] = [
    ["经济分类科目编码", B, B, B, "经济分类科目编码", B, B, B],
    ["类", "款", "科目名称", "决算数", "类", "款", "科目名称", "决算数"],
    ["301", B, "工资福利支出", "600.00", "302", B, "商品和服务支出", "50.00"],
    ["301", "01", "基本工资", "400.00", "302", "01", "办公费", "30.00"],
    ["301", "02", "津贴补贴", "200.00", "302", "17", "公务接待费", "2.00"],
    ["303", B, "对个人和家庭的补助", "200.00", "302", "99", "其他商品和服务支出", "18.00"],
    ["303", "02", "退休费", "200.00", "310", B, "资本性支出", B],
    [B, B, B, B, "310", "02", "办公设备购置", B],
    ["人员经费合计", "800.00", "公用经费合计", "50.00"],
]
THREE_PUBLIC: list[Cells] = [
    [B, B, "公务用车购置及运行维护费", B],
    ["合计", "因公出国（境）费", B, "公务接待费"],
    [B, B, "小计", "公务用车购置费", "公务用车运行维护费", B],
    ["预算数", "决算数"] * 6,
    ["6.00", "4.00", B, B, "3.00", "2.00", "1.00", "0.50", "2.00", "1.50", "3.00", "2.00"],
]


def _fund_like(what: str) -> list[Cells]:
    return [
        ["科目编码", B, B, "科目名称", "年初结转和结余", "本年收入", "本年支出", B, B, "年末结转和结余"],
        ["类", "款", "项", B, B, B, "小计", "基本支出", "项目支出", B],
        ["合计", B, B, B, B, B, B, B, B, B],
        # the statement beneath, broken inside a word
        [f"注：某县示例局无{what}预算财政拨款支出，故本表无数"], ["据。"],
    ]


TABLES: list[tuple[str, list[Cells]]] = [
    ("收入支出决算总表", OVERVIEW), ("收入决算表", INCOME), ("支出决算表", EXPENDITURE),
    ("财政拨款收入支出决算总表", FISCAL), ("一般公共预算财政拨款支出决算表", GENERAL),
    ("一般公共预算财政拨款基本支出决算表", BASIC), ("财政拨款“三公”经费支出决算表", THREE_PUBLIC),
    ("政府性基金预算财政拨款收入支出决算表", _fund_like("政府性基金")),
    ("国有资本经营预算财政拨款收入支出决算表", _fund_like("国有资本经营")),
]
NARRATIVE = ["第三部分 某县示例局2024年度部门决算情况说明", "一、收入支出决算总体情况说明",
             "某县示例局2024年度收入支出总计1,050.00万元。", "第四部分 名词解释", "一、财政拨款收入：指本级财政拨款。"]


def document(tables: list[tuple[str, list[Cells]]] | None = None) -> list[tuple[str | Cells, int]]:
    """The document as (a text line or a row of cells, its page): each table on a page of its own."""
    out: list[tuple[str | Cells, int]] = [(s, 1) for s in COVER]
    out += [(s, 2) for s in PROFILE] + [(row, 2) for row in UNITS]
    out.append(("第二部分 某县示例局2024年度部门决算表", 3))
    for k, (title, rows) in enumerate(tables if tables is not None else TABLES):
        page = 3 + k
        out += [(title, page), ("单位：万元", page)] + [(row if len(row) > 1 else row[0], page) for row in rows]
    out += [(s, 20) for s in NARRATIVE]
    return out


def as_text(layout: str, tables: list[tuple[str, list[Cells]]] | None = None) -> bytes:
    """The space layout drops blank cells (a PDF's text); the tab layout keeps one tab per cell."""
    out = []
    for item, _page in document(tables):
        if isinstance(item, str):
            out.append(item)
        else:
            out.append("\t".join(item) if layout == "tab" else " ".join(c for c in item if c))
    return ("\n".join(out) + "\n").encode()


def pdf_like(tables: list[tuple[str, list[Cells]]] | None = None) -> SourceDoc:
    """What the PDF reader gives: table rows as cells on ruled lines (blank cells kept), titles and prose as text."""
    doc = SourceDoc(path="示例决算.pdf", sha256="0" * 64, layout="pdf", pages=20)
    for no, (item, page) in enumerate(document(tables), start=1):
        if isinstance(item, str):
            doc.lines.append(Line(no, item, page))
        else:
            doc.lines.append(Line(no, " ".join(c for c in item if c), page, list(item)))
    return doc


# ---- what it must read to ----------------------------------------------------------------------------------------

def D(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


EXPECTED: dict[str, dict[tuple[str, str], dict[str, str]]] = {
    "final_overview": {
        ("income", "general"): {"amount": "1000"}, ("income", "other_income"): {"amount": "20"},
        ("income", "current_income"): {"amount": "1020"}, ("income", "opening_balance"): {"amount": "30"},
        ("total", "income_total"): {"amount": "1050"}, ("income", "superior_subsidy"): {},
        ("expenditure", "201"): {"amount": "810"}, ("expenditure", "208"): {"amount": "200"},
        ("expenditure", "204"): {}, ("expenditure", "210"): {},
        ("expenditure", "current_expenditure"): {"amount": "1010"}, ("expenditure", "balance_distribution"): {},
        ("expenditure", "closing_balance"): {"amount": "40"}, ("total", "expenditure_total"): {"amount": "1050"},
    },
    "final_income": {
        ("total", ""): {"total": "1020", "fiscal": "1000", "other_income": "20"},
        ("class", "201"): {"total": "820", "fiscal": "800", "other_income": "20"},
        ("category", "20106"): {"total": "820", "fiscal": "800", "other_income": "20"},
        ("item", "2010601"): {"total": "720", "fiscal": "700", "other_income": "20"},
        ("item", "2010602"): {"total": "100", "fiscal": "100"},
        ("class", "208"): {"total": "200", "fiscal": "200"}, ("category", "20805"): {"total": "200", "fiscal": "200"},
        ("item", "2080505"): {"total": "200", "fiscal": "200"},
    },
    "final_expenditure": {
        ("total", ""): {"total": "1010", "basic": "850", "project": "160"},
        ("class", "201"): {"total": "810", "basic": "650", "project": "160"},
        ("category", "20106"): {"total": "810", "basic": "650", "project": "160"},
        ("item", "2010601"): {"total": "710", "basic": "650", "project": "60"},
        ("item", "2010602"): {"total": "100", "project": "100"},
        ("class", "208"): {"total": "200", "basic": "200"}, ("category", "20805"): {"total": "200", "basic": "200"},
        ("item", "2080505"): {"total": "200", "basic": "200"},
    },
    "final_fiscal_overview": {
        ("income", "general"): {"amount": "1000"}, ("income", "current_income"): {"amount": "1000"},
        ("income", "opening_fiscal_balance"): {"amount": "10"}, ("income", "opening_general"): {"amount": "10"},
        ("income", "opening_fund"): {}, ("total", "income_total"): {"amount": "1010"},
        ("expenditure", "201"): {"total": "800", "general": "800"},
        ("expenditure", "208"): {"total": "200", "general": "200"},
        ("expenditure", "current_expenditure"): {"total": "1000", "general": "1000"},
        ("expenditure", "closing_fiscal_balance"): {"total": "10", "general": "10"},
        ("total", "expenditure_total"): {"total": "1010", "general": "1010"},
    },
    "final_general_expenditure": {
        ("total", ""): {"total": "1000", "basic": "850", "project": "150"},
        ("class", "201"): {"total": "800", "basic": "650", "project": "150"},
        ("category", "20106"): {"total": "800", "basic": "650", "project": "150"},
        ("item", "2010601"): {"total": "700", "basic": "650", "project": "50"},
        ("item", "2010602"): {"total": "100", "project": "100"},
        ("class", "208"): {"total": "200", "basic": "200"}, ("category", "20805"): {"total": "200", "basic": "200"},
        ("item", "2080505"): {"total": "200", "basic": "200"},
    },
    "final_general_basic": {
        ("class", "301"): {"amount": "600"}, ("category", "30101"): {"amount": "400"},
        ("category", "30102"): {"amount": "200"}, ("class", "303"): {"amount": "200"},
        ("category", "30302"): {"amount": "200"}, ("class", "302"): {"amount": "50"},
        ("category", "30201"): {"amount": "30"}, ("category", "30217"): {"amount": "2"},
        ("category", "30299"): {"amount": "18"}, ("class", "310"): {}, ("category", "31002"): {},
        ("total", "personnel_total"): {"amount": "800"}, ("total", "public_total"): {"amount": "50"},
    },
    "final_three_public": {
        ("total", "total"): {"budget": "6", "final": "4"}, ("item", "abroad"): {},
        ("item", "vehicle"): {"budget": "3", "final": "2"},
        ("item", "vehicle_purchase"): {"budget": "1", "final": "0.5"},
        ("item", "vehicle_operation"): {"budget": "2", "final": "1.5"},
        ("item", "reception"): {"budget": "3", "final": "2"},
    },
}


def rows_by_key(d: Disclosure, ttype: str) -> dict[tuple[str, str], dict[str, Decimal]]:
    t = next(t for t in d.tables if t.type == ttype)
    out: dict[tuple[str, str], dict[str, Decimal]] = {}
    for r in t.rows:
        key = (r.kind, r.item or r.code or "")
        assert key not in out, f"{ttype}: row {key} read twice"
        out[key] = dict(r.values)
    return out


def assert_reads_expected(d: Disclosure) -> None:
    assert d.template == "final" and d.kind == "部门决算" and d.year == 2024 and d.department == "某县示例局"
    assert [t.type for t in d.tables] == [t.key for t in FINAL.tables]
    for ttype, want in EXPECTED.items():
        got = rows_by_key(d, ttype)
        for key, values in want.items():
            assert key in got, f"{ttype}: row {key} missing (rows: {sorted(got)})"
            assert got[key] == {k: D(v) for k, v in values.items()}, f"{ttype} {key}"
        for key, values in got.items():  # no figure in a row the document does not print it in
            assert key in want or not values, f"{ttype}: unexpected row {key} {values}"
    for ttype, what in (("final_fund", "政府性基金"), ("final_soe", "国有资本经营")):
        t = next(t for t in d.tables if t.type == ttype)
        assert t.empty and t.rows == []
        assert t.empty_statement == f"注：某县示例局无{what}预算财政拨款支出，故本表无数据。"
    assert not [w for w in d.warnings if w.code == "parse"], [w.message for w in d.warnings]


# ---- the three readings -----------------------------------------------------------------------------------------

def test_pdf_like_cells_read_to_the_expected_cells() -> None:
    assert_reads_expected(parse_source(pdf_like()))


def test_tab_layout_reads_to_the_same_cells() -> None:
    assert_reads_expected(parse_bytes(as_text("tab"), "示例决算.txt"))


def _decided(d: Disclosure) -> dict[tuple[str, str, str], Decimal]:
    return {(t.type, r.kind, r.item or r.code or "", k): v for t in d.tables for r in t.rows  # type: ignore[misc]
            for k, v in r.values.items()}


def test_space_layout_places_nothing_wrong_and_declares_what_is_open() -> None:
    """Blank cells leave no trace: what the tables' own identities decide is right, the rest is declared open with
    the right column among its candidates (the family's identities across tables are the checker's to add)."""
    space = parse_bytes(as_text("space"), "示例决算.txt")
    truth = _decided(parse_source(pdf_like()))
    got = _decided(space)
    assert {k: v for k, v in got.items() if k in truth} == got, "a figure placed in a column it is not printed in"
    for t in space.tables:
        for r in t.rows:
            for a in r.ambiguous:
                key = (t.type, r.kind, r.item or r.code or "")
                assert any(truth.get((*key, c)) == a.value for c in a.candidates), f"{key}: {a}"
    # the one-column tables and the 三公 row are placed by their own identities alone
    for ttype in ("final_overview", "final_general_basic", "final_three_public", "final_general_expenditure"):
        assert {k: v for k, v in truth.items() if k[0] == ttype} == {k: v for k, v in got.items() if k[0] == ttype}


# what FINAL.md says must hold across the tables, enough to place every space-layout figure
_CROSS = (
    CrossIdentity("T-INC-FISCAL", ("final_income[total].fiscal",),
                  ("final_overview[general].amount", "final_overview[fund].amount", "final_overview[soe].amount")),
    CrossIdentity("T-INC-OTHER", ("final_income[total].other_income",), ("final_overview[other_income].amount",)),
    CrossIdentity("T-INC-SUB", ("final_income[total].superior_subsidy",), ("final_overview[superior_subsidy].amount",)),
    CrossIdentity("T-FO-GENERAL", ("final_fiscal_overview[{code}].general",), ("final_general_expenditure[{code}].total",),
                  over="class"),
    CrossIdentity("T-FO-CURRENT", ("final_fiscal_overview[current_expenditure].general",),
                  ("final_general_expenditure[total].total",)),
)
_BOUNDS = (
    CrossIdentity("T-BASIC", ("final_general_expenditure[{code}].basic",), ("final_expenditure[{code}].basic",),
                  over="code"),
    CrossIdentity("T-PROJECT", ("final_general_expenditure[{code}].project",), ("final_expenditure[{code}].project",),
                  over="code"),
)


@pytest.fixture
def with_identities():
    with registered(replace(FINAL, name="test-final-identities", cross=_CROSS, bounds=_BOUNDS),
                    instead_of=FINAL.name) as t:
        yield t


def test_space_layout_reads_to_the_same_cells_with_the_identities_across_tables(with_identities) -> None:
    space = parse_bytes(as_text("space"), "示例决算.txt")
    assert space.template == with_identities.name
    space.template = "final"  # compare under the family's name
    assert _decided(space) == _decided(parse_source(pdf_like()))
    assert not [a for t in space.tables for r in t.rows for a in r.ambiguous]


# ---- the pieces ------------------------------------------------------------------------------------------------

def test_displaced_numbering_and_glued_header_words() -> None:
    assert label_key("四 上级补助收入、") == "上级补助收入"
    assert label_key("九 卫生健康支出、") == "卫生健康支出"
    assert label_key("一 、一般公共预算财政拨款收入") == "一般公共预算财政拨款收入"
    assert label_key("一般公共预算财政拨款") == "一般公共预算财政拨款"  # 一 of 一般 is no numbering
    assert is_total_label("类 款 项 合计") and is_total_label("科目名称 合计") and not is_total_label("项目")


def _block(key: str, rows: list[Cells]) -> TableBlock:
    spec = FINAL.by_key[key]
    title = Line(1, spec.title, 1)
    lines = [title] + [Line(k, " ".join(c for c in row if c), 1, row if len(row) > 1 else None)
                       for k, row in enumerate(rows, start=2)]
    return TableBlock(spec, None, spec.title, lines, title)


def test_three_public_order_comes_from_the_header_cells() -> None:
    """A header printing 公务接待费 before the vehicle group: its figures go to reception, whatever the template's
    usual order."""
    header = [[B, B, B, "公务用车购置及运行维护费"], ["合计", "因公出国（境）费", "公务接待费", B],
              [B, B, B, "小计", "公务用车购置费", "公务用车运行维护费"], ["预算数", "决算数"] * 6]
    figures = ["6.00", "4.00", B, B, "3.00", "2.00", "3.00", "2.00", "1.00", "0.50", "2.00", "1.50"]
    pt = parse_table(_block("final_three_public", [*header, figures]), None, FINAL)
    (row,) = pt.rows
    assert row.cols[:8] == ["total:budget", "total:final", "abroad:budget", "abroad:final", "reception:budget",
                            "reception:final", "vehicle:budget", "vehicle:final"]
    d = parse_source(pdf_like([(t, THREE_PUBLIC_REORDERED if t.endswith("三公”经费支出决算表") else rows)
                               for t, rows in TABLES]))
    got = rows_by_key(d, "final_three_public")
    assert got[("item", "reception")] == {"budget": D("3"), "final": D("2")}
    assert got[("item", "vehicle_operation")] == {"budget": D("2"), "final": D("1.5")}


THREE_PUBLIC_REORDERED: list[Cells] = [
    [B, B, B, "公务用车购置及运行维护费"], ["合计", "因公出国（境）费", "公务接待费", B],
    [B, B, B, "小计", "公务用车购置费", "公务用车运行维护费"], ["预算数", "决算数"] * 6,
    ["6.00", "4.00", B, B, "3.00", "2.00", "3.00", "2.00", "1.00", "0.50", "2.00", "1.50"],
]


def test_three_public_without_a_subtotal_label_still_follows_the_header() -> None:
    """No 小计 cell: the merged vehicle label takes the place left between its neighbours."""
    header = [["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
              [B, B, B, "公务用车购置费", "公务用车运行费", B], ["预算数", "决算数"] * 6]
    pt = parse_table(_block("final_three_public", [*header, ["0.95"] + [B] * 9 + ["0.95", B]]), None, FINAL)
    assert [c for c in pt.rows[0].cols if c.endswith(":budget")] == [
        "total:budget", "abroad:budget", "vehicle:budget", "vehicle_purchase:budget", "vehicle_operation:budget",
        "reception:budget"]


def test_a_table_continued_onto_a_page_with_one_blank_row() -> None:
    rows = GENERAL[:6] + [["单位：万元"], *GENERAL[:2], [B, B, B, B, B, B, B]] + GENERAL[6:]
    d = parse_source(pdf_like([(t, rows if t == "一般公共预算财政拨款支出决算表" else r) for t, r in TABLES]))
    got = rows_by_key(d, "final_general_expenditure")
    assert got[("item", "2080505")] == {"total": D("200"), "basic": D("200")}
    assert got[("total", "")] == {"total": D("1000"), "basic": D("850"), "project": D("150")}


def test_blank_template_reads_nine_empty_tables_without_warnings() -> None:
    """The blank sample: headers, 合计 and example code rows, no figure."""
    def blank(rows: list[Cells]) -> list[Cells]:
        return [[B if c and c[0].isdigit() and "." in c else c for c in row] for row in rows]
    d = parse_source(pdf_like([(t, blank(rows)) for t, rows in TABLES]))
    assert [(t.type, t.empty, t.rows) for t in d.tables] == [(t.key, True, []) for t in FINAL.tables]
    assert not [w for w in d.warnings if w.code == "parse"]


def test_profile_units_with_their_remarks_from_cells_and_from_text() -> None:
    for d in (parse_source(pdf_like()), parse_bytes(as_text("space"), "示例决算.txt")):
        assert [(u.name, u.remark) for u in d.profile.units] == [("某县示例局（本级）", None),
                                                                 ("某县示例中心", "预算不单列，并入本级")]
        assert d.profile.functions == ["负责全县示例工作。", "完成县委、县政府交办的其他任务。"]


def test_kind_year_and_department_from_the_cover_not_a_table_heading() -> None:
    doc = pdf_like()
    doc.lines[1] = Line(2, "2024年度单位决算", 1)
    # a table heading naming another body does not rename the document
    doc.lines.insert(12, Line(13, "编制单位：某县另一局", 3))
    d = parse_source(doc)
    assert (d.kind, d.year, d.department, d.template) == ("单位决算", 2024, "某县示例局", "final")


def test_a_document_of_an_unknown_family_is_refused_naming_its_tables() -> None:
    text = "\n".join(["某市2024年政府预算", "第一部分 概况", "一般公共预算收入表", "项目 预算数",
                      "税收收入 100.00", "政府性基金收入表", "项目 预算数", "土地出让收入 50.00"]).encode()
    with pytest.raises(IngestError) as e:
        parse_bytes(text, "政府预算.txt")
    msg = str(e.value)
    assert "政府预算.txt" in msg and "“一般公共预算收入表”" in msg and "“政府性基金收入表”" in msg


# ---- the shared 决算 (skipped where ../shared is absent) ------------------------------------------------------------

@requires_final
def test_putuo_reads_every_cell_of_its_key() -> None:
    key = json.loads((SHARED_FINAL / "putuo-czj-2024.json").read_text(encoding="utf-8"))
    d = parse_path(SHARED_FINAL / "putuo-czj-2024.pdf")
    assert (d.kind, d.year, d.department) == (key["kind"], key["year"], key["department"])
    assert [u.name for u in d.profile.units] == key["units"]
    for ttype, gt in key["tables"].items():
        t = next(t for t in d.tables if t.type == ttype)
        assert t.empty == gt["empty"] and t.empty_statement == gt.get("empty_statement", t.empty_statement)
        for grow in gt["rows"]:
            r = next(r for r in t.rows if (r.item == grow["item"] if grow.get("item") else
                                          r.code == grow["code"] and not r.item if grow.get("code") else
                                          r.kind == "total" and not r.item))
            assert {k: float(v) for k, v in r.values.items()} == pytest.approx(grow["values"]), (ttype, grow)


@requires_final
def test_the_blank_template_reads_as_a_final_with_nine_empty_tables() -> None:
    d = parse_path(SHARED_FINAL / "template-2024.pdf")
    assert (d.template, d.kind, d.year) == ("final", "部门决算", 2024)
    assert [(t.type, t.empty) for t in d.tables] == [(t.key, True) for t in FINAL.tables]
    assert not [w for w in d.warnings if w.code == "parse"]


def test_a_figure_at_the_top_of_a_tall_cell_goes_to_the_label_below_it() -> None:
    rows = [GENERAL[0], GENERAL[1], GENERAL[2], GENERAL[3], GENERAL[4],
            [B, B, B, B, "100.00", B, "100.00"], ["201", "06", "02", "一般行政管理事务", B, B, B], *GENERAL[6:]]
    pt = parse_table(_block("final_general_expenditure", rows), None, FINAL)
    row = next(r for r in pt.rows if r.code == "2010602")
    assert row.cells == [D("100"), None, D("100")] and row.name == "一般行政管理事务"
    assert not [r for r in pt.rows if not r.code and r.kind != "total"]


# the 三公 header as a web page merges it: each item's label over its 预算数 and 决算数, the vehicle group over six
THREE_PUBLIC_HTML = [
    [("合计", 2), ("因公出国（境）费", 2), ("公务用车购置及运行维护费", 6), ("公务接待费", 2)],
    [(B, 4), ("小计", 2), ("公务用车购置费", 2), ("公务用车运行维护费", 2), (B, 2)],
]


def _html_row(row: Cells | list[tuple[str, int]], width: int) -> str:
    """A row of the grid: short rows span their cells evenly (the halves' closing row), or as given."""
    if row and isinstance(row[0], tuple):
        return "<tr>" + "".join(f'<td colspan="{span}">{c}</td>' for c, span in row) + "</tr>"
    if len(row) < width and width % len(row) == 0:
        span = width // len(row)
        return "<tr>" + "".join(f'<td colspan="{span}">{c}</td>' for c in row) + "</tr>"
    return "<tr>" + "".join(f"<td>{c}</td>" for c in list(row) + [B] * (width - len(row))) + "</tr>"


def test_an_html_page_reads_to_the_same_cells() -> None:
    parts = [f"<p>{s}</p>" for s in COVER + PROFILE]
    parts.append("<table>" + "".join(_html_row(r, 3) for r in UNITS) + "</table>")
    parts.append("<p>第二部分 某县示例局2024年度部门决算表</p>")
    for title, rows in TABLES:
        grid: list = [r for r in rows if len(r) > 1]
        if rows is THREE_PUBLIC:
            grid = THREE_PUBLIC_HTML + grid[3:]
        width = max(len(r) for r in grid)
        parts += [f"<p>{title}</p>", "<p>单位：万元</p>",
                  "<table>" + "".join(_html_row(r, width) for r in grid) + "</table>"]
        parts += [f"<p>{r[0]}</p>" for r in rows if len(r) == 1]
    parts += [f"<p>{s}</p>" for s in NARRATIVE]
    page = "<!DOCTYPE html><html><body>" + "".join(parts) + "</body></html>"
    assert_reads_expected(parse_bytes(page.encode(), "示例决算.html"))


def test_three_public_order_from_merged_cells_over_item_and_column() -> None:
    """A header exported with one cell per printed column (12): a label at the start of its span gives its place."""
    header = [["合计", B, "因公出国（境）费", B, "公务接待费", B, "公务用车购置及运行维护费", B, B, B, B, B],
              [B, B, B, B, B, B, "小计", B, "公务用车购置费", B, "公务用车运行维护费", B], ["预算数", "决算数"] * 6]
    pt = parse_table(_block("final_three_public", [*header, ["1.00"] * 12]), None, FINAL)
    assert [c for c in pt.rows[0].cols if c.endswith(":final")] == [
        "total:final", "abroad:final", "reception:final", "vehicle:final", "vehicle_purchase:final",
        "vehicle_operation:final"]


def test_an_xlsx_workbook_reads_to_the_same_cells() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import io

    wb = openpyxl.Workbook()
    ws = wb.active
    merged = [[c for text, span in row for c in [text] + [B] * (span - 1)] for row in THREE_PUBLIC_HTML]
    for item, _page in document():
        if item == THREE_PUBLIC[0]:  # the 三公 header as a sheet merges it: labels at the start of their span
            for row in merged:
                ws.append(row)
        elif not isinstance(item, str) and item in THREE_PUBLIC[1:3]:
            continue
        else:
            ws.append([item] if isinstance(item, str) else list(item))
    buf = io.BytesIO()
    wb.save(buf)
    assert_reads_expected(parse_bytes(buf.getvalue(), "示例决算.xlsx"))


def test_three_public_printed_one_item_a_row_is_read_as_rows() -> None:
    rows = [["项目", "预算数", "决算数"], ["合计", "6.00", "4.00"], ["因公出国（境）费", B, B],
            ["公务用车购置及运行维护费", "3.00", "2.00"], ["公务用车购置费", "1.00", "0.50"],
            ["公务用车运行维护费", "2.00", "1.50"], ["公务接待费", "3.00", "2.00"]]
    d = parse_source(pdf_like([(t, rows if t.endswith("三公”经费支出决算表") else r) for t, r in TABLES]))
    got = rows_by_key(d, "final_three_public")
    for key, values in EXPECTED["final_three_public"].items():
        assert got[key] == {k: D(v) for k, v in values.items()}, key


def test_basic_table_printed_in_one_column_is_not_cut_in_halves() -> None:
    rows = [["类", "款", "科目名称", "决算数"], ["301", B, "工资福利支出", "600.00"], ["301", "01", "基本工资", "400.00"],
            ["301", "02", "津贴补贴", "200.00"], ["人员经费合计", B, B, "600.00"]]
    pt = parse_table(_block("final_general_basic", rows), None, FINAL)
    assert [(r.code, r.item, r.cells) for r in pt.rows] == [
        ("301", None, [D("600")]), ("30101", None, [D("400")]), ("30102", None, [D("200")]),
        (None, "personnel_total", [D("600")])]


def test_space_layout_figures_above_the_glued_header_and_its_total() -> None:
    """pdftotext's order: the 合计 row's figures first, then `类 款 项`, then `合计` on a line of its own."""
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["1,000.00 850.00 150.00"], ["类 款 项"], ["合计"],
            ["201 一般公共服务支出 800.00 650.00 150.00"], ["208 社会保障和就业支出 200.00 200.00"]]
    block = _block("final_general_expenditure", rows)
    for ln in block.lines:
        ln.cells = None  # the space layout
    pt = parse_table(block, None, FINAL)
    total = next(r for r in pt.rows if r.kind == "total")
    assert total.numbers == [D("1000"), D("850"), D("150")] and total.name == "合计"
    assert [r.code for r in pt.rows] == [None, "201", "208"] and not pt.warnings


def test_department_from_the_profile_heading_when_the_cover_names_none() -> None:
    doc = pdf_like()
    doc.lines[0] = Line(1, "目录", 1)
    assert parse_source(doc).department == "某县示例局"


def test_three_public_printed_one_line_per_column_with_the_items_across() -> None:
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行维护费", B, B, "公务接待费"],
            [B, B, B, "小计", "公务用车购置费", "公务用车运行维护费", B],
            ["预算数", "6.00", B, "3.00", "1.00", "2.00", "3.00"], ["决算数", "4.00", B, "2.00", "0.50", "1.50", "2.00"]]
    d = parse_source(pdf_like([(t, rows if t.endswith("三公”经费支出决算表") else r) for t, r in TABLES]))
    got = rows_by_key(d, "final_three_public")
    for key, values in EXPECTED["final_three_public"].items():
        assert got[key] == {k: D(v) for k, v in values.items()}, key


# ---- what other provinces print differently (FINAL.md) ----------------------------------------------------------

def _with(title_end: str, rows: list[Cells]) -> list[tuple[str, list[Cells]]]:
    return [(t, rows if t.endswith(title_end) and len(t) - len(title_end) < 3 else r) for t, r in TABLES]


def test_closing_balance_worded_without_he_keeps_its_key() -> None:
    """年末结转结余 (no 和) and 年初结转结余 are the same rows as 年末结转和结余 / 年初结转和结余."""
    rows = [[c.replace("结转和结余", "结转结余") for c in row] for row in OVERVIEW]
    for d in (parse_source(pdf_like(_with("收入支出决算总表", rows))),
              parse_bytes(as_text("tab", _with("收入支出决算总表", rows)), "示例决算.txt")):
        got = rows_by_key(d, "final_overview")
        assert got[("income", "opening_balance")] == {"amount": D("30")}
        assert got[("expenditure", "closing_balance")] == {"amount": D("40")}


def test_nonfiscal_balance_with_or_without_its_remark() -> None:
    rows = [[c.replace("使用非财政拨款结余（含专用结余）", "使用非财政拨款结余") for c in row] for row in OVERVIEW]
    rows = [[("5.00" if row[0] == "使用非财政拨款结余" and k == 1 else c) for k, c in enumerate(row)] for row in rows]
    got = rows_by_key(parse_source(pdf_like(_with("收入支出决算总表", rows))), "final_overview")
    assert got[("income", "nonfiscal_balance_used")] == {"amount": D("5")}


NEW_CLASSES = [("二十四、债务还本支出", "231"), ("二十五、债务付息支出", "232"), ("二十六、抗疫特别国债安排的支出", "234")]


def test_overviews_listing_26_classes_read_the_later_ones_by_name() -> None:
    """Tables 1 and 4 list 24 类 in the template and 26 in later years: the added 类 take their code from the name."""
    at = next(k for k, row in enumerate(OVERVIEW) if row[0] == "本年收入合计")
    overview = OVERVIEW[:at] + [[B, B, name, "1.00" if code == "231" else B] for name, code in NEW_CLASSES] + \
        OVERVIEW[at:]
    overview = [[("1,011.00" if c == "1,010.00" else c) for c in row] for row in overview]
    at = next(k for k, row in enumerate(FISCAL) if row[0] == "本年收入合计")
    fiscal = FISCAL[:at] + [[B, B, name, B, B, B, B] for name, _ in NEW_CLASSES] + FISCAL[at:]
    d = parse_source(pdf_like([(t, overview if t == "收入支出决算总表" else fiscal if t == "财政拨款收入支出决算总表"
                                else r) for t, r in TABLES]))
    got = rows_by_key(d, "final_overview")
    assert got[("expenditure", "231")] == {"amount": D("1")}
    assert ("expenditure", "232") in got and ("expenditure", "234") in got
    assert ("expenditure", "234") in rows_by_key(d, "final_fiscal_overview")


def test_an_empty_table_saying_shuoming_keeps_its_statement() -> None:
    """说明： instead of 注： beneath an empty table."""
    rows = _fund_like("政府性基金")[:3] + [["说明：某县示例局本年度没有政府性基金预算财政拨款收入支出，故本表无数据。"]]
    d = parse_source(pdf_like(_with("政府性基金预算财政拨款收入支出决算表", rows)))
    t = next(t for t in d.tables if t.type == "final_fund")
    assert t.empty and t.rows == []
    assert t.empty_statement == "说明：某县示例局本年度没有政府性基金预算财政拨款收入支出，故本表无数据。"


def test_a_unit_final_reads_as_its_kind_in_every_layout() -> None:
    global COVER
    saved = COVER
    COVER = ["某县示例局", "2024年度单位决算"]
    try:
        for d in (parse_source(pdf_like()), parse_bytes(as_text("tab"), "示例决算.txt")):
            assert (d.kind, d.year, d.department) == ("单位决算", 2024, "某县示例局")
            assert rows_by_key(d, "final_overview")[("total", "income_total")] == {"amount": D("1050")}
    finally:
        COVER = saved


def test_other_matters_as_a_fourth_part_then_the_glossary_as_the_fifth() -> None:
    """第四部分 其他重要事项 carries on the 情况说明 (its figures are read); 第五部分 名词解释 is the glossary."""
    global NARRATIVE
    saved = NARRATIVE
    NARRATIVE = NARRATIVE[:3] + ["第四部分 其他重要事项的情况说明", "一、机关运行经费支出情况",
                                 "某县示例局2024年度机关运行经费支出50.00万元。",
                                 "第五部分 名词解释", "一、财政拨款收入：指本级财政拨款。"]
    try:
        d = parse_source(pdf_like())
    finally:
        NARRATIVE = saved
    assert d.narrative.glossary
    assert set(d.parts) >= {"profile", "tables", "narrative", "glossary"}
    assert d.parts["narrative"].lines[1] < d.parts["glossary"].line
    cost = [(s.metric, s.value) for s in d.narrative.statements if s.block == "operating_cost"]
    assert cost == [("amount", Decimal("50.00"))]
    assert not [s for s in d.narrative.statements if s.value == Decimal("1")]  # nothing from the glossary
    assert_reads_expected(d)


def test_a_bare_fourth_part_heading_over_the_glossary_is_the_glossary() -> None:
    global NARRATIVE
    saved = NARRATIVE
    NARRATIVE = NARRATIVE[:3] + ["第四部分", "名词解释", "一、财政拨款收入：指本级财政拨款。"]
    try:
        d = parse_source(pdf_like())
    finally:
        NARRATIVE = saved
    assert d.narrative.glossary and "glossary" in d.parts
