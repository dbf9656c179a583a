"""`yusuan write` (a model or document → the standard disclosure in several formats) and `yusuan sample`
(synthetic departments, with their model JSON beside each)."""

from __future__ import annotations

from pathlib import Path

import click

from yusuan.ingest import IngestError
from yusuan.model import Disclosure
from yusuan.write import Style
from yusuan.write.document import Document

FORMAT_HELP = "逗号分隔：txt（空格版式）、txt-tab（制表符版式）、html、xlsx、docx、pdf"


def _formats(value: str) -> list[str]:
    from yusuan.write import FORMATS

    fmts = [f.strip() for f in value.split(",") if f.strip()]
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise click.BadParameter(f"未知的格式：{'、'.join(bad) or '（空）'}；可用：{'、'.join(FORMATS)}")
    return list(dict.fromkeys(fmts))


def _targets(outdir: Path, stem: str, fmts: list[str]) -> dict[str, Path]:
    from yusuan.write import suffix

    return {f: outdir / f"{stem}{suffix(f)}" for f in fmts}


def _check_free(paths: list[Path], force: bool) -> None:
    from yusuan.cli import fail

    taken = [p for p in paths if p.exists()]
    if taken and not force:
        more = f" 等 {len(taken)} 个文件" if len(taken) > 1 else ""
        fail(f"{taken[0]}{more} 已存在，未覆盖（加 --force 覆盖）")


def _render_all(doc: Document, targets: dict[str, Path], style: Style | None = None) -> None:
    from yusuan.cli import fail
    from yusuan.write import render
    from yusuan.write.fonts import FontMissing

    for fmt, path in targets.items():
        try:
            data = render(doc, fmt, style)
        except FontMissing as e:
            fail(str(e))
        except ModuleNotFoundError as e:
            fail(f"生成 {fmt} 需要 Python 包 {e.name}（pip install {'python-docx' if e.name == 'docx' else e.name}）")
        path.write_bytes(data)


def _load(path: str) -> Disclosure:
    from yusuan.cli import fail
    from yusuan.write.model_io import load_model

    try:
        return load_model(path)
    except IngestError as e:
        fail(str(e))
    except Exception as e:  # a reader bug must not become a traceback
        fail(f"{path}：读取失败（内部错误：{type(e).__name__}: {e}）")
    raise AssertionError("unreachable")  # fail() exits


def register(main: click.Group) -> None:
    @main.command()
    @click.argument("source")
    @click.option("-o", "--output", "outdir", type=click.Path(file_okay=False), required=True, help="输出目录")
    @click.option("--format", "fmt", default="txt,txt-tab,html,xlsx,docx,pdf", show_default=True, help=FORMAT_HELP)
    @click.option("--prior", type=click.Path(), default=None, help="上年的模型或公开文件：说明中写出比上年增减")
    @click.option("--name", default=None, help="输出文件名（不含扩展名），默认取输入文件名")
    @click.option("--force", is_flag=True, help="允许覆盖输出目录中已有的文件")
    def write(source: str, outdir: str, fmt: str, prior: str | None, name: str | None, force: bool) -> None:
        """由模型 JSON（yusuan parse 的输出）、公开文件或 Excel 表生成标准格式的部门预算公开文件。"""
        from yusuan.cli import fail
        from yusuan.write import build

        fmts = _formats_or_fail(fmt)
        d = _load(source)
        before = _load(prior) if prior else None
        if not d.tables:
            fail(f"{source}：没有任何公开表，无法生成")
        stem = name or Path(source).name.split(".")[0]
        targets = _targets(Path(outdir), stem, fmts)
        _check_free(list(targets.values()), force)
        Path(outdir).mkdir(parents=True, exist_ok=True)
        _render_all(build(d, before), targets)
        for path in targets.values():
            click.echo(str(path))

    @main.command()
    @click.option("-n", "count", type=click.IntRange(1, 100000), default=10, show_default=True, help="生成多少个部门")
    @click.option("-o", "--output", "outdir", type=click.Path(file_okay=False), required=True, help="输出目录")
    @click.option("--seed", type=int, default=0, show_default=True, help="随机种子（同一种子结果相同）")
    @click.option("--year", type=click.IntRange(2000, 2100), default=2025, show_default=True, help="预算年度")
    @click.option("--format", "fmt", default="txt,txt-tab,html,xlsx,docx,pdf", show_default=True, help=FORMAT_HELP)
    @click.option("--force", is_flag=True, help="允许覆盖输出目录中已有的文件")
    def sample(count: int, outdir: str, seed: int, year: int, fmt: str, force: bool) -> None:
        """生成合成的（但各项勾稽关系成立的）部门预算公开文件，每个文件旁附模型 JSON；版式（折行、分页、字号、栏宽、表格线）按种子和序号变化。"""
        from yusuan.cli import dumps
        from yusuan.sample import department
        from yusuan.sample.style import style
        from yusuan.write import build

        fmts = _formats_or_fail(fmt)
        out = Path(outdir)
        plans = [(i, _targets(out, f"sample-{seed}-{i:04d}", fmts)) for i in range(count)]
        _check_free([p for _i, t in plans for p in t.values()] +
                    [out / f"sample-{seed}-{i:04d}.json" for i in range(count)], force)
        out.mkdir(parents=True, exist_ok=True)
        for i, targets in plans:
            d = department(seed, i, year)
            (out / f"sample-{seed}-{i:04d}.json").write_text(dumps(d.to_dict()) + "\n", encoding="utf-8")
            _render_all(build(d), targets, style(seed, i))
        click.echo(f"{count} 个部门 → {out}（{'、'.join(fmts)}，另附模型 JSON）")


def _formats_or_fail(fmt: str) -> list[str]:
    """The requested formats; an unknown one ends the command with a one-line message."""
    from yusuan.cli import fail

    try:
        return list(_formats(fmt))
    except click.BadParameter as e:
        fail(str(e.message))
        raise SystemExit(2) from None  # fail() exits; this keeps the type checker informed
