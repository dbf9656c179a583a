#!/usr/bin/env python3
"""Web UI speed: median latency of the document page and the compare page with N documents stored, and the time from
uploading a 20-page PDF to its findings (the answer of POST /api/documents), against a real `yusuan serve`.

Targets (issue 15): pages < 150 ms; upload of a 20-page PDF < 1.5 s.
Usage: python benchmarks/web.py [-n 2000] [--repeat 30] [--pdf-pages 20]
  The store is filled with sampled documents: 40 drawn and analysed, each then written under N/40 department names
  (the same tables and findings, another identity and SHA-256), so filling 2,000 takes a minute, not an hour of
  parsing; the document page reads one version's rows, so its cost does not depend on how the rows were made.
  The PDF is written by yusuan's writer (needs a CJK font: system or $YUSUAN_CJK_FONT); without one that figure is
  skipped with the reason.
"""

from __future__ import annotations

import argparse
import hashlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAWN = 40


def fill(db: Path, n: int) -> None:
    from yusuan.sample import department
    from yusuan.sample.style import style
    from yusuan.store import open_store
    from yusuan.store.rows import analyze
    from yusuan.write import build, render

    store = open_store(str(db))
    base = []
    for i in range(DRAWN):
        data = render(build(department(11, i)), "txt", style(11, i))
        base.append(analyze(data, f"dept{i}.txt"))
    for k in range(n):
        a = base[k % DRAWN]
        copy = k // DRAWN
        sha = hashlib.sha256(f"{a.sha256}-{copy}".encode()).hexdigest()
        store.write(replace(a, sha256=sha, department=f"{a.department}{copy:03d}" if copy else a.department,
                            version=a.version | {"sha256": sha}))
    store.close()


def twenty_page_pdf(pages: int) -> bytes | None:
    from yusuan.sample import department
    from yusuan.sample.roundtrip import formats
    from yusuan.sample.style import style
    from yusuan.write import build, render

    if "pdf" not in formats():
        return None
    best: tuple[int, bytes] | None = None
    for i in range(60):  # the sampled department whose PDF is nearest the wanted page count
        data = render(build(department(5, i)), "pdf", style(5, i))
        count = data.count(b"/Type /Page\n") or data.count(b"/Type/Page") or data.count(b"/Type /Page")
        if best is None or abs(count - pages) < abs(best[0] - pages):
            best = (count, data)
        if count == pages:
            break
    return best[1] if best else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def median_ms(client, url: str, repeat: int) -> tuple[float, float, float]:
    t = time.perf_counter()
    client.get(url).raise_for_status()  # the first: templates compiled, compare computed and cached
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        r.raise_for_status()
    return statistics.median(times), max(times), first


def main() -> None:
    import httpx

    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--pdf-pages", type=int, default=20)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="yusuan-web-bench-"))
    db = work / "web.db"
    t = time.perf_counter()
    fill(db, args.n)
    print(f"store: {args.n} documents written in {time.perf_counter() - t:.1f} s ({db})")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "yusuan", "serve", "--db", str(db), "--port", str(port), "-j", "2"],
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(300):
                try:
                    if client.get("/api/documents", params={"year": 1900}).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
            listing = client.get("/api/documents", params={"year": 2025}).json()
            doc = listing[len(listing) // 2]
            for label, url in (("document page", f"/documents/{doc['id']}"),
                               ("compare page, one year (all departments)", "/compare?year=2025"),
                               ("compare page, one department over years", f"/compare?department={doc['department']}"),
                               ("document list, searched", "/?department=局00")):
                med, worst, first = median_ms(client, url, args.repeat)
                print(f"{label}: median {med:.1f} ms, max {worst:.1f} ms over {args.repeat} requests; first "
                      f"{first:.0f} ms ({len(client.get(url).content) // 1024} KB)")
            pdf = twenty_page_pdf(args.pdf_pages)
            if pdf is None:
                print("upload of a PDF: skipped (no CJK font to write one: install fonts-noto-cjk or set $YUSUAN_CJK_FONT)")
                return
            import pypdfium2

            pages = len(pypdfium2.PdfDocument(pdf))
            t = time.perf_counter()
            r = client.post("/api/documents", files={"file": ("bench.pdf", pdf, "application/pdf")})
            took = time.perf_counter() - t
            r.raise_for_status()
            print(f"upload of a {pages}-page PDF ({len(pdf) // 1024} KB) to its findings: {took:.2f} s "
                  f"(status {r.status_code}, {len(r.json()['findings'])} findings)")
            t = time.perf_counter()
            client.get(f"/documents/{r.json()['id']}/pages/1.png").raise_for_status()
            print(f"first render of a page image: {(time.perf_counter() - t) * 1000:.0f} ms")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
