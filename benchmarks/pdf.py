#!/usr/bin/env python3
"""PDF (and Excel, text) read speed: yusuan's whole parse (+ check) per page against pdfplumber's own
`extract_tables()` alone on the same file.

Target (issue: PDF and Excel, both ways): yusuan's parse + check no slower than pdfplumber's table extraction alone
(ratio ≤ 1). The PDF is drawn from seed 004 (ruled tables, page breaks inside tables), about 30 pages, unless a
file is given. Usage: python benchmarks/pdf.py [FILE.pdf]   (needs reportlab to draw the default file)

`python benchmarks/pdf.py --seeds [DIR]` instead lays each seed's own text lines out on PDF pages as printed
(`tests/read_render.py`: reportlab, the non-embedded STSong-Light font; not regenerated from a model), writes them
to DIR (a temporary folder unless given) under the seed's file name, and scores them with `../shared/tools/
accuracy.py`, which finds each key by that name; `--no-fonts` runs the scoring with /usr/share/fonts hidden
(root and `unshare`), so the figures show the reading does not depend on the installed fonts.
"""

from __future__ import annotations

import importlib.util
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "004_b4b0de6c7b2a5cb7.txt"
RUNS = 3


def best(fn: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def sample_pdf() -> tuple[bytes, bytes]:
    sys.path.insert(0, str(ROOT))
    from tests import fixtures_build as fb

    doc = fb.doc_from_tab_seed(SEED)
    return fb.pdf_from_doc(doc, fb.Style(rows_per_page=12)), fb.xlsx_from_doc(doc)


def plumber_tables(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def plumber_words(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.flush_cache()


def pdfium_text(data: bytes) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    pdf.close()


def seeds_as_pdf(argv: list[str]) -> int:
    import subprocess
    import tempfile

    sys.path.insert(0, str(ROOT))
    from tests.read_render import text_to_pdf

    no_fonts = "--no-fonts" in argv
    rest = [a for a in argv if not a.startswith("--")]
    out = Path(rest[0]) if rest else Path(tempfile.mkdtemp(prefix="yusuan-seed-pdfs-"))
    out.mkdir(parents=True, exist_ok=True)
    pdfs = []
    for seed in sorted(SEED.parent.glob("*.txt")):
        pdf = out / f"{seed.stem}.pdf"
        pdf.write_bytes(text_to_pdf(seed.read_text(encoding="utf-8").splitlines()))
        pdfs.append(str(pdf))
    print(f"seeds as PDF (their own text lines, STSong-Light not embedded) in {out}")
    cmd = [sys.executable, str(ROOT.parent / "shared" / "tools" / "accuracy.py"), *pdfs]
    if no_fonts:
        cmd = ["unshare", "-m", "sh", "-c", "mount -t tmpfs none /usr/share/fonts && exec " +
               " ".join(f"'{c}'" for c in cmd)]
    return subprocess.run(cmd, check=False).returncode


def main() -> int:
    if "--seeds" in sys.argv[1:]:
        return seeds_as_pdf([a for a in sys.argv[1:] if a != "--seeds"])
    from yusuan.parse import parse_bytes
    from yusuan.parse.document import parse_source

    if len(sys.argv) > 1:
        data, xlsx = Path(sys.argv[1]).read_bytes(), None
    else:
        data, xlsx = sample_pdf()
    from yusuan.ingest.pdf import read_pdf

    pages = read_pdf(data, "sample.pdf").pages or 1
    has_check = importlib.util.find_spec("yusuan.check") is not None

    def parse_check() -> None:
        d = parse_bytes(data, "sample.pdf")
        if has_check:
            from yusuan.check import check

            check(d)

    parse_bytes(data, "sample.pdf")  # warm imports
    t_parse = best(lambda: parse_bytes(data, "sample.pdf"))
    t_all = best(parse_check)
    t_plumb_parse = best(lambda: parse_source(read_pdf(data, "sample.pdf", backend="pdfplumber")), 1)
    t_tables = best(lambda: plumber_tables(data), 1)
    t_words = best(lambda: plumber_words(data), 1)
    t_pdfium = best(lambda: pdfium_text(data))
    ms = 1000 / pages
    print(f"PDF: {pages} pages, {len(data) / 1024:.0f} KB")
    print(f"  yusuan parse (pypdfium2)         {t_parse * ms:7.1f} ms/page")
    print(f"  yusuan parse + check             {t_all * ms:7.1f} ms/page" + ("" if has_check else "  (no yusuan.check)"))
    print(f"  yusuan parse (pdfplumber words)  {t_plumb_parse * ms:7.1f} ms/page")
    print(f"  pdfplumber extract_tables() only {t_tables * ms:7.1f} ms/page")
    print(f"  pdfplumber extract_words() only  {t_words * ms:7.1f} ms/page")
    print(f"  pypdfium2 page text only         {t_pdfium * ms:7.1f} ms/page")
    ratio = t_all / t_tables
    print(f"  ratio parse+check / extract_tables = {ratio:.2f}  (target ≤ 1.00: {'met' if ratio <= 1 else 'NOT met'})")
    if xlsx is not None:
        parse_bytes(xlsx, "sample.xlsx")
        t_x = statistics.median(best(lambda: parse_bytes(xlsx, "sample.xlsx"), 1) for _ in range(3))
        print(f"Excel: {len(xlsx) / 1024:.0f} KB, parse {t_x * 1000:.1f} ms")
        text = SEED.read_bytes()
        parse_bytes(text, SEED.name)
        t_t = best(lambda: parse_bytes(text, SEED.name), 5)
        print(f"Text:  {len(text) / 1024:.0f} KB, parse {t_t * 1000:.1f} ms")
    return 0 if ratio <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
