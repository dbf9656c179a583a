"""`--select` / `--ignore`: a pattern names a rule id (`NV-AMOUNT`), an id prefix (`NV`, `XT-T1`) or a category
(`cross_table`), as in ruff and eslint."""

from __future__ import annotations

from yusuan.check.registry import CATEGORIES, RULES


def matches(pattern: str, rule_id: str, category: str) -> bool:
    """Whether `pattern` names this rule: its category, its id, or a prefix of its id ending at a `-`."""
    p = pattern.strip()
    if p.lower() == category:
        return True
    rid, up = rule_id.upper(), p.upper().rstrip("-")
    return rid == up or rid.startswith(up + "-")


def matches_any_rule(pattern: str) -> bool:
    """A pattern that names no registered rule nor category is a usage error (a typo must not silently select
    nothing)."""
    return pattern.strip().lower() in CATEGORIES or any(matches(pattern, r.id, r.category) for r in RULES.values())


def keep(rule_id: str, category: str, select: list[str], ignore: list[str]) -> bool:
    """A finding is kept when it is selected (everything is, without `--select`) and not ignored."""
    if select and not any(matches(p, rule_id, category) for p in select):
        return False
    return not any(matches(p, rule_id, category) for p in ignore)
