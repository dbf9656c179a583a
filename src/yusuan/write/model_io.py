"""Read the writer's input: a model JSON (`yusuan.disclosure/1`), any document yusuan parses, or a workbook."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.ingest import IngestError
from yusuan.model import (
    Ambiguity,
    Column,
    Disclosure,
    Indicator,
    Narrative,
    Performance,
    PerformanceTable,
    Profile,
    Row,
    SourceFile,
    Staffing,
    Statement,
    Table,
)


def dec(v: Any) -> Decimal:
    """A JSON number as the Decimal it was printed as (floats go through their shortest text)."""
    return Decimal(str(v)).quantize(Decimal("0.01")) if isinstance(v, float) else Decimal(v)


def _row(r: dict[str, Any]) -> Row:
    return Row(kind=r["kind"], code=r.get("code"), name=r.get("name"), project=r.get("project"), item=r.get("item"),
               values={k: dec(v) for k, v in (r.get("values") or {}).items()},
               ambiguous=[Ambiguity(dec(a["value"]), list(a["candidates"]), a.get("group"))
                          for a in r.get("ambiguous") or []])


def _table(t: dict[str, Any]) -> Table:
    return Table(type=t["type"], number=t.get("number"), title=t.get("title"), empty=bool(t.get("empty")),
                 empty_statement=t.get("empty_statement"),
                 columns=[Column(c["key"], c["label"]) for c in t.get("columns") or []],
                 rows=[_row(r) for r in t.get("rows") or []])


def _profile(p: dict[str, Any]) -> Profile:
    s = p.get("staffing") or {}
    staffing = Staffing()
    for k in Staffing.FIELDS:
        setattr(staffing, k, s.get(k))
    return Profile(functions=list(p.get("functions") or []), subordinate_units=p.get("subordinate_units"),
                   divisions=list(p.get("divisions") or []), staffing=staffing)


def _statement(s: dict[str, Any]) -> Statement:
    return Statement(section=s["section"], subject=s.get("subject") or "", metric=s["metric"], value=dec(s["value"]),
                     code=s.get("code"), base=s.get("base"), unit=s.get("unit"), block=s.get("block"),
                     line=s.get("line"), page=s.get("page"), quote=s.get("quote"))


def _perf_table(p: dict[str, Any]) -> PerformanceTable:
    return PerformanceTable(
        kind=p["kind"], name=p.get("name"),
        budget_total=dec(p["budget_total"]) if p.get("budget_total") is not None else None,
        sources={k: dec(v) for k, v in (p.get("sources") or {}).items()},
        indicators=[Indicator(level1=i.get("level1"), level2=i.get("level2"), level3=i.get("level3"),
                              value=i.get("value"),
                              weight=dec(i["weight"]) if i.get("weight") is not None else None)
                    for i in p.get("indicators") or []])


def disclosure_from_dict(data: dict[str, Any]) -> Disclosure:
    """The inverse of `Disclosure.to_dict()` for everything the writer uses (provenance is dropped)."""
    src = data.get("source") or {}
    d = Disclosure(source=SourceFile(src.get("path", ""), src.get("sha256", ""), src.get("layout", "model")),
                   year=data.get("year"), department=data.get("department"), kind=data.get("kind"),
                   unit=data.get("unit"), published=data.get("published"))
    d.profile = _profile(data.get("profile") or {})
    d.tables = [_table(t) for t in data.get("tables") or []]
    n = data.get("narrative") or {}
    d.narrative = Narrative(statements=[_statement(s) for s in n.get("statements") or []],
                            sections=list(n.get("sections") or []), projects=list(n.get("projects") or []),
                            glossary=bool(n.get("glossary")))
    perf = data.get("performance") or {}
    d.performance = Performance(overall=_perf_table(perf["overall"]) if perf.get("overall") else None,
                                projects=[_perf_table(p) for p in perf.get("projects") or []])
    return d


def load_model(path: str) -> Disclosure:
    """A model JSON, or any document yusuan can parse; every failure is an IngestError with a Chinese message."""
    p = Path(path)
    if not p.exists():
        raise IngestError(f"{path}：文件不存在")
    if p.is_dir():
        raise IngestError(f"{path}：是一个目录，不是文件")
    data = p.read_bytes()
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        return _from_json(data, path)
    if data[:4] == b"PK\x03\x04" and not _has_module("yusuan.ingest.xlsx"):
        raise IngestError(f"{path}：读取 Excel 需要 yusuan 的 Excel 读取模块（yusuan.ingest.xlsx），当前安装中没有")
    from yusuan.cli import load

    return load(path)


def _from_json(data: bytes, path: str) -> Disclosure:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise IngestError(f"{path}：不是有效的 JSON（{e}）") from None
    if not isinstance(obj, dict) or "tables" not in obj:
        raise IngestError(f"{path}：不是 yusuan 模型 JSON（缺少 tables；请用 yusuan parse 生成）")
    try:
        return disclosure_from_dict(obj)
    except (KeyError, TypeError, ValueError, ArithmeticError) as e:
        raise IngestError(f"{path}：模型 JSON 字段不完整或类型不对（{type(e).__name__}: {e}）") from None


def _has_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
