"""Hostile and broken inputs (issue 9, reading side): every one ends quickly under a 3 GB address-space limit with
one Chinese line naming the file (and, for a limit, the limit and how to raise it), never a traceback; text
problems are repaired and reported; a batch never stops, never collides with itself and never loses output.
Each input is built in the test (tests/hostile_build.py)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import hostile_build as hb

MEMORY = 3_000_000_000
ROOT = Path(__file__).resolve().parent.parent


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def yusuan(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 60,
           cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "yusuan", *args], input=stdin, capture_output=True,
                          timeout=timeout, preexec_fn=_limit_memory, env=full_env, cwd=cwd)


def refused(r: subprocess.CompletedProcess, name: str, *words: str) -> str:
    err = r.stderr.decode()
    assert r.returncode != 0, err
    assert "Traceback" not in err and "MemoryError" not in err and "内部错误" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0], err
    for w in words:
        assert w in lines[0], err
    return lines[0]


def put(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


# ---- bounded time and memory ------------------------------------------------------------------------------------

def test_a_sheet_declaring_the_whole_grid_is_read_by_its_cells(tmp_path):
    f = put(tmp_path, "dim.xlsx", hb.xlsx_declared_dimension())
    start = time.monotonic()
    r = yusuan("parse", str(f))
    assert time.monotonic() - start < 30
    refused(r, "dim.xlsx", "不像预算")


def test_rows_as_wide_as_the_sheet_stop_at_the_cell_limit(tmp_path):
    f = put(tmp_path, "wide.xlsx", hb.xlsx_wide_rows(20_000))
    r = yusuan("parse", str(f), "--limit", "zip-ratio=100000", "--limit", "cells=1000000")
    refused(r, "wide.xlsx", "单元格数上限", "--limit cells=N", "YUSUAN_LIMIT_CELLS")


@pytest.mark.parametrize("build,name", [(lambda: hb.xlsx_shared_strings_bomb(200), "strings.xlsx"),
                                        (lambda: hb.xlsx_sheet_bomb(200), "sheet.xlsx"),
                                        (lambda: hb.docx_bomb(200), "document.docx")])
def test_zip_bombs_are_refused_from_the_directory(tmp_path, build, name):
    f = put(tmp_path, name, build())
    start = time.monotonic()
    r = yusuan("parse", str(f))
    assert time.monotonic() - start < 20
    refused(r, name, "压缩比", "--limit zip-ratio=N", "YUSUAN_LIMIT_ZIP_RATIO")


def test_the_total_uncompressed_size_is_limited_and_can_be_raised(tmp_path):
    f = put(tmp_path, "strings.xlsx", hb.xlsx_shared_strings_bomb(40))
    r = yusuan("parse", str(f), "--limit", "zip-ratio=100000", "--limit", "unzipped-mb=20")
    refused(r, "strings.xlsx", "解压后", "--limit unzipped-mb=N")
    r = yusuan("parse", str(f), env={"YUSUAN_LIMIT_ZIP_RATIO": "100000", "YUSUAN_LIMIT_UNZIPPED_MB": "20"})
    refused(r, "strings.xlsx", "解压后")
    r = yusuan("parse", str(f), "--limit", "zip-ratio=100000", "--limit", "part-mb=10")
    refused(r, "strings.xlsx", "最大的是 xl/sharedStrings.xml", "--limit part-mb=N")


@pytest.mark.slow
@pytest.mark.parametrize("build,name", [(lambda: hb.xlsx_shared_strings_bomb(1100), "strings.xlsx"),
                                        (lambda: hb.xlsx_sheet_bomb(1100), "sheet.xlsx"),
                                        (lambda: hb.docx_bomb(1100), "document.docx")])
def test_gigabyte_bombs_end_within_a_minute_under_3gb(tmp_path, build, name):
    f = put(tmp_path, name, build())
    r = yusuan("parse", str(f))
    refused(r, name, "超过")


def test_a_zip_directory_that_lies_about_sizes_is_damaged_not_inflated(tmp_path):
    f = put(tmp_path, "lie.docx", hb.lying_zip(64))
    start = time.monotonic()
    r = yusuan("parse", str(f))
    assert time.monotonic() - start < 20
    refused(r, "lie.docx", "损坏")


def test_a_zip_of_many_members_is_refused_before_its_directory_is_built(tmp_path):
    f = put(tmp_path, "many.xlsx", hb.zip_many_members(20_000))
    refused(yusuan("parse", str(f)), "many.xlsx", "部件数上限", "--limit zip-members=N")


def test_xml_entity_expansion_is_not_performed(tmp_path):
    f = put(tmp_path, "laughs.xlsx", hb.xlsx_entity_bomb())
    start = time.monotonic()
    refused(yusuan("parse", str(f)), "laughs.xlsx", "损坏")
    assert time.monotonic() - start < 20


def test_devices_are_not_read_and_pipes_are_bounded(tmp_path):
    refused(yusuan("parse", "/dev/zero", timeout=20), "/dev/zero", "不是普通文件")
    # check and write read models or documents through the same bounded loader
    for command in (("check",), ("write", "-o", str(tmp_path / "w"))):
        r = yusuan(*command, "/dev/zero", timeout=20)
        assert r.returncode == 2 and "不是普通文件" in r.stderr.decode() and "Traceback" not in r.stderr.decode()
    r = yusuan("parse", "-", "--limit", "file-mb=1", stdin=b"x" * (3 << 20))
    refused(r, "<stdin>", "输入文件大小上限", "--limit file-mb=N", "YUSUAN_LIMIT_FILE_MB")


def test_the_file_size_limit_is_checked_before_reading(tmp_path):
    f = tmp_path / "big.txt"
    with open(f, "wb") as out:
        out.truncate(3 << 20)  # sparse: 3 MB of nothing
    refused(yusuan("parse", str(f), "--limit", "file-mb=2"), "big.txt", "文件有 3 MB", "--limit file-mb=N")


def test_pdf_page_limit_and_raising_it(tmp_path):
    f = put(tmp_path, "pages.pdf", hb.text_pdf(["第一行 一二三"], pages=120))
    refused(yusuan("parse", str(f), "--limit", "pdf-pages=100"), "pages.pdf", "PDF 有 120 页", "--limit pdf-pages=N")
    refused(yusuan("parse", str(f), env={"YUSUAN_LIMIT_PDF_PAGES": "100"}), "pages.pdf", "PDF 页数上限")
    r = yusuan("--limit", "pdf-pages=200", "parse", str(f))
    refused(r, "pages.pdf", "不像预算")  # over the limit no more: read, and found not to be a disclosure


def test_bad_limit_values_are_one_line_usage_errors(tmp_path):
    f = put(tmp_path, "a.txt", hb.sample("txt"))
    r = yusuan("parse", str(f), "--limit", "pages=3")
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode() and "file-mb" in r.stderr.decode()
    r = yusuan("parse", str(f), env={"YUSUAN_LIMIT_FILE_MB": "lots"})
    refused(r, "YUSUAN_LIMIT_FILE_MB", "正整数")


# ---- no crash ------------------------------------------------------------------------------------------------------

def test_lone_surrogates_in_a_pdf_text_layer_are_replaced_and_reported(tmp_path):
    f = put(tmp_path, "sur.pdf", hb.surrogate_pdf())
    r = yusuan("parse", str(f))
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(r.stdout.decode("utf-8"))
    notes = [w["message"] for w in d["warnings"] if w["code"] == "ingest"]
    assert any("无效字符" in m and "第 1 页" in m for m in notes), notes
    assert "\ufffd" in json.dumps(d, ensure_ascii=False) and d["tables"]
    r = yusuan("parse", str(f), "--format", "text")
    assert r.returncode == 0 and r.stdout.decode("utf-8")
    out = tmp_path / "out"
    r = yusuan("parse", str(f), "-o", str(out))
    assert r.returncode == 0 and (out / "sur.json").stat().st_size > 1000
    r = yusuan("check", str(f), "--format", "json")
    assert "Traceback" not in r.stderr.decode() and json.loads(r.stdout)["documents"][0]["findings"] is not None


def broken_pdf() -> bytes:
    """A PDF whose second page does not exist (the page tree points at a missing object)."""
    good = hb.text_pdf(["第一页"])
    return good.replace(b"/Kids [6 0 R]", b"/Kids [6 0 R 99 0 R]").replace(b"/Count 1", b"/Count 2")


def test_a_damaged_pdf_is_reported_as_damaged_with_its_page(tmp_path):
    f = put(tmp_path, "broken.pdf", broken_pdf())
    line = refused(yusuan("parse", str(f)), "broken.pdf", "损坏")
    assert "第 2 页" in line


def test_one_bad_file_never_stops_or_empties_a_batch(tmp_path):
    a = put(tmp_path, "a.txt", hb.sample("txt", 1))
    bad = put(tmp_path, "bad.pdf", broken_pdf())
    sur = put(tmp_path, "sur.pdf", hb.surrogate_pdf())
    c = put(tmp_path, "c.txt", hb.sample("txt", 2))
    out = tmp_path / "out"
    r = yusuan("parse", str(a), str(bad), str(sur), str(c), "-o", str(out))
    err = r.stderr.decode()
    assert r.returncode == 1 and "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "c.json", "sur.json"]
    assert all(p.stat().st_size > 1000 for p in out.iterdir())
    assert "1/4 个文件失败" in err and "bad.pdf" in err.strip().splitlines()[-1]
    r = yusuan("check", str(a), str(bad), str(c), "--format", "json")
    report = json.loads(r.stdout)
    assert [Path(d["path"]).name for d in report["documents"]] == ["a.txt", "c.txt"]
    assert [Path(f["path"]).name for f in report["failed"]] == ["bad.pdf"]


def test_an_undecodable_file_name_still_gives_valid_output(tmp_path):
    name = os.fsdecode(b"\xff\xfe-budget.txt")
    f = tmp_path / name
    f.write_bytes(hb.sample("txt"))
    r = yusuan("parse", str(f))
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads(r.stdout.decode("utf-8"))["source"]["path"].endswith("\ufffd\ufffd-budget.txt")
    r = yusuan("check", str(f))
    assert "Traceback" not in r.stderr.decode() and "-budget.txt" in r.stdout.decode("utf-8", "replace")


# ---- text decoding -------------------------------------------------------------------------------------------------

def test_one_stray_byte_is_replaced_and_reported_at_its_true_position(tmp_path):
    data, at = hb.stray_byte(hb.sample("txt"))
    assert at > 5000
    f = put(tmp_path, "stray.txt", data)
    r = yusuan("parse", str(f))
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(r.stdout)
    notes = [w["message"] for w in d["warnings"] if w["code"] == "ingest"]
    assert any(f"第 {at + 1} 字节" in m for m in notes), notes
    assert len(d["tables"]) == len(json.loads(yusuan("parse", str(put(tmp_path, "ok.txt", hb.sample("txt"))))
                                              .stdout)["tables"])


def test_a_file_cut_mid_character_gives_what_could_be_read(tmp_path):
    f = put(tmp_path, "cut.txt", hb.cut_mid_character(hb.sample("txt")))
    r = yusuan("parse", str(f))
    assert "Traceback" not in r.stderr.decode()
    d = json.loads(r.stdout)
    assert len(d["tables"]) >= 10
    assert any("不完整" in w["message"] for w in d["warnings"])


def test_utf16_html_with_a_bom_is_read_as_a_page(tmp_path):
    f = put(tmp_path, "page.html", hb.html_utf16())
    r = yusuan("parse", str(f))
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(r.stdout)
    assert d["source"]["layout"] == "html" and len(d["tables"]) >= 10


def test_utf32_is_not_taken_for_utf16(tmp_path):
    f = put(tmp_path, "u32.txt", hb.text_utf32())
    r = yusuan("parse", str(f))
    assert r.returncode == 0, r.stderr.decode()
    assert len(json.loads(r.stdout)["tables"]) >= 10


def test_decode_unit_cases():
    from yusuan.ingest import IngestError
    from yusuan.ingest.text import decode

    text = "部门预算公开说明\n" * 50
    notes: list[str] = []
    assert decode(b"\xff\xfe\x00\x00" + text.encode("utf-32-le"), "x", notes) == text and not notes
    assert decode(b"\xfe\xff" + text.encode("utf-16-be"), "x") == text
    assert decode(text.encode("gbk"), "x") == text
    with pytest.raises(IngestError, match="第 4 字节"):
        decode(b"abc" + b"\x80" * 500, "x")


# ---- batch output ---------------------------------------------------------------------------------------------------

def test_same_file_names_in_different_folders_do_not_collide(tmp_path):
    a = put(tmp_path, "x/doc.txt", hb.sample("txt", 1))
    b = put(tmp_path, "y/doc.txt", hb.sample("txt", 2))
    c = put(tmp_path, "z/doc-2.txt", hb.sample("txt", 3))
    out = tmp_path / "out"
    r = yusuan("parse", str(a), str(b), str(c), "-o", str(out))
    assert r.returncode == 0, r.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == ["doc-2.json", "doc-3.json", "doc.json"]
    assert json.loads((out / "doc.json").read_text())["source"]["path"] == str(a)
    assert json.loads((out / "doc-3.json").read_text())["source"]["path"] == str(b)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    r = yusuan("parse", str(a), str(b), str(c), "-o", str(out))
    assert r.returncode == 1 and r.stderr.decode().count("已存在") == 3
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_output_names_unit():
    from yusuan.cli.batch import output_names

    assert output_names(["a/d.txt", "b/d.pdf", "c/e.txt", "D.xlsx"], ".json") == \
        ["d.json", "d-2.json", "e.json", "D-3.json"]
    assert output_names(["a/x-2.txt", "b/x.txt", "c/x.txt"], ".json") == ["x-2.json", "x.json", "x-3.json"]


def test_several_inputs_without_o_print_one_json_document_or_json_lines(tmp_path):
    a = put(tmp_path, "a.txt", hb.sample("txt", 1))
    b = put(tmp_path, "b.txt", hb.sample("txt", 2))
    r = yusuan("parse", str(a), str(b))
    docs = json.loads(r.stdout)
    assert isinstance(docs, list) and [Path(d["source"]["path"]).name for d in docs] == ["a.txt", "b.txt"]
    r = yusuan("parse", str(a), str(b), "--format", "jsonl")
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 2 and [json.loads(ln)["source"]["path"] for ln in lines] == [str(a), str(b)]
    assert isinstance(json.loads(yusuan("parse", str(a)).stdout), dict)
    r = yusuan("parse", str(a), str(tmp_path / "missing.txt"))
    assert [Path(d["source"]["path"]).name for d in json.loads(r.stdout)] == ["a.txt"] and r.returncode == 1


# ---- folders ---------------------------------------------------------------------------------------------------------

def test_folders_are_walked_recursively_in_a_stable_order(tmp_path):
    put(tmp_path, "in/b.txt", hb.sample("txt", 2))
    put(tmp_path, "in/sub/a.txt", hb.sample("txt", 1))
    put(tmp_path, "in/a.html", hb.sample("html", 1))
    put(tmp_path, "in/notes.md", b"# not read")
    put(tmp_path, "in/.hidden/c.txt", b"not read")
    put(tmp_path, "in/bad.pdf", broken_pdf())
    r = yusuan("parse", str(tmp_path / "in"), "--format", "jsonl")
    paths = [Path(json.loads(ln)["source"]["path"]).relative_to(tmp_path / "in").as_posix()
             for ln in r.stdout.decode().splitlines()]
    assert paths == ["a.html", "b.txt", "sub/a.txt"]
    err = r.stderr.decode()
    assert r.returncode == 1 and "1/4 个文件失败" in err and "bad.pdf" in err.splitlines()[-1]
    assert "━" not in err  # no progress bar when stderr is not a terminal
    r = yusuan("check", str(tmp_path / "in"), "--format", "json")
    assert len(json.loads(r.stdout)["documents"]) == 3


def test_an_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    r = yusuan("parse", str(tmp_path / "empty"))
    first = r.stderr.decode().splitlines()[0]
    assert r.returncode == 1 and "empty" in first and "没有 yusuan 能读取的文件" in first


def test_expand_inputs_unit(tmp_path):
    from yusuan.cli.inputs import expand_inputs

    for name in ("B.PDF", "a/z.txt", "a/y.docx", "c.md"):
        put(tmp_path, name, b"x")
    got = expand_inputs([str(tmp_path), "-"])
    assert [Path(p).relative_to(tmp_path).as_posix() if p != "-" else p for p in got] == \
        ["B.PDF", "a/y.docx", "a/z.txt", "-"]
    assert got.folders and not expand_inputs(["-"]).folders


def test_a_progress_bar_on_a_terminal_only(tmp_path):
    import pty
    import select

    folder = tmp_path / "many"
    for i in range(12):
        put(folder, f"{i:02d}.txt", b"")  # empty files: quick failures, the bar still advances
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"}
    p = subprocess.Popen([sys.executable, "-m", "yusuan", "parse", str(folder)], stdout=subprocess.DEVNULL,
                         stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait(timeout=60)
    os.close(master)
    shown = b"".join(chunks).decode("utf-8", errors="replace")
    assert "读取" in shown and "/12" in shown, shown
    assert "12/12 个文件失败" in shown


def test_the_library_entry_point_is_bounded_too(tmp_path):
    from yusuan.ingest import IngestError
    from yusuan.ingest.limits import overriding
    from yusuan.parse import parse_bytes, parse_path

    with pytest.raises(IngestError, match="不是普通文件"):
        parse_path("/dev/zero")
    f = tmp_path / "big.txt"
    with open(f, "wb") as out:
        out.truncate(3 << 20)
    with overriding({"file-mb": 2}), pytest.raises(IngestError, match="--limit file-mb=N"):
        parse_path(f)
    with overriding({"file-mb": 1}), pytest.raises(IngestError, match="输入文件大小上限 1 MB"):
        parse_bytes(b" " * (2 << 20), "x.txt")


def test_a_long_run_of_digits_in_the_prose_is_read_in_linear_time(tmp_path):
    """A figure is never started from inside a number: before, every digit of a run restarted the prose regex (a
    10,400-digit line took 19 s, 40,000 digits several minutes)."""
    text = hb.sample("txt").decode("utf-8")
    at = text.index("第三部分")
    f = put(tmp_path, "digits.txt", (text[:at] + "第三部分\n" + "9" * 40_000 + "万元。\n" + text[at:]).encode("utf-8"))
    r = yusuan("parse", str(f), timeout=60)
    assert r.returncode == 0 and "Traceback" not in r.stderr.decode()


def test_a_superscript_digit_in_a_numbering_row_is_no_column_number():
    """`str.isdigit()` takes `²`, `int()` does not: a mutated PDF with one in its numbering row was an internal
    error. Column numbers are ASCII digits."""
    from yusuan.ingest.pdf import Word, _is_numbering

    def row(*texts: str) -> list[Word]:
        return [Word(t, 100.0 * i, 100.0 * i + 8, 10.0, 20.0) for i, t in enumerate(texts)]

    assert _is_numbering(row("※", "1", "2", "3"))
    assert not _is_numbering(row("※", "1", "²", "3"))
    assert not _is_numbering(row("※", "1", "2", "³"))
