"""Browser tests: Debian's chromium driven by Playwright against a real `yusuan serve` subprocess on 127.0.0.1 with a
real SQLite store. Upload a document, see its tables and findings, select a finding and see its cells highlighted,
open compare, upload a hostile file and see the refusal. Never a downloaded browser (`playwright install`).

`YUSUAN_SCREENSHOTS=DIR` also saves the three main pages as PNGs (how docs/web-*.png are made; see docs/web.md)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("fastapi")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run installs it)",
                allow_module_level=True)

pytestmark = pytest.mark.slow


def defective_sample(index: int, fmt: str = "txt") -> bytes:
    """A sampled department whose table 3 has one class row 10.00 above its items: errors in and across tables."""
    from yusuan.sample import department
    from yusuan.sample.style import style
    from yusuan.write import build, render

    d = department(7, index)
    t = d.table("expenditure_overview")
    assert t is not None
    row = next(r for r in t.rows if r.kind == "class" and "total" in r.values)
    for key in ("total", "basic" if "basic" in row.values else "project"):
        row.values[key] += Decimal("10.00")
    return render(build(d), fmt, style(7, index))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("web")
    port = _free_port()
    log = open(root / "serve.log", "wb")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen([sys.executable, "-m", "yusuan", "serve", "--db", str(root / "web.db"), "--port",
                             str(port), "-j", "1"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError((root / "serve.log").read_text()) from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tests.test_store_support import sample_bytes

    folder = tmp_path_factory.mktemp("files")
    out = {"defective": folder / "defective.txt", "hostile": folder / "report.txt"}
    out["defective"].write_bytes(defective_sample(0))
    out["hostile"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4096))  # an image named .txt
    for i in (1, 2, 3):
        out[f"good{i}"] = folder / f"dept{i}.txt"
        out[f"good{i}"].write_bytes(sample_bytes(i))
    return out


def _shot(page: object, name: str) -> None:
    target = os.environ.get("YUSUAN_SCREENSHOTS")
    if target:
        from PIL import Image

        path = Path(target) / name
        page.screenshot(path=str(path), full_page=False)  # type: ignore[attr-defined]
        # 64 colours keep the docs' PNGs small; text and highlights stay legible
        Image.open(path).convert("RGB").quantize(64).save(path, optimize=True)


def test_upload_see_tables_and_findings_select_one_compare_and_refusal(server: str, browser, files) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.goto(server + "/")
    # several files at once, each with its own progress line
    page.set_input_files("#file-input", [str(files["defective"]), str(files["good1"]), str(files["good2"]),
                                         str(files["good3"])])
    sync_api.expect(page.locator("#progress li.ok")).to_have_count(4, timeout=60_000)
    sync_api.expect(page.locator("#counts")).to_contain_text("共 4 个文件", timeout=10_000)
    _shot(page, "web-list.png")

    # the hostile file: refused, with the reason in Chinese, and nothing stored
    page.set_input_files("#file-input", str(files["hostile"]))
    refusal = page.locator("#progress li.failed .refusal")
    sync_api.expect(refusal).to_contain_text("不是可读取的文件类型", timeout=30_000)
    sync_api.expect(page.locator("#counts")).to_contain_text("共 4 个文件")

    # the document: department, tables and findings; select a finding → its cells are highlighted
    page.locator("#progress li.ok", has_text=re.compile(r"错误 [1-9]")).locator("a").click()  # the defective one
    sync_api.expect(page.locator("h1#department")).not_to_be_empty()
    assert page.locator("table.budget").count() >= 5
    findings = page.locator(".finding.sev-error")
    assert findings.count() >= 1
    assert page.locator("td.hl, tr.hl").count() == 0
    hierarchy = page.locator(".finding", has_text="AR-HIERARCHY").first
    hierarchy.click()
    sync_api.expect(hierarchy).to_have_attribute("aria-pressed", "true")
    highlighted = page.locator("table.budget td.hl")
    assert highlighted.count() >= 2  # the printed total and the rows it should add up to
    assert page.locator("#t-expenditure_overview td.hl").count() >= 2
    sync_api.expect(page.locator(".lines li.hl").first).to_be_visible()  # and its place in the source
    # a cross-table finding marks both tables
    cross = page.locator(".finding", has_text="XT-T2-T3-TOTAL").first
    cross.click()
    assert page.locator("#t-income_overview td.hl").count() >= 1
    assert page.locator("#t-expenditure_overview td.hl").count() >= 1
    if not os.environ.get("YUSUAN_SCREENSHOTS") or not _pdf_possible():
        _shot(page, "web-document.png")

    # compare: a chart and a sortable table
    page.goto(server + "/compare")
    sync_api.expect(page.locator("#chart")).to_be_visible()
    rows = page.locator("#compare-table tbody tr")
    assert rows.count() == 4
    page.locator('#compare-table th[data-key="total"] a').click()
    values = [float(v) for v in page.locator('#compare-table tbody td:nth-child(4)').evaluate_all(
        "cells => cells.map(c => c.dataset.v)")]
    assert values == sorted(values, reverse=True)
    _shot(page, "web-compare.png")
    page.close()


def _pdf_possible() -> bool:
    from yusuan.sample.roundtrip import formats

    return "pdf" in formats()


def test_pdf_page_beside_the_tables_marks_the_findings_place(server: str, browser) -> None:
    """A PDF's page is shown as an image; selecting a finding opens its page and frames where its text is printed."""
    import httpx

    if not _pdf_possible():
        pytest.skip("no CJK font or fpdf2 to write a PDF (CI installs fonts-noto-cjk)")
    r = httpx.post(server + "/api/documents", files={"file": ("dept.pdf", defective_sample(6, "pdf"))}, timeout=120)
    assert r.status_code == 201, r.text
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.goto(f"{server}/documents/{r.json()['id']}")
    sync_api.expect(page.locator("#page-img")).to_be_visible()
    page.locator(".finding", has_text="AR-HIERARCHY").first.click()
    sync_api.expect(page.locator("#page-mark.boxed")).to_be_visible(timeout=10_000)
    assert page.locator(".page-link.current").count() == 1
    assert page.locator("#t-expenditure_overview td.hl").count() >= 2
    _shot(page, "web-document.png")
    page.close()


def test_phone_width_document_page_is_usable(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(server + "/documents/1")
    sync_api.expect(page.locator("h1#department")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate("""() => Array.from(document.querySelectorAll('body *'))
        .filter(e => e.getBoundingClientRect().right > 392).slice(0, 5)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert width <= 390 + 2, wide  # wide tables scroll inside their box, the page does not
    page.close()


def test_page_views_are_answered_while_an_upload_is_being_parsed(server: str) -> None:
    """Parsing runs off the event loop: during a long upload (an 8 MB text, seconds to parse) page views and the
    API keep answering. Measured as a ratio, not a time: the longest wait between two answered views while the
    upload is in flight is a small part of the upload's own duration (a blocked loop would answer nothing while
    it parses: one gap as long as the parse)."""
    import threading

    import httpx

    from tests.test_store_support import sample_bytes

    row = "208 05 05 机关事业单位基本养老保险缴费支出 {0}.00 {0}.00".format
    big = sample_bytes(5) + "\n".join(row(i) for i in range(240_000)).encode()
    done = threading.Event()
    result: dict[str, float] = {}

    def send() -> None:
        t = time.perf_counter()
        r = httpx.post(server + "/api/documents", files={"file": ("big.txt", big)}, timeout=300)
        result["status"], result["took"] = r.status_code, time.perf_counter() - t
        done.set()

    sender = threading.Thread(target=send)
    start = time.perf_counter()
    sender.start()
    answered = [start]
    with httpx.Client(base_url=server, timeout=300) as client:
        while not done.is_set():
            for url in ("/", "/compare", "/api/documents"):
                assert client.get(url).status_code == 200
                if not done.is_set():
                    answered.append(time.perf_counter())
    sender.join()
    assert result["status"] in (200, 201, 422)
    longest = max(b - a for a, b in zip(answered, answered[1:], strict=False)) if len(answered) > 1 else result["took"]
    assert longest < 0.5 * result["took"], (longest, result["took"], len(answered))
