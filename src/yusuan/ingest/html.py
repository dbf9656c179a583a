"""Read a disclosure published as a web page (or saved from Word/WPS as HTML).

The page is parsed with the standard library (`html.parser`) into a small tree, tolerant of the omitted end tags
real pages have (`<td>` without `</td>`, `<p>` closed by the next block). Text outside tables gives one `Line` per
block (`<p>`, `<div>`, `<h1>`…, `<li>`, a `<br>` starts a new line), `cells=None`. A table gives one `Line` per row
with one cell per grid column: `colspan`/`rowspan` put the text in the first cell of the span and `""` in the cells
it covers, as the Word and Excel readers do. A table that only lays out the page (it holds another table, or no
row of it has two filled cells) is read as text. `<script>`, `<style>`, `<title>` and the like are not content.

Encoding: a byte-order mark, else the `<meta charset>` the page declares, else UTF-8, then GB18030. Pages carry
no page numbers: `Line.page` is None.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from yusuan.ingest import IngestError, SourceDoc
from yusuan.ingest.docx import Emitter, clean, clean_cell
from yusuan.ingest.text import bom, decode

BR = "\ue000"  # a <br> or block boundary while text is gathered (kept apart from the source's own newlines)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# not `head`: a page that never closes it would hide its whole body
HIDDEN = {"script", "style", "title", "template", "noscript", "object", "select", "textarea", "svg", "math"}
BLOCK = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
         "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
         "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
         "td", "tfoot", "th", "thead", "tr", "ul"}
# a new one of these closes the open one (omitted end tags)
CLOSES_P = BLOCK - {"body", "html", "td", "th", "tr", "tbody", "thead", "tfoot", "caption"}
# a start tag → the open elements it closes, and the elements that bound the search (its row, table or list)
_SECTION = ("td", "th", "tr", "tbody", "thead", "tfoot")
IMPLIED = {"td": ("td", "th"), "th": ("td", "th"), "tr": ("td", "th", "tr"), "tbody": _SECTION, "thead": _SECTION,
           "tfoot": _SECTION, "li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd")}
IMPLIED_STOPS = {"td": ("tr", "table"), "th": ("tr", "table"), "tr": ("table", "tbody", "thead", "tfoot"),
                 "tbody": ("table",), "thead": ("table",), "tfoot": ("table",), "li": ("ul", "ol", "table"),
                 "dt": ("dl", "table"), "dd": ("dl", "table")}
CJK_BREAK = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef])[ \t\r\f\v]*\n\s*(?=[\u2e80-\u9fff\uff00-\uffef])")
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)
UNIT_GLUED = re.compile(r"^(编制(?:部门|单位)[:：]\S*?[^\s:：])((?:金额)?单位[:：])")
GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "csgb2312", "euc-cn", "cp936", "windows-936", "gb18030"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


def read_html(data: bytes, name: str) -> SourceDoc:
    notes: list[str] = []
    root = _tree(_decode(data, name, notes))
    doc = SourceDoc(path=name, sha256=hashlib.sha256(data).hexdigest(), layout="html", notes=notes)
    out = Emitter(doc, paged=False)
    _Flow(out).walk(root)
    if not doc.lines:
        raise IngestError(f"{name}：网页中没有正文文字（可能是图片或由脚本生成的页面），无法读取")
    return doc


def _decode(data: bytes, name: str, notes: list[str]) -> str:
    if bom(data) is not None:
        return decode(data, name, notes)  # a byte-order mark outranks any declaration
    m = META_CHARSET.search(data[:8192])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if declared in GB and not _utf8_with_cjk(data):
        # GB18030 is a superset of GBK/GB2312 (pages declaring gb2312 routinely use GBK characters)
        return data.decode("gb18030", errors="replace")
    if declared and declared not in GB and not declared.startswith("utf") and _multibyte(declared):
        try:
            return data.decode(declared)  # Big5 and the like: trust the page
        except UnicodeDecodeError:
            pass
    # UTF-8 (declared, undeclared or mis-declared), then GB18030; a single-byte declaration (`iso-8859-1`,
    # `windows-1252`, a template's default) cannot be the encoding of Chinese text and is ignored
    return decode(data, name, notes)


def _multibyte(codec: str) -> bool:
    """A single-byte codec maps each of the 128 high bytes to one character; a multi-byte one pairs them."""
    try:
        return len(bytes(range(0x80, 0x100)).decode(codec, errors="replace")) != 0x80
    except LookupError:
        return False


def _utf8_with_cjk(data: bytes) -> bool:
    """A page declared GBK whose bytes are valid UTF-8 with multi-byte characters was saved as UTF-8 (GBK text
    is almost never valid UTF-8)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(ord(ch) > 0x7F for ch in text)


# ---- a tolerant tree -------------------------------------------------------------------------------------------

class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # `</br>` is read as `<br>` by browsers
            self.stack[-1].children.append(Node("br"))
            return
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return
            if self.stack[k].tag == "table" and tag != "table":
                return  # a stray end tag does not close anything outside the current table

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        """End tags that HTML lets a page omit: a cell closes the open cell, a row the open row, a block the
        open paragraph, an item the open item."""
        if tag in CLOSES_P and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag not in IMPLIED:
            return
        # inside a table a new cell or row ends whatever is open down to its row (or table); a nested table is a
        # stop, so its cells never close the outer cell
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag in IMPLIED_STOPS[tag]:
                del self.stack[k + 1:]
                return
        # no row or table open (a stray cell): close the innermost open one of its kind, if any
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag in IMPLIED[tag]:
                del self.stack[k:]
                return


def _tree(text: str) -> Node:
    b = _Builder()
    b.feed(text)
    b.close()
    return b.root


# ---- walking it ------------------------------------------------------------------------------------------------

class _Flow:
    """Text outside data tables: blocks become lines; data tables go to the `Emitter` row by row."""

    def __init__(self, out: Emitter) -> None:
        self.out = out
        self.buf: list[str] = []

    def walk(self, node: Node) -> None:
        self._node(node, pre=False)
        self._flush()

    def _flush(self) -> None:
        if self.buf:
            self.out.text("\n".join(unit_spaced(clean(ln)) for ln in _joined(self.buf).split(BR)))
            self.buf = []

    def _node(self, node: Node, pre: bool) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.buf.append(child.replace("\n", BR) if pre else child)
            elif child.tag in HIDDEN:
                continue
            elif child.tag == "br":
                self.buf.append(BR)
            elif child.tag == "table" and (rows := _data_table(child)) is not None:
                self._flush()
                for cap in _find(child, "caption"):
                    self._node(cap, pre)
                    self._flush()
                self.out.table(rows)
            elif child.tag in BLOCK:
                self.buf.append(BR)
                self._node(child, pre or child.tag == "pre")
                self.buf.append(BR)
            else:
                self._node(child, pre)


def _joined(parts: list[str]) -> str:
    """Source text as a browser shows it: a newline of the HTML source between two Chinese characters is not a
    space (Word's HTML export wraps its source lines mid-phrase: `一般公共预算\\n支出`); other whitespace is one
    space (collapsed later by `clean`)."""
    return CJK_BREAK.sub("", "".join(parts))


def _cell_text(node: Node) -> str:
    parts: list[str] = []

    def visit(n: Node) -> None:
        for c in n.children:
            if isinstance(c, str):
                parts.append(c)
            elif c.tag in HIDDEN:
                continue
            elif c.tag == "br" or c.tag in BLOCK:
                # a header wrapped with <br> (`财政拨款<br>（补助）`) reads as one label
                parts.append(BR)
                visit(c)
                parts.append(BR)
            else:
                visit(c)
    visit(node)
    # inside a cell a line break is a wrap: Chinese joins directly (`上级一般<br>公共预算`), the rest with a space
    return unit_spaced(clean_cell(CJK_BREAK.sub("", "".join(parts).replace(BR, "\n"))))


def unit_spaced(text: str) -> str:
    """`编制部门：X局单位：万元` glued (two inline spans, or a wrap) → `编制部门：X局 单位：万元`, as printed."""
    return UNIT_GLUED.sub(r"\1 \2", text)


def _find(node: Node, tag: str) -> list[Node]:
    """Descendants named `tag`, not looking into nested tables."""
    out: list[Node] = []
    for c in node.children:
        if isinstance(c, Node):
            if c.tag == tag:
                out.append(c)
            elif c.tag != "table":
                out += _find(c, tag)
    return out


def _rows(table: Node) -> list[Node]:
    """The table's own rows in order (directly or in thead/tbody/tfoot, not those of nested tables)."""
    return _find(table, "tr")


def _data_table(table: Node) -> list[list[str]] | None:
    """The table's rows laid on its grid, or None when the table only lays out the page."""
    if _has_nested_table(table):
        return None
    grid = _grid(_rows(table))
    if not any(sum(1 for c in r if c) >= 2 for r in grid):
        return None
    return grid


def _has_nested_table(node: Node) -> bool:
    return any(isinstance(c, Node) and (c.tag == "table" or _has_nested_table(c)) for c in node.children)


def _grid(rows: list[Node]) -> list[list[str]]:
    """Cells placed on the grid: a `rowspan` reserves its column in the rows below, a `colspan` the columns to
    its right; the covered positions stay ""."""
    grid: list[list[str]] = []
    taken: set[tuple[int, int]] = set()
    width: dict[int, int] = {}  # row → grid columns it reaches (spans from above included)
    for i, tr in enumerate(rows):
        row: list[str] = []
        col = 0
        for td in (c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")):
            while (i, col) in taken:
                col += 1
            span, down = _span(td, "colspan"), min(_span(td, "rowspan") or len(rows), len(rows) - i)
            for dr in range(down):
                taken.update((i + dr, col + dc) for dc in range(span))
                width[i + dr] = max(width.get(i + dr, 0), col + span)
            _put(row, col, _cell_text(td))
            col += span
        n = width.get(i, 0)
        grid.append((row + [""] * n)[:n])
    return grid


def _put(row: list[str], col: int, text: str) -> None:
    row.extend([""] * (col + 1 - len(row)))
    row[col] = text


def _span(td: Node, attr: str) -> int:
    """A span as browsers read it: clamped to 1…1000 columns; `rowspan="0"` (to the end of the table) is 0."""
    m = re.match(r"\s*(\d+)", td.attrs.get(attr, ""))
    n = int(m.group(1)) if m else 1
    return 0 if n == 0 and attr == "rowspan" else min(max(1, n), 1000)
