"""The prose figures of 第三部分 grouped into clauses: `<subject> X万元，占Y%，比上年预算增加Z万元，增长W%`.

Each `Figure` is one subject's amount with the share, change and growth stated after it. A later statement of an
amount with the same subject in the same block is a figure quoted inside a reason (`主要原因是…4000万元列入…`), not
a new claim about the table, and is marked `echo` so the table rules leave it alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.model import Disclosure, Statement

# list numbering left at the front of a subject: `-2、`, `1、`, `（二）`, `三）`, `十、` (never the 一 of 一般)
LEAD = re.compile(r"^(?:-|\d+[、.．]|[（(]?[一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)+")
NOISE = re.compile(r"^.*?(?:情况说明|总体说明|变化情况|结构情况|使用情况|情况)(?=[^情况]*$)")


@dataclass
class Figure:
    block: str
    section: str
    subject: str
    amount: Statement | None = None
    share: Statement | None = None
    change: Statement | None = None
    growth: Statement | None = None
    first: bool = False  # the first amount of its section (the section's total)
    echo: bool = False

    @property
    def line(self) -> int | None:
        for s in (self.amount, self.share, self.change, self.growth):
            if s is not None:
                return s.line
        return None

    def statements(self) -> list[Statement]:
        return [s for s in (self.amount, self.share, self.change, self.growth) if s is not None]


@dataclass
class Figures:
    items: list[Figure] = field(default_factory=list)

    def block(self, name: str) -> list[Figure]:
        return [f for f in self.items if f.block == name]

    def section_total(self, block: str) -> Figure | None:
        return next((f for f in self.items if f.block == block and f.first and f.amount is not None), None)


def core(subject: str) -> str:
    """The subject without the heading words glued before it by line joining (`…情况说明…2025年支出预算`)."""
    s = NOISE.sub("", subject) or subject
    return LEAD.sub("", s)


def group(d: Disclosure) -> Figures:
    out = Figures()
    seen_section: set[str] = set()
    amount_subjects: dict[str, set[str]] = {}
    cur: Figure | None = None
    for st in d.narrative.statements:
        block = st.block or "other"
        if st.metric == "amount":
            cur = Figure(block, st.section, st.subject, amount=st)
            cur.first = st.section not in seen_section
            seen_section.add(st.section)
            subjects = amount_subjects.setdefault(st.section, set())
            cur.echo = st.subject in subjects and not cur.first
            subjects.add(st.subject)
            out.items.append(cur)
            continue
        if st.metric not in ("share", "change", "growth"):
            continue
        slot = st.metric
        if cur is None or cur.block != block or cur.section != st.section or getattr(cur, slot) is not None or \
                cur.subject != st.subject:
            cur = Figure(block, st.section, st.subject)
            out.items.append(cur)
        setattr(cur, slot, st)
    return out
