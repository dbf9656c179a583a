#!/usr/bin/env python3
"""The longer fuzz run: mutated documents of every format plus the hostile files of issue 9 (with the gigabyte
bombs unless --no-big), each read by `yusuan parse`'s code under a 3 GB address-space limit and a time limit per
file. Prints runs, failures (with what broke), outcomes, the worst time and the worst peak memory.

Usage: python benchmarks/fuzz.py [--seed N] [--per-format N] [--per-file SECONDS] [--no-big]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests import hostile_build as hb  # noqa: E402
from tests.fuzz_run import run_corpus  # noqa: E402


def corpus(seed: int, per_format: int, big: bool):
    yield from hb.bombs_small()
    if big:
        yield "strings-bomb-1g.xlsx", hb.xlsx_shared_strings_bomb(1100)
        yield "sheet-bomb-1g.xlsx", hb.xlsx_sheet_bomb(1100)
        yield "document-bomb-1g.docx", hb.docx_bomb(1100)
        yield "wide-100k.xlsx", hb.xlsx_wide_rows(100_000)
    yield from hb.fuzz_corpus(seed, per_format, documents=4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-format", type=int, default=50)
    ap.add_argument("--per-file", type=float, default=60.0)
    ap.add_argument("--no-big", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        t = time.monotonic()
        files = []
        for name, data in corpus(args.seed, args.per_format, not args.no_big):
            (src / name).write_bytes(data)
            files.append(src / name)
        built = time.monotonic() - t
        t = time.monotonic()
        outcomes = run_corpus(files, Path(tmp) / "out", per_file=args.per_file)
        ran = time.monotonic() - t
    failures = [(o, o.problems()) for o in outcomes if o.problems()]
    kinds = Counter("ok" if o.status == 0 else "refused (one line)" if o.status == 1 else "other" for o in outcomes)
    slowest = max(outcomes, key=lambda o: o.seconds)
    biggest = max(outcomes, key=lambda o: o.peak_mb)
    print(f"runs: {len(outcomes)} (corpus built in {built:.1f} s, read in {ran:.1f} s)")
    print(f"outcomes: {dict(kinds)}")
    print(f"failures: {len(failures)}")
    for o, problems in failures[:30]:
        print(f"  {Path(o.path).name}: {'; '.join(problems)}")
    print(f"worst time: {slowest.seconds:.2f} s ({Path(slowest.path).name})")
    print(f"worst peak memory (worker RSS): {biggest.peak_mb:.0f} MB ({Path(biggest.path).name})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
