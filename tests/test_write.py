"""The writer: parse(write(m)) == m for the seeds' models, in every layout a reader exists for; the prose is
computed from the tables; year-over-year clauses only with last year's model; the CLI never overwrites."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main
from yusuan.parse import parse_bytes, parse_path
from yusuan.sample import department
from yusuan.write import build, render
from yusuan.write.compare import compare
from yusuan.write.model_io import disclosure_from_dict
from yusuan.write.prose import pct, val

from .conftest import seed_paths

SEEDS = seed_paths()
TEXT_LAYOUTS = (("txt", "space", True), ("txt-tab", "tab", False))


def _reader_available(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _font_available() -> bool:
    from yusuan.write.fonts import FontMissing, cjk_font

    try:
        cjk_font()
    except FontMissing:
        return False
    return True


@pytest.mark.parametrize("fmt,layout,lossy", TEXT_LAYOUTS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_round_trip_text(seed: Path, fmt: str, layout: str, lossy: bool) -> None:
    m = parse_path(seed)
    doc = build(m)
    got = parse_bytes(render(doc, fmt), f"{seed.stem}.{fmt}")
    assert got.source.layout == layout
    res = compare(m, got, doc, lossy=lossy)
    assert res.ok, "\n".join(res.differences[:20])
    assert res.cells > 200 and res.figures > 50
    if not lossy:
        assert res.ambiguous == 0


@pytest.mark.parametrize("fmt,module", (("pdf", "yusuan.ingest.pdf"), ("xlsx", "yusuan.ingest.xlsx"),
                                        ("docx", "yusuan.ingest.docx"), ("html", "yusuan.ingest.html")))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_round_trip_binary(seed: Path, fmt: str, module: str) -> None:
    if not _reader_available(module):
        pytest.skip(f"{module} is not importable yet (the {fmt} reader is being written)")
    if fmt == "pdf" and not _font_available():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    m = parse_path(seed)
    doc = build(m)
    got = parse_bytes(render(doc, fmt), f"{seed.stem}.{fmt}")
    res = compare(m, got, doc)  # tables, prose figures by section, section texts word for word, indicators
    assert res.ok, "\n".join(res.differences[:20])
    assert res.cells > 200 and res.figures > 50


def test_model_json_round_trip_writes_the_same() -> None:
    m = department(3, 4)
    again = disclosure_from_dict(json.loads(json.dumps(m.to_dict(), ensure_ascii=False)))
    assert render(build(again), "txt-tab") == render(build(m), "txt-tab")


def _statements(text: bytes) -> list:
    return parse_bytes(text, "x.txt").narrative.statements


def test_without_prior_no_change_clauses() -> None:
    doc = build(department(7, 11))
    sts = _statements(render(doc, "txt-tab"))
    assert not [s for s in sts if s.metric in ("change", "growth")]
    assert "比上年" not in render(doc, "txt").decode()


def test_prior_gives_computed_changes() -> None:
    now, before = department(7, 11, 2025), department(7, 11, 2024)
    assert now.department == before.department
    sts = _statements(render(build(now, before), "txt-tab"))
    t3 = "expenditure_overview"
    basic, basic_prior = val(now, t3, "total", "basic"), val(before, t3, "total", "basic")
    changes = [s for s in sts if s.section == "三" and s.metric == "change"]
    growths = [s for s in sts if s.section == "三" and s.metric == "growth"]
    assert changes[0].value == basic - basic_prior
    assert growths[0].value == pct(basic - basic_prior, basic_prior)
    # every written growth rate satisfies W = Z / (amount − Z) × 100
    by_line: dict[int | None, dict[str, Decimal]] = {}
    for s in sts:
        by_line.setdefault(s.line, {})[s.metric] = s.value
    checked = 0
    for figs in by_line.values():
        if {"amount", "change", "growth"} <= figs.keys() and figs["amount"] != figs["change"]:
            assert figs["growth"] == pct(figs["change"], figs["amount"] - figs["change"])
            checked += 1
    assert checked >= 3


def test_shares_are_computed_from_amounts() -> None:
    m = department(7, 2)
    sts = [s for s in _statements(render(build(m), "txt-tab")) if s.section == "二"]
    total = val(m, "income_overview", "total", "total")
    pairs = [(a, b) for a, b in zip(sts, sts[1:], strict=False) if a.metric == "amount" and b.metric == "share"]
    assert pairs
    for amount, share in pairs:
        assert share.value == pct(amount.value, total)


def test_html_is_self_contained() -> None:
    html = render(build(department(7, 1)), "html").decode()
    assert "<style>" in html and "http://" not in html and "https://" not in html and "<script" not in html
    for title in ("收支总体情况表", "一般公共预算项目支出情况表", "上年结转结余情况明细表", "第四部分 名词解释"):
        assert title in html


def test_xlsx_has_a_sheet_per_table_and_profile() -> None:
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(build(department(7, 1)), "xlsx")))
    assert wb.sheetnames[0] == "概况"
    assert [f"表{i}" for i in range(1, 12)] == [s for s in wb.sheetnames if s.startswith("表")]
    amounts = [c.value for row in wb["表2"].iter_rows() for c in row if isinstance(c.value, float)]
    assert amounts and all(c == round(c, 2) for c in amounts)


def test_docx_has_the_eleven_tables() -> None:
    import io

    import docx

    m = department(7, 1)
    d = docx.Document(io.BytesIO(render(build(m), "docx")))
    forms = (1 if m.performance.overall else 0) + len(m.performance.projects)
    assert len(d.tables) == 11 + forms
    text = "\n".join(p.text for p in d.paragraphs)
    assert "编制数" in text and "第三部分" in text


def test_pdf_embeds_a_cjk_font() -> None:
    if not _font_available():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    pdf = render(build(department(7, 1)), "pdf")
    assert pdf.startswith(b"%PDF-") and b"/FontFile" in pdf and b"/ToUnicode" in pdf


# ---- the command ------------------------------------------------------------------------------------------------

def test_write_command_never_overwrites(tmp_path: Path) -> None:
    model = tmp_path / "m.json"
    model.write_text(json.dumps(department(7, 0).to_dict(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    r = runner.invoke(main, ["write", str(model), "-o", str(out), "--format", "txt,txt-tab,html"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == ["m.html", "m.tab.txt", "m.txt"]
    first = (out / "m.txt").read_bytes()
    r = runner.invoke(main, ["write", str(model), "-o", str(out), "--format", "txt"])
    assert r.exit_code != 0 and "已存在" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["write", str(model), "-o", str(out), "--format", "txt", "--force"])
    assert r.exit_code == 0 and (out / "m.txt").read_bytes() == first


def test_write_command_reads_a_document(tmp_path: Path) -> None:
    src = tmp_path / "doc.txt"
    src.write_bytes(render(build(department(7, 9)), "txt-tab"))
    r = CliRunner().invoke(main, ["write", str(src), "-o", str(tmp_path / "o"), "--format", "txt"])
    assert r.exit_code == 0, r.output
    assert parse_path(tmp_path / "o" / "doc.txt").department == department(7, 9).department


@pytest.mark.parametrize("content,word", ((b"{not json", "JSON"), (b'{"x": 1}', "模型"), (b"hello world", "")))
def test_write_command_bad_input_is_one_line(tmp_path: Path, content: bytes, word: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    r = CliRunner().invoke(main, ["write", str(bad), "-o", str(tmp_path / "o")])
    assert r.exit_code != 0
    assert "Traceback" not in r.output and str(bad) in r.output and word in r.output
    assert len(r.output.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_write_command_unknown_format(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["write", "x.json", "-o", str(tmp_path), "--format", "txt,odt"])
    assert r.exit_code != 0 and "odt" in r.output
