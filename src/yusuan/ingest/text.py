"""Read extracted text: detect the encoding and the layout, normalize characters, mark pages."""

from __future__ import annotations

import hashlib
import re

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
    page = 1
    marked_pages = False
    for i, raw in enumerate(raw_lines, start=1):
        if layout == "space" and _starts_page(raw) and i > 1:
            page += 1
            marked_pages = True
        if _PAGE_MARK.match(raw):
            continue  # a printed page number: not content
        if layout == "tab":
            cells = [c.strip() for c in raw.split("\t")]
            doc.lines.append(Line(no=i, text=" ".join(c for c in cells if c), cells=cells if len(cells) > 1 else None))
        else:
            doc.lines.append(Line(no=i, text=raw.rstrip()))
    if layout == "space" and marked_pages:
        doc.pages = page
    else:
        for ln in doc.lines:
            ln.page = None
    if layout == "space" and marked_pages:
        _assign_pages(doc, raw_lines)
    return doc


def _starts_page(raw: str) -> bool:
    """PDF text extraction starts each page with one space before the first character."""
    return len(raw) > 1 and raw[0] == " " and raw[1] != " "


def _assign_pages(doc: SourceDoc, raw_lines: list[str]) -> None:
    page = 1
    by_no = {ln.no: ln for ln in doc.lines}
    for i, raw in enumerate(raw_lines, start=1):
        if i > 1 and _starts_page(raw):
            page += 1
        ln = by_no.get(i)
        if ln is not None:
            ln.page = page
