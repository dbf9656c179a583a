"""`yusuan write` on hostile or careless input (issue 9): a model is validated as it is read, with one Chinese
line naming the field; text cells of a workbook are never formulas; output names stay inside `-o`; `-o -` writes
one text format to standard output or refuses; a failing format leaves no half-done output; a prior model of
another department or year is refused unless forced."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yusuan.cli import main
from yusuan.sample import department


def _model(tmp_path: Path, edit: Any = None, name: str = "m.json", raw: str | None = None) -> Path:
    data = department(3, 4).to_dict()
    if edit is not None:
        edit(data)
    p = tmp_path / name
    p.write_text(raw if raw is not None else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def _write(*args: str) -> Any:
    return CliRunner().invoke(main, ["write", *args])


def _one_line_error(res: Any, *words: str) -> None:
    assert res.exit_code != 0
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.output
    message = res.output.strip()
    assert "\n" not in message, message
    for w in words:
        assert w in message, message


def _first_value(data: dict[str, Any]) -> dict[str, Any]:
    return next(r for t in data["tables"] for r in t["rows"] if r["values"])


@pytest.mark.parametrize("edit,words", [
    (lambda d: d.update(year="abc"), ("year", "整数")),
    (lambda d: d["profile"]["staffing"].update(authorized="22", actual="21"), ("profile.staffing.authorized",)),
    (lambda d: d.update(department="局" * 100_000), ("department", "过长")),
    (lambda d: _first_value(d)["values"].update(total="1e400"), ("values.total", "应为数字")),
    (lambda d: _first_value(d)["values"].update(total="NaN"), ("values.total",)),
    (lambda d: d["narrative"]["statements"][0].update(value="Infinity") if d["narrative"]["statements"]
     else _first_value(d)["values"].update(total="Infinity"), ("value",)),
    (lambda d: d.update(year=True), ("year",)),
    (lambda d: d["tables"][0].update(rows="x"), ("tables[0].rows", "数组")),
    (lambda d: d.update(published="2025-13-45"), ("published",)),
], ids=["year-text", "staffing-strings", "long-name", "1e400-text", "NaN-text", "Infinity-text", "year-bool",
        "rows-not-list", "bad-date"])
def test_bad_model_field_is_named(tmp_path: Path, edit: Any, words: tuple[str, ...]) -> None:
    res = _write(str(_model(tmp_path, edit)), "-o", str(tmp_path / "out"))
    _one_line_error(res, "m.json", *words)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("literal", ["1e400", "NaN", "Infinity", "-Infinity"])
def test_non_finite_json_numbers_are_refused(tmp_path: Path, literal: str) -> None:
    """JSON numbers that Python reads as inf/nan (`1e400`, and the non-standard `NaN`) never reach a renderer."""
    data = department(3, 4).to_dict()
    row = _first_value(data)
    row["values"]["total"] = 12345.67
    raw = json.dumps(data, ensure_ascii=False).replace("12345.67", literal, 1)
    res = _write(str(_model(tmp_path, raw=raw)), "-o", str(tmp_path / "out"), "--format", "txt")
    _one_line_error(res, "values.total", "有限数字")


def test_text_cells_are_never_formulas(tmp_path: Path) -> None:
    hostile = ["=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\")"]

    def edit(d: dict[str, Any]) -> None:
        d["department"] = hostile[0]
        rows = [r for t in d["tables"] for r in t["rows"] if r.get("name")]
        for r, text in zip(rows, hostile[1:] * 20, strict=False):
            r["name"] = text

    res = _write(str(_model(tmp_path, edit)), "-o", str(tmp_path / "out"), "--format", "xlsx")
    assert res.exit_code == 0, res.output
    data = (tmp_path / "out" / "m.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    texts = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert hostile[0] in " ".join(texts) and "+SUM(A1:A9)" in texts
    assert all(c.data_type != "f" for ws in wb for row in ws.iter_rows() for c in row)


@pytest.mark.parametrize("name", ["../../x", "/tmp/x", "a/b", "..", ".hidden", "a\\b"])
def test_name_is_confined_to_the_output_folder(tmp_path: Path, name: str) -> None:
    out = tmp_path / "deep" / "out"
    res = _write(str(_model(tmp_path)), "-o", str(out), "--name", name, "--format", "txt")
    _one_line_error(res, "--name")
    assert not any(p.is_file() for p in tmp_path.rglob("*") if p.name != "m.json")


def test_plain_name_is_used(tmp_path: Path) -> None:
    res = _write(str(_model(tmp_path)), "-o", str(tmp_path / "out"), "--name", "局2025", "--format", "txt")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "局2025.txt").is_file()


def test_output_dash_writes_one_text_format_to_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["write", str(_model(tmp_path)), "-o", "-", "--format", "html"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("<!DOCTYPE html>") and "部门收支总体情况表" in res.output
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("fmt", ["txt,html", "pdf", "xlsx", "txt,txt-tab,html,xlsx,docx,pdf"])
def test_output_dash_refuses_binary_or_several(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    res = _write(str(_model(tmp_path)), "-o", "-", "--format", fmt)
    _one_line_error(res, "-o -")
    assert not (tmp_path / "-").exists()


def test_a_failing_format_leaves_nothing_half_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF cannot be drawn (its font is missing): the text formats before it are not written either, and the
    message says that nothing was written."""
    monkeypatch.setenv("YUSUAN_CJK_FONT", str(tmp_path / "missing.ttf"))
    out = tmp_path / "out"
    res = _write(str(_model(tmp_path)), "-o", str(out), "--format", "txt,html,pdf")
    _one_line_error(res, "未写出任何文件")
    assert not out.exists() or not any(out.iterdir())


def _prior(tmp_path: Path, **change: Any) -> Path:
    data = department(3, 4, 2024).to_dict()
    data.update(change)
    p = tmp_path / "prior.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


@pytest.mark.parametrize("change,word", [({"department": "另一个县财政局"}, "部门不同"), ({"year": 2022}, "年度相差"),
                                         ({"year": 2025}, "年度相差")])
def test_prior_of_another_department_or_year_is_refused(tmp_path: Path, change: dict[str, Any], word: str) -> None:
    res = _write(str(_model(tmp_path)), "-o", str(tmp_path / "out"), "--prior", str(_prior(tmp_path, **change)),
                 "--format", "txt")
    _one_line_error(res, "prior.json", word, "--force-prior")
    assert not (tmp_path / "out").exists()
    forced = _write(str(_model(tmp_path)), "-o", str(tmp_path / "out"), "--prior", str(_prior(tmp_path, **change)),
                    "--format", "txt", "--force-prior")
    assert forced.exit_code == 0, forced.output


def test_prior_of_last_year_is_accepted(tmp_path: Path) -> None:
    res = _write(str(_model(tmp_path)), "-o", str(tmp_path / "out"), "--prior", str(_prior(tmp_path)),
                 "--format", "txt")
    assert res.exit_code == 0, res.output
    assert "比上年预算" in (tmp_path / "out" / "m.txt").read_text(encoding="utf-8")


def test_old_models_still_load(tmp_path: Path) -> None:
    """A `yusuan.disclosure/1` model without the kept prose or goals (written before them) still writes."""
    def edit(d: dict[str, Any]) -> None:
        for s in d["narrative"].get("sections", []):
            s.pop("heading", None)
            s.pop("paragraphs", None)
        for p in d["performance"]["projects"]:
            p.pop("goals", None)

    res = _write(str(_model(tmp_path, edit)), "-o", str(tmp_path / "out"), "--format", "txt")
    assert res.exit_code == 0, res.output
