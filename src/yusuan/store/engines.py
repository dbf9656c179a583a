"""Where the per-document work runs: this machine's processes (`load.load_files`, `-j`) or a Dask cluster.

The work itself is the same everywhere: read the file, skip it when its SHA-256 is stored, `rows.analyze` it (one
pure function of the bytes) and `Store.write` the result in its own transaction (idempotent by SHA-256, a file that
cannot be read recorded with its reason in `failures`). The engine only decides where that runs.

Who writes on Dask: **the workers**, each with its own connection (one `Store` per worker process, opened on its
first task and kept). The alternative — gathering every `Analysis` to the client and writing there — makes one
process the bottleneck of a national run (a document's rows are ~0.5 MB of Python objects; the client would pickle,
receive and insert all of them, while the database itself takes many writers at once), and the client's memory
would grow with the results in flight. The client only sends paths and receives one short status per file.

Files travel as paths, not bytes: the workers must see them (a shared folder: NFS, a mounted bucket) under the same
path. Paths are sent in batches (`BATCH` files per task) so the scheduler handles ~40k tasks rather than 300k; at
most `WINDOW` batches per worker are in flight, so the client's memory stays flat in corpus size.

A worker that crashes or is killed loses its running batch; the scheduler re-runs it on another worker (Dask's
`allowed-failures`), and the files the dead worker had already committed come back as unchanged (the SHA-256 is
stored), so no document is stored twice. A task that raises (the database briefly unreachable) is retried
(`RETRIES`); after that its files are listed as failed and a rerun of the same command picks them up.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from yusuan.store import FAILED, LOADED, NEW_VERSION, UNCHANGED, Store, StoreError, open_store
from yusuan.store.load import Report, Summary
from yusuan.store.rows import analyze, sha256_of

BATCH = 8  # files per Dask task: fewer tasks for the scheduler, little work lost when a worker dies
WINDOW = 4  # batches in flight per worker: every worker stays busy while the client holds only paths
RETRIES = 2  # re-runs of a task that raised (a worker that died is re-run by the scheduler regardless)

# (file, status, reason, severities of its findings when stored by this run)
Outcome = tuple[str, str, str | None, dict[str, int]]

_stores: dict[str, Store] = {}  # one open store per database URL in each worker process


class EngineError(Exception):
    """The cluster cannot be reached or started: the message is for the user (Chinese)."""


def read_list(listing: str) -> list[str]:
    """The paths of a listing file: one per line; blank lines and lines starting with `#` are skipped."""
    try:
        text = Path(listing).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise EngineError(f"{listing}：无法读取文件列表（{reason}）") from None
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def _worker_store(db: str) -> Store:
    store = _stores.get(db)
    if store is None:
        store = _stores[db] = open_store(db)
    return store


def load_one(store: Store, path: str) -> Outcome:
    """Read, skip if stored, analyse and write one file: the same steps as a local load, in whichever process."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        return path, FAILED, f"{path}：无法读取（{e.strerror or e}）", {}
    if store.has(sha256_of(data)):
        return path, UNCHANGED, None, {}
    a = analyze(data, path)
    status = store.write(a)
    return path, status, a.reason, a.severities() if status in (LOADED, NEW_VERSION) else {}


def load_batch(db: str, paths: list[str]) -> list[Outcome]:
    """A Dask task: these files into the store at `db`, written by this worker. Safe to run twice."""
    store = _worker_store(db)
    return [load_one(store, p) for p in paths]


def batches(files: Iterable[str], size: int = BATCH) -> Iterator[list[str]]:
    batch: list[str] = []
    for f in files:
        batch.append(f)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _connect(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """(client, cluster or None): the given scheduler, or a LocalCluster of `workers` processes on this machine."""
    try:
        from distributed import Client, LocalCluster
    except ModuleNotFoundError as e:
        raise EngineError(f"--engine dask 需要 Python 包 {e.name}（pip install 'yusuan[scale]'）") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as e:
            raise EngineError(f"{scheduler}：无法连接 Dask 调度器（{e}）") from None
    with _workers_ignore_ctrl_c():
        # the HTTP server on a free port: 8787 may be taken by another cluster on this machine
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                               silence_logs=logging.ERROR)
    return Client(cluster), cluster


@contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Ctrl-C reaches every process of the terminal's group: the worker processes started meanwhile inherit an
    ignored SIGINT (Python keeps it ignored), so only the client stops the load, cleanly, and closes the cluster."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def load_dask(store: Store, files: list[str], workers: int = 2, scheduler: str | None = None,
              report: Report | None = None, client: Any = None) -> Summary:
    """Load `files` into `store` on a Dask cluster (`scheduler`, else a LocalCluster of `workers` processes, or an
    open `client`). The workers write; the store must be reachable from them under `store.url`."""
    if store.engine.dialect.name == "duckdb":
        raise EngineError(f"{store.name}：DuckDB 文件只允许一个进程写入，--engine dask 请用 PostgreSQL（或本机的 SQLite 文件）")
    summary = Summary()
    note: Report = report or (lambda _f, _s, _r: None)
    own = client is None
    cluster = None
    if own:
        client, cluster = _connect(scheduler, workers)
    try:
        _run(client, store.url, files, summary, note)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return summary


def _run(client: Any, db: str, files: list[str], summary: Summary, note: Report) -> None:
    from distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    # a small load is cut finer, so that every worker gets some of it
    todo = batches(files, max(1, min(BATCH, len(files) // (2 * workers))))
    window = WINDOW * workers
    inflight: dict[Any, list[str]] = {}

    def submit(batch: list[str]) -> Any:
        fut = client.submit(load_batch, db, batch, retries=RETRIES, pure=False)
        inflight[fut] = batch
        return fut

    first = [submit(b) for _, b in zip(range(window), todo, strict=False)]
    queue = as_completed(first)
    try:
        for fut in queue:
            batch = inflight.pop(fut)
            _collect(fut, batch, summary, note)
            nxt = next(todo, None)
            if nxt is not None:
                queue.add(submit(nxt))
    finally:
        for fut in inflight:
            fut.cancel()


def _collect(fut: Any, batch: list[str], summary: Summary, note: Report) -> None:
    try:
        outcomes: list[Outcome] = fut.result()
    except StoreError as e:
        outcomes = [(p, FAILED, f"{p}：{e}", {}) for p in batch]
    except Exception as e:  # a worker lost too often, or the database refused: this batch failed, the rest goes on
        outcomes = [(p, FAILED, f"{p}：处理进程异常退出或写入失败（{type(e).__name__}: {e}）", {}) for p in batch]
    for path, status, reason, severities in outcomes:
        summary.add(path, status, None, reason)
        summary.severities.update(severities)
        note(path, status, reason)
