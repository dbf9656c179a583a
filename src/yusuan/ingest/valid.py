"""Text from any reader made valid Unicode before parsing: a damaged PDF's text layer can yield lone surrogates
(`\\udd65`), which no output can encode; they are replaced by U+FFFD and reported with their place."""

from __future__ import annotations

import re

from yusuan.ingest import SourceDoc

_INVALID = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def valid_text(text: str) -> str:
    return _INVALID.sub(REPLACEMENT, text)


def make_valid(doc: SourceDoc) -> SourceDoc:
    """Replace invalid characters in every line (and the path, which may hold undecodable file-name bytes)."""
    doc.path = valid_text(doc.path)
    places: list[str] = []
    count = 0
    for ln in doc.lines:
        found = len(_INVALID.findall(ln.text)) + sum(len(_INVALID.findall(c)) for c in ln.cells or ())
        if not found:
            continue
        count += found
        ln.text = valid_text(ln.text)
        ln.stripped = ln.text.strip()
        if ln.cells is not None:
            ln.cells = [valid_text(c) for c in ln.cells]
        places.append(f"第 {ln.page} 页第 {ln.no} 行" if ln.page else f"第 {ln.no} 行")
    if places:
        shown = "、".join(places[:5]) + (f" 等 {len(places)} 行" if len(places) > 5 else "")
        doc.notes.append(f"{shown}含 {count} 个无效字符（孤立的代理码位，文字层可能已损坏），已替换为 {REPLACEMENT}")
    return doc
