"""Parquet export for a cluster: the CSV export's resources (`tidy.RESOURCES`, the same rows and columns, produced by
`tidy.rows`), one Hive-partitioned dataset per resource: `out/cells/year=2025/kind=部门预算/part-0.parquet`.

Dask (`dd.read_parquet("out/cells")`), DuckDB (`read_parquet('out/cells/**/*.parquet', hive_partitioning=true)`)
and pandas/pyarrow read the folder as one table with `year` and `kind` back as columns, and can skip whole years or
kinds without opening their files. Columns keep the store's types (amounts as decimal128, codes as strings), where
the CSV writes text. Rows stream from the database in batches, so memory stays flat whatever the store's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
from sqlalchemy import Boolean, Integer, Numeric

from yusuan.export.tidy import RESOURCES, Resource, column, header, rows
from yusuan.store import Store

PARTITIONS = ("year", "kind")
BATCH_ROWS = 50_000


def arrow_type(sql_type: Any) -> Any:
    """The Arrow type of a store column: integers, exact decimals of the column's scale, booleans, else text."""
    if isinstance(sql_type, Boolean):
        return pa.bool_()
    if isinstance(sql_type, Integer):
        return pa.int64()
    if isinstance(sql_type, Numeric) and sql_type.precision and sql_type.scale is not None:
        return pa.decimal128(sql_type.precision, sql_type.scale)
    return pa.string()


def arrow_schema(res: Resource) -> Any:
    return pa.schema([pa.field(name, arrow_type(column(res, name).type)) for name in header(res)])


def record_batches(store: Store, res: Resource, schema: Any) -> Iterator[Any]:
    chunk: list[tuple[Any, ...]] = []
    for r in rows(store, res):
        chunk.append(r)
        if len(chunk) == BATCH_ROWS:
            yield _batch(chunk, schema)
            chunk = []
    if chunk:
        yield _batch(chunk, schema)


def _batch(chunk: list[tuple[Any, ...]], schema: Any) -> Any:
    columns = list(zip(*chunk, strict=True))
    return pa.RecordBatch.from_arrays([pa.array(values, type=f.type) for values, f in zip(columns, schema,
                                                                                       strict=True)], schema=schema)


def write_parquet(store: Store, outdir: Path, replace: bool = False) -> list[Path]:
    """One partitioned dataset per resource under `outdir`; with `replace`, the partitions written again replace
    their old files (others are left)."""
    written = []
    for res in RESOURCES:
        schema = arrow_schema(res)
        target = outdir / res.name
        target.mkdir(parents=True, exist_ok=True)
        partitioning = ds.partitioning(pa.schema([schema.field(p) for p in PARTITIONS]), flavor="hive")
        ds.write_dataset(record_batches(store, res, schema), target, schema=schema, format="parquet",
                         partitioning=partitioning, basename_template="part-{i}.parquet",
                         existing_data_behavior="delete_matching" if replace else "error")
        written.append(target)
    return written
