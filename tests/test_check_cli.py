"""The `check` and `rules` commands as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from yusuan.check import RULES
from yusuan.cli import main

from .conftest import SEEDS, requires_seeds

S000 = str(SEEDS / "000_08aa97ad816e85b4.txt")
S002 = str(SEEDS / "002_8d42ec9219589ea7.txt")


@requires_seeds
def test_check_text_grouped_by_severity() -> None:
    res = CliRunner().invoke(main, ["check", S000])
    assert res.exit_code == 0, res.output
    assert "== 警告（warning）2 项 ==" in res.output
    assert "[PF-OVERALL-FUNDS] 部门整体绩效目标表的资金来源与表1 不一致" in res.output and "46.09" in res.output
    assert "第 1165 行" in res.output and "第 82 行" in res.output  # both places, with their lines


@requires_seeds
def test_check_json_one_object_per_document_and_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", S000, str(bad), S002, "--format", "json"])
    assert res.exit_code == 2
    docs = json.loads(res.stdout)
    assert [d["path"] for d in docs] == [S000, S002]
    assert docs[1]["summary"]["error"] == 0 and docs[1]["summary"]["warning"] > 0
    f = docs[0]["findings"][0]
    assert set(f) == {"rule", "category", "severity", "message", "expected", "actual", "difference", "locations"}
    assert set(f["locations"][0]) == {"line", "page", "table", "row", "column", "quote"}
    assert "文件为空" in res.stderr


@requires_seeds
def test_fail_on_thresholds() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", S002, "--fail-on", "error"]).exit_code == 0
    assert runner.invoke(main, ["check", S002, "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(main, ["check", S000, "--fail-on", "info"]).exit_code == 1


def test_rules_list_and_one_rule() -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["rules"])
    assert res.exit_code == 0
    assert len(res.output.strip().splitlines()) == len(RULES)
    assert "XT-BASIC-T5-T6" in res.output and "AR-ROUNDING" in res.output
    for line in res.output.strip().splitlines():  # every line ends in the rule's Chinese title
        rid = line.split()[0]
        assert line.endswith(RULES[rid].title), line
    one = runner.invoke(main, ["rules", "XT-BASIC-T5-T6"])
    assert one.exit_code == 0 and "Example:" in one.output and "cross_table" in one.output
    assert one.output.splitlines()[0] == "XT-BASIC-T5-T6  表6 基本支出总计等于表5 基本支出合计不成立"
    staff = runner.invoke(main, ["rules", "pr-staff-sum"]).output
    assert staff.splitlines()[0] == "PR-STAFF-SUM  在职、退休、离休人数之和不等于实有人数"
    assert staff.index("实有人数") < staff.index("Example:")
    assert runner.invoke(main, ["rules", "NO-SUCH"]).exit_code != 0


def test_docs_rules_md_is_generated_from_registry() -> None:
    res = CliRunner().invoke(main, ["rules", "--markdown"])
    committed = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert committed.read_text(encoding="utf-8") == res.output, "run: yusuan rules --markdown > docs/rules.md"


def test_text_report_names_each_rule_once_with_its_title() -> None:
    from yusuan.check import Finding, Location
    from yusuan.check.report import render_text

    found = [Finding("AR-HIERARCHY", "arithmetic", "error", "表2 甲。", locations=[Location(line=3)]),
             Finding("AR-BALANCE", "arithmetic", "error", "表1 乙。"),
             Finding("AR-HIERARCHY", "arithmetic", "error", "表5 丙。", locations=[Location(line=9)])]
    lines = render_text("x.txt", found).splitlines()
    heads = [ln for ln in lines if ln.startswith("[")]
    assert heads == [f"[AR-HIERARCHY] {RULES['AR-HIERARCHY'].title}（2 项）", f"[AR-BALANCE] {RULES['AR-BALANCE'].title}"]
    i = lines.index(heads[0])
    assert lines[i + 1:i + 5] == ["  表2 甲。", "      第 3 行", "  表5 丙。", "      第 9 行"]


def test_docs_rules_md_headings_carry_the_chinese_title() -> None:
    md = CliRunner().invoke(main, ["rules", "--markdown"]).output
    for r in RULES.values():
        assert f'<a id="{r.id.lower()}"></a>\n\n## {r.id} {r.title}\n' in md, r.id
        assert f"| [{r.id}](#{r.id.lower()}) | {r.title} |" in md, r.id


def test_every_rule_documented() -> None:
    for r in RULES.values():
        assert r.summary and "Example" in r.doc, r.id
        assert r.severity in ("error", "warning", "info")
