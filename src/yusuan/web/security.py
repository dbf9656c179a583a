"""What stands between a stranger's upload or browser and the store: type sniffing, file names, tokens, CSRF."""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import unicodedata
from urllib.parse import urlsplit

CSRF_COOKIE = "yusuan_csrf"
CSRF_HEADER = "x-csrf-token"
NAME_MAX = 120
# what the readers take, by content (see parse.read_source): a PDF, a zip package (.xlsx/.docx), an OLE2 file
# (.xls); anything else must look like text (HTML or a text layout)
MAGIC = ((b"%PDF-", "PDF"), (b"PK\x03\x04", "Office (.xlsx/.docx)"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"))
_SAMPLE = 64 * 1024


def sniff(data: bytes) -> str | None:
    """The kind of file by its content (never its extension), or None for a kind no reader takes."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:_SAMPLE]
    if not head.strip() or b"\x00" in head:  # empty, or binary (UTF-16 disclosures are not met in the wild)
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return "文本"
        except UnicodeDecodeError as e:
            if e.start >= len(head) - 4:  # a character cut by the sample's end
                return "文本"
    return None


def safe_name(raw: str | None) -> str:
    """The upload's file name for display only: its last path part, without control characters, shortened.
    It never names a file on disk (sources are stored by hash)."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    return (name or "上传文件")[:NAME_MAX]


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_ok(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def bearer(authorization: str | None) -> str | None:
    if authorization and authorization[:7].lower() == "bearer ":
        return authorization[7:].strip()
    return None


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def cross_site(origin: str | None, sec_fetch_site: str | None, host: str | None) -> bool:
    """A browser request sent by another site's page (a form or script posting to this server)."""
    if sec_fetch_site and sec_fetch_site not in ("same-origin", "none"):
        return True
    if origin and origin != "null":
        return urlsplit(origin).netloc.lower() != (host or "").lower()
    return origin == "null"
