"""`yusuan parse` as a user runs it: stdout, files, stdin, and every kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import requires_seeds

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "002_8d42ec9219589ea7.txt"


def yusuan(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yusuan", *args], input=stdin, capture_output=True, cwd=cwd,
                          timeout=120)


@requires_seeds
def test_parse_prints_json_and_text():
    r = yusuan("parse", str(SEED))
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(r.stdout)
    assert d["schema"] == "yusuan.disclosure/1" and d["source"]["layout"] == "space"
    assert d["department"] == "轮台县医疗保障局"
    r = yusuan("parse", str(SEED), "--format", "text")
    out = r.stdout.decode()
    assert r.returncode == 0 and "部门收入总体情况表" in out and "1,712.47" in out


@requires_seeds
def test_stdin_and_output_directory_never_overwrites(tmp_path):
    r = yusuan("parse", "-", stdin=SEED.read_bytes())
    assert r.returncode == 0 and json.loads(r.stdout)["source"]["path"] == "<stdin>"
    out = tmp_path / "out"
    r = yusuan("parse", str(SEED), str(SEED.with_name("000_08aa97ad816e85b4.txt")), "-o", str(out))
    assert r.returncode == 0, r.stderr.decode()
    written = sorted(p.name for p in out.iterdir())
    assert written == ["000_08aa97ad816e85b4.json", "002_8d42ec9219589ea7.json"]
    before = (out / "002_8d42ec9219589ea7.json").read_bytes()
    (out / "002_8d42ec9219589ea7.json").write_text("mine", encoding="utf-8")
    r = yusuan("parse", str(SEED), "-o", str(out))
    assert r.returncode == 1 and "已存在" in r.stderr.decode()
    assert (out / "002_8d42ec9219589ea7.json").read_text(encoding="utf-8") == "mine"
    r = yusuan("parse", str(SEED), "-o", str(out), "--force")
    assert r.returncode == 0 and (out / "002_8d42ec9219589ea7.json").read_bytes() == before


@pytest.mark.parametrize("name,content,expect", [
    ("empty.txt", b"", "文件为空"),
    ("binary.txt", bytes(range(256)) * 20, "不是文本文件"),
    ("letter.txt", "这是一封普通的信。\n明天开会讨论工作安排。\n".encode(), "不像预算"),
    ("latin1.txt", "caf\xe9 na\xefve r\xe9sum\xe9 ".encode("latin-1") * 50, "编码"),
])
def test_bad_input_gives_one_chinese_line_naming_the_file(tmp_path, name, content, expect):
    f = tmp_path / name
    f.write_bytes(content)
    r = yusuan("parse", str(f))
    err = r.stderr.decode().strip()
    assert r.returncode != 0
    assert len(err.splitlines()) == 1 and name in err and expect in err, err
    assert "Traceback" not in err


def test_missing_file_and_directory(tmp_path):
    r = yusuan("parse", str(tmp_path / "nope.txt"))
    assert r.returncode != 0 and "不存在" in r.stderr.decode()
    r = yusuan("parse", str(tmp_path))
    assert r.returncode != 0 and "目录" in r.stderr.decode()


@requires_seeds
def test_truncated_document_yields_what_was_read_with_a_warning(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:230]), encoding="utf-8")  # stops inside table 2
    r = yusuan("parse", str(cut))
    assert r.returncode != 0
    err = r.stderr.decode()
    assert "cut.txt" in err and "截断" in err and "Traceback" not in err
    d = json.loads(r.stdout)
    assert [t["type"] for t in d["tables"]][:2] == ["income_expenditure_overview", "income_overview"]
    assert any(w["code"] == "truncated" for w in d["warnings"])


@requires_seeds
def test_a_batch_goes_on_after_a_bad_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "o"
    r = yusuan("parse", str(bad), str(SEED), "-o", str(out))
    assert r.returncode == 1
    assert (out / "002_8d42ec9219589ea7.json").exists()
    assert "1/2" in r.stderr.decode()


def test_schema_command_prints_the_schema():
    r = yusuan("schema")
    assert r.returncode == 0 and json.loads(r.stdout)["$id"] == "yusuan.disclosure/1"
