"""绩效目标表: the overall (部门/单位整体) table and one table per project: funds, indicators, weights.

With cells (tab, xlsx) indicators are read row by row under the header. In the space layout the indicator grid
is shredded by wrapping; funds are still read exactly, and weights are taken from the places a weight can stand
(a lone whole number, the number before a scoring rule, the last number after 计划标准), which is what the weight
check needs; indicator names are then left empty rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.ingest import Line
from yusuan.model import Disclosure, Indicator, PerformanceTable, Source
from yusuan.parse.text import Joined, flat

TABLE_HEAD = re.compile(r"(整体|项目支出|项目)绩效目标(?:申报)?表\s*$")
SUBSECTION = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[)）]|^第[一二三四]部分|^[一二三四五六七八九十]+、")
AMOUNT = r"(-?\d[\d,]*\.\d{2})"
WEIGHT_BEFORE_RULE = re.compile(r"(?:^|\s)(\d{1,3})\s+(?:按照|按|直接赋分|满意度赋分|扣分|根据)")
WEIGHT_AFTER_STANDARD = re.compile(r"(?:计划标准|历史标准|行业标准|预算支出标准|其他标准)(?:\s+\S+)?\s+(\d{1,3})$")
LONE_INT = re.compile(r"^(\d{1,3})$")
# the previous-year value column printed as 无/—, then the weight
WEIGHT_AFTER_NONE = re.compile(r"^(?:无|—+|-+|/|／)\s+(\d{1,3})$")


def kw(word: str) -> str:
    """A label as a regex that lets the print wrap it anywhere (`项目负` / `责人`)."""
    return r"\s*".join(re.escape(ch) for ch in word)


def parse_performance(d: Disclosure, lines: list[Line]) -> None:
    for kind, zone in _zones(lines):
        t = PerformanceTable(kind=kind, source=Source(line=zone[0].no, lines=(zone[0].no, zone[-1].no),
                                                      page=zone[0].page))
        j = Joined(zone, sep=" ")
        text = j.text
        if kind == "overall":
            m = re.search(r"(?:部门|单位)\s*名\s*称(?:\s*[（(]\s*盖\s*章\s*[)）])?\s*(\S+)", text)
            t.name = m.group(1) if m else None
            for label, key in (("上级安排", "superior"), ("本级安排", "own"), ("其他", "other")):
                m = re.search(kw(label) + r"\s*" + AMOUNT, text)
                if m:
                    t.sources[key] = Decimal(m.group(1).replace(",", ""))
            total = sum(t.sources.values(), Decimal(0))
            t.budget_total = total if t.sources else None
        else:
            ends = "|".join(kw(w) for w in ("项目负责人", "主管部门", "实施单位", "项目资金"))
            m = re.search(kw("项目名称") + r"\s*(.+?)\s*(?:" + ends + "|$)", text)
            t.name = flat(m.group(1)) if m else None
            m = re.search(kw("年度预算总额") + r"\s*" + AMOUNT, text)
            t.budget_total = Decimal(m.group(1).replace(",", "")) if m else None
            m = re.search(kw("财政拨款") + r"\s*" + AMOUNT, text)
            if m:
                t.sources["fiscal"] = Decimal(m.group(1).replace(",", ""))
            m = re.search(kw("其他资金") + r"\s*" + AMOUNT, text)
            if m:
                t.sources["other"] = Decimal(m.group(1).replace(",", ""))
        t.indicators = _indicators(zone)
        if kind == "overall":
            d.performance.overall = t
        else:
            d.performance.projects.append(t)


def _zones(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    zones: list[tuple[str, list[Line]]] = []
    current: list[Line] | None = None
    for ln in lines:
        s = ln.stripped
        m = TABLE_HEAD.search(s) if len(s) < 30 else None
        if m:
            current = []
            zones.append(("overall" if m.group(1) == "整体" else "project", current))
            continue
        if current is not None and SUBSECTION.match(s) and not s.startswith(("（20", "(20")):
            current = None
            continue
        if current is not None and s:
            current.append(ln)
    return [(k, z) for k, z in zones if z]


def _indicators(zone: list[Line]) -> list[Indicator]:
    head = next((i for i, ln in enumerate(zone) if "一级" in ln.stripped and ("指标" in ln.stripped or
                                                                              (ln.cells is None))), None)
    if head is None:
        return []
    if zone[head].cells is not None:
        return _indicators_cells(zone, head)
    out: list[Indicator] = []
    for ln in zone[head + 1:]:
        s = ln.stripped
        m = LONE_INT.match(s) or WEIGHT_BEFORE_RULE.search(s) or WEIGHT_AFTER_STANDARD.search(s) or \
            WEIGHT_AFTER_NONE.match(s)
        if m and int(m.group(1)) <= 100:
            out.append(Indicator(weight=Decimal(m.group(1)), line=ln.no))
    return out


def _indicators_cells(zone: list[Line], head: int) -> list[Indicator]:
    header = zone[head].cells or []
    idx = {name: next((i for i, c in enumerate(header) if name in c), None)
           for name in ("一级", "二级", "三级", "指标值", "权重")}
    if idx["权重"] is None:
        idx["权重"] = next((i for i, c in enumerate(header) if "分值" in c), None)
    out: list[Indicator] = []
    level1 = level2 = None
    for ln in zone[head + 1:]:
        cells = ln.cells or []
        if 0 < len(cells) < len(header):
            # an export that dropped the leading blank cells (一级/二级 carried down): align from the right
            cells = [""] * (len(header) - len(cells)) + cells

        def cell(name: str, cells: list[str] = cells) -> str | None:
            i = idx[name]
            return cells[i].strip() if i is not None and i < len(cells) and cells[i].strip() else None

        level1 = cell("一级") or level1
        level2 = cell("二级") or level2
        w = cell("权重")
        weight = Decimal(w) if w and re.fullmatch(r"\d+(?:\.\d+)?", w) else None
        if cell("三级") is None and weight is None:
            continue
        out.append(Indicator(level1=level1, level2=level2, level3=cell("三级"), value=cell("指标值"), weight=weight,
                             line=ln.no))
    return out
