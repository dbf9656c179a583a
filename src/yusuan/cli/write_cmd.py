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


TEXT_FORMATS = ("txt", "txt-tab", "html")  # what `-o -` may write to standard output


def _render_each(doc: Document, fmts: list[str], style: Style | None = None) -> dict[str, bytes]:
    """Every format drawn in memory first: a failure in one ends the command before any file is written, and the
    message says so (nothing is left half-done)."""
    from yusuan.cli import fail
    from yusuan.write import render
    from yusuan.write.fonts import FontMissing

    out: dict[str, bytes] = {}
    for fmt in fmts:
        try:
            out[fmt] = render(doc, fmt, style)
        except FontMissing as e:
            fail(f"{e}；未写出任何文件")
        except ModuleNotFoundError as e:
            fail(f"生成 {fmt} 需要 Python 包 {e.name}（pip install {'python-docx' if e.name == 'docx' else e.name}）；"
                 "未写出任何文件")
        except Exception as e:  # a renderer bug must not become a traceback, nor leave other formats half-written
            fail(f"生成 {fmt} 失败（内部错误：{type(e).__name__}: {str(e)[:200]}）；未写出任何文件。请将此输入报告给维护者")
    return out


def _write_files(data: dict[str, bytes], targets: dict[str, Path]) -> None:
    """Write the drawn formats; a file that cannot be written ends the command naming what was written before."""
    from yusuan.cli import fail

    done: list[str] = []
    for fmt, path in targets.items():
        try:
            path.write_bytes(data[fmt])
        except OSError as e:
            written = f"；已写出：{'、'.join(done)}" if done else "；未写出任何文件"
            fail(f"{path}：无法写入（{e.strerror or e}）{written}")
        done.append(str(path))


def _render_all(doc: Document, targets: dict[str, Path], style: Style | None = None) -> None:
    _write_files(_render_each(doc, list(targets), style), targets)


def _stem(name: str | None, source: str) -> str:
    """The output file name without suffix: `--name` must be a plain name, so that every file stays inside `-o`."""
    from yusuan.cli import fail

    if name is None:
        return Path(source).name.split(".")[0] or "output"
    bad = (not name.strip() or name in (".", "..") or any(c in name for c in '/\\:\0') or name.startswith(".")
           or len(name) > 200)
    if bad:
        fail(f"--name {name!r}：只能是文件名（不含路径分隔符、不以“.”开头、不超过 200 个字符），输出文件只写在 -o 指定的目录中")
    return name


def _check_prior(d: Disclosure, before: Disclosure, prior: str, force: bool) -> None:
    """A prior model must be the same publisher's, one year earlier: otherwise every 比上年 figure is nonsense."""
    from yusuan.cli import fail
    from yusuan.parse.text import flat

    problems = []
    if flat(d.department or "") != flat(before.department or ""):
        problems.append(f"部门不同（本年：{d.department or '未知'}；上年：{before.department or '未知'}）")
    if d.year is None or before.year is None or d.year - before.year != 1:
        problems.append(f"年度相差不是 1 年（本年：{d.year or '未知'}；上年：{before.year or '未知'}）")
    if problems and not force:
        fail(f"{prior}：不能作为上年数据：{'；'.join(problems)}（确需使用请加 --force-prior）")


def _check_budget(d: Disclosure, planned: Disclosure, path: str, force: bool) -> None:
    """A 决算's budget must be a 预算 of the same publisher and year: its figures become the 年初预算数."""
    from yusuan.cli import fail
    from yusuan.parse.text import flat

    problems = []
    if not (planned.kind or "").endswith("预算"):
        problems.append(f"不是预算（{planned.kind or '未知'}）")
    if not (d.kind or "").endswith("决算"):
        problems.append(f"输入不是决算（{d.kind or '未知'}）")
    if flat(d.department or "") != flat(planned.department or ""):
        problems.append(f"部门不同（决算：{d.department or '未知'}；预算：{planned.department or '未知'}）")
    if d.year != planned.year:
        problems.append(f"年度不同（决算：{d.year or '未知'}；预算：{planned.year or '未知'}）")
    if problems and not force:
        fail(f"{path}：不能作为 --budget：{'；'.join(problems)}（确需使用请加 --force-prior）")


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
    @click.option("-o", "--output", "outdir", type=click.Path(), required=True,
                  help="输出目录；“-”表示写到标准输出（只限一种文本格式：txt、txt-tab 或 html）")
    @click.option("--format", "fmt", default="txt,txt-tab,html,xlsx,docx,pdf", show_default=True, help=FORMAT_HELP)
    @click.option("--prior", type=click.Path(), default=None, help="上年的模型或公开文件：说明中写出比上年增减")
    @click.option("--budget", type=click.Path(), default=None,
                  help="决算：同一部门同一年度的预算（模型或公开文件）：说明中写出年初预算数和完成年初预算的比例")
    @click.option("--force-prior", is_flag=True, help="允许 --prior 是其他部门或非上一年度的数据")
    @click.option("--name", default=None, help="输出文件名（不含扩展名，不含路径），默认取输入文件名")
    @click.option("--force", is_flag=True, help="允许覆盖输出目录中已有的文件")
    def write(source: str, outdir: str, fmt: str, prior: str | None, budget: str | None, force_prior: bool,
              name: str | None, force: bool) -> None:
        """由模型 JSON（yusuan parse 的输出）、公开文件或 Excel 表生成标准格式的部门预算公开文件。

        由解析所得的模型写出时，情况说明照录原文（各节标题和段落）；模型中没有原文时，由表格数据生成并标明。"""
        import sys

        from yusuan.cli import fail
        from yusuan.write import build

        fmts = _formats_or_fail(fmt)
        to_stdout = outdir == "-"
        if to_stdout and (len(fmts) != 1 or fmts[0] not in TEXT_FORMATS):
            fail(f"-o - 只能把一种文本格式（{'、'.join(TEXT_FORMATS)}）写到标准输出；当前 --format 为 {fmt}：请用 --format 选一种，"
                 "或用 -o 指定输出目录")
        d = _load(source)
        before = _load(prior) if prior else None
        if before is not None and prior is not None:
            _check_prior(d, before, prior, force_prior)
        planned = _load(budget) if budget else None
        if planned is not None and budget is not None:
            _check_budget(d, planned, budget, force_prior)
        if not d.tables:
            fail(f"{source}：没有任何公开表，无法生成")
        doc = build(d, before, budget=planned)
        if to_stdout:
            sys.stdout.buffer.write(_render_each(doc, fmts)[fmts[0]])
            sys.stdout.buffer.flush()
            return
        if Path(outdir).exists() and not Path(outdir).is_dir():
            fail(f"{outdir}：已存在且不是目录")
        targets = _targets(Path(outdir), _stem(name, source), fmts)
        _check_free(list(targets.values()), force)
        data = _render_each(doc, fmts)
        Path(outdir).mkdir(parents=True, exist_ok=True)
        _write_files(data, targets)
        for path in targets.values():
            click.echo(str(path))

    @main.command()
    @click.option("-n", "count", type=click.IntRange(1, 100000), default=10, show_default=True, help="生成多少个部门")
    @click.option("-o", "--output", "outdir", type=click.Path(file_okay=False), required=True, help="输出目录")
    @click.option("--seed", type=int, default=0, show_default=True, help="随机种子（同一种子结果相同）")
    @click.option("--year", type=click.IntRange(2000, 2100), default=None,
                  help="年度（预算年度，默认 2025；决算为决算年度，默认 2024）")
    @click.option("--format", "fmt", default="txt,txt-tab,html,xlsx,docx,pdf", show_default=True, help=FORMAT_HELP)
    @click.option("--kind", type=click.Choice(["预算", "决算"]), default="预算", show_default=True,
                  help="预算：部门预算公开文件；决算：部门决算（全国统一的九张表）")
    @click.option("--with-budget", is_flag=True,
                  help="决算：另写出同一部门同一年度的预算（决算中的年初预算数即取自该预算），用于预决算对比")
    @click.option("--plant-mismatch", is_flag=True,
                  help="决算：让决算在两处写错年初预算数（一个项级科目、一项“三公”经费），错处另存为 *-planted.json")
    @click.option("--force", is_flag=True, help="允许覆盖输出目录中已有的文件")
    def sample(count: int, outdir: str, seed: int, year: int | None, fmt: str, kind: str, with_budget: bool,
               plant_mismatch: bool, force: bool) -> None:
        """生成合成的（但各项勾稽关系成立的）部门预算或决算公开文件，每个文件旁附模型 JSON；版式（折行、分页、字号、栏宽、表格线）按种子和序号变化。"""
        from yusuan.cli import fail

        if kind == "决算":
            _sample_final(count, Path(outdir), seed, year or 2024, _formats_or_fail(fmt), with_budget, plant_mismatch,
                          force)
            return
        if with_budget or plant_mismatch:
            fail(f"{'--with-budget' if with_budget else '--plant-mismatch'} 只用于 --kind 决算")
        _sample_budget(count, Path(outdir), seed, year or 2025, _formats_or_fail(fmt), force)


def _sample_budget(count: int, out: Path, seed: int, year: int, fmts: list[str], force: bool) -> None:
    from yusuan.cli import dumps
    from yusuan.sample import department
    from yusuan.sample.style import style
    from yusuan.write import build

    plans = [(i, _targets(out, f"sample-{seed}-{i:04d}", fmts)) for i in range(count)]
    _check_free([p for _i, t in plans for p in t.values()] +
                [out / f"sample-{seed}-{i:04d}.json" for i in range(count)], force)
    out.mkdir(parents=True, exist_ok=True)
    for i, targets in plans:
        d = department(seed, i, year)
        (out / f"sample-{seed}-{i:04d}.json").write_text(dumps(d.to_dict()) + "\n", encoding="utf-8")
        # last year's budget of the same department: the prose states 比上年 changes as a real document does
        _render_all(build(d, department(seed, i, year - 1)), targets, style(seed, i))
    click.echo(f"{count} 个部门 → {out}（{'、'.join(fmts)}，另附模型 JSON）")


def _sample_final(count: int, out: Path, seed: int, year: int, fmts: list[str], with_budget: bool, plant: bool,
                  force: bool) -> None:
    """`final-S-NNNN.*` (the 决算, its model JSON beside), and with the budget `final-S-NNNN-budget.*`: the 预算 of
    the same department and year that the 决算 executed (the file `yusuan sample --kind 预算` writes for it)."""
    import json

    from yusuan.cli import dumps
    from yusuan.sample import department
    from yusuan.sample.final import final_draft
    from yusuan.sample.style import style
    from yusuan.write import build

    stems = [(i, f"final-{seed}-{i:04d}") for i in range(count)]
    plans = [(i, stem, _targets(out, stem, fmts), _targets(out, stem + "-budget", fmts) if with_budget else {})
             for i, stem in stems]
    files = [p for _i, _s, a, b in plans for p in [*a.values(), *b.values()]]
    sides = ("",) + (("-budget",) if with_budget else ()) + (("-planted",) if plant else ())
    files += [out / f"{stem}{x}.json" for _i, stem, _a, _b in plans for x in sides]
    _check_free(files, force)
    out.mkdir(parents=True, exist_ok=True)
    for i, stem, targets, budget_targets in plans:
        fd = final_draft(seed, i, year, plant=plant)
        (out / f"{stem}.json").write_text(dumps(fd.d.to_dict()) + "\n", encoding="utf-8")
        _render_all(fd.document(), targets, style(seed, i))
        if plant:  # where the 决算 states another 年初预算数 than its 预算 (what an execution comparison must find)
            planted = json.dumps(fd.planted, ensure_ascii=False, indent=2, default=float)  # amounts as JSON numbers
            (out / f"{stem}-planted.json").write_text(planted + "\n", encoding="utf-8")
        if with_budget:
            (out / f"{stem}-budget.json").write_text(dumps(fd.budget.to_dict()) + "\n", encoding="utf-8")
            _render_all(build(fd.budget, department(seed, i, year - 1)), budget_targets, style(seed, i))
    extra = "，另附同年度预算" if with_budget else ""
    click.echo(f"{count} 个部门决算 → {out}（{'、'.join(fmts)}，另附模型 JSON{extra}）")


def _formats_or_fail(fmt: str) -> list[str]:
    """The requested formats; an unknown one ends the command with a one-line message."""
    from yusuan.cli import fail

    try:
        return list(_formats(fmt))
    except click.BadParameter as e:
        fail(str(e.message))
        raise SystemExit(2) from None  # fail() exits; this keeps the type checker informed
