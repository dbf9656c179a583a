"""Issue 16: written disclosures a department could publish. Written from a parsed document, the prose is the
document's own (reasons, goals, 其他需说明的事项 kept word for word) and reads back the same in every format;
generated prose is marked; performance tables are complete; the empty-table sentence carries no header words;
the PDF breaks lines by the Chinese rules; DOCX pages are A4, portrait for prose and landscape only for wide
tables, with repeated table headers; workbook headers are merged as printed and frozen, amounts are numbers.

These tests need no `../shared`: the "parsed document" is a sampled department written as text, edited as a
publisher would (reasons, an explained item), and parsed."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest

from yusuan.model import Disclosure
from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.sample.published import OTHER, REASONS, published
from yusuan.sample.roundtrip import formats
from yusuan.write import build, render
from yusuan.write.compare import compare, section_texts
from yusuan.write.render_pdf import NO_LINE_END, NO_LINE_START, break_lines

REASON = REASONS[0]


@pytest.fixture(scope="module")
def source() -> Disclosure:
    return published(5, 4)


def test_the_parsed_model_keeps_the_prose(source: Disclosure) -> None:
    texts = section_texts(source)
    assert any(REASON in t for t in texts.values())
    assert any(OTHER.replace(" ", "") in t for t in texts.values())
    goals = [p.goals for p in source.performance.projects]
    assert goals and all(goals)


@pytest.mark.parametrize("fmt", ["txt", "txt-tab", "html", "xlsx", "docx", "pdf"])
def test_restated_prose_reads_back_the_same(source: Disclosure, fmt: str) -> None:
    if fmt not in formats():
        pytest.skip(f"{fmt}: no reader or no CJK font on this machine (apt-get install fonts-noto-cjk)")
    doc = build(source)
    data = render(doc, fmt)
    got = parse_bytes(data, f"written.{fmt if not fmt.startswith('txt') else 'txt'}")
    res = compare(source, got, doc, lossy=fmt == "txt")
    assert res.ok, "\n".join(res.differences[:20])
    assert res.figures > 40
    back = section_texts(got)
    assert any(REASON in t for t in back.values()) and any(OTHER in t for t in back.values())
    changes = [s for s in got.narrative.statements if s.metric in ("change", "growth")]
    assert len(changes) == len([s for s in source.narrative.statements if s.metric in ("change", "growth")]) > 5


def test_restated_prose_is_not_marked_generated_and_generated_prose_is(source: Disclosure) -> None:
    restated = render(build(source), "html").decode()
    assert REASON in restated and 'class="generated"' not in restated
    generated = render(build(department(5, 4)), "html").decode()
    assert 'class="generated"' in generated and "由 yusuan 依据公开表生成" in generated


def test_performance_tables_are_written_complete(source: Disclosure) -> None:
    text = render(build(source), "txt-tab").decode()
    for p in source.performance.projects:
        assert p.goals and p.goals in text
        assert f"{p.budget_total:,.2f}" in text
        for i in p.indicators:
            assert i.level3 and i.value and i.weight is not None
            assert f"{i.level3}\t{i.value}\t计划标准\t{int(i.weight)}\t" in text, i
    o = source.performance.overall
    assert o is not None and o.goals and o.goals in text
    for key, label in (("superior", "上级安排"), ("own", "本级安排")):
        assert f"{label}\t{o.sources[key]:,.2f}" in text


def test_empty_table_sentence_has_no_header_words(source: Disclosure) -> None:
    t = next(t for t in source.tables if t.type == "carryover")
    t.rows, t.empty = [], True
    t.empty_statement = f"小计 人员经费 公用经费 项目支出 合 计{source.department}{source.year}年没有上年结转结余预算安排的支出，上年结转结余情况明细表为空表。"
    for fmt in ("html", "txt-tab", "xlsx"):
        data = render(build(source), fmt)
        text = data.decode() if fmt != "xlsx" else _xlsx_text(data)
        assert "合 计" + (source.department or "") not in text
        assert "项目支出合 计" not in text and f"项目支出 合 计{source.department}" not in text
        assert f"{source.department}{source.year}年没有上年结转结余预算安排的支出" in text


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)


def test_functions_are_numbered_once() -> None:
    m = department(5, 4)
    m.profile.functions = ["1、负责本行政区域内的医疗保障工作。", "（二）组织实施有关政策。", "三、完成交办的任务。"]
    text = render(build(m), "txt-tab").decode()
    assert "（一）负责本行政区域内" in text and "（二）组织实施" in text and "（三）完成交办" in text
    assert "（一）1、" not in text and "（二）（二）" not in text


# ---- Chinese line breaking -----------------------------------------------------------------------------------

def test_break_lines_keeps_closing_marks_off_a_line_start() -> None:
    width = 10.0  # every character 1 wide: lines of 10
    text = "一二三四五六七八九十。一二三四五六七八（九）十一二三四五六七八九，比上年增加 1,234.56万元，增长 12.34%。"
    lines = break_lines(text, width, lambda s: float(len(s)))
    assert "".join(lines) == text
    assert all(ln and ln[0] not in NO_LINE_START for ln in lines), lines
    assert all(ln[-1] not in NO_LINE_END for ln in lines), lines
    assert any(ln.endswith("十。") for ln in lines)  # the full stop hangs on the line it closes
    assert all("1,234.56" in ln or "1,234" not in ln for ln in lines)  # a number stays whole


def _pdf_lines(data: bytes) -> list[list[str]]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    pages = []
    for i in range(len(pdf)):
        tp = pdf[i].get_textpage()
        pages.append([ln.strip() for ln in tp.get_text_range().splitlines() if ln.strip()])
    return pages


@pytest.fixture(scope="module")
def pdf_pages(source: Disclosure) -> list[list[str]]:
    if "pdf" not in formats():
        pytest.skip("no CJK font on this machine (apt-get install fonts-noto-cjk)")
    return _pdf_lines(render(build(source), "pdf"))


def test_pdf_no_line_starts_with_closing_punctuation(pdf_pages: list[list[str]]) -> None:
    bad = [ln for page in pdf_pages for ln in page if ln[0] in "，。、；：？！）》」』】”’"]
    assert not bad, bad[:10]
    assert sum(len(p) for p in pdf_pages) > 300


def test_pdf_has_no_page_holding_only_a_part_heading(pdf_pages: list[list[str]]) -> None:
    for page in pdf_pages:
        if any(ln.startswith("第二部分") for ln in page):
            assert any(ln.startswith("表") for ln in page), page
        assert len(page) > 1 or not page[0].startswith("第"), page


def test_pdf_headers_have_no_lone_closing_bracket(pdf_pages: list[list[str]]) -> None:
    lone = [ln for page in pdf_pages for ln in page if re.fullmatch(r"[)）]", ln)]
    assert not lone


# ---- DOCX and XLSX ----------------------------------------------------------------------------------------------

def test_docx_is_a4_portrait_with_landscape_only_for_wide_tables(source: Disclosure) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    d = docx.Document(io.BytesIO(render(build(source), "docx")))
    sections = list(d.sections)
    assert len(sections) >= 3  # portrait prose, landscape wide tables, portrait again
    for sec in sections:
        short, long_ = sorted((sec.page_width, sec.page_height))
        assert abs(short - Mm(210)) < Mm(1) and abs(long_ - Mm(297)) < Mm(1)
        landscape = sec.orientation == WD_ORIENT.LANDSCAPE
        assert (sec.page_width > sec.page_height) == landscape
    assert sections[0].orientation == WD_ORIENT.PORTRAIT and sections[-1].orientation == WD_ORIENT.PORTRAIT
    assert any(sec.orientation == WD_ORIENT.LANDSCAPE for sec in sections)
    headed = [t for t in d.tables if t.rows[0]._tr.xpath("./w:trPr/w:tblHeader")]
    assert len(headed) >= 11  # every one of the eleven tables repeats its header


def test_xlsx_headers_merged_frozen_and_numbers(source: Disclosure) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(build(source), "xlsx")))
    tables = [ws for ws in wb if ws.title.startswith("表")]
    assert len(tables) == 11 and "情况说明" in wb.sheetnames and "概况" in wb.sheetnames
    t2 = wb[next(n for n in wb.sheetnames if n == "表2")]
    assert t2.merged_cells.ranges, "table 2's header groups are merged"
    assert t2.freeze_panes is not None and int(re.sub(r"\D", "", t2.freeze_panes)) >= 7
    numbers = [c for row in t2.iter_rows() for c in row if isinstance(c.value, float | int)]
    assert numbers and all(c.number_format.endswith("0.00") for c in numbers)
    total = [r for r in t2.iter_rows() if any(c.value == "总计" for c in r)][-1]  # the data row, after the header
    assert any(isinstance(c.value, float) and Decimal(str(c.value)) > 0 for c in total)


def test_seed_pdfs_have_no_line_starting_with_closing_punctuation(seeds: list) -> None:
    """The seeds written back to PDF (prose, tables, performance tables with their long goal texts)."""
    if "pdf" not in formats():
        pytest.skip("no CJK font on this machine (apt-get install fonts-noto-cjk)")
    from yusuan.parse import parse_path

    for seed in seeds:
        pages = _pdf_lines(render(build(parse_path(seed)), "pdf"))
        bad = [ln for page in pages for ln in page if ln[0] in "，。、；：？！）》」』】”’"]
        assert not bad, (seed.name, bad[:5])
