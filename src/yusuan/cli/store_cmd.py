"""`yusuan load`, `documents`, `compare`, `export` and `sql`: the store's commands, registered by `yusuan.cli`."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from yusuan.store import Store
    from yusuan.store.load import Summary

DB_HELP = "数据库：文件路径（默认 ./yusuan.db，或环境变量 YUSUAN_DB；.duckdb 结尾用 DuckDB）或 postgresql://… 地址"
STATUS_LABELS = {"loaded": "已入库", "new_version": "新版本", "unchanged": "未变化", "failed": "失败"}
INTERRUPTED = 130


def register(main: click.Group) -> None:
    for cmd in (load_command, documents_command, compare_command, export_command, sql_command):
        main.add_command(cmd)


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", default=None, metavar="PATH|URL", help=DB_HELP)(fn)


@contextmanager
def opened(db: str | None) -> Iterator[Store]:
    """The store, or a one-line Chinese message and exit 2 when it cannot be opened."""
    from yusuan.cli import fail
    from yusuan.store import StoreError, open_store

    try:
        store = open_store(db)
    except StoreError as e:
        fail(str(e))
        raise SystemExit(2) from None
    try:
        yield store
    finally:
        store.close()


# ---- load --------------------------------------------------------------------------------------------------------

@click.command("load", short_help="解析、检查公开文件并存入数据库（文件、目录、通配符、列表；-j 多进程或 Dask 集群）")
@click.argument("inputs", nargs=-1)
@db_option
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="工作进程数（默认：本机核数；--engine dask 且未给 --scheduler 时为本机 Dask 工作进程数）")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="在哪里解析：local 本机进程；dask 在 Dask 集群上（各工作进程直接写入数据库）")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="已有 Dask 集群的调度器地址（默认：在本机启动一个 LocalCluster）")
@click.option("--from-list", "listing", default=None, type=click.Path(dir_okay=False),
              help="文件列表（每行一个路径，# 开头为注释）；用 dask 时各工作节点须能按同一路径读取这些文件")
def load_command(inputs: tuple[str, ...], db: str | None, jobs: int | None, engine: str, scheduler: str | None,
                 listing: str | None) -> None:
    """把公开文件（文件、目录（递归）、通配符，或 --from-list 列表）解析、检查后存入数据库；同一文件再次载入不做改动，同一部门同一年度的另一文件成为新版本。

    退出状态：0 全部入库或已存在；1 有文件失败（其余照常入库）；2 用法错误。"""
    from yusuan.cli import fail
    from yusuan.store.engines import EngineError, read_list
    from yusuan.store.load import default_jobs, expand

    if scheduler and engine != "dask":
        fail("--scheduler 只能与 --engine dask 同用")
    if not inputs and not listing:
        fail("请给出要载入的文件、目录或 --from-list 文件列表")
    files, unmatched = expand(inputs)
    if listing:
        try:
            files += read_list(listing)  # not looked at here: on a cluster only the workers need to see them
        except EngineError as e:
            fail(str(e))
    if not files:
        fail(f"没有找到可载入的文件：{'、'.join(unmatched) or listing}")
    with opened(db) as store:
        where = f"Dask {scheduler or f'本机 {jobs or default_jobs()} 个工作进程'}" if engine == "dask" else "本机"
        click.echo(f"载入 {len(files)} 个文件 → {store.name}（{where}）", err=True)
        with _progress(len(files)) as report:
            summary = _load(store, files, engine, jobs or default_jobs(), scheduler, report)
        for item in unmatched:
            summary.add(item, "failed", None, f"{item}：文件不存在或没有匹配的文件")
        _print_summary(summary, len(files))
    if summary.interrupted:
        click.echo("yusuan: 已中断；已入库的文件保留完整，重新运行同一命令即可继续", err=True)
        sys.exit(INTERRUPTED)
    sys.exit(1 if summary.failed else 0)


def _load(store: Store, files: list[str], engine: str, jobs: int, scheduler: str | None,
          report: Callable[[str, str, str | None], None]) -> Summary:
    from yusuan.cli import fail
    from yusuan.store.load import load_files

    if engine == "local":
        return load_files(store, files, jobs, report)
    from yusuan.store.engines import EngineError, load_dask

    if scheduler and store.engine.dialect.name == "sqlite":
        click.echo(f"yusuan: 注意：各工作节点须能按同一路径写入 {store.name}；跨机器的集群请用 PostgreSQL", err=True)
    try:
        return load_dask(store, files, jobs, scheduler, report)
    except EngineError as e:
        fail(str(e))
        raise SystemExit(2) from None


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str, str, str | None], None]]:
    """A progress bar on a terminal (rich), one plain line per file otherwise (logs, pipes)."""
    if not sys.stderr.isatty():
        done = [0]

        def line(path: str, status: str, reason: str | None) -> None:
            done[0] += 1
            shown = _reason(path, reason) if status == "failed" else path
            click.echo(f"[{done[0]}/{total}] {STATUS_LABELS.get(status, status)} {shown}", err=True)

        yield line
        return
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("载入"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), transient=True) as bar:
        task = bar.add_task("", total=total)

        def tick(path: str, status: str, _reason: str | None) -> None:
            bar.update(task, advance=1, description=f"{STATUS_LABELS.get(status, status)} {escape(Path(path).name)}")

        yield tick


def _print_summary(s: Summary, total: int) -> None:
    c = s.counts
    click.echo(f"共 {total} 个文件：已入库 {c['loaded']}，新版本 {c['new_version']}，未变化 {c['unchanged']}，"
               f"失败 {c['failed']}", err=True)
    if s.severities:
        click.echo(f"本次入库文件的检查发现：错误 {s.severities['error']}，警告 {s.severities['warning']}，"
                   f"提示 {s.severities['info']}", err=True)
    for path, reason in s.failed:
        click.echo(f"  失败 {_reason(path, reason)}", err=True)


def _reason(path: str, reason: str | None) -> str:
    """`file：reason`, naming the file once (the readers' messages already start with it)."""
    reason = reason or "未知原因"
    return reason if reason.startswith(path) else f"{path}：{reason}"


# ---- documents ---------------------------------------------------------------------------------------------------

@click.command("documents", short_help="列出已入库的文件、各版本和检查发现")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--year", type=int, default=None, help="只列出该年度")
@click.option("--department", default=None, help="只列出该部门")
def documents_command(db: str | None, fmt: str, year: int | None, department: str | None) -> None:
    """列出已入库的文件：部门、年度、类型、各版本（来源文件）和当前版本的检查发现。"""
    from yusuan.cli import dumps

    with opened(db) as store:
        docs = store.documents(year, department)
        failures = store.failures()
    if fmt == "json":
        click.echo(dumps([{"department": d["department"], "year": d["year"], "kind": d["kind"],
                           "versions": [{"sha256": v["sha256"], "source_name": v["source_name"], "layout": v["layout"],
                                         "loaded_at": v["loaded_at"]} for v in d["versions"]],
                           "findings": d["findings"]} for d in docs]))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    t = Table()
    for label in ("部门", "年度", "类型", "版本数", "当前来源", "错误", "警告", "提示"):
        t.add_column(label)
    for d in docs:
        current = next((v for v in d["versions"] if v["current"]), d["versions"][-1])
        f = d["findings"]
        t.add_row(escape(d["department"]), str(d["year"]), escape(d["kind"]), str(len(d["versions"])),
                  escape(current["source_name"]), str(f.get("error", 0)), str(f.get("warning", 0)), str(f.get("info", 0)))
    console = Console(width=200, color_system=None, soft_wrap=True)
    console.print(t)
    console.print(f"{len(docs)} 个文件" + (f"；{len(failures)} 个文件未能读取（见 yusuan sql \"select * from failures\"）"
                                         if failures else ""))


# ---- compare -----------------------------------------------------------------------------------------------------

def _years(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–~]\s*(\d{4}))?\s*", value)
    if not m:
        raise click.BadParameter("应为年度或年度范围，如 2025 或 2023-2025")
    a, b = int(m.group(1)), int(m.group(2) or m.group(1))
    return (min(a, b), max(a, b))


@click.command("compare", short_help="比较已入库的部门和年度：指标、排名、比上年，可出图；预算与决算的执行比较")
@click.argument("inputs", nargs=-1)
@db_option
@click.option("--execution", is_flag=True,
              help="预算执行比较：同一部门同一年度已入库的预算与决算（需 --department 和 --year）")
@click.option("--year", type=int, default=None, help="比较该年度的各部门")
@click.option("--years", default=None, help="年度范围，如 2023-2025（常与 --department 同用）")
@click.option("--department", default=None, help="只看该部门（各年度）")
@click.option("--kind", default=None, help="只看该类型（部门预算、单位预算…）")
@click.option("--by", type=click.Choice(["department"]), default="department", show_default=True,
              help="每行一个部门（及年度）")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "xlsx", "json"]), default="table",
              show_default=True)
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False), help="写入文件（xlsx 必须给出）")
@click.option("--chart", default=None, type=click.Path(dir_okay=False), help="另存图表：.png 或 .html（离线）")
@click.option("--force", is_flag=True, help="允许覆盖已有的输出文件")
def compare_command(inputs: tuple[str, ...], db: str | None, execution: bool, year: int | None, years: str | None,
                    department: str | None, kind: str | None, by: str, fmt: str, output: str | None,
                    chart: str | None, force: bool) -> None:
    """比较已入库的文件：收支总计、收入来源、基本/项目支出占比、人员经费占比、三公经费及人均、机关运行经费人均、
    政府采购及中小企业份额、项目数、检查发现；上年已入库时给出比上年增减，并与文件自述的比上年数核对；同年度同类型内排名。

    预算执行比较：yusuan compare 2024预算.pdf 2024决算.pdf（直接读两个文件，不建数据库；也可为模型 .json），或
    yusuan compare --department … --year 2024 --execution（从数据库取）：逐行给出预算数、决算数、差额和执行率，
    变动最大的行，以及决算所述年初预算数与预算公开数不符之处（两处位置都给出）。"""
    from yusuan.cli import fail
    from yusuan.compare import Selection, compare
    from yusuan.compare.output import to_csv, to_json, to_table, to_xlsx

    span = _years(years)
    if fmt == "xlsx" and not output:
        fail("--format xlsx 需要 -o 文件名")
    for target in (output, chart):
        if target and Path(target).exists() and not force:
            fail(f"{target} 已存在，未覆盖（加 --force 覆盖）")
    if chart and Path(chart).suffix.lower() not in (".png", ".html", ".htm"):
        fail(f"{chart}：图表只能是 .png 或 .html")
    if inputs or execution:
        _execution(inputs, db, department, year, fmt, output, chart)
        return
    with opened(db) as store:
        result = compare(store, Selection(year=year, department=department, years=span, kind=kind))
    if not result.rows:
        fail("没有符合条件的已入库文件（用 yusuan documents 查看已入库的文件）", 1)
    if chart:
        _chart(result.rows, Path(chart))
    if fmt == "xlsx":
        Path(str(output)).write_bytes(to_xlsx(result))
        return
    text = {"table": to_table, "csv": to_csv, "json": to_json}[fmt](result)
    if output:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _execution(inputs: tuple[str, ...], db: str | None, department: str | None, year: int | None, fmt: str,
               output: str | None, chart: str | None) -> None:
    """The execution comparison of two files (no store) or of one department's stored 预算 and 决算 of a year."""
    from yusuan.cli import fail
    from yusuan.compare.execution import ExecutionError, execution, roles
    from yusuan.compare.execution_output import to_csv, to_json, to_table, to_xlsx

    if chart and Path(chart).suffix.lower() != ".png":
        fail(f"{chart}：执行比较的图表只能是 .png")
    try:
        if inputs:
            if len(inputs) != 2:
                fail(f"执行比较需要两个文件（预算和决算），实际给出 {len(inputs)} 个")
            models = [(p, _read_model(p)) for p in inputs]
            budget, final = roles(models[0][1], models[1][1])
            names = {id(d): p for p, d in models}  # places name the files given, not a model's origin
            result = execution(budget, final, names[id(budget)], names[id(final)])
        else:
            if not department or year is None:
                fail("--execution 需要 --department 和 --year")
            result = execution(*_stored_pair(db, str(department), int(year or 0)))
    except ExecutionError as e:
        fail(str(e))
        return
    for note in result.notes:
        click.echo(f"yusuan: 注意：{note}", err=True)
    if chart:
        _execution_chart(result, Path(chart))
    if fmt == "xlsx":
        Path(str(output)).write_bytes(to_xlsx(result))
        return
    text = {"table": to_table, "csv": to_csv, "json": to_json}[fmt](result)
    if output:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _read_model(path: str) -> Any:
    """One input as a model: a model JSON as it is, any other file parsed (as `check` reads it)."""
    from yusuan.cli import fail
    from yusuan.ingest import IngestError
    from yusuan.write.model_io import load_model

    try:
        return load_model(path)
    except IngestError as e:  # ModelError is one too: both name the file
        fail(str(e))
        raise SystemExit(2) from None


def _stored_pair(db: str | None, department: str, year: int) -> Any:
    from yusuan.cli import fail
    from yusuan.compare.stored import NotStored, stored_pair

    with opened(db) as store:
        try:
            return stored_pair(store, department, year)
        except NotStored as e:
            fail(str(e), 1)
            raise SystemExit(1) from None


def _execution_chart(result: Any, target: Path) -> None:
    from yusuan.cli import fail
    from yusuan.compare.execution_output import png
    from yusuan.write.fonts import FontMissing

    try:
        target.write_bytes(png(result))
    except FontMissing as e:
        fail(str(e).replace("无法生成 PDF", "无法生成 PNG 图表"))
    except ModuleNotFoundError as e:
        fail(f"生成图表需要 Python 包 {e.name}（pip install 'yusuan[store]'）")


def _chart(rows: list[dict[str, Any]], target: Path) -> None:
    from yusuan.cli import fail
    from yusuan.compare.chart import write_chart
    from yusuan.write.fonts import FontMissing

    try:
        write_chart(rows, target)
    except FontMissing as e:
        fail(str(e).replace("无法生成 PDF", "无法生成 PNG 图表（可改用 .html）"))
    except ModuleNotFoundError as e:
        fail(f"生成图表需要 Python 包 {e.name}（pip install 'yusuan[store]'）")


# ---- export ------------------------------------------------------------------------------------------------------

@click.command("export", short_help="导出表格单元格、说明数字、绩效指标、检查发现（CSV、XLSX、datapackage、Parquet）")
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "datapackage", "parquet"]), default="csv",
              show_default=True)
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="输出目录")
@click.option("--force", is_flag=True, help="允许覆盖输出目录中已有的文件")
def export_command(db: str | None, fmt: str, outdir: str, force: bool) -> None:
    """导出当前版本的全部表格单元格、说明数字、绩效指标和检查发现（整齐格式：每行一个数值，编码和名称各占一列）；
    datapackage 为 Fiscal Data Package（datapackage.json + CSV）；parquet 为按年度和类型分区的 Parquet 目录（cells/year=…/kind=…/），
    供 Dask、DuckDB、pandas 读取。"""
    from yusuan.cli import fail
    from yusuan.export.datapackage import write_datapackage
    from yusuan.export.tidy import RESOURCES, write_csv, write_xlsx

    out = Path(outdir)
    names = {"csv": [f"{r.name}.csv" for r in RESOURCES], "xlsx": ["yusuan.xlsx"],
             "datapackage": [f"{r.name}.csv" for r in RESOURCES] + ["datapackage.json"],
             "parquet": [r.name for r in RESOURCES]}[fmt]
    taken = [n for n in names if (out / n).exists() and not _empty_dir(out / n)]
    if taken and not force:
        fail(f"{out / taken[0]} 已存在，未覆盖（加 --force 覆盖）")
    with opened(db) as store:
        if fmt == "csv":
            written = write_csv(store, out)
        elif fmt == "xlsx":
            written = [write_xlsx(store, out / "yusuan.xlsx")]
        elif fmt == "parquet":
            written = _parquet(store, out, force)
        else:
            written = [write_datapackage(store, out)]
    for p in written:
        click.echo(str(p), err=True)


def _empty_dir(p: Path) -> bool:
    return p.is_dir() and not any(p.iterdir())


def _parquet(store: Store, out: Path, force: bool) -> list[Path]:
    from yusuan.cli import fail

    try:
        from yusuan.export.parquet import write_parquet
    except ModuleNotFoundError as e:
        fail(f"导出 Parquet 需要 Python 包 {e.name}（pip install 'yusuan[scale]'）")
        raise SystemExit(2) from None
    return write_parquet(store, out, replace=force)


# ---- sql ---------------------------------------------------------------------------------------------------------

@click.command("sql", short_help="对数据库执行一条只读 SQL")
@click.argument("query")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def sql_command(query: str, db: str | None, fmt: str) -> None:
    """对数据库执行一条只读 SQL（表：documents、versions、cells、statements、indicators、findings、failures）。"""
    import csv
    import io

    from sqlalchemy.exc import DBAPIError

    from yusuan.cli import dumps, fail
    from yusuan.compare.output import _plain, _text

    with opened(db) as store:
        try:
            columns, rows = store.query(query)
        except DBAPIError as e:
            message = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
            fail(f"SQL 未执行（只读；表见 docs/store.md）：{message}")
            return
    if fmt == "json":
        click.echo(dumps([{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in rows]))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows([[_text(v) for v in r] for r in rows])
        click.echo(buf.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        t = Table(*columns)
        for r in rows:
            t.add_row(*(escape(_text(v)) for v in r))
        Console(width=200, color_system=None, soft_wrap=True).print(t)
