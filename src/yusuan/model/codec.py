"""The JSON form of the model, read off its definition: one description serves writing, reading and the schema.

Each model class is a dataclass; its fields' types (`str | None`, `Decimal`, `list[Row]`, a `Literal` kind) and
their metadata (`jf(...)`: a text's length limit, a number's range, a required field, a description) are the whole
of its JSON form. `encode` writes an object as JSON values (amounts as JSON numbers), `decode` reads one back with
the checks a model from anyone needs (types, finite numbers in range, texts of a sane length, known kinds) and one
Chinese message naming the field (`tables[2].rows[5].values.total`), and `json_schema` describes the same.

A class may list its keys in the order they are published (`JSON_ORDER`) and add keys computed from its fields
(`JSON_COMPUTED`: written, described, not read back). A field marked `jf(json=False)` is the reader's working data,
not part of the form. This module knows no model class: the model imports it, not the other way round.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields, is_dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, Self, Union, get_args, get_origin, get_type_hints

# bounds suited to real disclosures: the largest budgets are in 亿 of 万元; a name is a line, a text a section
MAX_AMOUNT = Decimal("1e12")
MAX_COUNT = 10_000_000
MAX_NAME = 500  # characters of a name: department, row, project, indicator
MAX_TEXT = 20_000  # characters of one paragraph of prose
MAX_LINE = 10**9
MAX_PAGE = 10**6
YEARS = (1949, 2200)

# the usual metadata of a source line and a page number
LINE: dict[str, Any] = {"low": 0, "high": MAX_LINE}
PAGE: dict[str, Any] = {"low": 0, "high": MAX_PAGE}


class ModelError(ValueError):
    """A model JSON field that breaks a rule: the message names the field."""


def jf(default: Any = MISSING, *, factory: Callable[[], Any] | None = None, repr: bool = True, **meta: Any) -> Any:
    """A dataclass field with its JSON metadata: `limit` (characters of a text, or of each text of a list),
    `low`/`high` (an integer's range), `required`, `missing` (the value an absent field reads as), `doc`,
    `pattern`, `max_keys` (of a mapping), `lenient` (a malformed value reads as absent), `read` (a reader of its
    own, for free-form parts), `json=False` (not part of the form)."""
    if factory is not None:
        return dataclasses.field(default_factory=factory, repr=repr, metadata=meta)
    return dataclasses.field(default=default, repr=repr, metadata=meta)


@dataclass(frozen=True)
class Computed:
    """A key written from the object's fields (a total, a lookup): described in the schema, not read back."""

    value: Callable[[Any], Any]
    schema: dict[str, Any]


class JsonForm:
    """The model classes' JSON form: `to_dict()` writes, `from_dict()` reads (raising ModelError)."""

    def to_dict(self) -> dict[str, Any]:
        return encode(self)

    @classmethod
    def from_dict(cls, data: Any, path: str = "") -> Self:
        return decode(cls, data, path)


# ---- writing ------------------------------------------------------------------------------------------------


def num(v: Decimal | int | None) -> float | int | None:
    """JSON number for an amount: printed 2-decimal values stay exact as floats of their text."""
    if v is None:
        return None
    if isinstance(v, int):
        return v
    exponent = v.as_tuple().exponent
    if v == v.to_integral_value() and isinstance(exponent, int) and exponent >= 0:
        return int(v)
    return float(v)


def encode(obj: Any) -> dict[str, Any]:
    cls = type(obj)
    computed: dict[str, Computed] = getattr(cls, "JSON_COMPUTED", {})
    return {k: computed[k].value(obj) if k in computed else _encode_value(getattr(obj, k)) for k in json_keys(cls)}


def _encode_value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return num(v)
    if is_dataclass(v) and not isinstance(v, type):
        return encode(v)
    if isinstance(v, list | tuple):
        return [_encode_value(x) for x in v]
    if isinstance(v, dict):
        # free-form parts (the kept prose sections) pass as they are: their depth is the input's, not the model's
        return {k: _encode_value(x) if isinstance(x, Decimal) or is_dataclass(x) else x for k, x in v.items()}
    return v


def json_keys(cls: type) -> tuple[str, ...]:
    """The keys of the class's JSON form in their published order."""
    order: tuple[str, ...] | None = getattr(cls, "JSON_ORDER", None)
    if order is not None:
        return order
    return (*(f.name for f in _fields(cls)), *getattr(cls, "JSON_COMPUTED", {}))


def _fields(cls: type) -> list[dataclasses.Field[Any]]:
    return [f for f in fields(cls) if f.metadata.get("json", True)]


# ---- reading ------------------------------------------------------------------------------------------------


def decode(cls: type[Any], data: Any, path: str = "") -> Any:
    """An instance of `cls` from its JSON form; raises ModelError naming the first field that breaks a rule."""
    if not isinstance(data, dict):
        raise ModelError(f"{path or '模型'} 应为对象（{{…}}），实际为 {_kind(data)}")
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in _fields(cls):
        where = f"{path}.{f.name}" if path else f.name
        v = data.get(f.name)
        if v is None and not f.metadata.get("required") and _has_default(f) and not _optional(hints[f.name]):
            continue  # absent: the field's default (an empty list, a blank Source)
        kwargs[f.name] = _read(hints[f.name], v, where, f.metadata)
    return cls(**kwargs)


def _hints(cls: type) -> dict[str, Any]:
    cached: dict[str, Any] | None = cls.__dict__.get("_json_hints")
    if cached is None:
        cached = get_type_hints(cls)
        setattr(cls, "_json_hints", cached)  # noqa: B010 (a cache on the class, not a field)
    return cached


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not MISSING or f.default_factory is not MISSING


def _optional(tp: Any) -> bool:
    return _is_union(tp) and type(None) in get_args(tp)


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _read(tp: Any, v: Any, where: str, meta: typing.Mapping[str, Any]) -> Any:
    reader = meta.get("read")
    if reader is not None:
        return reader(v, where)
    if v is None and meta.get("required"):
        raise ModelError(f"缺少字段 {where}")
    if _is_union(tp):
        inner = next(a for a in get_args(tp) if a is not type(None))
        if v is None or (is_dataclass(inner) and not v):
            return None
        if inner is bool:
            return v if isinstance(v, bool) else None
        if get_origin(inner) is tuple:
            return _pair(v)
        return _read(inner, v, where, meta)
    if v is None and "missing" in meta:
        return meta["missing"]
    origin = get_origin(tp)
    if origin is Literal:
        return _choice(v, where, get_args(tp))
    if origin is list:
        return [_read(get_args(tp)[0], x, f"{where}[{i}]", meta) for i, x in enumerate(_array(v, where))]
    if origin is dict:
        return _mapping(get_args(tp)[1], v, where, meta)
    if isinstance(tp, type) and is_dataclass(tp):
        if getattr(tp, "JSON_LENIENT", False) and not isinstance(v, dict):
            return tp()  # where a part was printed: absent or malformed in a hand-made model
        return decode(tp, {} if v is None else v, where)
    return _scalar(tp, v, where, meta)


def _scalar(tp: Any, v: Any, where: str, meta: typing.Mapping[str, Any]) -> Any:
    if tp is str:
        return "" if v is None else text_of(v, where, meta.get("limit", MAX_NAME))
    if tp is bool:
        return bool(v)
    if tp is int:
        return _integer(v, where, meta.get("low", -MAX_COUNT), meta.get("high", MAX_COUNT))
    if tp is Decimal:
        return amount_of(v, where)
    raise TypeError(f"{where}: no JSON reading for {tp!r}")  # a model field of a type this module does not know


def _array(v: Any, where: str) -> list[Any]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise ModelError(f"字段 {where} 应为数组，实际为 {_kind(v)}")
    return v


def _mapping(tp: Any, v: Any, where: str, meta: typing.Mapping[str, Any]) -> dict[str, Any]:
    if v is None or (meta.get("lenient") and not isinstance(v, dict)):
        return {}
    if not isinstance(v, dict):
        raise ModelError(f"{where} 应为对象（{{…}}），实际为 {_kind(v)}")
    keys = list(v)[:meta["max_keys"]] if "max_keys" in meta else list(v)
    return {text_of(k, f"{where}.<键>", MAX_NAME): _read(tp, v[k], f"{where}.{k}", {}) for k in keys}


def _pair(v: Any) -> tuple[int, int] | None:
    """[first, last] lines: kept when they are two integers, else absent (a hand-made model's slip)."""
    if isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in v):
        return (v[0], v[1])
    return None


def _choice(v: Any, where: str, allowed: tuple[str, ...]) -> str:
    if v not in allowed:
        raise ModelError(f"字段 {where} 的值 {_show(v)} 不是允许的取值（{'、'.join(allowed)}）")
    return str(v)


def _integer(v: Any, where: str, low: int, high: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ModelError(f"字段 {where} 应为整数，实际为 {_show(v)}")
    if not low <= v <= high:
        raise ModelError(f"字段 {where} 的值 {v} 超出范围（{low}～{high}）")
    return v


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


# readers of free-form or specially checked fields, named in the model's field metadata


def iso_date(v: Any, where: str) -> str | None:
    """An ISO date (`2025-02-18`), or absent."""
    if v is None:
        return None
    text = text_of(v, where, MAX_NAME)
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise ModelError(f"字段 {where} 应为日期 YYYY-MM-DD，实际为 {text[:40]!r}") from None
    return text


def prose_sections(v: Any, where: str) -> list[dict[str, Any]]:
    """The sections of the prose as the parser kept them; their text (heading and paragraphs) is checked like any
    text, other keys pass as they are."""
    return [_section(s, f"{where}[{i}]") for i, s in enumerate(_array(v, where))]


def _section(s: Any, where: str) -> dict[str, Any]:
    if not isinstance(s, dict):
        raise ModelError(f"{where} 应为对象（{{…}}），实际为 {_kind(s)}")
    out = dict(s)
    for key in ("section", "subsection", "block"):
        value = s.get(key)
        out[key] = None if value is None else text_of(value, f"{where}.{key}", MAX_NAME)
    out["section"] = out["section"] or ""
    if "heading" in s:
        out["heading"] = None if s["heading"] is None else text_of(s["heading"], f"{where}.heading", MAX_TEXT)
    if "paragraphs" in s:
        out["paragraphs"] = [text_of(x, f"{where}.paragraphs[{i}]", MAX_TEXT)
                             for i, x in enumerate(_array(s["paragraphs"], f"{where}.paragraphs"))]
    if "paragraph_lines" in s:
        out["paragraph_lines"] = [x if isinstance(x, int) and not isinstance(x, bool) else None
                                  for x in _array(s["paragraph_lines"], f"{where}.paragraph_lines")]
    return out


def objects(v: Any, where: str) -> list[dict[str, Any]]:
    """A list of free-form objects (what is not an object is dropped, as a hand-made model may carry)."""
    return [x for x in _array(v, where) if isinstance(x, dict)]


# ---- the schema ---------------------------------------------------------------------------------------------


def json_schema(root: type, *, schema_id: str, title: str, description: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `root`'s JSON form, every model class one entry of `$defs`."""
    defs: dict[str, Any] = {}
    body = _class_schema(root, defs)
    del defs[root.__name__]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, "title": title,
            "description": description, **body, "$defs": dict(sorted(defs.items()))}


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    if cls.__name__ in defs:
        return defs[cls.__name__]
    out: dict[str, Any] = {"type": "object"}
    defs[cls.__name__] = out  # placeholder first: a class may name itself
    doc = (cls.__doc__ or "").strip()
    if doc and not doc.startswith(f"{cls.__name__}("):  # not the signature dataclasses writes for none
        out["description"] = " ".join(doc.split())
    hints = _hints(cls)
    by_name = {f.name: f for f in _fields(cls)}
    computed: dict[str, Computed] = getattr(cls, "JSON_COMPUTED", {})
    props: dict[str, Any] = {}
    for key in json_keys(cls):
        if key in computed:
            props[key] = computed[key].schema
        else:
            props[key] = _field_schema(hints[key], by_name[key].metadata, defs)
    out["properties"] = props
    required = [f.name for f in by_name.values() if _required(hints[f.name], f)]
    if required:
        out["required"] = required
    return out


def _required(tp: Any, f: dataclasses.Field[Any]) -> bool:
    """What the reader refuses to go without: a field marked required, or an amount with no default."""
    return bool(f.metadata.get("required")) or (tp is Decimal and not _has_default(f))


def _field_schema(tp: Any, meta: typing.Mapping[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    out = dict(meta["schema"]) if "schema" in meta else _type_schema(tp, meta, defs)
    if "doc" in meta:
        out["description"] = meta["doc"]
    return out


def _type_schema(tp: Any, meta: typing.Mapping[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if _is_union(tp):
        inner = _type_schema(next(a for a in get_args(tp) if a is not type(None)), meta, defs)
        if isinstance(inner.get("type"), str):
            return {**inner, "type": [inner["type"], "null"]}
        if "enum" in inner:
            return {"enum": [*inner["enum"], None]}
        return {"anyOf": [{"type": "null"}, inner]}
    origin = get_origin(tp)
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is list:
        return {"type": "array", "items": _type_schema(get_args(tp)[0], meta, defs)}
    if origin is tuple:
        return {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}
    if origin is dict:
        value = get_args(tp)[1]
        return {"type": "object"} if value is Any else {"type": "object",
                                                          "additionalProperties": _type_schema(value, {}, defs)}
    if isinstance(tp, type) and is_dataclass(tp):
        _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    return _scalar_schema(tp, meta)


def _scalar_schema(tp: Any, meta: typing.Mapping[str, Any]) -> dict[str, Any]:
    if tp is str:
        out: dict[str, Any] = {"type": "string", "maxLength": meta.get("limit", MAX_NAME)}
        if "pattern" in meta:
            out["pattern"] = meta["pattern"]
        return out
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": meta.get("low", -MAX_COUNT), "maximum": meta.get("high", MAX_COUNT)}
    if tp is Decimal:
        bound = int(MAX_AMOUNT)
        return {"type": "number", "exclusiveMinimum": -bound, "exclusiveMaximum": bound}
    return {}
