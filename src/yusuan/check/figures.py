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


# words naming a part of a section's total: a section whose first amount names one of them has lost its total
# sentence (e.g. to a page break in a PDF), and that part must not be taken for the total
PART_WORDS = {
    "income": ("一般公共预算", "政府性基金", "国有资本", "上级", "财政专户", "结转", "单位资金", "事业收入", "经营收入",
               "其他收入", "附属单位"),
    "expenditure": ("基本支出", "项目支出"), "general_split": ("基本支出", "项目支出"),
    "basic_split": ("人员经费", "公用经费"), "fiscal": ("一般公共预算", "政府性基金", "国有资本"),
}
INCLUDED = re.compile(r"^\s*[（(]\s*(?:含|其中)")  # a part of the figure before it, in brackets
TOTAL_WORDS = ("总预算", "收入预算", "支出预算", "合计", "总额", "当年拨款")


def names_part(block: str, subject: str) -> bool:
    """The subject names a part of its section's total (基本支出 of 三), not the total itself."""
    s = core(subject)
    return any(w in s for w in PART_WORDS.get(block, ())) and not any(w in s for w in TOTAL_WORDS)


def group(d: Disclosure) -> Figures:
    out = Figures()
    seen_section: set[str] = set()
    amount_subjects: dict[str, set[str]] = {}
    cur: Figure | None = None
    for st in d.narrative.statements:
        block = st.block or "other"
        if st.metric == "amount":
            cur = Figure(block, st.section, st.subject, amount=st)
            cur.first = st.section not in seen_section and not names_part(block, st.subject)
            seen_section.add(st.section)
            subjects = amount_subjects.setdefault(st.section, set())
            # a figure said again (in a reason), or a part in brackets (`（含外宾接待支出0.00万元）`): no claim
            cur.echo = (st.subject in subjects and not cur.first) or bool(INCLUDED.match(st.subject))
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
