"""Keep the explanatory text of 第三部分: each section's heading as printed and its paragraphs.

The figures of the prose are read by `parse.narrative`; what they leave out (the reasons `主要原因是…`, the
年度绩效目标, the items of 其他需说明的事项, the words around each figure) is kept here as text, with the place
of each section, so that `yusuan write` restates the document instead of inventing it. The sections are cut exactly
as `parse.narrative` cuts them (same functions), and the text is added to the entries it made.

Extracted text wraps at a fixed width: lines are joined into paragraphs, and a paragraph ends where a line ends a
sentence (`。`, `：`, `；`), where the next line starts a numbered item or a label (`1、`, `（二）`, `预算安排规模：`),
or where a line stops well short of the width the section's lines run to.
"""

from __future__ import annotations

import re

from yusuan.ingest import Line
from yusuan.model import Disclosure
from yusuan.parse.narrative import _heading_length, _prose_lines, _sections
from yusuan.spec import template_of

SENTENCE_END = re.compile(r"[。：:；;！？!?]$")
ITEM_START = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[、.．](?!\d)|[一二三四五六七八九十]+、|"
                        r"(?:设立的政策依据|政策依据|预算安排规模|项目承担单位|资金分配情况|资金执行时间|项目名称)[:：])")
SHORT = 0.7  # a line shorter than this share of the section's longest line ends its paragraph


def keep_texts(d: Disclosure, lines: list[Line]) -> None:
    """Add `heading` and `paragraphs` to each entry of `d.narrative.sections` (matched by its first line)."""
    by_line = {s.get("line"): s for s in d.narrative.sections}
    for _name, _sub, chunk in _sections(_prose_lines(lines), template_of(d).prose):
        entry = by_line.get(chunk[0].no if chunk else None)
        if entry is None:
            continue
        heading, body = split_heading(chunk)
        kept = paragraphs(body)
        entry["heading"] = heading
        entry["paragraphs"] = [text for text, _no in kept]
        entry["paragraph_lines"] = [no for _text, no in kept]


def split_heading(chunk: list[Line]) -> tuple[str, list[Line]]:
    """The heading (joined where it wraps onto a second line) and the lines after it."""
    lines = [ln for ln in chunk if ln.stripped]
    n = _heading_length(lines)
    if not n:
        return "", lines
    taken, k = 0, 0
    while k < len(lines) and taken < n:
        taken += len(lines[k].stripped)
        k += 1
    return "".join(ln.stripped for ln in lines[:k]), lines[k:]


def paragraphs(lines: list[Line]) -> list[tuple[str, int]]:
    """(paragraph, the line it starts on)."""
    kept = [ln for ln in lines if ln.stripped]
    if not kept:
        return []
    width = max(len(ln.stripped) for ln in kept)
    out: list[tuple[str, int]] = []
    current, start = "", 0
    for i, ln in enumerate(kept):
        t = ln.stripped
        if current and ITEM_START.match(t):
            out.append((current, start))
            current = ""
        if not current:
            start = ln.no
        current += t
        last = i + 1 == len(kept)
        short = width >= 30 and len(t) < width * SHORT
        if last or SENTENCE_END.search(t) or short:
            out.append((current, start))
            current = ""
    return [(p, no) for p, no in out if p]
