"""The checker's own failures, reported as findings so that one faulty rule never hides the others."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.context import Context
from yusuan.check.registry import INTERNAL, Hit, rule


@rule(INTERNAL, "internal", "info",
      title="检查程序出错，该项检查未完成",
      note="这是检查程序自身的问题，与文件无关；其他检查照常进行，请连同文件报告给维护者。")
def rule_failed(ctx: Context) -> Iterator[Hit]:
    """A rule raised an error on this document and could not finish its check (a bug of the checker).

    The runner isolates every rule: what the rule found before failing is kept, the other rules run as usual, and
    this finding names the rule, the error and where it was raised. It says nothing about the document (hence
    info), only that one check is missing from the report; please report it with the file.

    Example: 规则 NV-PROJECT 运行出错，未能完成该项检查：KeyError: 'amount'（narrative.py:412）。
    """
    # raised by the runner (registry.run_rules), never by this function
    return iter(())
