"""Issue 16: every document `yusuan sample` writes checks clean (no error, no warning), on many seeds. The full
500 is `python benchmarks/write.py --check 500`; the fast suite checks 60 here, over several seeds, and a few
through the two commands themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.check import check
from yusuan.cli import main
from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.write import build, render


@pytest.mark.parametrize("seed", [1, 23, 456])
def test_sampled_documents_check_clean(seed: int) -> None:
    serious = []
    for i in range(20):
        # as `yusuan sample` writes them: with last year's budget of the same department
        doc = build(department(seed, i), department(seed, i, 2024))
        got = parse_bytes(render(doc, "txt-tab"), f"sample-{seed}-{i}.txt")
        serious += [(i, f.rule, f.message) for f in check(got) if f.severity in ("error", "warning")]
    assert not serious, serious[:10]


def test_sample_command_output_checks_clean(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["sample", "-n", "4", "-o", str(tmp_path), "--seed", "77", "--format", "txt-tab,html"])
    assert res.exit_code == 0, res.output
    files = sorted(tmp_path.glob("*.tab.txt")) + sorted(tmp_path.glob("*.html"))
    assert len(files) == 8
    for f in files:
        out = runner.invoke(main, ["check", str(f), "--format", "json"])
        findings = json.loads(out.output)
        items = findings if isinstance(findings, list) else findings.get("findings") or [
            x for doc in findings.get("documents", []) for x in doc.get("findings", [])]
        serious = [x for x in items if x.get("severity") in ("error", "warning")]
        assert not serious, (f.name, serious[:5])
    text = (tmp_path / "sample-77-0000.tab.txt").read_text(encoding="utf-8")
    assert "比上年预算" in text  # written with last year's changes, as a real document states them
