"""`yusuan check` output for a batch: text for people (with a statistics view and a summary line) and machine
formats that parse as one whole: json (one document), jsonl (one finding per line), csv (one row per finding and
place) and SARIF 2.1.0 (for code-review and CI tools)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from yusuan.check.registry import RULES, SEVERITIES, SEVERITY_LABELS, Finding, Location
from yusuan.check.report import ROUNDING, render_text, rule_title

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
CSV_FIELDS = ["path", "rule", "category", "severity", "title", "message", "expected", "actual", "difference",
              "page", "line", "table", "row", "column", "quote"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Checked:
    """One input that was read and checked."""

    path: str
    findings: list[Finding]
    is_pdf: bool = False  # its locations are (page, line within the page), not lines of the file


def totals(findings: list[Finding]) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {s: c.get(s, 0) for s in SEVERITIES} | {"rounding": sum(1 for f in findings if f.rule == ROUNDING),
                                                   "total": len(findings)}


def render(fmt: str, done: list[Checked], failed: list[tuple[str, str]], *, quiet: bool = False,
           statistics: bool = False) -> str:
    """The whole output of one `check` run in format `fmt` (ends in a newline unless empty)."""
    if statistics:
        return _statistics(fmt, done)
    if fmt == "json":
        return json.dumps(_json(done, failed), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps({"path": c.path, **f.to_dict()}, ensure_ascii=False) + "\n"
                       for c in done for f in c.findings)
    if fmt == "csv":
        return _csv(done)
    if fmt == "sarif":
        return json.dumps(sarif(done), ensure_ascii=False, indent=2) + "\n"
    return _text(done, failed, quiet)


def _text(done: list[Checked], failed: list[tuple[str, str]], quiet: bool) -> str:
    parts = [render_text(c.path, c.findings) for c in done if c.findings or not quiet]
    out = "\n\n".join(parts)
    if not quiet and len(done) + len(failed) > 1:
        out += ("\n\n" if out else "") + summary_line(done, failed)
    return out + "\n" if out else ""


def summary_line(done: list[Checked], failed: list[tuple[str, str]]) -> str:
    """The last line of a batch: files checked, findings by severity (rounding among them), files not read."""
    t = totals([f for c in done for f in c.findings])
    sev = "，".join(f"{SEVERITY_LABELS[s]} {t[s]}" for s in SEVERITIES)
    line = f"共检查 {len(done)} 个文件，{t['total']} 项发现（{sev}；其中四舍五入尾差 {t['rounding']}）"
    if failed:
        line += f"；{len(failed)} 个文件无法读取"
    return line + "。"


def _statistics(fmt: str, done: list[Checked]) -> str:
    """Findings per rule, most frequent first (`ruff --statistics`)."""
    count = Counter(f.rule for c in done for f in c.findings)
    sev = {f.rule: f.severity for c in done for f in c.findings}
    rows = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt in ("json", "sarif", "jsonl"):
        data = [{"rule": r, "count": n, "severity": sev[r], "title": rule_title(r)} for r, n in rows]
        if fmt == "jsonl":
            return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in data)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["rule", "count", "severity", "title"])
        w.writerows([r, n, sev[r], _cell(rule_title(r))] for r, n in rows)
        return buf.getvalue()
    width = max((len(str(n)) for n in count.values()), default=1)
    return "".join(f"{n:>{width}}  {r}  {SEVERITY_LABELS[sev[r]]}  {rule_title(r)}\n" for r, n in rows)


def _json(done: list[Checked], failed: list[tuple[str, str]]) -> dict[str, Any]:
    every = [f for c in done for f in c.findings]
    return {"documents": [{"path": c.path, "findings": [f.to_dict() for f in c.findings],
                           "summary": totals(c.findings)} for c in done],
            "failed": [{"path": p, "message": m} for p, m in failed],
            "summary": totals(every) | {"documents": len(done), "failed": len(failed)}}


def _cell(v: Any) -> str:
    """A CSV cell: text from a document cannot become a spreadsheet formula."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return str(v)
    s = str(v)
    if s.startswith(FORMULA_START) and not _is_number(s):
        return "'" + s
    return s


def _is_number(s: str) -> bool:
    try:
        Decimal(s.replace(",", ""))
    except ArithmeticError:
        return False
    return True


def _csv(done: list[Checked]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for c in done:
        for f in c.findings:
            head = [c.path, f.rule, f.category, f.severity, rule_title(f.rule), f.message, f.expected, f.actual,
                    f.difference]
            for loc in f.locations or [Location()]:
                w.writerow([_cell(x) for x in head + [loc.page, loc.line, loc.table, loc.row, loc.column, loc.quote]])
    return buf.getvalue()


def _tool_version() -> str:
    try:
        return version("yusuan")
    except PackageNotFoundError:
        return "0"


def sarif(done: list[Checked]) -> dict[str, Any]:
    """SARIF 2.1.0: one run, every registered rule in the driver, one result per finding. A text input's places
    are regions of the file (its lines); a PDF's are (page, line within the page), given in the location's
    message and properties, since SARIF regions count lines of a text file."""
    rules = list(RULES.values())
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for c in done:
        for f in c.findings:
            results.append({
                "ruleId": f.rule, "ruleIndex": index.get(f.rule, 0), "level": SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [_sarif_location(c, loc) for loc in f.locations] or [_sarif_location(c, Location())],
                "properties": {"category": f.category, "severity": f.severity,
                               **{k: str(v) for k, v in (("expected", f.expected), ("actual", f.actual),
                                                         ("difference", f.difference)) if v is not None}},
            })
    driver = {"name": "yusuan", "version": _tool_version(), "informationUri": "https://pypi.org/project/yusuan/",
              "rules": [{"id": r.id, "name": r.id, "shortDescription": {"text": r.title},
                         "fullDescription": {"text": (r.note + " " if r.note else "") + r.summary},
                         "help": {"text": r.doc},
                         "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
                         "properties": {"category": r.category}} for r in rules]}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": results,
                      "artifacts": [{"location": {"uri": _uri(c.path)}} for c in done]}]}


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace("\\", "/"))


def _sarif_location(c: Checked, loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(c.path)}}
    if loc.line is not None and not c.is_pdf:
        region: dict[str, Any] = {"startLine": loc.line}
        if loc.quote:
            region["snippet"] = {"text": loc.quote}
        physical["region"] = region
    out: dict[str, Any] = {"physicalLocation": physical}
    where = [f"第 {loc.page} 页" if loc.page is not None else "", f"第 {loc.line} 行" if loc.line is not None else "",
             f"表{loc.table}" if isinstance(loc.table, int) else str(loc.table or "")]
    text = "，".join(w for w in where if w) + (f"：{loc.quote}" if loc.quote else "")
    if text:
        out["message"] = {"text": text}
    props = {k: v for k, v in loc.to_dict().items() if v is not None and k != "quote"}
    if props:
        out["properties"] = props
    return out
