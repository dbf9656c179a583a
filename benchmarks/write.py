"""Benchmark of `yusuan write` and `yusuan sample`: time to build and render sampled departments in each format,
and the round trip through the text layouts. Run: `python benchmarks/write.py [-n 50]`."""

from __future__ import annotations

import argparse
import time

from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.write import DEFAULT_FORMATS, build, render
from yusuan.write.compare import compare


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    t = time.perf_counter()
    models = [department(args.seed, i) for i in range(args.n)]
    print(f"sample: {args.n} departments in {time.perf_counter() - t:.2f}s")
    t = time.perf_counter()
    docs = [build(m) for m in models]
    print(f"build: {(time.perf_counter() - t) / args.n * 1000:.1f} ms/doc")
    for fmt in DEFAULT_FORMATS:
        t = time.perf_counter()
        size = sum(len(render(doc, fmt)) for doc in docs)
        per = (time.perf_counter() - t) / args.n * 1000
        print(f"write {fmt:8s} {per:8.1f} ms/doc  {size / args.n / 1024:7.1f} KiB/doc")
    for fmt, lossy in (("txt", True), ("txt-tab", False)):
        t = time.perf_counter()
        ok = sum(compare(m, parse_bytes(render(doc, fmt), fmt), doc, lossy=lossy).ok
                 for m, doc in zip(models, docs, strict=True))
        per = (time.perf_counter() - t) / args.n * 1000
        print(f"round trip {fmt:8s} {ok}/{args.n} equal, {per:.1f} ms/doc (write + parse + compare)")


if __name__ == "__main__":
    main()
