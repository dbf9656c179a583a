"""Bounds on what one input may cost to read: every limit of the readers lives here (documented in docs/limits.md).

A file from a stranger can be built to exhaust time or memory (a zip bomb, a sheet declaring a million rows, an
endless device). Each limit has a default well above real disclosures (a 300-page PDF, a 50 MB workbook) and can
be raised with `--limit NAME=VALUE` on `yusuan parse` (any command: the environment variable `YUSUAN_LIMIT_<NAME>`,
e.g. `YUSUAN_LIMIT_FILE_MB=500`). A refusal names the file, the limit and both ways to raise it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from yusuan.ingest import IngestError


@dataclass(frozen=True)
class Limit:
    name: str  # as given to --limit and (upper-cased, `-` → `_`) in YUSUAN_LIMIT_<NAME>
    default: int
    what: str  # Chinese, for the refusal: “输入文件大小上限 200 MB”
    unit: str


LIMITS: dict[str, Limit] = {lim.name: lim for lim in (
    Limit("file-mb", 200, "输入文件大小上限", "MB"),
    Limit("unzipped-mb", 500, "解压后总大小上限（.xlsx/.docx 中各部件之和）", "MB"),
    Limit("part-mb", 40, "整体读入内存的 XML 部件（如 sharedStrings.xml、document.xml）合计大小上限", "MB"),
    Limit("zip-ratio", 100, "压缩比上限（解压后与压缩后大小之比）", "倍"),
    Limit("zip-members", 10_000, "压缩包部件数上限", "个"),
    Limit("cells", 5_000_000, "工作簿单元格数上限（按实际存在的行和列计）", "个"),
    Limit("pdf-pages", 2000, "PDF 页数上限", "页"),
)}

# a zip member smaller than this may compress any amount (an empty sheet's XML compresses 200-fold)
RATIO_FLOOR_BYTES = 4 << 20

_overrides: ContextVar[Mapping[str, int] | None] = ContextVar("yusuan_limit_overrides", default=None)


def env_name(name: str) -> str:
    return "YUSUAN_LIMIT_" + name.upper().replace("-", "_")


def value(name: str) -> int:
    """The limit in force: `--limit` (via `overriding`), else the environment, else the default."""
    lim = LIMITS[name]
    given = (_overrides.get() or {}).get(name)
    if given is not None:
        return given
    env = os.environ.get(env_name(name), "").strip()
    if env:
        try:
            return _positive(env)
        except ValueError:
            raise IngestError(f"环境变量 {env_name(name)}={env}：应为正整数（{lim.what}，单位 {lim.unit}）") from None
    return lim.default


def bytes_of(name: str) -> int:
    return value(name) << 20


def parse_overrides(items: tuple[str, ...] | list[str]) -> dict[str, int]:
    """`file-mb=500` items → {name: value}; a ValueError with a Chinese message for a bad one."""
    out: dict[str, int] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip().lower().replace("_", "-")
        if not sep or key not in LIMITS:
            raise ValueError(f"--limit {item}：应为 名称=数值，名称是 {'、'.join(LIMITS)} 之一")
        try:
            out[key] = _positive(raw)
        except ValueError:
            raise ValueError(f"--limit {item}：数值应为正整数") from None
    return out


def set_overrides(values: Mapping[str, int]) -> None:
    """For the rest of this run (the command line's `--limit`)."""
    if values:
        _overrides.set({**(_overrides.get() or {}), **values})


@contextmanager
def overriding(values: Mapping[str, int]) -> Iterator[None]:
    token = _overrides.set({**(_overrides.get() or {}), **values})
    try:
        yield
    finally:
        _overrides.reset(token)


def refuse(file: str, name: str, found: str) -> IngestError:
    """The refusal for a file over a limit: the file, what it has, the limit and how to raise it."""
    lim = LIMITS[name]
    gap = " " if lim.what[0].isascii() else ""  # 超过 PDF 页数上限 / 超过压缩比上限
    return IngestError(f"{file}：{found}，超过{gap}{lim.what} {value(name):,} {lim.unit}；确属正常文件时可用 "
                       f"--limit {name}=N 或环境变量 {env_name(name)}=N 调高")


def _positive(raw: str) -> int:
    n = int(raw.strip())
    if n <= 0:
        raise ValueError(raw)
    return n


def help_text() -> str:
    return "；".join(f"{lim.name}（{lim.what}，默认 {lim.default} {lim.unit}）" for lim in LIMITS.values())
