"""An Excel workbook: a sheet for the profile, one sheet per table, a sheet for the prose and performance tables,
one for the glossary.

A table's sheet holds the cells of the tab layout: its header cells merged as printed (a column group over its
columns, a label over both header rows), the header rows frozen, amounts as numbers with a 0.00 format. Every
text cell is written as text, whatever it starts with (`=`, `+`, `-`, `@`): a document's words are data, never a
formula."""

from __future__ import annotations

import io
import sys
from decimal import Decimal
from typing import Any

from yusuan.write.document import Document, Form, Grid, Para
from yusuan.write.render_text import tab_form_lines, tab_grid_lines

AMOUNT_FORMAT = "#,##0.00"
Cells = list[str | Decimal]


class Sheet:
    def __init__(self, name: str, grid: Grid | None = None) -> None:
        self.name, self.grid = name, grid
        self.rows: list[Cells] = []
        self.head_at = 0  # 1-based row of the first header row (tables)
        self.data_at = 0  # 1-based row of the first data row (tables)


def _sheets(doc: Document) -> list[Sheet]:
    sheets = [Sheet("概况")]
    current = sheets[0]
    part = 0
    for b in doc.blocks:
        if isinstance(b, Para) and b.style == "part":
            part += 1
            if part in (3, 4):
                current = Sheet("情况说明" if part == 3 else "名词解释")
                sheets.append(current)
            current.rows.append([b.text])
        elif isinstance(b, Para):
            if b.text:
                current.rows.append([b.text])
        elif isinstance(b, Grid):
            sheets.append(_grid_sheet(b))
        elif isinstance(b, Form):
            current.rows += [list[str | Decimal](line.split("\t")) for line in tab_form_lines(b) if line]
    return sheets


def _grid_sheet(g: Grid) -> Sheet:
    sh = Sheet(f"表{g.number}", g)
    lines = [line for line in tab_grid_lines(g, page_rows=sys.maxsize) if line]
    header_rows = len(g.head) + (1 if g.numbering else 0)
    # 表 N, title, publisher, unit (those the template prints), then the header
    sh.head_at = 1 + sum(1 for x in (g.number_line, g.title, g.publisher, g.unit) if x)
    sh.data_at = sh.head_at + header_rows
    sh.rows = [_typed(line.split("\t"), i + 1 >= sh.data_at) for i, line in enumerate(lines)]
    return sh


def _typed(cells: list[str], data: bool) -> Cells:
    if not data:
        return list(cells)
    out: Cells = []
    for c in cells:
        plain = c.replace(",", "")
        if c and c[-3:-2] == "." and plain.replace(".", "").lstrip("-").isdigit():
            out.append(Decimal(plain))
        else:
            out.append(c)
    return out


def header_merges(head: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """(row, col, last row, last col), 0-based within the header: in the first row a filled cell spans the blank
    cells after it that have labels below them (a column group); a first-row label with nothing below spans both
    rows."""
    if len(head) < 2:
        return []
    top, sub = head[0], head[1]
    out: list[tuple[int, int, int, int]] = []
    i = 0
    while i < len(top):
        span = 1
        while top[i] and i + span < len(top) and not top[i + span] and sub[i + span]:
            span += 1
        if top[i] and span > 1:
            out.append((0, i, 0, i + span - 1))
        elif top[i] and not sub[i]:
            out.append((0, i, 1, i))
        i += span
    return out


def render_xlsx(doc: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for sh in _sheets(doc):
        ws = wb.create_sheet(sh.name)
        for r in sh.rows:
            ws.append([float(c) if isinstance(c, Decimal) else (c or None) for c in r])
        for row in ws.iter_rows():
            for cell in row:
                _cell_style(cell, Alignment)
        ws["A1"].font = Font(bold=True)
        if sh.grid is not None:
            _table_layout(ws, sh, get_column_letter, Alignment, Font)
        else:
            ws.column_dimensions["A"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell_style(cell: Any, alignment: Any) -> None:
    if isinstance(cell.value, float):
        cell.number_format = AMOUNT_FORMAT
        cell.alignment = alignment(horizontal="right")
    elif isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with


def _table_layout(ws: Any, sh: Sheet, letter: Any, alignment: Any, font: Any) -> None:
    g = sh.grid
    assert g is not None
    width = max(len(r) for r in g.head)
    for r0, c0, r1, c1 in header_merges([list(r) for r in g.head]):
        ws.merge_cells(start_row=sh.head_at + r0, start_column=c0 + 1, end_row=sh.head_at + r1, end_column=c1 + 1)
    for row in ws.iter_rows(min_row=sh.head_at, max_row=sh.data_at - 1):
        for cell in row:
            cell.alignment = alignment(horizontal="center", vertical="center", wrap_text=True)
    ws["A2" if g.number_line else "A1"].font = font(bold=True, size=14)
    ws.freeze_panes = ws.cell(row=sh.data_at, column=1)
    ws.column_dimensions["A"].width = 40 if g.n_labels == 1 else 8
    for i in range(2, width + 1):
        ws.column_dimensions[letter(i)].width = 14
    if g.code_cells:
        name_col = g.code_cells + 1
        ws.column_dimensions[letter(name_col)].width = 36
        if g.n_labels > name_col:
            ws.column_dimensions[letter(name_col + 1)].width = 36
