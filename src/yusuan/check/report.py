"""Findings for people (grouped by severity, Chinese) and for machines (JSON), and the rules as Markdown."""

from __future__ import annotations

from typing import Any

from yusuan.check.registry import CATEGORY_LABELS, RULES, SEVERITIES, SEVERITY_LABELS, Finding, Location, Rule


def _place(loc: Location) -> str:
    where = []
    if loc.line is not None:
        where.append(f"第 {loc.line} 行")
    if loc.page is not None:
        where.append(f"第 {loc.page} 页")
    if isinstance(loc.table, int):
        where.append(f"表{loc.table}")
    elif loc.table:
        where.append(str(loc.table))
    head = "，".join(where) or "（无行号）"
    quote = f"：{loc.quote}" if loc.quote else ""
    return f"{head}{quote}"


def render_text(path: str, findings: list[Finding], max_locations: int = 6) -> str:
    if not findings:
        return f"{path}：未发现问题。"
    out = [f"{path}：{len(findings)} 项发现（" + "，".join(
        f"{SEVERITY_LABELS[s]} {sum(1 for f in findings if f.severity == s)}" for s in SEVERITIES) + "）"]
    for sev in SEVERITIES:
        group = [f for f in findings if f.severity == sev]
        if not group:
            continue
        out.append("")
        out.append(f"== {SEVERITY_LABELS[sev]}（{sev}）{len(group)} 项 ==")
        for f in group:
            out.append(f"[{f.rule}] {f.message}")
            for loc in f.locations[:max_locations]:
                out.append(f"    {_place(loc)}")
            if len(f.locations) > max_locations:
                out.append(f"    …另有 {len(f.locations) - max_locations} 处")
    return "\n".join(out)


def to_json(path: str, findings: list[Finding]) -> dict[str, Any]:
    from yusuan.check import summary

    return {"path": path, "findings": [f.to_dict() for f in findings], "summary": summary(findings)}


def rule_list() -> str:
    width = max(len(r.id) for r in RULES.values())
    return "\n".join(f"{r.id:<{width}}  {r.category:<18} {r.severity:<7}  {r.summary}" for r in RULES.values())


def rule_doc(r: Rule) -> str:
    return (f"{r.id}  （{CATEGORY_LABELS[r.category]} / {r.category}，默认级别 {r.severity}）\n\n{r.doc}\n")


def rules_markdown() -> str:
    lines = ["# Rules of `yusuan check`", "",
             "Generated from the rule registry by `yusuan rules --markdown`; do not edit by hand.", "",
             "Each finding: `rule`, `category`, `severity` (error|warning|info), `message` (Chinese, both figures), "
             "`expected`, `actual`, `difference` (actual − expected) and `locations` (every place involved, with its "
             "source line). A finding that depends on a cell whose column the parser could not decide is lowered to "
             "info and its message says so (列未能确定). Cent gaps within rounding are reported only as "
             "`AR-ROUNDING`.", "",
             "| id | category | severity | description |", "|---|---|---|---|"]
    for r in RULES.values():
        lines.append(f"| [{r.id}](#{r.id.lower()}) | {r.category} | {r.severity} | {r.summary.replace('|', '/')} |")
    for r in RULES.values():
        lines += ["", f"## {r.id}", "", f"*{r.category} ({CATEGORY_LABELS[r.category]}), {r.severity}*", "", r.doc]
    return "\n".join(lines) + "\n"
