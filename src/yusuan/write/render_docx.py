"""A Word document (python-docx): headings, paragraphs and bordered tables.

Pages are A4. Prose is on portrait pages; a table with more value columns than fit a portrait page gets a
landscape section of its own (and the next prose returns to portrait). A table's header rows are marked to repeat
at the top of every page it runs over. A part heading that a table follows shares the table's first page."""

from __future__ import annotations

import io
from typing import Any

from yusuan.write.document import Block, Document, Form, Grid, Para
from yusuan.write.render_text import cell_text

SIZES = {"cover-sub": 18, "cover": 22, "part": 16, "section": 13, "subsection": 12}
FONT = "SimSun"
A4 = (210, 297)  # mm, portrait
WIDE = 6  # tables with more value columns than this are set on landscape pages


def wide(g: Grid) -> bool:
    return len(g.head[0]) - g.n_labels > WIDE


class _Writer:
    def __init__(self) -> None:
        import docx
        from docx.oxml.ns import qn
        from docx.shared import Pt

        self.out = docx.Document()
        style = self.out.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(10.5)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        self._orient(self.out.sections[0], landscape=False)
        self.landscape = False
        self.empty_page = True  # nothing written on the current page yet

    def _orient(self, sec: Any, landscape: bool) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        short, long_ = Mm(A4[0]), Mm(A4[1])
        sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = (long_, short) if landscape else (short, long_)
        margin = Mm(20) if not landscape else Mm(15)
        sec.left_margin = sec.right_margin = sec.top_margin = sec.bottom_margin = margin

    def new_page(self, landscape: bool) -> None:
        """A new page; a change of orientation needs a new section."""
        from docx.enum.section import WD_SECTION
        from docx.enum.text import WD_BREAK

        if self.empty_page and landscape == self.landscape:
            return
        if landscape != self.landscape:
            sec = self.out.add_section(WD_SECTION.NEW_PAGE)
            self._orient(sec, landscape)
            self.landscape = landscape
        else:
            self.out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self.empty_page = True

    def para(self, b: Para) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor

        if b.page_break or self.landscape:
            self.new_page(False)
        p = self.out.add_paragraph()
        run = p.add_run(b.text)
        if b.style in SIZES:
            run.bold = True
            run.font.size = Pt(SIZES[b.style])
        if b.style in ("cover-sub", "cover", "part"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.style == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if b.generated:
            run.font.color.rgb = RGBColor(0x44, 0x44, 0x66)
        self.empty_page = False

    def title(self, number: str, title: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        if number:
            self.out.add_paragraph(number)
        p = self.out.add_paragraph()
        run = p.add_run(title)
        run.bold = True
        run.font.size = Pt(14)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.empty_page = False

    def table(self, rows: list[list[str]], head: int, right: set[tuple[int, int]]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        width = max(len(r) for r in rows)
        table = self.out.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for k, r in enumerate(rows):
            row = table.add_row()
            if k < head:
                repeat_header(row)
            for i, text in enumerate(r):
                cell = row.cells[i]
                cell.text = text
                if (k, i) in right:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(8)
        self.empty_page = False

    def grid(self, g: Grid, heading: Para | None) -> None:
        self.new_page(wide(g))
        if heading is not None:
            self.para_here(heading)
        self.title(g.number_line, g.title)
        self.out.add_paragraph(f"{g.publisher}\t\t{g.unit}" if g.publisher else g.unit)
        head = [list(r) for r in g.head] + ([list(g.numbering)] if g.numbering else [])
        body = [[cell_text(c) for c in gr.cells] for gr in g.rows]
        right = {(len(head) + k, i) for k, gr in enumerate(g.rows) for i, c in enumerate(gr.cells)
                 if c is not None and not isinstance(c, str)}
        self.table(head + body, len(head), right)
        if g.empty_statement:
            self.out.add_paragraph(g.empty_statement)

    def para_here(self, b: Para) -> None:
        """A heading on the page just started (no page break of its own)."""
        self.para(Para(b.text, b.style, generated=b.generated))

    def form(self, f: Form) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        self.new_page(False)
        self.title("", f.title)
        self.out.add_paragraph(f.subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.table([list(r) for r in f.rows], 0, set())


def repeat_header(row: Any) -> None:
    """Mark a table row as a header row repeated on every page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def render_docx(doc: Document) -> bytes:
    w = _Writer()
    blocks: list[Block] = doc.blocks
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(b, Para):
            if b.style == "part" and isinstance(nxt, Grid):
                continue  # set on the table's first page (a page holding only `第二部分` is a waste)
            w.para(b)
        elif isinstance(b, Grid):
            prev = blocks[i - 1] if i else None
            w.grid(b, prev if isinstance(prev, Para) and prev.style == "part" else None)
        elif isinstance(b, Form):
            w.form(b)
    buf = io.BytesIO()
    w.out.save(buf)
    return buf.getvalue()
