"""Fuzz: mutated documents of every format and the hostile files of issue 9, read under a 3 GB address-space
limit and a time limit per file: zero tracebacks, zero hangs, zero internal errors, one `yusuan:` line per
failure, no half-written output. The fast part runs in the suite; `-m slow` runs a larger corpus; the longer run
is `python benchmarks/fuzz.py`."""

from __future__ import annotations

import json

import pytest

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


def test_hostile_files_end_bounded(tmp_path):
    outcomes = _check(tmp_path, hb.bombs_small(), per_file=30)
    assert max(o.seconds for o in outcomes) < 30


def test_mutated_documents_of_every_format(tmp_path):
    _check(tmp_path, hb.fuzz_corpus(seed=7, per_format=6))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 12, 13])
def test_mutated_documents_more(tmp_path, seed):
    _check(tmp_path, hb.fuzz_corpus(seed=seed, per_format=25, documents=4))
