"""Read extracted text: detect the encoding and the layout, normalize characters, mark pages."""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Callable
from contextvars import ContextVar

from yusuan.ingest import IngestError, Line, SourceDoc
from yusuan.model.kinds import SourceLayout

# Full-width forms that carry figures: digits, decimal point, percent, minus, comma inside numbers.
_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%", "－": "-",
                            "\u3000": " ", "\u00a0": " ", "\ufeff": ""})
_PAGE_MARK = re.compile(r"^\s*(?:-\s*\d{1,3}\s*-|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")


# byte-order marks, longest first: UTF-32's little-endian mark begins with UTF-16's
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_bad_bytes: ContextVar[list[int]] = ContextVar("yusuan_bad_bytes")


def _record_bad(e: UnicodeError) -> tuple[str, int]:
    assert isinstance(e, UnicodeDecodeError)
    _bad_bytes.get().append(e.start)
    return "\ufffd", e.end


codecs.register_error("yusuan-record", _record_bad)


def bom(data: bytes) -> tuple[str, int] | None:
    """The codec a byte-order mark names, and the mark's length."""
    for mark, codec in BOMS:
        if data.startswith(mark):
            return codec, len(mark)
    return None


def decode(data: bytes, name: str, notes: list[str] | None = None) -> str:
    """A byte-order mark (UTF-32, UTF-8, UTF-16), else UTF-8, else GB18030 (a superset of GBK/GB2312). A few
    undecodable bytes in an otherwise valid text (a stray byte, a file cut mid-character) are replaced by U+FFFD
    and reported in `notes` with their byte position; only a text that fits no encoding is refused."""
    notes = notes if notes is not None else []
    if not data.strip():
        raise IngestError(f"{name}：文件为空")
    marked = bom(data)
    if marked is not None:
        codec, skip = marked
        text, bad = _lenient(data, codec, skip)
        if _few(bad, text):
            _report(data, bad, codec, notes)
            return text
        raise IngestError(f"{name}：{codec.upper()} 编码无法解码（第 {bad[0] + 1} 字节起）")
    if b"\x00" in data[:4096]:
        raise IngestError(f"{name}：不是文本文件（含二进制内容），请提供 PDF、Excel 或提取后的文本")
    text, bad = _lenient(data, "utf-8", 0)
    if _few(bad, text):
        _report(data, bad, "UTF-8", notes)
        return text
    text, gb_bad = _lenient(data, "gb18030", 0)
    if _few(gb_bad, text) and _cjk_share(text) >= 0.05:
        _report(data, gb_bad, "GB18030", notes)
        return text
    where = min(bad[0], gb_bad[0]) if gb_bad else bad[0]
    if not gb_bad:
        raise IngestError(f"{name}：无法识别文本编码（按 GB18030 解码后几乎没有中文）")
    raise IngestError(f"{name}：无法识别文本编码（既不是 UTF-8 也不是 GB18030/GBK，第 {where + 1} 字节起无法解码）")


def _lenient(data: bytes, codec: str, skip: int) -> tuple[str, list[int]]:
    """The text with each undecodable sequence replaced, and the byte offsets (in `data`) of those sequences."""
    token = _bad_bytes.set([])
    try:
        text = data[skip:].decode(codec, errors="yusuan-record")
        return text, [skip + at for at in _bad_bytes.get()]
    finally:
        _bad_bytes.reset(token)


def _few(bad: list[int], text: str) -> bool:
    """Few enough bad sequences that the encoding is clearly right: at most one in ten of the non-ASCII
    characters read (text in the wrong encoding fails on nearly every character)."""
    if not bad:
        return True
    decoded = sum(1 for ch in text if ch > "\x7f") - len(bad)
    return decoded >= 10 * len(bad)


def _report(data: bytes, bad: list[int], codec: str, notes: list[str]) -> None:
    if not bad:
        return
    first = bad[0]
    line = data.count(b"\n", 0, first) + 1
    if len(bad) == 1 and len(data) - first <= 3 and not data.endswith(b"\n"):
        notes.append(f"文件末尾（第 {first + 1} 字节，第 {line} 行）的字符不完整，可能被截断；已读出其前的全部内容")
        return
    more = f"等共 {len(bad)} 处" if len(bad) > 1 else ""
    notes.append(f"第 {first + 1} 字节（第 {line} 行）{more}不是有效的 {codec} 字符，已替换为 �，其余内容照常读取")


def sniff_head(data: bytes, size: int = 4096) -> str:
    """The start of a file as text, to recognize its kind (an HTML page saved as UTF-16 too)."""
    marked = bom(data)
    if marked is not None:
        codec, skip = marked
        width = 4 if "32" in codec else 2 if "16" in codec else 1
        return data[skip:skip + size * width].decode(codec, errors="replace")
    return data[:size].decode("latin-1")


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return cjk / max(1, len(sample.strip()))


def normalize(text: str) -> str:
    return text.translate(_FULLWIDTH)


def read_text(data: bytes, path: str) -> SourceDoc:
    notes: list[str] = []
    text = normalize(decode(data, path, notes))
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tabbed = sum(1 for ln in raw_lines if "\t" in ln)
    layout: SourceLayout = "tab" if tabbed >= max(5, len([ln for ln in raw_lines if ln.strip()]) // 10) else "space"
    doc = SourceDoc(path=path, sha256=hashlib.sha256(data).hexdigest(), layout=layout, notes=notes)
    pages = _pages(raw_lines, layout)
    for i, raw in enumerate(raw_lines, start=1):
        raw = raw.replace("\f", "")
        if _PAGE_MARK.match(raw):
            continue  # a printed page number: not content
        page = pages[i - 1] if pages else None
        if layout == "tab":
            cells = [c.strip() for c in raw.split("\t")]
            doc.lines.append(Line(no=i, text=" ".join(c for c in cells if c), page=page,
                                  cells=cells if len(cells) > 1 else None))
        else:
            doc.lines.append(Line(no=i, text=raw.rstrip(), page=page))
    doc.pages = pages[-1] if pages else None
    return doc


def _pages(raw_lines: list[str], layout: str) -> list[int] | None:
    """The page of each line, where the text marks pages: form feeds (pdftotext), else the single leading space
    that PDF text extraction puts before each page's first line, else printed page numbers (`- 6 -`)."""
    if any("\f" in ln for ln in raw_lines):
        return _count(raw_lines, lambda i, ln: i > 0 and "\f" in ln)
    if layout == "space" and any(_starts_page(ln) for ln in raw_lines[1:]):
        return _count(raw_lines, lambda i, ln: i > 0 and _starts_page(ln))
    marks = [i for i, ln in enumerate(raw_lines) if _PAGE_MARK.match(ln) and ln.strip()]
    if len(marks) >= 2:
        return _count(raw_lines, lambda i, ln: i > 0 and bool(_PAGE_MARK.match(raw_lines[i - 1])) and
                      bool(raw_lines[i - 1].strip()))
    return None


def _count(raw_lines: list[str], starts: Callable[[int, str], bool]) -> list[int]:
    out, page = [], 1
    for i, ln in enumerate(raw_lines):
        if starts(i, ln):
            page += 1
        out.append(page)
    return out


def _starts_page(raw: str) -> bool:
    """PDF text extraction starts each page with one space before the first character."""
    return len(raw) > 1 and raw[0] == " " and raw[1] != " "
