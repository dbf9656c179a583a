#!/usr/bin/env python3
"""Parse speed and memory: per seed, the median of 20 warm in-process parses and the peak memory of one parse.

Target (issue: read a disclosure): at most 50 ms for 40 KB of text on the 2-core machine, proportionally more for
larger documents. Usage: python benchmarks/parse.py [FILE ...]  (default: ../shared/seeds/*.txt)
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from yusuan.parse import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
RUNS = 20


def measure(path: Path) -> tuple[float, float, float]:
    data = path.read_bytes()
    parse_bytes(data, str(path))  # warm: imports, regex compilation, reference data
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        parse_bytes(data, str(path))
        times.append(time.perf_counter() - t)
    tracemalloc.start()
    parse_bytes(data, str(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times) * 1000, peak / 2**20, len(data) / 1024


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not paths:
        print("no input: give files or put ../shared/seeds beside the clone", file=sys.stderr)
        return 2
    print(f"{'document':32} {'KB':>7} {'median ms':>10} {'ms per 40 KB':>13} {'peak MiB':>9}")
    worst = 0.0
    for p in paths:
        ms, peak, kb = measure(p)
        per40 = ms * 40 / kb
        worst = max(worst, per40)
        print(f"{p.name:32} {kb:7.1f} {ms:10.1f} {per40:13.1f} {peak:9.1f}")
    print(f"worst: {worst:.1f} ms per 40 KB (target ≤ 50)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
