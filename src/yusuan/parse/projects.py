"""Section 七's project statements: each project's 预算安排规模 and the amounts of its 资金分配情况.

`（三）项目名称：…` opens a project; its fields follow as `<field>：…` (设立的政策依据, 预算安排规模, 项目承担单位,
资金分配情况, 资金执行时间, …), wrapped over lines anywhere, mid-number too. 资金分配情况 is free prose: a list
(`档案数字化扫描17万元、…`), one sentence (`全部用于办公费 5.00 万元`), or words without amounts (`根据项目的绩效目标…`);
every `X 万元` in it is kept with the words before it, so a checker can decide whether the list adds up.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.ingest import Line
from yusuan.model import Disclosure, ProjectAmount, ProjectStatement
from yusuan.parse.text import flat

HEAD = re.compile(r"[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*项\s*目\s*名\s*称\s*[:：]")
FIELD = re.compile(r"\n\s*(?:设立的政策依据|政策依据|预算安排规模|项目承担单位|资金分配情况|资金执行时间|发放程序|"
                   r"项目实施|实施期限|绩效目标|[\u4e00-\u9fff]{2,8}[:：])")
NAME_END = re.compile(r"设立的政策依据|政策依据|预算安排规模|项目承担单位|资金分配情况")
SIZE = re.compile(r"预\s*算\s*安\s*排\s*规\s*模\s*[:：]?\s*(\d[\d,\s]*(?:\.\s*\d+)?)\s*万\s*元")
ALLOCATION = re.compile(r"资\s*金\s*分\s*配\s*情\s*况\s*[:：]")
WAN = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*万\s*元")
# a section heading after 七 (八、…) or a new part ends the last project
SECTION_END = re.compile(r"\n\s*(?:[八九十]+、|第[一二三四]部分)")


class _Text:
    """The section's lines joined by newlines, with the line number of every character."""

    def __init__(self, lines: list[Line]) -> None:
        parts: list[str] = []
        self.nos: list[int] = []
        for ln in lines:
            t = ln.stripped + "\n"
            parts.append(t)
            self.nos.extend([ln.no] * len(t))
        self.text = "".join(parts)

    def line(self, offset: int) -> int | None:
        return self.nos[offset] if 0 <= offset < len(self.nos) else None


def parse_projects(d: Disclosure, lines: list[Line]) -> None:
    t = _Text(lines)
    heads = list(HEAD.finditer(t.text))
    for k, h in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(t.text)
        stop = SECTION_END.search(t.text, h.end(), end)
        body_end = stop.start() if stop else end
        st = _project(t, h.end(), body_end)
        if st is not None:
            st.line = t.line(h.start())
            d.narrative.project_statements.append(st)


def _project(t: _Text, start: int, end: int) -> ProjectStatement | None:
    body = t.text[start:end]
    m = NAME_END.search(body)
    name = flat(body[:m.start()] if m else body.split("\n", 1)[0])
    if not name:
        return None
    st = ProjectStatement(project=name)
    size = SIZE.search(body)
    if size:
        st.size = Decimal(re.sub(r"[,\s]", "", size.group(1)))
        st.size_line = t.line(start + size.start(1))
    alloc = ALLOCATION.search(body)
    if alloc:
        a_start = alloc.end()
        nxt = FIELD.search(body, a_start)
        a_end = nxt.start() if nxt else len(body)
        st.allocation_line = t.line(start + alloc.start())
        st.allocations = _amounts(t, start + a_start, start + a_end)
    return st


def _amounts(t: _Text, start: int, end: int) -> list[ProjectAmount]:
    """Every `X 万元` of the allocation text (wrapped lines joined first), with the words since the previous
    amount or list separator as its label."""
    chars = [(ch, i) for i, ch in enumerate(t.text[start:end], start) if ch != "\n"]
    text = "".join(ch for ch, _ in chars)
    out: list[ProjectAmount] = []
    prev = 0
    for m in WAN.finditer(text):
        value = Decimal(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        before = text[prev:m.start()]
        label = re.split(r"[、，,；;。：:]", before)[-1].strip()
        out.append(ProjectAmount(label=flat(label), amount=value, line=t.line(chars[m.start()][1])))
        prev = m.end()
    return out
