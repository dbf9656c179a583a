"""Fuzz: mutated documents of every format and the hostile files of issue 9, read under a 3 GB address-space
limit and a time limit per file: zero tracebacks, zero hangs, zero internal errors, one `yusuan:` line per
failure, no half-written output. The fast part runs in the suite; `-m slow` runs a larger corpus; the longer run
is `python benchmarks/fuzz.py`."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import hostile_build as hb
from tests.fuzz_run import run_corpus


def _check(tmp_path, items, per_file=60.0):
    src = tmp_path / "in"
    src.mkdir()
    files = []
    for name, data in items:
        (src / name).write_bytes(data)
        files.append(src / name)
    out = tmp_path / "out"
    outcomes = run_corpus(files, out, per_file=per_file)
    assert len(outcomes) == len(files)
    bad = {o.path: o.problems() for o in outcomes if o.problems()}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)
    for o in outcomes:  # every input: a result written, or one line naming it
        target = out / (o.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".json")
        if target.exists():
            assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "yusuan.disclosure/1"
        else:
            assert o.status == 1 and any(o.path in ln for ln in o.stderr), o
    assert not list(out.glob(".*.part")) if out.exists() else True
    return outcomes


@pytest.mark.slow
def test_hostile_files_end_bounded(tmp_path):
    outcomes = _check(tmp_path, hb.bombs_small(), per_file=30)
    assert max(o.seconds for o in outcomes) < 30


@pytest.mark.slow
def test_mutated_documents_of_every_format(tmp_path):
    _check(tmp_path, hb.fuzz_corpus(seed=7, per_format=6))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 12, 13])
def test_mutated_documents_more(tmp_path, seed):
    _check(tmp_path, hb.fuzz_corpus(seed=seed, per_format=25, documents=4))


# ---- properties of the readers on arbitrary bytes (hypothesis) ----------------------------------------------------


PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00",
            b"<html><table><tr><td>", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "表1 部门收支总体情况表\n".encode()]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), st.binary(max_size=3000))
def test_any_bytes_are_read_or_refused_with_a_message(prefix, body):
    from yusuan.ingest import IngestError
    from yusuan.parse import read_source

    try:
        doc = read_source(prefix + body, "x.bin")
    except IngestError as e:
        assert str(e).startswith("x.bin：") and "\n" not in str(e)
        return
    for ln in doc.lines:  # whatever was read is valid text: it can be written out
        ln.text.encode("utf-8")
        for c in ln.cells or ():
            c.encode("utf-8")


CJK_TEXT = st.text(alphabet=st.sampled_from("部门预算收支总计合计万元一般公共财政拨款项目支出基本支出，。：0123456789.\n "),
                   min_size=40, max_size=400).filter(lambda t: sum(ch > "\x7f" for ch in t) >= 20)


@settings(max_examples=200, deadline=None)
@given(CJK_TEXT, st.integers(min_value=0), st.sampled_from([b"\xff", b"\x80", b"\xc3", b"\xe4\xb8"]))
def test_a_stray_byte_is_replaced_where_it_is(text, where, stray):
    from yusuan.ingest.text import decode

    cut = where % (len(text) + 1)
    data = text[:cut].encode() + stray + text[cut:].encode()
    notes: list[str] = []
    got = decode(data, "x", notes)
    assert got.replace("\ufffd", "") == text
    assert len(notes) == 1 and f"第 {len(text[:cut].encode()) + 1} 字节" in notes[0]
