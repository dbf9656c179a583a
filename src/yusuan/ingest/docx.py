"""Read a Word document (.docx) as exported by finance systems or typed by hand.

The body is read in document order, paragraphs and tables interleaved. A paragraph gives one `Line` per printed
line (a manual line break `w:br` starts a new one), `cells=None`. A table row gives one `Line` with one cell per
grid column, the tab layout's shape: blank cells `""`, a merged cell's text in the first cell of its span and `""`
in the cells it covers (horizontally `w:gridSpan`, vertically `w:vMerge`), like the Excel reader. Cell text is kept
as typed (Word stores numbers as text: `2,071.19` stays `2,071.19`).

Pages: Word does not store pages. Where the file was last saved by Word, `w:lastRenderedPageBreak` marks each page
start as Word laid it out, and is used alone; otherwise explicit page breaks (`w:br w:type="page"`,
`w:pageBreakBefore`, section breaks that start a new page) count. Without either, `Line.page` is None.

`Emitter` (the line and table logic shared with the HTML reader) lives here too.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from typing import Any

from yusuan.ingest import IngestError, Line, SourceDoc
from yusuan.ingest.text import normalize
from yusuan.ingest.zipguard import open_zip, read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
PAGE = "\f"  # a page break inside the text handed to `Emitter` (a line break is "\n")
UNIT_OR_TITLE = re.compile(r"^(编制(部门|单位)|单位[:：]|金额单位|表\s*\d+$)")
FULLWIDTH_GROUPED = re.compile(r"-?\d{1,3}(?:，\d{3})+(?:\.\d+)?")
NOTE = re.compile(r"^(注|说明|备注)\s*\d*\s*[:：]")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Run content that is not printed text: properties, deleted/moved-away text, field instructions, and the VML
# fallback of a drawing (its text box is read once, from the drawing itself).
SKIP = {W + t for t in ("pPr", "rPr", "tcPr", "trPr", "tblPr", "tblGrid", "sectPr", "del", "moveFrom", "delText",
                        "instrText", "fldData", "footnoteReference", "endnoteReference", "commentReference")} | {
    MC + "Fallback"}


# ---- shared with the HTML reader ---------------------------------------------------------------------------------

def clean(text: str) -> str:
    """One printed line: full-width figures normalized, runs of spaces and tabs collapsed (a tab between
    `编制部门：X` and `单位：万元` reads as the space the text layouts have)."""
    return " ".join(normalize(text).split())


def clean_cell(text: str) -> str:
    """A cell: as a line, and a number typed with full-width commas (`１，２３４．５６`) gets ASCII ones; only a
    cell that is nothing but that number (in prose `，` is the Chinese comma)."""
    text = clean(text)
    return text.replace("，", ",") if FULLWIDTH_GROUPED.fullmatch(text) else text


class Emitter:
    """Appends lines to a `SourceDoc`, numbering them and (where the format has them) counting pages."""

    def __init__(self, doc: SourceDoc, paged: bool) -> None:
        self.doc = doc
        self.paged = paged
        self.page = 1
        self._pending = False

    def page_break(self) -> None:
        self._pending = True

    def _page(self) -> int | None:
        # a break before any content (a document opening with a page break) does not make an empty page 1
        if self._pending and self.doc.lines:
            self.page += 1
        self._pending = False
        return self.page if self.paged else None

    def text(self, text: str) -> None:
        """Text lines separated by "\\n", with `PAGE` marking page breaks; blank lines are dropped."""
        for part in re.split(f"([\n{PAGE}])", text):
            if part == PAGE:
                self.page_break()
            elif line := clean(part):
                self._add(line, None)

    def _add(self, text: str, cells: list[str] | None) -> None:
        page = self._page()
        self.doc.lines.append(Line(no=len(self.doc.lines) + 1, text=text, page=page, cells=cells))

    def table(self, rows: list[list[str]], breaks: set[int] | None = None) -> None:
        """Rows of one table (cells already laid on the grid). From the first row with two or more filled cells
        on, every row is a table row; title rows above it (`表 3`, `编制部门：… 单位：万元` in one merged cell), unit
        lines, notes and the `…为空表。` sentence are text lines, as in the Excel reader.
        `breaks`: indexes of rows that start a new page."""
        breaks = breaks or set()
        kept: list[tuple[list[str], bool]] = []
        carry = False
        for i, r in enumerate(rows):
            carry = carry or i in breaks
            if any(r):
                kept.append((r, carry))
                carry = False
        multi = [sum(1 for c in r if c) >= 2 and not _unit_line(r) for r, _ in kept]
        first = next((k for k, m in enumerate(multi) if m), len(kept))
        # the table's bounds are explicit: from its first real row on, a label-only row (`231 债务还本支出` with
        # no amount) is a row too; titles above it, unit lines and sentences are text
        inside = [m or (k > first and not _unit_line(r) and not _prose(r))
                  for k, ((r, _), m) in enumerate(zip(kept, multi, strict=True))]
        k = 0
        while k < len(kept):
            if not inside[k]:
                self._row_as_text(*kept[k])
                k += 1
                continue
            end = k
            while end < len(kept) and inside[end]:
                end += 1
            # every row as wide as the table's widest filled row: trailing blank cells are kept, phantom columns
            # (a grid column no row fills) are not
            width = max(max(i + 1 for i, c in enumerate(r) if c) for r, _ in kept[k:end])
            for r, brk in kept[k:end]:
                if brk:
                    self.page_break()
                cells = (r + [""] * width)[:width]
                self._add(" ".join(c for c in cells if c), cells)
            k = end
        if carry:
            self.page_break()

    def _row_as_text(self, row: list[str], brk: bool) -> None:
        if brk:
            self.page_break()
        self._add(" ".join(c for c in row if c), None)


def _unit_line(r: list[str]) -> bool:
    """`编制部门：X … 单位：万元` spread over two or three cells is a text line, not a table row."""
    filled = [c for c in r if c]
    return bool(filled) and bool(UNIT_OR_TITLE.match(filled[0])) and len(filled) <= 3


def _prose(r: list[str]) -> bool:
    """A single cell that reads as a sentence (the `…为空表。` statement) or a note (`注：…`) is not a table row."""
    filled = [c for c in r if c]
    return len(filled) == 1 and ("为空表" in filled[0] or filled[0].endswith("。") or bool(NOTE.match(filled[0])))


# ---- Word --------------------------------------------------------------------------------------------------------

def read_docx(data: bytes, name: str) -> SourceDoc:
    body = _open(data, name)
    doc = SourceDoc(path=name, sha256=hashlib.sha256(data).hexdigest(), layout="docx")
    out = Emitter(doc, paged=True)
    _Walker(body, out).blocks(body)
    if not doc.lines:
        raise IngestError(f"{name}：Word 文档是空的，没有任何文字")
    if out.page == 1:  # no page break anywhere: pages are unknown, not "one page"
        for ln in doc.lines:
            ln.page = None
        doc.pages = None
    else:
        doc.pages = out.page
    return doc


def _open(data: bytes, name: str) -> Any:
    """The `w:body` element of the main document part."""
    if data[:8] == OLE_MAGIC:
        raise IngestError(f"{name}：这是旧版 Word 文件（.doc），请另存为 .docx 或 PDF 后再读取")
    try:
        with open_zip(data, name, "Word 文档", ".docx") as z:
            names = set(z.namelist())
            xml = read_member(z, "word/document.xml", name) if "word/document.xml" in names else None
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error):
        raise IngestError(f"{name}：Word 文档已损坏（不是完整的 .docx 压缩包），无法打开") from None
    except (zipfile.LargeZipFile, RuntimeError, ValueError, NotImplementedError) as e:  # encrypted or unsupported compression
        raise IngestError(f"{name}：Word 文档无法解压（{type(e).__name__}），请另存为未加密的 .docx") from None
    if xml is None:
        kind = "Excel 工作簿（.xlsx）" if "xl/workbook.xml" in names else "ZIP 压缩包"
        raise IngestError(f"{name}：这是{kind}，不是 Word 文档（.docx），请提供 PDF、Word、Excel 或提取后的文本")
    try:
        import docx
        from docx.oxml import parse_xml
    except ImportError:  # pragma: no cover - an optional dependency
        raise IngestError(f"{name}：读取 Word 文档需要 python-docx（pip install 'yusuan[all]'）") from None
    try:
        return docx.Document(io.BytesIO(data)).element.body
    except Exception:
        # python-docx refuses templates and macro-enabled files by content type, and packages with a damaged
        # manifest or relationships; their main part may still be whole
        pass
    try:
        body = parse_xml(xml).find(W + "body")
    except Exception as e:  # lxml's XML syntax errors
        raise IngestError(f"{name}：Word 文档已损坏，无法读取（{type(e).__name__}）") from None
    if body is None:
        raise IngestError(f"{name}：Word 文档已损坏，正文部分缺失")
    return body


class _Walker:
    """Walks the body in document order and hands paragraphs and tables to the `Emitter`."""

    def __init__(self, body: Any, out: Emitter) -> None:
        self.out = out
        self.rendered = next(body.iter(W + "lastRenderedPageBreak"), None) is not None
        # lxml keeps one proxy per node while it is referenced: holding the paragraphs keeps their ids valid
        self._section_paras = [] if self.rendered else _page_section_ends(body)
        self.section_ends = {id(p) for p in self._section_paras}

    def blocks(self, el: Any) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self.out.text(self.paragraph(child))
            elif tag == W + "tbl":
                self.table(child)
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "moveTo"):
                self.blocks(child)  # wrappers (content controls, tracked insertions) around paragraphs and tables

    def paragraph(self, p: Any) -> str:
        parts: list[str] = []
        if not self.rendered and _on(p.find(f"{W}pPr/{W}pageBreakBefore")):
            parts.append(PAGE)
        self._inline(p, parts)
        if id(p) in self.section_ends:
            parts.append(PAGE)
        return "".join(parts)

    def _inline(self, el: Any, parts: list[str]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP:
                continue  # XML comments and processing instructions have a callable tag
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t")
            elif tag == W + "br":
                page = child.get(W + "type") == "page"
                parts.append(PAGE if page and not self.rendered else "\n")
            elif tag == W + "cr":
                parts.append("\n")
            elif tag == W + "lastRenderedPageBreak":
                parts.append(PAGE)
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "txbxContent":
                # a text box (cover titles are often drawn in one): its paragraphs as lines of their own
                parts.append("\n" + self._cell_text(child, "\n") + "\n")
            else:
                self._inline(child, parts)  # runs, hyperlinks, smart tags, fields, drawings

    def table(self, tbl: Any) -> None:
        rows: list[list[str]] = []
        breaks: set[int] = set()
        for i, tr in enumerate(_children(tbl, "tr")):
            cells = _grid_pad(tr, "gridBefore")
            for tc in _children(tr, "tc"):
                span = _int(tc.find(f"{W}tcPr/{W}gridSpan"), 1)
                vmerge = tc.find(f"{W}tcPr/{W}vMerge")
                covered = vmerge is not None and vmerge.get(W + "val", "continue") != "restart"
                text = "" if covered else self._cell_text(tc, " ")
                if PAGE in text:
                    breaks.add(i)
                cells += [clean_cell(text.replace(PAGE, " "))] + [""] * (span - 1)
            rows.append(cells + _grid_pad(tr, "gridAfter"))
        self.out.table(rows, breaks)

    def _cell_text(self, el: Any, sep: str) -> str:
        """All text of a cell (or a text box): paragraphs and nested tables joined by `sep`."""
        parts: list[str] = []
        for child in el:
            if child.tag == W + "p":
                parts.append(self.paragraph(child).replace("\n", sep))
            elif child.tag == W + "tbl":
                parts += [self._cell_text(tc, " ") for tr in _children(child, "tr") for tc in _children(tr, "tc")]
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                parts.append(self._cell_text(child, sep))
        return sep.join(p for p in parts if p)


def _children(el: Any, local: str) -> list[Any]:
    """Direct children named `local`, looking through content-control and custom-XML wrappers."""
    out: list[Any] = []
    for child in el:
        if child.tag == W + local:
            out.append(child)
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            out += _children(child, local)
    return out


def _grid_pad(tr: Any, what: str) -> list[str]:
    """`w:gridBefore` / `w:gridAfter`: grid columns a row leaves out at its start / end."""
    return [""] * _int(tr.find(f"{W}trPr/{W}{what}"), 0)


def _int(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return max(0, int(el.get(W + "val", default)))
    except ValueError:
        return default


def _on(el: Any) -> bool:
    """A toggle property (`<w:pageBreakBefore/>`, `w:val="0"` / `"false"` turns it off)."""
    return el is not None and el.get(W + "val", "1") not in ("0", "false", "off")


def _page_section_ends(body: Any) -> list[Any]:
    """Paragraphs that close a section after which a new page starts. A section's `w:type` says how it
    starts, so the break after section k is decided by section k + 1's type (default: next page)."""
    props = [s for s in body.iter(W + "sectPr") if s.getparent().tag in (W + "pPr", W + "body")]
    out: list[Any] = []
    for here, following in zip(props, props[1:], strict=False):
        kind = following.find(W + "type")
        if (kind.get(W + "val", "nextPage") if kind is not None else "nextPage") != "continuous":
            out.append(here.getparent().getparent())
    return out
