"""PDF with an embedded CJK font (fpdf2): text pages in portrait, wide tables in landscape, tables that continue
over pages repeat their header. `PdfStyle` varies what the PDF reader must cope with (`yusuan sample` draws one per
document): font sizes, column widths (narrow label columns wrap names), page size and orientation, ruling (full
grid, horizontal rules only, none), page breaks every few rows inside a table."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from yusuan.write.document import Document, Form, Grid, GridRow, Para
from yusuan.write.fonts import cjk_font
from yusuan.write.render_text import cell_text

Fit = Callable[..., str]
PADDING = 0.8  # mm inside a table cell
# 禁则 (line-breaking rules for Chinese): no line starts with closing punctuation, no line ends with an opening one
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’%％…—·,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
UNIT_PIECE = re.compile(r"[0-9A-Za-z.,%％+\-]+(?:万元|亿元|平方米|元|万|亿)?|.", re.S)
UNBREAKABLE = frozenset("0123456789.,%％+-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _units(text: str) -> list[str]:
    """Pieces a line may break between: a run of digits and Latin letters with the unit after it (`470.62万元`,
    `12.34%`, `2025`) is one piece, every other character one."""
    return UNIT_PIECE.findall(text)


def break_lines(text: str, width: float, measure: Callable[[str], float], hang: bool = True) -> list[str]:
    """`text` in lines no wider than `width`, broken by the Chinese rules: a closing mark that would start a line
    hangs at the end of the line before (it may overhang by its own width; with `hang=False`, in a table cell that
    has no room to overhang, the last character of the line goes down with it), an opening mark that would end a
    line moves to the next; a number or Latin word is not split unless it alone is wider than the line."""
    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for unit in _units(part):
            if not line or measure(line + unit) <= width:
                line += unit
                continue
            if unit[0] in NO_LINE_START and hang:
                line += unit  # hanging punctuation
                continue
            carry = ""
            if unit[0] in NO_LINE_START and len(line) > 1:
                carry, line = line[-1], line[:-1]
            while line and line[-1] in NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            if line:
                lines.append(line)
            line = carry + unit
            while measure(line) > width and len(line) > 1 and not (line[0] in UNBREAKABLE and unit == line):
                cut = len(line) - 1
                while cut > 1 and measure(line[:cut]) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines

SIZES = {"cover-sub": 18, "cover": 26, "part": 16, "section": 12, "subsection": 11}


RULINGS = {"grid": "ALL", "horizontal": "HORIZONTAL_LINES", "none": "NONE"}
PAGE_SIZES: dict[str, str | tuple[float, float]] = {"A4": "A4", "A3": "A3", "B5": (176.0, 250.0)}


@dataclass(frozen=True)
class PdfStyle:
    body: float = 10.5
    table: float = 7.5
    label_width: float = 3.0  # width of a name column relative to a value column
    wide: int = 6  # tables with more value columns than this go on landscape pages
    page: str = "A4"  # A4, A3, B5
    landscape: bool = False  # text pages in landscape too
    ruling: str = "grid"  # grid, horizontal, none (tables 1 and 4, which have no numbering row, keep horizontal rules)
    table_rows: int | None = None  # a table breaks onto a new page (its header repeated) after this many rows
    repeat_publisher: bool = False  # a continued table's page repeats `编制部门：…  单位：万元` above the header
    margin: float = 15.0


def _font_index(path: str) -> int:
    return 2 if "NotoSansCJK" in path or "NotoSerifCJK" in path else 0  # the SC face of the Noto collection


def render_pdf(doc: Document, style: PdfStyle | None = None) -> bytes:
    from fpdf import FPDF

    st = style or PdfStyle()
    font = str(cjk_font())
    pdf = FPDF(orientation="L" if st.landscape else "P", unit="mm", format=PAGE_SIZES.get(st.page, "A4"))
    pdf.set_margins(st.margin, st.margin)
    pdf.set_auto_page_break(True, margin=st.margin)
    pdf.add_font("cjk", "", font, collection_font_number=_font_index(font))
    pdf.set_font("cjk", size=st.body)
    pdf.set_title(f"{doc.department}{doc.year}年{doc.kind}公开")
    pdf.set_creator("yusuan")
    pdf.add_page()
    first = True
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if isinstance(b, Para):
            if b.style == "part" and i + 1 < len(blocks) and isinstance(blocks[i + 1], Grid):
                continue  # drawn on the table's first page: no page holding only `第二部分`
            _para(pdf, b, st, first)
            first = False
        elif isinstance(b, Grid):
            prev = blocks[i - 1] if i else None
            _grid(pdf, b, st, prev if isinstance(prev, Para) and prev.style == "part" else None)
        elif isinstance(b, Form):
            _form(pdf, b, st)
    pdf.set_font("cjk", size=st.body)
    return bytes(pdf.output())


def _page(pdf, landscape: bool = False) -> None:
    pdf.add_page(orientation="L" if landscape else "P")


def _para(pdf, p: Para, st: PdfStyle, first: bool) -> None:
    if p.page_break and not first:
        _page(pdf, st.landscape)
    size = SIZES.get(p.style, st.body)
    pdf.set_font("cjk", size=size)
    align = {"cover-sub": "C", "cover": "C", "part": "C", "right": "R"}.get(p.style, "L")
    if p.style == "cover-sub":
        pdf.ln(70)
    elif p.style == "cover":
        pdf.ln(8)
    for line in break_lines(p.text, pdf.epw, pdf.get_string_width) or [""]:
        pdf.cell(0, size * 0.55, line, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=st.body)


def _head(row, cells: list[str], merge: bool, center: bool = False, fit: Fit | None = None) -> None:
    """A header row; in the first one, blank cells widen the filled cell before them (a column group). The
    numbering row (`※ 1 2 3`) is centred, as printed: each digit sits over the middle of its column. Labels are
    broken by the Chinese rules (`fit`), so that no `）` is left alone on a line."""
    i = 0
    while i < len(cells):
        span = 1
        while merge and i + span < len(cells) and not cells[i + span] and cells[i]:
            span += 1
        text = fit(cells[i], i, span) if fit is not None else cells[i]
        row.cell(text, colspan=span, align="C" if center else None)
        i += span


def _fixed(pdf, g: Grid) -> list[float]:
    """Widths of the amount and code columns (0 for a label column)."""
    n = len(g.head[0])
    pad = 2.5
    need = [0.0] * n
    for r in g.rows:
        for i, c in enumerate(r.cells):
            if c is not None and not isinstance(c, str):
                need[i] = max(need[i], pdf.get_string_width(cell_text(c)) + pad)
    if g.label_columns:  # halves side by side: every column but the names is as wide as its widest figure
        return [0.0 if i in g.label_columns else max(need[i], 11.0) for i in range(n)]
    fixed = [max(need[i], 11.0) if (g.sided and i not in (0, 2)) or (not g.sided and i >= g.n_labels) else 0.0
             for i in range(n)]
    for i in range(min(g.code_cells, n)):  # as wide as 3 digits, or the longest code (a 项 code in one column)
        longest = max((cell_text(r.cells[i]) for r in g.rows if i < len(r.cells)), key=len, default="")
        fixed[i] = max(pdf.get_string_width("000"), pdf.get_string_width(longest)) + pad
    return fixed


def _widths(pdf, g: Grid, st: PdfStyle) -> list[float]:
    """Column widths in mm: an amount column is as wide as its longest amount (amounts never wrap); the name
    columns share what is left."""
    n = len(g.head[0])
    fixed = _fixed(pdf, g)
    shares = [0.0 if fixed[i] else (st.label_width if i != 0 or not g.sided else st.label_width) for i in range(n)]
    rest = max(pdf.epw - sum(fixed), 20.0)
    return [fixed[i] or rest * shares[i] / sum(shares) for i in range(n)]


def _grid(pdf, g: Grid, st: PdfStyle, heading: Para | None = None) -> None:
    values = len(g.head[0]) - g.n_labels
    landscape = values > st.wide or st.landscape or not _fits(pdf, g, st, min(pdf.w, pdf.h) - 2 * st.margin)
    _page(pdf, landscape=landscape)
    if heading is not None:
        _para(pdf, Para(heading.text, heading.style), st, True)
        pdf.ln(2)
    pdf.set_font("cjk", size=st.body)
    if g.number_line:
        pdf.cell(0, 6, g.number_line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=14)
    pdf.cell(0, 9, g.title, align="C", new_x="LMARGIN", new_y="NEXT")
    _publisher(pdf, g, st)
    size = st.table_rows if st.table_rows and not g.sided else len(g.rows)
    chunks = [g.rows[i:i + size] for i in range(0, len(g.rows), max(1, size))] or [[]]
    for k, chunk in enumerate(chunks):
        if k:
            _page(pdf, landscape=landscape)
            if st.repeat_publisher:
                _publisher(pdf, g, st)
        _rows(pdf, g, st, chunk)
    if g.empty_statement:
        pdf.set_font("cjk", size=st.body)
        for line in break_lines(g.empty_statement, pdf.epw, pdf.get_string_width):
            pdf.cell(0, st.body * 0.55, line, new_x="LMARGIN", new_y="NEXT")


LABEL_MIN = 14.0  # mm a label column needs at least


def _fits(pdf, g: Grid, st: PdfStyle, width: float) -> bool:
    """Whether the amounts fit unwrapped in `width` mm at the table's font size, with room for the labels."""
    pdf.set_font("cjk", size=st.table)
    fixed = sum(w for w in _fixed(pdf, g) if w)
    labels = sum(1 for w in _fixed(pdf, g) if not w)
    return fixed + labels * LABEL_MIN <= width


def _publisher(pdf, g: Grid, st: PdfStyle) -> None:
    pdf.set_font("cjk", size=st.body - 1)
    pdf.cell(pdf.epw / 2, 6, g.publisher)
    pdf.cell(pdf.epw / 2, 6, g.unit, align="R", new_x="LMARGIN", new_y="NEXT")


def _rows(pdf, g: Grid, st: PdfStyle, rows_: list[GridRow]) -> None:
    """The header (and numbering row), then `rows_`, as one fpdf2 table (which repeats its header when the page
    runs out)."""
    from fpdf.fonts import FontFace

    pdf.set_font("cjk", size=st.table)
    head_style = FontFace(fill_color=(235, 235, 235))
    rows = [list(r) for r in g.head] + ([list(g.numbering)] if g.numbering else [])
    ruling = "horizontal" if g.sided and st.ruling == "none" else st.ruling
    widths = _widths(pdf, g, st)

    def fit(text: str, i: int, span: int = 1) -> str:
        room = sum(widths[i:i + span]) - 2 * PADDING - 0.6
        return "\n".join(break_lines(text, room, pdf.get_string_width, hang=False)) if text else text

    with pdf.table(col_widths=widths, width=pdf.epw, num_heading_rows=len(rows), headings_style=head_style,
                   line_height=st.table * 0.5, text_align="LEFT", first_row_as_headings=True, padding=PADDING,
                   borders_layout=RULINGS.get(ruling, "ALL"), repeat_headings=1) as table:
        for k, r in enumerate(rows):
            _head(table.row(), r, k == 0, center=bool(g.numbering) and k == len(rows) - 1, fit=fit)
        for gr in rows_:
            row = table.row()
            # data cells are left to fpdf2's own wrapping: the PDF reader joins those lines back into one name
            for c in gr.cells:
                row.cell(cell_text(c), align="R" if (c is not None and not isinstance(c, str)) else "L")


def _form(pdf, f: Form, st: PdfStyle) -> None:
    _page(pdf)
    pdf.set_font("cjk", size=14)
    pdf.cell(0, 9, f.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=st.body)
    pdf.cell(0, 6, f.subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=st.table + 0.5)
    width = max(len(r) for r in f.rows)
    column = pdf.epw / width
    with pdf.table(col_widths=[1.0] * width, first_row_as_headings=False, line_height=(st.table + 0.5) * 0.5,
                   text_align="LEFT", padding=PADDING) as table:
        for r in f.rows:
            row = table.row()
            longest = max(range(len(r)), key=lambda i: len(r[i]))
            for i, c in enumerate(r):
                span = width - len(r) + 1 if i == longest else 1
                room = span * column - 2 * PADDING - 0.6
                row.cell("\n".join(break_lines(c, room, pdf.get_string_width, hang=False)) if c else c, colspan=span)
