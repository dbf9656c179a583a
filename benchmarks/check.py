"""Median time of `check` on each seed, beyond parsing (target < 100 ms). Usage: `python benchmarks/check.py [-n 20]`."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from yusuan.check import check
from yusuan.check.source import source_lines
from yusuan.parse import parse_path

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=20, help="runs per seed")
    args = ap.parse_args()
    for path in sorted(SEEDS.glob("*.txt")):
        d = parse_path(path)
        lines = source_lines(str(path))
        times = []
        for _ in range(args.n):
            t = time.perf_counter()
            findings = check(d, lines)
            times.append((time.perf_counter() - t) * 1000)
        med = statistics.median(times)
        print(f"{path.stem}  check {med:6.1f} ms (median of {args.n}; {len(findings)} findings)"
              f"  {'OK' if med < 100 else 'SLOW'}")


if __name__ == "__main__":
    main()
