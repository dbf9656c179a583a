"""`yusuan check` and `yusuan rules`: registered on the main group by `yusuan.cli`.

`check` behaves like the linters reviewers already script around (ruff, eslint): exit 1 when a finding at or above
`--fail-on` is reported, 0 otherwise, 2 for bad usage or an input that cannot be read; `--select`/`--ignore` by
rule id, category or id prefix; machine formats that parse as a whole (json, jsonl, csv, sarif).
"""

from __future__ import annotations

import sys

import click

from yusuan.ingest import IngestError

FORMATS = ["text", "json", "jsonl", "csv", "sarif"]


def register(main: click.Group) -> None:
    main.add_command(check_command)
    main.add_command(rules_command)


def _patterns(values: tuple[str, ...]) -> list[str]:
    """`--select AR,NV-AMOUNT --select cross_table` → ["AR", "NV-AMOUNT", "cross_table"]."""
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def _bad_patterns(patterns: list[str]) -> list[str]:
    from yusuan.check.filters import matches_any_rule

    return [p for p in patterns if not matches_any_rule(p)]


def _read(path: str) -> tuple[object, dict[int, str] | None]:
    """The disclosure of one input and its source lines (for quotes): a yusuan model JSON is checked as the model
    it holds; any other JSON is refused with a message saying what it is."""
    from yusuan.check.source import source_lines
    from yusuan.parse.load import load
    from yusuan.write.model_io import load_model

    if path == "-":
        return load(path), None
    d = load_model(path)  # a model JSON, or any document yusuan parses
    return d, (None if _is_json(path) else source_lines(path))


def _is_json(path: str) -> bool:
    """The input is JSON (a model): its lines are not the document's, so quotes come from the model."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head[:1] in (b"{", b"[")


@click.command("check")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text：按级别分组的中文说明；json：一个 JSON 文档 {documents: [{path, findings, summary}], failed, "
                   "summary}；jsonl：每个发现一行；csv：每个发现的每一处一行；sarif：SARIF 2.1.0（代码审查与 CI 工具）")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="有该级别或更严重的发现时以状态 1 退出（无法读取的输入或用法错误为状态 2）")
@click.option("--select", multiple=True, metavar="规则",
              help="只报告这些规则：规则编号、类别或编号前缀（如 NV、AR-ROUNDING、cross_table），可重复或用逗号分隔")
@click.option("--ignore", multiple=True, metavar="规则", help="不报告这些规则：写法同 --select（如 --ignore AR-ROUNDING）")
@click.option("--rule", "only", multiple=True, hidden=True, help="同 --select（旧写法）")
@click.option("-q", "--quiet", is_flag=True, help="只输出发现本身：不输出无问题的文件和末尾的汇总行")
@click.option("--statistics", is_flag=True, help="只输出每条规则的发现数（按数量排序）")
def check_command(inputs: tuple[str, ...], fmt: str, fail_on: str, select: tuple[str, ...],
                  ignore: tuple[str, ...], only: tuple[str, ...], quiet: bool, statistics: bool) -> None:
    """检查公开文件：表内运算、表间一致、说明与表格、绩效目标表、人员、完整性、科目编码。

    INPUTS 可以是 PDF、文本、Word、Excel、HTML，或 yusuan parse 输出的模型 JSON；- 表示标准输入。
    """
    from yusuan.check import RANK, check
    from yusuan.check.filters import keep
    from yusuan.check.output import Checked, render
    from yusuan.cli import expand_inputs, fail
    from yusuan.model import Disclosure

    inputs = expand_inputs(inputs)  # folders walked recursively (yusuan.cli.inputs)

    selected, ignored = _patterns(select + only), _patterns(ignore)
    bad = _bad_patterns(selected + ignored)
    if bad:
        fail(f"没有这些规则、类别或编号前缀：{'、'.join(bad)}（用 yusuan rules 查看全部）")
    done: list[Checked] = []
    failed: list[tuple[str, str]] = []
    for path in inputs:
        try:
            d, lines = _read(path)
        except IngestError as e:  # a batch goes on with the rest and lists what failed
            click.echo(f"yusuan: {e}", err=True)
            failed.append((path, str(e)))
            continue
        assert isinstance(d, Disclosure)
        findings = [f for f in check(d, lines) if keep(f.rule, f.category, selected, ignored)]
        done.append(Checked(path, findings, is_pdf=d.source.layout == "pdf"))
    click.echo(render(fmt, done, failed, quiet=quiet, statistics=statistics), nl=False)
    if failed and len(inputs) > 1:
        click.echo(f"yusuan: {len(failed)}/{len(inputs)} 个文件无法读取：{'、'.join(p for p, _ in failed)}", err=True)
    if failed:
        sys.exit(2)
    worst = max((RANK[f.severity] for c in done for f in c.findings), default=-1)
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
