"""The web UI in-process (FastAPI's TestClient on a real SQLite store and a real sources folder): upload, pages,
downloads, API, and every refusal of the security scope. Documents are drawn by `yusuan sample` (no ../shared).
The browser tests against a real `yusuan serve` are in test_web_browser.py."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from tests.test_store_support import sample_bytes  # noqa: E402
from yusuan.store import open_store  # noqa: E402
from yusuan.web import Settings, create_app  # noqa: E402
from yusuan.web.security import safe_name, sniff  # noqa: E402
from yusuan.web.sources import Sources  # noqa: E402

LOCAL = "http://127.0.0.1"
HOSTILE_NAME = "<script>alert(1)</script>局"


def hostile_department_bytes() -> bytes:
    from yusuan.sample import department
    from yusuan.sample.style import style
    from yusuan.write import build, render

    d = department(7, 3)
    d.department = HOSTILE_NAME
    return render(build(d), "txt", style(7, 3))


def make_client(tmp_path: Path, **kw: object) -> TestClient:
    store = open_store(str(tmp_path / "web.db"))
    settings = Settings(store=store, sources=Sources(tmp_path / "sources"), workers=0, **kw)  # type: ignore[arg-type]
    return TestClient(create_app(settings), base_url=LOCAL)


@pytest.fixture
def client(tmp_path: Path):
    with make_client(tmp_path) as c:
        yield c


def upload(c: TestClient, data: bytes, name: str = "dept.txt", **kw: object):
    return c.post("/api/documents", files={"file": (name, data)}, **kw)  # type: ignore[arg-type]


def test_upload_answers_identity_and_findings_then_pages_show_the_tables(client: TestClient, tmp_path: Path) -> None:
    r = upload(client, sample_bytes(0))
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) >= {"id", "department", "year", "kind", "findings"}
    assert body["year"] == 2025 and body["department"] and body["kind"] == "部门预算"
    assert isinstance(body["findings"], list)
    # the same bytes again: nothing new, the same document
    again = upload(client, sample_bytes(0), "renamed.txt")
    assert again.status_code == 200 and again.json()["id"] == body["id"] and again.json()["status"] == "unchanged"
    page = client.get(f"/documents/{body['id']}")
    assert page.status_code == 200
    html = page.text
    assert body["department"] in html.split("<h1", 1)[1][:400]  # the first HTML names the department
    assert 'class="budget"' in html and "部门收入总体情况表" in html and 'data-col="total"' in html
    assert 'id="L1"' in html  # the text source beside the tables
    listing = client.get("/api/documents").json()
    assert [d["id"] for d in listing] == [body["id"]]
    model = client.get(f"/api/documents/{body['id']}").json()
    assert model["schema"] == "yusuan.disclosure/1" and model["department"] == body["department"]
    found = client.get(f"/api/documents/{body['id']}/findings").json()
    assert len(found) == len(body["findings"])
    # the source bytes are kept by hash, never under the uploaded name
    kept = [p.name for p in (tmp_path / "sources").rglob("*.src")]
    assert len(kept) == 1 and kept[0][:64].isalnum() and "dept" not in kept[0]


def test_downloads(client: TestClient) -> None:
    from openpyxl import load_workbook

    doc = upload(client, sample_bytes(1)).json()["id"]
    xlsx = client.get(f"/documents/{doc}/tables.xlsx")
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert len(wb.sheetnames) >= 5
    csv = client.get(f"/documents/{doc}/tables.csv")
    assert csv.content.startswith("\ufeff表号".encode()) and len(csv.text.splitlines()) > 50
    f = load_workbook(io.BytesIO(client.get(f"/documents/{doc}/findings.xlsx").content))
    assert f.sheetnames == ["检查发现"]
    report = client.get(f"/documents/{doc}/report")
    assert report.status_code == 200 and "检查报告" in report.text


def test_list_search_filters_and_counts(client: TestClient) -> None:
    ids = [upload(client, sample_bytes(i)).json() for i in range(3)]
    one = ids[1]["department"]
    got = client.get("/api/documents", params={"department": one}).json()
    assert [d["department"] for d in got] == [one]
    assert client.get("/api/documents", params={"year": 2024}).json() == []
    page = client.get("/", params={"department": one})
    assert "共 1 个文件" in page.text and one in page.text
    partial = client.get("/", params={"year": 2025}, headers={"HX-Request": "true"})
    assert "共 3 个文件" in partial.text and "<html" not in partial.text
    import yusuan.web.app as web_app

    web_app.LIST_ROWS, keep = 2, web_app.LIST_ROWS
    try:
        cut = client.get("/").text
        assert "共 3 个文件" in cut and "另有 1 个文件未列出" in cut and cut.count("/documents/") == 2
        assert client.get("/", params={"all": "true"}).text.count("/documents/") == 3
    finally:
        web_app.LIST_ROWS = keep
    errors = client.get("/api/documents", params={"has_errors": True}).json()
    assert all(d["findings"]["error"] > 0 for d in errors)


def test_document_text_is_escaped_everywhere(client: TestClient) -> None:
    body = upload(client, hostile_department_bytes()).json()
    assert "<script>" in body["department"]
    for url in ("/", f"/documents/{body['id']}", f"/documents/{body['id']}/report", "/compare"):
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert" in html, url


def test_hostile_and_unreadable_uploads_are_refused_in_chinese(client: TestClient) -> None:
    png = upload(client, b"\x89PNG\r\n\x1a\n" + bytes(200), "looks-like.txt")
    assert png.status_code == 415 and "不是可读取的文件类型" in png.json()["detail"]
    text = upload(client, "这是一封普通的信，不是预算公开文件。\n".encode() * 20, "letter.pdf")
    assert text.status_code == 422 and "letter.pdf" in text.json()["detail"]
    fake_pdf = upload(client, b"%PDF-1.7\n" + b"garbage" * 100, "x.pdf")
    assert fake_pdf.status_code == 422
    assert client.get("/api/documents").json() == []


def test_upload_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUSUAN_LIMIT_FILE_MB", "1")
    with make_client(tmp_path) as c:
        r = upload(c, b"a" * (2 << 20))
        assert r.status_code == 413 and "file-mb" in r.json()["detail"]


def test_path_traversal_names_touch_nothing(client: TestClient, tmp_path: Path) -> None:
    r = upload(client, sample_bytes(2), "../../../../etc/passwd")
    assert r.status_code == 201
    assert not (tmp_path / "etc").exists()
    assert safe_name("../../x/..\\evil.txt") == "evil.txt"
    assert safe_name("..") == "上传文件" and safe_name("a\x00b\nc.txt") == "abc.txt"


def test_sniffing_goes_by_content() -> None:
    assert sniff(b"%PDF-1.4 ...") == "PDF"
    assert sniff(b"PK\x03\x04....") is not None
    assert sniff("部门预算".encode("gb18030")) == "文本"
    assert sniff(b"\x7fELF\x02\x01\x01\x00") is None
    assert sniff(b"") is None


def test_read_only_refuses_uploads(tmp_path: Path) -> None:
    with make_client(tmp_path, read_only=True) as c:
        r = upload(c, sample_bytes(0))
        assert r.status_code == 403 and "只读" in r.json()["detail"]
        assert 'id="upload"' not in c.get("/").text


def test_token_required_when_set(tmp_path: Path) -> None:
    with make_client(tmp_path, token="s3cret-token") as c:
        assert upload(c, sample_bytes(0)).status_code == 401
        assert upload(c, sample_bytes(0), headers={"Authorization": "Bearer wrong-token"}).status_code == 401
        assert upload(c, sample_bytes(0), headers={"Authorization": "Bearer s3cret-token"}).status_code == 201


def test_csrf_another_sites_page_cannot_upload(client: TestClient) -> None:
    evil = upload(client, sample_bytes(0), headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403 and "跨站" in evil.json()["detail"]
    site = upload(client, sample_bytes(0), headers={"Sec-Fetch-Site": "cross-site"})
    assert site.status_code == 403
    # the page's own form: the hidden CSRF field must match the cookie the page set
    client.get("/")
    bad = client.post("/upload", files={"file": ("a.txt", sample_bytes(0))}, data={"csrf": "forged"})
    assert bad.status_code == 403
    good = client.post("/upload", files={"file": ("a.txt", sample_bytes(0))},
                       data={"csrf": client.cookies.get("yusuan_csrf")}, follow_redirects=False)
    assert good.status_code == 303 and good.headers["location"].startswith("/documents/")


def test_loopback_server_refuses_foreign_host_names(client: TestClient) -> None:
    r = client.get("/", headers={"Host": "attacker.example"})
    assert r.status_code == 403


def test_compare_page_and_api(client: TestClient) -> None:
    for i in range(3):
        upload(client, sample_bytes(i))
    page = client.get("/compare", params={"year": 2025})
    assert page.status_code == 200 and 'id="chart-data"' in page.text and "收支总计" in page.text
    data = client.get("/api/compare", params={"year": 2025}).json()
    assert len(data["documents"]) == 3
    by_total = client.get("/compare", params={"year": 2025, "sort": "total", "desc": "true"}).text
    by_total = by_total.split('id="compare-table"', 1)[1]
    totals = [d["total"] for d in sorted(data["documents"], key=lambda d: -d["total"])]
    first = by_total.index(f"{totals[0]:,.2f}")
    assert first < by_total.index(f"{totals[-1]:,.2f}")


def test_missing_document_is_404_in_chinese(client: TestClient) -> None:
    assert client.get("/api/documents/999").json()["detail"] == "没有编号为 999 的文件"
    assert client.get("/documents/999", headers={"Accept": "text/html"}).status_code == 404


def test_serve_on_all_interfaces_without_token_refuses_to_start(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "yusuan", "serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "--token" in r.stderr and "Traceback" not in r.stderr


def test_long_compare_table_is_cut_after_sorting_and_follows_uploads(client: TestClient,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import yusuan.web.app as web_app

    monkeypatch.setattr(web_app, "COMPARE_ROWS", 2)
    for i in range(3):
        upload(client, sample_bytes(i))
    page = client.get("/compare", params={"year": 2025, "sort": "total", "desc": "false"}).text
    assert "共 3 行" in page and "显示全部" in page
    body = page.split('id="compare-table"', 1)[1]
    assert body.count("<tr>") == 1 + 2  # header and the two smallest totals
    smallest = min(d["total"] for d in client.get("/api/compare", params={"year": 2025}).json()["documents"])
    assert f"{smallest:,.2f}" in body
    everything = client.get("/compare", params={"year": 2025, "all": "true"}).text.split('id="compare-table"', 1)[1]
    assert everything.count("<tr>") == 1 + 3
    upload(client, sample_bytes(3))  # the cached comparison gives way to the new document
    assert len(client.get("/api/compare", params={"year": 2025}).json()["documents"]) == 4


def test_ambiguous_cells_are_marked_with_their_candidates(tmp_path: Path) -> None:
    from decimal import Decimal

    from yusuan.store.rows import analyze

    data = sample_bytes(4)
    a = analyze(data, "amb.txt", with_model=True)
    cell = next(c for c in a.rows["cells"] if c["table_type"] == "expenditure_overview" and c["row_kind"] != "total")
    a.rows["cells"].append(cell | {"column_key": None, "value": Decimal("12.34"), "ambiguous": True,
                                   "candidates": "basic|project"})
    with make_client(tmp_path) as c:
        s = open_store(str(tmp_path / "web.db"))
        s.write(a)
        doc = c.get("/api/documents").json()[0]["id"]
        html = c.get(f"/documents/{doc}").text
        assert 'class="amb"' in html and "候选：basic、project" in html and "12.34?" in html
        assert "未定列" in html


def test_pdf_page_is_rendered_and_cached(client: TestClient, tmp_path: Path) -> None:
    from yusuan.sample import department
    from yusuan.sample.roundtrip import formats
    from yusuan.sample.style import style
    from yusuan.write import build, render

    if "pdf" not in formats():
        pytest.skip("no CJK font or fpdf2 to write a PDF (CI installs fonts-noto-cjk)")
    pdf = render(build(department(7, 5)), "pdf", style(7, 5))
    r = upload(client, pdf, "dept.pdf")
    assert r.status_code == 201, r.text
    doc = r.json()["id"]
    html = client.get(f"/documents/{doc}").text
    assert 'id="page-img"' in html
    png = client.get(f"/documents/{doc}/pages/1.png")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert list((tmp_path / "sources").rglob("*.p1.png"))  # cached beside the source
    assert client.get(f"/documents/{doc}/pages/999.png").status_code == 404
    # a finding's place on the page: where its text is printed, as fractions of the page
    box = client.get(f"/documents/{doc}/pages/1/find", params={"q": ["没有这段文字", r.json()["department"]]}).json()
    assert box is not None and box["text"] == r.json()["department"]
    assert 0 <= box["left"] < box["right"] <= 1 and 0 <= box["top"] < box["bottom"] <= 1
    assert client.get(f"/documents/{doc}/pages/1/find", params={"q": ["没有这段文字"]}).json() is None


def test_framework_refusals_are_documented_and_in_chinese(client: TestClient) -> None:
    """A malformed multipart body (found by schemathesis), an unknown path and a wrong method: the status is one the
    OpenAPI document lists, and the detail one Chinese sentence like every other refusal."""
    body = b"--b\r\n2644327087645671.0--b--\r\n"
    r = client.post("/api/documents", content=body, headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert r.status_code == 400 and "格式有误" in r.json()["detail"]
    documented = client.get("/openapi.json").json()["paths"]["/api/documents"]["post"]["responses"]
    assert "400" in documented
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["detail"] == "没有这个页面或接口"
    r = client.delete("/api/documents")
    assert r.status_code == 405 and "请求方法" in r.json()["detail"]


def test_a_final_accounts_document_uploads_and_shows_its_nine_tables(client: TestClient) -> None:
    """A 部门决算 (the second family) goes through the same door: its kind, its tables by their own titles."""
    from yusuan.sample.final import final_department
    from yusuan.sample.style import style
    from yusuan.write import build, render

    d = final_department(7, 1)
    r = upload(client, render(build(d), "txt", style(7, 1)), "决算.txt")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["kind"] == "部门决算" and body["year"] == d.year and body["department"] == d.department
    html = client.get(f"/documents/{body['id']}").text
    for title in ("收入支出决算总表", "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表"):
        assert title in html
    model = client.get(f"/api/documents/{body['id']}").json()
    assert model["template"] == "final" and len(model["tables"]) == 9
