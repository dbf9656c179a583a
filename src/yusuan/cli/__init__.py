"""The `yusuan` command: wires ingest → parse → check → store/compare/export/write. No logic of its own."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from yusuan.ingest import IngestError
from yusuan.model import Disclosure

STDIN = "-"


def _read_input(path: str) -> tuple[bytes, str]:
    if path == STDIN:
        return sys.stdin.buffer.read(), "<stdin>"
    p = Path(path)
    if not p.exists():
        raise IngestError(f"{path}：文件不存在")
    if p.is_dir():
        raise IngestError(f"{path}：是一个目录；请给出文件，或用 shell 通配符（如 {path}/*.txt）")
    try:
        return p.read_bytes(), path
    except PermissionError:
        raise IngestError(f"{path}：没有读取权限") from None


def load(path: str) -> Disclosure:
    """Read and parse one input; every failure becomes an IngestError with a Chinese message."""
    from yusuan.parse import parse_bytes

    data, name = _read_input(path)
    try:
        return parse_bytes(data, name)
    except IngestError:
        raise
    except RecursionError:
        raise IngestError(f"{name}：文件结构过深，无法解析") from None
    except Exception as e:  # a parser bug must not become a traceback for the user
        raise IngestError(f"{name}：解析失败（内部错误：{type(e).__name__}: {e}）。请将此文件报告给维护者") from None


def dumps(obj: Any, pretty: bool = True) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


def fail(message: str, code: int = 2) -> None:
    click.echo(f"yusuan: {message}", err=True)
    sys.exit(code)


def _each(inputs: tuple[str, ...]) -> Iterator[tuple[str, Disclosure | None, str | None]]:
    for path in inputs:
        try:
            yield path, load(path), None
        except IngestError as e:
            yield path, None, str(e)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="yusuan")
def main() -> None:
    """yusuan（预算）：读取、检查、存储、比较和生成部门预算公开文件。"""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="json：完整模型；text：表格排版，便于阅读")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False), default=None,
              help="输出目录：每个输入写一个文件（不覆盖已有文件，除非 --force）")
@click.option("--force", is_flag=True, help="允许覆盖输出目录中已有的文件")
def parse(inputs: tuple[str, ...], fmt: str, outdir: str | None, force: bool) -> None:
    """解析公开文件（文本、PDF、Excel；`-` 表示标准输入），输出结构化模型。"""
    from yusuan.export.text import render_text

    failed = 0
    for path, d, err in _each(inputs):
        if d is None:
            click.echo(f"yusuan: {err}", err=True)
            failed += 1
            continue
        cut = next((w for w in d.warnings if w.code == "truncated"), None)
        if cut is not None:
            click.echo(f"yusuan: {d.source.path}：{cut.message}（已输出能读出的部分）", err=True)
            failed += 1
        out = dumps(d.to_dict()) if fmt == "json" else render_text(d)
        if outdir:
            target = Path(outdir) / (Path(path).stem + (".json" if fmt == "json" else ".txt"))
            if path == STDIN:
                target = Path(outdir) / ("stdin.json" if fmt == "json" else "stdin.txt")
            if target.exists() and not force:
                click.echo(f"yusuan: {target} 已存在，未覆盖（加 --force 覆盖）", err=True)
                failed += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(out + "\n", encoding="utf-8")
            click.echo(f"{path} → {target}", err=True)
        else:
            click.echo(out)
    if failed:
        if len(inputs) > 1:
            click.echo(f"yusuan: {failed}/{len(inputs)} 个文件失败", err=True)
        sys.exit(1)


@main.command()
def schema() -> None:
    """打印解析结果的 JSON Schema（yusuan.disclosure/1）。"""
    from yusuan.schema import load_schema

    click.echo(dumps(load_schema()))


def _register_optional() -> None:
    """Commands of later stages register themselves here when their package is present."""
    import importlib

    for mod in ("yusuan.cli.check_cmd", "yusuan.cli.write_cmd", "yusuan.cli.store_cmd"):
        try:
            m = importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise
            continue
        m.register(main)


_register_optional()
