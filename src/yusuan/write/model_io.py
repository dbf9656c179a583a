"""Read the writer's input: a model JSON (`yusuan.disclosure/1`), any document yusuan parses, or a workbook.

A model JSON comes from anyone, so it is validated as it is read: the model reads itself
(`Disclosure.from_dict`, model/codec.py), with one Chinese message naming the field that breaks a rule
(`tables[2].rows[5].values.total`), never later in a renderer. This is the one loader of model files: `write` and
`check` both read models through it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from yusuan.ingest import IngestError
from yusuan.model import Disclosure
from yusuan.model import ModelError as _FieldError
from yusuan.model.codec import amount_of


class ModelError(IngestError):
    """A model JSON field that breaks a rule: the message names the field (and, from `load_model`, the file)."""


def disclosure_from_dict(data: dict[str, Any]) -> Disclosure:
    """The inverse of `Disclosure.to_dict()`, provenance (sources, resolved_by, warnings) included;
    raises ModelError naming the first field that breaks a rule."""
    try:
        return Disclosure.from_dict(data)
    except _FieldError as e:
        raise ModelError(str(e)) from None


def dec(v: Any) -> Decimal:
    """A JSON number as a Decimal (kept for callers outside the loader)."""
    try:
        return amount_of(v, "数值")
    except _FieldError as e:
        raise ModelError(str(e)) from None


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
        return Disclosure.from_dict(obj)
    except _FieldError as e:
        raise ModelError(f"{path}：模型 JSON 有误：{e}") from None


def _has_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
