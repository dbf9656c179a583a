"""Mutation suite: inject one defect into a copy of a seed's TEXT and see whether `yusuan check` finds it.

Kinds (each copy changes one thing): a table cell ±1.00, a prose amount ±1.00, a share by 1 point, a growth rate
by 2 points, a staffing count by 1, a deleted table (whole, or its rows only), a renamed code (the name printed for
a code changed). Candidates are only changes that break an identity: prose amounts that state a table figure (not
ones quoted inside a reason), shares with a known total, growth rates with a nonzero base, the four staffing
counts that must add up, names of codes printed in several tables or listed in the reference.

A copy is detected when a finding absent from the original's findings (same rule and message) has a location
within 3 lines of the change. Usage: `python benchmarks/mutations.py [--per-kind 50] [--seed 7] [-v]`.
"""

from __future__ import annotations

import argparse
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
from yusuan.model import Disclosure
from yusuan.parse import parse_bytes
from yusuan.spec.codes import known_code

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
KINDS = ("cell", "prose_amount", "share", "growth", "staffing", "deleted_table", "renamed_code")
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


def load_seed(path: Path) -> Seed:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    d = parse_bytes(text.encode("utf-8"), str(path))
    return Seed(path.stem, lines, d, {(f.rule, f.message) for f in run_check(d, lines)})


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


GENERATORS = {"cell": cell_mutants, "prose_amount": prose_amount_mutants,
              "share": lambda s, r: _pct_mutants(s, r, "share", Decimal(1)),
              "growth": lambda s, r: _pct_mutants(s, r, "growth", Decimal(2)),
              "staffing": staffing_mutants, "deleted_table": deleted_table_mutants,
              "renamed_code": renamed_code_mutants}


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--kind", action="append", choices=KINDS)
    args = ap.parse_args()
    results = run(args.per_kind, args.seed, args.verbose, tuple(args.kind or KINDS))
    total_hit = total = 0
    for kind, (hit, n) in results.items():
        total_hit += hit
        total += n
        print(f"{kind:<14} {hit:>4}/{n:<4} {100 * hit / max(1, n):6.1f}%")
    print(f"{'all':<14} {total_hit:>4}/{total:<4} {100 * total_hit / max(1, total):6.1f}%")


if __name__ == "__main__":
    main()
