"""`yusuan demo` from an empty folder: writes the sample, reads and checks it, never overwrites, and still works
without a CJK font (Excel instead of PDF, with the reason)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def demo(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yusuan", "demo", *args], capture_output=True, cwd=cwd, timeout=180,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})})


def test_demo_writes_reads_and_checks_without_overwriting(tmp_path):
    r = demo(tmp_path, env={"YUSUAN_CJK_FONT": str(tmp_path / "no-such-font.ttf")})
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr.decode()
    folder = tmp_path / "yusuan-demo"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["demo-model.json", "demo-txt.check.txt", "demo-txt.parsed.json", "demo-xlsx.check.txt",
                     "demo-xlsx.parsed.json", "demo.txt", "demo.xlsx"]
    assert "中文字体" in out and "与生成时的模型一致" in out and "yusuan check" in out
    model = json.loads((folder / "demo-model.json").read_text(encoding="utf-8"))
    parsed = json.loads((folder / "demo-xlsx.parsed.json").read_text(encoding="utf-8"))
    assert parsed["department"] == model["department"] and len(parsed["tables"]) == len(model["tables"])
    before = (folder / "demo.txt").read_bytes()
    r = demo(tmp_path, "--seed", "3", env={"YUSUAN_CJK_FONT": str(tmp_path / "no-such-font.ttf")})
    assert r.returncode == 0 and (tmp_path / "yusuan-demo-2" / "demo.txt").exists()
    assert (folder / "demo.txt").read_bytes() == before
    r = demo(tmp_path, "-o", str(folder))
    assert r.returncode == 2 and "已存在" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


@pytest.mark.slow
def test_demo_with_a_font_writes_and_reads_a_pdf(tmp_path):
    from yusuan.write.fonts import FontMissing, cjk_font

    try:
        cjk_font()
    except FontMissing:
        pytest.skip("no CJK font on this machine (CI installs fonts-noto-cjk); the fallback is tested above")
    r = demo(tmp_path, "-o", str(tmp_path / "d"))
    assert r.returncode == 0, r.stderr.decode()
    assert "demo.pdf：读出 11 张表" in r.stdout.decode() and (tmp_path / "d" / "demo-pdf.parsed.json").exists()


def test_help_names_only_commands_that_exist():
    r = subprocess.run([sys.executable, "-m", "yusuan", "--help"], capture_output=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    text = r.stdout.decode()
    assert "demo" in text and "parse" in text
    for word, command in (("存储", "load"), ("比较", "compare")):
        assert word not in text.split("Options")[0] or f"  {command}" in text
