"""The JSON form of the model, read off its definition: one description serves writing, reading and the schema.

Each model class is a dataclass; its fields' types (`str | None`, `Decimal`, `list[Row]`, a `Literal` kind) and
their metadata (`jf(...)`: a text's length limit, a number's range, a required field, a description) are the whole
of its JSON form. `encode` writes an object as JSON values (amounts as JSON numbers), `decode` reads one back with
the checks a model from anyone needs (types, finite numbers in range, texts of a sane length, known kinds) and one
Chinese message naming the field (`tables[2].rows[5].values.total`), and `json_schema` describes the same.

A class may list keys in the order they are published (`JSON_ORDER`; unlisted fields follow) and add keys computed
from its fields
(`JSON_COMPUTED`: written, described, not read back). A field marked `jf(json=False)` is the reader's working data,
not part of the form. This module knows no model class: the model imports it, not the other way round.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import math
import operator
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
    cls: type = type(obj)
    return {key: write(obj) for key, write in _writers(cls)}


Writer = Callable[[Any], Any]
Reader = Callable[[Any, str], Any]


@functools.cache
def _writers(cls: type) -> tuple[tuple[str, Writer], ...]:
    """How to write each key of the class, worked out once from its field types (a model is written often)."""
    computed: dict[str, Computed] = getattr(cls, "JSON_COMPUTED", {})
    hints = _hints(cls)
    out: list[tuple[str, Writer]] = []
    for key in json_keys(cls):
        if key in computed:
            out.append((key, computed[key].value))
        else:
            convert = _writer(hints[key])
            out.append((key, _field_writer(key, convert)))
    return tuple(out)


def _field_writer(key: str, convert: Writer | None) -> Writer:
    getter = operator.attrgetter(key)
    if convert is None:
        return getter
    return lambda obj: convert(getter(obj))


def _writer(tp: Any) -> Writer | None:
    """A converter from a field's value to its JSON value, or None where the value is already one."""
    if _is_union(tp):
        inner = _writer(_non_null(tp))
        return None if inner is None else (lambda v: None if v is None else inner(v))
    origin = get_origin(tp)
    if origin in (list, tuple):
        item = _writer(get_args(tp)[0])
        if item is None:
            return list  # a copy: the JSON value is not the model's own list
        return lambda v: [item(x) for x in v]
    if origin is dict:
        value = _writer(get_args(tp)[1])
        if value is None:
            # free-form parts (the kept prose sections) pass as they are: their depth is the input's
            return dict
        return lambda v: {k: value(x) for k, x in v.items()}
    if tp is Decimal:
        return num
    if isinstance(tp, type) and is_dataclass(tp):
        return encode
    return None


def json_keys(cls: type) -> tuple[str, ...]:
    """The keys of the class's JSON form in their published order: those `JSON_ORDER` lists, then the other
    fields in their order (a field added later is written without being listed), then the computed keys."""
    order: tuple[str, ...] = getattr(cls, "JSON_ORDER", ())
    rest = [k for k in (*(f.name for f in _fields(cls)), *getattr(cls, "JSON_COMPUTED", {})) if k not in order]
    return (*order, *rest)


def _fields(cls: type) -> list[dataclasses.Field[Any]]:
    return [f for f in fields(cls) if f.metadata.get("json", True)]


# ---- reading ------------------------------------------------------------------------------------------------


def decode(cls: type, data: Any, path: str = "") -> Any:
    """An instance of `cls` from its JSON form; raises ModelError naming the first field that breaks a rule."""
    if not isinstance(data, dict):
        raise ModelError(f"{path or '模型'} 应为对象（{{…}}），实际为 {_kind(data)}")
    kwargs: dict[str, Any] = {}
    prefix = f"{path}." if path else ""
    for name, read, keep_default in _readers(cls):
        v = data.get(name)
        if v is None and keep_default:
            continue  # absent: the field's default (an empty list, a blank Source)
        kwargs[name] = read(v, prefix + name)
    return cls(**kwargs)


@functools.cache
def _readers(cls: type) -> tuple[tuple[str, Reader, bool], ...]:
    """How to read each field of the class, worked out once from its type and metadata: (name, reader, whether
    an absent value leaves the field's default)."""
    hints = _hints(cls)
    out = []
    for f in _fields(cls):
        tp = hints[f.name]
        keep_default = not f.metadata.get("required") and _has_default(f) and not _optional(tp)
        out.append((f.name, _reader(tp, f.metadata), keep_default))
    return tuple(out)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not MISSING or f.default_factory is not MISSING


def _optional(tp: Any) -> bool:
    return _is_union(tp) and type(None) in get_args(tp)


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _non_null(tp: Any) -> Any:
    return next(a for a in get_args(tp) if a is not type(None))


def _reader(tp: Any, meta: typing.Mapping[str, Any]) -> Reader:
    """A reader of one field's JSON value (value, where → the field's value), from its type and metadata."""
    own: Reader | None = meta.get("read")
    if own is not None:
        return own
    read = _optional_reader(tp, meta) if _is_union(tp) else _plain_reader(tp, meta)
    if not meta.get("required"):
        return read
    return lambda v, where: _missing(where) if v is None else read(v, where)


def _missing(where: str) -> Any:
    raise ModelError(f"缺少字段 {where}")


def _optional_reader(tp: Any, meta: typing.Mapping[str, Any]) -> Reader:
    inner = _non_null(tp)
    if inner is bool:
        return lambda v, _w: v if isinstance(v, bool) else None
    if get_origin(inner) is tuple:
        return lambda v, _w: _pair(v)
    read = _plain_reader(inner, meta)
    if isinstance(inner, type) and is_dataclass(inner):
        return lambda v, where: None if not v else read(v, where)  # `{}` or absent: none
    return lambda v, where: None if v is None else read(v, where)


def _plain_reader(tp: Any, meta: typing.Mapping[str, Any]) -> Reader:
    read = _type_reader(tp, meta)
    if "missing" not in meta:
        return read
    missing = meta["missing"]
    return lambda v, where: missing if v is None else read(v, where)


def _type_reader(tp: Any, meta: typing.Mapping[str, Any]) -> Reader:
    origin = get_origin(tp)
    if origin is Literal:
        allowed = get_args(tp)
        return lambda v, where: _choice(v, where, allowed)
    if origin is list:
        item = _reader(get_args(tp)[0], {k: x for k, x in meta.items() if k == "limit"})
        return lambda v, where: [item(x, f"{where}[{i}]") for i, x in enumerate(_array(v, where))]
    if origin is dict:
        value = _reader(get_args(tp)[1], {})
        return lambda v, where: _mapping(value, v, where, meta)
    if isinstance(tp, type) and is_dataclass(tp):
        return _class_reader(tp)
    return _scalar_reader(tp, meta)


def _class_reader(cls: type) -> Reader:
    if getattr(cls, "JSON_LENIENT", False):
        # where a part was printed: absent or malformed in a hand-made model reads as nowhere in particular
        return lambda v, where: decode(cls, v, where) if isinstance(v, dict) else cls()
    return lambda v, where: decode(cls, {} if v is None else v, where)


def _scalar_reader(tp: Any, meta: typing.Mapping[str, Any]) -> Reader:
    if tp is str:
        limit = meta.get("limit", MAX_NAME)
        return lambda v, where: "" if v is None else text_of(v, where, limit)
    if tp is bool:
        return lambda v, _w: bool(v)
    if tp is int:
        low, high = meta.get("low", -MAX_COUNT), meta.get("high", MAX_COUNT)
        return lambda v, where: _integer(v, where, low, high)
    if tp is Decimal:
        return amount_of
    raise TypeError(f"no JSON reading for {tp!r}")  # a model field of a type this module does not know


def _array(v: Any, where: str) -> list[Any]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise ModelError(f"字段 {where} 应为数组，实际为 {_kind(v)}")
    return v


def _mapping(read: Reader, v: Any, where: str, meta: typing.Mapping[str, Any]) -> dict[str, Any]:
    if v is None or (meta.get("lenient") and not isinstance(v, dict)):
        return {}
    if not isinstance(v, dict):
        raise ModelError(f"{where} 应为对象（{{…}}），实际为 {_kind(v)}")
    keys = list(v)[:meta["max_keys"]] if "max_keys" in meta else list(v)
    return {text_of(k, f"{where}.<键>", MAX_NAME): read(v[k], f"{where}.{k}") for k in keys}


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
