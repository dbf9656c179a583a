"""The checker's own failures, reported as findings so that one faulty rule never hides the others."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.context import Context
from yusuan.check.registry import INTERNAL, Hit, rule


@rule(INTERNAL, "internal", "info",
      title="检查程序出错，该项检查未完成",
      note="这是检查程序自身的问题，与文件无关；其他检查照常进行，请连同文件报告给维护者。")
def rule_failed(ctx: Context) -> Iterator[Hit]:
    """某条规则在这份文件上运行出错，未能完成检查（这是检查程序的问题）。

    运行器隔离每条规则：该规则出错前找到的发现照常保留，其他规则照常运行，本发现写明出错的规则、错误和出错位置。它不说明文件有什么问题（所以是提示），只说明报告中少了一项检查；请连同文件报告给维护者。

    示例：规则 NV-PROJECT 运行出错，未能完成该项检查：KeyError: 'amount'（narrative.py:412）。
    """
    # raised by the runner (registry.run_rules), never by this function
    return iter(())
