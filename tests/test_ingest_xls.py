"""Old-format Excel (.xls) reads like .xlsx: the tab seed written cell by cell into a BIFF workbook."""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.conftest import SEEDS, gold_for, requires_seeds
from tests.test_parse_seeds import _accuracy_module
from yusuan.ingest import IngestError
from yusuan.parse import parse_bytes

xlwt = pytest.importorskip("xlwt", reason="xlwt builds the .xls fixture (pip install xlwt)")
pytest.importorskip("xlrd", reason="xlrd reads .xls")

AMOUNT = re.compile(r"^-?[\d,]+\.\d{2}$")


def _xls_from_tab_text(text: str, numbers_as_text: bool) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("预算公开")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    for r, line in enumerate(text.split("\n")):
        for c, cell in enumerate(line.split("\t")):
            cell = cell.strip()
            if not cell:
                continue
            if AMOUNT.match(cell) and not numbers_as_text:
                sheet.write(r, c, float(cell.replace(",", "")), money)
            else:
                sheet.write(r, c, cell)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@requires_seeds
@pytest.mark.parametrize("numbers_as_text", [False, True])
def test_tab_seed_as_xls_scores_every_cell(numbers_as_text):
    seed = SEEDS / "004_b4b0de6c7b2a5cb7.txt"
    data = _xls_from_tab_text(seed.read_text(encoding="utf-8"), numbers_as_text)
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    d = parse_bytes(data, "预算公开表.xls")
    assert d.source.layout == "xlsx"
    counts, misses = _accuracy_module().score_parsed(json.loads(json.dumps(d.to_dict())), gold_for(seed))
    assert counts["ok"] == counts["cells"] and counts["extra"] == 0, misses[:8]


def test_damaged_old_office_file_gives_a_clear_message():
    junk = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    with pytest.raises(IngestError) as e:
        parse_bytes(junk, "旧文件.xls")
    assert "旧文件.xls" in str(e.value) and "\n" not in str(e.value)
