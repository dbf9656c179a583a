"""`yusuan parse` over many inputs: one file's failure of any kind never stops or empties the batch.

Output files are named before anything is read, so a batch never collides with itself: `<stem>.json` where the
stem is unique among the inputs, `<stem>-2.json`, `<stem>-3.json`… for later inputs with the same stem (compared
case-insensitively, as some file systems do). A file already in the output folder is never overwritten without
`--force`. Every file is written to a temporary name first and renamed into place, so an interrupted or failed
write never leaves a truncated or empty result.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from yusuan.ingest import IngestError
from yusuan.model import Disclosure

STDIN = "-"


def output_names(inputs: Sequence[str], ext: str) -> list[str]:
    """A file name per input (same order): its stem, or with `-N` added where an earlier input took it."""
    stems = ["stdin" if p == STDIN else Path(p).stem or "output" for p in inputs]
    taken = {s.lower() for s in stems}  # a stem some input has keeps priority over any `-N` made up for another
    given: set[str] = set()
    out = []
    for stem in stems:
        name = stem
        n = 1
        while name.lower() in given or (name != stem and name.lower() in taken):
            n += 1
            name = f"{stem}-{n}"
        given.add(name.lower())
        out.append(name + ext)
    return out


def write_atomic(target: Path, text: str, force: bool) -> None:
    """Write `text` to `target` through a temporary file in the same folder; never replaces an existing file
    unless `force`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if force:
            os.replace(tmp, target)
        else:
            _link_or_rename(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _link_or_rename(tmp: Path, target: Path) -> None:
    """A hard link fails if the file appeared meanwhile (nothing is overwritten); where the file system has no
    hard links, a rename after checking."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)


def render(d: Disclosure, fmt: str) -> str:
    from yusuan.export.text import render_text

    if fmt == "text":
        return render_text(d)
    # as `yusuan.cli.dumps` writes JSON (not imported: the CLI package imports this module)
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=2 if fmt == "json" else None)


class _Stdout:
    """What goes to stdout: one document for json (an array in a batch, written as it goes), one line per
    model for jsonl, the text views one after another."""

    def __init__(self, fmt: str, batch: bool) -> None:
        self.fmt = fmt
        self.array = fmt == "json" and batch
        self.count = 0

    def add(self, out: str) -> None:
        if self.array:
            click.echo(("[\n" if not self.count else ",\n") + out, nl=False)
        else:
            click.echo(out)
        self.count += 1

    def close(self) -> None:
        if self.array:
            click.echo("\n]" if self.count else "[]")


def run_parse(inputs: Sequence[str], fmt: str, outdir: Path | None, force: bool, batch: bool) -> int:
    """Parse every input; print or write each result; list the failures at the end. The exit status: 0, or 1
    when any input failed (or was cut short)."""
    from yusuan.parse.load import load

    names = output_names(inputs, ".txt" if fmt == "text" else ".json") if outdir else []
    stdout = _Stdout(fmt, batch)
    failed: list[str] = []
    for k, path in enumerate(inputs):
        try:
            d = load(path)
            out = render(d, fmt)
        except IngestError as e:
            _fail(failed, path, str(e))
            continue
        except Exception as e:  # an output-step bug: this file fails, the batch goes on
            _fail(failed, path, f"{path}：输出失败（内部错误：{type(e).__name__}: {e}）。请将此文件报告给维护者")
            continue
        cut = next((w for w in d.warnings if w.code == "truncated"), None)
        if cut is not None:
            _fail(failed, path, f"{d.source.path}：{cut.message}（已输出能读出的部分）")
        if outdir is None:
            stdout.add(out)
            continue
        target = outdir / names[k]
        if target.exists() and not force:
            _fail(failed, path, f"{target} 已存在，未覆盖（加 --force 覆盖）")
            continue
        try:
            write_atomic(target, out + "\n", force)
        except FileExistsError:
            _fail(failed, path, f"{target} 已存在，未覆盖（加 --force 覆盖）")
            continue
        except OSError as e:
            _fail(failed, path, f"{target}：无法写入（{e.strerror or type(e).__name__}）")
            continue
        click.echo(f"{path} → {target}", err=True)
    if outdir is None:
        stdout.close()
    _summary(len(inputs), failed, batch)
    return 1 if failed else 0


def _fail(failed: list[str], path: str, message: str) -> None:
    click.echo(f"yusuan: {message}", err=True)
    if path not in failed:
        failed.append(path)


def _summary(total: int, failed: list[str], batch: bool) -> None:
    if not batch:
        return
    if not failed:
        click.echo(f"yusuan: {total} 个文件全部读取成功", err=True)
        return
    shown = failed[:20]
    more = f" 等（共 {len(failed)} 个）" if len(failed) > len(shown) else ""
    click.echo(f"yusuan: {len(failed)}/{total} 个文件失败：{'、'.join(shown)}{more}", err=True)
    sys.stderr.flush()
