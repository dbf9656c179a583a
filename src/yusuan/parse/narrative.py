"""第三部分 情况说明: every figure of the prose, as statements with subject, metric, section and line.

The prose wraps mid-word and mid-number, so each section is joined into one string first. Figures are found by a
small set of patterns (narrative specs below); each figure gets the subject of its clause: the words before the
first figure of the clause, or, for `占…%` and `比上年…增加…` that follow an amount, the subject of that amount.

What the family states beyond amounts, shares and changes is its `ProseSpec`'s: the 决算's `年初预算为X万元`
(budget), `全年预算数为…` (full_year_budget), `完成年初预算的Y%` (execution_rate, with its base), `持平` (a change
of 0), `单价100万元以上` (threshold); scores (`得分99.43分`) and counts in the blocks that state them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import cast

from yusuan.ingest import Line
from yusuan.model import Disclosure, Metric, Statement
from yusuan.parse.text import Joined, flat
from yusuan.spec import ProseSpec, template_of

SECTION = re.compile(r"^(十[一二]?|[一二三四五六七八九])\s*、")
SUBSECTION = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[)）]")
# a part heading inside the 情况说明 (`第四部分 其他重要事项的情况说明`, FINAL.md): the part is the section after the
# last one, its numbered sections that section's subsections (the template prints them as 十一 (一) (二) (三))
PART_HEADING = re.compile(r"^第[一二三四五六七八九]部分")
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三")
PERF_TABLE = re.compile(r"绩效目标(?:申报)?表\s*$")
LONE_NUMBER = re.compile(r"^\s*-?\s*\d{1,3}\s*-?\s*$")

NUM = r"((?<![\d,.])-?\d[\d,]*(?:\.\d+)?)"  # not from inside a number: a long digit run stays linear
# one regex for every kind of figure; the named group tells which
FIGURE_PATTERN = (
    r"(?P<chg>(?:增加|减少|增长|下降|减|增))\s*" + NUM.replace("(", "(?P<chgv>", 1) + r"\s*(?P<chgu>万元|亿元|元|%|％)"
    # an execution rate: `完成年初预算的98.20%`, `完成全年预算数的…`, `预算执行率为…` (the words tell its base)
    # (`完成全年预算5.3万元的38.1%` states the budget too)
    r"|(?P<rate>完成[^0-9，。；%]{0,12}?预算[^0-9，。；%]{0,4}?|(?:预算)?执行率[为是达到]{0,2})\s*"
    r"(?:" + NUM.replace("(", "(?P<rateamt>", 1) + r"\s*(?P<rateamtu>万元|亿元|元)的?\s*)?"
    + NUM.replace("(", "(?P<ratev>", 1) + r"\s*[%％]"
    r"|占[^0-9，。；%]{0,16}?" + NUM.replace("(", "(?P<share>", 1) + r"\s*[%％]"
    r"|(?:得分|评分)[为是:：]?\s*" + NUM.replace("(", "(?P<score>", 1) + r"\s*分"
    r"|" + NUM.replace("(", "(?P<amt>", 1) + r"\s*(?P<amtu>万元|亿元|元)(?![/／])"
    r"|" + NUM.replace("(", "(?P<cnt>", 1) + r"\s*(?P<cntu>平方米|辆|台|个|套|家|项|人次|批次|人|次)"
)
FIGURE = re.compile(FIGURE_PATTERN + r"|(?P<level>(?!))")


@lru_cache(maxsize=16)
def _figure_re(level_words: tuple[str, ...]) -> re.Pattern[str]:
    """FIGURE, and the family's words that state no change (`持平`) as figures of their own."""
    if not level_words:
        return FIGURE
    # a statement ends its clause (`…总计持平。`, `与2023年度持平；`); `（如持平作持平表述）`, a template's note, does not
    words = "|".join(map(re.escape, level_words))
    return re.compile(FIGURE_PATTERN + r"|(?P<level>(?:" + words + r")(?=\s*(?:[，,。；;：:！!？?]|$)))")


# a 持平 that compares with the budget (`决算数与预算数基本持平`) is no change from the year before
LEVEL_WITH_BUDGET = re.compile(r"预算")
# the comparison that leads a 持平 clause (`…决算数与2023年度持平`): not part of its subject
LEVEL_LEAD = re.compile(r"(?:与|比|较|同)(?:上年|\d{4}年度?)?(?:相比)?$")
# stray forms of the punctuation a PDF extraction may give (∶ ratio, vertical and small forms) break clauses too
CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?∶︰﹕︓﹐︐﹔﹖﹗]")
# a clause that goes on with the figure before it (`占…`, `比上年…`); `其中：一般公共预算…` names a new subject
# (`_subject` trims the 其中), and a lone `其中` keeps the subject because it leaves no words
CONTINUATION = re.compile(r"^(?:占|比上年|较上年|与上年|同比|增长|下降|增加|减少|主要|共计|持平|(?:比|较)\d{4}年)")
# which block a heading names, which sections split, what a share is of: the template's (`Template.prose`)
# a 类/款/项 name may hold a bracketed word of its own (`政府办公厅（室）及相关机构事务`, `维修（护）费`)
_HEAD_NAME = r"(?:[^（()）：:。；，]|[（(](?![类款项][)）])[^（()）]{1,8}[)）])*?"
ITEM_HEAD = re.compile(rf"({_HEAD_NAME})[（(]类[)）]({_HEAD_NAME})[（(]款[)）]({_HEAD_NAME})[（(]项[)）]")
CLASS_HEAD = re.compile(r"(?:^|[、.．\d])([^、（(：:。；，\d]+?)[（(]类[)）]")
PROJECT_HEAD = re.compile(r"项目名称[:：]\s*(.+?)(?=设立的政策依据|政策依据|预算安排规模|$)")
PROJECT_SIZE = re.compile(r"预算安排规模[:：]?\s*" + NUM + r"\s*万元")
SUBJECT_TRIM = re.compile(
    r"^(?:其中|包括|分别为|主要包括|具体为|合计)[:：∶︰﹕]?|(?:预算数为|数为|为|共|合计|总额|金额|规模|涉及预算金额)$")
HEADING_END = re.compile(r"^.{0,80}?(?:说明|情况)(?=[^，。；]{0,3}(?:$|[^\u4e00-\u9fff]|[\u4e00-\u9fff]))")


def parse_narrative(d: Disclosure, lines: list[Line]) -> None:
    lines = _prose_lines(lines)
    prose = template_of(d).prose
    for name, sub, chunk in _sections(lines, prose):
        block = _block(name, sub, chunk, prose)
        j = Joined(chunk)
        d.narrative.sections.append({"section": name, "subsection": sub, "block": block,
                                     "line": chunk[0].no if chunk else None})
        heads = _projects(d, j, name) if block == "projects" else []
        _figures(d, j, name + (f"({sub})" if sub else ""), block, _heading_length(chunk), heads)
    _resolve_codes(d)


# a space a PDF extraction leaves before closing full-width punctuation or after an opening one (`主要原因 ：`,
# `万元 ，占`): the prose's patterns (`项目名称：`, `预算安排规模：`) read the text without it
STRAY_SPACE = re.compile(r"\s+(?=[，。；：！？、）》”])|(?<=[（《“])\s+")


def _tidy(ln: Line) -> Line:
    text = STRAY_SPACE.sub("", ln.text)
    return ln if text == ln.text else Line(ln.no, text, ln.page, ln.cells, ln.page_line)


def _prose_lines(lines: list[Line]) -> list[Line]:
    """Drop the performance tables (parsed on their own) and stray page numbers from the prose."""
    out: list[Line] = []
    in_table = False
    lines = [_tidy(ln) for ln in lines]
    for ln in lines:
        s = ln.stripped
        if PERF_TABLE.search(s) and len(s) < 30:
            in_table = True
            continue
        if in_table:
            if SUBSECTION.match(s) or SECTION.match(s):
                in_table = False
            else:
                continue
        if LONE_NUMBER.match(s) and not _wrapped_figure(out, s, lines, ln):
            continue
        out.append(ln)
    return out


FIGURE_TAIL = re.compile(r"^(?:[\d.,]|万元|亿元|元|%|％|(?:平方米|辆|台|个|套|家|项|人|次)(?![\u4e00-\u9fff]))")


def _wrapped_figure(kept: list[Line], s: str, lines: list[Line], ln: Line) -> bool:
    """A line holding only digits is a page number, unless it is the piece of a figure the prose wrapped: the text
    before it ends mid-number, or the text after it goes on with the figure's unit (`…运行费 0.9` / `3` / `万元，…`).
    A page mark with dashes (`- 6 -`) is always one."""
    if "-" in s:
        return False
    prev = next((x.stripped for x in reversed(kept) if x.stripped), "")
    i = next((k for k, x in enumerate(lines) if x is ln), -1)
    after = next((x.stripped for x in lines[i + 1:] if x.stripped), "") if i >= 0 else ""
    if not prev or not FIGURE_TAIL.match(after):
        return False
    return prev[-1] in "0123456789.," or not after[0].isdigit()  # `…。` / `6` / `2025年…` is a page number


def _sections(lines: list[Line], prose: ProseSpec) -> list[tuple[str, str | None, list[Line]]]:
    """(section numeral, subsection numeral or None, lines) in order. Subsections are cut out where the section
    is one whose parts are told apart (一般公共预算当年拨款, 其他重要事项)."""
    out: list[tuple[str, str | None, list[Line]]] = []
    name, sub = "", None
    split_subs = in_part = False
    chunk: list[Line] = []
    for i, ln in enumerate(lines):
        s = ln.stripped
        # the 情况说明's own heading (第三部分) comes before any section: only a later part heading counts
        part = bool(name) and PART_HEADING.match(s) is not None and len(s) < 40
        m = SECTION.match(s)
        m2 = SUBSECTION.match(s) if split_subs or in_part else None
        if in_part and m:  # a section of the part: a subsection of the part's section
            m, m2 = None, m
        if part or m or m2:
            if chunk:
                out.append((name, sub, chunk))
            chunk = []
            if part:
                name, sub, in_part = _next_numeral(name), None, True
            elif m:
                name, sub = m.group(1), None
                split_subs = _section_block(_heading_text(lines[i:i + 2]), name, prose) in prose.split_under
            elif m2:
                sub = m2.group(1)
        chunk.append(ln)
    if chunk:
        out.append((name, sub, chunk))
    return out


def _next_numeral(name: str) -> str:
    """The numeral after `name` (一 where there is none yet)."""
    at = NUMERALS.index(name) + 1 if name in NUMERALS else 0
    return NUMERALS[min(at, len(NUMERALS) - 1)]


def _section_block(head: str, numeral: str, prose: ProseSpec) -> str:
    """The block a section heading names, by its words (numbering differs between templates), else its numeral."""
    flat_head = flat(head)
    for words, block in prose.section_words:
        if all(w in flat_head for w in words):
            return block
    return prose.section_blocks.get(numeral, "other")


def _heading_text(chunk: list[Line]) -> str:
    """The heading of a chunk, however many lines it wraps onto (see `_heading_length`)."""
    lines = [ln.stripped for ln in chunk if ln.stripped][:HEADING_LINES]
    text = "".join(lines)
    n = _heading_end(text)
    return text[:n] if n else (lines[0] if lines else "")


def _block(name: str, sub: str | None, chunk: list[Line], prose: ProseSpec) -> str:
    head = _heading_text(chunk)
    split_numeral, split_block = prose.split_section
    if sub is None:
        block = _section_block(head, name, prose)
        return prose.split_default if block == split_block else block
    for words, block in prose.sub_words:
        if all(w in flat(head) for w in words):
            return block
    if name == split_numeral or _section_block(head, name, prose) == split_block:
        return prose.split_blocks.get(sub, prose.split_default)
    return "other"


HEADING_LINES = 6  # a heading laid out in a narrow column may wrap onto this many lines
# a heading ends with 说明 or 情况 (`…收入预算情况说明`, `…规模变化情况`), before any clause or figure of the body
HEADING_CLOSE = re.compile(r"(?:情况)?说明|情况")


def _heading_end(text: str) -> int:
    """Length of the heading at the start of `text` (lines joined), 0 when it does not start with a numbered heading
    closed by 说明/情况 before the body's first clause break or figure."""
    if not (SECTION.match(text) or SUBSECTION.match(text)):
        return 0
    limit = min([m.start() for m in (CLAUSE_BREAK.search(text), FIGURE.search(text)) if m] + [len(text), 80])
    ends = [m.end() for m in HEADING_CLOSE.finditer(text, 0, limit)]
    return ends[0] if ends else 0


def _heading_length(chunk: list[Line]) -> int:
    """Characters of the joined chunk taken by its heading, whatever the line breaks: up to the first 说明/情况
    that closes it, else its first line (a heading without those words, such as `（一）机关运行经费`)."""
    lines = [ln.stripped for ln in chunk if ln.stripped]
    if not lines or not (SECTION.match(lines[0]) or SUBSECTION.match(lines[0])):
        return 0
    return _heading_end("".join(lines[:HEADING_LINES])) or len(lines[0])


def _figures(d: Disclosure, j: Joined, section: str, block: str, heading: int = 0,
             heads: list[tuple[int, str]] | None = None) -> None:
    text = j.text
    reader = _Reader(d, template_of(d).prose, section, block)
    clause_start = heading
    last_break = heading
    head_code = None
    prev_end = heading  # where the figure before ended
    for m in _figure_re(reader.prose.level_words).finditer(text, heading):
        # the clause this figure sits in
        breaks = [b.end() for b in CLAUSE_BREAK.finditer(text, last_break, m.start())]
        if breaks:
            clause_start = breaks[-1]
            last_break = clause_start
        head = _relative_lead(text[prev_end:clause_start]) + text[clause_start:m.start()]
        prev_end = m.end()
        if block in reader.prose.item_blocks:
            head_code = _item_head(text, m.start(), heading)
        elif heads:
            head_code = next((nm for pos, nm in reversed(heads) if pos <= m.start()), None)
        at = _At(j.line_at(m.start()), text[max(0, m.start() - 30):m.end() + 2], head_code)
        if reader.read(m, head, text[m.end():m.end() + 12], at):
            clause_start = m.end()


@dataclass
class _At:
    """Where a figure is: its line, the words around it, the 项 or project it is under."""

    line: Line | None
    quote: str
    head_code: str | None


@dataclass
class _Reader:
    """One section's figures read in order, with the subject the clauses carry from figure to figure."""

    d: Disclosure
    prose: ProseSpec
    section: str
    block: str
    subject: str = ""

    def read(self, m: re.Match[str], head: str, after: str, at: _At) -> bool:
        """Add the statements of figure m (`head`: its clause before it); whether its clause ends with it."""
        if m.group("amt") is not None or m.group("cnt") is not None:
            return self._amount(m, head, after, at)
        if m.group("share") is not None:
            self._add("share", m.group("share"), "%", at)
            return False
        if m.group("ratev") is not None:
            self._rate(m, at)
            return True
        if m.group("score") is not None:
            self._add("score", m.group("score"), "分", at)
            return False
        if m.group("level") is not None:
            return self._level(head, at)
        return self._change(m, head, at)

    def _add(self, metric: Metric, raw: str, unit: str, at: _At, negative: bool = False, base: str | None = None,
             subject: str | None = None) -> None:
        _add(self.d, self.section, self.block, self.subject if subject is None else subject, metric, raw, unit,
             at.line, at.quote, at.head_code, negative, base)

    def _amount(self, m: re.Match[str], head: str, after: str, at: _At) -> bool:
        metric: Metric
        if m.group("amt") is not None:
            raw, unit = m.group("amt"), m.group("amtu")
            metric, head = _amount_metric(head, after, self.prose)
        else:
            raw, metric, unit = m.group("cnt"), "count", m.group("cntu")
            if unit == "平方米":
                metric = "area"
            elif self.block not in self.prose.count_blocks:
                return False  # "调入 1人" in a reason: not a figure of the budget
        new_subject = _subject(head, self.d.department or "")
        if new_subject and not CONTINUATION.match(flat(head)):
            self.subject = new_subject
        elif not self.subject:
            self.subject = new_subject or self.block
        self._add(metric, raw, unit, at)
        return metric != "threshold"  # `单价100万元以上设备2台`: the count's subject holds its threshold

    def _rate(self, m: re.Match[str], at: _At) -> None:
        if not self.prose.rate_default:
            return  # a family that states no execution rates (the 预算)
        base = _rate_base(m.group("rate"), self.prose)
        if m.group("rateamt") is not None:  # `完成全年预算5.3万元的38.1%`
            budget = cast(Metric, self.prose.rate_budgets.get(base, "budget"))
            self._add(budget, m.group("rateamt"), m.group("rateamtu"), at)
        self._add("execution_rate", m.group("ratev"), "%", at, base=base)

    def _level(self, head: str, at: _At) -> bool:
        if LEVEL_WITH_BUDGET.search(head):
            return False  # 决算数与预算数基本持平: no statement about the year before
        own = _subject(_amount_metric(LEVEL_LEAD.sub("", flat(head)), "", self.prose)[1], self.d.department or "")
        if own and not CONTINUATION.match(flat(head)):
            self.subject = own
        self._add("change", "0", template_of(self.d).unit, at, subject=self.subject or self.block)
        return True

    def _change(self, m: re.Match[str], head: str, at: _At) -> bool:
        unit = "%" if m.group("chgu") in ("%", "％") else m.group("chgu")
        own = _subject(head.replace("比上年预算", "").replace("比上年", ""), self.d.department or "")
        if own and not CONTINUATION.match(flat(head)) and own not in self.subject:
            self.subject = own
        self._add("growth" if unit == "%" else "change", m.group("chgv"), unit, at,
                  negative=m.group("chg") in ("减少", "下降", "减"))
        return True


RELATIVE_END = re.compile(r"的\s*[，,]\s*$")
SENTENCE_BREAK = re.compile(r"[。；;]")


def _relative_lead(before: str) -> str:
    """The clauses that qualify the next one's figure, within its sentence and after the figure before: in
    `在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额4.79万元` the clause ending in 的 says whose
    采购金额 it is (alone, `采购金额` names every such figure alike)."""
    if not RELATIVE_END.search(before):
        return ""
    cut = [b.end() for b in SENTENCE_BREAK.finditer(before)]
    return before[cut[-1] if cut else 0:].lstrip("，,、 ")


def _amount_metric(head: str, after: str, prose: ProseSpec) -> tuple[Metric, str]:
    """What an amount states (the family's words before or after it: `年初预算为` → budget, `…以上` →
    threshold; else amount) and its clause without the words that said so (they are no part of the subject)."""
    for pattern, metric in prose.after_words:
        if re.match(pattern, after):
            return cast(Metric, metric), head
    text = flat(head)
    for pattern, metric in prose.amount_words:
        found = re.search(pattern, text)
        if found:
            return cast(Metric, metric), text[:found.start()]
    return "amount", head


def _rate_base(words: str, prose: ProseSpec) -> str:
    """What an execution rate is of: the base its words name (`完成全年预算数的` → 全年预算), else the family's."""
    for names, base in prose.rate_bases:
        if all(w in words for w in names):
            return base
    return prose.rate_default


# a template's note left before a sentence (`（如持平作持平表述）2024年度…`): no part of the subject
NOTE_LEAD = re.compile(r"^[（(]如[^）)]*[)）]")


def _subject(head: str, department: str = "") -> str:
    s = flat(head)
    if department:
        s = s.replace(flat(department), "")
    s = re.sub(r"\d{4}年(?:度)?[，,]?", "", s)
    s = re.sub(r"^(?:的|年)", "", s)
    s = NOTE_LEAD.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = SUBJECT_TRIM.sub("", s)
    s = re.sub(r"^[\d一二三四五六七八九十]*[、.．]", "", s)  # list numbering, or the 、 of an enumeration
    return s


def _item_head(text: str, pos: int, floor: int = 0) -> str | None:
    """`社会保障和就业支出（类）行政事业单位养老支出（款）…（项）` before pos → "类名/款名/项名"."""
    start = max(text.rfind("（类）", 0, pos), text.rfind("(类)", 0, pos))
    if start < 0:
        return None
    seg_start = max(floor, start - 40)
    m = None
    for m2 in ITEM_HEAD.finditer(text, seg_start, pos):
        m = m2
    if not m:
        return None
    names = [flat(g) for g in m.groups()]
    names[0] = re.sub(r"^.*[、.．\d]", "", names[0])
    return "/".join(names)


def _add(d: Disclosure, section: str, block: str, subject: str, metric: Metric, raw: str, unit: str, ln: Line | None,
         quote: str, head: str | None, negative: bool = False, base: str | None = None) -> None:
    try:
        value = Decimal(raw.replace(",", ""))
    except ArithmeticError:
        return
    if negative:
        value = -value
    d.narrative.statements.append(Statement(
        section=section, block=block, subject=head or subject, metric=metric, value=value, unit=unit,
        base=base or _base(block, metric, template_of(d).prose), line=ln.no if ln else None, page=ln.page if ln else None, quote=quote))


def _base(block: str, metric: str, prose: ProseSpec) -> str | None:
    """What a share is a share of, or what a change compares with."""
    if metric == "share":
        return prose.share_base.get(block, prose.share_default)
    if metric in ("change", "growth"):
        return prose.change_base or None
    return None


def _projects(d: Disclosure, j: Joined, section: str) -> list[tuple[int, str]]:
    """Section 七: one entry per project (name, 预算安排规模); returns (offset, name) of each project heading."""
    text = j.text
    out: list[tuple[int, str]] = []
    heads = list(re.finditer(r"[（(][一二三四五六七八九十]+[)）]\s*项目名称[:：]", text))
    for k, h in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        body = text[h.start():end]
        nm = PROJECT_HEAD.search(body)
        size = PROJECT_SIZE.search(body)
        ln = j.line_at(h.start())
        entry = {"name": flat(nm.group(1)) if nm else None,
                 "amount": float(Decimal(size.group(1).replace(",", ""))) if size else None,
                 "line": ln.no if ln else None}
        if size:
            sl = j.line_at(h.start() + size.start())
            entry["amount_line"] = sl.no if sl else None
        d.narrative.projects.append(entry)
        if entry["name"]:
            out.append((h.start(), str(entry["name"])))
    return out


def _resolve_codes(d: Disclosure) -> None:
    """Give prose statements about a 类 or 项 the code of the table row with that name."""
    by_name: dict[str, str] = {}
    paths: dict[str, str] = {}
    prose = template_of(d).prose
    for key in prose.code_tables:
        t = d.table(key)
        if t is None:
            continue
        names = {r.code: flat(r.name or "") for r in t.rows if r.code}
        for code, name in names.items():
            if len(code) == 3:
                by_name.setdefault(name, code)
            if len(code) == 7:
                path = "/".join(names.get(code[:n], "") for n in (3, 5)) + "/" + name
                paths.setdefault(path, code)
                by_name.setdefault(path.split("/", 1)[0] + "/" + name, code)
    for st in d.narrative.statements:
        if st.code:
            continue
        subj = st.subject.replace("（类）", "").replace("(类)", "")
        if st.block in prose.item_blocks:
            st.code = paths.get(subj) or by_name.get(subj.split("/")[0] + "/" + subj.split("/")[-1])
        elif st.block in ("class_structure", "fiscal"):
            st.code = by_name.get(subj)
