"""The checker on documents it has not seen: partial models never make a rule raise, a rule that does raise is
isolated, re-laid-out seeds and synthetic departments get no new finding, and amounts in 元 compare with 万元."""

from __future__ import annotations

import copy
import random
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

import pytest

from yusuan.check import RULES, check
from yusuan.check.context import Context
from yusuan.check.registry import INTERNAL, Hit, register
from yusuan.model import Ambiguity, Disclosure, Narrative, Performance, Row, SourceFile, Statement, Table
from yusuan.parse import parse_bytes
from yusuan.spec import BUDGET

from .conftest import SEEDS, requires_seeds
from .test_robustness import TRANSFORMS

S000 = SEEDS / "000_08aa97ad816e85b4.txt"
S004 = SEEDS / "004_b4b0de6c7b2a5cb7.txt"


def _parse(path) -> Disclosure:
    return parse_bytes(path.read_bytes(), str(path))


def partial_models(d: Disclosure) -> Iterator[tuple[str, Disclosure]]:
    """The seed with one part missing, emptied or made unreadable."""
    for spec in BUDGET.tables:
        x = copy.deepcopy(d)
        x.tables = [t for t in x.tables if t.type != spec.key]
        yield f"no {spec.key}", x
        for how in ("empty", "blank", "ambiguous", "no codes"):
            x = copy.deepcopy(d)
            for t in x.tables:
                if t.type != spec.key:
                    continue
                if how in ("empty", "blank"):
                    t.rows, t.empty = [], how == "empty"
                for r in t.rows:
                    if how == "ambiguous":  # every figure could sit in any column
                        cols = t.column_keys() or list(r.values)
                        r.ambiguous = [Ambiguity(v, cols) for v in r.values.values()] + r.ambiguous
                        r.values = {}
                    elif how == "no codes":
                        r.code = None
            yield f"{how} {spec.key}", x
    x = copy.deepcopy(d)
    x.narrative = Narrative()
    yield "no narrative", x
    x = copy.deepcopy(d)
    x.performance = Performance()
    yield "no performance tables", x
    x = copy.deepcopy(d)
    x.tables = []
    yield "no tables", x
    x = copy.deepcopy(d)
    for t in x.tables:
        for r in t.rows:
            r.name = r.item = r.project = None
    yield "no row names", x
    x = copy.deepcopy(d)
    x.line_texts = {}
    x.parts = {}
    yield "no source text", x


@requires_seeds
@pytest.mark.parametrize("path", [S000, S004], ids=["space", "tab"])
def test_no_rule_raises_on_partial_models(path) -> None:
    d = _parse(path)
    for name, x in partial_models(d):
        try:
            found = check(x, strict=True)
        except Exception as e:  # pragma: no cover - the assertion names the variant
            raise AssertionError(f"{name}: {type(e).__name__}: {e}") from e
        assert not [f for f in found if f.rule == INTERNAL], name


@requires_seeds
def test_blank_and_missing_tables_are_completeness_findings_only() -> None:
    d = _parse(S000)
    base = {(f.rule, f.severity) for f in check(d)}
    x = copy.deepcopy(d)
    x.tables = [t for t in x.tables if t.type != "general_budget_basic"]
    new = {(f.rule, f.severity) for f in check(x)} - base
    assert ("CP-TABLE-MISSING", "error") in new
    assert not [r for r, s in new if s == "error" and r != "CP-TABLE-MISSING"], new


@requires_seeds
@pytest.mark.parametrize("fraction", [0.2, 0.45, 0.7, 0.9])
def test_truncated_documents_do_not_break_rules(fraction: float) -> None:
    for path in (S000, S004):
        lines = path.read_text(encoding="utf-8").split("\n")
        cut = lines[: int(len(lines) * fraction)]
        d = parse_bytes("\n".join(cut).encode("utf-8"), "cut.txt")
        found = check(d, dict(enumerate(cut, 1)), strict=True)
        assert not [f for f in found if f.rule == INTERNAL]


@requires_seeds
def test_random_damage_never_raises() -> None:
    rng = random.Random(5)
    lines = S004.read_text(encoding="utf-8").split("\n")
    for _ in range(12):
        damaged = list(lines)
        a = rng.randrange(len(damaged))
        b = min(len(damaged), a + rng.randint(1, 40))
        if rng.random() < 0.5:
            del damaged[a:b]
        else:  # scramble the digits of a stretch
            damaged[a:b] = [re.sub(r"\d", lambda m: str(rng.randrange(10)), ln) for ln in damaged[a:b]]
        d = parse_bytes("\n".join(damaged).encode("utf-8"), "damaged.txt")
        check(d, dict(enumerate(damaged, 1)), strict=True)


def test_empty_model_runs_every_rule() -> None:
    d = Disclosure(source=SourceFile("empty.txt", "0", "space"))
    found = check(d, strict=True)
    rules = {f.rule for f in found}
    assert "CP-TABLE-MISSING" in rules and INTERNAL not in rules
    assert all(f.message for f in found)


def test_failing_rule_is_isolated() -> None:
    def boom(ctx: Context) -> Iterator[Hit]:
        yield Hit("先报一项。")
        raise KeyError("amount")

    register("ZZ-TEST-BOOM", "arithmetic", "error", boom, "A test rule that raises.", title="测试用的出错规则",
             note="测试用的规则，运行时出错。")
    try:
        rows = [Row("class", code="201", name="x", values={"total": Decimal(10), "basic": Decimal(7),
                                                           "project": Decimal(2)})]
        d = Disclosure(source=SourceFile("t", "0", "space"), tables=[Table("expenditure_overview", 3, rows=rows)])
        found = check(d, only=["AR-ROW-IDENTITY", "ZZ-TEST-BOOM"])
        rules = [f.rule for f in found]
        assert "AR-ROW-IDENTITY" in rules  # the other rules still ran
        assert "ZZ-TEST-BOOM" in rules  # what it found before failing is kept
        failed = [f for f in found if f.rule == INTERNAL]
        assert len(failed) == 1 and "ZZ-TEST-BOOM" in failed[0].message and "KeyError" in failed[0].message
        assert "测试用的出错规则" in failed[0].message  # the failed rule named by its id and Chinese title
        assert failed[0].severity == "info" and failed[0].category == "internal"
        with pytest.raises(KeyError):
            check(d, only=["ZZ-TEST-BOOM"], strict=True)
    finally:
        del RULES["ZZ-TEST-BOOM"]


@requires_seeds
def test_tables_in_yuan_compare_with_prose_in_wanyuan() -> None:
    # the seed with every table figure printed in 元: the prose (万元) and performance tables (万元) still agree
    d = _parse(S000)
    base = Counter((f.rule, f.severity) for f in check(d))
    x = copy.deepcopy(d)
    x.unit = "元"
    for t in x.tables:
        for r in t.rows:
            r.values = {k: v * 10000 for k, v in r.values.items()}
            r.ambiguous = [Ambiguity(a.value * 10000, a.candidates, a.group) for a in r.ambiguous]
    assert Counter((f.rule, f.severity) for f in check(x)) == base


def test_prose_in_yuan_against_tables_in_wanyuan() -> None:
    rows = [Row("total", item="total", values={"total": Decimal("383.31"), "personnel": Decimal("352.70"),
                                               "public": Decimal("30.61")})]
    t6 = Table("general_budget_basic", 6, rows=rows)

    def doc(value: str, unit: str) -> Disclosure:
        st = Statement("十二(一)", "机关运行经费财政拨款预算", "amount", Decimal(value), unit=unit, block="operating_cost")
        return Disclosure(source=SourceFile("t", "0", "space"), unit="万元", tables=[t6],
                          narrative=Narrative(statements=[st]))

    assert not check(doc("306123.45", "元"), only=["NV-OPERATING-COST"])  # 30.61 万元 once rounded
    found = check(doc("316100.00", "元"), only=["NV-OPERATING-COST"])
    assert len(found) == 1 and found[0].difference == Decimal("1.00")


@requires_seeds
@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
def test_relaid_out_seeds_get_no_new_error_or_warning(transform: str) -> None:
    # the same document laid out another way: no error or warning that the original does not have
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        base = {(f.rule, f.severity) for f in check(parse_bytes(text.encode("utf-8"), path.name),
                                                    dict(enumerate(text.split("\n"), 1)))}
        new_text = TRANSFORMS[transform](text)
        found = check(parse_bytes(new_text.encode("utf-8"), path.name), dict(enumerate(new_text.split("\n"), 1)))
        new = {(f.rule, f.severity) for f in found if f.severity != "info"} - base
        assert not new, f"{path.stem} {transform}: {new}"


@requires_seeds
def test_unnumbered_tables_are_named_by_their_title() -> None:
    text = TRANSFORMS["drop_table_numbers"](S000.read_text(encoding="utf-8"))
    d = parse_bytes(text.encode("utf-8"), "x")
    for t in d.tables:
        t.number = None
    ctx = Context(d)
    names = {ctx.tname(t) for t in d.tables}
    assert "一般公共预算基本支出情况表" in names
    assert not [n for n in names if re.search(r"[()?|\\]", n)], names  # no title pattern leaks into messages


def test_sampled_departments_are_clean(tmp_path) -> None:
    # synthetic departments are consistent by construction: no error and no warning
    from click.testing import CliRunner

    from yusuan.cli import main

    out = tmp_path / "s"
    res = CliRunner().invoke(main, ["sample", "-n", "6", "-o", str(out), "--seed", "3", "--format", "txt,txt-tab"])
    assert res.exit_code == 0, res.output
    paths = sorted(out.glob("*.txt"))
    assert len(paths) == 12
    for p in paths:
        text = p.read_text(encoding="utf-8")
        found = check(parse_bytes(text.encode("utf-8"), p.name), dict(enumerate(text.split("\n"), 1)))
        bad = [(f.rule, f.message) for f in found if f.severity != "info"]
        assert not bad, f"{p.name}: {bad[:3]}"
