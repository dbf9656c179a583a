"""A Word document (python-docx): headings, paragraphs and bordered tables."""

from __future__ import annotations

import io

from yusuan.write.document import Document, Form, Grid, Para
from yusuan.write.render_text import cell_text

SIZES = {"cover-sub": 18, "cover": 22, "part": 16, "section": 13, "subsection": 12}
FONT = "SimSun"


def render_docx(doc: Document) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    out = docx.Document()
    style = out.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    sec = out.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    first = True
    for b in doc.blocks:
        if isinstance(b, Para):
            p = out.add_paragraph()
            if b.page_break and not first:
                p.add_run().add_break(WD_BREAK.PAGE)
            run = p.add_run(b.text)
            if b.style in SIZES:
                run.bold = True
                run.font.size = Pt(SIZES[b.style])
            if b.style in ("cover-sub", "cover", "part"):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif b.style == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            first = False
        elif isinstance(b, Grid):
            _grid(out, b, WD_ALIGN_PARAGRAPH, WD_BREAK, Pt)
        elif isinstance(b, Form):
            _form(out, b, WD_ALIGN_PARAGRAPH, WD_BREAK, Pt)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _title(out, number: str, title: str, align, brk, pt) -> None:
    p = out.add_paragraph()
    p.add_run().add_break(brk.PAGE)
    if number:
        p.add_run(number + "\n")
    run = p.add_run(title)
    run.bold = True
    run.font.size = pt(14)
    p.alignment = align.CENTER


def _grid(out, g: Grid, align, brk, pt) -> None:
    _title(out, f"表 {g.number}", g.title, align, brk, pt)
    out.add_paragraph(f"{g.publisher}\t\t{g.unit}")
    width = len(g.head[0])
    table = out.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for head in g.head:
        cells = table.add_row().cells
        for i, text in enumerate(head):
            cells[i].text = text
    for gr in g.rows:
        cells = table.add_row().cells
        for i, c in enumerate(gr.cells):
            cells[i].text = cell_text(c)
            if not isinstance(c, str) and c is not None:
                cells[i].paragraphs[0].alignment = align.RIGHT
    for row in table.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = pt(8)
    if g.empty_statement:
        out.add_paragraph(g.empty_statement)


def _form(out, f: Form, align, brk, pt) -> None:
    _title(out, "", f.title, align, brk, pt)
    out.add_paragraph(f.subtitle).alignment = align.CENTER
    width = max(len(r) for r in f.rows)
    table = out.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for r in f.rows:
        cells = table.add_row().cells
        for i, c in enumerate(r):
            cells[i].text = c
