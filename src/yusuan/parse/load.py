"""One input (a path, or `-` for standard input) → its bytes, bounded by the reading limits → its model.

Every failure becomes an `IngestError` with a Chinese message naming the file: a damaged file is the file's fault
(an exception raised inside a format library), anything else is reported as an internal error to pass on.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from yusuan.ingest import READ_EXTENSIONS, IngestError
from yusuan.model import Disclosure

STDIN = "-"
_CHUNK = 1 << 20


def read_input(path: str) -> tuple[bytes, str]:
    """The bytes of one input, never more than the `file-mb` limit: a device (`/dev/zero`) is refused, a pipe or
    standard input is read only up to the limit."""
    from yusuan.ingest.limits import bytes_of, refuse

    limit = bytes_of("file-mb")
    if path == STDIN:
        return _read_bounded(sys.stdin.buffer, limit, "<stdin>"), "<stdin>"
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise IngestError(f"{path}：文件不存在") from None
    except OSError as e:
        raise IngestError(f"{path}：无法访问（{e.strerror or type(e).__name__}）") from None
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(f"{path}：是一个目录，其中没有 yusuan 能读取的文件（{'、'.join(READ_EXTENSIONS)}）")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise IngestError(f"{path}：不是普通文件（设备、套接字等），不读取")
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise refuse(path, "file-mb", f"文件有 {st.st_size / (1 << 20):,.0f} MB")
    try:
        with open(path, "rb") as f:
            return _read_bounded(f, limit, path), path
    except PermissionError:
        raise IngestError(f"{path}：没有读取权限") from None
    except IsADirectoryError:
        raise IngestError(f"{path}：是一个目录") from None
    except OSError as e:
        raise IngestError(f"{path}：读取失败（{e.strerror or type(e).__name__}）") from None


def _read_bounded(stream: BinaryIO, limit: int, name: str) -> bytes:
    from yusuan.ingest.limits import refuse

    buf = bytearray()
    while chunk := stream.read(_CHUNK):
        buf += chunk
        if len(buf) > limit:
            raise refuse(name, "file-mb", f"输入超过 {limit >> 20} MB")
    return bytes(buf)


def load(path: str) -> Disclosure:
    """Read and parse one input; every failure becomes an IngestError with a Chinese message."""
    data, name = read_input(path)
    return parse_input(data, name)


def parse_input(data: bytes, name: str) -> Disclosure:
    """The model of bytes already read (see `read_input`), with every failure as an IngestError."""
    from yusuan.parse import parse_bytes

    try:
        return parse_bytes(data, name)
    except IngestError:
        raise
    except RecursionError:
        raise IngestError(f"{name}：文件结构过深，无法解析") from None
    except MemoryError:
        raise IngestError(f"{name}：读取时内存不足（文件过大或结构异常）；可用 --limit 收紧限制或换一台内存更大的机器") from None
    except Exception as e:  # a reader's or parser's failure must not become a traceback for the user
        if _raised_by_reader_library(e):
            raise IngestError(f"{name}：{_kind(data)}已损坏或格式异常，无法读取（{type(e).__name__}）") from None
        raise IngestError(f"{name}：解析失败（内部错误：{type(e).__name__}: {e}）。请将此文件报告给维护者") from None


_PACKAGE_DIR = str(Path(__file__).resolve().parent.parent) + os.sep


def _raised_by_reader_library(e: BaseException) -> bool:
    """An exception raised inside a file-format library (pdfium, openpyxl, lxml, zipfile…) rather than in
    yusuan's own code is the damaged file's doing, not a bug to report."""
    tb = e.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return last is not None and not str(Path(last).resolve()).startswith(_PACKAGE_DIR)


def _kind(data: bytes) -> str:
    if data[:5] == b"%PDF-":
        return "PDF 文件"
    if data[:4] == b"PK\x03\x04":
        return "Office 文件（.xlsx/.docx）"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "旧版 Office 文件（.xls）"
    return "文件"
