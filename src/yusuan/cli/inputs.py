"""What the user named on the command line → the files to read, in a stable order.

A folder is walked recursively for the kinds of file yusuan reads (by extension, case-insensitive), sorted by
path, hidden files and folders skipped; a folder with none of them is kept as itself, so reading it reports the
problem in its place. Iterating the result on a terminal with many files shows a progress bar (on stderr; nothing
when stderr is not a terminal).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from yusuan.ingest import READ_EXTENSIONS

PROGRESS_FROM = 10  # fewer files than this finish before a bar would help


class Inputs(tuple[str, ...]):
    """The expanded inputs; `folders` is true when a folder was among them (a batch whatever its size)."""

    folders: bool = False

    def __iter__(self) -> Iterator[str]:
        if len(self) < PROGRESS_FROM or not _stderr_is_terminal():
            return super().__iter__()
        return _with_progress(super().__iter__(), len(self))


def expand_inputs(args: Iterable[str]) -> Inputs:
    out: list[str] = []
    folders = False
    for arg in args:
        if arg != "-" and os.path.isdir(arg):
            folders = True
            found = walk(Path(arg))
            out.extend(found or [arg])
        else:
            out.append(arg)
    result = Inputs(out)
    result.folders = folders
    return result


def walk(folder: Path) -> list[str]:
    """Readable files under `folder`, sorted by their path's parts (stable on every machine and file system)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / f for f in files
                     if not f.startswith(".") and f.lower().endswith(READ_EXTENSIONS))
    return [str(p) for p in sorted(found, key=lambda p: p.parts)]


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _with_progress(items: Iterator[str], total: int) -> Iterator[str]:
    try:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    except ImportError:  # rich is optional: no bar without it
        yield from items
        return
    columns = (TextColumn("读取"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=total)
        for item in items:
            yield item
            bar.advance(task)
