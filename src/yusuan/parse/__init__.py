"""Parse: lines of a source → the typed model (`yusuan.model.Disclosure`)."""

from __future__ import annotations

from pathlib import Path

from yusuan.ingest import IngestError, SourceDoc
from yusuan.ingest.text import read_text
from yusuan.model import Disclosure
from yusuan.parse.document import parse_source

__all__ = ["IngestError", "parse_bytes", "parse_path", "parse_source", "read_source"]


def read_source(data: bytes, name: str) -> SourceDoc:
    """Choose the reader by content (PDF / xlsx magic bytes), else text."""
    if data[:5] == b"%PDF-":
        from yusuan.ingest.pdf import read_pdf

        return read_pdf(data, name)
    if data[:4] == b"PK\x03\x04":
        if _zip_has(data, "word/document.xml"):
            from yusuan.ingest.docx import read_docx

            return read_docx(data, name)
        from yusuan.ingest.xlsx import read_xlsx

        return read_xlsx(data, name)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<table" in data[:65536].lower()):
        from yusuan.ingest.html import read_html

        return read_html(data, name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE2 compound file: .xls (or a .doc)
        from yusuan.ingest.xls import read_xls

        return read_xls(data, name)
    return read_text(data, name)


def _zip_has(data: bytes, member: str) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return member in z.namelist()
    except zipfile.BadZipFile:
        return False


def parse_bytes(data: bytes, name: str) -> Disclosure:
    return parse_source(read_source(data, name))


def parse_path(path: str | Path) -> Disclosure:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{p}：文件不存在") from None
    except IsADirectoryError:
        raise IngestError(f"{p}：是一个目录，不是文件") from None
    except PermissionError:
        raise IngestError(f"{p}：没有读取权限") from None
    return parse_bytes(data, str(p))
