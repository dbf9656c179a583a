#!/usr/bin/env python3
"""Load throughput by engine, and the per-document costs the national sizing in docs/scale.md rests on.

Prints documents/s for `load -j 1`, `load -j 2` and `load --engine dask` on a LocalCluster of 2 worker processes, on
the same N sampled text documents (default 2,000), each into an empty store; then, for the sizing: the CPU time of
the per-document work (`rows.analyze`) for a text document and for PDFs by page, the time and rows of writing one
document's result, the peak memory of a worker, and the Parquet export's rate and size (1,000 stored documents).

Usage: python benchmarks/scale.py [-n 2000] [--pg URL] [--pdf-docs 6] [--costs-only]
  Store: a temporary SQLite file, or PostgreSQL with --pg (or $YUSUAN_TEST_PG; its public schema is emptied).
  The PDFs are drawn with reportlab's built-in CJK font (no system font needed; `pip install reportlab`).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def draw(folder: Path, n: int) -> list[Path]:
    """N sampled text documents, space and tab layouts alternating (the store benchmark's seed, another range)."""
    from yusuan.sample import department
    from yusuan.sample.style import style
    from yusuan.write import build, render

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        fmt = ("txt", "txt-tab")[i % 2]
        p = folder / f"scale-{i:05d}.txt"
        p.write_bytes(render(build(department(13, i, 2025)), fmt, style(13, i)))
        paths.append(p)
    return paths


def empty_db(pg: str | None, work: Path, tag: str) -> str:
    """A fresh store for one run: the store benchmark's own (a new SQLite file, or PostgreSQL's schema emptied)."""
    from benchmarks.store import empty

    return empty("postgresql" if pg else "sqlite", work, pg, tag)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def own_cpu() -> float:
    """This process and its finished children (a `-j 2` pool is shut down when the load ends)."""
    return cpu_seconds() + cpu_seconds(resource.RUSAGE_CHILDREN)


def run_local(db: str, files: list[str], jobs: int) -> tuple[float, int, float]:
    """(seconds, failed, CPU seconds of this process and its workers; the database server's own is not in it)."""
    from yusuan.store import open_store
    from yusuan.store.load import load_files

    store = open_store(db)
    t, cpu = time.perf_counter(), own_cpu()
    s = load_files(store, files, jobs)
    seconds = time.perf_counter() - t
    store.close()
    return seconds, len(s.failed), own_cpu() - cpu


def run_dask(db: str, files: list[str], workers: int) -> tuple[float, int, float, float, list[float]]:
    """(seconds of the load, failed, CPU seconds of client and workers, seconds to start the cluster, peak MiB of
    each worker)."""
    from distributed import Client, LocalCluster

    from yusuan.store import open_store
    from yusuan.store.engines import load_dask

    t = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(cluster)
    start = time.perf_counter() - t
    store = open_store(db)
    before = sum(client.run(cpu_seconds).values()) + own_cpu()
    t = time.perf_counter()
    s = load_dask(store, files, client=client)
    seconds = time.perf_counter() - t
    cpu = sum(client.run(cpu_seconds).values()) + own_cpu() - before
    peaks = sorted(client.run(peak_mib).values())
    client.close()
    cluster.close()
    store.close()
    return seconds, len(s.failed), cpu, start, peaks


def text_cost(files: list[Path], k: int = 100) -> tuple[float, float, float, float]:
    """(median CPU ms per text document, its KB, its rows for the store, its lines) over the first k files."""
    from yusuan.store.rows import analyze

    ms, kb, rows, lines = [], [], [], []
    for p in files[:k]:
        data = p.read_bytes()
        t = time.process_time()
        a = analyze(data, str(p))
        ms.append((time.process_time() - t) * 1000)
        kb.append(len(data) / 1024)
        rows.append(sum(len(v) for v in a.rows.values()))
        lines.append(a.version.get("lines") or 0)
    return statistics.median(ms), statistics.median(kb), statistics.median(rows), statistics.median(lines)


def pdf_cost(files: list[Path], k: int) -> list[tuple[int, float, float]]:
    """(pages, CPU ms, KB) of PDFs drawn from k sampled documents, each at two densities (more rows per page, fewer
    pages; page breaks every 8 rows inside tables, more pages)."""
    from tests import fixtures_build as fb

    from yusuan.store.rows import analyze

    out = []
    for p in files[:k]:
        doc, _ = fb.doc_from_model(p)
        for rows_per_page in (None, 8):
            pdf = fb.pdf_from_doc(doc, fb.Style(rows_per_page=rows_per_page))
            t = time.process_time()
            a = analyze(pdf, p.with_suffix(".pdf").name)
            ms = (time.process_time() - t) * 1000
            if a.ok:
                out.append((int(a.version.get("pages") or 0), ms, len(pdf) / 1024))
    return out


def write_cost(db: str, files: list[Path], k: int = 100, copies: int = 1000) -> tuple[float, float, int]:
    """(median ms to write one analysed document into the store, rows written per document, documents stored): k
    analysed documents, written again under other names up to `copies` documents (no parsing) for the export."""
    from dataclasses import replace

    from yusuan.store import open_store
    from yusuan.store.rows import analyze

    analyses = [analyze(p.read_bytes(), str(p)) for p in files[:k]]
    store = open_store(db)
    ms = []
    for i in range(max(copies, len(analyses))):
        a = analyses[i % len(analyses)]
        if i >= len(analyses):
            sha = f"{i:064x}"
            a = replace(a, sha256=sha, department=f"{a.department}#{i}", version=a.version | {"sha256": sha})
        t = time.perf_counter()
        store.write(a)
        ms.append((time.perf_counter() - t) * 1000)
    store.close()
    rows = statistics.median(sum(len(v) for v in a.rows.values()) for a in analyses)
    return statistics.median(ms), rows, len(ms)


def export_cost(db: str, out: Path) -> tuple[int, float, int, int | None]:
    """(rows exported, seconds of the Parquet export, its bytes on disk, PostgreSQL bytes of the store's tables)."""
    from sqlalchemy import text

    from yusuan.export.parquet import write_parquet
    from yusuan.export.tidy import RESOURCES
    from yusuan.store import open_store
    from yusuan.store import schema as S

    store = open_store(db)
    counts = store.counts()
    t = time.perf_counter()
    write_parquet(store, out)
    seconds = time.perf_counter() - t
    pg_bytes = None
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as conn:
            pg_bytes = sum(int(conn.scalar(text(f"select pg_total_relation_size('{t.name}')")) or 0)
                           for t in (S.documents, S.versions, *S.ROW_TABLES, S.failures))
    store.close()
    disk = sum(f.stat().st_size for f in out.rglob("*.parquet"))
    return sum(counts[r.name] for r in RESOURCES), seconds, disk, pg_bytes


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--pg", default=os.environ.get("YUSUAN_TEST_PG"))
    ap.add_argument("--pdf-docs", type=int, default=6)
    ap.add_argument("--costs-only", action="store_true", help="skip the three loads (the per-document costs only)")
    args = ap.parse_args()
    store_name = "PostgreSQL" if args.pg else "SQLite"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t = time.perf_counter()
        corpus = draw(work / "corpus", args.n)
        files = [str(p) for p in corpus]
        print(f"corpus: {len(corpus)} sampled text documents drawn in {time.perf_counter() - t:.0f} s; "
              f"store: {store_name}; this machine: {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f} at start")
        n = len(files)
        for jobs in () if args.costs_only else (1, 2):
            seconds, failed, cpu = run_local(empty_db(args.pg, work, f"j{jobs}"), files, jobs)
            print(f"load -j {jobs}                      {n / seconds:7.1f} docs/s  ({seconds:6.1f} s, "
                  f"{cpu / n * 1000:4.0f} ms CPU/doc, {failed} failed)")
        if not args.costs_only:
            seconds, failed, cpu, start, peaks = run_dask(empty_db(args.pg, work, "dask"), files, 2)
            print(f"load --engine dask, 2 workers  {n / seconds:7.1f} docs/s  ({seconds:6.1f} s, "
                  f"{cpu / n * 1000:4.0f} ms CPU/doc, {failed} failed; cluster start {start:.1f} s not included; "
                  f"worker peak RSS {', '.join(f'{p:.0f}' for p in peaks)} MiB)")

        ms, kb, rows, lines = text_cost(corpus)
        print(f"per text document: {ms:.0f} ms CPU (median of 100; {kb:.0f} KB, {lines:.0f} lines, "
              f"{rows:.0f} rows for the store)")
        pdfs = pdf_cost(corpus, args.pdf_docs)
        if pdfs:
            per_page = statistics.median(ms / pages for pages, ms, _ in pdfs if pages)
            print(f"per PDF page: {per_page:.1f} ms CPU (median over {len(pdfs)} PDFs of "
                  f"{min(p for p, _, _ in pdfs)}-{max(p for p, _, _ in pdfs)} pages; "
                  f"whole PDFs {min(m for _, m, _ in pdfs):.0f}-{max(m for _, m, _ in pdfs):.0f} ms)")
        w_db = empty_db(args.pg, work, "write")
        w_ms, w_rows, stored = write_cost(w_db, corpus)
        print(f"store write of one document ({store_name}, one connection): {w_ms:.1f} ms for {w_rows:.0f} rows "
              f"= {w_rows / w_ms * 1000:,.0f} rows/s")
        rows, seconds, disk, pg_bytes = export_cost(w_db, work / "parquet")
        size = f"; the store's tables {pg_bytes / stored / 1024:.0f} KB per document" if pg_bytes else ""
        print(f"export --format parquet of {stored} documents: {rows:,} rows in {seconds:.1f} s = "
              f"{rows / seconds:,.0f} rows/s, {disk / stored / 1024:.1f} KB per document on disk (copies: compresses "
              f"better than distinct documents){size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
