"""Labels wrapped with their figures on the line after the last piece keep their figures (issue 7, item 1).

Table 10 prints `公务用车购置及运行费` and then `（小计）` (or `（合计）`, `（含…）`), and only then the row's figures;
a label may also wrap over two or three lines. Each form is built here in the space and tab layouts and as a PDF.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.model import Disclosure
from yusuan.parse import parse_bytes

from .read_render import text_to_pdf

HEAD = " 2025年部门预算公开\n第二部分 2025年部门预算公开表\n"
TAIL = "第三部分 2025年部门预算情况说明\n一、关于收支预算情况的总体说明\n收支总预算 10.00万元。\n"
T10 = ("表 10\n财政拨款“三公”经费支出情况表\n编制部门：测试县审计局 单位：万元\n资金来源\n"
       "“三公”经费支出内容 合计\n一般公共预算 政府性基金\n国有资本经营预算\n※ 1 2 3 4\n")

# (label lines of the vehicle row, as printed) → the figures come on the line after the last one
WRAPS = {
    "subtotal": ["公务用车购置及运行费", "（小计）"],
    "total": ["公务用车购置及运行费", "（合计）"],
    "includes": ["公务用车购置及运行费", "（含购置税）"],
    "two lines": ["公务用车购置及", "运行费"],
    "three lines": ["公务用车", "购置及运", "行费"],
}


def _space(label_lines: list[str]) -> str:
    return T10 + ("合计 3.60 3.60\n因公出国（境）费\n公务接待费 0.40 0.40\n" + "\n".join(label_lines)
                  + "\n3.20 3.20\n其中：公务用车购置费 2.00 2.00\n公务用车运行费 1.20 1.20\n")


def _tab(label_lines: list[str]) -> str:
    rows = [["合计", "3.60", "3.60", "", ""], ["因公出国（境）费", "", "", "", ""], ["公务接待费", "0.40", "0.40", "", ""]]
    rows += [[piece, "", "", "", ""] for piece in label_lines[:-1]]
    rows += [[label_lines[-1], "3.20", "3.20", "", ""], ["其中：公务用车购置费", "2.00", "2.00", "", ""],
             ["公务用车运行费", "1.20", "1.20", "", ""]]
    return T10 + "\n".join("\t".join(r) for r in rows) + "\n"


def _parse(text: str, form: str) -> Disclosure:
    doc = HEAD + text + TAIL
    if form.startswith("pdf"):
        return parse_bytes(text_to_pdf(doc.splitlines()), "snippet.pdf")
    return parse_bytes(doc.encode("utf-8"), "snippet.txt")


def _items(d: Disclosure) -> dict[str | None, list[Decimal]]:
    """Each row's printed figures: placed in a column, or declared ambiguous when the layout lost the blank cells
    and nothing else decides (the space layout: 一般公共预算 or 政府性基金)."""
    t = d.table("three_public")
    assert t is not None
    return {r.item: sorted([*r.values.values(), *(a.value for a in r.ambiguous)]) for r in t.rows}


@pytest.mark.parametrize("wrap", list(WRAPS), ids=list(WRAPS))
@pytest.mark.parametrize("form", ["space", "tab", "pdf", "pdf-tab"])
def test_vehicle_row_keeps_its_figures(wrap: str, form: str) -> None:
    text = (_tab if form.endswith("tab") else _space)(WRAPS[wrap])
    items = _items(_parse(text, form))
    assert items["vehicle"] == [Decimal("3.20")] * 2
    assert items["total"] == [Decimal("3.60")] * 2
    assert items["vehicle_purchase"] == [Decimal("2.00")] * 2
    assert items["vehicle_operation"] == [Decimal("1.20")] * 2


@pytest.mark.parametrize("form", ["space", "pdf"])
def test_no_false_three_public_findings(form: str) -> None:
    from yusuan.check import check

    findings = check(_parse(_space(WRAPS["subtotal"]), form))
    assert [f.message for f in findings if f.rule == "AR-THREE-PUBLIC"] == []


def test_tab_code_label_wrapped_onto_the_figures_line() -> None:
    """A coded row in the tab layout whose name wraps onto a line of its own, the figures on that line."""
    t3 = ("表 3\n部门支出总体情况表\n编制部门：测试县审计局 单位：万元\n功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出\n"
          "类\t款\t项\t※\t1\t2\t3\n\t\t\t总计\t5.00\t5.00\t\n208\t\t\t社会保障和就业支出\t5.00\t5.00\t\n"
          "208\t05\t\t行政事业单位养老支出\t5.00\t5.00\t\n208\t05\t05\t机关事业单位基本养老保险缴费\t\t\t\n"
          "\t\t\t（含职业年金）\t5.00\t5.00\t\n")
    d = _parse(t3, "tab")
    t = d.table("expenditure_overview")
    assert t is not None
    row = next(r for r in t.rows if r.code == "2080505")
    assert row.values == {"total": Decimal("5.00"), "basic": Decimal("5.00")}


def test_name_tail_opening_a_pdf_page_stays_with_its_row() -> None:
    """A wrapped name whose last character opens the next page (`…事务支` / page break / `出`) keeps it, though
    the header also has a line `出` (`项目支` / `出`): a lone short line is no repeated header."""
    t3 = ("表 3\n部门支出总体情况表\n编制部门：测试县审计局 单位：万元\n科目 支出预算\n功能分类科目编码\n类 款 项\n"
          "功能分类科目名称 合计 基本支出 项目支\n出\n※ ※ ※ ※ 1 2 3\n总计 22.00 22.00\n"
          "210 卫生健康支出 22.00 22.00\n210 15 医疗保障管理事务 22.00 22.00\n210 15 99\n其他医疗保障管理事务支\n"
          " 出\n22.00 22.00\n")  # one leading space: the page mark of the space layout, a new page in the PDF
    d = _parse(t3, "pdf")
    t = d.table("expenditure_overview")
    assert t is not None
    row = next(r for r in t.rows if r.code == "2101599")
    assert row.name == "其他医疗保障管理事务支出"
