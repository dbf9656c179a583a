"""Parse: lines of a source → the typed model (`yusuan.model.Disclosure`)."""

from __future__ import annotations

from pathlib import Path

from yusuan.ingest import IngestError, SourceDoc
from yusuan.ingest.text import read_text, sniff_head
from yusuan.model import Disclosure
from yusuan.parse.document import parse_source

__all__ = ["IngestError", "parse_bytes", "parse_path", "parse_source", "read_source"]


def read_source(data: bytes, name: str) -> SourceDoc:
    """Choose the reader by content (PDF / xlsx magic bytes), else text; the text it gives is made valid."""
    from yusuan.ingest.limits import bytes_of, refuse
    from yusuan.ingest.valid import make_valid

    if len(data) > bytes_of("file-mb"):
        raise refuse(name, "file-mb", f"文件有 {len(data) / (1 << 20):,.0f} MB")
    return make_valid(_read(data, name))


def _read(data: bytes, name: str) -> SourceDoc:
    if data[:5] == b"%PDF-":
        from yusuan.ingest.pdf import read_pdf

        return read_pdf(data, name)
    if data[:4] == b"PK\x03\x04":
        if _zip_has(data, "word/document.xml", name):
            from yusuan.ingest.docx import read_docx

            return read_docx(data, name)
        from yusuan.ingest.xlsx import read_xlsx

        return read_xlsx(data, name)
    head = sniff_head(data).lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")) or (head.startswith("<") and "<table" in sniff_head(data, 65536).lower()):
        from yusuan.ingest.html import read_html

        return read_html(data, name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE2 compound file: .xls (or a .doc)
        from yusuan.ingest.xls import read_xls

        return read_xls(data, name)
    return read_text(data, name)


def _zip_has(data: bytes, member: str, name: str) -> bool:
    import io
    import zipfile

    from yusuan.ingest.zipguard import check_member_count

    check_member_count(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return member in z.namelist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        return False


def parse_bytes(data: bytes, name: str) -> Disclosure:
    return parse_source(read_source(data, name))


def parse_path(path: str | Path) -> Disclosure:
    from yusuan.ingest.limits import bytes_of, refuse

    p = Path(path)
    try:
        if not p.is_dir() and p.exists() and not p.is_file():
            raise IngestError(f"{p}：不是普通文件（设备、套接字等），不读取")
        if p.is_file() and p.stat().st_size > bytes_of("file-mb"):
            raise refuse(str(p), "file-mb", f"文件有 {p.stat().st_size / (1 << 20):,.0f} MB")
        data = p.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{p}：文件不存在") from None
    except IsADirectoryError:
        raise IngestError(f"{p}：是一个目录，不是文件") from None
    except PermissionError:
        raise IngestError(f"{p}：没有读取权限") from None
    return parse_bytes(data, str(p))
