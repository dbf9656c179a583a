"""`yusuan demo`: the main job on something yusuan makes itself, with nothing beside the clone.

A sampled department (synthetic figures whose identities all hold) is written as text and as PDF into a new
folder, each is read back with `parse` and checked with `check`, the reading is compared with the sampled model,
and the command prints where everything is and what to run next. The PDF needs a CJK font from the system (the
writer embeds it); on a machine without one the demo writes an Excel workbook instead and says why, so it still
shows two formats read the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

DEFAULT_DIR = "yusuan-demo"


def register(main: click.Group) -> None:
    main.add_command(demo_command)


@click.command("demo")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False), default=None,
              help=f"放置示例文件和结果的目录（默认 ./{DEFAULT_DIR}/，已存在时用 {DEFAULT_DIR}-2/ 等；不覆盖任何文件）")
@click.option("--seed", type=int, default=0, show_default=True, help="示例部门的随机种子")
def demo_command(outdir: str | None, seed: int) -> None:
    """演示：生成一个示例部门（合成数据）的公开文件（文本和 PDF），读取、检查，并说明结果在哪里、下一步做什么。"""
    from yusuan.cli import fail

    folder = _folder(outdir)
    if folder is None:
        fail(f"{outdir} 已存在且不是空目录，未写入（换一个目录，或不加 -o 使用 ./{DEFAULT_DIR}/）")
        return
    sys.exit(run_demo(folder, seed))


def _folder(outdir: str | None) -> Path | None:
    """A folder to write into that holds nothing yet: the one given (if empty), else the first free default."""
    if outdir is not None:
        p = Path(outdir)
        return p if not p.exists() or (p.is_dir() and not any(p.iterdir())) else None
    n = 1
    while True:
        p = Path(DEFAULT_DIR if n == 1 else f"{DEFAULT_DIR}-{n}")
        if not p.exists():
            return p
        n += 1


def run_demo(folder: Path, seed: int) -> int:
    from yusuan.cli import dumps
    from yusuan.cli.batch import write_atomic
    from yusuan.sample import department
    from yusuan.write import build, render
    from yusuan.write.fonts import FontMissing

    model = department(seed, 0, 2025)
    doc = build(model)
    folder.mkdir(parents=True, exist_ok=True)
    say = click.echo
    say(f"示例部门（合成数据）：{model.year} 年 {model.department}，{len(model.tables)} 张公开表 → {folder}/")
    write_atomic(folder / "demo-model.json", dumps(model.to_dict()) + "\n", force=False)
    written = [_write(folder / "demo.txt", render(doc, "txt"))]
    try:
        written.append(_write(folder / "demo.pdf", render(doc, "pdf")))
    except FontMissing as e:
        say(f"  未生成 PDF（需要可嵌入的中文字体）：{e}。改为生成 Excel 工作簿，同样读取和检查")
        written.append(_write(folder / "demo.xlsx", render(doc, "xlsx")))
    ok = all(_read_and_check(path, model) for path in written)
    _next_steps(folder, written)
    return 0 if ok else 1


def _write(path: Path, data: bytes) -> Path:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    tmp.rename(path)
    return path


def _read_and_check(path: Path, model: object) -> bool:
    from yusuan.check import check, summary
    from yusuan.check.report import render_text
    from yusuan.check.source import source_lines
    from yusuan.cli import dumps
    from yusuan.cli.batch import write_atomic
    from yusuan.ingest import IngestError
    from yusuan.parse.load import load
    from yusuan.write.compare import compare

    try:
        d = load(str(path))
    except IngestError as e:
        click.echo(f"  {path.name}：读取失败：{e}")
        return False
    parsed = path.with_name(f"{path.stem}-{path.suffix[1:]}.parsed.json")
    write_atomic(parsed, dumps(d.to_dict()) + "\n", force=False)
    findings = check(d, source_lines(str(path)))
    report = path.with_name(f"{path.stem}-{path.suffix[1:]}.check.txt")
    write_atomic(report, render_text(str(path), findings) + "\n", force=False)
    same = compare(model, d, lossy=path.suffix == ".txt")  # type: ignore[arg-type]
    counts = summary(findings)
    verdict = "与生成时的模型一致" if same.ok else f"与模型有 {len(same.differences)} 处不同"
    click.echo(f"  {path.name}：读出 {len(d.tables)} 张表、{same.cells} 个单元格，{verdict}；"
               f"检查发现 错误 {counts.get('error', 0)}、警告 {counts.get('warning', 0)}、提示 {counts.get('info', 0)}"
               f" → {parsed.name}、{report.name}")
    return True


def _next_steps(folder: Path, written: list[Path]) -> None:
    steps = (("读出的表格，按表排版", f"yusuan parse {written[-1]} --format text"),
             ("检查：表内运算、表间一致、说明与表格", f"yusuan check {folder / 'demo.txt'}"),
             ("读取你自己的文件（文本、PDF、Excel、Word、网页，或整个文件夹）", "yusuan parse 你的文件.pdf -o 结果/"),
             ("更多示例部门，各种格式", "yusuan sample -n 5 -o corpus/"),
             ("存入数据库（默认 ./yusuan.db）并比较各部门", "yusuan load corpus/ && yusuan compare --by department"),
             ("在浏览器里看表格、原文和检查发现", "yusuan serve"),
             ("全部命令", "yusuan --help"))
    click.echo(f"\n结果在 {folder}/：demo.* 是示例文件，*.parsed.json 是读出的模型，*.check.txt 是检查结果，"
               "demo-model.json 是生成时的模型。\n下一步：")
    for what, command in steps:
        click.echo(f"  {what}：\n      {command}")
