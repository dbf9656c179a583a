"""Read an old-format Excel workbook (.xls, BIFF) with xlrd, the same way as an .xlsx.

Cells are turned into the small objects the .xlsx reader formats (a value and a number format), so both formats
print numbers, codes and the numbering row alike and cut sheets into tables the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from yusuan.ingest import IngestError, SourceDoc
from yusuan.ingest.xlsx import CellBudget, _row_cells, workbook_doc


@dataclass
class _Cell:
    value: object
    number_format: str


def read_xls(data: bytes, name: str) -> SourceDoc:
    book = _open(data, name)
    budget = CellBudget(name)
    return workbook_doc(data, name, (_sheet_rows(book, sheet, budget) for sheet in book.sheets()))


def _sheet_rows(book: Any, sheet: Any, budget: CellBudget) -> list[list[str]]:
    """Each row as long as the cells it holds (not the sheet's widest row), counted against the `cells` limit."""
    rows = []
    for r in range(sheet.nrows):
        width = sheet.row_len(r)
        budget.take(width)
        rows.append(_row_cells(tuple(_cell(book, sheet, r, c) for c in range(width))))
    return rows


def _open(data: bytes, name: str) -> Any:
    try:
        import xlrd
    except ImportError:  # pragma: no cover - an optional dependency
        raise IngestError(f"{name}：读取旧版 Excel（.xls）需要 xlrd（pip install 'yusuan[xlsx]'），或另存为 .xlsx") from None
    try:
        return xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
    except xlrd.biffh.XLRDError as e:
        if "Word" in str(e) or "not supported" in str(e).lower():
            raise IngestError(f"{name}：这是旧版 Word 文件（.doc），请另存为 .docx 或 PDF 后再读取") from None
        raise IngestError(f"{name}：旧版 Excel 文件（.xls）已损坏或格式不受支持（{e}）") from None
    except Exception as e:  # xlrd raises assorted errors on a damaged compound file
        raise IngestError(f"{name}：旧版 Office 文件无法读取（{type(e).__name__}），请另存为 .xlsx、.docx 或 PDF") from None


def _cell(book: Any, sheet: Any, r: int, c: int) -> _Cell:
    import xlrd

    cell = sheet.cell(r, c)
    fmt = "General"
    with contextlib.suppress(IndexError, KeyError, AttributeError, TypeError):
        fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str or "General"
    value: object
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        value = None
    elif cell.ctype == xlrd.XL_CELL_DATE:
        value = xlrd.xldate_as_datetime(cell.value, book.datemode)
    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
        value = bool(cell.value)
    elif cell.ctype == xlrd.XL_CELL_NUMBER:
        value = int(cell.value) if float(cell.value).is_integer() and "0.0" not in fmt else cell.value
    elif cell.ctype == xlrd.XL_CELL_ERROR:
        value = None
    else:
        value = cell.value
    return _Cell(value if not isinstance(value, dt.time) else str(value), fmt)
