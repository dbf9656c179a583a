"""`load --engine dask` for real: a LocalCluster of two worker processes loads sampled documents into the store
(PostgreSQL at $YUSUAN_TEST_PG, and SQLite); one worker process is killed mid-run and the store still holds every
document exactly once."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_store_support import ENGINES, cli, make_db, write_samples
from yusuan.store import FAILED, LOADED, NEW_VERSION, UNCHANGED, open_store
from yusuan.store.engines import load_dask
from yusuan.store.rows import analyze

distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install '.[scale]')")

N_DOCS = 24
KILL_AFTER = 4  # files reported before one worker is killed


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_samples(tmp_path_factory.mktemp("corpus"), N_DOCS)


@pytest.fixture(params=ENGINES)
def db(request, tmp_path) -> str:
    return make_db(request.param, tmp_path)


def kill_a_busy_worker(client: Any) -> int:
    """SIGKILL the process of a worker that has tasks running or queued; returns its pid."""
    pids: dict[str, int] = client.run(os.getpid)
    busy = [addr for addr, keys in client.processing().items() if keys and addr in pids]
    assert busy, "no worker had work left to lose: the kill would prove nothing"
    pid = pids[busy[0]]
    os.kill(pid, signal.SIGKILL)
    return pid


@pytest.mark.slow
def test_a_killed_worker_loses_no_document_and_duplicates_none(client, corpus, db):
    store = open_store(db)
    killed: list[int] = []
    reported: list[tuple[str, str]] = []

    def report(path: str, status: str, _reason: str | None) -> None:
        reported.append((path, status))
        if len(reported) == KILL_AFTER:
            killed.append(kill_a_busy_worker(client))

    summary = load_dask(store, [str(p) for p in corpus], report=report, client=client)

    assert killed, "the run ended before a worker was killed"
    client.wait_for_workers(2, timeout=60)
    assert killed[0] not in client.run(os.getpid).values()  # the process really died (its nanny started another)
    assert summary.counts[FAILED] == 0, summary.failed
    # a file the dead worker had committed comes back as unchanged on the re-run: stored, never twice
    assert summary.counts[LOADED] + summary.counts[NEW_VERSION] + summary.counts[UNCHANGED] == N_DOCS
    assert sorted(p for p, _ in reported) == sorted(str(p) for p in corpus)

    analyses = [analyze(p.read_bytes(), str(p)) for p in corpus]
    counts = store.counts()
    assert counts["versions"] == N_DOCS
    # two sampled departments may share a name: one document, two versions
    assert counts["documents"] == len({(a.department, a.year, a.kind) for a in analyses})
    _, per_version = store.query("select v.sha256, count(*) from versions v join cells c on c.version_id = v.id "
                                 "group by v.sha256")
    expected = {a.sha256: len(a.rows["cells"]) for a in analyses}
    assert dict(per_version) == expected  # each document's cells exactly once
    store.close()


def test_a_second_dask_run_changes_nothing(client, corpus, tmp_path):
    db = str(tmp_path / "again.db")
    store = open_store(db)
    first = load_dask(store, [str(p) for p in corpus[:10]], client=client)
    before = store.counts()
    second = load_dask(store, [str(p) for p in corpus[:10]], client=client)
    assert first.counts[LOADED] + first.counts[NEW_VERSION] == 10 and not first.failed
    assert second.counts[UNCHANGED] == 10 and store.counts() == before
    store.close()


def test_cli_engine_dask_with_a_listing_and_a_missing_file(corpus, tmp_path):
    """The command starts its own LocalCluster (-j 2); files come from a listing; a missing one is listed as failed
    and the others are stored."""
    listing = tmp_path / "files.txt"
    missing = tmp_path / "gone.txt"
    listing.write_text("# 共享目录中的文件\n" + "\n".join(str(p) for p in corpus[:6]) + f"\n\n{missing}\n",
                       encoding="utf-8")
    db = str(tmp_path / "cli.db")
    r = cli("load", "--from-list", str(listing), "--db", db, "--engine", "dask", "-j", "2")
    assert r.returncode == 1, r.stderr
    assert "失败 1" in r.stderr and "未变化 0" in r.stderr
    assert f"{missing}：无法读取" in r.stderr
    assert open_store(db).counts()["versions"] == 6


def test_cli_refuses_a_scheduler_without_dask_and_an_unreadable_listing(tmp_path):
    r = cli("load", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786", "--db", str(tmp_path / "x.db"))
    assert r.returncode == 2 and "--engine dask" in r.stderr
    r = cli("load", "--from-list", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.db"))
    assert r.returncode == 2 and "nope.txt：无法读取文件列表" in r.stderr


def test_dask_refuses_a_duckdb_store(corpus, tmp_path):
    pytest.importorskip("duckdb_engine", reason="duckdb-engine is not installed (pip install '.[duckdb]')")
    db = str(tmp_path / "one-writer.duckdb")
    r = cli("load", str(corpus[0]), "--db", db, "--engine", "dask", "-j", "2")
    assert r.returncode == 2 and "DuckDB 文件只允许一个进程写入" in r.stderr
    assert open_store(db).counts()["versions"] == 0


@pytest.mark.slow
def test_ctrl_c_stops_a_dask_load_cleanly_and_a_rerun_completes_it(corpus, tmp_path):
    """Ctrl-C reaches the whole process group (client, nannies, workers), as from a terminal: exit 130 with the
    usual message and no worker traceback; the rerun stores the rest, each document once."""
    import subprocess
    import sys

    from tests.test_store_support import ROOT, run

    db = str(tmp_path / "int.db")
    args = [sys.executable, "-m", "yusuan", "load", *map(str, corpus), "--db", db, "--engine", "dask", "-j", "2"]
    p = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, start_new_session=True,
                         env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert p.stderr is not None
    seen = [p.stderr.readline() for _ in range(3)]  # the header line, then two files stored
    assert seen[-1].startswith("[2/"), seen
    os.killpg(p.pid, signal.SIGINT)
    _, rest = p.communicate(timeout=60)
    assert p.returncode == 130, rest
    assert "已中断" in rest and "Traceback" not in rest
    r = run("load", *map(str, corpus), "--db", db, "--engine", "dask", "-j", "2")
    assert r.returncode == 0, r.stderr
    store = open_store(db)
    assert store.counts()["versions"] == N_DOCS
    store.close()
