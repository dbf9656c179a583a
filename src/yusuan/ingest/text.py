"""Read extracted text: detect the encoding and the layout, normalize characters, mark pages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from yusuan.ingest import IngestError, Line, SourceDoc

# Full-width forms that carry figures: digits, decimal point, percent, minus, comma inside numbers.
_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%", "－": "-",
                            "\u3000": " ", "\u00a0": " ", "\ufeff": ""})
_PAGE_MARK = re.compile(r"^\s*(?:-\s*\d{1,3}\s*-|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK/GB2312)."""
    if not data.strip():
        raise IngestError(f"{name}：文件为空")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{name}：不是文本文件（含二进制内容），请提供 PDF、Excel 或提取后的文本")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise IngestError(f"{name}：UTF-16 编码无法解码（第 {e.start} 字节）") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise IngestError(f"{name}：无法识别文本编码（既不是 UTF-8 也不是 GB18030/GBK，第 {e.start} 字节）") from None
    if _cjk_share(text) < 0.05:
        raise IngestError(f"{name}：无法识别文本编码（按 GB18030 解码后几乎没有中文）")
    return text


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return cjk / max(1, len(sample.strip()))


def normalize(text: str) -> str:
    return text.translate(_FULLWIDTH)


def read_text(data: bytes, path: str) -> SourceDoc:
    text = normalize(decode(data, path))
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tabbed = sum(1 for ln in raw_lines if "\t" in ln)
    layout = "tab" if tabbed >= max(5, len([ln for ln in raw_lines if ln.strip()]) // 10) else "space"
    doc = SourceDoc(path=path, sha256=hashlib.sha256(data).hexdigest(), layout=layout)
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
