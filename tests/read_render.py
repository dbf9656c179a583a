"""A document's own text lines laid out on PDF pages as printed (reportlab, the non-embedded STSong-Light CID font).

Not regenerated from a model: each line of the text is drawn where the print had it, one after the other, a new
page where the text's page starts (a line beginning with a space, the space layout's page mark) or the page is
full. The tab layout's cells are drawn at tab stops, so blank cells leave their gap. Used by the tests and by `benchmarks/pdf.py --seeds`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

FONT = "STSong-Light"
SIZE = 9.0
MIN_SIZE = 4.0
LEADING = 1.5  # times the font size
ROW_GAP = 0.8  # between two rows of a table, beyond the leading of a wrapped cell (times the font size)
MARGIN = 36.0
BOTTOM = 72.0  # below this the page number stands (readers drop a lone number down there)
PAGE = (842.0, 595.0)  # A4 landscape
VALUE = re.compile(r"^-?[\d,]+(?:\.\d+)?$|^※$")


def _register() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, FONT, size))


class _Pages:
    def __init__(self) -> None:
        from reportlab.pdfgen import canvas

        _register()
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=PAGE, invariant=1)
        self.y = PAGE[1] - MARGIN
        self.used = False

    def need(self, height: float, new_page: bool = False) -> None:
        if (new_page and self.used) or self.y - height < BOTTOM:
            self.c.showPage()
            self.y, self.used = PAGE[1] - MARGIN, False

    def text(self, x: float, text: str, size: float) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, self.y - size, text)

    def advance(self, height: float) -> None:
        self.y -= height
        self.used = True

    def done(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def text_to_pdf(lines: Iterable[str]) -> bytes:
    pages = _Pages()
    block: list[list[str]] = []
    for raw in [*lines, ""]:
        line = raw.rstrip("\r\n")
        if "\t" in line:
            block.append(line.split("\t"))
            continue
        if block:
            _table(pages, block)
            block = []
        if not line.strip():
            continue  # the blank lines of an extraction are not printed lines
        # one leading space marks a page's first line in the space layout; more are a wrapped name's indent
        indent = len(line) - len(line.lstrip(" "))
        left = indent * SIZE / 2 if indent > 1 else 0.0
        size = SIZE
        text = line.strip()
        while _width(text, size) + left > PAGE[0] - 2 * MARGIN and size > MIN_SIZE:
            size -= 0.5
        pages.need(size * LEADING, new_page=indent == 1)
        pages.text(MARGIN + left, text, size)
        pages.advance(size * LEADING)
    return pages.done()


def _table(pages: _Pages, rows: list[list[str]]) -> None:
    """Each line's cells at even tab stops over the page width; a cell longer than its stop pushes the next one
    right, and the font shrinks until the line fits and every figure fits its stop (as printed columns do)."""
    for i, r in enumerate(rows):
        if i == 0 or any(VALUE.match(c.strip()) for c in rows[i - 1]):
            pages.need(_header_height(rows[i:]))  # a header is printed whole on one page, with a row under it
        size = SIZE
        while True:
            stop = (PAGE[0] - 2 * MARGIN) / len(r)
            xs, x = [], MARGIN
            for k, cell in enumerate(r):
                x = max(x, MARGIN + k * stop)
                xs.append(x)
                x += _width(cell.strip(), size) + size
            figures_fit = all(_width(c.strip(), size) + size <= stop for c in r if VALUE.match(c.strip()))
            if (figures_fit and x - size <= PAGE[0] - MARGIN) or size <= MIN_SIZE:
                break
            size -= 0.5
        header = not any(VALUE.match(c.strip()) for c in r)
        # a header cell's pieces (the print wrapped it where the text has a space) stacked inside its column
        stacks = [c.split() if header else [c.strip()] for c in r]
        height = max(len(p) for p in stacks) * size * LEADING
        pages.need(height)
        for k, pieces in enumerate(stacks):
            x = MARGIN + k * stop if header else xs[k]
            for n, piece in enumerate(pieces):
                if piece:
                    pages.c.setFont(FONT, size)
                    pages.c.drawString(x, pages.y - size - n * size * LEADING, piece)
        pages.advance(height + ROW_GAP * size)


def _header_height(rows: list[list[str]]) -> float:
    """The height of the header lines that start `rows` and of the first row of figures after them."""
    height = 0.0
    for r in rows:
        height += max(len(c.split()) or 1 for c in r) * SIZE * LEADING
        if any(VALUE.match(c.strip()) for c in r):
            break
    return height
