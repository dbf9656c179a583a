"""The store: idempotence, versions, failures in a batch, concurrent loaders, resume after Ctrl-C, read-only SQL,
`documents --format json`; each against SQLite and PostgreSQL (the `db` fixture)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_store_support import ENGINES, ROOT, cli, make_db, run, sample_bytes, write_samples
from yusuan.store import FAILED, LOADED, NEW_VERSION, UNCHANGED, StoreError, open_store, resolve_url
from yusuan.store.rows import analyze


@pytest.fixture(params=ENGINES)
def db(request, tmp_path) -> str:
    return make_db(request.param, tmp_path)


def consistent(store) -> None:
    """Every document points at one of its own versions, and every version has its cells."""
    cols, rows = store.query(
        "select d.id, v.document_id, (select count(*) from cells c where c.version_id = v.id) "
        "from documents d left join versions v on v.id = d.current_version_id")
    assert cols and rows
    for doc_id, owner, n_cells in rows:
        assert owner == doc_id
        assert n_cells > 0
    _, orphans = store.query("select count(*) from versions v where not exists "
                             "(select 1 from cells c where c.version_id = v.id)")
    assert orphans[0][0] == 0


def test_same_file_twice_changes_nothing(db):
    store = open_store(db)
    a = analyze(sample_bytes(0), "a.txt")
    assert store.write(a) == LOADED
    before = store.counts()
    assert before["cells"] == len(a.rows["cells"]) > 50
    assert store.write(a) == UNCHANGED
    assert store.write(analyze(sample_bytes(0), "renamed.txt")) == UNCHANGED  # the bytes decide, not the name
    assert store.counts() == before
    store.close()
    assert open_store(db).counts() == before  # reopening migrates nothing and loses nothing


def test_another_file_of_the_same_identity_is_a_new_current_version(db):
    store = open_store(db)
    first = analyze(sample_bytes(1, fmt="txt"), "one.txt")
    second = analyze(sample_bytes(1, fmt="txt-tab"), "one-tab.txt")
    assert (first.department, first.year, first.kind) == (second.department, second.year, second.kind)
    assert first.sha256 != second.sha256
    assert store.write(first) == LOADED
    assert store.write(second) == NEW_VERSION
    docs = store.documents()
    assert len(docs) == 1
    versions = docs[0]["versions"]
    assert [v["sha256"] for v in versions] == [first.sha256, second.sha256]
    assert [v["current"] for v in versions] == [False, True]
    # the earlier version is kept whole
    _, per_version = store.query("select v.sha256, count(*) from cells c join versions v on v.id = c.version_id "
                                 "group by v.sha256")
    assert {s: n for s, n in per_version} == {first.sha256: len(first.rows["cells"]),
                                              second.sha256: len(second.rows["cells"])}
    consistent(store)


def test_a_failing_file_is_recorded_and_the_batch_goes_on(db, tmp_path):
    folder = tmp_path / "in"
    good = write_samples(folder, 2)
    (folder / "broken.txt").write_text("这不是预算公开文件\n只是几行字\n", encoding="utf-8")
    (folder / "model.json").write_text("{}", encoding="utf-8")  # not a disclosure suffix: not even tried
    r = run("load", str(folder), "--db", db, "-j", "2")
    assert r.returncode == 1, r.stderr
    assert "broken.txt" in r.stderr and "失败 1" in r.stderr and "已入库 2" in r.stderr
    assert "Traceback" not in r.stderr
    store = open_store(db)
    assert len(store.documents()) == len(good)
    failures = store.failures()
    assert [Path(f["source_name"]).name for f in failures] == ["broken.txt"]
    assert failures[0]["reason"]
    # a rerun: the good files are unchanged, the bad one fails again (exit 1), nothing is duplicated
    r2 = run("load", str(folder), "--db", db)
    assert r2.returncode == 1 and "未变化 2" in r2.stderr
    assert len(store.failures()) == 1 and store.counts()["versions"] == 2


def test_load_exit_codes(tmp_path):
    db_path = str(tmp_path / "s.db")
    [p] = write_samples(tmp_path / "in", 1)
    assert run("load", str(p), "--db", db_path).returncode == 0
    assert cli("load", str(p), "--db", db_path).returncode == 0  # already there is fine
    missing = cli("load", str(tmp_path / "nothing-here"), "--db", db_path)
    assert missing.returncode == 2 and "没有找到" in missing.stderr
    assert cli("load", "--db", db_path).returncode == 2
    bad_db = run("load", str(p), "--db", str(tmp_path))
    assert bad_db.returncode == 2 and "目录" in bad_db.stderr and "Traceback" not in bad_db.stderr


def test_documents_json_contract(db, tmp_path):
    folder = tmp_path / "in"
    write_samples(folder, 2)
    write_samples(folder, 1, fmt="txt-tab")
    assert cli("load", str(folder), "--db", db, "-j", "1").returncode == 0
    r = cli("documents", "--db", db, "--format", "json")
    assert r.returncode == 0, r.stderr
    docs = json.loads(r.stdout)
    assert isinstance(docs, list) and len(docs) == 2
    for d in docs:
        assert {"department", "year", "kind", "versions", "findings"} <= set(d)
        assert set(d["findings"]) == {"error", "warning", "info"}
        for v in d["versions"]:
            assert len(v["sha256"]) == 64 and v["source_name"] and v["layout"] and v["loaded_at"]

    def keys(obj):
        if isinstance(obj, dict):
            for k, v in obj.items():
                yield k
                yield from keys(v)
        elif isinstance(obj, list):
            for v in obj:
                yield from keys(v)

    assert [k for k in keys(docs) if "version" in k.lower() and k != "versions"] == []
    assert sorted(len(d["versions"]) for d in docs) == [1, 2]


def test_sql_is_read_only(db, tmp_path):
    [p] = write_samples(tmp_path / "in", 1)
    assert cli("load", str(p), "--db", db, "-j", "1").returncode == 0
    ok = cli("sql", "select count(*) as n from documents", "--db", db, "--format", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout) == [{"n": 1}]
    for statement in ("delete from cells", "drop table findings", "update documents set year = 1999"):
        r = cli("sql", statement, "--db", db)
        assert r.returncode == 2 and "只读" in r.stderr
    store = open_store(db)
    assert store.counts()["cells"] > 0 and store.documents()[0]["year"] == 2025


def test_two_loaders_at_once_no_duplicate_nothing_lost(db, tmp_path):
    folder = tmp_path / "in"
    write_samples(folder, 4)
    write_samples(folder, 4, fmt="txt-tab")
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "yusuan", "load", str(folder), "--db", db, "-j", "1"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    store = open_store(db)
    counts = store.counts()
    assert counts["documents"] == 4 and counts["versions"] == 8 and counts["failures"] == 0
    _, dup = store.query("select sha256, count(*) from versions group by sha256 having count(*) > 1")
    assert dup == []
    reference = open_store(str(tmp_path / "ref.db"))
    for p in sorted(folder.iterdir()):
        reference.write(analyze(p.read_bytes(), str(p)))
    assert reference.counts() == counts
    consistent(store)


@pytest.mark.slow
def test_interrupted_load_is_consistent_and_a_rerun_resumes(db, tmp_path):
    folder = tmp_path / "in"
    write_samples(folder, 14)
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "yusuan", "load", str(folder), "--db", db, "-j", "1"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = 0
    deadline = time.monotonic() + 120
    while seen < 3 and time.monotonic() < deadline:  # interrupt once a few files are in, mid-run
        line = proc.stderr.readline()
        if not line:
            break
        seen += line.startswith("[")
    proc.send_signal(signal.SIGINT)
    _out, rest = proc.communicate(timeout=120)
    assert proc.returncode == 130, rest
    assert "已中断" in rest and "Traceback" not in rest
    store = open_store(db)
    partial = store.counts()["versions"]
    assert 3 <= partial < 14
    consistent(store)
    again = run("load", str(folder), "--db", db, "-j", "2")
    assert again.returncode == 0, again.stderr
    assert f"未变化 {partial}" in again.stderr
    reference = open_store(str(tmp_path / "ref.db"))
    for p in sorted(folder.iterdir()):
        reference.write(analyze(p.read_bytes(), str(p)))
    assert store.counts() == reference.counts()
    consistent(store)


def test_urls():
    sock = "postgresql://me@/budget?host=/run/pg&port=5433"
    assert resolve_url(sock) == "postgresql+psycopg://me@/budget?host=/run/pg&port=5433"
    assert resolve_url("postgres://u:p@h/db").startswith("postgresql+psycopg://")
    assert resolve_url("x.duckdb").startswith("duckdb:///")
    assert resolve_url("x.db").startswith("sqlite:///")
    with pytest.raises(StoreError, match="不支持"):
        resolve_url("mysql://u@h/db")
    with pytest.raises(StoreError, match="不存在"):
        resolve_url("/no/such/dir/x.db")


def test_yusuan_db_environment_variable(tmp_path):
    [p] = write_samples(tmp_path / "in", 1)
    target = tmp_path / "from-env.db"
    assert run("load", str(p), env={"YUSUAN_DB": str(target)}, cwd=tmp_path).returncode == 0
    assert target.is_file() and not (tmp_path / "yusuan.db").exists()


def test_analyze_of_bad_bytes_is_a_reason_not_an_exception():
    a = analyze(b"\x00\x01garbage" * 10, "junk.bin")
    assert not a.ok and a.reason and "junk.bin" in a.reason
    assert a.sha256 and a.rows == {}
    assert FAILED == "failed"


def analyze_or_die(data: bytes, name: str):
    if data.startswith(b"CRASH-THE-WORKER"):
        os._exit(1)  # what a segfault in a PDF library looks like from the pool
    return analyze(data, name)


def test_a_worker_that_dies_fails_its_file_and_the_batch_goes_on(tmp_path, monkeypatch):
    """A crash inside a native reader kills the worker process: that file is failed, the others load."""
    from yusuan.store import load as L

    folder = tmp_path / "in"
    good = write_samples(folder, 3)
    (folder / "crash.txt").write_text("CRASH-THE-WORKER\n", encoding="utf-8")

    monkeypatch.setattr(L, "analyze", analyze_or_die)  # a real worker process really dies; nothing is faked
    store = open_store(str(tmp_path / "s.db"))
    summary = L.load_files(store, sorted(str(p) for p in folder.iterdir()), jobs=2)
    assert [Path(f).name for f, _ in summary.failed] and "crash.txt" in {Path(f).name for f, _ in summary.failed}
    assert summary.counts["loaded"] + summary.counts["failed"] == 4
    # files in flight beside the crash may fail with it; a rerun loads them
    L.load_files(store, [str(p) for p in good], jobs=2)
    assert store.counts()["versions"] == 3


def test_store_is_migrated_once(db):
    first = open_store(db)
    first.close()
    again = open_store(db)
    _, rows = again.query("select number from schema_migrations")
    assert [r[0] for r in rows] == [1]
