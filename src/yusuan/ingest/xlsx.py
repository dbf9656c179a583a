"""Read an Excel workbook (.xlsx) as exported by finance systems: one table per sheet or several per sheet.

Every sheet is read top to bottom, sheets in workbook order. A row with cells in two or more columns, or a row
sitting between such rows (a label-only row of a table), becomes a `Line` with one cell per column of the sheet's
used range (blank and merged-away cells kept as ""), the tab layout's shape; any other row is a text line (titles,
`表 N`, `编制部门：…`, prose). Numbers are printed as the document prints them: 2 decimals with thousands commas;
the numbering row under a header (`※ 1 2 3`) and classification codes keep their digits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from yusuan.ingest import IngestError, Line, SourceDoc
from yusuan.ingest.limits import refuse, value
from yusuan.ingest.text import normalize
from yusuan.ingest.zipguard import open_zip

CODE_HEAD = re.compile(r"^\d{3}$")
CJK = re.compile(r"[\u4e00-\u9fff]")
UNIT_OR_TITLE = re.compile(r"^(编制(部门|单位)|单位[:：]|金额单位|表\s*\d+$)")


def read_xlsx(data: bytes, name: str) -> SourceDoc:
    wb = _open(data, name)
    budget = CellBudget(name)
    try:
        return workbook_doc(data, name, (_sheet_rows(ws, budget) for ws in wb.worksheets))
    finally:
        wb.close()


class CellBudget:
    """Counts the cells a workbook makes the reader handle, against the `cells` limit."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.used = 0
        self.limit = value("cells")

    def take(self, n: int) -> None:
        self.used += max(1, n)
        if self.used > self.limit:
            raise refuse(self.name, "cells", f"工作簿已读到 {self.used:,} 个单元格")


def _sheet_rows(ws: Any, budget: CellBudget) -> list[list[str]]:
    """The rows of a sheet by the cells actually present: the `<dimension>` a file declares is ignored (a sheet
    declaring A1:XFD1048576 with one cell would otherwise be walked cell by cell), and blank rows are dropped."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    rows: list[list[str]] = []
    for r in ws.iter_rows():
        budget.take(len(r))
        if r and any(getattr(c, "value", None) is not None for c in r):
            rows.append(_row_cells(r))
    return rows


def workbook_doc(data: bytes, name: str, sheets: Iterable[list[list[str]]]) -> SourceDoc:
    """A workbook's sheets (rows of formatted cells) as one document; each non-empty sheet counts as a page."""
    doc = SourceDoc(path=name, sha256=hashlib.sha256(data).hexdigest(), layout="xlsx")
    count = 0
    for rows in sheets:
        if not any(any(c for c in r) for r in rows):
            continue
        count += 1
        _emit_sheet(doc, rows, count)
    if not doc.lines:
        raise IngestError(f"{name}：Excel 工作簿是空的，没有任何内容")
    doc.pages = count
    return doc


def _open(data: bytes, name: str) -> Any:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - an optional dependency
        raise IngestError(f"{name}：读取 Excel 需要 openpyxl（pip install 'yusuan[xlsx]'）") from None
    with open_zip(data, name, "Excel 文件", ".xlsx") as z:
        names = set(z.namelist())
    if "xl/workbook.xml" not in names:
        kind = "Word 文档（.docx）" if "word/document.xml" in names else "ZIP 压缩包"
        raise IngestError(f"{name}：这是{kind}，不是 Excel 工作簿（.xlsx），请提供 PDF、Excel 或提取后的文本")
    try:
        # read-only keeps memory flat on big exports; data_only gives a formula's last computed value
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises KeyError, ValueError, XML errors… for a damaged workbook
        raise IngestError(f"{name}：Excel 文件已损坏，无法读取（{type(e).__name__}）") from None


def _row_cells(row: tuple[Any, ...]) -> list[str]:
    out: list[str] = []
    numbering = _is_numbering(row)
    seen_label = False
    for cell in row:
        v = getattr(cell, "value", None)
        fmt = getattr(cell, "number_format", "General") or "General"
        text = _format(v, fmt, numbering=numbering, code_position=not seen_label)
        if text and not _is_code(text):
            seen_label = True
        out.append(text)
    return out


def _is_numbering(row: tuple[Any, ...]) -> bool:
    """The column-number row under a header: `※ … 1 2 3 …` (numbers here are not amounts)."""
    vals = [getattr(c, "value", None) for c in row]
    nums = [v for v in vals if isinstance(v, int | float) and not isinstance(v, bool)]
    marks = [v for v in vals if isinstance(v, str) and v.strip() and set(v.strip()) <= {"※"}]
    if len(nums) < 2:
        return False
    ints = [int(v) for v in nums if float(v).is_integer()]
    return len(ints) == len(nums) and (bool(marks) or ints == list(range(1, len(ints) + 1)))


def _format(v: object, fmt: str, numbering: bool, code_position: bool) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, dt.datetime | dt.date):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, int | float | Decimal):
        return _format_number(v, fmt, numbering, code_position)
    return normalize(str(v)).replace("\r", " ").replace("\n", " ").strip()


def _format_number(v: int | float | Decimal, fmt: str, numbering: bool, code_position: bool) -> str:
    if "%" in fmt:
        return f"{Decimal(str(v)) * 100:.2f}%"
    integral = float(v).is_integer()
    if numbering and integral:
        return str(int(v))
    if code_position and integral and _general(fmt) and 0 <= v < 1000:
        # a classification code stored as a number: `208`, `5` for `05`
        return str(int(v)) if v >= 100 else f"{int(v):02d}"
    return f"{Decimal(str(v)).quantize(Decimal('0.01')):,.2f}"


def _general(fmt: str) -> bool:
    return fmt in ("General", "@", "0") or not fmt


def _is_code(text: str) -> bool:
    return bool(re.fullmatch(r"\d{2,3}", text))


def _emit_sheet(doc: SourceDoc, rows: list[list[str]], sheet: int) -> None:
    rows = [r for r in rows if any(r)]
    multi = [sum(1 for c in r if c) >= 2 and not _unit_line(r) for r in rows]
    inside = [m or (0 < k < len(rows) - 1 and multi[k - 1] and multi[k + 1] and not _prose([c for c in r if c]))
              for k, (r, m) in enumerate(zip(rows, multi, strict=True))]
    k = 0
    while k < len(rows):
        if not inside[k]:
            doc.lines.append(Line(no=len(doc.lines) + 1, text=" ".join(c for c in rows[k] if c), page=sheet))
            k += 1
            continue
        end = k
        while end < len(rows) and inside[end]:
            end += 1
        # one table: every row as wide as the table's widest row, so blank trailing cells are kept
        width = max(max(i + 1 for i, c in enumerate(r) if c) for r in rows[k:end])
        for r in rows[k:end]:
            cells = (r + [""] * width)[:width]
            doc.lines.append(Line(no=len(doc.lines) + 1, text=" ".join(c for c in cells if c), page=sheet,
                                  cells=cells))
        k = end


def _unit_line(r: list[str]) -> bool:
    """`编制部门：X … 单位：万元` spread over two cells is a text line, not a table row."""
    filled = [c for c in r if c]
    return bool(filled) and bool(UNIT_OR_TITLE.match(filled[0])) and len(filled) <= 3


def _prose(filled: list[str]) -> bool:
    """A single cell that reads as a sentence (the `…为空表。` statement) is not a table row."""
    return len(filled) == 1 and ("为空表" in filled[0] or filled[0].endswith("。"))
