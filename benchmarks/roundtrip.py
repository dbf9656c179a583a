"""Round trips of sampled departments in every format a reader exists for: write (in the document's sampled style),
parse, compare with the model. Prints passed/total per format, failures matching a reported reader limitation
apart, and the time per document. Run: `python benchmarks/roundtrip.py [-n 200] [--seed 7] [--format pdf] [--kind 决算]` (决算: sampled 部门决算 of
2024, each written with the 预算 it executed and last year's 决算)."""

from __future__ import annotations

import argparse
from collections import Counter

from yusuan.sample.roundtrip import KINDS, KNOWN, formats, run


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", default=",".join(formats()))
    ap.add_argument("--kind", choices=KINDS, default="预算", help="预算 (default) or 决算")
    ap.add_argument("--year", type=int, default=None, help="the year sampled (预算 2025, 决算 2024)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the first differences of each failure")
    args = ap.parse_args()
    year = args.year or (2024 if args.kind == "决算" else 2025)
    for fmt in args.format.split(","):
        outcomes = [run(args.seed, i, fmt, year, args.kind) for i in range(args.n)]
        passed = sum(o.ok for o in outcomes)
        known = Counter(o.known for o in outcomes if not o.ok and o.known)
        other = [o for o in outcomes if not o.ok and not o.known]
        per = sum(o.seconds for o in outcomes) / len(outcomes) * 1000
        cells = sum(o.result.cells for o in outcomes)
        ambiguous = sum(o.result.ambiguous for o in outcomes)
        print(f"{fmt:8s} {passed}/{args.n} equal  {per:7.1f} ms/doc  cells {cells}, ambiguous {ambiguous}"
              + "".join(f"  | known {k}: {v}" for k, v in sorted(known.items()))
              + (f"  | other failures: {[o.index for o in other]}" if other else ""))
        if args.verbose:
            for o in other + [o for o in outcomes if o.known]:
                print(f"  sample {o.index} {o.known or ''}: {o.result.differences[:3]}")
    for k, v in KNOWN.items():
        print(f"known {k}: {v}")


if __name__ == "__main__":
    main()
