"""Open the zip package of an .xlsx or .docx only after its directory shows it can be inflated within the limits.

The central directory declares each member's sizes; a bomb declares (or, lying, hides) a huge uncompressed size.
The directory is checked before anything is inflated: the number of members, the total uncompressed size, the
size of the XML parts a reader loads whole (shared strings, the Word body…, together) and each large member's compression
ratio. While inflating, Python's `zipfile` never returns more than a member's
declared size (and a member inflating past it fails its CRC check, read as a damaged file), and `read_member`
counts what it reads, so a lying directory cannot make a reader hold more than the limits allow.
"""

from __future__ import annotations

import io
import struct
import zipfile

from yusuan.ingest import IngestError
from yusuan.ingest.limits import RATIO_FLOOR_BYTES, bytes_of, refuse, value

_EOCD = b"PK\x05\x06"
_CHUNK = 1 << 20


def open_zip(data: bytes, name: str, kind: str, ext: str) -> zipfile.ZipFile:
    """The package, its directory checked against the limits; `kind` and `ext` name the format for a damaged
    file (“Excel 文件”, “.xlsx”)."""
    check_member_count(data, name)
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, struct.error, NotImplementedError):
        raise IngestError(f"{name}：{kind}已损坏（不是完整的 {ext} 压缩包），无法打开") from None
    try:
        check_directory(z, name)
    except IngestError:
        z.close()
        raise
    return z


def check_directory(z: zipfile.ZipFile, name: str) -> None:
    infos = z.infolist()
    if len(infos) > value("zip-members"):
        raise refuse(name, "zip-members", f"压缩包有 {len(infos)} 个部件")
    total = sum(i.file_size for i in infos)
    if total > bytes_of("unzipped-mb"):
        raise refuse(name, "unzipped-mb", f"解压后共 {total / (1 << 20):,.0f} MB")
    for i in infos:
        if i.file_size > RATIO_FLOOR_BYTES and i.file_size > value("zip-ratio") * max(1, i.compress_size):
            ratio = i.file_size / max(1, i.compress_size)
            raise refuse(name, "zip-ratio", f"部件 {i.filename} 的压缩比为 {ratio:,.0f} 倍（疑似压缩炸弹）")
    whole = [i for i in infos if _read_whole(i.filename)]
    if sum(i.file_size for i in whole) > bytes_of("part-mb"):
        big = max(whole, key=lambda i: i.file_size)
        raise refuse(name, "part-mb", f"整体读入的 XML 部件共 {sum(i.file_size for i in whole) / (1 << 20):,.0f} MB"
                                      f"（最大的是 {big.filename}，{big.file_size / (1 << 20):,.0f} MB）")


def _read_whole(member: str) -> bool:
    """An XML part a reader loads whole (a worksheet is streamed row by row; images and the like are not read)."""
    return member.endswith((".xml", ".rels")) and not member.startswith("xl/worksheets/")


def read_member(z: zipfile.ZipFile, member: str, name: str) -> bytes:
    """A member's bytes, read in chunks and counted against the limit (the directory may lie)."""
    limit = bytes_of("unzipped-mb")
    out = io.BytesIO()
    with z.open(member) as f:
        while chunk := f.read(_CHUNK):
            out.write(chunk)
            if out.tell() > limit:
                raise refuse(name, "unzipped-mb", f"部件 {member} 解压后超过 {limit >> 20} MB")
    return out.getvalue()


def check_member_count(data: bytes, name: str) -> None:
    """Refuse a directory of millions of entries before `zipfile` builds an object for each (the count is read
    from the end-of-directory record; a zip64 count too large for it is read from the zip64 record)."""
    at = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return  # zipfile reports the damage
    count = struct.unpack_from("<H", data, at + 10)[0]
    if count == 0xFFFF and at >= 20 and data[at - 20:at - 16] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", data, at - 12)[0]
        if offset + 40 <= len(data) and data[offset:offset + 4] == b"PK\x06\x06":
            count = struct.unpack_from("<Q", data, offset + 32)[0]
    if count > value("zip-members"):
        raise refuse(name, "zip-members", f"压缩包有 {count} 个部件")
