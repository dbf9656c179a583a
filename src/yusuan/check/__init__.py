"""Check a disclosure: every identity of the template, the prose against the tables, performance tables, profile,
completeness and classification codes. `check(d)` returns findings; `RULES` is the registry (see `yusuan rules`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from yusuan.check import rules as _rules  # noqa: F401  (registers every rule)
from yusuan.check.context import Context
from yusuan.check.registry import RANK, RULES, SEVERITIES, Finding, Hit, Location, Rule, rule
from yusuan.model import Disclosure
from yusuan.spec import TableSpec, template_of

__all__ = ["RANK", "RULES", "SEVERITIES", "Finding", "Hit", "Location", "Rule", "check", "merge_causes", "rule",
           "summary"]


def check(d: Disclosure, lines: dict[int, str] | None = None, only: list[str] | None = None,
          strict: bool = False) -> list[Finding]:
    """All findings for one parsed document, most severe first, then in document order.

    `lines` (line number → source text) gives each location its quote; without it the model's own line texts are
    used, else quotes are rebuilt from the model. A rule that raises becomes an `IN-RULE-FAILED` finding
    (`strict=True` re-raises instead)."""
    from yusuan.check.registry import run_rules

    ctx = Context(d, lines)
    found = merge_causes(_dedupe(run_rules(ctx, only, strict)), _table_groups(d))
    # rounding is listed after the real problems: it is reported, but quietly
    found = sorted(found, key=lambda f: (f.rule == ROUNDING, -RANK[f.severity], min(f.lines(), default=10**9),
                                         f.rule))
    return place_locations(found, d.line_places)


def place_locations(findings: list[Finding], places: dict[int, tuple[int | None, int | None]]) -> list[Finding]:
    """Every location as a reviewer finds it: with its page wherever the input has pages, and for a PDF the line
    counted within that page (the model numbers a PDF's lines over the whole file). Done last, once per location
    (merged findings share location objects)."""
    done: set[int] = set()
    for f in findings:
        for loc in f.locations:
            if id(loc) in done or loc.line is None or loc.line not in places:
                continue
            done.add(id(loc))
            page, line = places[loc.line]
            loc.page = page if page is not None else loc.page
            if line is not None:
                loc.line = line
    return findings


def _dedupe(findings: Any) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.rule, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


ROUNDING = "AR-ROUNDING"
TOTAL_ROWS = {"total", "expenditure_total", "income_total"}
PROSE = ("narrative_vs_table", "narrative_internal")


def table_group(spec: TableSpec | None, key: str) -> str:
    """The group of tables whose rows are one set of quantities (a cent gap of a code propagates through all of
    them): the 功能分类 tables (coded by function, and the sided overviews whose 类 rows carry function codes), the
    经济分类 tables, and each other table on its own. Taken from the template, so both families group alike."""
    if spec is None:
        return key
    if spec.layout == "sided" or (spec.layout == "coded" and spec.code_system == "functional"):
        return "functional"
    return "economic" if spec.code_system == "economic" else key


def _table_groups(d: Disclosure) -> dict[int | str, str]:
    """A location's table (its 表 number, or its type when unnumbered) → the group of tables sharing its rows."""
    template = template_of(d)
    out: dict[int | str, str] = {}
    for t in d.tables:
        group = table_group(template.table(t.type), t.type)
        out[t.number or t.type] = group
        out[t.type] = group
    return out


MERGED_SHOWN = 3  # other parts of a merged finding named in its message
ROUNDING_TAIL = re.compile(r"，在 \d+ 个印出数各自四舍五入的范围内（来源规则 [A-Z0-9-]+）")


def _is_total(label: str) -> bool:
    plain = "".join(label.split())
    return plain in TOTAL_ROWS or plain in ("总计", "合计")


def cause_keys(f: Finding, groups: dict[int | str, str]) -> list[tuple[str, ...]]:
    """What one finding is about, for merging the findings of one cause ([]: it stands alone).

    A cent gap is about the printed total it checks (its first place): the same row of the same group of tables,
    whatever the column or table it recurs in; and the same printed figure missing the same sum (a total printed
    in a table and again in the prose). A prose finding is about the prose places it compares: findings of one
    rule sharing a sentence are one."""
    if not f.locations:
        return []
    if f.rule == ROUNDING:
        keys: list[tuple[str, ...]] = [(ROUNDING, "figures", str(f.actual), str(f.expected))]
        first = f.locations[0]
        if first.table is not None and first.row:
            group = groups.get(first.table, str(first.table))
            row = "total" if _is_total(first.row) else first.row.split()[0]
            keys.append((ROUNDING, group, row))
        return keys
    if f.category in PROSE:
        # the same sentence and the same figure: two figures of one line are two causes
        return [(f.rule, f.severity, str(loc.line), str(f.actual)) for loc in f.locations
                if loc.table is None and loc.line]
    return []


def merge_causes(findings: list[Finding], groups: dict[int | str, str]) -> list[Finding]:
    """Findings of one cause become one finding listing every message part and every place (the first keeps its
    figures): a reviewer acts once per cause, not once per column, table or comparison."""
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, ...], int] = {}
    for i, f in enumerate(findings):
        for key in cause_keys(f, groups):
            if key in owner:
                a, b = root(owner[key]), root(i)
                parent[max(a, b)] = min(a, b)
            else:
                owner[key] = i
    out: list[Finding] = []
    also: dict[int, list[str]] = {}
    for i, f in enumerate(findings):
        r = root(i)
        if r == i:
            out.append(f)
            continue
        first = findings[r]
        also.setdefault(r, []).append(ROUNDING_TAIL.sub("", f.message).rstrip("。"))
        first.severity = max(first.severity, f.severity, key=RANK.__getitem__)
        for loc in f.locations:
            if not any(x.line == loc.line and x.table == loc.table and x.row == loc.row for x in first.locations):
                first.locations.append(loc)
    for r, parts in also.items():  # the first message in full, the others named (every place is in locations)
        shown = "；".join(parts[:MERGED_SHOWN]) + (f" 等 {len(parts)} 处" if len(parts) > MERGED_SHOWN else "")
        findings[r].message = findings[r].message.rstrip("。") + f"。同一原因另见：{shown}。"
    return out


def summary(findings: list[Finding]) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {s: c.get(s, 0) for s in SEVERITIES} | {"total": len(findings)}
