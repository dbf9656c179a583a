"""Tidy export (CSV, XLSX) and the Fiscal Data Package, which must validate with frictionless."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest

from tests.test_store_support import ENGINES, cli, make_db, write_samples
from yusuan.store import open_store


@pytest.fixture(params=ENGINES)
def db(request, tmp_path) -> str:
    return make_db(request.param, tmp_path)


@pytest.fixture
def loaded(db, tmp_path) -> str:
    folder = tmp_path / "in"
    write_samples(folder, 2)
    write_samples(folder, 1, fmt="txt-tab")  # a second version of department 0: only the current one is exported
    assert cli("load", str(folder), "--db", db, "-j", "1").returncode == 0
    return db


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_is_tidy_and_complete(loaded, tmp_path):
    out = tmp_path / "out"
    r = cli("export", "--db", loaded, "--format", "csv", "-o", str(out))
    assert r.returncode == 0, r.stderr
    cells = read_csv(out / "cells.csv")
    store = open_store(loaded)
    _, [[current_cells]] = store.query("select count(*) from cells c join documents d "
                                       "on d.current_version_id = c.version_id")
    assert len(cells) == current_cells
    first = cells[0]
    for col in ("department", "year", "kind", "sha256", "table_type", "functional_code", "economic_code", "name",
                "column_key", "value"):
        assert col in first
    totals = [c for c in cells if c["table_type"] == "income_expenditure_overview" and c["item"] == "income_total"]
    assert len(totals) == 2  # one per document, not per version
    econ = [c for c in cells if c["table_type"] == "general_budget_basic" and c["economic_code"]]
    assert econ and all(not c["functional_code"] for c in econ)
    projects = [c for c in cells if c["table_type"] == "general_budget_projects" and c["row_kind"] == "project"
                and c["column_key"] != "total"]
    assert projects and all(c["economic_code"] == c["column_key"] for c in projects)
    assert all(Decimal(c["value"]) == Decimal(c["value"]).quantize(Decimal("0.01")) for c in cells)
    findings = read_csv(out / "findings.csv")
    _, [[n_findings]] = store.query("select count(*) from findings f join documents d "
                                    "on d.current_version_id = f.version_id")
    assert len(findings) == n_findings
    assert len(read_csv(out / "statements.csv")) > 10
    again = cli("export", "--db", loaded, "--format", "csv", "-o", str(out))
    assert again.returncode == 2 and "未覆盖" in again.stderr


def test_xlsx_has_a_sheet_per_resource(loaded, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "x"
    assert cli("export", "--db", loaded, "--format", "xlsx", "-o", str(out)).returncode == 0
    wb = load_workbook(out / "yusuan.xlsx", read_only=True)
    assert wb.sheetnames == ["cells", "statements", "indicators", "findings"]
    header = next(wb["cells"].iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("department", "year", "kind")


def test_datapackage_validates_with_frictionless(loaded, tmp_path):
    frictionless = pytest.importorskip("frictionless", reason="frictionless is a dev dependency (pip install -e .[dev])")
    out = tmp_path / "fdp"
    r = cli("export", "--db", loaded, "--format", "datapackage", "-o", str(out))
    assert r.returncode == 0, r.stderr
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [res["name"] for res in descriptor["resources"]] == ["cells", "statements", "indicators", "findings"]
    fields = {f["name"]: f["type"] for f in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["functional_code"] == "string" and fields["economic_code"] == "string"
    assert fields["value"] == "number" and fields["year"] == "integer"
    assert descriptor["model"]["measures"]["amount"]["source"] == "value"
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
