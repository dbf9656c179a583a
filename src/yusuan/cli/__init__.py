"""The `yusuan` command: wires ingest → parse → check → store/compare/export/write. No logic of its own."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from yusuan.cli.inputs import expand_inputs

STDIN = "-"


def dumps(obj: Any, pretty: bool = True) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


def fail(message: str, code: int = 2) -> None:
    click.echo(f"yusuan: {message}", err=True)
    sys.exit(code)


def _set_limits(ctx: click.Context, _param: click.Parameter, items: tuple[str, ...]) -> None:
    from yusuan.ingest.limits import parse_overrides, set_overrides

    try:
        set_overrides(parse_overrides(items))
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


LIMIT_HELP = ("调整读取限制（可重复），如 --limit file-mb=500；也可用环境变量 YUSUAN_LIMIT_FILE_MB 等。"
              "名称：file-mb、unzipped-mb、part-mb、zip-ratio、zip-members、cells、pdf-pages（说明见 docs/limits.md）")


def limit_option(f: Any) -> Any:
    return click.option("--limit", "limits", multiple=True, metavar="名称=数值", expose_value=False,
                        callback=_set_limits, help=LIMIT_HELP)(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="yusuan")
@limit_option
def main() -> None:
    """yusuan（预算）：部门预算公开文件的读取（parse）、检查（check）、存储与比较（load、documents、compare、export、sql）与生成（write、sample）。

    先试一试：yusuan demo"""
    _never_fail_to_print()


def _never_fail_to_print() -> None:
    """A file name with undecodable bytes (or anything else that cannot be encoded) is printed with a
    replacement character rather than ending the command in UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


PARSE_FORMATS = ("json", "jsonl", "text")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(PARSE_FORMATS), default="json", show_default=True,
              help="json：完整模型（一个输入时为一个对象；多个输入或文件夹时为一个 JSON 数组）；"
                   "jsonl：每行一个模型（JSON Lines）；text：表格排版，便于阅读")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False), default=None,
              help="输出目录：每个输入写一个文件 <文件名>.json（或 .txt）；不同文件夹中的同名文件加 -2、-3 区分；"
                   "不覆盖已有文件，除非 --force")
@click.option("--force", is_flag=True, help="允许覆盖输出目录中已有的文件")
@limit_option
def parse(inputs: tuple[str, ...], fmt: str, outdir: str | None, force: bool) -> None:
    """解析公开文件（文本、PDF、Excel、Word、网页；文件夹按扩展名递归读取；`-` 表示标准输入），输出结构化模型。

    一个文件失败不影响其他文件：失败的文件在最后列出，退出状态为 1。"""
    from yusuan.cli.batch import run_parse

    files = expand_inputs(inputs)
    sys.exit(run_parse(files, fmt, Path(outdir) if outdir else None, force, batch=len(files) > 1 or files.folders))


@main.command()
def schema() -> None:
    """打印解析结果的 JSON Schema（yusuan.disclosure/1）。"""
    from yusuan.model import json_schema

    click.echo(dumps(json_schema()))  # generated from the model's definition; the shipped file is its copy


def _register_optional() -> None:
    """Commands of later stages register themselves here when their package is present."""
    import importlib

    for mod in ("yusuan.cli.check_cmd", "yusuan.cli.write_cmd", "yusuan.cli.store_cmd", "yusuan.cli.demo_cmd", "yusuan.cli.web_cmd"):
        try:
            m = importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise
            continue
        m.register(main)


_register_optional()
