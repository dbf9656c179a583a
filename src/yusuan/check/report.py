"""Findings for people (grouped by severity, Chinese) and for machines (JSON), and the rules as Markdown."""

from __future__ import annotations

from typing import Any

from yusuan.check.registry import CATEGORY_LABELS, RULES, SEVERITIES, SEVERITY_LABELS, Finding, Location, Rule

ROUNDING = "AR-ROUNDING"


def _place(loc: Location) -> str:
    where = []
    if loc.page is not None:  # page first: a reviewer turns to the page, then counts its lines
        where.append(f"第 {loc.page} 页")
    if loc.line is not None:
        where.append(f"第 {loc.line} 行")
    if isinstance(loc.table, int):
        where.append(f"表{loc.table}")
    elif loc.table:
        where.append(str(loc.table))
    head = "，".join(where) or "（无行号）"
    quote = f"：{loc.quote}" if loc.quote else ""
    return f"{head}{quote}"


def render_text(path: str, findings: list[Finding], max_locations: int = 6) -> str:
    """Findings grouped by severity, then by rule (first appearance): each rule named once by its id and Chinese
    title, its findings below it with every place involved."""
    if not findings:
        return f"{path}：未发现问题。"
    out = [f"{path}：{len(findings)} 项发现（" + "，".join(
        f"{SEVERITY_LABELS[s]} {sum(1 for f in findings if f.severity == s)}" for s in SEVERITIES) + "）"]
    real = [f for f in findings if f.rule != ROUNDING]
    sections = [(f"== {SEVERITY_LABELS[sev]}（{sev}）{n} 项 ==", group) for sev in SEVERITIES
                if (n := len(group := [f for f in real if f.severity == sev]))]
    rounding = [f for f in findings if f.rule == ROUNDING]
    if rounding:  # after the real problems: reported, but quietly
        sections.append((f"== 四舍五入尾差 {len(rounding)} 项（{'、'.join(sorted({SEVERITY_LABELS[f.severity] for f in rounding}))}）==",
                         rounding))
    for head, group in sections:
        out.append("")
        out.append(head)
        by_rule: dict[str, list[Finding]] = {}
        for f in group:
            by_rule.setdefault(f.rule, []).append(f)
        for rid, fs in by_rule.items():
            count = f"（{len(fs)} 项）" if len(fs) > 1 else ""
            out.append(f"[{rid}] {rule_title(rid)}{count}")
            for f in fs:
                out.append(f"  {f.message}")
                for loc in f.locations[:max_locations]:
                    out.append(f"      {_place(loc)}")
                if len(f.locations) > max_locations:
                    out.append(f"      …另有 {len(f.locations) - max_locations} 处")
    return "\n".join(out)


def rule_title(rule_id: str) -> str:
    """The Chinese title of a rule, for a reader (the id itself if no such rule is registered)."""
    r = RULES.get(rule_id)
    return r.title if r else rule_id


def to_json(path: str, findings: list[Finding]) -> dict[str, Any]:
    from yusuan.check import summary

    return {"path": path, "findings": [f.to_dict() for f in findings], "summary": summary(findings)}


def rule_list() -> str:
    """One line per rule: id, category, default severity and Chinese title."""
    width = max(len(r.id) for r in RULES.values())
    return "\n".join(f"{r.id:<{width}}  {r.category:<18} {r.severity:<7}  {r.title}" for r in RULES.values())


def rule_doc(r: Rule) -> str:
    """One rule for `yusuan rules ID`: id and Chinese title, category and severity, the Chinese note, then the
    documentation with its example."""
    head = [f"{r.id}  {r.title}",
            f"（{CATEGORY_LABELS[r.category]} / {r.category}，默认级别 {SEVERITY_LABELS[r.severity]} / {r.severity}）"]
    if r.note:
        head += ["", r.note]
    return "\n".join(head) + f"\n\n{r.doc}\n"


def rules_markdown() -> str:
    lines = ["# `yusuan check` 的检查规则", "",
             "由规则注册表生成（`yusuan rules --markdown`），请勿手工修改。", "",
             "每项发现包括：`rule`（规则编号）、`category`（类别）、`severity`（级别：error 错误、warning 警告、info 提示）、"
             "`message`（中文说明，含两边的数）、`expected`、`actual`、`difference`（actual − expected）和 `locations`"
             "（涉及的每一处：PDF 为文件的第几页及该页第几行，文本为文件行号，另有表、行、列和原文）。发现的级别就是下表所列"
             "规则的级别；只有依赖解析时未能确定列的数、或所在表格有未读出数字的发现降为提示，并在消息中注明"
             "（列未能确定、仅供参考）。几分钱的四舍五入尾差只报为 `AR-ROUNDING`，同一原因的几处合为一项。", "",
             "| 编号 | 规则名称 | 类别 | 级别 | 说明 |", "|---|---|---|---|---|"]
    for r in RULES.values():
        lines.append(f"| [{r.id}](#{r.id.lower()}) | {_cell(r.title)} | {r.category} | {r.severity} | "
                     f"{_cell(r.summary)} |")
    for r in RULES.values():
        lines += ["", f'<a id="{r.id.lower()}"></a>', "", f"## {r.id} {r.title}", "",
                  f"*{r.category} ({CATEGORY_LABELS[r.category]}), {r.severity} ({SEVERITY_LABELS[r.severity]})*", ""]
        if r.note:
            lines += [r.note, ""]
        lines.append(r.doc)
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "/")
