"""A small sample of the mutation suite (benchmarks/mutations.py runs ≥ 50 per kind)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from .conftest import requires_seeds

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "mutations.py"


def _module():
    spec = importlib.util.spec_from_file_location("yusuan_mutations", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow  # a round trip: run by CI, left out by -m "not slow"
@requires_seeds
def test_injected_defects_are_detected() -> None:
    mod = _module()
    results = mod.run(per_kind=10, seed=11)
    assert set(results) == set(mod.KINDS)
    for kind, (hit, total) in results.items():
        assert total == 10, kind
        assert hit >= 9, f"{kind}: {hit}/{total}"
    assert sum(h for h, _ in results.values()) >= 0.97 * sum(n for _, n in results.values())


@pytest.mark.slow  # a round trip: run by CI, left out by -m "not slow"
@requires_seeds
def test_changes_that_break_nothing_add_nothing() -> None:
    mod = _module()
    results = mod.run_neutral(per_kind=6, seed=11)
    assert set(results) == set(mod.NEUTRAL_KINDS)
    for kind, (bad, added, total) in results.items():
        assert total == 6, kind
        assert bad == 0 and added == 0, f"{kind}: {bad}/{total} copies added {added} findings"
