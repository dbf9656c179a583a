"""Text in the two layouts the parser reads: "space" (text extracted from a PDF, like seeds 000/002: blank cells
leave no trace, each page starts with a line beginning with one space) and "tab" (one tab per cell, blank cells
kept, `编制单位：` and `单位：` on lines of their own, no page marks, like seed 004)."""

from __future__ import annotations

from decimal import Decimal

from yusuan.write.document import Cell, Document, Form, Grid, GridRow, Para, fmt_amount

SPACE_PAGE_ROWS = 36  # rows of a table per page in the space layout (longer tables continue on the next page)
TAB_PAGE_ROWS = 48


def cell_text(c: Cell) -> str:
    if isinstance(c, Decimal):
        return fmt_amount(c)
    return c or ""


def _chunks(rows: list[GridRow], size: int) -> list[list[GridRow]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


# ---- space ---------------------------------------------------------------------------------------------------

def _join(cells: list[Cell]) -> str:
    return " ".join(t for c in cells if (t := cell_text(c)))


def _space_row(g: Grid, r: GridRow) -> list[str]:
    if not r.wrap:
        return [_join(r.cells)]
    codes, name, project = r.cells[:g.code_cells], r.cells[g.code_cells], r.cells[g.code_cells + 1]
    numbers = _join(r.cells[g.n_labels:])
    return [_join(codes), cell_text(name), cell_text(project), numbers]


def _space_grid(g: Grid) -> list[str]:
    head = [line for row in g.head if (line := _join(list(row)))]
    numbering = [_join(list(g.numbering))] if g.numbering else []
    out = [f" 表 {g.number}", g.title, f"{g.publisher} {g.unit}", *head, *numbering]
    for i, chunk in enumerate(_chunks(g.rows, SPACE_PAGE_ROWS)):
        if i:
            out += [f" {g.publisher} {g.unit}", *head, *numbering]
        for r in chunk:
            out += _space_row(g, r)
    if g.empty_statement:
        out.append(g.empty_statement)
    return out


def render_space(doc: Document) -> str:
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Para):
            out.append((" " if b.page_break else "") + b.text)
        elif isinstance(b, Grid):
            out += _space_grid(b)
        elif isinstance(b, Form):
            out += [f" {b.title}", b.subtitle, *(_join(list(r)) for r in b.rows)]
    return "\n".join(out) + "\n"


# ---- tab -----------------------------------------------------------------------------------------------------

def _tabs(cells: list[Cell]) -> str:
    return "\t".join(cell_text(c) for c in cells)


def tab_grid_lines(g: Grid) -> list[str]:
    """The table as tab-layout lines (also the rows of its sheet in the workbook)."""
    head = [_tabs(list(r)) for r in g.head]
    numbering = [_tabs(list(g.numbering))] if g.numbering else []
    out = [f"表 {g.number}", "", g.title, "", g.publisher, "", g.unit, "", *head, *numbering]
    for i, chunk in enumerate(_chunks(g.rows, TAB_PAGE_ROWS)):
        if i:
            out += ["", g.publisher, "", g.unit, "", *head, *numbering]
        out += [_tabs(r.cells) for r in chunk]
    if g.empty_statement:
        out += ["", g.empty_statement]
    return out


def tab_form_lines(f: Form) -> list[str]:
    return [f.title, "", f.subtitle, "", *("\t".join(r) for r in f.rows)]


def render_tab(doc: Document) -> str:
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Para):
            out += [b.text, ""]
        elif isinstance(b, Grid):
            out += tab_grid_lines(b) + [""]
        elif isinstance(b, Form):
            out += tab_form_lines(b) + [""]
    return "\n".join(out) + "\n"
