"""Compare a model with what `parse` reads back from its written form: the round-trip test of the writer (and,
through it, of every reader). Provenance, warnings and prose subjects are ignored; everything else is compared."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model import Disclosure, Indicator, Row, Staffing, Table
from yusuan.spec import BUDGET, template_of
from yusuan.write.document import Document, value_of
from yusuan.write.extras import extract


@dataclass
class Result:
    differences: list[str] = field(default_factory=list)
    cells: int = 0  # table cells compared
    ambiguous: int = 0  # cells read back as ambiguous with the right column among the candidates (space layout)
    figures: int = 0  # prose figures compared

    @property
    def ok(self) -> bool:
        return not self.differences


def norm(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "").replace("(", "（").replace(")", "）")


def compare(m: Disclosure, got: Disclosure, doc: Document | None = None, lossy: bool = False) -> Result:
    """`lossy`: the layout drops blank cells (space text), so a value may come back ambiguous between columns;
    that is counted, not reported, as long as its true column is among the candidates."""
    res = Result()
    out = res.differences
    for attr in ("department", "year", "kind", "published", "unit"):
        if getattr(m, attr) != getattr(got, attr):
            out.append(f"{attr}: {getattr(m, attr)!r} ≠ {getattr(got, attr)!r}")
    _profile(m, got, out)
    for t in m.tables:
        _table(t, got.table(t.type), res, lossy)
    _performance(m, got, out, lossy)
    if template_of(m).name == BUDGET.name and extract(m) != extract(got):  # the 预算's 政府采购/国有资产 sentences
        out.append(f"情况说明（政府采购/国有资产）: {extract(m)} ≠ {extract(got)}")
    if doc is not None:
        _figures(doc, got, res)
    _texts(m, got, out)
    return res


def section_texts(d: Disclosure) -> dict[tuple[str, str | None], str]:
    """Each kept section's paragraphs as one string without whitespace (wrapping differs between formats)."""
    return {(str(s["section"]), s.get("subsection")): norm("".join(s["paragraphs"]))
            for s in d.narrative.sections if s.get("section") and isinstance(s.get("paragraphs"), list)}


def _texts(m: Disclosure, got: Disclosure, out: list[str]) -> None:
    """The prose restated from the source must read back word for word (where the model kept it)."""
    want, have = section_texts(m), section_texts(got)
    for key, text in want.items():
        back = have.get(key)
        if back != text:
            at = next((i for i, (a, b) in enumerate(zip(text, back or "", strict=False)) if a != b),
                      min(len(text), len(back or "")))
            out.append(f"情况说明 {key[0]}{f'({key[1]})' if key[1] else ''} 原文: 第{at + 1}字起 写 {text[at:at + 20]!r} "
                       f"读回 {(back or '')[at:at + 20]!r}")


def _profile(m: Disclosure, got: Disclosure, out: list[str]) -> None:
    a, b = m.profile, got.profile
    if [norm(f) for f in a.functions] != [norm(f) for f in b.functions]:
        out.append(f"主要职能: {len(a.functions)} 项 ≠ {len(b.functions)} 项")
    if a.divisions != b.divisions:
        out.append(f"内设机构: {a.divisions} ≠ {b.divisions}")
    if a.units and [(norm(u.name), norm(u.remark)) for u in a.units] != [(norm(u.name), norm(u.remark))
                                                                         for u in b.units]:
        out.append(f"单位构成: {[u.name for u in a.units]} ≠ {[u.name for u in b.units]}")
    if (a.subordinate_units or 0) != (b.subordinate_units or 0):
        out.append(f"下属单位: {a.subordinate_units} ≠ {b.subordinate_units}")
    for f in Staffing.FIELDS:
        if getattr(a.staffing, f) != getattr(b.staffing, f):
            out.append(f"人员 {f}: {getattr(a.staffing, f)} ≠ {getattr(b.staffing, f)}")


def expected_values(r: Row) -> dict[str, Decimal]:
    keys = list(r.values) + [a.candidates[0] for a in r.ambiguous if a.candidates]
    return {k: v for k in keys if (v := value_of(r, k)) is not None}


def _printed(rows: list[Row]) -> list[Row]:
    """The rows that hold a figure: a template row printed without one (the 决算 prints every 类 of its overviews and
    every 款 of its basic-expenditure table) holds no cell, in the model as in what is read back."""
    return [r for r in rows if r.values or r.ambiguous]


def _ident(r: Row) -> tuple[str, str | None, str, str | None]:
    return (r.kind, r.code, norm(r.project), r.item)


def _pairs(mine: list[Row], back: list[Row]) -> list[tuple[Row, Row]]:
    """Rows in order; where the two orders differ (a 合计 printed last, two sides read line by line), each row is
    paired with the row of the same identity read back (the k-th with the k-th)."""
    if [_ident(r) for r in mine] == [_ident(r) for r in back]:
        return list(zip(mine, back, strict=True))
    pool: dict[tuple[str, str | None, str, str | None], list[Row]] = {}
    for r in back:
        pool.setdefault(_ident(r), []).append(r)
    out = []
    for i, a in enumerate(mine):
        same = pool.get(_ident(a))
        out.append((a, same.pop(0) if same else back[i] if i < len(back) else a))
    return out


def _table(t: Table, g: Table | None, res: Result, lossy: bool) -> None:
    out = res.differences
    where = f"表{t.number or ''}[{t.type}]"
    if g is None:
        out.append(f"{where}: 读回时缺失")
        return
    if t.empty != g.empty:
        out.append(f"{where}: empty {t.empty} ≠ {g.empty}")
    mine, back = _printed(t.rows), _printed(g.rows)
    if len(mine) != len(back):
        out.append(f"{where}: {len(mine)} 行 ≠ {len(back)} 行")
    for i, (a, b) in enumerate(_pairs(mine, back) if len(mine) == len(back) else zip(mine, back, strict=False)):
        label = f"{where} 第{i + 1}行 {a.code or a.item or a.kind} {a.name or ''}"
        ident_a = _ident(a)
        ident_b = _ident(b)
        if ident_a != ident_b:
            out.append(f"{label}: {ident_a} ≠ {ident_b}")
            continue
        # a row keyed by its item is named by the key (a label a province words differently keeps it)
        if a.kind not in ("income", "total", "item") and not a.item and norm(a.name) != norm(b.name):
            out.append(f"{label}: 名称 {a.name!r} ≠ {b.name!r}")
        _values(a, b, label, res, lossy)


def _values(a: Row, b: Row, label: str, res: Result, lossy: bool) -> None:
    want = expected_values(a)
    open_ = list(b.ambiguous)
    for k, v in want.items():
        res.cells += 1
        if b.values.get(k) == v:
            continue
        hit = next((x for x in open_ if x.value == v and k in x.candidates), None)
        if lossy and hit is not None:
            open_.remove(hit)
            res.ambiguous += 1
            continue
        res.differences.append(f"{label}: {k}={v} 读回为 {b.values.get(k)}"
                               + (f"（未定列 {[(x.value, x.candidates) for x in b.ambiguous]}）" if b.ambiguous else ""))
    extra = {k: v for k, v in b.values.items() if k not in want}
    if extra:
        res.differences.append(f"{label}: 多出 {extra}")
    if open_:
        res.differences.append(f"{label}: 未定列 {[(x.value, x.candidates) for x in open_]}")


def _performance(m: Disclosure, got: Disclosure, out: list[str], lossy: bool = False) -> None:
    a, b = m.performance, got.performance
    if (a.overall is None) != (b.overall is None):
        out.append(f"整体绩效目标表: {a.overall is not None} ≠ {b.overall is not None}")
    elif a.overall is not None and b.overall is not None:
        if a.overall.sources != b.overall.sources:
            out.append(f"整体绩效目标表资金: {a.overall.sources} ≠ {b.overall.sources}")
        if [i.weight for i in a.overall.indicators] != [i.weight for i in b.overall.indicators]:
            out.append("整体绩效目标表权重不同")
    if len(a.projects) != len(b.projects):
        out.append(f"项目绩效目标表: {len(a.projects)} 张 ≠ {len(b.projects)} 张")
    for p, q in zip(a.projects, b.projects, strict=False):
        if p.budget_total is None:
            continue  # the source's table could not be delimited when it was read: its name holds the whole table
        if (norm(p.name), p.budget_total, p.sources) != (norm(q.name), q.budget_total, q.sources):
            out.append(f"项目绩效目标表 {p.name}: {(p.budget_total, p.sources)} ≠ {(q.name, q.budget_total, q.sources)}")
        if [i.weight for i in p.indicators] != [i.weight for i in q.indicators]:
            out.append(f"项目绩效目标表 {p.name}: 权重 {[i.weight for i in p.indicators]} ≠ "
                       f"{[i.weight for i in q.indicators]}")
        _indicators(p.name or "", p.indicators, q.indicators, out, lossy)
    if a.overall is not None and b.overall is not None:
        _indicators("整体", a.overall.indicators, b.overall.indicators, out, lossy)


def _indicators(name: str, mine: list[Indicator], back: list[Indicator], out: list[str], lossy: bool) -> None:
    """Each indicator's 一级/二级/三级 names and 指标值 as written; the space layout may lose names (its grid is
    shredded by wrapping), every other layout must give them back."""
    for i, j in zip(mine, back, strict=False):
        for attr in ("level1", "level2", "level3", "value"):
            x, y = getattr(i, attr), getattr(j, attr)
            if x and (y or not lossy) and norm(x) != norm(y):
                out.append(f"绩效目标表 {name}: {attr} {x!r} ≠ {y!r}")


def _figures(doc: Document, got: Disclosure, res: Result) -> None:
    want: dict[str, list[tuple[str, Decimal]]] = {}
    for section, _block, f in doc.figures():
        want.setdefault(section, []).append((f.metric, f.value))
    have: dict[str, list[tuple[str, Decimal]]] = {}
    for s in got.narrative.statements:
        have.setdefault(s.section, []).append((s.metric, s.value))
    for section in sorted(set(want) | set(have)):
        w, h = want.get(section, []), have.get(section, [])
        res.figures += len(w)
        if w != h:
            bad = next((i for i, (x, y) in enumerate(zip(w, h, strict=False)) if x != y), min(len(w), len(h)))
            res.differences.append(f"情况说明 {section}: 第{bad + 1}个数字 写 {w[bad:bad + 2]} 读回 {h[bad:bad + 2]}"
                                   f"（共 {len(w)} / {len(h)} 个）")
