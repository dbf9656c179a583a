"""The model's JSON form is complete: a parsed document written to JSON and read back is equal to the original,
sources, ambiguities, resolved_by and warnings included (a property over sampled documents, read from each
layout the writer makes)."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.model import Ambiguity, Disclosure, Row, Source
from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.write import build, render
from yusuan.write.model_io import disclosure_from_dict


def through_json(d: Disclosure) -> Disclosure:
    return disclosure_from_dict(json.loads(json.dumps(d.to_dict(), ensure_ascii=False)))


def comparable(d: Disclosure) -> Disclosure:
    """The model without what is not part of its JSON form: the source's line texts and places (the reader's, kept
    for quotes) and each row's printed numbers in print order (the reader's working data)."""
    out = replace(d, line_texts={}, line_places={})
    out.tables = [replace(t, rows=[replace(r, printed=[]) for r in t.rows]) for t in d.tables]
    return out


def parsed(seed: int, index: int, layout: str) -> Disclosure:
    prior = department(seed, index, 2024)
    text = render(build(department(seed, index), prior), layout)
    return parse_bytes(text, f"sample-{seed}-{index}.txt")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), index=st.integers(0, 50), layout=st.sampled_from(["txt", "txt-tab"]))
def test_a_parsed_document_survives_its_json(seed: int, index: int, layout: str) -> None:
    d = parsed(seed, index, layout)
    back = through_json(d)
    assert back.to_dict() == d.to_dict()
    assert comparable(back) == comparable(d)
    # the property is about provenance too: a parsed document has it to lose
    assert any(r.source.line for t in d.tables for r in t.rows)
    assert d.template and back.template == d.template


def test_ambiguities_resolved_by_and_warnings_survive() -> None:
    d = department(3, 1)
    t = d.tables[1]
    t.rows[0].ambiguous = [Ambiguity(Decimal("12.34"), ["general_own", "fund_own"], "g1")]
    t.rows[0].resolved_by = ["income_overview:total = fiscal_subtotal + unit_funds"]
    t.rows[0].source = Source(line=40, lines=(40, 41), page=3)
    t.rows[0].code_printed = "21001"
    d.warn("表2第40行：金额未能归入任何一行", line=40, page=3)
    d.parts["tables"] = Source(line=30, lines=(30, 200), page=2)
    back = through_json(d)
    assert comparable(back) == comparable(d)
    row: Row = back.tables[1].rows[0]
    assert row.ambiguous[0].candidates == ["general_own", "fund_own"] and row.source.lines == (40, 41)
    assert back.warnings[0].page == 3 and back.parts["tables"].lines == (30, 200)
