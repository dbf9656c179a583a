"""Excel reader: workbooks built at test time from the seeds give the same tables as the seeds' text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from yusuan.ingest import IngestError
from yusuan.parse import parse_bytes, parse_path

from .conftest import SEEDS, requires_seeds
from .test_ingest_pdf import SEED_TAB, SEEDS_SPACE, cells, gold_score

openpyxl = pytest.importorskip("openpyxl")

from . import fixtures_build as fb  # noqa: E402


@requires_seeds
@pytest.mark.parametrize("kw", [
    {},  # one sheet per table, merged header cells, numbers stored as numbers
    {"per_sheet": False},  # every table on one sheet
    {"numbers_as_text": True, "merge_headers": False},  # amounts stored as text
], ids=["per-sheet", "one-sheet", "text-numbers"])
def test_tab_seed_as_xlsx_scores_like_its_text(kw: dict) -> None:
    d = parse_bytes(fb.xlsx_from_doc(fb.doc_from_tab_seed(SEED_TAB), **kw), "004.xlsx")
    ok, total, misses = gold_score(d, SEED_TAB)
    assert (ok, misses[:5]) == (total, [])
    assert d.source.layout == "xlsx"
    assert cells(d) == cells(parse_path(SEED_TAB))


@requires_seeds
@pytest.mark.parametrize("seed", SEEDS_SPACE, ids=lambda p: p.stem[:3])
def test_space_seed_tables_as_xlsx_equal_the_text_parse(seed: Path) -> None:
    doc, text_model = fb.doc_from_model(seed)  # values the text left ambiguous are left out
    d = parse_bytes(fb.xlsx_from_doc(doc), f"{seed.stem}.xlsx")
    assert cells(d) == cells(text_model)
    assert d.department == text_model.department and d.year == text_model.year


def _workbook(rows_by_sheet: dict[str, list[list[object]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in rows_by_sheet.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_numbers_codes_and_numbering_rows_print_as_in_the_document() -> None:
    from yusuan.ingest.xlsx import read_xlsx

    data = _workbook({"表3": [
        ["表 3"], ["部门支出总体情况表"], ["编制部门：测试局", None, None, None, "单位：万元"],
        ["科目编码", None, "科目名称", "合计", "基本支出", "项目支出"],
        ["※", "※", "※", 1, 2, 3],
        [None, None, "总计", 2071.19, 71.19, 2000],
        [208, 5, "行政事业单位养老支出", 37.75, 37.75, None],
        ["210", "11", "行政事业单位医疗", "22.45", "22.45", ""],
    ]})
    lines = read_xlsx(data, "t.xlsx").lines
    assert [ln.cells for ln in lines[:3]] == [None, None, None]
    assert lines[2].text == "编制部门：测试局 单位：万元"
    assert lines[4].cells == ["※", "※", "※", "1", "2", "3"]
    assert lines[5].cells == ["", "", "总计", "2,071.19", "71.19", "2,000.00"]
    assert lines[6].cells == ["208", "05", "行政事业单位养老支出", "37.75", "37.75", ""]
    assert lines[7].cells == ["210", "11", "行政事业单位医疗", "22.45", "22.45", ""]
    assert {ln.page for ln in lines} == {1}


def test_corrupt_xlsx_says_so() -> None:
    data = _workbook({"a": [["x", 1]]})
    with pytest.raises(IngestError, match=r"坏\.xlsx：Excel 文件已损坏"):
        parse_bytes(data[: len(data) // 2], "坏.xlsx")


def test_a_zip_that_is_not_a_workbook_says_what_it_is() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(IngestError, match="Word 文档"):
        parse_bytes(buf.getvalue(), "x.xlsx")


def test_unrelated_workbook_is_not_a_disclosure() -> None:
    data = _workbook({"采购清单": [["物品", "数量", "单价"], ["打印纸", 20, 25.5], ["墨盒", 4, 180]]})
    with pytest.raises(IngestError, match="不像预算"):
        parse_bytes(data, "清单.xlsx")


def test_empty_workbook_says_so() -> None:
    with pytest.raises(IngestError, match="工作簿是空的"):
        parse_bytes(_workbook({"Sheet1": []}), "空.xlsx")


@requires_seeds
def test_cli_reads_an_xlsx(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    path = tmp_path / "预算公开表.xlsx"
    path.write_bytes(fb.xlsx_from_doc(fb.doc_from_tab_seed(SEEDS / SEED_TAB.name)))
    r = subprocess.run([sys.executable, "-c", "import sys; from yusuan.cli import main; sys.exit(main())",
                        "parse", str(path)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["source"]["layout"] == "xlsx"
