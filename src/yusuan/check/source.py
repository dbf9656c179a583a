"""The source lines of an input, for quoting each location exactly as printed."""

from __future__ import annotations

from pathlib import Path

from yusuan.ingest import IngestError


def source_lines(path: str, data: bytes | None = None) -> dict[int, str]:
    """Line number → text, numbered as the parser numbers them (text inputs only; PDF and Excel inputs get
    quotes rebuilt from the model instead of a second extraction)."""
    from yusuan.ingest.text import decode, normalize

    try:
        raw = data if data is not None else Path(path).read_bytes()
    except OSError:
        return {}
    if raw[:5] == b"%PDF-" or raw[:4] == b"PK\x03\x04":
        return {}
    try:
        text = normalize(decode(raw, path))
    except IngestError:
        return {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return {i: ln for i, ln in enumerate(lines, start=1)}
