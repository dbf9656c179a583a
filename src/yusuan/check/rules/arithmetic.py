"""Arithmetic inside each table (DOMAIN.md, "Inside a table"): row identities from the template's tables, parents = sum of
children column by column, the income trees of tables 1 and 4, 收入总计 = 支出总计, and table 10's items."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.context import Context, Term, fmt
from yusuan.check.registry import Hit, rule
from yusuan.model import Row, Table
from yusuan.spec import parse_equation

CODED = ("coded", "named")
PERSONNEL_CLASSES = ("301", "303")


@rule("AR-ROUNDING", "arithmetic", "warning",
      title="合计与分项之和有几分钱的四舍五入尾差",
      note="各数只印到两位小数，合计与分项之和可能差几分钱；这类尾差单独列在此项，不与真正的计算错误混在一起。")
def rounding(ctx: Context) -> Iterator[Hit]:
    """合计与分项之和相差不超过各印出数的四舍五入误差（n 个数不超过 n × 0.005）。

    表中各数只印到 0.01，n 个印出数之和与印出的合计可能相差约 n × 0.005（至少 0.01：同一数额印在两张表里，可能来自两个分别四舍五入的和）。这类几分钱的尾差是公开文件真实存在的瑕疵（读者自己加总会得到另一个数），但不是实质错误，所以单列在本规则下，与发现它的规则（消息中注明）所报的真正错误分开，绝不默默放过。级别为警告，与答案标注一致；可用 `--fail-on error` 或 `--ignore AR-ROUNDING` 过滤。同一尾差在各列、各表重复出现时合为一项发现，列出全部位置。

    示例：表6 “301 工资福利支出” 印为 254.61，其下 10 个款之和为 254.59（相差 0.02，在 10 个数各自四舍五入的范围内）。
    """
    # the gaps are found by the arithmetic and cross-table rules, which hand them over (Hit.rule)
    return iter(())


def _eq_hit(ctx: Context, left: list[Term], right: list[Term], what: str, origin: str) -> Hit | None:
    out = ctx.judge(left, right)
    if out.holds:
        return None
    lhs = ctx.cell_name(left[0]) if len(left) == 1 else "、".join(ctx.cell_name(t) for t in left)
    msg = f"{lhs}印为 {fmt(out.left)}，{what}为 {fmt(out.right)}，相差 {fmt(out.gap)}。"
    return ctx.rounding_or(out, msg, ctx.locs([*left, *right]), origin)


def _touches(r: Row, cols: set[str]) -> bool:
    return any(c in cols for c in r.values) or any(set(a.candidates) & cols for a in r.ambiguous)


@rule("AR-ROW-IDENTITY", "arithmetic", "error",
      title="同一行的合计不等于各分项之和",
      note="逐行核对各列之间的关系，如 合计 = 基本支出 + 项目支出、合计 = 人员经费 + 公用经费。")
def row_identity(ctx: Context) -> Iterator[Hit]:
    """同一行不满足本表的行内等式（合计 = 基本支出 + 项目支出，合计 = 人员经费 + 公用经费，…）。

    等式取自 `yusuan.spec` 中各表的 `row_identities`（解析时判断列也用这些等式）：表2 总计 = 财政拨款小计 + 财政专户 + 单位资金 + 结转，财政拨款小计 = 各来源列之和；表3、表5 合计 = 基本支出 + 项目支出；表6 合计 = 人员经费 + 公用经费；表7 合计 = 各经济分类类级列之和；表8、表9 合计 = 人员经费 + 公用经费 + 项目支出；表4、表10 合计 = 一般公共预算 + 政府性基金 + 国有资本经营；表11 合计 = 财政拨款小计 + 非财政拨款小计。

    示例：表3 “210 卫生健康支出” 合计印为 2,011.10，基本支出 + 项目支出为 2,011.11。
    """
    for t in ctx.d.tables:
        spec = ctx.template.table(t.type)
        if spec is None or t.empty:
            continue
        for text in spec.row_identities:
            eq = parse_equation(text)
            cols = {eq.lhs, *eq.rhs}
            for r in t.rows:
                if eq.lhs not in r.values and not any(eq.lhs in a.candidates for a in r.ambiguous):
                    continue  # the row prints no figure in the identity's total column (e.g. income rows of 表4)
                if not _touches(r, cols):
                    continue
                left = [Term(t, r, eq.lhs)]
                right = [Term(t, r, c) for c in eq.rhs]
                labels = "+".join(ctx.col_label(t, c) for c in eq.rhs if c in r.values or Term(t, r, c).uncertain)
                hit = _eq_hit(ctx, left, right, f"{labels or '各列'}之和", "AR-ROW-IDENTITY")
                if hit:
                    yield hit


def parents(t: Table) -> dict[int, Row | None]:
    """id(row) → the printed row it sums into (by code prefix; a repeated code sums into its first row; a project
    row into the subtotal of its code when printed)."""
    first: dict[str, Row] = {}
    for r in t.rows:
        if r.code and not r.project and r.code not in first:
            first[r.code] = r
    out: dict[int, Row | None] = {}
    for r in t.rows:
        if not r.code:
            continue
        p: Row | None = None
        if first.get(r.code) is not None and first[r.code] is not r:
            p = first[r.code]  # a project under its subtotal, or a 项 row printed with its 款 code
        else:
            for k in (len(r.code) - 2, len(r.code) - 4):
                if k >= 3 and r.code[:k] in first:
                    p = first[r.code[:k]]
                    break
        out[id(r)] = p
    return out


def groups(t: Table) -> Iterator[tuple[Row, list[Row]]]:
    """(parent row, its child rows) for every printed parent: coded parents, departments, the 总计 row."""
    par = parents(t)
    kids: dict[int, list[Row]] = {}
    for r in t.rows:
        p = par.get(id(r))
        if p is not None:
            kids.setdefault(id(p), []).append(r)
    for r in t.rows:
        if id(r) in kids:
            yield r, kids[id(r)]
    top = [r for r in t.rows if r.kind not in ("total", "department") and par.get(id(r)) is None]
    depts = [i for i, r in enumerate(t.rows) if r.kind == "department"]
    # the table's 合计 (a closing item of kind total, such as 人员经费合计, is not the sum of the top rows)
    total = next((r for r in t.rows if r.kind == "total" and r.item in (None, "total")), None)
    if depts:
        for n, i in enumerate(depts):
            end = depts[n + 1] if n + 1 < len(depts) else len(t.rows)
            under = [r for r in t.rows[i + 1:end] if any(r is x for x in top)]
            if under:
                yield t.rows[i], under
        if total is not None:
            yield total, [t.rows[i] for i in depts]
    elif total is not None and top:
        yield total, top


@rule("AR-HIERARCHY", "arithmetic", "error",
      title="上级科目的数不等于其下级科目之和",
      note="逐列核对 类 = 各款之和、款 = 各项之和、总计 = 各类之和、单位 = 所列项目之和。")
def hierarchy(ctx: Context) -> Iterator[Hit]:
    """上级行不等于其下级行之和（类 = Σ款 = Σ项，总计 = Σ类，单位 = Σ项目），逐列核对。

    下级行按编码查找（款的编码以其类的编码开头，项的编码以其款的编码开头；项目行计入其编码的小计行，若有）；部门行为其下各行之和，总计行为顶层各行（或各部门行）之和。每个印出的列都核对。

    示例：表2 “21015 医疗保障管理事务” 总计印为 200.48，其下 3 行之和为 200.49。
    """
    for t in ctx.d.tables:
        spec = ctx.template.table(t.type)
        if spec is None or spec.layout not in CODED or t.empty:
            continue
        cols = t.column_keys()
        for parent, children in groups(t):
            for c in cols:
                if c not in parent.values and not any(c in ch.values for ch in children) and \
                        not Term(t, parent, c).uncertain and not any(Term(t, ch, c).uncertain for ch in children):
                    continue
                left = [Term(t, parent, c)]
                right = [Term(t, ch, c) for ch in children]
                hit = _eq_hit(ctx, left, right, f"其下 {len(children)} 行之和", "AR-HIERARCHY")
                if hit:
                    yield hit


def _item_rows(t: Table) -> dict[str, Row]:
    out: dict[str, Row] = {}
    for r in t.rows:
        if r.item and r.item not in out:
            out[r.item] = r
    return out


def _tree_hits(ctx: Context, t: Table, tree: dict[str, tuple[str, ...]], cols: list[str],
               origin: str) -> Iterator[Hit]:
    items = _item_rows(t)
    for parent, kids in tree.items():
        p = items.get(parent)
        ks = [items[k] for k in kids if k in items]
        if p is None or not ks:
            continue
        for c in cols:
            left = [Term(t, p, c)]
            right = [Term(t, k, c) for k in ks]
            hit = _eq_hit(ctx, left, right, f"其下 {len(ks)} 项之和", origin)
            if hit:
                yield hit


@rule("AR-INCOME-TREE", "arithmetic", "error",
      title="收支总表的收入项目不等于其组成部分之和",
      note="如 一般公共预算拨款 = 一般财力 + 上级转移支付，收入总计 = 本年收入 + 上年结转结余。")
def income_tree(ctx: Context) -> Iterator[Hit]:
    """收支总表（预算的表1、表4，决算的收入支出决算总表、财政拨款收入支出决算总表）的收入项目不等于其组成部分之和。

    预算：本年收入 = 一般公共预算拨款 + 政府性基金 + 国有资本经营 + 财政专户 + 单位资金；收入总计 = 本年收入 + 上年结转结余；依此逐级向下。决算：本年收入合计 = 八项收入之和；总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余；年初财政拨款结转和结余 = 其三项之和。各级关系见模板中各收支总表的 `item_tree`。

    示例：表1 “一般公共预算拨款” 印为 470.62，一般财力 424.53 + 上级一般公共预算安排转移支付 45.09 = 469.62。
    """
    for spec in ctx.template.tables:
        t = ctx.table(spec.key)
        if spec.layout == "sided" and t is not None and not t.empty:
            yield from _tree_hits(ctx, t, spec.item_tree, ["amount"], "AR-INCOME-TREE")


@rule("AR-BALANCE", "arithmetic", "error",
      title="收支总表收支不平衡",
      note="收入总计应等于支出总计，支出合计应等于各类支出之和。")
def balance(ctx: Context) -> Iterator[Hit]:
    """收支总表收支不平衡：收入总计 ≠ 支出总计，或支出合计 ≠ 各类级支出之和。

    收支总表是模板中左收右支的表（预算的表1、表4，决算的收入支出决算总表、财政拨款收入支出决算总表）。各类级支出之和与“本年支出合计”比较（决算的支出总计还含结余分配和年末结转和结余，见表间等式），没有这一行的与支出总计比较。

    示例：表1 收入总计 2,071.19，支出总计 2,072.19。
    """
    for spec in ctx.template.tables:
        t = ctx.table(spec.key)
        if spec.layout != "sided" or t is None or t.empty:
            continue
        items = _item_rows(t)
        inc, exp = items.get("income_total"), items.get("expenditure_total")
        exp_col = "amount" if exp is not None and "amount" in exp.values else "total"
        if inc is not None and exp is not None:
            hit = _eq_hit(ctx, [Term(t, inc, "amount")], [Term(t, exp, exp_col)], "支出总计", "AR-BALANCE")
            if hit:
                yield hit
        # the class rows sum to 本年支出合计 where the table prints one, else to the expenditure 总计
        spent = items.get("current_expenditure", exp)
        classes = [r for r in t.rows if r.kind == "expenditure" and (r.code or not r.item)]
        if spent is None or not classes:
            continue
        right = [c.key for c in spec.right]
        cols = right if len(right) == 1 else [c for c in right if c in t.column_keys() and c != "amount"]
        for c in cols:
            hit = _eq_hit(ctx, [Term(t, spent, c)], [Term(t, r, c) for r in classes],
                          f"{len([r for r in classes if c in r.values])} 个类级支出之和", "AR-BALANCE")
            if hit:
                yield hit


@rule("AR-THREE-PUBLIC", "arithmetic", "error",
      title="“三公”经费表合计不等于各项之和",
      note="合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费，公务用车购置及运行费 = 购置费 + 运行费。")
def three_public(ctx: Context) -> Iterator[Hit]:
    """“三公”经费表（预算的表10，决算的财政拨款“三公”经费支出决算表）各项相加不符：合计 = 出国 + 接待 + 公务用车，公务用车 = 购置费 + 运行费。

    合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费，公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费，逐列核对（决算的预算数、决算数两列各自核对）。

    示例：表10 合计印为 1.02，因公出国（境）费 0.00 + 公务接待费 0.10 + 公务用车购置及运行费 0.93 = 1.03。
    """
    for spec in ctx.template.tables:
        t = ctx.table(spec.key)
        if spec.layout == "items" and t is not None and not t.empty:
            yield from _tree_hits(ctx, t, spec.item_tree, t.column_keys(), "AR-THREE-PUBLIC")


@rule("AR-T6-PUBLIC", "arithmetic", "error",
      title="表6 公用经费不等于各公用类经济科目之和",
      note="公用经费应等于 302 商品和服务支出、310 资本性支出等非人员类科目之和。")
def t6_public(ctx: Context) -> Iterator[Hit]:
    """表6 公用经费不等于其非人员类经济科目之和（302 商品和服务支出 + 310 资本性支出 + 其他）。

    人员经费 = 301 + 303 是表间等式 XT-T6-PERSONNEL；本规则是公用经费一侧的对应核对。

    示例：表6 总计公用经费印为 31.61，302 商品和服务支出 29.43 + 310 资本性支出 1.18 = 30.61。
    """
    t = ctx.table("general_budget_basic")
    if t is None or t.empty:
        return
    total = next((r for r in t.rows if r.kind == "total"), None)
    classes = [r for r in t.rows if r.code and len(r.code) == 3 and r.code not in PERSONNEL_CLASSES]
    if total is None or not classes or "public" not in total.values:
        return
    hit = _eq_hit(ctx, [Term(t, total, "public")], [Term(t, r, "total") for r in classes],
                  "非人员经费各类（" + "、".join(r.code or "" for r in classes) + "）合计之和", "AR-T6-PUBLIC")
    if hit:
        yield hit


def total_of(terms: list[Term]) -> Decimal:
    return sum((t.value() for t in terms), Decimal(0))
