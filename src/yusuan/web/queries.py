"""What the pages read from the store: one document's current version, its tables (from the stored cells) and
findings; the list with its filters. Reads only; the store's own API writes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from yusuan.spec import FAMILIES, TableSpec
from yusuan.store import Store
from yusuan.store import schema as S

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
AMBIGUOUS = "?"


@dataclass
class WebTable:
    type: str
    number: int | None
    title: str
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[dict[str, Any]] = field(default_factory=list)
    has_ambiguous: bool = False


def table_spec(table_type: str) -> TableSpec | None:
    """The template's spec of a stored table: table types are unique across the families (the store keeps cells
    by table type, not by family)."""
    return next((spec for t in FAMILIES.values() if (spec := t.table(table_type)) is not None), None)


def column_labels(table_type: str) -> dict[str, str]:
    spec = table_spec(table_type)
    if spec is None:
        return {}
    return {c.key: c.label for c in (*spec.columns, *spec.left, *spec.right)}


def table_title(table_type: str, number: int | None) -> str:
    spec = table_spec(table_type)
    title = spec.title.format(org="部门") if spec and spec.title else table_type
    return f"表{number} {title}" if number else title


def document(store: Store, doc_id: int) -> dict[str, Any] | None:
    """The document's identity and its current version's row (`version_id`, `versions`), or None."""
    d, v = S.documents, S.versions
    cols = [c for c in v.columns if c.name not in ("id", "document_id")]
    q = (select(d.c.id, d.c.department, d.c.year, d.c.kind, v.c.id.label("version_id"), *cols)
         .join(v, v.c.id == d.c.current_version_id).where(d.c.id == doc_id))
    with store.engine.connect() as conn:
        r = conn.execute(q).mappings().first()
        if r is None:
            return None
        out = dict(r)
        out["versions"] = len(conn.execute(select(v.c.id).where(v.c.document_id == doc_id)).all())
    return out


def version_id(store: Store, doc_id: int) -> int | None:
    with store.engine.connect() as conn:
        vid = conn.scalar(select(S.documents.c.current_version_id).where(S.documents.c.id == doc_id))
    return int(vid) if vid is not None else None


def tables(store: Store, vid: int) -> list[WebTable]:
    """The tables of a version as stored cells, row by row, columns in their printed order."""
    c = S.cells
    q = select(c).where(c.c.version_id == vid).order_by(c.c.table_number, c.c.table_type, c.c.row_no)
    with store.engine.connect() as conn:
        cells = conn.execute(q).mappings().all()
    out: dict[tuple[int | None, str], WebTable] = {}
    for cell in cells:
        key = (cell["table_number"], cell["table_type"])
        t = out.get(key)
        if t is None:
            t = out[key] = WebTable(cell["table_type"], cell["table_number"],
                                    table_title(cell["table_type"], cell["table_number"]), [])
        if not t.rows or t.rows[-1]["row_no"] != cell["row_no"]:
            t.rows.append({"row_no": cell["row_no"], "kind": cell["row_kind"], "code": cell["code"],
                           "name": cell["name"] or cell["project"] or "", "item": cell["item"],
                           "project": cell["project"], "page": cell["page"], "line": cell["line"],
                           "values": {}, "ambiguous": []})
        row = t.rows[-1]
        if cell["ambiguous"]:
            row["ambiguous"].append({"value": _dec(cell["value"]), "candidates": (cell["candidates"] or "").split("|")})
            t.has_ambiguous = True
        else:
            row["values"][cell["column_key"]] = _dec(cell["value"])
    for t in out.values():
        labels = column_labels(t.type)
        seen: list[str] = [k for k in labels if any(k in r["values"] for r in t.rows)]
        seen += [k for r in t.rows for k in r["values"] if k not in seen and not seen.append(k)]  # type: ignore[func-returns-value]
        t.columns = [(k, labels.get(k, k)) for k in dict.fromkeys(seen)]
    return sorted(out.values(), key=lambda t: (t.number is None, t.number or 0, t.type))


def _dec(v: Any) -> Decimal:
    return Decimal(str(v)).quantize(Decimal("0.01"))


def findings(store: Store, vid: int) -> list[dict[str, Any]]:
    """The findings of a version, errors first, each with its locations decoded."""
    f = S.findings
    with store.engine.connect() as conn:
        rows = conn.execute(select(f).where(f.c.version_id == vid)).mappings().all()
    order = {s: i for i, s in enumerate(SEVERITIES)}
    out = []
    for i, r in enumerate(rows):
        item = {k: r[k] for k in ("rule", "category", "severity", "message", "page", "line")}
        item |= {k: (None if r[k] is None else float(r[k])) for k in ("expected", "actual", "difference")}
        item["locations"] = json.loads(r["locations"] or "[]")
        item["index"] = i
        out.append(item)
    return sorted(out, key=lambda x: (order.get(x["severity"], 9), x["index"]))


def listing(store: Store, department: str | None = None, year: int | None = None, kind: str | None = None,
            has_errors: bool = False, has_warnings: bool = False) -> list[dict[str, Any]]:
    """The documents (current versions), filtered: department is a substring match."""
    docs = store.documents(year=year)
    out = []
    for d in docs:
        if department and department not in d["department"]:
            continue
        if kind and d["kind"] != kind:
            continue
        counts = d["findings"] or {}
        if has_errors and not counts.get("error"):
            continue
        if has_warnings and not counts.get("warning"):
            continue
        current = next((v for v in d["versions"] if v["current"]), d["versions"][-1])
        out.append({"id": d["id"], "department": d["department"], "year": d["year"], "kind": d["kind"],
                    "findings": {s: counts.get(s) or 0 for s in SEVERITIES}, "versions": len(d["versions"]),
                    "source": current.get("source_name", current.get("source", "")), "layout": current["layout"], "loaded_at": current["loaded_at"]})
    return out


def id_of_sha(store: Store, sha: str) -> int | None:
    v = S.versions
    with store.engine.connect() as conn:
        did = conn.scalar(select(v.c.document_id).where(v.c.sha256 == sha))
    return int(did) if did is not None else None
