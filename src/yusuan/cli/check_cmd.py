"""`yusuan check` and `yusuan rules`: registered on the main group by `yusuan.cli`."""

from __future__ import annotations

import sys

import click

from yusuan.ingest import IngestError


def register(main: click.Group) -> None:
    main.add_command(check_command)
    main.add_command(rules_command)


@click.command("check")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text：按级别分组的中文说明；json：每个文件一个对象 {path, findings, summary}")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="never",
              show_default=True, help="有该级别或更严重的发现时以状态 1 退出")
@click.option("--rule", "only", multiple=True, help="只运行这些规则（规则编号，可重复；编号和名称见 yusuan rules）")
def check_command(inputs: tuple[str, ...], fmt: str, fail_on: str, only: tuple[str, ...]) -> None:
    """检查公开文件：表内运算、表间一致、说明与表格、绩效目标表、人员、完整性、科目编码。"""
    from yusuan.check import RANK, RULES, check
    from yusuan.check.report import render_text, to_json
    from yusuan.check.source import source_lines
    from yusuan.cli import dumps, expand_inputs, fail, load

    inputs = expand_inputs(inputs)  # folders walked recursively (yusuan.cli.inputs)
    unknown = [r for r in only if r not in RULES]
    if unknown:
        fail(f"没有这些规则：{'、'.join(unknown)}（用 yusuan rules 查看全部）")
    failed = 0
    worst = -1
    docs = []
    for path in inputs:
        try:
            d = load(path)
        except IngestError as e:
            click.echo(f"yusuan: {e}", err=True)
            failed += 1
            continue
        findings = check(d, source_lines(path) if path != "-" else None, list(only) or None)
        worst = max([worst, *(RANK[f.severity] for f in findings)])
        if fmt == "json":
            docs.append(to_json(path, findings))
        else:
            click.echo(render_text(path, findings))
            if len(inputs) > 1:
                click.echo("")
    if fmt == "json":
        click.echo(dumps(docs[0] if len(inputs) == 1 and docs else docs))
    if failed:
        if len(inputs) > 1:
            click.echo(f"yusuan: {failed}/{len(inputs)} 个文件无法读取", err=True)
        sys.exit(2)
    if fail_on != "never" and worst >= RANK[fail_on]:
        sys.exit(1)


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option("--markdown", is_flag=True, help="输出全部规则的 Markdown 文档（docs/rules.md）")
def rules_command(rule_id: str | None, markdown: bool) -> None:
    """列出检查规则（编号、类别、级别、规则名称）；给出编号时显示该规则的名称、完整说明和示例。"""
    from yusuan.check import RULES
    from yusuan.check.report import rule_doc, rule_list, rules_markdown
    from yusuan.cli import fail

    if markdown:
        click.echo(rules_markdown(), nl=False)
    elif rule_id:
        r = RULES.get(rule_id) or RULES.get(rule_id.upper())
        if r is None:
            fail(f"没有规则 {rule_id}（用 yusuan rules 查看全部）")
            return
        click.echo(rule_doc(r))
    else:
        click.echo(rule_list())
