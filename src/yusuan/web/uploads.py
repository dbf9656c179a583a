"""One upload, from bytes to a stored document: sniff, analyse off the event loop (a process pool), keep the source
bytes, write to the store. The result is what `POST /api/documents` answers."""

from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool

from yusuan.store import FAILED, Store
from yusuan.store.rows import Analysis, analyze, sha256_of
from yusuan.web import queries
from yusuan.web.security import sniff
from yusuan.web.sources import Sources


@dataclass
class Outcome:
    status: int  # HTTP status
    body: dict[str, Any]


def _warm(limits: dict[str, int] | None = None) -> None:
    """Import the readers and checks once per worker, so the first upload does not pay for it; the reading limits
    in force in the server (`yusuan --limit … serve`) hold in the worker too."""
    import yusuan.check  # noqa: F401
    import yusuan.parse  # noqa: F401

    if limits:
        from yusuan.ingest.limits import set_overrides

        set_overrides(limits)


def make_pool(workers: int) -> ProcessPoolExecutor:
    """Spawned, not forked: a forked worker would inherit the server's signal handlers and the other workers' pipe
    ends, and outlive a stopped server."""
    import multiprocessing

    from yusuan.ingest.limits import LIMITS, value

    limits = {name: value(name) for name in LIMITS}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_warm, initargs=(limits,))
    for _ in range(workers):
        pool.submit(_warm)
    return pool


def refusal(status: int, message: str) -> Outcome:
    return Outcome(status, {"detail": message})


async def handle(data: bytes, name: str, store: Store, sources: Sources, pool: ProcessPoolExecutor | None) -> Outcome:
    kind = sniff(data)
    if kind is None:
        return refusal(415, f"{name}：不是可读取的文件类型（按内容判断，不看扩展名）；可上传 PDF、文本、Excel（.xlsx/.xls）、"
                            "Word（.docx）或网页（.html）格式的部门预算或决算公开文件")
    sha = sha256_of(data)
    known = await run_in_threadpool(queries.id_of_sha, store, sha)
    if known is not None:  # the same bytes again: nothing to parse or write
        await run_in_threadpool(sources.put, sha, data, None)
        return await run_in_threadpool(_answer, store, known, 200, "unchanged")
    if pool is None:
        a = await run_in_threadpool(analyze, data, name, True)
    else:
        a = await asyncio.get_running_loop().run_in_executor(pool, analyze, data, name, True)
    return await run_in_threadpool(_persist, a, data, store, sources)


def _persist(a: Analysis, data: bytes, store: Store, sources: Sources) -> Outcome:
    if a.ok:
        sources.put(a.sha256, data, a.model)  # first: a stored version always has its source
    status = store.write(a)
    if status == FAILED:
        return refusal(422, a.reason or f"{a.source_name}：无法读取")
    doc_id = queries.id_of_sha(store, a.sha256)
    assert doc_id is not None
    return _answer(store, doc_id, 201 if status != "unchanged" else 200, status)


def _answer(store: Store, doc_id: int, http: int, status: str) -> Outcome:
    doc = queries.document(store, doc_id)
    assert doc is not None
    found = queries.findings(store, doc["version_id"])
    for f in found:
        f.pop("index", None)
    return Outcome(http, {"id": doc_id, "department": doc["department"], "year": doc["year"], "kind": doc["kind"],
                          "status": status, "findings": found, "url": f"/documents/{doc_id}"})
