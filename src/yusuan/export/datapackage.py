"""A Fiscal Data Package of the store: the tidy CSVs plus `datapackage.json`, with a Table Schema per resource
(functional and economic classification as columns of the cells) and the fiscal `model` that says which column is
the amount and which are the classifications. Validates with frictionless (`frictionless validate datapackage.json`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Integer, Numeric

from yusuan import __version__
from yusuan.export.tidy import RESOURCES, Resource, column, header, write_csv
from yusuan.store import Store

DESCRIPTIONS = {
    "department": "部门（单位）名称", "year": "预算年度", "kind": "公开类型（部门预算、单位预算等）",
    "sha256": "来源文件的 SHA-256", "source_name": "来源文件名", "table_type": "表格类型（与表号无关的键）",
    "table_number": "表号", "row_no": "行在表中的位置", "row_kind": "行的种类", "functional_code": "支出功能分类科目编码",
    "economic_code": "部门支出经济分类科目编码", "code": "行的编码（按原表）", "name": "行的名称", "item": "收支项目的键",
    "project": "项目名称", "column_key": "列的键", "value": "金额（万元）或数值", "ambiguous": "列未能确定",
    "candidates": "可能的列（| 分隔）", "page": "页码", "line": "行号",
}


def field_type(res: Resource, name: str) -> str:
    col_type = column(res, name).type
    if isinstance(col_type, Boolean):
        return "boolean"
    if isinstance(col_type, Integer):
        return "integer"
    if isinstance(col_type, Numeric):
        return "number"
    return "string"


def descriptor(res: Resource) -> dict[str, Any]:
    fields = []
    for name in header(res):
        f: dict[str, Any] = {"name": name, "type": field_type(res, name)}
        if name in DESCRIPTIONS:
            f["description"] = DESCRIPTIONS[name]
        if f["type"] == "boolean":
            f["trueValues"], f["falseValues"] = ["true"], ["false"]
        fields.append(f)
    return {"name": res.name, "title": res.title, "path": f"{res.name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields}}


def fiscal_model() -> dict[str, Any]:
    """The Fiscal Data Package model of the cells: the amount, and the dimensions that classify it."""
    return {
        "measures": {"amount": {"source": "value", "currency": "CNY", "factor": 10000,
                                "title": "金额（万元）", "resource": "cells"}},
        "dimensions": {
            "functional-classification": {"dimensionType": "classification", "classificationType": "functional",
                                          "primaryKey": ["functional_code"], "attributes": {
                                              "functional_code": {"source": "functional_code"}}},
            "economic-classification": {"dimensionType": "classification", "classificationType": "economic",
                                        "primaryKey": ["economic_code"], "attributes": {
                                            "economic_code": {"source": "economic_code"}}},
            "administrative-classification": {"dimensionType": "classification",
                                              "classificationType": "administrative",
                                              "primaryKey": ["department"],
                                              "attributes": {"department": {"source": "department"}}},
            "date": {"dimensionType": "datetime", "primaryKey": ["year"], "attributes": {"year": {"source": "year"}}},
            "budget-line": {"dimensionType": "other", "primaryKey": ["table_type", "row_no", "column_key"],
                            "attributes": {"table_type": {"source": "table_type"}, "row_no": {"source": "row_no"},
                                           "column_key": {"source": "column_key"}}},
        },
    }


def write_datapackage(store: Store, outdir: Path) -> Path:
    write_csv(store, outdir)
    package = {
        "name": "yusuan-budget-disclosures",
        "title": "部门预算公开：表格、说明、绩效指标与检查发现",
        "profile": "tabular-data-package",
        "created_by": f"yusuan {__version__}",
        "resources": [descriptor(r) for r in RESOURCES],
        "model": fiscal_model(),
        "budgetType": "expenditure",
        "granularity": "aggregated",
    }
    target = outdir / "datapackage.json"
    target.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
