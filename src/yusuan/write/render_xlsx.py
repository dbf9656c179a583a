"""An Excel workbook: a sheet for the profile, one sheet per table (the cells of the tab layout, amounts as
numbers), a sheet for the prose and performance tables, one for the glossary."""

from __future__ import annotations

import io
from decimal import Decimal

from yusuan.write.document import Document, Form, Grid, Para
from yusuan.write.render_text import tab_form_lines, tab_grid_lines

AMOUNT_FORMAT = "#,##0.00"


def _sheets(doc: Document) -> list[tuple[str, list[list[str | Decimal]]]]:
    sheets: list[tuple[str, list[list[str | Decimal]]]] = []
    current: list[list[str | Decimal]] = []
    sheets.append(("概况", current))
    part = 0
    for b in doc.blocks:
        if isinstance(b, Para) and b.style == "part":
            part += 1
            if part == 3:
                current = []
                sheets.append(("情况说明", current))
            elif part == 4:
                current = []
                sheets.append(("名词解释", current))
            current.append([b.text])
        elif isinstance(b, Para):
            current.append([b.text])
        elif isinstance(b, Grid):
            rows = [_typed(line.split("\t"), i >= 8 + len(b.head) + (1 if b.numbering else 0))
                    for i, line in enumerate(tab_grid_lines(b))]
            sheets.append((f"表{b.number}", [r for r in rows if r != [""]]))
        elif isinstance(b, Form):
            current += [list[str | Decimal](line.split("\t")) for line in tab_form_lines(b) if line]
    return sheets


def _typed(cells: list[str], data: bool) -> list[str | Decimal]:
    if not data:
        return list(cells)
    out: list[str | Decimal] = []
    for c in cells:
        try:
            out.append(Decimal(c.replace(",", "")) if c and c[-3:-2] == "." and c.replace(",", "").replace(".", "")
                       .lstrip("-").isdigit() else c)
        except ArithmeticError:
            out.append(c)
    return out


def render_xlsx(doc: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in _sheets(doc):
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append([float(c) if isinstance(c, Decimal) else (c or None) for c in r])
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = AMOUNT_FORMAT
                    cell.alignment = Alignment(horizontal="right")
        ws["A1"].font = Font(bold=True)
        ws.column_dimensions["A"].width = 40 if name.startswith("表") else 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
