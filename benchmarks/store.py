#!/usr/bin/env python3
"""Store speed and memory: load N sampled documents (text and PDF mixed) with -j 1 and -j 2 into SQLite, DuckDB and
PostgreSQL, against the parse+check time alone; peak memory at N/2 and N (flat in corpus size?); and the time of a
compare over 2,000 stored documents.

Targets (issue 11): storing adds < 25% to parse+check time; memory flat in corpus size; compare < 1 s.
Usage: python benchmarks/store.py [-n 2000] [--corpus DIR] [--pg URL] [--engines sqlite,duckdb,postgresql]
  The corpus is drawn once by `yusuan sample` into DIR (default a temporary folder); every 4th document is a PDF
  (needs a CJK font). PostgreSQL: --pg or $YUSUAN_TEST_PG (the database is emptied first).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPARE_DOCS = 2000


def draw(corpus: Path, n: int) -> list[Path]:
    """N sampled documents, text (space and tab layouts) and PDF mixed; files already drawn are kept."""
    from yusuan.sample import department
    from yusuan.sample.style import style
    from yusuan.write import build, render

    corpus.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        fmt = ("pdf", "txt", "txt-tab", "txt")[i % 4]
        p = corpus / f"bench-{i:05d}.{'pdf' if fmt == 'pdf' else 'txt'}"
        if not p.exists():
            p.write_bytes(render(build(department(11, i, 2025)), fmt, style(11, i)))
        paths.append(p)
    return paths


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the workers): robust to other load on the machine."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def child_load(db: str, jobs: int, listing: str) -> None:
    """Run in a fresh process: load the listed files, print seconds and peak memory as JSON."""
    from yusuan.store import open_store
    from yusuan.store.load import load_files

    files = Path(listing).read_text(encoding="utf-8").split("\n")
    store = open_store(db)
    t, cpu = time.perf_counter(), cpu_seconds()
    summary = load_files(store, files, jobs)
    seconds = time.perf_counter() - t
    print(json.dumps({"seconds": seconds, "cpu": cpu_seconds() - cpu, "peak_mib": peak_mib(),
                      "failed": len(summary.failed),
                      "stored": summary.counts["loaded"] + summary.counts["new_version"]}))


def child_analyze(listing: str) -> None:
    """Parse + check only (no store), one process: the baseline the store's cost is measured against."""
    from yusuan.store.rows import analyze

    files = Path(listing).read_text(encoding="utf-8").split("\n")
    t, cpu = time.perf_counter(), cpu_seconds()
    for f in files:
        analyze(Path(f).read_bytes(), f)
    print(json.dumps({"seconds": time.perf_counter() - t, "cpu": cpu_seconds() - cpu, "peak_mib": peak_mib()}))


def spawn(*args: str) -> dict:
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def empty(engine: str, workdir: Path, pg: str | None, tag: str) -> str:
    if engine == "sqlite":
        return str(workdir / f"{tag}.db")
    if engine == "duckdb":
        return str(workdir / f"{tag}.duckdb")
    from sqlalchemy import create_engine, text

    from yusuan.store import resolve_url

    assert pg
    e = create_engine(resolve_url(pg))
    with e.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    e.dispose()
    return pg


def fill_for_compare(db: str, corpus: list[Path]) -> float:
    """A store of COMPARE_DOCS documents for the compare timing: the analysed corpus written again under other
    department names (cheap: no parsing), then one compare over all of them. Returns its seconds."""
    from yusuan.compare import Selection, compare
    from yusuan.store import open_store
    from yusuan.store.rows import analyze

    store = open_store(db)
    base = [a for a in (analyze(p.read_bytes(), str(p)) for p in corpus[:50]) if a.ok]
    have = len(store.documents(year=2025))
    i = 0
    while have < COMPARE_DOCS:
        a = base[i % len(base)]
        copy = replace(a, sha256=f"{i:064x}", department=f"{a.department}#{i}",
                       version=a.version | {"sha256": f"{i:064x}"})
        if store.write(copy) == "loaded":
            have += 1
        i += 1
    compare(store, Selection(year=2025))  # warm the connection and the caches, as a server would be
    t = time.perf_counter()
    result = compare(store, Selection(year=2025))
    seconds = time.perf_counter() - t
    assert len(result.rows) >= COMPARE_DOCS
    store.close()
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--pg", default=os.environ.get("YUSUAN_TEST_PG"))
    ap.add_argument("--engines", default="sqlite,duckdb,postgresql")
    ap.add_argument("--child-load", nargs=3, metavar=("DB", "JOBS", "LISTING"))
    ap.add_argument("--child-analyze", metavar="LISTING")
    args = ap.parse_args()
    if args.child_load:
        child_load(args.child_load[0], int(args.child_load[1]), args.child_load[2])
        return 0
    if args.child_analyze:
        child_analyze(args.child_analyze)
        return 0
    engines = [e for e in args.engines.split(",") if e != "postgresql" or args.pg]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t = time.perf_counter()
        corpus = draw(args.corpus or work / "corpus", args.n)
        pdfs = sum(p.suffix == ".pdf" for p in corpus)
        print(f"corpus: {len(corpus)} documents ({pdfs} PDF, {len(corpus) - pdfs} text), drawn in "
              f"{time.perf_counter() - t:.0f} s")
        listing = work / "all.txt"
        listing.write_text("\n".join(map(str, corpus)), encoding="utf-8")
        half = work / "half.txt"
        half.write_text("\n".join(map(str, corpus[: len(corpus) // 2])), encoding="utf-8")
        base = spawn("--child-analyze", str(listing))
        rate = len(corpus) / base["seconds"]
        print(f"{'parse+check only, -j 1':34} {rate:8.1f} docs/s   peak {base['peak_mib']:6.0f} MiB   "
              f"cpu {base['cpu'] / len(corpus) * 1000:5.0f} ms/doc")
        for engine in engines:
            for jobs in (1, 2):
                got = spawn("--child-load", empty(engine, work, args.pg, f"{engine}{jobs}"), str(jobs), str(listing))
                extra = ""
                if jobs == 1:  # wall time, and this process's CPU time (a server's own CPU is not in it)
                    extra = (f"   store adds {(got['seconds'] / base['seconds'] - 1) * 100:+5.1f}% wall, "
                             f"{(got['cpu'] / base['cpu'] - 1) * 100:+5.1f}% cpu (target < 25%)")
                print(f"{'load ' + engine + ', -j ' + str(jobs):34} {len(corpus) / got['seconds']:8.1f} docs/s   "
                      f"peak {got['peak_mib']:6.0f} MiB{extra}   ({got['failed']} failed)")
        small = spawn("--child-load", empty("sqlite", work, None, "half"), "1", str(half))
        whole = spawn("--child-load", empty("sqlite", work, None, "whole"), "1", str(listing))
        print(f"peak memory, sqlite -j 1: {small['peak_mib']:.0f} MiB for {len(corpus) // 2} documents, "
              f"{whole['peak_mib']:.0f} MiB for {len(corpus)} (flat if about equal)")
        for engine in engines:
            db = empty(engine, work, args.pg, f"cmp-{engine}")
            seconds = fill_for_compare(db, corpus)
            print(f"compare of {COMPARE_DOCS} documents, {engine:10} {seconds:6.3f} s (target < 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
