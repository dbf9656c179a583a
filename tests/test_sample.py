"""`yusuan sample`: deterministic, varied, valid departments that round-trip through the text layouts."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main
from yusuan.parse import parse_bytes
from yusuan.sample import department, sample
from yusuan.write import build, render
from yusuan.write.compare import compare
from yusuan.write.prose import val

N = 200


@pytest.fixture(scope="module")
def corpus():
    return sample(N, seed=7)


def test_deterministic_for_a_seed() -> None:
    assert department(7, 5).to_dict() == department(7, 5).to_dict()
    assert department(7, 5).to_dict() != department(8, 5).to_dict()
    assert render(build(department(7, 5)), "txt") == render(build(department(7, 5)), "txt")


def test_structures_vary(corpus) -> None:
    seen: Counter[str] = Counter()
    for m in corpus:
        for t in m.tables:
            seen[f"{t.type}:{'empty' if t.empty else 'rows'}"] += 1
        seen["transfer"] += bool(val(m, "income_overview", "total", "general_transfer"))
        seen["unit_funds"] += bool(val(m, "income_overview", "total", "unit_funds"))
        seen["vehicles"] += bool(val(m, "three_public", "vehicle", "total"))
        seen["multi_code_project"] += _spans_codes(m)
        seen[m.kind or ""] += 1
        seen["class:" + next(r.code for r in m.table("income_overview").rows if r.kind == "class")] += 1
    for key in ("fund_budget_expenditure:rows", "fund_budget_expenditure:empty", "carryover:rows", "carryover:empty",
                "general_budget_projects:empty", "transfer", "unit_funds", "vehicles", "multi_code_project",
                "部门预算", "单位预算"):
        assert 0 < seen[key] < N, key
    assert len([k for k in seen if k.startswith("class:")]) >= 5


def _spans_codes(m) -> bool:
    codes: dict[str, set[str]] = {}
    for r in m.table("general_budget_projects").rows:
        if r.kind == "project":
            codes.setdefault(r.project, set()).add(r.code)
    return any(len(c) > 1 for c in codes.values())


def test_identities_hold(corpus) -> None:
    for m in corpus[:50]:
        t1, t2, t3, t5 = ("income_expenditure_overview", "income_overview", "expenditure_overview",
                          "general_budget_expenditure")
        total = val(m, t2, "total", "total")
        assert val(m, t1, "income_total", "amount") == total == val(m, t3, "total", "total")
        assert val(m, t1, "expenditure_total", "amount") == total
        assert val(m, t3, "total", "basic") + val(m, t3, "total", "project") == total
        assert val(m, "general_budget_basic", "total", "total") == val(m, t5, "total", "basic")
        assert val(m, "general_budget_projects", "total", "total") == val(m, t5, "total", "project")
        s = m.profile.staffing
        assert s.active + s.retired + s.retired_early == s.actual


def test_checker_finds_nothing_serious(corpus) -> None:
    check = pytest.importorskip("yusuan.check").check
    for m in corpus[:15]:
        got = parse_bytes(render(build(m), "txt-tab"), f"{m.department}.txt")
        serious = [f for f in check(got) if f.severity not in ("info",)]
        assert not serious, [(f.rule, f.message) for f in serious]


def test_round_trip_text_layouts(corpus) -> None:
    start = time.perf_counter()
    failures: list[str] = []
    cells = ambiguous = 0
    for i, m in enumerate(corpus):
        doc = build(m)
        for fmt, lossy in (("txt", True), ("txt-tab", False)):
            res = compare(m, parse_bytes(render(doc, fmt), f"{i}.{fmt}"), doc, lossy=lossy)
            cells += res.cells
            ambiguous += res.ambiguous
            if not res.ok:
                failures.append(f"sample {i} {fmt}: {res.differences[:3]}")
    assert not failures, "\n".join(failures[:10])
    assert cells > 50 * N
    assert ambiguous < cells // 5  # space layout: only table 7's 经济分类 columns stay undecided
    assert time.perf_counter() - start < 120


@pytest.mark.parametrize("fmt,module", (("pdf", "yusuan.ingest.pdf"), ("xlsx", "yusuan.ingest.xlsx")))
def test_round_trip_binary_formats(corpus, fmt: str, module: str) -> None:
    pytest.importorskip(module, reason=f"the {fmt} reader is being written")
    if fmt == "pdf":
        from yusuan.write.fonts import FontMissing, cjk_font

        try:
            cjk_font()
        except FontMissing:
            pytest.skip("no CJK font installed")
    count = 60 if fmt == "xlsx" else 15
    failures = []
    for i, m in enumerate(corpus[:count]):
        doc = build(m)
        res = compare(m, parse_bytes(render(doc, fmt), f"{i}.{fmt}"), doc)
        if not res.ok:
            failures.append(f"sample {i}: {res.differences[:3]}")
    assert not failures, "\n".join(failures[:10])


def test_sample_command(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    r = CliRunner().invoke(main, ["sample", "-n", "3", "-o", str(out), "--seed", "7", "--format", "txt,txt-tab"])
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"sample-7-000{i}{ext}" for i in range(3) for ext in (".json", ".txt", ".tab.txt"))
    model = json.loads((out / "sample-7-0001.json").read_text(encoding="utf-8"))
    assert model == json.loads(json.dumps(department(7, 1).to_dict()))
    r = CliRunner().invoke(main, ["sample", "-n", "1", "-o", str(out), "--seed", "7", "--format", "txt"])
    assert r.exit_code != 0 and "已存在" in r.output
