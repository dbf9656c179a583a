"""Benchmark of `yusuan write` and `yusuan sample`: time to build and render sampled departments in each format,
and the round trip through the text layouts. Run: `python benchmarks/write.py [-n 50]`.

`--check N`: N sampled documents (written with last year's changes, as `yusuan sample` writes them) read back and
checked; prints the findings by severity and rule (the goal: no error, no warning).
`--pictures DIR`: a published-style document (a sampled department with a publisher's reasons, parsed) written as
PDF; a prose page, a table page and a performance-table page rendered to PNG (pdftoppm, as in CI) for docs/."""

from __future__ import annotations

import argparse
import time

from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.write import DEFAULT_FORMATS, build, render
from yusuan.write.compare import compare


def check_samples(n: int, seed: int) -> int:
    """Sampled documents read back and checked: findings by severity and rule; returns the errors + warnings."""
    from collections import Counter

    from yusuan.check import check

    t = time.perf_counter()
    found: Counter[tuple[str, str]] = Counter()
    docs_with_serious = 0
    for i in range(n):
        got = parse_bytes(render(build(department(seed, i), department(seed, i, 2024)), "txt-tab"), f"{i}.txt")
        serious = 0
        for f in check(got):
            found[(f.severity, f.rule)] += 1
            serious += f.severity in ("error", "warning")
        docs_with_serious += bool(serious)
    print(f"check: {n} sampled documents in {time.perf_counter() - t:.1f}s; "
          f"{n - docs_with_serious}/{n} with no error or warning")
    for (severity, rule), k in sorted(found.items()):
        print(f"  {severity:8s} {rule:24s} {k}")
    return sum(k for (severity, _r), k in found.items() if severity in ("error", "warning"))


def pictures(outdir: str, seed: int = 7, index: int = 3) -> None:
    import shutil
    import subprocess
    from pathlib import Path

    import pypdfium2 as pdfium

    from yusuan.sample.published import published

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    data = render(build(published(seed, index)), "pdf")
    pdf_path = out / "write-sample.pdf"
    pdf_path.write_bytes(data)
    pdf = pdfium.PdfDocument(data)
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    wanted = {"write-prose": lambda t: "主要原因是" in t and "收入预算情况说明" in t,
              "write-table": lambda t: "部门收入总体情况表" in t or "单位收入总体情况表" in t,
              "write-performance": lambda t: "项目支出绩效目标表" in t and "一级指标" in t}
    for name, test in wanted.items():
        page = next(i for i, t in enumerate(texts) if test(t)) + 1
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "80", "-png", "-singlefile",
                            str(pdf_path), str(out / name)], check=True)
        else:  # the same picture from pdfium where poppler is not installed
            pdf[page - 1].render(scale=80 / 72).to_pil().save(out / f"{name}.png")
        print(f"{name}.png: page {page}")
    pdf_path.unlink()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--check", type=int, default=0, help="check this many sampled documents instead")
    ap.add_argument("--pictures", default=None, help="write the docs/ pictures into this folder instead")
    args = ap.parse_args()
    if args.pictures:
        pictures(args.pictures)
        return
    if args.check:
        raise SystemExit(1 if check_samples(args.check, args.seed) else 0)
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
