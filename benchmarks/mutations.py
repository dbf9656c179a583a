"""Mutation suite: inject one defect into a copy of a seed's TEXT and see whether `yusuan check` finds it.

Kinds (each copy changes one thing): a table cell ±1.00, a prose amount ±1.00, a share by 1 point, a growth rate
by 2 points, a staffing count by 1, a deleted table (whole, or its rows only), a renamed code (the name printed for
a code changed), a project statement of section 七 ±1 (its 预算安排规模, or one amount of its 资金分配情况). Candidates are only changes that break an identity: prose amounts that state a table figure (not
ones quoted inside a reason), shares with a known total, growth rates with a nonzero base, the four staffing
counts that must add up, names of codes printed in several tables or listed in the reference.

A copy is detected when a finding absent from the original's findings (same rule and message) has a location
within 3 lines of the change.

The other half of the target: a change that breaks no identity adds no finding. Neutral kinds (each copy changes
one thing, no figure): a reason reworded (`主要原因是` → `主要原因为`, words inserted after it, `，特此说明` before
its full stop), a function of the profile reworded, two functions swapped, a glossary entry reworded, a
performance indicator renamed, a space after a comma of the prose, a figure printed without its thousands comma. A neutral copy adds a finding when a finding of
a rule, severity and set of lines the original does not have appears (messages may quote the changed words).

部门决算 documents (`--final [PDF …]`, default the shared putuo-czj-2024.pdf and every other real 决算 under
../shared/final) are PDFs, so their copies are made on the parsed model, one change each: a table cell ±1.00, a
prose amount that states a table figure ±1.00, a share with a known total by 1 point, a growth rate by 2 points,
an execution rate (完成年初预算的 Y%) by 2 points, a deleted table. Neutral: a space put into a row's printed name,
a space after a comma of a prose line, a statement's quote reworded. Detection and additions are judged as for the
seeds, with the changed row's or statement's line as the place.

Usage: `python benchmarks/mutations.py [--per-kind 50] [--seed 7] [-v] [--neutral-only] [--final [PDF …]]`.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from yusuan.check import Finding, check
from yusuan.check.figures import group
from yusuan.ingest import IngestError
from yusuan.model import Disclosure, Statement
from yusuan.parse import parse_bytes, parse_path
from yusuan.spec.codes import known_code

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
KINDS = ("cell", "prose_amount", "share", "growth", "staffing", "deleted_table", "renamed_code", "project_statement")
NEUTRAL_KINDS = ("reason_text", "function_text", "function_order", "glossary_text", "indicator_text", "prose_space",
                 "number_format")
AMOUNT = re.compile(r"(?<![\d.,])-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}(?![\d])")
CHECKED_BLOCKS = {"total", "income", "expenditure", "fiscal", "general_split", "class_structure", "item_usage",
                  "basic_split", "three_public", "carryover", "operating_cost"}
WINDOW = 3


@dataclass
class Mutant:
    kind: str
    stem: str
    lines: list[str]  # the mutated text's lines
    line: int  # 1-based line of the change in the mutated text
    note: str


@dataclass
class Seed:
    stem: str
    lines: list[str]
    d: Disclosure
    keys: set[tuple[str, str]]
    places: set[tuple[str, str, tuple[int, ...]]]


def load_seed(path: Path) -> Seed:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    d = parse_bytes(text.encode("utf-8"), str(path))
    found = run_check(d, lines)
    return Seed(path.stem, lines, d, {(f.rule, f.message) for f in found}, {place(f) for f in found})


def place(f: Finding) -> tuple[str, str, tuple[int, ...]]:
    """A finding without its wording: rule, severity and the lines it names."""
    return f.rule, f.severity, tuple(sorted(set(f.lines())))


def run_check(d: Disclosure, lines: list[str]) -> list[Finding]:
    return check(d, {i: t for i, t in enumerate(lines, start=1)})


def _fmt_like(old: str, value: Decimal) -> str:
    return f"{value:,.2f}" if "," in old else f"{value:.2f}"


def _bump(rng: random.Random, old: str, step: Decimal) -> str:
    v = Decimal(old.replace(",", ""))
    delta = step if rng.random() < 0.5 or v - step < 0 else -step
    return _fmt_like(old, v + delta)


def _replace_at(line: str, start: int, end: int, new: str) -> str:
    return line[:start] + new + line[end:]


def _changed(seed: Seed, no: int, new_line: str) -> list[str]:
    lines = list(seed.lines)
    lines[no - 1] = new_line
    return lines


# ---- candidates --------------------------------------------------------------------------------------------


def cell_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    for t in seed.d.tables:
        for r in t.rows:
            if not r.values and not r.ambiguous:
                continue
            a = r.source.line or 0
            b = r.source.lines[1] if r.source.lines else a
            for no in range(a, b + 1):
                line = seed.lines[no - 1]
                for m in AMOUNT.finditer(line):
                    new = _bump(rng, m.group(0), Decimal("1.00"))
                    yield Mutant("cell", seed.stem, _changed(seed, no, _replace_at(line, m.start(), m.end(), new)),
                                 no, f"表{t.number} 第{no}行 {m.group(0)}→{new}")


def _table_values(d: Disclosure) -> set[Decimal]:
    return {v for t in d.tables for r in t.rows for v in r.values.values()} | \
        {Decimal(str(p["amount"])) for p in d.narrative.projects if p.get("amount") is not None}


def _number_in(line: str, value: Decimal, unit: str) -> re.Match[str] | None:
    for m in re.finditer(r"(-?\d[\d,]*(?:\.\d+)?)\s*" + unit, line):
        try:
            if Decimal(m.group(1).replace(",", "")) == abs(value):
                return m
        except ArithmeticError:
            continue
    return None


def prose_amount_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    values = _table_values(seed.d)
    for f in group(seed.d).items:
        st = f.amount
        if st is None or f.echo or f.block not in CHECKED_BLOCKS or st.line is None or st.value not in values:
            continue
        line = seed.lines[st.line - 1]
        m = _number_in(line, st.value, "万元")
        if m is None:
            continue
        old = m.group(1)
        v = Decimal(old.replace(",", ""))
        new = _fmt_like(old, v + (Decimal(1) if rng.random() < 0.5 or v < 1 else Decimal(-1)))
        yield Mutant("prose_amount", seed.stem, _changed(seed, st.line, _replace_at(line, m.start(1), m.end(1), new)),
                     st.line, f"第{st.line}行 {old}→{new}")


def _bump_amount(rng: random.Random, old: str) -> str:
    """±1 in the figure's own print: `17` → `18`, `163.06` → `162.06`, `4,158` → `4,159`."""
    v = Decimal(old.replace(",", ""))
    new = v + (Decimal(1) if rng.random() < 0.5 or v < 2 else Decimal(-1))
    if "." in old:
        return _fmt_like(old, new)
    return f"{new:,.0f}" if "," in old else f"{new:.0f}"


def project_statement_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    """A 预算安排规模 that something states again (table 7, its performance table, its allocations), or one amount
    of a 资金分配情况 that adds up to its 规模."""
    from yusuan.check.rules.projects import allocation_stated

    t7 = {Decimal(str(p["amount"])) for p in seed.d.narrative.projects if p.get("amount") is not None} & \
        {v for t in seed.d.tables if t.type == "general_budget_projects" for r in t.rows for v in r.values.values()}
    perf = {t.budget_total for t in seed.d.performance.projects if t.budget_total is not None}
    for st in seed.d.narrative.project_statements:
        stated = allocation_stated(st)
        targets: list[tuple[int | None, Decimal]] = []
        if st.size is not None and (st.size in t7 or st.size in perf or stated is not None):
            targets.append((st.size_line, st.size))
        if stated is not None and st.size is not None and stated[0] == st.size:
            targets += [(a.line, a.amount) for a in stated[1]]
        for no, value in targets:
            if no is None:
                continue
            line = seed.lines[no - 1]
            m = _number_in(line, value, "万元")
            if m is None:
                continue
            new = _bump_amount(rng, m.group(1))
            yield Mutant("project_statement", seed.stem,
                         _changed(seed, no, _replace_at(line, m.start(1), m.end(1), new)), no,
                         f"七 “{st.project[:16]}” 第{no}行 {m.group(1)}→{new}")


def _pct_mutants(seed: Seed, rng: random.Random, kind: str, step: Decimal) -> Iterator[Mutant]:
    figs = group(seed.d)
    for f in figs.items:
        st = f.share if kind == "share" else f.growth
        if st is None or st.line is None:
            continue
        if kind == "share" and (f.block not in ("income", "expenditure", "class_structure") or f.amount is None):
            continue
        if kind == "growth":
            amt = f.amount
            if f.change is None or amt is None or amt.value - f.change.value <= 0:
                continue
        line = seed.lines[st.line - 1]
        m = _number_in(line, st.value, r"[%％]")
        if m is None:
            continue
        old = m.group(1)
        v = Decimal(old)
        new_v = v + step if rng.random() < 0.5 or v - step < 0 else v - step
        new = f"{new_v:.2f}"
        yield Mutant(kind, seed.stem, _changed(seed, st.line, _replace_at(line, m.start(1), m.end(1), new)), st.line,
                     f"第{st.line}行 {old}%→{new}%")


def staffing_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    s = seed.d.profile.staffing
    a = s.source.line
    if a is None:
        return
    b = s.source.lines[1] if s.source.lines else a
    for word in ("实有人数", "在职", "退休", "离休"):
        for no in range(a, b + 1):
            line = seed.lines[no - 1]
            m = re.search(word + r"\s*(\d+)", line)
            if m:
                n = int(m.group(1))
                new = str(n + 1 if rng.random() < 0.5 or n == 0 else n - 1)
                yield Mutant("staffing", seed.stem, _changed(seed, no, _replace_at(line, m.start(1), m.end(1), new)),
                             no, f"第{no}行 {word} {n}→{new}")
                break


def deleted_table_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    tables = sorted((t for t in seed.d.tables if t.source.line), key=lambda t: t.source.line or 0)
    part = seed.d.parts.get("tables")
    end_all = part.lines[1] if part and part.lines else len(seed.lines)
    for i, t in enumerate(tables):
        start = t.source.line or 0
        end = (tables[i + 1].source.line or end_all + 1) - 1 if i + 1 < len(tables) else end_all
        lines = seed.lines[: start - 1] + seed.lines[end:]
        yield Mutant("deleted_table", seed.stem, lines, start, f"删除表{t.number}（第{start}–{end}行）")
        rows = [r.source.line for r in t.rows if r.source.line]
        if rows and not t.empty:
            first = min(rows)
            last = max((r.source.lines[1] if r.source.lines else r.source.line or 0) for r in t.rows)
            lines = seed.lines[: first - 1] + seed.lines[last:]
            yield Mutant("deleted_table", seed.stem, lines, first, f"删除表{t.number}的数据行（第{first}–{last}行）")


def renamed_code_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    counts: dict[str, int] = {}
    for t in seed.d.tables:
        for r in t.rows:
            if r.code:
                counts[r.code] = counts.get(r.code, 0) + 1
    for t in seed.d.tables:
        for r in t.rows:
            if not r.code or not r.name or r.project or r.source.line is None or len(r.name) < 3:
                continue
            system = "economic" if t.type == "general_budget_basic" else "functional"
            if counts[r.code] < 2 and not known_code(r.code, system):
                continue
            line = seed.lines[r.source.line - 1]
            at = line.find(r.name)
            if at < 0:
                continue
            new_name = r.name[:-1] + ("费" if r.name[-1] != "费" else "金")
            yield Mutant("renamed_code", seed.stem,
                         _changed(seed, r.source.line, _replace_at(line, at, at + len(r.name), new_name)),
                         r.source.line, f"表{t.number} 第{r.source.line}行 {r.code} {r.name}→{new_name}")


# ---- neutral changes (no figure, no identity) -------------------------------------------------------------


def _part_lines(seed: Seed, part: str) -> range:
    p = seed.d.parts.get(part)
    if p is None or not p.lines:
        return range(0)
    return range(p.lines[0], p.lines[1] + 1)


def reason_text_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    for no in _part_lines(seed, "narrative"):
        line = seed.lines[no - 1]
        at = line.find("主要原因是")
        if at < 0:
            continue
        edits = [line.replace("主要原因是", "主要原因为", 1), line.replace("主要原因是", "主要原因是经测算，", 1)]
        stop = line.find("。", at)
        if stop > 0:
            edits.append(line[:stop] + "，特此说明" + line[stop:])
        new = rng.choice(edits)
        yield Mutant("reason_text", seed.stem, _changed(seed, no, new), no, f"第{no}行 改写原因")


FUNCTION_LINE = re.compile(r"^\s*[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*\D{6,}$")


def _function_lines(seed: Seed) -> list[int]:
    staff = seed.d.profile.staffing.source.line or 10**9
    return [no for no in _part_lines(seed, "profile") if no < staff and FUNCTION_LINE.match(seed.lines[no - 1])
            and not re.search(r"\d{2,}|编制|实有|科室|下属", seed.lines[no - 1])]


def function_text_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    for no in _function_lines(seed):
        line = seed.lines[no - 1]
        m = re.search(r"负责|组织|贯彻|拟订|承担|完成", line)
        new = line[:m.end()] + "相关" + line[m.end():] if m else line.rstrip("。") + "等工作。"
        yield Mutant("function_text", seed.stem, _changed(seed, no, new), no, f"第{no}行 改写职能")


NUMBERED = re.compile(r"^\s*[（(]?[一二三四五六七八九十]+[）)、]|^\s*\d+[、.．]")


def function_order_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    """Two adjacent functions (each from its numbered line to the next, wrapped lines included) swap places; each
    block keeps the numbering of the place it moves to."""
    staff = seed.d.profile.staffing.source.line or 10**9
    part = [no for no in _part_lines(seed, "profile") if no < staff]
    heads = [no for no in part if NUMBERED.match(seed.lines[no - 1])
             and not re.search(r"机构|职能|概况|\d{2,}", seed.lines[no - 1])]
    for a, b, c in zip(heads, heads[1:], heads[2:], strict=False):
        first, second = seed.lines[a - 1: b - 1], seed.lines[b - 1: c - 1]
        ma, mb = NUMBERED.match(first[0]), NUMBERED.match(second[0])
        if not ma or not mb:
            continue
        second = [ma.group(0) + second[0][mb.end():], *second[1:]]
        first = [mb.group(0) + first[0][ma.end():], *first[1:]]
        lines = seed.lines[: a - 1] + second + first + seed.lines[c - 1:]
        yield Mutant("function_order", seed.stem, lines, a, f"第{a}–{c - 1}行 两项职能对调")


def glossary_text_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    for no in _part_lines(seed, "glossary"):
        line = seed.lines[no - 1]
        m = re.search(r"[:：]\s*(?:是)?指", line)
        if m:
            new = line[:m.end() - 1] + "主要指" + line[m.end():]
            yield Mutant("glossary_text", seed.stem, _changed(seed, no, new), no, f"第{no}行 改写名词解释")


def indicator_text_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    tables = ([seed.d.performance.overall] if seed.d.performance.overall else []) + seed.d.performance.projects
    for t in tables:
        for ind in t.indicators:
            if not ind.level3 or ind.line is None or len(ind.level3) < 4:
                continue
            line = seed.lines[ind.line - 1]
            at = line.find(ind.level3)
            if at < 0:
                continue
            end = at + len(ind.level3)
            yield Mutant("indicator_text", seed.stem, _changed(seed, ind.line, line[:end] + "（年度）" + line[end:]),
                         ind.line, f"第{ind.line}行 指标改名 {ind.level3}")


def prose_space_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    for no in _part_lines(seed, "narrative"):
        line = seed.lines[no - 1]
        commas = [m.end() for m in re.finditer("，", line)]
        if commas:
            at = rng.choice(commas)
            yield Mutant("prose_space", seed.stem, _changed(seed, no, line[:at] + " " + line[at:]), no,
                         f"第{no}行 逗号后加空格")


def number_format_mutants(seed: Seed, rng: random.Random) -> Iterator[Mutant]:
    """One figure printed without its thousands comma (`2,071.19` → `2071.19`): the same value."""
    for no, line in enumerate(seed.lines, start=1):
        for m in re.finditer(r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d{2}(?![\d])", line):
            new = line[:m.start()] + m.group(0).replace(",", "") + line[m.end():]
            yield Mutant("number_format", seed.stem, _changed(seed, no, new), no, f"第{no}行 {m.group(0)} 去千分位")


GENERATORS = {"cell": cell_mutants, "prose_amount": prose_amount_mutants,
              "share": lambda s, r: _pct_mutants(s, r, "share", Decimal(1)),
              "growth": lambda s, r: _pct_mutants(s, r, "growth", Decimal(2)),
              "staffing": staffing_mutants, "deleted_table": deleted_table_mutants,
              "renamed_code": renamed_code_mutants, "project_statement": project_statement_mutants,
              "reason_text": reason_text_mutants, "function_text": function_text_mutants,
              "function_order": function_order_mutants, "glossary_text": glossary_text_mutants,
              "indicator_text": indicator_text_mutants, "prose_space": prose_space_mutants,
              "number_format": number_format_mutants}


def sample(seeds: list[Seed], kind: str, n: int, rng: random.Random) -> list[Mutant]:
    pool = [m for s in seeds for m in GENERATORS[kind](s, rng)]
    rng.shuffle(pool)
    if len(pool) >= n:
        return pool[:n]
    # fewer distinct changes than copies wanted: repeat them with a fresh random direction
    out = list(pool)
    while len(out) < n and pool:
        out += [m for s in seeds for m in GENERATORS[kind](s, rng)][: n - len(out)]
    return out


def detected(seed: Seed, m: Mutant) -> tuple[bool, str]:
    try:
        d = parse_bytes("\n".join(m.lines).encode("utf-8"), f"{m.stem}-mutant")
    except IngestError as e:
        return True, f"拒绝读取：{e}"
    new = [f for f in run_check(d, m.lines) if (f.rule, f.message) not in seed.keys]
    near = [f for f in new if any(abs(n - m.line) <= WINDOW for n in f.lines())]
    return bool(near), (near[0].rule if near else f"新发现 {len(new)} 项，均不在变更附近")


def added(seed: Seed, m: Mutant) -> list[Finding]:
    """Findings of a neutral copy that the original does not have (by rule, severity and lines)."""
    try:
        d = parse_bytes("\n".join(m.lines).encode("utf-8"), f"{m.stem}-neutral")
    except IngestError:
        return []
    return [f for f in run_check(d, m.lines) if place(f) not in seed.places]


def run_neutral(per_kind: int = 50, seed: int = 7, verbose: bool = False, kinds: tuple[str, ...] = NEUTRAL_KINDS,
                stems: list[Path] | None = None) -> dict[str, tuple[int, int, int]]:
    """Neutral copies per kind → (copies that added a finding, findings added, copies)."""
    rng = random.Random(seed)
    seeds = [load_seed(p) for p in (stems or sorted(SEEDS.glob("*.txt")))]
    by_stem = {s.stem: s for s in seeds}
    results: dict[str, tuple[int, int, int]] = {}
    for kind in kinds:
        mutants = sample(seeds, kind, per_kind, rng)
        bad = total = 0
        for m in mutants:
            new = added(by_stem[m.stem], m)
            bad += bool(new)
            total += len(new)
            if verbose and new:
                print(f"  多报 {kind} {m.stem} {m.note}: {new[0].rule} {new[0].message}", file=sys.stderr)
        results[kind] = (bad, total, len(mutants))
    return results


def run(per_kind: int = 50, seed: int = 7, verbose: bool = False, kinds: tuple[str, ...] = KINDS,
        stems: list[Path] | None = None) -> dict[str, tuple[int, int]]:
    rng = random.Random(seed)
    seeds = [load_seed(p) for p in (stems or sorted(SEEDS.glob("*.txt")))]
    by_stem = {s.stem: s for s in seeds}
    results: dict[str, tuple[int, int]] = {}
    for kind in kinds:
        mutants = sample(seeds, kind, per_kind, rng)
        hit = 0
        for m in mutants:
            ok, why = detected(by_stem[m.stem], m)
            hit += ok
            if verbose and not ok:
                print(f"  漏检 {kind} {m.stem} {m.note}: {why}", file=sys.stderr)
        results[kind] = (hit, len(mutants))
    return results


# ---- 部门决算: copies of the parsed model ---------------------------------------------------------------------

FINALS = ROOT.parent / "shared" / "final"
FINAL_KINDS = ("cell", "prose_amount", "share", "growth", "execution_rate", "deleted_table")
FINAL_NEUTRAL = ("row_name_space", "prose_space", "quote_text")


@dataclass
class ModelMutant:
    kind: str
    stem: str
    d: Disclosure
    line: int | None  # where the change is (None: anywhere, e.g. a deleted table)
    note: str


@dataclass
class Final:
    stem: str
    d: Disclosure
    keys: set[tuple[str, str]]
    places: set[tuple[str, str, tuple[int, ...]]]


def final_paths() -> list[Path]:
    return sorted(p for p in FINALS.glob("*.pdf") if (p.with_suffix(".json")).is_file())


def load_final(path: Path) -> Final:
    d = parse_path(path)
    found = check(d)
    return Final(path.stem, d, {(f.rule, f.message) for f in found}, {place(f) for f in found})


def _copy(f: Final) -> Disclosure:
    d = copy.deepcopy(f.d)
    d.line_texts, d.line_places = dict(f.d.line_texts), dict(f.d.line_places)
    return d


def _step(rng: random.Random, v: Decimal, step: Decimal) -> Decimal:
    return v + step if rng.random() < 0.5 or v - step < 0 else v - step


def final_cell_mutants(f: Final, rng: random.Random) -> Iterator[ModelMutant]:
    for ti, t in enumerate(f.d.tables):
        for ri, r in enumerate(t.rows):
            for col, v in r.values.items():
                d = _copy(f)
                d.tables[ti].rows[ri].values[col] = _step(rng, v, Decimal(1))
                yield ModelMutant("cell", f.stem, d, r.source.line, f"{t.type} {r.code or r.item} {col} {v}")


def _checked_statements(f: Final, metric: str) -> Iterator[tuple[int, Statement]]:
    """Statements of `metric` that a rule can judge in the original (for amounts: one that states a table figure)."""
    from yusuan.check.context import Context
    from yusuan.check.helpers import targets

    ctx = Context(f.d)
    figs = group(f.d)
    judged: set[int] = set()
    for fig in figs.items:
        if metric == "amount" and fig.amount is not None and not fig.echo:
            cells = targets(ctx, fig)
            if any(ctx.same_amount(fig.amount.value, fig.amount.unit, Decimal(o) / 100) for c in cells
                   for o in c.options()):
                judged.add(id(fig.amount))
        if metric == "share" and fig.share is not None and fig.amount is not None and fig.block in (
                "income", "expenditure", "general_split", "class_structure"):
            judged.add(id(fig.share))
        if metric == "growth" and fig.growth is not None and fig.change is not None and fig.amount is not None and \
                fig.amount.value - fig.change.value > 0:
            judged.add(id(fig.growth))
    for i, st in enumerate(f.d.narrative.statements):
        if id(st) in judged or (metric == "execution_rate" and st.metric == metric and st.value > 0):
            yield i, st


def _statement_mutants(f: Final, rng: random.Random, kind: str, metric: str, step: Decimal) -> Iterator[ModelMutant]:
    for i, st in _checked_statements(f, metric):
        d = _copy(f)
        d.narrative.statements[i].value = _step(rng, st.value, step)
        yield ModelMutant(kind, f.stem, d, st.line, f"{st.section} {st.subject[:16]} {st.value}")


def final_deleted_table_mutants(f: Final, rng: random.Random) -> Iterator[ModelMutant]:
    for ti, t in enumerate(f.d.tables):
        d = _copy(f)
        del d.tables[ti]
        yield ModelMutant("deleted_table", f.stem, d, None, f"删除{t.title or t.type}")


def final_row_name_mutants(f: Final, rng: random.Random) -> Iterator[ModelMutant]:
    for ti, t in enumerate(f.d.tables):
        for ri, r in enumerate(t.rows):
            if r.name and len(r.name) >= 3:
                d = _copy(f)
                at = rng.randrange(1, len(r.name))
                d.tables[ti].rows[ri].name = r.name[:at] + " " + r.name[at:]
                yield ModelMutant("row_name_space", f.stem, d, r.source.line, f"{t.type} {r.name} 名称加空格")


def final_prose_space_mutants(f: Final, rng: random.Random) -> Iterator[ModelMutant]:
    lines = {st.line for st in f.d.narrative.statements if st.line}
    for no in sorted(lines):
        text = f.d.line_texts.get(no, "")
        commas = [m.end() for m in re.finditer("，", text)]
        if commas:
            d = _copy(f)
            at = rng.choice(commas)
            d.line_texts[no] = text[:at] + " " + text[at:]
            yield ModelMutant("prose_space", f.stem, d, no, f"第{no}行 逗号后加空格")


def final_quote_mutants(f: Final, rng: random.Random) -> Iterator[ModelMutant]:
    for i, st in enumerate(f.d.narrative.statements):
        d = _copy(f)
        d.narrative.statements[i].quote = (st.quote or "") + "（摘录）"
        yield ModelMutant("quote_text", f.stem, d, st.line, f"{st.section} {st.subject[:16]} 引文改写")


FINAL_GENERATORS = {
    "cell": final_cell_mutants,
    "prose_amount": lambda f, r: _statement_mutants(f, r, "prose_amount", "amount", Decimal(1)),
    "share": lambda f, r: _statement_mutants(f, r, "share", "share", Decimal(1)),
    "growth": lambda f, r: _statement_mutants(f, r, "growth", "growth", Decimal(2)),
    "execution_rate": lambda f, r: _statement_mutants(f, r, "execution_rate", "execution_rate", Decimal(2)),
    "deleted_table": final_deleted_table_mutants,
    "row_name_space": final_row_name_mutants, "prose_space": final_prose_space_mutants,
    "quote_text": final_quote_mutants,
}


def final_detected(f: Final, m: ModelMutant) -> tuple[bool, str]:
    new = [x for x in check(m.d) if (x.rule, x.message) not in f.keys]
    near = new if m.line is None else [x for x in new if _near(m.d, x, m.line)]
    return bool(near), (near[0].rule if near else f"新发现 {len(new)} 项，均不在变更附近")


def _near(d: Disclosure, x: Finding, line: int) -> bool:
    """A finding names a place within WINDOW lines of the model's `line`: check() gives a PDF's places as page and
    line within the page, so the change's line is turned the same way."""
    page, within = d.line_places.get(line, (None, line))
    within = within if within is not None else line
    return any(loc.line is not None and loc.page == page and abs(loc.line - within) <= WINDOW
               for loc in x.locations)


def run_final(per_kind: int = 50, seed: int = 7, verbose: bool = False, kinds: tuple[str, ...] = FINAL_KINDS,
              paths: list[Path] | None = None, neutral: bool = False) -> dict[str, tuple[int, int]]:
    """Per kind → (copies detected, copies) for injected defects; (copies with an added finding, copies) for
    neutral changes."""
    rng = random.Random(seed)
    finals = [load_final(p) for p in (paths or final_paths())]
    results: dict[str, tuple[int, int]] = {}
    for kind in kinds:
        pool = [(f, m) for f in finals for m in FINAL_GENERATORS[kind](f, rng)]
        rng.shuffle(pool)
        pool = pool[:per_kind]
        count = 0
        for f, m in pool:
            if neutral:
                new = [x for x in check(m.d) if place(x) not in f.places]
                count += bool(new)
                if verbose and new:
                    print(f"  多报 {kind} {m.stem} {m.note}: {new[0].rule} {new[0].message}", file=sys.stderr)
            else:
                ok, why = final_detected(f, m)
                count += ok
                if verbose and not ok:
                    print(f"  漏检 {kind} {m.stem} {m.note}: {why}", file=sys.stderr)
        results[kind] = (count, len(pool))
    return results


def _print_final(per_kind: int, seed: int, verbose: bool, paths: list[Path], neutral_only: bool) -> None:
    if not neutral_only:
        print("部门决算 injected defects: copies detected")
        for kind, (hit, n) in run_final(per_kind, seed, verbose, FINAL_KINDS, paths).items():
            print(f"  {kind:<16} {hit:>4}/{n:<4} {100 * hit / max(1, n):6.1f}%")
    print("部门决算 changes that break nothing: copies with an added finding (should be 0)")
    for kind, (bad, n) in run_final(per_kind, seed, verbose, FINAL_NEUTRAL, paths, neutral=True).items():
        print(f"  {kind:<16} {bad:>4}/{n:<4} copies")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--kind", action="append", choices=KINDS + NEUTRAL_KINDS)
    ap.add_argument("--neutral-only", action="store_true", help="only the changes that break nothing")
    ap.add_argument("--final", nargs="*", type=Path, default=None,
                    help="部门决算 PDFs instead of the seeds (none named: those with an answer key in ../shared/final)")
    args = ap.parse_args()
    if args.final is not None:
        _print_final(args.per_kind, args.seed, args.verbose, args.final or final_paths(), args.neutral_only)
        return
    chosen = tuple(args.kind or (*KINDS, *NEUTRAL_KINDS))
    broken = tuple(k for k in chosen if k in KINDS and not args.neutral_only)
    neutral = tuple(k for k in chosen if k in NEUTRAL_KINDS)
    if broken:
        print("injected defects: copies detected")
        results = run(args.per_kind, args.seed, args.verbose, broken)
        total_hit = total = 0
        for kind, (hit, n) in results.items():
            total_hit += hit
            total += n
            print(f"  {kind:<16} {hit:>4}/{n:<4} {100 * hit / max(1, n):6.1f}%")
        print(f"  {'all':<16} {total_hit:>4}/{total:<4} {100 * total_hit / max(1, total):6.1f}%")
    if neutral:
        print("changes that break nothing: copies with an added finding (should be 0)")
        nres = run_neutral(args.per_kind, args.seed, args.verbose, neutral)
        bad_all = added_all = n_all = 0
        for kind, (bad, n_added, n) in nres.items():
            bad_all, added_all, n_all = bad_all + bad, added_all + n_added, n_all + n
            print(f"  {kind:<16} {bad:>4}/{n:<4} copies, {n_added} findings added")
        print(f"  {'all':<16} {bad_all:>4}/{n_all:<4} copies, {added_all} findings added")


if __name__ == "__main__":
    main()
