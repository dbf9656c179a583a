"""Compare: every figure equals the tables' own figure; year over year against the prior year loaded and against
the changes the document states; ranks; output formats; charts offline with CJK labels that are not tofu boxes."""

from __future__ import annotations

import csv
import io
import json
import os
import warnings
from decimal import Decimal

import pytest

from tests.test_store_support import ENGINES, cli, make_db, sample_bytes
from yusuan.compare import CHANGE_RULE, Selection, compare
from yusuan.compare.chart import html_page, png
from yusuan.store import open_store
from yusuan.store.rows import analyze

SEED = 7  # the seed of tests.test_store_support.sample_bytes


@pytest.fixture(params=ENGINES)
def db(request, tmp_path) -> str:
    return make_db(request.param, tmp_path)


def model(index: int, year: int):
    from yusuan.sample import department

    return department(SEED, index, year)


def table_total(d, table: str, key: str, column: str) -> Decimal | None:
    t = d.table(table)
    row = next((r for r in t.rows if (r.item or r.kind) == key), None) if t else None
    return row.values.get(column) if row else None


def load(store, index: int, year: int, prior_year: int | None = None, fmt: str = "txt") -> str:
    return store.write(analyze(sample_bytes(index, year, fmt, prior_year=prior_year), f"d{index}-{year}.txt"))


def test_compare_figures_are_the_tables_figures_and_year_over_year(db):
    store = open_store(db)
    for i in range(3):
        load(store, i, 2024)
        load(store, i, 2025, prior_year=2024)
    result = compare(store, Selection(year=2025))
    assert len(result.rows) == 3 and all(r["year"] == 2025 for r in result.rows)
    assert result.findings == []  # the stated changes agree with the loaded prior year
    for row in result.rows:
        i = next(i for i in range(3) if model(i, 2025).department == row["department"])
        d, prior = model(i, 2025), model(i, 2024)
        total = table_total(d, "income_expenditure_overview", "income_total", "amount")
        assert row["total"] == total
        assert total == table_total(d, "income_expenditure_overview", "expenditure_total", "amount")
        assert row["basic"] == table_total(d, "expenditure_overview", "total", "basic")
        assert row["project"] == table_total(d, "expenditure_overview", "total", "project")
        assert row["personnel"] == table_total(d, "general_budget_basic", "total", "personnel")
        assert row["three_public"] == table_total(d, "three_public", "total", "total")
        assert row["income_general"] == table_total(d, "income_expenditure_overview", "general", "amount")
        t7 = d.table("general_budget_projects")
        assert row["projects"] == len({r.project for r in t7.rows if r.kind == "project" and r.project})
        assert row["staff_active"] == d.profile.staffing.active
        if row["three_public"] is not None and d.profile.staffing.active:
            assert row["three_public_per_staff"] == (row["three_public"] / d.profile.staffing.active).quantize(
                Decimal("0.01"))
        prior_total = table_total(prior, "income_expenditure_overview", "income_total", "amount")
        assert row["prior_total"] == prior_total
        assert row["total_change"] == total - prior_total
        assert row["basic_share"] + row["project_share"] == pytest.approx(Decimal(100), abs=Decimal("0.02"))
    ranked = sorted(result.rows, key=lambda r: r["rank"])
    assert [r["rank"] for r in ranked] == [1, 2, 3]
    assert [r["total"] for r in ranked] == sorted((r["total"] for r in result.rows), reverse=True)


def test_a_stated_change_the_prior_year_contradicts_is_a_finding(db):
    store = open_store(db)
    load(store, 0, 2024)
    load(store, 0, 2025, prior_year=2023)  # its prose compares with 2023, not with the 2024 document loaded
    result = compare(store, Selection(year=2025))
    assert result.findings, "a change stated against another base must be caught"
    this, before = model(0, 2025), model(0, 2024)
    for f in result.findings:
        assert f["rule"] == CHANGE_RULE and f["department"] == this.department
        if f["quantity"] == "three_public":
            expected = (table_total(this, "three_public", "total", "total")
                        - table_total(before, "three_public", "total", "total"))
            assert f["actual"] == expected
        assert f["stated"] != f["actual"]
        assert "比上年" in f["message"]


def test_compare_command_formats(db, tmp_path):
    store = open_store(db)
    for year in (2024, 2025):
        for i in range(2):
            load(store, i, year, prior_year=year - 1)
    store.close()
    name = model(0, 2025).department
    js = cli("compare", "--db", db, "--department", name, "--years", "2024-2025", "--format", "json")
    assert js.returncode == 0, js.stderr
    docs = json.loads(js.stdout)["documents"]
    assert [d["year"] for d in docs] == [2024, 2025] and {d["department"] for d in docs} == {name}
    assert docs[1]["total"] == float(table_total(model(0, 2025), "income_expenditure_overview", "income_total",
                                                 "amount"))
    out = cli("compare", "--db", db, "--year", "2025", "--by", "department", "--format", "csv")
    assert out.returncode == 0, out.stderr
    table = list(csv.reader(io.StringIO(out.stdout)))
    assert table[0][:4] == ["部门", "年度", "类型", "收支总计"] and len(table) == 3
    text = cli("compare", "--db", db, "--year", "2025")
    assert text.returncode == 0 and name in text.stdout
    xlsx = tmp_path / "c.xlsx"
    assert cli("compare", "--db", db, "--year", "2025", "--format", "xlsx", "-o", str(xlsx)).returncode == 0
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    assert ws.cell(1, 1).value == "部门" and ws.max_row == 3
    again = cli("compare", "--db", db, "--year", "2025", "--format", "xlsx", "-o", str(xlsx))
    assert again.returncode == 2 and "未覆盖" in again.stderr
    none = cli("compare", "--db", db, "--year", "1999")
    assert none.returncode == 1 and "没有符合条件" in none.stderr
    bad = cli("compare", "--db", db, "--years", "twenty")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    page = tmp_path / "c.html"
    assert cli("compare", "--db", db, "--year", "2025", "--chart", str(page)).returncode == 0
    assert name in page.read_text(encoding="utf-8")


def test_seeds_compare_equals_their_tables(seeds, parsed_seeds, tmp_path):
    store = open_store(str(tmp_path / "seeds.db"))
    for p in seeds:
        store.write(analyze(p.read_bytes(), str(p)))
    rows = {r["department"]: r for r in compare(store, Selection()).rows}
    for d in parsed_seeds.values():
        row = rows[d.department]
        assert row["total"] == table_total(d, "income_expenditure_overview", "income_total", "amount")
        assert row["basic"] == table_total(d, "expenditure_overview", "total", "basic")
        assert row["three_public"] == table_total(d, "three_public", "total", "total")


def rows_named(*names: str) -> list[dict]:
    return [{"department": n, "year": 2025, "kind": "部门预算", "total": Decimal(100 * (i + 1))}
            for i, n in enumerate(names)]


def test_html_chart_is_self_contained_and_escaped():
    page = html_page(rows_named("<script>alert(1)</script>局", "财政局"))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "财政局" in page and "<svg" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page


def test_png_chart_labels_are_glyphs_not_tofu():
    from yusuan.write.fonts import FontMissing, cjk_font

    try:
        cjk_font()
    except FontMissing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but no CJK font: .ci/run installs fonts-noto-cjk")
        pytest.skip("no CJK font on this machine (install fonts-noto-cjk or set YUSUAN_CJK_FONT)")
    from PIL import Image, ImageChops

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font" when it draws a box
        first = png(rows_named("甲乙丙丁局", "戊己庚辛局"))
        second = png(rows_named("子丑寅卯局", "辰巳午未局"))
    a, b = Image.open(io.BytesIO(first)), Image.open(io.BytesIO(second))
    assert a.size == b.size
    # tofu boxes would all look alike: with real glyphs, different names give different pixels (in the labels)
    diff = ImageChops.difference(a.convert("L"), b.convert("L")).getbbox()
    assert diff is not None
    assert diff[0] < a.size[0] // 3  # the difference is at the left, where the department names are
