"""Text in the two layouts the parser reads: "space" (text extracted from a PDF, like seeds 000/002: blank cells
leave no trace, each page starts with a line beginning with one space) and "tab" (one tab per cell, blank cells
kept, `编制单位：` and `单位：` on lines of their own, no page marks, like seed 004)."""

from __future__ import annotations

from dataclasses import dataclass
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

@dataclass(frozen=True)
class TextStyle:
    """How text extracted from a PDF looks (space layout). The default is the plain form: one line per paragraph,
    a table row per line. The options give what real extractions show (seeds 000, 002): prose wrapped at a fixed
    width (mid-word, mid-number), long table names wrapped over lines of their own with the numbers on a later
    line, pages of a fixed number of lines that start with one space, printed page numbers `- N -` between pages,
    a blank line after each line."""

    width: int | None = None  # prose wraps after this many characters
    name_width: int | None = None  # a code row's name (and table 7's project) wraps at this many characters
    page_lines: int | None = None  # lines per page (prose); pages also start at each part and table
    table_rows: int = SPACE_PAGE_ROWS  # rows of a table per page
    page_numbers: bool = False  # `- N -` at the foot of each page
    blank_lines: bool = False  # an empty line after every line


def _join(cells: list[Cell]) -> str:
    return " ".join(t for c in cells if (t := cell_text(c)))


def _pieces(text: str, width: int | None, digit_start: bool = True) -> list[str]:
    """`text` cut every `width` characters; continuation pieces lose leading spaces (a line starting with exactly
    one space would read as the start of a page). `digit_start=False` moves a cut back so that no piece starts
    with a digit: in a table the parser reads such a piece (`024〕39号）`) as a new row's code (reported)."""
    if not width or len(text) <= width:
        return [text]
    out: list[str] = []
    rest = text
    while len(rest) > width:
        cut = width
        while not digit_start and cut > 1 and rest[cut].isdigit():
            cut -= 1
        out.append(rest[:cut])
        rest = rest[cut:].lstrip()
    return [p for p in [*out, rest] if p]


class SpaceWriter:
    """Lines of the space layout, with pages: a page starts with one space and ends with its printed number."""

    def __init__(self, style: TextStyle) -> None:
        self.st = style
        self.lines: list[str] = []
        self.page = 0
        self.on_page = 0
        self.start = True

    def new_page(self) -> None:
        if self.page and self.st.page_numbers:
            self.lines.append(f"- {self.page} -")
        self.page += 1
        self.on_page = 0
        self.start = True

    def emit(self, line: str, blank: bool = True) -> None:
        if self.st.page_lines and self.on_page >= self.st.page_lines:
            self.new_page()
        if self.start:
            line = " " + line.lstrip()
            self.start = False
        elif line.startswith(" ") and not line.startswith("  "):
            line = line.lstrip()
        self.lines.append(line)
        self.on_page += 1
        if blank and self.st.blank_lines:
            self.lines.append("")

    def text(self) -> str:
        if self.st.page_numbers and self.page:
            self.lines.append(f"- {self.page} -")
        return "\n".join(self.lines) + "\n"


def _wrapped_row(g: Grid, r: GridRow, width: int | None) -> list[str]:
    """A code row whose name is long: the codes, the name in pieces (the first indented), the project in pieces,
    then the numbers, each on lines of their own (as text extracted from a PDF shows a wrapped cell)."""
    codes = _join(r.cells[:g.code_cells])
    name = cell_text(r.cells[g.code_cells])
    project = cell_text(r.cells[g.code_cells + 1]) if g.n_labels > g.code_cells + 1 else ""
    numbers = _join(r.cells[g.n_labels:])
    names = _pieces(name, width, digit_start=False)
    lines = [f"{codes}       {name}"] if len(names) == 1 and project else [codes, "    " + names[0], *names[1:]]
    return lines + _pieces(project, width, digit_start=False) + [numbers] if project else lines + [numbers]


def _space_row(g: Grid, r: GridRow, width: int | None) -> list[str]:
    name = cell_text(r.cells[g.code_cells]) if g.code_cells and len(r.cells) > g.code_cells else ""
    long_name = bool(width) and len(name) > (width or 0) and any(cell_text(c) for c in r.cells[:g.code_cells])
    if r.wrap or long_name:
        if not width and r.wrap:
            codes, project = r.cells[:g.code_cells], r.cells[g.code_cells + 1]
            return [_join(codes), name, cell_text(project), _join(r.cells[g.n_labels:])]
        return _wrapped_row(g, r, width)
    return [_join(r.cells)]


def _space_grid(w: SpaceWriter, g: Grid) -> None:
    head = [line for row in g.head if (line := _join(list(row)))]
    numbering = [_join(list(g.numbering))] if g.numbering else []
    w.new_page()
    for line in [g.number_line, g.title, g.unit_line, *head, *numbering]:
        if line:
            w.emit(line)
    # tables 1 and 4 are not cut: the parser loses rows of a two-sided table continued under a repeated header
    # (nor are two halves side by side, whose rows pair unrelated lines)
    size = max(1, len(g.rows)) if g.label_columns else SPACE_PAGE_ROWS if g.sided else w.st.table_rows
    for i, chunk in enumerate(_chunks(g.rows, size)):
        if i:
            w.new_page()
            for line in [g.unit_line, *head, *numbering]:
                w.emit(line)
        for r in chunk:
            pieces = _space_row(g, r, w.st.name_width)
            for k, line in enumerate(pieces):
                w.emit(line, blank=k == len(pieces) - 1)
    if g.empty_statement:
        for piece in _pieces(g.empty_statement, w.st.width):
            w.emit(piece)


def render_space(doc: Document, style: TextStyle | None = None) -> str:
    w = SpaceWriter(style or TextStyle())
    for b in doc.blocks:
        if isinstance(b, Para):
            if b.page_break or not w.page:
                w.new_page()
            # a row of a list printed as a table (the 决算's 单位构成) is one line, as a ruled cell row extracts
            for piece in _pieces(b.text, None if b.style == "row" else w.st.width):
                w.emit(piece)
        elif isinstance(b, Grid):
            _space_grid(w, b)
        elif isinstance(b, Form):
            w.new_page()
            for line in [b.title, b.subtitle, *(_join(list(r)) for r in b.rows)]:
                w.emit(line)
    return w.text()


# ---- tab -----------------------------------------------------------------------------------------------------

def _tabs(cells: list[Cell]) -> str:
    return "\t".join(cell_text(c) for c in cells)


def tab_grid_lines(g: Grid, page_rows: int = TAB_PAGE_ROWS) -> list[str]:
    """The table as tab-layout lines (also the rows of its sheet in the workbook, with `page_rows` so large that
    the header is never repeated)."""
    head = [_tabs(list(r)) for r in g.head]
    numbering = [_tabs(list(g.numbering))] if g.numbering else []
    meta = [x for line in (g.publisher, g.unit) if line for x in (line, "")]
    out = [x for line in (g.number_line, g.title) if line for x in (line, "")] + meta + [*head, *numbering]
    for i, chunk in enumerate(_chunks(g.rows, page_rows)):
        if i:
            out += ["", *meta, *head, *numbering]
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
