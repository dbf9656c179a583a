"""A stored document read back as a model for the execution comparison: its current version's cells and prose
statements (read-only), enough for `compare.execution` — tables by type with their rows, values and places, and the
prose figures. Nothing the store does not keep is invented (titles come from the template when asked for)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from sqlalchemy import select

from yusuan.model import Column, Disclosure, Row, Source, SourceFile, SourceLayout, Statement, Table
from yusuan.spec import family
from yusuan.store import Store
from yusuan.store import schema as S

CENT = Decimal("0.01")


class NotStored(LookupError):
    """The department and year have no stored 预算 or 决算: the message says which is missing."""


def _current(store: Store, department: str, year: int) -> list[tuple[int, str, str, str]]:
    """(version id, kind, source name, layout) of every stored document of this department and year."""
    d, v = S.documents, S.versions
    q = (select(v.c.id, d.c.kind, v.c.source_name, v.c.layout).join(v, v.c.id == d.c.current_version_id)
         .where(d.c.department == department, d.c.year == year).order_by(d.c.kind))
    with store.engine.connect() as conn:
        return [(r[0], r[1], r[2], r[3]) for r in conn.execute(q).all()]


def stored_pair(store: Store, department: str, year: int) -> tuple[Disclosure, Disclosure]:
    """(预算, 决算) of one department and year, each its current version; NotStored names what is missing."""
    found = _current(store, department, year)
    picked: dict[str, tuple[int, str, str, str]] = {}
    for fam in ("budget", "final"):
        kinds = family(fam).kinds
        got = next((f for f in found if f[1] in kinds), None)
        if got is not None:
            picked[fam] = got
    missing = [label for fam, label in (("budget", "预算"), ("final", "决算")) if fam not in picked]
    if missing:
        have = "、".join(f"{k}（{name}）" for _v, k, name, _l in found) or "无"
        raise NotStored(f"数据库中没有{department}{year}年的{'和'.join(missing)}（已入库：{have}）")
    return tuple(_model(store, picked[fam], department, year, fam) for fam in ("budget", "final"))  # type: ignore[return-value]


def _model(store: Store, version: tuple[int, str, str, str], department: str, year: int, fam: str) -> Disclosure:
    vid, kind, name, layout = version
    d = Disclosure(source=SourceFile(name, "", cast(SourceLayout, layout)), year=year, department=department, kind=kind, template=fam)
    with store.engine.connect() as conn:
        cells = conn.execute(select(S.cells).where(S.cells.c.version_id == vid, S.cells.c.ambiguous.is_(False))
                             .order_by(S.cells.c.table_type, S.cells.c.row_no)).mappings().all()
        prose = conn.execute(select(S.statements).where(S.statements.c.version_id == vid)).mappings().all()
    d.tables = _tables(cells, fam)
    d.narrative.statements = [_statement(s) for s in prose]
    return d


def _tables(cells: Any, fam: str) -> list[Table]:
    """The stored cells as tables; the columns are the template's (the store keeps no blank cell, so a row without
    a value in one of them printed it blank)."""
    specs = family(fam).by_key
    tables: dict[str, Table] = {}
    rows: dict[tuple[str, int], Row] = {}
    for c in cells:
        t = tables.get(c["table_type"])
        if t is None:
            spec = specs.get(c["table_type"])
            columns = [Column(col.key, col.label) for col in (spec.columns + spec.right if spec else ())]
            t = tables[c["table_type"]] = Table(c["table_type"], c["table_number"], columns=columns)
        key = (c["table_type"], c["row_no"])
        if key not in rows:
            rows[key] = Row(c["row_kind"], c["code"], c["name"], c["project"], c["item"],
                            source=Source(line=c["line"], page=c["page"]))
            t.rows.append(rows[key])
        rows[key].values[c["column_key"]] = Decimal(str(c["value"])).quantize(CENT)
    return list(tables.values())


def _statement(s: Any) -> Statement:
    return Statement(s["section"] or "", s["subject"], s["metric"], Decimal(str(s["value"])), s["code"], s["base"],
                     s["unit"], s["block"], s["line"], s["page"], s["quote"])
