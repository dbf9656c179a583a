"""A batch load: files, folders (recursive) and globs → the store, with worker processes.

The main process reads each file, skips it when its SHA-256 is already stored (so a rerun after Ctrl-C resumes
where it stopped), hands the bytes to `rows.analyze` (in this process for `-j 1`, else in a pool), and writes each
result in its own transaction. At most a few files are in flight at once, so memory stays flat in corpus size.
"""

from __future__ import annotations

import glob
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from yusuan.store import FAILED, LOADED, NEW_VERSION, UNCHANGED, Store
from yusuan.store.rows import Analysis, analyze, sha256_of

# what a folder is searched for (a sample's model .json beside its documents is not a disclosure)
SUFFIXES = (".txt", ".pdf", ".xlsx", ".xls", ".docx", ".html", ".htm")
MISSING = "missing"


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    severities: Counter[str] = field(default_factory=Counter)  # findings of the files stored by this run
    interrupted: bool = False

    def add(self, name: str, status: str, a: Analysis | None, reason: str | None = None) -> None:
        self.counts[status] += 1
        if status == FAILED:
            self.failed.append((name, reason or (a.reason if a else "") or ""))
        elif status in (LOADED, NEW_VERSION) and a is not None:
            self.severities.update(a.severities())

    @property
    def done(self) -> int:
        return sum(self.counts.values())


Report = Callable[[str, str, str | None], None]  # (file, status, reason) after each file


def expand(inputs: Iterable[str]) -> tuple[list[str], list[str]]:
    """(files, inputs that matched nothing): folders are walked recursively for disclosure files, and a pattern the
    shell did not expand (quoted `'2024/*.pdf'`, or `**`) is expanded here. Sorted, each file once."""
    files: list[str] = []
    unmatched: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif p.is_file():
            found = [item]
        elif glob.has_magic(item):
            found = sorted(f for f in glob.glob(item, recursive=True) if Path(f).is_file())
        else:
            found = []
        if found:
            files += found
        else:
            unmatched.append(item)
    seen: set[str] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]
    return unique, unmatched


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the main process, which stops the batch and rolls back the file being written."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read(path: str) -> tuple[bytes | None, str | None]:
    try:
        return Path(path).read_bytes(), None
    except OSError as e:
        return None, f"{path}：无法读取（{e.strerror or e}）"


def _pending(store: Store, files: list[str], summary: Summary, report: Report) -> Iterator[tuple[str, bytes]]:
    """The files still to analyse; the unreadable and the already stored are reported on the way."""
    for path in files:
        data, problem = _read(path)
        if data is None:
            summary.add(path, FAILED, None, problem)
            report(path, FAILED, problem)
        elif store.has(sha256_of(data)):
            summary.add(path, UNCHANGED, None)
            report(path, UNCHANGED, None)
        else:
            yield path, data


def _store(store: Store, path: str, a: Analysis, summary: Summary, report: Report) -> None:
    status = store.write(a)
    summary.add(path, status, a)
    report(path, status, a.reason)


def load_files(store: Store, files: list[str], jobs: int = 1, report: Report | None = None) -> Summary:
    """Load `files` into `store` with `jobs` worker processes. Ctrl-C stops it cleanly (`summary.interrupted`)."""
    summary = Summary()
    note: Report = report or (lambda _f, _s, _r: None)
    todo = _pending(store, files, summary, note)
    try:
        if jobs <= 1:
            for path, data in todo:
                _store(store, path, analyze(data, path), summary, note)
        else:
            _pool(store, todo, jobs, summary, note)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _pool(store: Store, todo: Iterator[tuple[str, bytes]], jobs: int, summary: Summary, note: Report) -> None:
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_quiet_worker)
    inflight: dict[Future[Analysis], str] = {}
    try:
        for path, data in todo:
            try:
                inflight[pool.submit(analyze, data, path)] = path
            except BrokenProcessPool:  # a worker died (a crash in a native reader): the files in flight are
                _drain_all(store, inflight, summary, note)  # failed, a fresh pool takes the rest
                pool.shutdown(wait=True)
                pool = ProcessPoolExecutor(max_workers=jobs, initializer=_quiet_worker)
                inflight[pool.submit(analyze, data, path)] = path
            while len(inflight) >= 2 * jobs:
                _drain(store, inflight, summary, note)
        _drain_all(store, inflight, summary, note)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _drain_all(store: Store, inflight: dict[Future[Analysis], str], summary: Summary, note: Report) -> None:
    while inflight:
        _drain(store, inflight, summary, note)


def _drain(store: Store, inflight: dict[Future[Analysis], str], summary: Summary, note: Report) -> None:
    done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
    for fut in done:
        path = inflight.pop(fut)
        try:
            a = fut.result()
        except Exception as e:  # a worker that died (out of memory, killed): the file is failed, the batch goes on
            a = Analysis("", path, reason=f"{path}：处理进程异常退出（{type(e).__name__}: {e}）")
            summary.add(path, FAILED, a)
            note(path, FAILED, a.reason)
            continue
        _store(store, path, a, summary, note)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
