"""绩效目标表: the overall (部门/单位整体) table and one table per project: name, funds, goals, indicators.

With cells (tab, xlsx) indicators are read row by row under the header. In the space layout (and a PDF whose grid
has no columns) the indicator grid is shredded by wrapping: it is cut at the weights, and each cut split into the
一级/二级 words, the 三级指标 and its 指标值 (see `_indicators_text`). The overall table's funds are its printed
资金总额, else the sum of its sources (上级安排, 本级安排, 其他).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from yusuan.ingest import Line
from yusuan.model import Disclosure, Indicator, PerformanceKind, PerformanceTable, Source
from yusuan.parse.text import Joined, flat

TABLE_HEAD = re.compile(r"(整体|项目支出|项目)绩效目标(?:申报)?表\s*$")
SUBSECTION = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[)）]|^第[一二三四]部分|^[一二三四五六七八九十]+、")
AMOUNT = r"(-?\d[\d,]*\.\d{2})"


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
            t.sources = _overall_sources(text)
            _overall_total(t, text)
            t.goals = _goals(text, "年度绩效目标", ("资金来源", "年度预算", "财政资金", "一级指标"))
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
            t.goals = _goals(text, "项目总体目标", ("一级指标", "一级", "年度绩效指标", "绩效指标"))
        t.indicators = _indicators(zone)
        if kind == "overall":
            d.performance.overall = t
        else:
            d.performance.projects.append(t)


SOURCE_LABELS = (("上级安排", "superior"), ("本级安排", "own"), ("其他", "other"))


def _overall_sources(text: str) -> dict[str, Decimal]:
    """上级安排 / 本级安排 / 其他 of the overall table, each with the figure printed after it, or (a grid read row by
    row) the labels in a run followed by their figures in the same order."""
    labels = "|".join(kw(label) for label, _ in SOURCE_LABELS)
    run = re.search(r"((?:(?:" + labels + r")\s*){2,3})((?:" + AMOUNT + r"\s*){2,3})", text)
    if run:
        names = re.findall(labels, run.group(1))
        figures = re.findall(AMOUNT, run.group(2))
        if len(names) == len(figures):
            keys = {re.sub(r"\s+", "", label): key for label, key in SOURCE_LABELS}
            return {keys[re.sub(r"\s+", "", n)]: Decimal(f.replace(",", "")) for n, f in zip(names, figures, strict=True)}
    out: dict[str, Decimal] = {}
    for label, key in SOURCE_LABELS:
        m = re.search(kw(label) + r"\s*" + AMOUNT, text)
        if m:
            out[key] = Decimal(m.group(1).replace(",", ""))
    return out


def _overall_total(t: PerformanceTable, text: str) -> None:
    """The overall table's funds: 资金总额 where a figure is printed for it, else the sum of its sources (a table
    may print only the parts). A "total" that is one of the parts while the parts add up to more is that part read
    twice (a grid whose first figure stood under 资金总额), not a total."""
    parts = sum(t.sources.values(), Decimal(0))
    m = re.search(kw("资金总额") + r"\s*(?:[（(]\s*万\s*元\s*[)）])?\s*" + AMOUNT, text)
    printed = Decimal(m.group(1).replace(",", "")) if m else None
    misread = printed is not None and printed != parts and printed in t.sources.values()
    if printed is not None and not misread:
        t.budget_total, t.total_printed = printed, True
    else:
        t.budget_total, t.total_printed = (parts if t.sources else None), False


def _goals(text: str, label: str, ends: tuple[str, ...]) -> str | None:
    """The goals' text: from after its label to the next part of the table."""
    m = re.search(kw(label), text)
    if not m:
        return None
    end = min((e.start() for e in (re.search(kw(w), text[m.end():]) for w in ends) if e), default=len(text) - m.end())
    goals = re.sub(r"\s+(?=[\u4e00-\u9fff，。；、：（）])|(?<=[\u4e00-\u9fff，。；、：（）])\s+", "",
                   text[m.end():m.end() + end]).strip()
    return goals or None


def _zones(lines: list[Line]) -> list[tuple[PerformanceKind, list[Line]]]:
    zones: list[tuple[PerformanceKind, list[Line]]] = []
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
    return _indicators_text(zone, head)


# ---- the grid printed as text (space layout, a PDF without columns) -------------------------------------------
# The rows of the indicator grid come out one cell piece after the other: 一级/二级 words (merged cells, printed
# once per group, often wrapped `产出|指标`), the 三级指标 (wrapped at the column's width), the 指标值, the 设定依据,
# the previous year's value, the weight, then (project tables) the scoring rule and the evidence. The weight is
# the one piece whose place is recognisable on every row, so the grid is cut at the weights; in each cut the
# template's words are peeled off the front and the indicator and its value split where the value starts: at a
# comparison sign, else where the 三级指标 stops filling its column.

HEADER_CHARS = set("一二三级指标值设置定依据上年完成分权重赋规则佐证资料计划说明")
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标", "履职效能", "管理效率", "运行成本", "社会效应")
LEVEL2 = ("数量指标", "质量指标", "时效指标", "经济成本指标", "社会成本指标", "生态环境成本指标", "社会效益指标",
          "经济效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "满意度指标", "成本指标")
LEVEL_RE = re.compile("|".join(sorted({*LEVEL1, *LEVEL2}, key=len, reverse=True)))
LEVELS_AT_START = re.compile(r"^(?:" + LEVEL_RE.pattern + r")+")
# a scoring rule (`按照正常比例赋分`, `直接赋分`, `满意度赋分`) and the evidence (`工作资料,原始凭证`) after a weight
RULE_AT_START = re.compile(r"^(?:按|直接|满意度|根据|扣|完成)[^，。；]{0,16}?(?:赋分|计分|得分|扣分)")
EVIDENCE = r"[\u4e00-\u9fff]{0,4}(?:资料|材料|凭证|报表|记录|台账|报告|文件|证明|清单|照片|截图)"
EVIDENCE_AT_START = re.compile(r"^" + EVIDENCE + r"(?:[,，、;；]" + EVIDENCE + r")*")
BASIS = re.compile(r"计划标准|行业标准|历史标准|预算支出标准|其他标准|预算标准|国家标准|地方标准")
COMPARATOR = tuple("＞＜≥≤><＝=≧≦")
RULE_START = re.compile(r"^(?:按照|按|直接赋分|满意度赋分|扣分|根据)")
NONE_MARK = re.compile(r"^(?:无|—+|-+|/|／)$")


@dataclass
class _Piece:
    text: str
    line: Line
    new_line: bool  # first piece of its line


def _indicators_text(zone: list[Line], head: int) -> list[Indicator]:
    body = zone[head + 1:]
    header = zone[head].stripped
    while body and set(flat(body[0].stripped)) <= HEADER_CHARS:
        header += body[0].stripped
        body = body[1:]  # the rest of a header wrapped over several lines
    evidence = "佐证" in flat(header)  # the table has an evidence column (佐证资料) after the scoring rule
    pieces: list[_Piece] = []
    weights: list[int] = []
    for ln in body:
        tokens = ln.stripped.split()
        w = _weight_token(tokens)
        for k, tok in enumerate(tokens):
            if k == w:
                weights.append(len(pieces))
            pieces.append(_Piece(tok, ln, k == 0))
    cuts: list[list[_Piece]] = []
    start = 0
    for w in weights:
        cuts.append(pieces[start:w])
        start = w + 1
    column = _level3_width(cuts, evidence)
    out: list[Indicator] = []
    level1 = level2 = None
    for k, (cut, w) in enumerate(zip(cuts, weights, strict=True)):
        cut, levels = _peel(cut, after_weight=k > 0, evidence=evidence)
        level1, level2 = _levels(levels, level1, level2)
        name, value = _name_value(cut, column)
        out.append(Indicator(level1=level1, level2=level2, level3=name, value=value,
                             weight=Decimal(pieces[w].text), line=(cut[0].line.no if cut else pieces[w].line.no)))
    for attr in ("level1", "level2"):  # a merged cell is printed once, anywhere in its rows: it covers those above
        first = next((getattr(i, attr) for i in out if getattr(i, attr)), None)
        for ind in out:
            if getattr(ind, attr) is not None:
                break
            setattr(ind, attr, first)
    return out


def _levels(words: list[str], level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
    """一级/二级 after the words printed before an indicator: two words are both levels; one word is the level
    it names (`满意度指标` is both when printed alone: its 二级 repeats it)."""
    if len(words) >= 2:
        return words[0], words[-1]
    if not words:
        return level1, level2
    word = words[0]
    if word in LEVEL1 and word in LEVEL2:
        return word, word
    return (word, level2) if word in LEVEL1 else (level1, word)


def _weight_token(tokens: list[str]) -> int | None:
    """Which token of a line is an indicator's weight: a lone whole number, the number before a scoring rule,
    the number after the 设定依据 (and the previous year's value), the number after 无."""
    def weight(t: str) -> bool:
        return bool(re.fullmatch(r"\d{1,3}", t)) and int(t) <= 100

    if len(tokens) == 1:
        return 0 if weight(tokens[0]) else None
    for k in range(len(tokens) - 1):
        if weight(tokens[k]) and RULE_START.match(tokens[k + 1]):
            return k
    last = len(tokens) - 1
    if weight(tokens[last]) and (BASIS.fullmatch(tokens[last - 1]) or (last >= 2 and BASIS.fullmatch(tokens[last - 2]))):
        return last
    if len(tokens) == 2 and NONE_MARK.match(tokens[0]) and weight(tokens[1]):
        return 1
    return None


def _peel(cut: list[_Piece], after_weight: bool, evidence: bool = True) -> tuple[list[_Piece], list[str]]:
    """The cut without what precedes the 三级指标: the previous row's scoring rule and evidence, and the 一级/二级
    words (returned). A piece holding the end of one of them and the start of the indicator is split."""
    text = "".join(p.text for p in cut)
    pos = 0
    if after_weight:
        m = RULE_AT_START.match(text)
        if m:
            pos = m.end()
            m = EVIDENCE_AT_START.match(text[pos:]) if evidence else None
            pos += m.end() if m else 0
    m = LEVELS_AT_START.match(text[pos:])
    levels = LEVEL_RE.findall(m.group(0)) if m else []
    pos += m.end() if m else 0
    if levels and (pos == len(text) or text[pos:].startswith(COMPARATOR)):
        pos -= len(levels.pop())  # nothing left for the 三级指标: the last word was the indicator's own name
    out: list[_Piece] = []
    seen = 0
    for p in cut:
        end = seen + len(p.text)
        if end > pos:
            out.append(p if seen >= pos else _Piece(p.text[pos - seen:], p.line, False))
        seen = end
    return out, levels


def _level3_width(cuts: list[list[_Piece]], evidence: bool) -> float:
    """How wide the 三级指标 column prints (in CJK characters): the widest first piece of an indicator that wrapped
    onto a second line before a comparison sign."""
    widths = []
    for cut in cuts:
        cut, _ = _peel(cut, after_weight=True, evidence=evidence)
        if len(cut) >= 3 and cut[1].new_line and not cut[0].text.startswith(COMPARATOR) and \
                any(p.text.startswith(COMPARATOR) for p in cut[2:]):
            widths.append(_width(cut[0].text))
    return max(widths) if widths else 0.0


def _width(s: str) -> float:
    """Printed width in CJK characters; punctuation ending a line may hang past the column's edge."""
    s = s.rstrip("、，。；：）)")
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "（）" else 1.0 for ch in s)


def _name_value(cut: list[_Piece], column: float) -> tuple[str | None, str | None]:
    if not cut:
        return None, None
    start = next((k for k in range(1, len(cut)) if cut[k].text.startswith(COMPARATOR)), None)
    if start is None:
        # a value in words (有效减轻, 2025年9月): the 三级指标 goes on while its lines fill the column (a line of
        # digits is the value's start: `2025` / `年 12` / `月`)
        start = 1
        while start < len(cut) and cut[start].new_line and column and _width(cut[start - 1].text) >= column \
                and _width(cut[start].text) <= column and not cut[start].text.isdigit():
            start += 1
    name = "".join(p.text for p in cut[:start])
    rest = cut[start:]
    text = "".join(p.text for p in rest)
    basis = next((m for m in BASIS.finditer(text) if _at_piece_start(rest, m.start())), None)
    if basis is not None:
        value = text[:basis.start()]
    else:
        # no 设定依据 the template names: the value is the rest of its line (and the lines a bare sign wraps to)
        end = 1
        while end < len(rest) and (not rest[end].new_line or not re.search(r"[\d\u4e00-\u9fff]", text_of(rest[:end]))):
            end += 1
        value = text_of(rest[:end])
    return (name or None), (value or None)


def text_of(pieces: list[_Piece]) -> str:
    return "".join(p.text for p in pieces)


def _at_piece_start(pieces: list[_Piece], offset: int) -> bool:
    pos = 0
    for p in pieces:
        if pos == offset:
            return True
        pos += len(p.text)
        if pos > offset:
            return False
    return False


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
