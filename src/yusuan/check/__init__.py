"""Check a disclosure: every identity of the template, the prose against the tables, performance tables, profile,
completeness and classification codes. `check(d)` returns findings; `RULES` is the registry (see `yusuan rules`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from yusuan.check import rules as _rules  # noqa: F401  (registers every rule)
from yusuan.check.context import Context
from yusuan.check.registry import RANK, RULES, SEVERITIES, Finding, Hit, Location, Rule, rule
from yusuan.model import Disclosure

__all__ = ["RANK", "RULES", "SEVERITIES", "Finding", "Hit", "Location", "Rule", "check", "rule", "summary"]


def check(d: Disclosure, lines: dict[int, str] | None = None, only: list[str] | None = None,
          strict: bool = False) -> list[Finding]:
    """All findings for one parsed document, most severe first, then in document order.

    `lines` (line number → source text) gives each location its quote; without it the model's own line texts are
    used, else quotes are rebuilt from the model. A rule that raises becomes an `IN-RULE-FAILED` finding
    (`strict=True` re-raises instead)."""
    from yusuan.check.registry import run_rules

    ctx = Context(d, lines)
    found = _dedupe(run_rules(ctx, only, strict))
    return sorted(found, key=lambda f: (-RANK[f.severity], min(f.lines(), default=10**9), f.rule))


def _dedupe(findings: Any) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.rule, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def summary(findings: list[Finding]) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {s: c.get(s, 0) for s in SEVERITIES} | {"total": len(findings)}
