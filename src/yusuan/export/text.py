"""`yusuan parse --format text`: the model as a person reads it, tables as tables."""

from __future__ import annotations

import unicodedata

from yusuan.model import Disclosure, Table, num


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s: str, w: int, right: bool = False) -> str:
    gap = " " * max(0, w - width(s))
    return gap + s if right else s + gap


def fmt_amount(v: object) -> str:
    return f"{v:,.2f}" if v is not None else ""


Places = dict[int, tuple[int | None, int | None]]


def place(line: int | None, places: Places) -> str:
    """Where a line is, as a reviewer finds it: `页3:12` (page, line within the page) for a PDF, `页3:120` (page, line
    of the file) where a text marks pages, else the line number."""
    if line is None:
        return ""
    page, in_page = places.get(line, (None, None))
    if page is None:
        return str(line)
    return f"页{page}:{in_page if in_page is not None else line}"


def render_table(t: Table, places: Places | None = None) -> list[str]:
    out = [f"表{t.number or ''} {t.title or t.type}  [{t.type}]"]
    if t.empty:
        out.append(f"  （空表）{t.empty_statement or ''}")
        if not t.rows:
            return out
    keys = t.column_keys()
    head = ["页:行" if places else "行", "编码", "名称"] + [c.label for c in t.columns]
    body: list[list[str]] = []
    for r in t.rows:
        name = (r.name or "") + (f" / {r.project}" if r.project and r.project != r.name else "")
        label = r.item or ""  # an item row (income items, closing rows, 三公 items) by its item key
        cells = [place(r.source.line, places or {}), r.code or label or r.kind, name[:30]]
        cells += [fmt_amount(r.values.get(k)) for k in keys]
        if r.ambiguous:
            cells.append("未定列: " + "; ".join(f"{num(a.value)}∈{{{','.join(a.candidates)}}}" for a in r.ambiguous))
        body.append(cells)
    widths = [max(width(row[i]) if i < len(row) else 0 for row in [head, *body]) for i in range(len(head))]
    out.append("  " + "  ".join(pad(h, w) for h, w in zip(head, widths, strict=True)))
    for row in body:
        parts = [pad(c, widths[i], right=i >= 3) if i < len(widths) else c for i, c in enumerate(row)]
        out.append("  " + "  ".join(parts))
    return out


def _profile(d: Disclosure) -> list[str]:
    """概况: what the document states of it (a figure it does not state shows as —)."""
    p, s = d.profile, d.profile.staffing

    def n(v: int | None) -> str:
        return "—" if v is None else str(v)

    out = [f"概况：职能 {len(p.functions)} 项；下属单位 {n(p.subordinate_units)}；"
           f"内设机构 {len(p.divisions)} 个（{'、'.join(p.divisions)}）"]
    if p.units:
        out.append(f"单位构成：{len(p.units)} 个（" + "、".join(u.name + (f"：{u.remark}" if u.remark else "")
                                                      for u in p.units) + "）")
    change = f"（{s.active_change:+}）" if s.active_change is not None else ""
    out.append(f"人员：编制 {n(s.authorized)}，实有 {n(s.actual)}，在职 {n(s.active)}{change}")
    return out


def render_text(d: Disclosure) -> str:
    lines = [f"{d.department or '（未识别部门）'}  {d.year or ''}年{d.kind or ''}  单位：{d.unit or ''}  "
             f"发布：{d.published or '—'}  版式：{d.source.layout}", ""]
    lines += _profile(d)
    places = d.line_places
    for t in d.tables:
        lines.append("")
        lines.extend(render_table(t, places))
    lines.append("")
    lines.append(f"情况说明：{len(d.narrative.statements)} 个数字；项目说明 {len(d.narrative.projects)} 个")
    for st in d.narrative.statements:
        lines.append(f"  [{place(st.line, places)}] {st.section} {st.block} {st.subject} {st.metric}={num(st.value)}{st.unit or ''}")
    perf = d.performance
    lines.append("")
    lines.append(f"绩效目标表：整体 {'有' if perf.overall else '无'}；项目 {len(perf.projects)} 张")
    for p in ([perf.overall] if perf.overall else []) + perf.projects:
        lines.append(f"  [{place(p.source.line, places)}] {p.kind} {p.name} 预算 {num(p.budget_total)} 权重合计 {num(p.weight_total())}")
    if d.warnings:
        lines.append("")
        lines.append("警告：")
        lines.extend(f"  [{place(w.line, places)}] {w.message}" for w in d.warnings)
    return "\n".join(lines)
