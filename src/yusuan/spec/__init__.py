"""Template knowledge: one `Template` per document family (`spec/<family>/`), detection, and lookup.

Every stage takes the template from the document (`template_of(d)`) or from detection (`detect(lines)`); no module
outside `spec` reads a family's tables directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol

from yusuan.spec.budget import TEMPLATE as BUDGET
from yusuan.spec.final import TEMPLATE as FINAL
from yusuan.spec.template import Template
from yusuan.spec.types import (
    ColumnSpec,
    CrossIdentity,
    Equation,
    ProseSpec,
    Severity,
    Subject,
    TableLayout,
    TableSpec,
    parse_equation,
)

__all__ = ["BUDGET", "DEFAULT", "FINAL", "FAMILIES", "ColumnSpec", "CrossIdentity", "Equation", "ProseSpec", "Subject", "TableSpec", "Template",
           "Severity", "TableLayout",
           "detect", "family", "known_titles", "match_title", "parse_equation", "printed_titles", "register", "registered",
           "template_of"]

FAMILIES: dict[str, Template] = {BUDGET.name: BUDGET, FINAL.name: FINAL}
DEFAULT = BUDGET


class _Carrier(Protocol):
    template: str | None


def register(t: Template) -> Template:
    """Adds a family (a test's variant, a province's template); detection considers it from then on."""
    FAMILIES[t.name] = t
    return t


@contextmanager
def registered(t: Template, instead_of: str | None = None) -> Iterator[Template]:
    """A family known for the duration only (a test's variant; `instead_of` hides another meanwhile): afterwards
    the families are exactly as they were, in the same order (detection breaks ties by that order)."""
    saved = dict(FAMILIES)
    if instead_of is not None:
        FAMILIES.pop(instead_of, None)
    FAMILIES[t.name] = t
    try:
        yield t
    finally:
        FAMILIES.clear()
        FAMILIES.update(saved)


def family(name: str | None) -> Template:
    """The family named `name`; the default (预算) for a model written before templates were carried."""
    return FAMILIES.get(name or "", DEFAULT)


def template_of(d: _Carrier) -> Template:
    """The template a parsed document carries."""
    return family(d.template)


def printed_titles(lines: Iterable[str]) -> list[str]:
    """What the document prints as table titles: short lines ending in 表 (spaces removed)."""
    return [flat for line in lines if len(flat := re.sub(r"\s+", "", line)) <= 40 and flat.endswith("表")]


def known_titles(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """The printed titles some family knows and those none does (in print order, each once)."""
    known: list[str] = []
    unknown: list[str] = []
    for title in dict.fromkeys(printed_titles(lines)):
        (known if match_title(title) is not None else unknown).append(title)
    return known, unknown


def detect(lines: Iterable[str]) -> Template:
    """The family whose table titles the document prints most of (short lines ending in 表): first the number of
    table types named, then the number of titles printed exactly as the family's own; a tie goes to the family
    registered first (the 预算, the one every stage was first written for)."""
    titles = printed_titles(lines)
    best, best_score = DEFAULT, (0, 0)
    for t in FAMILIES.values():
        named = {spec.key for title in titles if (spec := t.match_title(title))}
        own = {spec.title.format(org=o) for spec in t.tables for o in ("部门", "单位")}
        exact = sum(1 for title in titles if any(title.endswith(x) for x in own))
        score = (len(named), exact)
        if score > best_score:
            best, best_score = t, score
    return best


def match_title(title: str) -> TableSpec | None:
    """The table type a printed title names in any known family (a reader deciding whether a line is a title)."""
    return next((spec for t in FAMILIES.values() if (spec := t.match_title(title))), None)

