"""第一部分 概况: functions, subordinate units, internal divisions, staffing."""

from __future__ import annotations

import re

from yusuan.ingest import Line
from yusuan.model import Disclosure, Source
from yusuan.parse.text import Joined

FUNC_ITEM = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]")
SECTION2 = re.compile(r"^二\s*、\s*机构设置")
_P = r"\s*(?:人|名)?"  # a count's measure word
_CHG = r"[，,]?\s*(?:比上年|较上年|同比)?\s*(?P<{d}>增加|减少|增|减)?\s*(?P<{n}>\d+)?" + _P
STAFF = re.compile(
    r"编制(?:人数|数)?\s*(?:为)?\s*(?P<authorized>\d+)" + _P + r"[，,、；;]?\s*(?:年末)?实有(?:人数|人员)?\s*(?:为)?\s*"
    r"(?P<actual>\d+)" + _P + r"[，,]?\s*(?:其中[：:]?)?\s*在职(?:人员)?\s*(?P<active>\d+)" + _P
    + _CHG.format(d="a_dir", n="active_change")
    + r"[；;，,]?\s*退休(?:人员)?\s*(?P<retired>\d+)" + _P + _CHG.format(d="r_dir", n="retired_change")
    + r"[；;，,]?\s*离休(?:人员)?\s*(?P<retired_early>\d+)" + _P + _CHG.format(d="e_dir", n="retired_early_change"))
DIVISIONS = re.compile(r"(?:下设|内设)\s*(\d+)\s*个[^，,。]*?[，,]\s*(?:分别)?(?:是|为|包括)?[：:]?\s*(?P<list>[^。]+)")
SUBORD = re.compile(r"(无下属(?:预算)?单位|下属(?:预算)?单位\s*(\d+)\s*个|(\d+)\s*个下属(?:预算)?单位)")


def parse_profile(d: Disclosure, lines: list[Line]) -> None:
    if not lines:
        return
    p = d.profile
    p.source = Source(line=lines[0].no, lines=(lines[0].no, lines[-1].no), page=lines[0].page)
    split = next((i for i, ln in enumerate(lines) if SECTION2.match(ln.stripped)), len(lines))
    p.functions = _functions(lines[:split])
    j = Joined(lines[split:])
    text = j.text
    m = SUBORD.search(text)
    if m:
        p.subordinate_units = 0 if m.group(1).startswith("无") else int(m.group(2) or m.group(3))
    m = DIVISIONS.search(text)
    if m:
        items = re.split(r"[、，,；;]", m.group("list"))
        items = [re.sub(r"(等(?:科室|处室|股室|部门|内设机构)?|[。.]|\s)", "", s) for s in items]
        items = [s for s in items if s]
        p.divisions = items[: int(m.group(1))] if len(items) >= int(m.group(1)) else items
    m = STAFF.search(text)
    if m:
        s = p.staffing
        for key in ("authorized", "actual", "active", "retired", "retired_early"):
            setattr(s, key, int(m.group(key)))
        for key, direction in (("active_change", "a_dir"), ("retired_change", "r_dir"),
                               ("retired_early_change", "e_dir")):
            if m.group(key) is not None:
                n = int(m.group(key))
                setattr(s, key, -n if m.group(direction) in ("减少", "减") else n)
        first, last = j.lines_of(m.start(), m.end())
        s.source = Source(line=first, lines=(first, last) if first != last and first and last else None,
                          page=j.line_at(m.start()).page)
    elif "编制" in text:
        d.warn("没有读出人员编制情况（编制数、实有人数、在职、退休、离休）", line=lines[split].no if split < len(lines) else None)


def _functions(lines: list[Line]) -> list[str]:
    j = Joined(lines[1:] if lines else [])
    text = re.sub(r"^.*?主要职能", "", j.text, count=1)
    marks = list(FUNC_ITEM.finditer(text))
    if not marks:
        body = text.strip()
        return [body] if body else []
    return [text[m.end():(marks[k + 1].start() if k + 1 < len(marks) else len(text))].strip()
            for k, m in enumerate(marks)]
