"""第一部分 概况: functions, subordinate units, internal divisions, staffing."""

from __future__ import annotations

import re

from yusuan.ingest import Line
from yusuan.model import Disclosure, ProfileUnit, Source
from yusuan.parse.text import CJK, Joined

FUNC_ITEM = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]")
SECTION2 = re.compile(r"^二\s*、\s*(?:机构设置|(?:部门|单位)?(?:决算|预算)?单位构成)")
# the 决算's 二、部门决算单位构成: a numbered list of units, each with a remark (`预算不单列，并入本级`)
UNITS_HEADING = re.compile(r"单位构成")
UNIT_ROW = re.compile(r"^(\d{1,3})\s+(\S.*)$")
REMARK_WORDS = ("，", ",", "并入", "单列", "独立核算", "不纳入", "纳入")
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
    if split < len(lines) and UNITS_HEADING.search(lines[split].stripped):
        p.units = _units(lines[split + 1:])
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
    elif re.search(r"编制(?!范围)", text):  # staffing words (not the 决算's `决算编制范围`) read as none
        d.warn("没有读出人员编制情况（编制数、实有人数、在职、退休、离休）", line=lines[split].no if split < len(lines) else None)


def _units(lines: list[Line]) -> list[ProfileUnit]:
    """The numbered units of 单位构成 (序号, 单位名称, 备注), from cells or from text; the template's placeholder
    rows (`4 。。。`) name nothing."""
    out: list[ProfileUnit] = []
    for ln in lines:
        if ln.cells is not None and len(ln.cells) >= 2 and ln.cells[0].strip().isdigit():
            name, remark = ln.cells[1], " ".join(c for c in ln.cells[2:] if c.strip())
        elif ln.cells is None and (m := UNIT_ROW.match(ln.stripped)):
            name, remark = _name_and_remark(m.group(2))
        else:
            continue
        name = re.sub(r"\s+", "", name)
        if CJK.search(name):
            out.append(ProfileUnit(name, _tidy(remark) or None, ln.no))
    return out


def _name_and_remark(text: str) -> tuple[str, str]:
    """`上海市普陀区财政局财政所 预算不单列 ，并入本级` → name, remark: a tab or a wide gap parts them where printed;
    else the remark starts at the first word that reads like one."""
    parts = re.split(r"\t|\s{2,}", text.strip(), maxsplit=1)
    if len(parts) == 2:
        return parts[0], parts[1]
    words = text.split()
    j = next((i for i, w in enumerate(words) if i > 0 and any(k in w for k in REMARK_WORDS)), len(words))
    return "".join(words[:j]), " ".join(words[j:])


def _tidy(s: str) -> str:
    """Spaces the PDF put around full-width punctuation dropped: `预算不单列 ，并入本级` → `预算不单列，并入本级`."""
    return re.sub(r"\s*([，。：；、（）])\s*", r"\1", s.strip())


def _functions(lines: list[Line]) -> list[str]:
    j = Joined(lines[1:] if lines else [])
    text = re.sub(r"^.*?主要职能", "", j.text, count=1)
    marks = list(FUNC_ITEM.finditer(text))
    if not marks:
        body = text.strip()
        return [body] if body else []
    return [text[m.end():(marks[k + 1].start() if k + 1 < len(marks) else len(text))].strip()
            for k, m in enumerate(marks)]
