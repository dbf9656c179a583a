"""`export --format parquet`: the CSV export's rows and columns as datasets partitioned by year and kind, read back
by pyarrow and DuckDB; an existing export is not overwritten without --force."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.test_store_support import ENGINES, cli, make_db, write_samples
from yusuan.export.tidy import RESOURCES, cell, header

ds = pytest.importorskip("pyarrow.dataset", reason="pyarrow is not installed (pip install '.[scale]')")


@pytest.fixture(params=ENGINES)
def loaded(request, tmp_path) -> str:
    db = make_db(request.param, tmp_path)
    files = write_samples(tmp_path / "in", 4, year=2024) + write_samples(tmp_path / "in", 3, year=2025)
    r = cli("load", *map(str, files), "--db", db, "-j", "1")
    assert r.returncode == 0, r.stderr
    return db


def csv_rows(path: Path) -> tuple[list[str], list[tuple[str, ...]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        head, *body = list(csv.reader(fh))
    return head, sorted(tuple(r) for r in body)


def test_parquet_holds_the_csv_rows_partitioned_by_year_and_kind(loaded, tmp_path):
    assert cli("export", "--db", loaded, "--format", "csv", "-o", str(tmp_path / "csv")).returncode == 0
    r = cli("export", "--db", loaded, "--format", "parquet", "-o", str(tmp_path / "pq"))
    assert r.returncode == 0, r.stderr
    for res in RESOURCES:
        head, expected = csv_rows(tmp_path / "csv" / f"{res.name}.csv")
        assert head == header(res)
        table = ds.dataset(tmp_path / "pq" / res.name, partitioning="hive").to_table()
        assert sorted(table.column_names) == sorted(head)
        got = sorted(tuple(str(cell(v)) for v in row) for row in zip(*(table.column(c).to_pylist() for c in head),
                                                                      strict=True))
        assert got == expected, res.name
    years = {p.name for p in (tmp_path / "pq" / "cells").iterdir()}
    assert years == {"year=2024", "year=2025"}
    kinds = list((tmp_path / "pq" / "cells" / "year=2025").iterdir())
    assert kinds and all(k.name.startswith("kind=") and list(k.glob("*.parquet")) for k in kinds)


def test_duckdb_reads_the_partitions_as_columns(loaded, tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (pip install '.[all]')")
    assert cli("export", "--db", loaded, "--format", "parquet", "-o", str(tmp_path / "pq")).returncode == 0
    pattern = str(tmp_path / "pq" / "cells" / "**" / "*.parquet")
    per_year = duckdb.sql(f"select year, count(distinct sha256) from read_parquet('{pattern}', "
                          "hive_partitioning = true) group by year order by year").fetchall()
    assert per_year == [(2024, 4), (2025, 3)]


def test_an_existing_export_is_kept_unless_forced(loaded, tmp_path):
    out = tmp_path / "pq"
    assert cli("export", "--db", loaded, "--format", "parquet", "-o", str(out)).returncode == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    r = cli("export", "--db", loaded, "--format", "parquet", "-o", str(out))
    assert r.returncode == 2 and "已存在，未覆盖" in r.stderr
    r = cli("export", "--db", loaded, "--format", "parquet", "-o", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == before  # replaced, not doubled
