"""Read a PDF with a text layer: columns come from x-coordinates, so blank cells survive.

Pipeline per page: characters with boxes → words → visual lines; ruling lines → row bands (between horizontal
rules) and cell boundaries (vertical rules crossing a band). A table whose header alone is ruled or shaded (rules
only between rows, or none) has its body rows cut by the header's cell bounds; rows without rules are joined
column by column (a full line continues into the next). Where the rules do not give columns, the numbering
row printed under most headers (`※ ※ 1 2 3 …`) does: each digit's centre anchors one value column, and the label
columns are the left edges the label words share. A table row whose label wraps over several text lines becomes
one `Line` with all its cells (blank ones ""), the shape of the tab layout (seed 004). Lines of a table whose
columns cannot be found are emitted as plain text, as in the space layout: the parser then places the numbers
from the identities. A table's own header repeated on a continued page is dropped (a performance-table title
starts a new table, it is never a repeat), page numbers too.

Backends: pypdfium2 (default: fast, native) or pdfplumber (pure Python); both produce the same `_Page`.
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from yusuan.ingest import IngestError, Line, SourceDoc
from yusuan.ingest.text import normalize

AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")
CODE3 = re.compile(r"^\d{3}$")
NUMERIC = re.compile(r"^[-+]?[\d,.%]+$")
CJK = re.compile(r"[\u4e00-\u9fff]")
WIDE_PUNCT = "（）〔〕［］【】《》「」“”‘’、，。；：！？"  # a wrapped cell joins across these without a space
PUNCT_GLUE = "、，。；：！？）〕］】》」”’"  # full-width marks that close on the text before them
PAGE_MARK = re.compile(r"^(?:-\s*\d{1,3}\s*-|—\s*\d{1,3}\s*—|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})$")
# the title of a performance table (one per project, each its own table, often several in a row)
FORM_TITLE = re.compile(r"(整体|项目支出|项目)绩效目标(?:申报)?表$")
TABLE_NO = re.compile(r"^表\s*[0-9一二三四五六七八九十]+$")
# lines that end a table found from its numbering row (a new table, a new part, the empty-table sentence)
BREAKER = re.compile(r"^(表\s*[0-9一二三四五六七八九十]+$|编制(部门|单位)|单位[:：]|金额单位|第[一二三四]部分)")
RULE_TOL = 1.5  # points: how far a rule may be from where it should be and still count


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def h(self) -> float:
        return self.bottom - self.top


@dataclass
class Rule:
    """A horizontal (y, a..b along x) or vertical (x, a..b along y) ruling line, top-based coordinates."""

    at: float
    a: float
    b: float


@dataclass
class _Page:
    number: int
    width: float
    height: float
    words: list[Word]
    hrules: list[Rule]
    vrules: list[Rule]
    chars: int


@dataclass
class _Unit:
    """One emitted row: the words of one visual line, or of one band between two horizontal rules."""

    words: list[Word]
    top: float
    bottom: float
    band: tuple[float, float] | None = None
    cells: list[str] | None = None
    cut: bool = False  # a body row already cut into cells by the header's bounds

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c) if self.cells is not None else _join_line(self.words, False)


# ---- opening -------------------------------------------------------------------------------------------------

def read_pdf(data: bytes, name: str, backend: str = "pdfium") -> SourceDoc:
    substituted = backend == "pdfium" and _substitutes_fonts(data)
    if substituted:
        backend = "pdfplumber"
    pages = list(_pages_pdfium(data, name) if backend == "pdfium" else _pages_plumber(data, name))
    if substituted and len(pages) < _page_count(data):
        raise _page_error(name, len(pages) + 1)  # pdfminer skips a page it cannot find; the file is damaged there
    if substituted and any(not p.words for p in pages):
        # pdfminer cannot decode every embedded font (fpdf2's CFF CJK): a page where it found no text keeps pdfium's
        pages = [q if not p.words and q.words else p
                 for p, q in zip(pages, _pages_pdfium(data, name), strict=False)]
    if not pages:
        raise IngestError(f"{name}：PDF 没有页面")
    if sum(p.chars for p in pages) == 0:
        raise IngestError(f"{name}：扫描版 PDF，没有文字层，无法读取（请先做 OCR）")
    doc = SourceDoc(path=name, sha256=hashlib.sha256(data).hexdigest(), layout="pdf", pages=len(pages))
    blank = [p.number for p in pages if p.chars == 0]
    if blank:
        doc.notes.append(f"第 {'、'.join(map(str, blank))} 页没有文字层（扫描页），这些页的内容无法读取")
    state = _State()
    for page in pages:
        rows = [sum(w.cy for w in ln) / len(ln) for ln in _visual_lines(page.words)]
        for unit in _page_units(page, state):
            doc.lines.append(Line(no=len(doc.lines) + 1, text=unit.text, page=page.number, cells=unit.cells,
                                  page_line=_line_in_page(unit, rows)))
    return doc


def _line_in_page(unit: _Unit, rows: list[float]) -> int | None:
    """The 1-based visual line of the page (rows: their centres, top to bottom) where `unit` starts: how a reviewer
    looking at the printed page counts to it."""
    if not rows:
        return None
    top = min((w.cy for w in unit.words), default=unit.top)
    return min(range(len(rows)), key=lambda k: abs(rows[k] - top)) + 1


def _pages_pdfium(data: bytes, name: str) -> Iterable[_Page]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise _open_error(name, str(e)) from None
    try:
        _check_pages(len(pdf), name)
        for i in range(len(pdf)):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                raise _page_error(name, i + 1) from None
            try:
                yield _pdfium_page(page, i + 1, raw)
            except pdfium.PdfiumError:
                raise _page_error(name, i + 1) from None
            finally:
                page.close()
    finally:
        pdf.close()


def _page_count(data: bytes) -> int:
    """The number of pages the PDF's page tree declares (pdfium's count; 0 when it cannot tell)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def _check_pages(count: int, name: str) -> None:
    from yusuan.ingest.limits import refuse, value

    if count > value("pdf-pages"):
        raise refuse(name, "pdf-pages", f"PDF 有 {count} 页")


def _page_error(name: str, number: int) -> IngestError:
    return IngestError(f"{name}：PDF 文件已损坏：第 {number} 页无法读取")
# fonts every PDF reader carries itself (the PDF standard's 14): never taken from the machine
STANDARD_FONTS = frozenset({
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
    "Symbol", "ZapfDingbats"})


def _substitutes_fonts(data: bytes) -> bool:
    """Whether the PDF shows text in a font it does not embed (other than the standard 14).

    pdfium renders such text with whatever font the machine has (a CJK font the PDF only names, as reportlab's
    STSong-Light or an office suite's 宋体): its character boxes, and even which overlapping characters its
    text page keeps, then depend on the installed fonts, so the same file read differently on another machine.
    pdfminer (under pdfplumber) takes every box from the widths the PDF declares and never loads a font: such a
    file is read with it, the same everywhere."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    if not hasattr(raw, "FPDFFont_GetIsEmbedded"):  # a pdfium too old to tell
        return False
    from yusuan.ingest.limits import value

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return False  # the reader proper reports the broken file
    try:
        if len(pdf) > value("pdf-pages"):
            return False  # the reader proper refuses it before reading a page
        for page in pdf:
            try:
                for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
                    font = raw.FPDFTextObj_GetFont(obj.raw)
                    if font and not raw.FPDFFont_GetIsEmbedded(font) and _font_name(font, raw) not in STANDARD_FONTS:
                        return True
            finally:
                page.close()
    finally:
        pdf.close()
    return False


def _font_name(font: object, raw: object) -> str:
    if not hasattr(raw, "FPDFFont_GetBaseFontName"):  # an older pdfium: every non-embedded font counts
        return ""
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buf = ctypes.create_string_buffer(max(size, 1))
    raw.FPDFFont_GetBaseFontName(font, buf, size)
    return buf.value.decode("latin-1").split("+")[-1]


def _open_error(name: str, detail: str) -> IngestError:
    low = detail.lower()
    if "password" in low or "security" in low or "encrypt" in low:
        return IngestError(f"{name}：PDF 已加密（需要密码），无法读取；请提供未加密的文件")
    return IngestError(f"{name}：PDF 文件已损坏或格式不对，无法打开（{detail}）")


def _pdfium_page(page: object, number: int, raw: object) -> _Page:
    width, height = page.get_size()  # type: ignore[attr-defined]
    tp = page.get_textpage()  # type: ignore[attr-defined]
    try:
        n = tp.count_chars()
        chars = []
        rect = raw.FS_RECTF()  # type: ignore[attr-defined]
        for i in range(n):
            code = raw.FPDFText_GetUnicode(tp.raw, i)  # type: ignore[attr-defined]
            if code <= 32 or code == 0xFFFE:  # spaces and the line breaks pdfium generates: not ink
                chars.append((" ", 0.0, 0.0, 0.0, 0.0))
                continue
            raw.FPDFText_GetLooseCharBox(tp.raw, i, ctypes.byref(rect))  # type: ignore[attr-defined]
            top, bottom = _em_box(tp.raw, i, raw, height) or (height - rect.top, height - rect.bottom)
            chars.append((chr(code), rect.left, rect.right, top, bottom))
    finally:
        tp.close()
    hr, vr = _pdfium_rules(page, height, raw)
    return _Page(number, width, height, _words(chars), *_merge_rules(hr, vr), chars=n)


EM_ASCENT = 0.85  # of the em above the baseline: where an ideograph's box sits (the rest below it)


def _em_box(tp: object, i: int, raw: object, height: float) -> tuple[float, float] | None:
    """The vertical extent (top, bottom) of character i's em square, from its baseline and its size.

    A loose box comes from the font's own ascent and descent: where the digits are set in another font than the
    CJK text (common in office exports), their boxes run several points above and below the line, overlap the next
    printed line and pull the two into one row. Every character on one printed line shares the baseline, so the em
    box puts each on the line it was set on, whatever its font. None for rotated text or a pdfium too old to tell
    (the loose box is kept)."""
    if not hasattr(raw, "FPDFText_GetMatrix") or not hasattr(raw, "FPDFText_GetCharOrigin"):
        return None
    m = raw.FS_MATRIX()  # type: ignore[attr-defined]
    x, y = ctypes.c_double(), ctypes.c_double()
    if not raw.FPDFText_GetMatrix(tp, i, ctypes.byref(m)):
        return None
    if not raw.FPDFText_GetCharOrigin(tp, i, ctypes.byref(x), ctypes.byref(y)):
        return None
    if abs(m.b) > 1e-3 or abs(m.c) > 1e-3 or m.d <= 0:
        return None  # rotated or mirrored text
    em = raw.FPDFText_GetFontSize(tp, i) * m.d  # type: ignore[attr-defined]
    if em <= 0:
        return None
    base = height - y.value
    return base - EM_ASCENT * em, base + (1 - EM_ASCENT) * em


def _pdfium_rules(page: object, height: float, raw: object) -> tuple[list[Rule], list[Rule]]:
    """Straight horizontal and vertical segments of path objects (lines, rectangle edges, thin filled bars)."""
    hr: list[Rule] = []
    vr: list[Rule] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=1):  # type: ignore[attr-defined]
        left, bottom, right, top = obj.get_bounds()
        if right - left < 2 * RULE_TOL or top - bottom < 2 * RULE_TOL:  # a thin bar or a single line
            if right - left >= top - bottom:
                hr.append(Rule(height - (top + bottom) / 2, left, right))
            else:
                vr.append(Rule((left + right) / 2, height - top, height - bottom))
            continue
        m = obj.get_matrix()
        pts: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for k in range(raw.FPDFPath_CountSegments(obj.raw)):  # type: ignore[attr-defined]
            seg = raw.FPDFPath_GetPathSegment(obj.raw, k)  # type: ignore[attr-defined]
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))  # type: ignore[attr-defined]
            p = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
            kind = raw.FPDFPathSegment_GetType(seg)  # type: ignore[attr-defined]
            if kind == raw.FPDF_SEGMENT_MOVETO or not pts:  # type: ignore[attr-defined]
                start = p
            else:
                _add_segment(pts[-1], p, height, hr, vr)
            pts.append(p)
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:  # type: ignore[attr-defined]
                _add_segment(p, start, height, hr, vr)
    return hr, vr


def _add_segment(p: tuple[float, float], q: tuple[float, float], height: float, hr: list[Rule],
                 vr: list[Rule]) -> None:
    if abs(p[1] - q[1]) < RULE_TOL and abs(p[0] - q[0]) > RULE_TOL:
        hr.append(Rule(height - (p[1] + q[1]) / 2, min(p[0], q[0]), max(p[0], q[0])))
    elif abs(p[0] - q[0]) < RULE_TOL and abs(p[1] - q[1]) > RULE_TOL:
        vr.append(Rule((p[0] + q[0]) / 2, height - max(p[1], q[1]), height - min(p[1], q[1])))


def _pages_plumber(data: bytes, name: str) -> Iterable[_Page]:
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    # pdfminer warns about a font it cannot measure on stderr through logging's last-resort handler; the reading
    # goes on with the widths the PDF declares, and yusuan's own output must stay one line per problem
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise _open_error(name, "password") from None
    except (PDFSyntaxError, Exception) as e:  # pdfminer raises many kinds for a broken file
        raise _open_error(name, type(e).__name__) from None
    with pdf:
        _check_pages(len(pdf.pages), name)
        for i, page in enumerate(pdf.pages, start=1):
            chars = [(c["text"], c["x0"], c["x1"], c["top"], c["bottom"]) for c in page.chars]
            hr = [Rule((e["top"] + e["bottom"]) / 2, e["x0"], e["x1"]) for e in page.edges if e["orientation"] == "h"]
            vr = [Rule((e["x0"] + e["x1"]) / 2, e["top"], e["bottom"]) for e in page.edges if e["orientation"] == "v"]
            yield _Page(i, float(page.width), float(page.height), _words(chars), *_merge_rules(hr, vr),
                        chars=len(chars))
            page.flush_cache()


# ---- words and rules -----------------------------------------------------------------------------------------

def _words(chars: Sequence[tuple[str, float, float, float, float]]) -> list[Word]:
    """Characters (in content order) → words: split at spaces, at gaps wider than a third of the height, at a
    jump to another line."""
    words: list[Word] = []
    cur: Word | None = None
    for ch, x0, x1, top, bottom in chars:
        if ch.isspace() or ch in "\r\n\ufffe" or x1 <= x0:
            cur = None
            continue
        ch = normalize(ch)
        h = bottom - top
        if cur is not None and abs((top + bottom) / 2 - cur.cy) < 0.35 * h and -0.25 * h < x0 - cur.x1 < 0.3 * h:
            cur.text += ch
            cur.x1 = max(cur.x1, x1)
            cur.top, cur.bottom = min(cur.top, top), max(cur.bottom, bottom)
            continue
        cur = Word(ch, x0, x1, top, bottom)
        words.append(cur)
    return [w for w in words if w.text.strip()]


def _merge_rules(hr: list[Rule], vr: list[Rule]) -> tuple[list[Rule], list[Rule]]:
    """Collinear pieces joined (a row's rule is often drawn cell by cell)."""
    def merge(rules: list[Rule]) -> list[Rule]:
        out: list[Rule] = []
        for r in sorted(rules, key=lambda r: (round(r.at), r.a)):
            last = out[-1] if out else None
            if last is not None and abs(last.at - r.at) <= RULE_TOL and r.a <= last.b + RULE_TOL:
                last.b = max(last.b, r.b)
            else:
                out.append(Rule(r.at, r.a, r.b))
        return out

    return merge(hr), merge(vr)


def _visual_lines(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.cy, w.x0)):
        if lines:
            last = lines[-1]
            cy = sum(v.cy for v in last) / len(last)
            if abs(w.cy - cy) < 0.4 * min(w.h, min(v.h for v in last)):
                last.append(w)
                continue
        lines.append([w])
    for ln in lines:
        ln.sort(key=lambda w: w.x0)
    return lines


def _join_line(words: Sequence[Word], sort: bool = True) -> str:
    """Words of one visual line, with a space where the print leaves a gap."""
    out = ""
    prev: Word | None = None
    for w in (sorted(words, key=lambda w: w.x0) if sort else words):
        if prev is not None:
            out += " " if w.x0 - prev.x1 > 0.15 * w.h or not _glues(prev.text[-1], w.text[0]) else ""
        out += w.text
        prev = w
    return out


def _glues(left: str, right: str) -> bool:
    """Whether two touching words join without a space: CJK text, and full-width punctuation on either side (its
    glyph often comes as a word of its own, and `主要原因 ：` would break the sentence)."""
    return bool(CJK.search(left) and CJK.search(right)) or left in PUNCT_GLUE or right in PUNCT_GLUE


def _join_cell(words: list[Word]) -> str:
    """Words of one cell over its wrapped lines: lines of CJK text join without a space (the label wrapped)."""
    parts = [_join_line(ln) for ln in _visual_lines(words)]
    out = ""
    for p in parts:
        if out and not (CJK.search(out[-1]) or CJK.search(p[0]) or out[-1] in "(" + WIDE_PUNCT or
                        p[0] in "()" + WIDE_PUNCT):
            out += " "
        out += p
    return out


# ---- one page ------------------------------------------------------------------------------------------------

@dataclass
class _Zone:
    """Columns found from a numbering row: label columns (left edges) and value columns (centres)."""

    label_starts: list[float]
    value_centres: list[float]
    value_left: float
    wrap_pitch: float | None = None  # distance between the wrapped lines of one cell, when tighter than rows

    def cells(self, words: list[Word]) -> list[str]:
        n_lab = max(1, len(self.label_starts))
        buckets: list[list[Word]] = [[] for _ in range(n_lab + len(self.value_centres))]
        for w in words:
            if w.cx < self.value_left and not AMOUNT.match(w.text):
                k = max((i for i, s in enumerate(self.label_starts) if s <= w.x0 + 1.5), default=0)
            else:
                k = n_lab + min(range(len(self.value_centres)), key=lambda i: abs(self.value_centres[i] - _anchor(w)))
            buckets[k].append(w)
        return [_join_cell(b) if b else "" for b in buckets]


def _anchor(w: Word) -> float:
    return w.cx


@dataclass
class _State:
    """What carries over from page to page: the current table's header lines and column zone."""

    headers: set[str] = field(default_factory=set)
    in_table: bool = False
    seen_data: bool = False
    pitch: float | None = None  # the wrap pitch of the table being read (carried over its page breaks)
    zone: _Zone | None = None
    # cell boundaries of a table whose header is ruled (or shaded) but whose body rows are not: the union of the
    # vertical rules of its header rows, which then cut the body rows too
    head_bounds: list[float] = field(default_factory=list)
    head_done: bool = False  # a body row was read since: the next ruled header row starts a new header
    form: bool = False  # the table being read is a performance form: its lines above a figure are no header


def _page_units(page: _Page, state: _State) -> list[_Unit]:
    lines = [ln for ln in _visual_lines(page.words) if not _is_page_mark(ln, page)]
    units = _band_units(lines, page)
    out: list[_Unit] = []
    page_data = False
    repeating = False  # a repeated header is being dropped at the top of this page
    header_start = 0  # where the header of the table being read starts in `out`
    i = 0
    while i < len(units):
        u = units[i]
        text = _join_line(u.words)
        starts = _starts_table(text)
        if starts:
            state.headers, state.seen_data, state.zone, state.in_table = set(), False, None, True
            state.pitch = None
            state.form = bool(FORM_TITLE.search(re.sub(r"\s+", "", text)))
        if starts or _ends_columns(text):
            state.head_bounds, state.head_done = [], False
        numbering = False
        if u.cut:
            pass  # a body row already cut into cells by the header's bounds (below)
        elif u.band is not None and (bounds := _grid_bounds(u, page)) is not None:
            u.cells = _grid_cells(u, bounds)
            if not _is_data(u):
                if state.head_done:
                    state.head_bounds, state.head_done = [], False
                state.head_bounds = _union_bounds(state.head_bounds, bounds)
        elif state.head_bounds and u.band is not None and _within(u, state.head_bounds):
            u.cells = _grid_cells(u, state.head_bounds)
            state.head_done = True
        elif state.head_bounds and u.band is None and _within(u, state.head_bounds):
            k = i + 1
            while k < len(units) and units[k].band is None and not units[k].cut and \
                    _within(units[k], state.head_bounds):
                k += 1
            units[i:k] = _unruled_rows(units[i:k], state.head_bounds)
            state.head_done = True
            continue
        elif _is_numbering(u.words):
            numbering = True
            prev_pitch = state.zone.wrap_pitch if state.zone is not None else state.pitch
            state.zone = _zone_from(u, units[i + 1:])
            if state.zone.wrap_pitch is None:  # too few rows on this page to tell: as before, or by the font
                state.zone.wrap_pitch = prev_pitch or 1.45 * sorted(w.h for w in u.words)[len(u.words) // 2]
            state.pitch = state.zone.wrap_pitch
            u.cells = state.zone.cells(u.words)
            _merge_header(out, header_start, state)
        elif state.zone is not None and _only_marks(u):
            u.cells = state.zone.cells(u.words)
        elif state.zone is not None and _fits(u, state.zone, text):
            group = _zone_rows(units, i, state.zone) if u.band is None else [u]
            i += len(group) - 1
            u = _Unit([w for g in group for w in g.words], group[0].top, group[-1].bottom, u.band)
            u.cells = state.zone.cells(u.words)
        elif state.zone is not None:
            state.zone = None
        data = _is_data(u)
        if data and not numbering and u.cells is None and state.zone is None and state.in_table and \
                not state.seen_data and not state.form:
            _join_header_text(out, header_start)
        key = re.sub(r"\s+", "", u.text)
        if not data and not page_data and state.in_table and state.seen_data and key in state.headers and \
                (repeating or len(key) > 3):
            repeating = True
            i += 1
            continue  # a header repeated on a continued page (a lone `助` or `出` opening a page is a name's tail)
        if data:
            state.seen_data = page_data = True
        elif "为空表" in key or re.match(r"第[一二三四五六七八九十]+部分", key):
            state.in_table = False  # the table ended: what follows is not its header
        elif state.in_table and not state.seen_data and not BREAKER.match(key) and not _starts_table(key):
            state.headers.add(key)
        if u.cells is None and u.band is not None:
            # a ruled row without vertical rules: one text line, each wrapped label read top to bottom
            out.append(_Unit(_columnwise(_visual_lines(u.words)), u.top, u.bottom))
        else:
            out.append(u)
        if data or numbering or BREAKER.match(key) or _starts_table(text):
            header_start = len(out)
        i += 1
    return _join_overlapping(out)


def _join_overlapping(units: list[_Unit]) -> list[_Unit]:
    """Text lines that overlap vertically are one printed row whose cells sit at different heights (numbers
    centred beside a wrapped label): one line, each column's words top to bottom."""
    out: list[_Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if prev is not None and prev.cells is None and u.cells is None and u.words and prev.words and \
                u.top < prev.bottom - 0.25 * min(w.h for w in u.words):
            prev.words.extend(u.words)
            prev.words.sort(key=lambda w: (round(w.x0 / 3), w.top))
            prev.bottom = max(prev.bottom, u.bottom)
            continue
        out.append(u)
    return out


def _columnwise(lines: Sequence[_Unit | list[Word]]) -> list[Word]:
    """Words of several text lines in reading order column by column. Grouped from the bottom line up: a word
    over exactly one group joins it; one over several (a parent label spanning its children) starts its own."""
    groups: list[list[tuple[int, Word]]] = []
    for k in range(len(lines) - 1, -1, -1):
        ln = lines[k]
        for w in (ln.words if isinstance(ln, _Unit) else ln):
            hits = [g for g in groups if any(v.x0 < w.x1 and w.x0 < v.x1 for _, v in g)]
            if len(hits) == 1:
                hits[0].append((k, w))
            else:
                groups.append([(k, w)])
    groups.sort(key=lambda g: min(v.x0 for _, v in g))
    return [w for g in groups for _, w in sorted(g, key=lambda kv: (kv[0], kv[1].x0))]


def _join_header_text(out: list[_Unit], start: int) -> None:
    """A header without rules or numbering row: its lines become one line that reads column by column, so that
    a label wrapped as `一般公共` / `预算` reads `一般公共预算`. Words are grouped from the bottom line up: a word
    over exactly one group joins it; one over several (a parent label spanning its children) starts its own."""
    head = out[start:]
    if len(head) < 2 or any(h.cells is not None for h in head):
        return
    words = _columnwise(head)
    merged = _Unit(words, head[0].top, head[-1].bottom)
    del out[start:]
    out.append(merged)


def _merge_header(out: list[_Unit], start: int, state: _State) -> None:
    """The text lines of a header found above a numbering row become one line of cells: each column's label
    then reads top to bottom (`上级一般` / `公共预算` / `安排的转` / `移支付` wraps interleave across columns)."""
    head = out[start:]
    if not head or any(h.cells is not None for h in head) or state.zone is None:
        return
    merged = _Unit([w for h in head for w in h.words], head[0].top, head[-1].bottom)
    merged.cells = state.zone.cells(merged.words)
    del out[start:]
    key = re.sub(r"\s+", "", merged.text)
    if state.seen_data and key in state.headers:
        return
    state.headers.add(key)
    out.append(merged)


def _is_page_mark(ln: list[Word], page: _Page) -> bool:
    top, bottom = min(w.top for w in ln), max(w.bottom for w in ln)
    in_margin = bottom > page.height * 0.9 or top < page.height * 0.06
    return in_margin and bool(PAGE_MARK.match(_join_line(ln).strip()))


def _starts_table(text: str) -> bool:
    from yusuan.spec import match_title

    flat = re.sub(r"\s+", "", text)
    if TABLE_NO.match(flat) or (len(flat) <= 40 and FORM_TITLE.search(flat)):
        return True
    return len(flat) <= 40 and flat.endswith("表") and match_title(flat) is not None


def _band_units(lines: list[list[Word]], page: _Page) -> list[_Unit]:
    """Visual lines, except that words between the same two horizontal rules form one unit (a wrapped row)."""
    units: list[_Unit] = []
    by_band: dict[tuple[float, float], _Unit] = {}
    for ln in lines:
        text = _join_line(ln)
        flat = re.sub(r"\s+", "", text)
        # a title, unit line or empty-table sentence between two ruled tables is not a row of either
        outside = bool(BREAKER.match(flat)) or "为空表" in flat or _starts_table(text)
        bands = [None if outside else _band_of(w, page) for w in ln]
        if all(b is None for b in bands):
            units.append(_Unit(ln, min(w.top for w in ln), max(w.bottom for w in ln)))
            continue
        for w, b in zip(ln, bands, strict=True):
            b = b or next(x for x in bands if x is not None)
            u = by_band.get(b)
            if u is None:
                u = by_band[b] = _Unit([], b[0], b[1], band=b)
                units.append(u)
            u.words.append(w)
    return units


def _band_of(w: Word, page: _Page) -> tuple[float, float] | None:
    above = [r.at for r in page.hrules if r.at <= w.cy and r.a - RULE_TOL <= w.cx <= r.b + RULE_TOL]
    below = [r.at for r in page.hrules if r.at >= w.cy and r.a - RULE_TOL <= w.cx <= r.b + RULE_TOL]
    if not above or not below:
        return None
    top, bottom = max(above), min(below)
    if bottom - top > page.height * 0.3 or bottom - top < w.h * 0.8:
        return None  # a frame around the page or a box, not a table row
    return round(top, 1), round(bottom, 1)


def _grid_bounds(u: _Unit, page: _Page) -> list[float] | None:
    assert u.band is not None
    top, bottom = u.band
    xs = sorted(r.at for r in page.vrules if r.a <= top + RULE_TOL * 2 and r.b >= bottom - RULE_TOL * 2)
    bounds: list[float] = []
    for x in xs:
        if not bounds or x - bounds[-1] > RULE_TOL * 2:
            bounds.append(x)
    if len(bounds) < 3:
        return None
    if min(w.x0 for w in u.words) < bounds[0] - 2 or max(w.x1 for w in u.words) > bounds[-1] + 2:
        return None  # words outside the ruled cells: not a table row
    return bounds


def _grid_cells(u: _Unit, bounds: list[float]) -> list[str]:
    buckets: list[list[Word]] = [[] for _ in range(len(bounds) - 1)]
    for w in u.words:
        k = max(0, min(len(buckets) - 1, next((i for i in range(len(bounds) - 1) if w.cx < bounds[i + 1]),
                                               len(buckets) - 1)))
        buckets[k].append(w)
    return [_join_cell(b) if b else "" for b in buckets]


def _ends_columns(text: str) -> bool:
    flat = re.sub(r"\s+", "", text)
    return bool(BREAKER.match(flat)) or "为空表" in flat


def _union_bounds(a: list[float], b: list[float]) -> list[float]:
    out: list[float] = []
    for x in sorted(a + b):
        if not out or x - out[-1] > RULE_TOL * 2:
            out.append(x)
    return out


def _within(u: _Unit, bounds: list[float]) -> bool:
    """A unit that can be a body row of the table whose header has these cell bounds."""
    if not u.words or any(w.x0 < bounds[k] - 2 or w.x1 > bounds[k + 1] + 2
                          for w in u.words for k in [_column(w.cx, bounds)]):
        return False  # a word across cell bounds: prose under the table, not a row
    text = _join_line(u.words)
    return not _ends_columns(text) and not _starts_table(text)


def _column(x: float, bounds: list[float]) -> int:
    return max(0, min(len(bounds) - 2, next((k for k in range(len(bounds) - 1) if x < bounds[k + 1]),
                                            len(bounds) - 2)))


def _unruled_rows(units: list[_Unit], bounds: list[float]) -> list[_Unit]:
    """Body lines of a table whose rows are not ruled (or its last row, left open below), cut into rows by the
    header's cell bounds. In each column, a line continues the cell above it when that line is full (it wrapped)
    and follows it closely: the wrapped lines of one cell and the lines of two rows follow at the same pitch, only
    the fullness tells. Cells that overlap vertically are one row, whichever way the row aligns its cells (numbers
    centred beside a wrapped label, or at its top or bottom)."""
    cols: dict[int, list[Word]] = {}
    for u in units:
        for w in u.words:
            cols.setdefault(_column(w.cx, bounds), []).append(w)
    # the heights of the rows' amounts: a label exactly as wide as its column looks wrapped, but a cell cannot
    # hold two rows' amounts
    anchors = sorted({round(w.cy, 1) for u in units for w in u.words if AMOUNT.match(w.text)})
    spans: list[tuple[float, float, list[Word]]] = []
    for k, ws in cols.items():
        pad = max(0.0, min(w.x0 for w in ws) - bounds[k])
        blocks: list[list[list[Word]]] = []
        prev: list[Word] | None = None
        for ln in _visual_lines(ws):
            h = min(w.h for w in ln)
            if prev is None or not (max(w.x1 for w in prev) >= bounds[k + 1] - pad - 1.5 * h and
                                    min(w.top for w in ln) - max(w.bottom for w in prev) < 0.5 * h and
                                    not _numeric(prev) and not _numeric(ln)):
                blocks.append([])
            blocks[-1].append(ln)
            prev = ln
        for block in blocks:
            spans.extend(_span(part) for part in _split_block(block, anchors))
    spans.sort(key=lambda s: s[0])
    rows: list[list[Word]] = []
    end = float("-inf")
    for top, bottom, ws in spans:
        if rows and top < end:
            rows[-1].extend(ws)
            end = max(end, bottom)
        else:
            rows.append(list(ws))
            end = bottom
    out = []
    for ws in rows:
        row = _Unit(ws, min(w.top for w in ws), max(w.bottom for w in ws), cut=True)
        row.cells = _grid_cells(row, bounds)
        out.append(row)
    return out


def _numeric(ln: list[Word]) -> bool:
    """An amount or a code: one-line cells, never wrapped."""
    return all(NUMERIC.match(w.text) for w in ln)


def _split_block(block: list[list[Word]], anchors: list[float]) -> list[list[Word]]:
    """The lines of one column taken for one wrapped cell, split between rows when the cell would span the
    amounts of two rows (cut halfway between them)."""
    top, bottom, _ = _span([w for ln in block for w in ln])
    inside = [a for a in anchors if top <= a <= bottom]
    inside = [a for i, a in enumerate(inside) if i == 0 or a - inside[i - 1] > 0.5 * block[0][0].h]
    if len(inside) < 2:
        return [[w for ln in block for w in ln]]
    cuts = [(a + b) / 2 for a, b in zip(inside, inside[1:], strict=False)]
    parts: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
    for ln in block:
        cy = sum(w.cy for w in ln) / len(ln)
        parts[sum(cy > c for c in cuts)].extend(ln)
    return [p for p in parts if p]


def _span(words: list[Word]) -> tuple[float, float, list[Word]]:
    """The vertical extent of a cell's lines, less a third of a line at each end (loose boxes of lines that
    follow closely overlap)."""
    h = min(w.h for w in words)
    return min(w.top for w in words) + 0.3 * h, max(w.bottom for w in words) - 0.3 * h, words


def _is_numbering(words: list[Word]) -> bool:
    """`※ ※ 1 2 3 …` (or `类 款 项 ※ 1 2 …`, or `1 2 3 …`): the column numbers under a header."""
    toks = [w.text for w in words]
    digits = [t for t in toks if t.isascii() and t.isdigit()]  # not `³`: str.isdigit() takes superscripts, int() not
    if len(digits) < 2 or [int(t) for t in digits] != list(range(1, len(digits) + 1)):
        return False
    # column numbers stand over columns wide enough for an amount; `1 2 3` set as a run of text (a page of
    # extracted text printed again) locates no column
    centres = sorted(w.cx for w in words if w.text.isdigit())
    if min(b - a for a, b in zip(centres, centres[1:], strict=False)) < 2 * min(w.h for w in words):
        return False
    return all((t.isascii() and t.isdigit()) or set(t) <= {"※"} or t in ("类", "款", "项", "栏次", "行次") for t in toks)


def _zone_from(u: _Unit, following: list[_Unit]) -> _Zone:
    values = [w.cx for w in u.words if w.text.isdigit()]
    gap = (values[1] - values[0]) if len(values) > 1 else 40.0
    value_left = values[0] - gap / 2
    starts: list[float] = []
    for v in following[:80]:  # the label columns: where the label phrases of the rows below start
        text = _join_line(v.words)
        if BREAKER.match(re.sub(r"\s+", "", text)) or _starts_table(text):
            break
        for ln in _visual_lines(v.words):
            prev: Word | None = None
            for w in ln:
                if w.x1 <= value_left + 2 and not AMOUNT.match(w.text) and \
                        (prev is None or w.x0 - prev.x1 > 0.8 * w.h):
                    starts.append(w.x0)
                prev = w
    marks = [w.x0 for w in u.words if not w.text.isdigit() and w.cx < value_left]
    clusters = _clusters(sorted(starts), 2.0) or ([min(marks)] if marks else [])
    zone = _Zone(clusters, values, value_left)
    zone.wrap_pitch = _wrap_pitch(following[:80], zone)
    return zone


def _wrap_pitch(units: list[_Unit], zone: _Zone) -> float | None:
    """The pitch of a label's wrapped lines, when it is clearly tighter than the pitch of the rows."""
    rows = []
    for u in units:
        if u.band is not None or not _fits(u, zone, _join_line(u.words)):
            break
        rows.append(u)
    lines = [ln for u in rows for ln in _visual_lines(u.words)]
    if not lines:
        return None
    height = sorted(w.h for ln in lines for w in ln)[len(lines) // 2]
    tops = sorted({round(ln[0].top, 1) for ln in lines})
    # gaps under a line height are numbers centred between wrapped lines: the overlap test covers those
    gaps = sorted(b - a for a, b in zip(tops, tops[1:], strict=False) if b - a > 0.9 * height)
    if len(gaps) < 2:
        return None
    return gaps[0] if gaps[-1] > 1.3 * gaps[0] else None


def _clusters(xs: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for x in xs:
        if out and x - out[-1][-1] <= tol:
            out[-1].append(x)
        else:
            out.append([x])
    return [min(c) for c in out]


def _fits(u: _Unit, zone: _Zone, text: str) -> bool:
    """A unit belongs to the numbered table when its text stays left of the values and its numbers are amounts."""
    flat = re.sub(r"\s+", "", text)
    if BREAKER.match(flat) or "为空表" in flat or _starts_table(text):
        return False
    return all(w.x1 <= zone.value_left + 2 or AMOUNT.match(w.text) for w in u.words)


def _zone_rows(units: list[_Unit], i: int, zone: _Zone) -> list[_Unit]:
    """Visual lines that make one table row (no rules to tell): lines that overlap vertically (numbers centred
    beside a wrapped label) or follow at the pitch of wrapped lines, which is tighter than the pitch of rows."""
    group = [units[i]]
    has_values = _has_values(units[i])
    bottom = units[i].bottom
    j = i + 1
    while j < len(units):
        nxt = units[j]
        if nxt.band is not None or _only_marks(nxt) or not _fits(nxt, zone, _join_line(nxt.words)) or \
                _has_code(nxt):
            break
        h = min(w.h for w in nxt.words)
        overlaps = nxt.top < bottom - 0.25 * h
        wrapped = zone.wrap_pitch is not None and nxt.top - group[-1].top <= zone.wrap_pitch * 1.15
        if not (overlaps or wrapped) or (_has_values(nxt) and has_values):
            break
        has_values = has_values or _has_values(nxt)
        group.append(nxt)
        bottom = max(bottom, nxt.bottom)
        j += 1
    return group


def _only_marks(u: _Unit) -> bool:
    return all(set(w.text) <= {"※"} for w in u.words)


def _has_values(u: _Unit) -> bool:
    return any(AMOUNT.match(w.text) for w in u.words)


def _has_code(u: _Unit) -> bool:
    return bool(u.words) and bool(CODE3.match(min(u.words, key=lambda w: w.x0).text))


def _is_total(u: _Unit) -> bool:
    return re.sub(r"\s+", "", _join_line(u.words)) in ("总计", "合计")


def _is_data(u: _Unit) -> bool:
    if u.cells is not None:
        return any(AMOUNT.match(c) for c in u.cells) or bool(u.cells and CODE3.match(u.cells[0]))
    return _has_values(u)
