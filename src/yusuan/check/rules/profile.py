"""第一部分 概况: staffing adds up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.context import Context
from yusuan.check.registry import Hit, Location, rule


def _loc(ctx: Context) -> list[Location]:
    s = ctx.d.profile.staffing.source
    lines = range(s.lines[0], s.lines[1] + 1) if s.lines else [s.line]
    return [Location(n, s.page, None, "人员编制", None, ctx.quote(n)) for n in lines if n is not None]


@rule("PR-STAFF-SUM", "staffing", "warning",
      title="在职、退休、离休人数之和不等于实有人数",
      note="实有人数应等于在职、退休、离休人数之和。")
def staff_sum(ctx: Context) -> Iterator[Hit]:
    """在职 + 退休 + 离休 不等于实有人数。

    本模板的实有人数包括退休人员（`实有人数 21人，其中：在职 19人…退休 2人…离休 0人`）。

    示例：“实有人数 21人，其中：在职 19人 … 退休 3人 … 离休 0人” — 19 + 3 + 0 = 22。
    """
    s = ctx.d.profile.staffing
    if s.actual is None or s.active is None or s.retired is None:
        return
    total = s.active + s.retired + (s.retired_early or 0)
    if total == s.actual:
        return
    yield Hit(f"实有人数为 {s.actual} 人，而在职 {s.active} + 退休 {s.retired} + 离休 {s.retired_early or 0} = {total} 人，"
              f"相差 {s.actual - total}。", _loc(ctx), expected=Decimal(total), actual=Decimal(s.actual))


@rule("PR-OVER-AUTHORIZED", "staffing", "info",
      title="实有人数超过编制数",
      note="不一定是问题（实有人数可能含退休人员或其他经费负担的人员），值得核实。")
def over_authorized(ctx: Context) -> Iterator[Hit]:
    """实有人数多于编制数。

    不一定是问题（实有人数可能含退休人员或其他经费渠道的人员），但值得一看。

    示例：“编制数 15，实有人数 18人” — 实有人数比编制数多 3 人。
    """
    s = ctx.d.profile.staffing
    if s.actual is None or s.authorized is None or s.actual <= s.authorized:
        return
    yield Hit(f"实有人数 {s.actual} 人多于编制数 {s.authorized} 人（多 {s.actual - s.authorized} 人）。", _loc(ctx),
              expected=Decimal(s.authorized), actual=Decimal(s.actual))
