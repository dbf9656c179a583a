"""The three seed documents end to end: every cell and prose figure of the answer keys, provenance, schema."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal

import pytest

from tests.conftest import GOLD, SHARED, gold_for, requires_seeds


def _accuracy_module():
    spec = importlib.util.spec_from_file_location("accuracy", SHARED / "tools" / "accuracy.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@requires_seeds
def test_every_cell_and_prose_figure_of_the_answer_keys(seeds, parsed_seeds):
    acc = _accuracy_module()
    for seed in seeds:
        if not (GOLD / f"{seed.stem}.json").exists():
            continue
        parsed = json.loads(json.dumps(parsed_seeds[seed.stem].to_dict()))
        counts, misses = acc.score_parsed(parsed, gold_for(seed))
        assert counts["ok"] == counts["cells"], (seed.stem, misses[:10])
        assert counts["extra"] == 0, (seed.stem, misses[:10])
        assert counts["prose_ok"] == counts["prose"], (seed.stem, misses[:10])


@requires_seeds
def test_only_table_7_keeps_undecidable_cells(parsed_seeds):
    """Outside table 7 the identities decide every column; table 7's economic split is not published anywhere."""
    for stem, d in parsed_seeds.items():
        for t in d.tables:
            ambiguous = [r for r in t.rows if r.ambiguous]
            if t.type != "general_budget_projects":
                assert not ambiguous, (stem, t.type, [(r.code, r.ambiguous) for r in ambiguous])


@requires_seeds
def test_ambiguous_values_stay_out_of_values_and_name_their_candidates(parsed_seeds):
    d = parsed_seeds["000_08aa97ad816e85b4"]
    t7 = d.table("general_budget_projects")
    assert t7 is not None
    total = next(r for r in t7.rows if r.kind == "total")
    assert total.values == {"total": Decimal("87.31")}
    amb = {a.value: a.candidates for a in total.ambiguous}
    assert set(amb) == {Decimal("3.02"), Decimal("18.98"), Decimal("65.31")}
    # print order: 3.02 is left of 18.98, which is left of 65.31
    assert amb[Decimal("3.02")][0] == "301" and "399" not in amb[Decimal("3.02")]
    assert amb[Decimal("65.31")][-1] == "399" and "301" not in amb[Decimal("65.31")]
    # the same column must hold 65.31 in the total row and 23.22 + 42.09 below: one group
    groups = {a.group for r in t7.rows for a in r.ambiguous if a.value in (Decimal("65.31"), Decimal("23.22"))}
    assert len(groups) >= 1


@requires_seeds
def test_every_row_points_at_the_line_holding_its_numbers(seeds, parsed_seeds):
    for seed in seeds:
        text = seed.read_text(encoding="utf-8").splitlines()
        d = parsed_seeds[seed.stem]
        for t in d.tables:
            for r in t.rows:
                nums = list(r.values.values()) + [a.value for a in r.ambiguous]
                if not nums:
                    continue
                line = text[r.source.line - 1].replace(",", "")
                for v in nums:
                    assert f"{v:.2f}" in line, (seed.stem, t.type, r.code, r.source.line, v)


@requires_seeds
def test_pages_are_marked_for_space_layout_and_null_for_tab(parsed_seeds):
    space = parsed_seeds["000_08aa97ad816e85b4"]
    tab = parsed_seeds["004_b4b0de6c7b2a5cb7"]
    assert space.source.layout == "space" and tab.source.layout == "tab"
    pages = [r.source.page for t in space.tables for r in t.rows]
    assert all(p is not None for p in pages) and pages == sorted(pages) and pages[-1] > pages[0]
    assert all(r.source.page is None for t in tab.tables for r in t.rows)


@requires_seeds
def test_output_validates_against_the_published_schema(parsed_seeds):
    jsonschema = pytest.importorskip("jsonschema")
    from yusuan.schema import load_schema

    schema = load_schema()
    for d in parsed_seeds.values():
        jsonschema.validate(json.loads(json.dumps(d.to_dict())), schema)


@requires_seeds
def test_profile_and_meta(parsed_seeds):
    d = parsed_seeds["004_b4b0de6c7b2a5cb7"]
    assert d.kind == "单位预算" and d.year == 2025 and d.unit == "万元" and d.published == "2025-02-18"
    assert d.profile.subordinate_units == 0 and len(d.profile.divisions) == 7
    s = d.profile.staffing
    assert (s.authorized, s.actual, s.active, s.active_change, s.retired, s.retired_change) == (64, 60, 53, -1, 7, 1)
    assert len(d.profile.functions) == 9


@requires_seeds
def test_performance_tables(parsed_seeds):
    d = parsed_seeds["000_08aa97ad816e85b4"]
    perf = d.performance
    assert perf.overall is not None and perf.overall.sources == {
        "superior": Decimal("0.00"), "own": Decimal("470.62"), "other": Decimal("0.00")}
    assert [p.budget_total for p in perf.projects] == [Decimal("4.00"), Decimal("65.31"), Decimal("18.00")]
    assert all(p.weight_total() == 90 for p in [perf.overall, *perf.projects])
    tab = parsed_seeds["004_b4b0de6c7b2a5cb7"].performance
    assert tab.overall is None and len(tab.projects) == 8
    first = tab.projects[0]
    assert first.indicators[0].level1 == "产出指标" and first.indicators[0].level3 == "医疗救助补助覆盖范围"
    assert first.weight_total() == 90
