"""Places that can be found: a PDF location is (page of the file, line counted within that page), found on the
printed page; a text input keeps its file's line numbers, with the page where the text marks pages."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.check import check
from yusuan.parse import parse_bytes

from . import fixtures_build as fb
from .check_docs import clean, with_cent_gaps, with_error, written

pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

PUNCT = re.compile(r"[\s，。、；：:,.（）()“”\"%％-]")


def page_lines(data: bytes) -> list[list[str]]:
    """Each page's visual lines, top to bottom, from pdfium's character boxes (independent of yusuan's reader)."""
    pdf = pdfium.PdfDocument(data)
    pages = []
    for page in pdf:
        tp = page.get_textpage()
        height = page.get_height()
        chars = []
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if not ch.isalnum():  # punctuation sits low (`.` `,`): its box centre is not its line's
                continue
            left, bottom, right, top = tp.get_charbox(i)
            chars.append((height - (top + bottom) / 2, left, top - bottom, ch))
        rows: list[list[tuple[float, float, float, str]]] = []
        for c in sorted(chars):
            if rows and abs(c[0] - sum(x[0] for x in rows[-1]) / len(rows[-1])) < 0.4 * c[2]:
                rows[-1].append(c)
            else:
                rows.append([c])
        pages.append(["".join(x[3] for x in sorted(r, key=lambda x: x[1])) for r in rows])
    return pages


def bare(s: str) -> str:
    return PUNCT.sub("", s)


@pytest.fixture(scope="module")
def pdf_with_findings(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    base = tmp_path_factory.mktemp("places")
    path = written(with_cent_gaps(with_error(clean())), base / "d.txt")
    # and a prose figure off by one: a finding placed in the prose as well as in the tables
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"预算安排规模：([\d.]+)万元", lambda m: f"预算安排规模：{Decimal(m.group(1)) + 1}万元", text,
                           count=1), encoding="utf-8")
    doc = fb.doc_from_tab_seed(path)
    return fb.pdf_from_doc(doc, fb.Style(rows_per_page=14))


def test_every_pdf_location_is_found_at_its_page_and_line(pdf_with_findings: bytes) -> None:
    findings = check(parse_bytes(pdf_with_findings, "d.pdf"))
    pages = page_lines(pdf_with_findings)
    located = [loc for f in findings for loc in f.locations if loc.line is not None]
    assert len(located) >= 10 and {"AR-ROW-IDENTITY", "AR-ROUNDING", "NV-PROJECT"} <= {f.rule for f in findings}
    assert any(loc.table is None for loc in located)  # a place in the prose
    assert any(loc.page and loc.page > 1 for loc in located)
    for loc in located:
        assert loc.page is not None and 1 <= loc.page <= len(pages), loc
        lines = pages[loc.page - 1]
        assert 1 <= loc.line <= len(lines), (loc, len(lines))
        quote = bare(loc.quote or "")
        first_word = bare(re.split(r"\s+", (loc.quote or "").strip())[0])
        assert first_word and first_word in bare(lines[loc.line - 1]), (loc, lines[loc.line - 1])
        assert quote


def test_text_locations_keep_the_file_lines(tmp_path: Path) -> None:
    path = written(with_error(clean()), tmp_path / "d.txt")
    text = path.read_text(encoding="utf-8").split("\n")
    findings = check(parse_bytes(path.read_bytes(), str(path)))
    located = [loc for f in findings for loc in f.locations if loc.line is not None]
    assert located
    for loc in located:
        assert loc.quote and bare(loc.quote) == bare(text[loc.line - 1]), loc


def test_space_text_with_page_marks_gives_pages() -> None:
    from yusuan.write import Style, TextStyle, build, render

    style = Style(text=TextStyle(width=40, page_lines=30, page_numbers=True))
    data = render(build(with_error(clean())), "txt", style)
    d = parse_bytes(data, "d.txt")
    assert d.source.pages and d.source.pages > 1
    located = [loc for f in check(d) for loc in f.locations if loc.line is not None]
    lines = data.decode("utf-8").split("\n")
    assert located and all(bare(loc.quote or "") == bare(lines[loc.line - 1]) for loc in located)
    assert all(loc.page is not None for loc in located)


def test_parse_text_output_shows_page_and_line_of_a_pdf(pdf_with_findings: bytes, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from yusuan.cli import main

    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(pdf_with_findings)
    out = CliRunner().invoke(main, ["parse", "--format", "text", str(pdf)]).stdout
    pages = page_lines(pdf_with_findings)
    shown = re.findall(r"^\s+页(\d+):(\d+)\s+(\S+)", out, re.M)
    assert len(shown) > 20
    for page, line, first in shown[:60]:
        code = first if first.isdigit() else None
        if code:  # a coded row: its code's first digits are printed at that page and line
            assert bare(code[:3]) in bare(pages[int(page) - 1][int(line) - 1]), (page, line, code)


def test_sarif_of_a_pdf_gives_page_and_line_not_a_file_region(pdf_with_findings: bytes, tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from yusuan.cli import main

    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(pdf_with_findings)
    log = json.loads(CliRunner().invoke(main, ["check", str(pdf), "--format", "sarif"]).stdout)
    places = [loc for r in log["runs"][0]["results"] for loc in r["locations"] if "properties" in loc]
    assert places and all("region" not in loc["physicalLocation"] for loc in places)
    assert all(loc["properties"]["page"] >= 1 and loc["message"]["text"].startswith("第 ") for loc in places
               if "line" in loc["properties"])
