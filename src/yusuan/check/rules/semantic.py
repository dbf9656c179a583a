"""Beyond the anchors: a reason sentence that contradicts its own figure (info only: reading prose is fallible)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.check.context import Context, fmt
from yusuan.check.figures import core
from yusuan.check.helpers import figures, st_loc
from yusuan.check.registry import Hit, rule
from yusuan.model import Statement

REASON = re.compile(r"(?:主要)?原因(?:是|为|：|:)")
# a direction counts only when said of money (资金减少, 预算较上年减少), not of people or work (退休人员增加1人)
MONEY = r"(?:资金|经费|预算|支出|拨款|补助|费用|保费)[^，,。；;人]{0,8}?"
FALL = re.compile(MONEY + r"(?:减少|下降|降低|压减|缩减|调减|减小)")
RISE = re.compile(MONEY + r"(?:增加|增长|提高|上升|调增|新增|增大)")
NONE = re.compile(r"未安排此项|未安排该项|没有安排此项|无此项支出|未安排.{0,8}预算")


def reason_after(ctx: Context, st: Statement) -> tuple[str, int | None]:
    """The reason sentence that follows a figure (`…，主要原因是…。`) and the line it starts on."""
    if not ctx.lines or st.line is None:
        return "", None
    flat, starts = "", []
    for n in range(max(1, st.line - 1), st.line + 5):
        starts.append((len(flat), n))
        flat += ctx.lines.get(n, "").replace(" ", "").strip()
    quote = (st.quote or "").replace(" ", "")
    at = flat.find(quote) if quote else -1
    if at < 0:
        return "", None
    rest = flat[at + len(quote):]
    end = re.search(r"[。；;]", rest)
    sentence = rest[: end.start() if end else 120]
    m = REASON.search(sentence)
    if not m or m.start() > 6:
        return "", None  # no reason, or the reason belongs to another figure
    pos = at + len(quote) + m.end()
    line = max((n for off, n in starts if off <= pos), default=st.line)
    return sentence[m.end():], line


@rule("NV-REASON", "narrative_internal", "info",
      title="原因说明与增减方向相矛盾",
      note="如数额增加而原因只说减少；这是程序读文字作出的判断，可能有误，仅作提示。")
def reason(ctx: Context) -> Iterator[Hit]:
    """原因说明与它所解释的数字相矛盾。

    数额增加了，原因里提到的方向却只有减少（或相反）；或者原因说该项“预算未安排此项支出”，而其金额大于零。程序读文字可能有误，所以只作提示。

    示例：“项目支出 1,802.65万元，比上年预算增加 1.65万元…主要原因是…资金减少，项目支出预算较上年减少” — 增加与“减少”矛盾。
    """
    figs = figures(ctx)
    for f in figs.items:
        st = f.growth or f.change
        if st is None or f.change is None:
            continue
        why, line = reason_after(ctx, st)
        if not why:
            continue
        z = f.change.value
        rise, fall = bool(RISE.search(why)), bool(FALL.search(why))
        subject = core(f.subject)[:30]
        if z > 0 and fall and not rise:
            yield Hit(f"第三部分{f.section}称“{subject}”比上年增加 {fmt(z)} 万元，所述原因却是减少（“{why[:40]}”）。",
                      [st_loc(ctx, f.change), ctx.loc_line(line)], actual=z)
        elif z < 0 and rise and not fall:
            yield Hit(f"第三部分{f.section}称“{subject}”比上年减少 {fmt(abs(z))} 万元，所述原因却是增加（“{why[:40]}”）。",
                      [st_loc(ctx, f.change), ctx.loc_line(line)], actual=z)
        none = NONE.search(why)
        if none:
            amt = next((g.amount for g in figs.block(f.block) if g.amount is not None and
                        core(g.subject) == core(f.subject)), None)
            if amt is not None and amt.value > 0:
                yield Hit(f"第三部分{f.section}称“{subject}”{fmt(amt.value)} 万元，其原因却说“{none.group(0)}”"
                          f"（“{why[:40]}”）。", [st_loc(ctx, f.change), st_loc(ctx, amt)], actual=amt.value)


# `<something> 减少` in a reason: the thing (at least 4 characters, no punctuation) and its direction
NAMED_CHANGE = re.compile(r"([\u4e00-\u9fff（）()]{4,30}?)(?:较上年(?:度)?|比上年(?:度)?)?(减少|下降|降低|压减|增加|增长|提高)")
# words every item name shares: left out before names are compared
GENERIC = re.compile(r"一般公共预算|基本支出|项目支出|本年度|本年|我部门|我单位|我局|预算|资金|经费|支出|补助|财政|较上年|上年|"
                     r"行政事业单位|20\d{2}年度?")
MIN_COMMON = 6


def _common(a: str, b: str) -> str:
    """The longest common substring of two names (short strings: plain dynamic programming)."""
    best, end = 0, 0
    prev = [0] * (len(b) + 1)
    for i, ca in enumerate(a, 1):
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, end = cur[j], i
        prev = cur
    return a[end - best:end]


@rule("NV-REASON-OTHER", "narrative_internal", "info",
      title="原因中提到的其他科目增减方向与该科目自身的数字相反",
      note="这是程序读文字作出的判断，可能有误，仅作提示。")
def reason_other(ctx: Context) -> Iterator[Hit]:
    """原因中提到另一科目的增减方向，与该科目自身数字所写的方向相反。

    像 `主要原因是…城乡居民基本医疗补助资金减少` 这样的原因会提到五(三)的某个科目（去掉各名称共有的词——预算、资金、补助、支出、财政等——后，与其项级名称至少有连续 6 个字相同即视为提到）；当五(三)写的该科目变化方向相反时（`财政对城乡居民基本医疗保险基金的补助 … 比上年预算增加 2.47 万元`），原因与文件本身矛盾。科目自己的原因不与自身比较。程序读文字可能有误，所以只作提示。

    示例：三 “项目支出 … 减少 4.21 万元，主要原因是本年我部门城乡居民基本医疗补助资金减少”，而五(三) “财政对城乡居民基本医疗保险基金的补助 … 比上年预算增加 2.47 万元”。
    """
    figs = figures(ctx)
    items = [(f, GENERIC.sub("", core(f.subject).split("/")[-1])) for f in figs.block("item_usage")
             if f.change is not None and f.change.value != 0]
    if not items:
        return
    for f in figs.items:
        st = f.growth or f.change
        if st is None or f.change is None:
            continue
        why, line = reason_after(ctx, st)
        for m in NAMED_CHANGE.finditer(why):
            phrase, word = GENERIC.sub("", m.group(1)), m.group(2)
            falls = word in ("减少", "下降", "降低", "压减")
            for g, name in items:
                if g is f or g.change is None or core(g.subject) == core(f.subject):
                    continue
                common = _common(phrase, name)
                if len(common) < MIN_COMMON or (g.change.value < 0) == falls:
                    continue
                z = g.change.value
                yield Hit(f"第三部分{f.section}称“{core(f.subject)[:30]}”变化的原因是“{m.group(0)}”，而{g.section}"
                          f"“{core(g.subject).split('/')[-1]}”比上年{'增加' if z > 0 else '减少'} {fmt(abs(z))} 万元，"
                          f"方向相反。", [st_loc(ctx, f.change), ctx.loc_line(line), st_loc(ctx, g.change)],
                          expected=None, actual=z)
                break


PER_HEAD = re.compile(r"人均[^。；，,]{0,12}?标准\s*(\d+(?:\.\d+)?)\s*元")
HEADS = re.compile(r"(?:不低于|不少于|达到|约|共)?\s*(\d+(?:\.\d+)?)\s*万人")


def project_texts(ctx: Context) -> list[tuple[dict[str, object], str, int]]:
    """Each section 七 project with its text (from its heading to the next project's) and first line."""
    projects = ctx.d.narrative.projects
    out = []
    for i, p in enumerate(projects):
        start = p.get("line")
        if not isinstance(start, int) or not ctx.lines:
            continue
        nxt = projects[i + 1].get("line") if i + 1 < len(projects) else None
        end = nxt if isinstance(nxt, int) else start + 30
        out.append((p, "".join(ctx.lines.get(n, "").strip() for n in range(start, end)).replace(" ", ""), start))
    return out


@rule("NV-PER-CAPITA", "narrative_internal", "info",
      title="人均标准乘以人数超过项目预算",
      note="项目说明中 人均标准 × 人数（元 × 万人 = 万元）不应超过预算安排规模。")
def per_capita(ctx: Context) -> Iterator[Hit]:
    """项目所写的人均标准乘以人数，超过了该项目的预算。

    第七段常写项目资金的用法（`人均资助标准 180 元；…参保人数不低于 9.54 万人`）：标准 × 人数（元 × 万人 = 万元）不应超过预算安排规模。

    示例：180 元 × 9.54 万人 = 1,717.20 万元，而预算安排规模 1,712.47 万元，少 4.73 万元。
    """
    from decimal import Decimal

    for p, text, start in project_texts(ctx):
        amount = p.get("amount")
        m, n = PER_HEAD.search(text), HEADS.search(text)
        if amount is None or m is None or n is None:
            continue
        budget = Decimal(str(amount))
        need = Decimal(m.group(1)) * Decimal(n.group(1))
        if need <= budget + Decimal("0.005"):
            continue
        lines = [x for x in (p.get("amount_line"), _line_of(ctx, start, m.group(0)), _line_of(ctx, start, n.group(0)))
                 if isinstance(x, int)]
        yield Hit(f"第三部分七项目“{p.get('name')}”称人均标准 {m.group(1)} 元、人数 {n.group(1)} 万人，需 {fmt(need)} 万元，"
                  f"而预算安排规模为 {fmt(budget)} 万元，少 {fmt(need - budget)}。",
                  [ctx.loc_line(x) for x in dict.fromkeys(lines)], expected=need, actual=budget)


def _line_of(ctx: Context, start: int, snippet: str) -> int | None:
    """The line where a snippet (found in the joined text) begins, approximately: its first 4 characters."""
    head = snippet[:4]
    for n in range(start, start + 40):
        if head in ctx.lines.get(n, "").replace(" ", ""):
            return n
    return None
