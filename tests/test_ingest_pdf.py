"""PDF reader: PDFs drawn at test time from the seeds give the same tables as the seeds' text."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from yusuan.ingest import IngestError
from yusuan.model import Disclosure
from yusuan.parse import parse_bytes, parse_path

from .conftest import GOLD, SEEDS, requires_seeds

pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")

from . import fixtures_build as fb  # noqa: E402  (needs reportlab)

SEED_TAB = SEEDS / "004_b4b0de6c7b2a5cb7.txt"
SEEDS_SPACE = [SEEDS / "000_08aa97ad816e85b4.txt", SEEDS / "002_8d42ec9219589ea7.txt"]


def cells(d: Disclosure) -> dict[tuple, Decimal]:
    """Every decided table cell, keyed by table, row identity (with its rank among equal ones) and column."""
    out: dict[tuple, Decimal] = {}
    for t in d.tables:
        seen: dict[tuple, int] = {}
        for r in t.rows:
            ident = (t.type, r.kind, r.code, r.item, (r.name or "").replace(" ", ""), (r.project or "").replace(" ", ""))
            seen[ident] = seen.get(ident, -1) + 1
            for col, v in r.values.items():
                out[(*ident, seen[ident], col)] = v
    return out


def gold_score(d: Disclosure, seed: Path) -> tuple[int, int, list[str]]:
    sys.path.insert(0, str(SEEDS.parent / "tools"))
    import accuracy

    gold = json.loads((GOLD / f"{seed.stem}.json").read_text(encoding="utf-8"))
    c, misses = accuracy.score_parsed(json.loads(json.dumps(d.to_dict(), default=str)), gold)
    return c["ok"], c["cells"], misses


@pytest.fixture(scope="module")
def tab_doc() -> fb.Doc:
    return fb.doc_from_tab_seed(SEED_TAB)


# ---- the same tables as the text -----------------------------------------------------------------------------

@requires_seeds
@pytest.mark.parametrize("style", [
    fb.Style(),
    fb.Style(rules="hlines"),
    fb.Style(rules="none"),
    fb.Style(max_label_width=60, rows_per_page=6),  # wrapped names, page breaks inside every table
    fb.Style(font_size=7, rows_per_page=9, repeat_unit_line=True),
    fb.Style(rows_per_page=8, repeat_header=False),  # continued pages without a header
    fb.Style(rules="none", valign="top", max_label_width=140, rows_per_page=7),
    fb.Style(rules="none", valign="top", max_label_width=60),
], ids=["grid", "hlines", "no-rules", "wrapped-breaks", "small-unit-line", "no-repeat", "no-rules-top",
        "no-rules-narrow-sided"])
def test_tab_seed_as_pdf_scores_like_its_text(tab_doc: fb.Doc, style: fb.Style) -> None:
    d = parse_bytes(fb.pdf_from_doc(tab_doc, style), "004.pdf")
    ok, total, misses = gold_score(d, SEED_TAB)
    assert (ok, misses[:5]) == (total, [])
    assert d.source.layout == "pdf"
    assert cells(d) == cells(parse_path(SEED_TAB))


@requires_seeds
@pytest.mark.parametrize("seed", SEEDS_SPACE, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("rules", ["grid", "none"])
def test_space_seed_tables_as_pdf_equal_the_text_parse(seed: Path, rules: str) -> None:
    """000 and 002 lost their blank cells; drawn from their model, every decided cell comes back in place, and the
    values the text left ambiguous are now decided by position (the PDF has what the text lost)."""
    doc, text_model = fb.doc_from_model(seed, resolve=_first_candidate)
    d = parse_bytes(fb.pdf_from_doc(doc, fb.Style(rules=rules, rows_per_page=10)), f"{seed.stem}.pdf")
    want, got = cells(text_model), cells(d)
    assert {k: v for k, v in got.items() if k in want} == want
    extra = {k: v for k, v in got.items() if k not in want}
    ambiguous = {(t.type, a.value) for t in text_model.tables for r in t.rows for a in r.ambiguous}
    assert all((k[0], v) in ambiguous for k, v in extra.items()), extra
    assert not any(r.ambiguous for t in d.tables for r in t.rows)


def _first_candidate(table: object, row: object, amb: fb.Ambiguity) -> str | None:
    return amb.candidates[0]


@requires_seeds
def test_every_value_keeps_its_page(tab_doc: fb.Doc) -> None:
    d = parse_bytes(fb.pdf_from_doc(tab_doc, fb.Style(rows_per_page=6)), "004.pdf")
    assert d.source.pages and d.source.pages > 20
    pages = [r.source.page for t in d.tables for r in t.rows if r.values]
    assert pages and all(isinstance(p, int) and 1 <= p <= d.source.pages for p in pages)
    t2 = next(t for t in d.tables if t.type == "income_overview")
    assert len({r.source.page for r in t2.rows}) >= 3  # a table continued over several pages, stitched


@requires_seeds
def test_both_backends_read_the_same_lines(tab_doc: fb.Doc) -> None:
    pytest.importorskip("pdfplumber")
    from yusuan.ingest.pdf import read_pdf

    data = fb.pdf_from_doc(tab_doc, fb.Style(rules="grid", rows_per_page=12))
    a, b = read_pdf(data, "x.pdf"), read_pdf(data, "x.pdf", backend="pdfplumber")
    table_lines = [(ln.page, ln.cells) for ln in a.lines if ln.cells is not None]
    assert len(table_lines) > 200
    assert table_lines == [(ln.page, ln.cells) for ln in b.lines if ln.cells is not None]


# ---- the shape of the lines ----------------------------------------------------------------------------------

def _tiny_table(rules: str, rows: list[list[str]]) -> list:
    from yusuan.ingest.pdf import read_pdf

    run = fb.Run([["科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
                  ["※", "※", "※", "※", "1", "2", "3"]], rows)
    doc: fb.Doc = ["表 3", "部门支出总体情况表", "编制部门：测试局 单位：万元", run, "第三部分 说明"]
    return read_pdf(fb.pdf_from_doc(doc, fb.Style(rules=rules, max_label_width=70)), "t.pdf").lines


@pytest.mark.parametrize("rules", ["grid", "hlines", "none"])
def test_blank_cells_survive_and_wrapped_names_join(rules: str) -> None:
    lines = _tiny_table(rules, [
        ["", "", "", "总计", "2,071.19", "", "2,071.19"],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "37.75", "37.75", ""],
    ])
    rows = [ln.cells for ln in lines if ln.cells is not None and any("." in c for c in ln.cells)]
    assert len(rows) == 2
    assert rows[0][-3:] == ["2,071.19", "", "2,071.19"]
    assert rows[1][-3:] == ["37.75", "37.75", ""]
    label = "".join(rows[1][:-3]).replace(" ", "")
    assert label == "2080505机关事业单位基本养老保险缴费支出"
    assert all(ln.text == " ".join(c for c in ln.cells if c) for ln in lines if ln.cells is not None)
    assert [ln.no for ln in lines] == list(range(1, len(lines) + 1))


# ---- documents written by yusuan.write (fpdf2: shaded header cells, body rows ruled horizontally or not at all) ----

def _sampled_pdf(index: int) -> tuple[Any, bytes]:
    from yusuan.sample import department
    from yusuan.sample.roundtrip import formats
    from yusuan.sample.style import style
    from yusuan.write import build, render

    if "pdf" not in formats():
        pytest.skip("no CJK font or fpdf2 to write the PDF")
    m = department(7, index)
    return m, render(build(m), "pdf", style(7, index))


@pytest.mark.slow  # a round trip: run by CI, left out by -m "not slow"
@pytest.mark.parametrize("index", [34, 49, 7, 166], ids=["hlines", "no-rules", "no-rules-label-only-rows",
                                                         "no-rules-breaks"])
def test_body_rows_without_vertical_rules_read_as_cells(index: int) -> None:
    """Columns come from the header's cell bounds: every row with an amount is a cell line, wrapped project names
    stay in their row (no stray `2025年住房和城乡建设` line, no name cut at `（新财行〔2024〕`), rows whose values
    are all blank keep their place (table 10), and the round trip is exact with no value left ambiguous."""
    from yusuan.ingest.pdf import AMOUNT, read_pdf
    from yusuan.sample.roundtrip import run

    _, data = _sampled_pdf(index)
    lines = read_pdf(data, "x.pdf").lines
    loose = [ln.text for ln in lines if ln.cells is None and any(AMOUNT.match(t) for t in ln.text.split())]
    assert loose == []
    if index == 34:
        projects = [c for ln in lines if ln.cells and len(ln.cells) == 16 for c in ln.cells[4:5] if c]
        assert "2025年住房和城乡建设重点领域监督检查工作经费（新财行〔2024〕105号）" in projects
        assert "2025年住房和城乡建设" not in {ln.text for ln in lines}
    o = run(7, index, "pdf")
    assert (o.result.ok, o.result.ambiguous) == (True, 0), o.result.differences[:3]


@pytest.mark.slow  # a round trip: run by CI, left out by -m "not slow"
@pytest.mark.parametrize("index", [25, 182])
def test_consecutive_performance_tables_stay_apart(index: int) -> None:
    """A project performance table starting on the page after another one keeps its title, `（2025年）` and
    `预算单位` lines: they are a new table's, not a header repeated on a continued page."""
    from yusuan.ingest.pdf import read_pdf
    from yusuan.sample.roundtrip import run

    m, data = _sampled_pdf(index)
    lines = read_pdf(data, "x.pdf").lines
    titles = [ln for ln in lines if ln.text == "项目支出绩效目标表"]
    assert len(titles) >= 2
    assert len({ln.page for ln in titles}) == len(titles)
    assert sum(ln.text == "（2025年）" for ln in lines) == len(titles)
    o = run(7, index, "pdf")
    assert o.result.ok, o.result.differences[:3]


# ---- files that cannot be read -------------------------------------------------------------------------------

def _canvas_pdf(draw: Callable[[Any], object], **kw: Any) -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, **kw)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_scanned_pdf_says_so() -> None:
    data = _canvas_pdf(lambda c: (c.setFillGray(0.5), c.rect(50, 50, 400, 600, fill=1)))
    with pytest.raises(IngestError, match="扫描版 PDF，没有文字层"):
        parse_bytes(data, "扫描件.pdf")


def test_encrypted_pdf_says_so() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _canvas_pdf(lambda c: c.drawString(50, 700, "2025 budget"),
                       encrypt=StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(IngestError, match="已加密"):
        parse_bytes(data, "加密.pdf")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage \x00\x01", b"%PDF-1.4\n1 0 obj << /Type /Catalog"])
def test_corrupt_pdf_names_the_file(data: bytes) -> None:
    with pytest.raises(IngestError, match=r"坏\.pdf：PDF 文件已损坏"):
        parse_bytes(data, "坏.pdf")


def test_pdf_of_something_else_is_not_a_disclosure() -> None:
    fb._font(fb.Style())
    data = _canvas_pdf(lambda c: (c.setFont("STSong-Light", 12), c.drawString(50, 700, "会议纪要：明天下午三点开会。")))
    with pytest.raises(IngestError, match="不像预算"):
        parse_bytes(data, "纪要.pdf")


@requires_seeds
def test_cli_exits_non_zero_with_the_message(tmp_path: Path) -> None:
    bad = tmp_path / "扫描件.pdf"
    bad.write_bytes(_canvas_pdf(lambda c: c.rect(50, 50, 400, 600, fill=1)))
    r = subprocess.run([sys.executable, "-c", "import sys; from yusuan.cli import main; sys.exit(main())",
                        "parse", str(bad)], capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "扫描版 PDF" in r.stderr
    assert "Traceback" not in r.stderr


# ---- mixed fonts: digits whose font boxes reach into the next line (issue 12) ----------------------------------

def _mixed_font_pdf(lines: list[tuple[int, list[tuple[str, str]]]]) -> bytes:
    """A one-page PDF written by hand: F1 is Helvetica; F2 (the figures) declares an ascent and descent far beyond
    its em, as the digit fonts of office exports do, so its loose character boxes reach into the lines around."""
    content = []
    for y, runs in lines:
        content.append(f"BT 1 0 0 1 72 {y} Tm")
        content += [f"/{font} 12 Tf ({text}) Tj" for font, text in runs]
        content.append("ET")
    stream = "\n".join(content).encode()
    widths = b" ".join([b"500"] * 95)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >>"
        b" /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /FirstChar 32 /LastChar 126 /Widths [" + widths +
        b"] /FontDescriptor 7 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /Times-Roman /Flags 32 /FontBBox [-200 -450 1000 1400] /ItalicAngle 0"
        b" /Ascent 1400 /Descent -450 /CapHeight 700 /StemV 80 >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def test_mixed_font_figures_stay_on_their_line() -> None:
    """Two printed lines 14pt apart whose figures' loose boxes are 22pt tall: each word is on the line of its
    baseline, and the two lines are not joined into one row with interleaved words."""
    from yusuan.ingest.pdf import read_pdf

    data = _mixed_font_pdf([
        (700, [("F1", "Total income "), ("F2", "2995.39"), ("F1", " wan, up "), ("F2", "1.87"), ("F1", " pct.")]),
        (686, [("F1", "Fiscal grants "), ("F2", "2940.05"), ("F1", " wan, share "), ("F2", "99.79"),
               ("F1", " pct.")]),
    ])
    texts = [ln.text for ln in read_pdf(data, "mixed.pdf").lines]
    assert texts == ["Total income 2995.39 wan, up 1.87 pct.", "Fiscal grants 2940.05 wan, share 99.79 pct."]


def test_full_width_punctuation_joins_without_space() -> None:
    """A full-width mark that comes as a word of its own closes on the text before it (`主要原因：`, `2.1万元，`)."""
    from yusuan.ingest.pdf import Word, _join_line

    words = [Word("主要原因", 72, 120, 100, 112), Word("：", 120.5, 132, 100, 112), Word("人员", 132, 156, 100, 112),
             Word("2.1", 156.5, 170, 100, 112), Word("，", 170.5, 182, 100, 112), Word("减少", 182.5, 206, 100, 112)]
    assert _join_line(words) == "主要原因：人员 2.1，减少"
