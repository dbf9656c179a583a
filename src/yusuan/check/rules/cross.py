"""Agreement across tables: one registry entry per cross identity of the template families (the identities the
parser also uses to decide columns), generated here so that adding an identity to a family adds its rule; a rule
judges a document only where its own template holds that identity."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from yusuan.check.context import Context, Term, fmt
from yusuan.check.registry import Hit, register
from yusuan.spec import FAMILIES, CrossIdentity

# the 三公 table includes 三公 spending paid from project funds, the basic-expenditure table only the basic part:
# 三公 ≥ basic is expected, only 三公 < basic is a contradiction (预算 表10 vs 表6; 决算 likewise)
AT_LEAST = {"XT-T10-T6-RECEPTION", "XT-T10-T6-VEHICLE", "XF-P-B-RECEPTION", "XF-P-B-VEHICLE"}
TABLE_OF = re.compile(r"^(\w+)\[")
REF_PARTS = re.compile(r"^(\w+)\[(\w+)\]\.(\w+)$")


def _bindings(ctx: Context, ident: CrossIdentity) -> list[str | None]:
    if ident.over is None:
        return [None]
    codes: set[str] = set()
    for ref in (*ident.left, *ident.right):
        m = TABLE_OF.match(ref)
        t = ctx.table(m.group(1)) if m else None
        for r in t.rows if t else []:
            if r.code and (ident.over == "code" or len(r.code) == 3):
                codes.add(r.code)
    out: list[str | None] = [*sorted(codes)]
    return out


def _incomplete_under(ctx: Context, table: str, code: str) -> bool:
    """The table prints a 项 row with only its 款 code under this code's 款 (reported by CL-CODE-LEVEL): a 项 code
    missing there is a consequence, not a disagreement."""
    t = ctx.table(table)
    if t is None or len(code) != 7:
        return False
    return any(r.code == code[:5] and r.kind == "item" for r in t.rows)


def printed_sides(ctx: Context, ident: CrossIdentity) -> tuple[list[Term], list[Term]] | None:
    """The first binding of `ident` whose two sides both print a figure: its terms (None: the identity has nothing
    to compare in this document). Tests use it to find where an identity can be broken or must hold."""
    for code in _bindings(ctx, ident):
        left, right = _side(ctx, ident.left, code), _side(ctx, ident.right, code)
        if left and right and any(t.value() for t in left) and any(t.value() for t in right):
            return left, right
    return None


def _side(ctx: Context, refs: tuple[str, ...], code: str | None) -> list[Term] | None:
    """The terms of one side; None when there is nothing to compare: a table missing or printed without figures,
    or no row of the side printed (a total or item row a document leaves out). Where some rows of a sum are
    printed, a row left out is a 0 (the 决算 overview leaves out the income items it has none of)."""
    out: list[Term] = []
    absent = 0
    for ref in refs:
        ref = ref.replace("{code}", code or "")
        terms = ctx.resolve(ref)
        if terms is None:
            return None
        if terms == [] and ctx.blank(ref):
            return None  # a table printed without any figure: CP-EMPTY-STATEMENT, not a disagreement
        m = re.match(r"^(\w+)\[(\w+)\]", ref)
        assert m
        table, sel = m.groups()
        t = ctx.table(table)
        if not terms and t is not None and not t.empty:
            if not sel.isdigit():
                absent += 1  # a total or item row the document does not print
                continue
            if _incomplete_under(ctx, table, sel):
                return None
        out += terms
    if absent and (absent == len(refs) or not out):
        return None  # none of the side's rows printed: nothing to compare
    return out


def _names(ctx: Context, terms: list[Term], refs: tuple[str, ...], code: str | None) -> str:
    if terms:
        names = [ctx.cell_name(t) for t in terms[:3]]
        more = f"等 {len(terms)} 项之和" if len(terms) > 3 else ("之和" if len(terms) > 1 else "")
        return "＋".join(names) + more
    m = REF_PARTS.match(refs[0].replace("{code}", code or ""))
    if not m:
        return f"{refs[0]}（未列出，视为 0）"
    table, sel, col = m.groups()
    t = ctx.table(table)
    name = ctx.tname(t) if t is not None else ctx.template.title_of(table)
    label = ctx.col_label(t, col) if t is not None else col
    return f"{name}“{sel}”{label}（未列出，视为 0）"


def make_rule(ident: CrossIdentity) -> Callable[[Context], Iterator[Hit]]:
    def check(ctx: Context) -> Iterator[Hit]:
        if not any(i.id == ident.id for i in ctx.template.cross):
            return  # the document's family does not hold this identity
        for code in _bindings(ctx, ident):
            left = _side(ctx, ident.left, code)
            right = _side(ctx, ident.right, code)
            if left is None or right is None or (not left and not right):
                continue
            out = ctx.judge(left, right)
            if out.holds:
                continue
            where = f"（科目 {code}）" if code else ""
            lu, ru, gu = (f" {u}" for u in out.units) if out.units else ("", "", "")
            msg = (f"{title(ident)}{where}：{_names(ctx, left, ident.left, code)}为 {fmt(out.left)}{lu}，"
                   f"{_names(ctx, right, ident.right, code)}为 {fmt(out.right)}{ru}，相差 {fmt(out.gap)}{gu}。")
            hit = ctx.rounding_or(out, msg, ctx.locs([*left, *right]), ident.id)
            if ident.id in AT_LEAST and out.left > out.right and hit.rule is None:
                hit.rule = ABOVE
                hit.message = msg.rstrip("。") + f"；{ctx.tname(left[0].table)}可能含项目支出安排的部分，请核实。"
            yield hit

    return check


def title(ident: CrossIdentity) -> str:
    """The rule's Chinese title: the identity's description negated, as a reader names the problem
    (`表1 收入总计与表2 总计一致` → `表1 收入总计与表2 总计不一致`, `…等于…` → `…不等于…`)."""
    d = ident.description
    if d.endswith("一致"):
        return d[:-2] + "不一致"
    if "等于" in d:
        return d.replace("等于", "不等于", 1)
    return f"{d}不成立"


def _note(ident: CrossIdentity) -> str:
    """One Chinese sentence: what is compared, how, and where a cent gap goes."""
    over = {"class": "按每个类级科目逐一核对", "code": "按每个科目编码逐一核对"}.get(ident.over or "", "")
    parts = [f"按模板，{ident.description.replace('一致', '应一致').replace('等于', '应等于', 1)}"]
    parts += [over] if over else []
    parts.append("某表未印出的行按 0 计，相差在各印出数四舍五入范围内的尾差改报 AR-ROUNDING")
    if ident.id in AT_LEAST:
        parts.append("表10 可能含项目支出安排的部分，表10 大于表6 改报 XT-T10-ABOVE-T6（提示）")
    return "；".join(parts) + "。" if parts else ""


def _doc(ident: CrossIdentity) -> str:
    """The rule's documentation, in Chinese, from the identity of its template family."""
    over = {"class": "（按每个类级科目逐一核对）", "code": "（按每个科目编码逐一核对）"}.get(ident.over or "", "")
    above = ("表10 也计入项目支出安排的“三公”经费，所以表10 大于表6 时改报 XT-T10-ABOVE-T6（提示）。"
             if ident.id in AT_LEAST else "")
    return (f"{title(ident)}：`{' + '.join(ident.left)} = {' + '.join(ident.right)}` 不成立{over}。\n\n"
            f"表间等式取自模板的表间等式（{ident.description}）。表7 中没有小计行的编码取其各项目行之和；某表没有印出的行按 "
            "0 计；文件中没有的表留给完整性规则。相差在四舍五入范围内（n 个相加的数不超过 n × 0.005）的尾差改报 AR-ROUNDING。"
            + above + f"\n\n示例：{title(ident)}：左边为 100.00，右边为 99.00，相差 1.00。")


# every family's identities, each id once (a province's variant shares the 预算's identities)
for _ident in {i.id: i for t in FAMILIES.values() for i in t.cross}.values():
    register(_ident.id, "cross_table", _ident.severity, make_rule(_ident), _doc(_ident), title=title(_ident),
             note=_note(_ident))


ABOVE = "XT-T10-ABOVE-T6"


def _above(ctx: Context) -> Iterator[Hit]:
    return iter(())  # XT-T10-T6-RECEPTION and XT-T10-T6-VEHICLE hand these over (Hit.rule)


register(ABOVE, "cross_table", "info", _above,
         """表10 的公务接待费或公务用车运行费大于表6 的 30217 或 30231（由 XT-T10-T6 两条规则发现）。

         表10 也计入项目支出安排的“三公”经费，表6 只含基本支出部分，所以表10 大于表6 可能属实；请读者核实。

         示例：表10 公务接待费与表6 公务接待费（30217）不一致：表10 为 5.00，表6 为 3.00，相差 2.00；表10 可能含项目支出安排的部分，请核实。""",
         title="表10 三公经费大于表6 对应科目",
         note="表10 含项目支出安排的“三公”经费，表6 只含基本支出部分，表10 较大可能属实，请核实。")
