"""The uploaded files' bytes beside the store, content-addressed: what the web UI needs to show a source.

The store keeps what was read from a file, by SHA-256, but not the file. To show a PDF page or the text lines next
to the tables, and to serve the model, the web UI keeps, in a folder of its own (default: `<db file>.sources/`):

    ab/abcdef….src        the uploaded bytes, named by their SHA-256 (never by the user's file name)
    ab/abcdef….json.gz    the parsed model (`yusuan.disclosure/1`)
    ab/abcdef….p3.png     page 3 rendered (a cache: deleting it is harmless)

Nothing here is ever overwritten with other content: the name is the content's hash.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

SHA_RE = re.compile(r"^[0-9a-f]{64}$")
RENDER_SCALE = 1.5  # 108 dpi: legible figures, a page of ~200 KB
_render_lock = threading.Lock()  # pdfium is not thread-safe


class Sources:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha: str, suffix: str) -> Path:
        if not SHA_RE.match(sha):  # a hash is the only name used: nothing a user typed reaches the file system
            raise ValueError(f"not a SHA-256: {sha!r}")
        return self.root / sha[:2] / f"{sha}{suffix}"

    def _write(self, target: Path, data: bytes) -> None:
        """Atomically (a reader never sees half a file; two writers of the same content both succeed)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def put(self, sha: str, data: bytes, model: dict[str, Any] | None) -> None:
        src = self._path(sha, ".src")
        if not src.exists():
            self._write(src, data)
        if model is not None and not self._path(sha, ".json.gz").exists():
            blob = json.dumps(model, ensure_ascii=False).encode("utf-8")
            self._write(self._path(sha, ".json.gz"), gzip.compress(blob, compresslevel=5, mtime=0))

    def source(self, sha: str) -> bytes | None:
        p = self._path(sha, ".src")
        return p.read_bytes() if p.is_file() else None

    def model(self, sha: str) -> dict[str, Any] | None:
        p = self._path(sha, ".json.gz")
        if not p.is_file():
            return None
        data: dict[str, Any] = json.loads(gzip.decompress(p.read_bytes()))
        return data

    def find(self, sha: str, page: int, texts: list[str]) -> dict[str, float] | None:
        data = self.source(sha)
        if data is None or data[:5] != b"%PDF-":
            return None
        return find_on_page(data, page, texts)

    def page_png(self, sha: str, page: int) -> bytes | None:
        """Page `page` (1-based) of a stored PDF as PNG, rendered once and cached; None if there is no such page."""
        cached = self._path(sha, f".p{page}.png")
        if cached.is_file():
            return cached.read_bytes()
        data = self.source(sha)
        if data is None or data[:5] != b"%PDF-":
            return None
        png = _render(data, page)
        if png is not None:
            self._write(cached, png)
        return png


def find_on_page(data: bytes, page: int, texts: list[str]) -> dict[str, float] | None:
    """Where the first of `texts` found on page `page` is printed: its box as fractions of the page (top-left
    origin), for marking a finding's place on the rendered image; None when no text is found."""
    import pypdfium2 as pdfium

    with _render_lock:
        pdf = pdfium.PdfDocument(data)
        try:
            if not 1 <= page <= len(pdf):
                return None
            pg = pdf[page - 1]
            width, height = pg.get_size()
            tp = pg.get_textpage()
            for text in texts:
                text = text.strip()
                if not text:
                    continue
                found = tp.search(text, match_case=True, match_whole_word=False).get_next()
                if found:
                    first, count = found
                    boxes = [tp.get_charbox(i) for i in range(first, first + count)]
                    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
                    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
                    return {"left": left / width, "top": 1 - top / height, "right": right / width,
                            "bottom": 1 - bottom / height, "text": text}
            return None
        finally:
            pdf.close()


def _render(data: bytes, page: int) -> bytes | None:
    import io

    import pypdfium2 as pdfium

    with _render_lock:
        pdf = pdfium.PdfDocument(data)
        try:
            if not 1 <= page <= len(pdf):
                return None
            image = pdf[page - 1].render(scale=RENDER_SCALE).to_pil()
        finally:
            pdf.close()
    out = io.BytesIO()
    image.convert("L").save(out, format="PNG", optimize=True)
    return out.getvalue()


def text_lines(data: bytes, name: str) -> list[str]:
    """A text source's lines, numbered as the parser numbers them (line 1 is index 0)."""
    from yusuan.check.source import source_lines

    lines = source_lines(name, data)
    return [lines[i] for i in sorted(lines)]


def default_root(store_url: str) -> Path:
    """`<db file>.sources` beside a file database; `./yusuan-sources` for a server database."""
    for prefix in ("sqlite:///", "duckdb:///"):
        if store_url.startswith(prefix) and store_url != prefix:
            return Path(store_url[len(prefix):] + ".sources")
    return Path("yusuan-sources").resolve()
