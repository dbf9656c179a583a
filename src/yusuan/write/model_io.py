"""Read the writer's input: a model JSON (`yusuan.disclosure/1`), any document yusuan parses, or a workbook.

A model JSON comes from anyone, so it is validated as it is read (`disclosure_from_dict`): every field has the
type it must have, numbers are finite and in range, texts are of a sane length. A field that breaks a rule ends
the read with one Chinese message naming the field (`tables[2].rows[5].values.total`), never later in a renderer.
This is the one loader of model JSON: `write` and `check` both read models through it.
"""

from __future__ import annotations

import datetime
import json
import math
from decimal import Decimal, InvalidOperation
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
    ProfileUnit,
    ProjectAmount,
    ProjectStatement,
    Row,
    Source,
    SourceFile,
    Staffing,
    Statement,
    Table,
    Warning_,
)

# bounds suited to real disclosures: the largest budgets are in 亿 of 万元; a name is a line, a text a section
MAX_AMOUNT = Decimal("1e12")
MAX_COUNT = 10_000_000
MAX_NAME = 500  # characters of a name: department, row, project, indicator
MAX_TEXT = 20_000  # characters of one paragraph of prose
YEARS = (1949, 2200)


class ModelError(IngestError):
    """A model JSON field that breaks a rule: the message names the field."""


class _Reader:
    """Typed access to one JSON object, with the path of each field for messages."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise ModelError(f"{path or '模型'} 应为对象（{{…}}），实际为 {_kind(data)}")
        self.data, self.path = data, path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def sub(self, key: str) -> _Reader:
        return _Reader(self.data.get(key) or {}, self.at(key))

    def items(self, key: str) -> list[tuple[str, Any]]:
        v = self.data.get(key)
        if v is None:
            return []
        if not isinstance(v, list):
            raise ModelError(f"字段 {self.at(key)} 应为数组，实际为 {_kind(v)}")
        return [(f"{self.at(key)}[{i}]", x) for i, x in enumerate(v)]

    def text(self, key: str, limit: int = MAX_NAME, required: bool = False) -> str | None:
        v = self.data.get(key)
        if v is None:
            if required:
                raise ModelError(f"缺少字段 {self.at(key)}")
            return None
        return text_of(v, self.at(key), limit)

    def integer(self, key: str, low: int = -MAX_COUNT, high: int = MAX_COUNT) -> int | None:
        v = self.data.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            raise ModelError(f"字段 {self.at(key)} 应为整数，实际为 {_show(v)}")
        if not low <= v <= high:
            raise ModelError(f"字段 {self.at(key)} 的值 {v} 超出范围（{low}～{high}）")
        return v

    def amount(self, key: str) -> Decimal | None:
        v = self.data.get(key)
        return None if v is None else amount_of(v, self.at(key))

    def amounts(self, key: str) -> dict[str, Decimal]:
        sub = self.sub(key)
        return {text_of(k, sub.at("<键>"), MAX_NAME): amount_of(v, sub.at(str(k))) for k, v in sub.data.items()}


def _kind(v: Any) -> str:
    return {dict: "对象", list: "数组", str: "文本", bool: "布尔值", type(None): "null"}.get(type(v), "数字")


def _show(v: Any) -> str:
    s = json.dumps(v, ensure_ascii=False)[:40] if not isinstance(v, float) else repr(v)
    return f"{_kind(v)} {s}"


def text_of(v: Any, where: str, limit: int) -> str:
    if not isinstance(v, str):
        raise ModelError(f"字段 {where} 应为文本，实际为 {_show(v)}")
    if len(v) > limit:
        raise ModelError(f"字段 {where} 过长（{len(v)} 个字符，上限 {limit}）")
    return v


def amount_of(v: Any, where: str) -> Decimal:
    """A JSON number as the Decimal it was printed as (floats go through their shortest text); finite and in
    range. Text (`"12.5"`, `"NaN"`) is refused: a model holds numbers as numbers."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ModelError(f"字段 {where} 应为数字，实际为 {_show(v)}")
    if isinstance(v, float) and not math.isfinite(v):
        raise ModelError(f"字段 {where} 的值 {v} 不是有限数字")
    try:
        d = Decimal(str(v)).quantize(Decimal("0.01")) if isinstance(v, float) else Decimal(v)
    except InvalidOperation:
        raise ModelError(f"字段 {where} 的值 {v} 超出范围（绝对值须小于 {MAX_AMOUNT:,.0f}）") from None
    if abs(d) >= MAX_AMOUNT:
        raise ModelError(f"字段 {where} 的值 {v} 超出范围（绝对值须小于 {MAX_AMOUNT:,.0f}）")
    return d


def dec(v: Any) -> Decimal:
    """A JSON number as a Decimal (kept for callers outside the loader)."""
    return amount_of(v, "数值")


def _source(r: _Reader, key: str = "source") -> Source:
    """Where a part was printed (`{line, lines: [first, last], page}`); absent in a hand-made model."""
    if not isinstance(r.data.get(key), dict):
        return Source()
    s = r.sub(key)
    span = [x for _w, x in s.items("lines")]
    lines = (span[0], span[1]) if len(span) == 2 and all(isinstance(x, int) and not isinstance(x, bool)
                                                         for x in span) else None
    return Source(s.integer("line", 0, 10**9), lines, s.integer("page", 0, 10**6))


def _row(r: _Reader) -> Row:
    ambiguous = []
    for where, a in r.items("ambiguous"):
        ar = _Reader(a, where)
        candidates = [text_of(c, f"{ar.at('candidates')}[{i}]", MAX_NAME) for i, c in enumerate(
            x for _w, x in ar.items("candidates"))]
        ambiguous.append(Ambiguity(amount_of(ar.data.get("value"), ar.at("value")), candidates, ar.text("group")))
    return Row(kind=r.text("kind", required=True) or "", code=r.text("code"), name=r.text("name"),
               project=r.text("project"), item=r.text("item"), values=r.amounts("values"), ambiguous=ambiguous,
               source=_source(r), resolved_by=[text_of(x, w, MAX_NAME) for w, x in r.items("resolved_by")],
               code_printed=r.text("code_printed"))


def _table(t: _Reader) -> Table:
    columns = []
    for where, c in t.items("columns"):
        cr = _Reader(c, where)
        columns.append(Column(cr.text("key", required=True) or "", cr.text("label") or ""))
    return Table(type=t.text("type", required=True) or "", number=t.integer("number", 0, 999),
                 title=t.text("title"), empty=bool(t.data.get("empty")),
                 empty_statement=t.text("empty_statement", MAX_TEXT), columns=columns,
                 rows=[_row(_Reader(r, where)) for where, r in t.items("rows")], source=_source(t))


def _profile(p: _Reader) -> Profile:
    s = p.sub("staffing")
    staffing = Staffing()
    for k in Staffing.FIELDS:
        low = -MAX_COUNT if k.endswith("_change") else 0
        setattr(staffing, k, s.integer(k, low))
    staffing.source = _source(s)
    return Profile(functions=[text_of(f, w, MAX_TEXT) for w, f in p.items("functions")],
                   subordinate_units=p.integer("subordinate_units", 0),
                   divisions=[text_of(x, w, MAX_NAME) for w, x in p.items("divisions")], staffing=staffing,
                   units=[_unit(_Reader(u, w)) for w, u in p.items("units")], source=_source(p))


def _unit(u: _Reader) -> ProfileUnit:
    return ProfileUnit(name=u.text("name", required=True) or "", remark=u.text("remark", MAX_TEXT),
                       line=u.integer("line", 0, 10**9))


def _statement(s: _Reader) -> Statement:
    return Statement(section=s.text("section", required=True) or "", subject=s.text("subject", MAX_TEXT) or "",
                     metric=s.text("metric", required=True) or "",
                     value=amount_of(s.data.get("value"), s.at("value")), code=s.text("code"), base=s.text("base"),
                     unit=s.text("unit"), block=s.text("block"), line=s.integer("line", 0, 10**9),
                     page=s.integer("page", 0, 10**6), quote=s.text("quote", MAX_TEXT))


def _section(s: _Reader) -> dict[str, Any]:
    """A section of the prose as the parser kept it; its text (heading and paragraphs) is checked like any text."""
    out = dict(s.data)
    out["section"] = s.text("section") or ""
    out["subsection"] = s.text("subsection")
    out["block"] = s.text("block")
    if "heading" in s.data:
        out["heading"] = s.text("heading", MAX_TEXT)
    if "paragraphs" in s.data:
        out["paragraphs"] = [text_of(x, w, MAX_TEXT) for w, x in s.items("paragraphs")]
    if "paragraph_lines" in s.data:
        out["paragraph_lines"] = [x if isinstance(x, int) and not isinstance(x, bool) else None
                                  for _w, x in s.items("paragraph_lines")]
    return out


def _indicator(i: _Reader) -> Indicator:
    return Indicator(level1=i.text("level1"), level2=i.text("level2"), level3=i.text("level3"),
                     value=i.text("value"), weight=i.amount("weight"), line=i.integer("line", 0, 10**9))


def _perf_table(p: _Reader) -> PerformanceTable:
    return PerformanceTable(kind=p.text("kind", required=True) or "", name=p.text("name", MAX_TEXT),
                            budget_total=p.amount("budget_total"), sources=p.amounts("sources"),
                            goals=p.text("goals", MAX_TEXT),
                            indicators=[_indicator(_Reader(i, w)) for w, i in p.items("indicators")],
                            source=_source(p), total_printed=_flag(p.data.get("total_printed")))


def _flag(v: Any) -> bool | None:
    return v if isinstance(v, bool) else None


def _project_statement(p: _Reader) -> ProjectStatement:
    allocations = [ProjectAmount(a.text("label", MAX_TEXT) or "", amount_of(a.data.get("amount"), a.at("amount")),
                                 a.integer("line", 0, 10**9))
                   for a in (_Reader(x, w) for w, x in p.items("allocations"))]
    return ProjectStatement(p.text("project", MAX_TEXT) or "", p.amount("size"), p.integer("size_line", 0, 10**9),
                            allocations, p.integer("allocation_line", 0, 10**9), p.integer("line", 0, 10**9))


def _warning(w: _Reader) -> Warning_:
    return Warning_(w.text("message", MAX_TEXT) or "", w.integer("line", 0, 10**9), w.integer("page", 0, 10**6),
                    w.text("code") or "parse")


def _published(v: str | None, where: str) -> str | None:
    if v is None:
        return None
    try:
        datetime.date.fromisoformat(v)
    except ValueError:
        raise ModelError(f"字段 {where} 应为日期 YYYY-MM-DD，实际为 {v[:40]!r}") from None
    return v


def disclosure_from_dict(data: dict[str, Any]) -> Disclosure:
    """The inverse of `Disclosure.to_dict()`, provenance (sources, resolved_by, warnings) included;
    raises ModelError naming the first field that breaks a rule."""
    m = _Reader(data, "")
    src = m.sub("source")
    d = Disclosure(source=SourceFile(src.text("path", 4096) or "", src.text("sha256") or "",
                                     src.text("layout") or "model", src.integer("lines", 0, 10**9) or 0,
                                     src.integer("pages", 0, 10**6)),
                   year=m.integer("year", *YEARS), department=m.text("department"), kind=m.text("kind"),
                   template=m.text("template"),
                   unit=m.text("unit"), published=_published(m.text("published"), "published"))
    d.profile = _profile(m.sub("profile"))
    d.tables = [_table(_Reader(t, w)) for w, t in m.items("tables")]
    n = m.sub("narrative")
    d.narrative = Narrative(statements=[_statement(_Reader(s, w)) for w, s in n.items("statements")],
                            sections=[_section(_Reader(s, w)) for w, s in n.items("sections")],
                            projects=[x for _w, x in n.items("projects") if isinstance(x, dict)],
                            glossary=bool(n.data.get("glossary")),
                            project_statements=[_project_statement(_Reader(p, w))
                                                for w, p in n.items("project_statements")])
    perf = m.sub("performance")
    overall = perf.data.get("overall")
    d.performance = Performance(
        overall=_perf_table(_Reader(overall, perf.at("overall"))) if overall else None,
        projects=[_perf_table(_Reader(p, w)) for w, p in perf.items("projects")])
    d.warnings = [_warning(_Reader(w, where)) for where, w in m.items("warnings")]
    if isinstance(m.data.get("parts"), dict):
        parts = m.sub("parts")
        d.parts = {str(k): _source(parts, str(k)) for k in list(parts.data)[:64]}
    return d


def load_model(path: str) -> Disclosure:
    """A model JSON, or any document yusuan can parse; every failure is an IngestError with a Chinese message."""
    from yusuan.parse.load import parse_input, read_input

    data, _name = read_input(path)  # bounded: a device or an oversized file is refused before it is read
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        return _from_json(data, path)
    if data[:4] == b"PK\x03\x04" and not _has_module("yusuan.ingest.xlsx"):
        raise IngestError(f"{path}：读取 Excel 需要 yusuan 的 Excel 读取模块（yusuan.ingest.xlsx），当前安装中没有")
    return parse_input(data, path)


def _from_json(data: bytes, path: str) -> Disclosure:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise IngestError(f"{path}：不是有效的 JSON（{e}）") from None
    except RecursionError:
        raise IngestError(f"{path}：JSON 嵌套过深") from None
    if not isinstance(obj, dict) or "tables" not in obj:
        raise IngestError(f"{path}：不是 yusuan 模型 JSON（缺少 tables；请用 yusuan parse 生成）")
    try:
        return disclosure_from_dict(obj)
    except ModelError as e:
        raise ModelError(f"{path}：模型 JSON 有误：{e}") from None


def _has_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
