"""`yusuan sample`: deterministic, varied, valid departments that round-trip through every format a reader exists
for, in varied layouts, and pass `yusuan check` without errors or warnings."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main
from yusuan.parse import parse_bytes
from yusuan.sample import department, sample
from yusuan.write import TextStyle, build, render
from yusuan.write.compare import compare
from yusuan.write.prose import val
from yusuan.write.render_text import render_space

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
    t1, t2 = "income_expenditure_overview", "income_overview"
    for m in corpus:
        for t in m.tables:
            seen[f"{t.type}:{'empty' if t.empty else 'rows'}"] += 1
        for col in ("general_transfer", "fund_transfer", "soe_own", "soe_transfer", "special_account", "unit_funds",
                    "fiscal_carryover", "nonfiscal_carryover"):
            seen[col] += bool(val(m, t2, "total", col))
        for item in ("business_income", "superior_subsidy", "other_income", "fiscal_carryover_fund",
                     "nonfiscal_carryover_unit"):
            seen[item] += bool(val(m, t1, item, "amount"))
        seen["unit_funds_basic"] += any(r.values.get("unit_funds") and
                                        val(m, "expenditure_overview", r.code or "", "basic") >
                                        val(m, "general_budget_expenditure", r.code or "", "basic")
                                        for r in m.table(t2).rows if r.kind == "item")
        seen["vehicles"] += bool(val(m, "three_public", "vehicle", "total"))
        seen["multi_code_project"] += _spans_codes(m)
        seen["long_project_name"] += any(len(r.project or "") > 20 for r in m.table("general_budget_projects").rows)
        seen["specific_indicators"] += any(i.level3 == "培训人次" or i.level3 == "系统正常运行率"
                                           for p in m.performance.projects for i in p.indicators)
        seen[m.kind or ""] += 1
        seen["class:" + next(r.code for r in m.table(t2).rows if r.kind == "class")] += 1
    for key in ("fund_budget_expenditure:rows", "fund_budget_expenditure:empty", "soe_budget_expenditure:rows",
                "soe_budget_expenditure:empty", "carryover:rows", "carryover:empty", "three_public:empty",
                "general_budget_projects:empty", "general_transfer", "fund_transfer", "soe_own", "soe_transfer",
                "special_account", "unit_funds", "fiscal_carryover", "nonfiscal_carryover", "business_income",
                "superior_subsidy", "other_income", "fiscal_carryover_fund", "nonfiscal_carryover_unit",
                "unit_funds_basic", "vehicles", "multi_code_project", "long_project_name", "specific_indicators",
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
        assert val(m, "soe_budget_expenditure", "total", "total") == val(m, "fiscal_overview", "soe", "amount")
        unit = sum((val(m, t1, k, "amount") for k in ("business_income", "superior_subsidy", "affiliated_remittance",
                                                      "operating_income", "other_income")), Decimal(0))
        assert unit == val(m, t1, "unit_funds", "amount")
        s = m.profile.staffing
        assert s.active + s.retired + s.retired_early == s.actual


# ---- check: what the writer writes passes `yusuan check` -----------------------------------------------------

CHECKED = 30


def _table9_projects(m) -> Decimal:
    return val(m, "soe_budget_expenditure", "total", "project")


@pytest.mark.parametrize("with_prior", (False, True), ids=("no-prior", "prior"))
def test_check_finds_no_error_or_warning(with_prior: bool) -> None:
    """No error and no warning on sampled documents read back; the info findings that remain are listed in
    docs/write.md. One warning is a checker gap (reported): NV-PERFORMANCE-SUMMARY leaves table 9's 国有资本经营
    projects out of the 财政拨款项目 amount, so it is accepted only with exactly that difference."""
    from yusuan.check import check

    infos: Counter[str] = Counter()
    for i in range(CHECKED):
        m = department(11, i)
        prior = department(11, i, 2024) if with_prior else None
        got = parse_bytes(render(build(m, prior), "txt-tab"), f"{i}.txt")
        serious = []
        for f in check(got):
            if f.severity == "info":
                infos[f.rule] += 1
            elif not (f.rule == "NV-PERFORMANCE-SUMMARY" and f.actual is not None and f.expected is not None
                      and f.actual - f.expected == _table9_projects(m) != 0):
                serious.append((i, f.rule, f.message))
        assert not serious, serious
    assert set(infos) <= {"CL-REFERENCE", "CP-EXPLANATION", "CP-EXPLANATION-DETAIL", "CP-PERFORMANCE",
                          "PR-OVER-AUTHORIZED"}, infos


def test_prior_year_change_sentences_are_read_as_written() -> None:
    """三公 changes are written after their subject (`公务接待费比上年预算减少…`), so NV-GROWTH pairs each with its
    own amount (it paired `，比上年预算，比上年预算减少…` with the wrong one before)."""
    from yusuan.check import check

    now, before = department(7, 0), department(7, 0, 2024)
    text = render(build(now, before), "txt").decode()
    assert "比上年预算，比上年预算" not in text and "“三公”经费预算比上年预算" in text
    got = parse_bytes(text.encode(), "x.txt")
    assert not [f for f in check(got) if f.rule == "NV-GROWTH"]


# ---- round trips in every format --------------------------------------------------------------------------------

# documents per format: the suite's round trips stay under about 4 minutes on 2 cores
SIZES = {"txt": 200, "txt-tab": 200, "xlsx": 100, "pdf": 40, "docx": 40, "html": 60}


@pytest.mark.slow  # a round trip: run by CI, left out by -m "not slow"
@pytest.mark.parametrize("fmt", list(SIZES))
def test_round_trip(fmt: str) -> None:
    from yusuan.sample.roundtrip import formats, run

    if fmt not in formats():
        pytest.skip(f"no reader for {fmt} here (module missing or no CJK font)")
    outcomes = [run(7, i, fmt) for i in range(SIZES[fmt])]
    unknown = [f"sample {o.index}: {o.result.differences[:3]}" for o in outcomes if not o.ok and not o.known]
    assert not unknown, "\n".join(unknown[:10])
    known = [o for o in outcomes if o.known]
    assert len(known) <= SIZES[fmt] // 4, [(o.index, o.known) for o in known]
    cells = sum(o.result.cells for o in outcomes)
    assert cells > 50 * SIZES[fmt]
    if fmt != "txt" and fmt != "pdf":
        assert sum(o.result.ambiguous for o in outcomes) == 0


def test_styles_vary_and_are_deterministic() -> None:
    from yusuan.sample.style import style

    styles = [style(7, i) for i in range(N)]
    assert styles == [style(7, i) for i in range(N)]
    assert len({s.pdf.ruling for s in styles}) == 3 and len({s.pdf.page for s in styles}) == 3
    assert len({s.pdf.table for s in styles}) >= 4 and len({s.pdf.label_width for s in styles}) >= 10
    assert any(s.pdf.table_rows for s in styles) and any(s.pdf.landscape for s in styles)
    assert any(s.text.width for s in styles) and any(s.text.name_width for s in styles)
    assert any(s.text.page_numbers for s in styles) and any(s.text.blank_lines for s in styles)
    assert sum(s.text == TextStyle() for s in styles) > N // 5  # the plain form stays common


def test_space_text_wraps_like_an_extraction() -> None:
    st = TextStyle(width=30, name_width=10, page_lines=30, table_rows=8, page_numbers=True, blank_lines=True)
    m = department(7, 24)
    doc = build(m)
    text = render_space(doc, st)
    lines = text.splitlines()
    assert "- 3 -" in lines and sum(ln.startswith(" ") and not ln.startswith("  ") for ln in lines) > 20
    prose = [ln for ln in lines if ln and not any(ch.isspace() for ch in ln.strip())]
    assert max(len(ln.strip()) for ln in prose) <= 30
    assert any(ln.strip() and ln.strip()[0].isdigit() and not ln.strip().startswith(("20", "21", "22"))
               for ln in lines)  # a number wrapped mid-way
    assert "" in lines[1:4]  # blank lines between lines
    res = compare(m, parse_bytes(text.encode(), "x.txt"), doc, lossy=True)
    assert res.ok, res.differences[:5]


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
