"""The 部门决算 as a list of blocks (the national nine-table template, FINAL.md): cover, 第一部分 概况 (主要职能 and
the 决算单位构成 list), 第二部分 the nine tables under one heading and titled without `表 N`, 第三部分 情况说明
(`final_prose`), 第四部分 名词解释, the publisher and date.

The tables print as the template does: the two overviews with all their 类 rows and closing items side by side,
the coded tables with codes in one column, the basic-expenditure table in two halves (人员经费 left, 公用经费
right) over one closing line, the 三公 table as one row of twelve columns (预算数/决算数 × six items, zeros
printed), an empty table as its header and the `注：…故本表无数据。` beneath it. A `FinalLook` prints a province's
form instead (codes in 类/款/项 columns, 结转结余 without 和, 其他重要事项 as 第四部分 and 名词解释 as 第五部分).
"""

from __future__ import annotations

from yusuan.model import Disclosure, Row, Table
from yusuan.spec import TableSpec, template_of
from yusuan.write import final_layout as L
from yusuan.write import final_words as W
from yusuan.write.document import Block, Cell, Document, Grid, GridRow, Para, cn_number, org_of, sign_off, value_of
from yusuan.write.final_extras import FinalExtras
from yusuan.write.final_prose import final_narrative


def build_final(d: Disclosure, prior: Disclosure | None = None, extras: FinalExtras | None = None,
                budget: Disclosure | None = None, look: L.FinalLook | None = None) -> Document:
    """The document of a 决算 model; `prior` (last year's 决算) gives the 与上年相比 changes, `budget` (the 预算 of
    the same year) the 年初预算数 the prose compares with, `extras` the figures no table holds, `look` how the
    province prints it (the 样张's form by default)."""
    look = look or L.FinalLook()
    template = template_of(d)
    kind = d.kind or template.kinds[0]
    doc = Document(year=d.year or 0, kind=kind, org=org_of(kind), department=d.department or "",
                   unit=d.unit or template.unit)
    ctx: dict[str, object] = {"year": doc.year, "prev": doc.year - 1, "kind": kind, "org": doc.org,
                              "dept": doc.department}
    doc.blocks.append(Para(doc.department, "cover-sub", page_break=True))
    doc.blocks.append(Para(W.COVER.format(**ctx), "cover"))
    doc.blocks += _profile(d, ctx)
    doc.blocks.append(Para(W.PARTS["tables"].format(**ctx), "part", page_break=True))
    doc.blocks += [final_grid(d, spec, ctx, look) for spec in template.tables]
    doc.blocks.append(Para(W.PARTS["narrative"].format(**ctx), "part", page_break=True))
    narrative = final_narrative(d, prior, budget, extras, ctx)
    parted = look.other_matters_part and _other_matters_as_part(narrative)
    doc.blocks += narrative
    doc.blocks.append(Para(W.GLOSSARY_FIFTH if parted else W.PARTS["glossary"].format(**ctx), "part",
                           page_break=True))
    sign_off(doc, W.GLOSSARY, d.published, W.DATE)
    return doc


def _other_matters_as_part(blocks: list[Block]) -> bool:
    """Section 十一 printed as 第四部分 of its own, its subsections as that part's sections (in place); False where
    the prose has no such section (a parsed document restating its own words)."""
    at = next((i for i, b in enumerate(blocks) if isinstance(b, Para) and b.text == W.SECTIONS["十一"]), None)
    if at is None:
        return False
    old = blocks[at]
    assert isinstance(old, Para)
    blocks[at] = Para(W.OTHER_MATTERS_PART, "part", section=old.section, block=old.block, page_break=True,
                      generated=old.generated)
    heads = dict(zip(W.SUBSECTIONS["十一"], W.OTHER_MATTERS_SECTIONS, strict=True))
    for b in blocks[at + 1:]:
        if isinstance(b, Para) and b.style == "subsection" and b.text in heads:
            b.text, b.style = heads[b.text], "section"
    return True


# ---- 第一部分 -----------------------------------------------------------------------------------------------

def _profile(d: Disclosure, ctx: dict[str, object]) -> list[Block]:
    p = d.profile
    out: list[Block] = [Para(W.PARTS["profile"].format(**ctx), "part", page_break=True),
                        Para(W.PROFILE["functions"], "section")]
    out += [Para(f"（{cn_number(i)}）{text}") for i, text in enumerate(p.functions, start=1)]
    if not p.units:
        return out + [Para(W.PROFILE["organization"], "section"), Para(W.PROFILE["organization_text"].format(**ctx))]
    out += [Para(W.PROFILE["units"].format(**ctx), "section"), Para(W.PROFILE["units_intro"].format(**ctx)),
            Para(W.PROFILE["units_lead"].format(**ctx)), Para(W.PROFILE["units_head"], "row")]
    out += [Para(" ".join(x for x in (str(i), u.name, u.remark or "") if x), "row")
            for i, u in enumerate(p.units, start=1)]
    return out


# ---- 第二部分 -----------------------------------------------------------------------------------------------

def final_grid(d: Disclosure, spec: TableSpec, ctx: dict[str, object], look: L.FinalLook | None = None) -> Grid:
    look = look or L.FinalLook()
    t = d.table(spec.key)
    g = Grid(key=spec.key, number=spec.number, title=spec.title.format(**ctx), publisher="",
             unit=W.UNIT_LINE.format(unit=(t.unit if t is not None and t.unit else d.unit) or spec.unit), head=[], numbering=[], rows=[], n_labels=0,
             code_cells=0, numbered=False)
    empty = t is None or t.empty or not t.rows
    if spec.key in ("final_overview", "final_fiscal_overview"):
        _overview(g, t, spec, look)
    elif spec.key == "final_general_basic":
        _halves(g, t, spec, empty)
    elif spec.key == "final_three_public":
        _three_public(g, t, spec, empty)
    else:
        _coded(g, t, spec, empty, look)
    if empty:
        g.empty_statement = _empty_statement(t, spec, ctx)
    return g


def _empty_statement(t: Table | None, spec: TableSpec, ctx: dict[str, object]) -> str:
    if t is not None and t.empty_statement:
        return t.empty_statement
    return W.EMPTY_DEFAULT.format(title=spec.title, **ctx)


def _rows(t: Table | None) -> list[Row]:
    return t.rows if t is not None else []


def _by_item(t: Table | None, kind: str) -> dict[str, Row]:
    return {r.item: r for r in _rows(t) if r.item and (r.kind == kind or r.kind == "total")}


def _overview(g: Grid, t: Table | None, spec: TableSpec, look: L.FinalLook) -> None:
    """Income items left, every printed 类 right, then the closing items side by side and the two 总计."""
    fiscal = spec.key == "final_fiscal_overview"
    right = [c.key for c in spec.right] if fiscal else ["amount"]
    g.head = [["收入", "", "支出"] + [""] * len(right),
              ["项目", spec.left[0].label, "项目"] + [c.label for c in spec.right if c.key in right]]
    g.head[0] = g.head[0][:len(g.head[1])]
    g.sided, g.n_labels = True, 1
    labels = spec.item_labels
    if look.closing_without_he:  # 年初结转结余 / 年末财政拨款结转结余: the same rows (FINAL.md)
        labels = {k: v.replace("结转和结余", "结转结余") for k, v in labels.items()}
    income, spend = _by_item(t, "income"), _by_item(t, "expenditure")
    classes = {r.code: r for r in _rows(t) if r.kind == "expenditure" and r.code}
    printed = list(L.OVERVIEW_CLASSES) + [(c, r.name or c) for c, r in sorted(classes.items())
                                          if c not in dict(L.OVERVIEW_CLASSES)]
    left = [(labels[k], income.get(k)) for k in (L.FISCAL_INCOME_ORDER if fiscal else L.OVERVIEW_INCOME_ORDER)]
    rightside = [(f"{cn_number(i)}、{name}", classes.get(code)) for i, (code, name) in enumerate(printed, start=1)]
    closing_left = L.FISCAL_CLOSING_LEFT if fiscal else L.OVERVIEW_CLOSING_LEFT
    closing_right = L.FISCAL_CLOSING_RIGHT if fiscal else L.OVERVIEW_CLOSING_RIGHT
    for i in range(max(len(left), len(rightside))):
        g.rows.append(_sided_row(left[i] if i < len(left) else None,
                                 rightside[i] if i < len(rightside) else None, right))
    for i in range(max(len(closing_left), len(closing_right))):
        lk = closing_left[i] if i < len(closing_left) else None
        rk = closing_right[i] if i < len(closing_right) else None
        g.rows.append(_sided_row((labels[lk], income.get(lk)) if lk else None,
                                 (labels[rk], spend.get(rk)) if rk else None, right))
    total = _sided_row((labels["income_total"], income.get("income_total")),
                       (labels["expenditure_total"], spend.get("expenditure_total")), right)
    g.rows.append(GridRow(total.cells, "total"))


def _sided_row(left: tuple[str, Row | None] | None, right: tuple[str, Row | None] | None,
               keys: list[str]) -> GridRow:
    cells: list[Cell] = ["", None]
    if left is not None:
        cells = [left[0], value_of(left[1], "amount") if left[1] is not None else None]
    if right is not None:
        cells += [right[0]] + [value_of(right[1], k) if right[1] is not None else None for k in keys]
    else:
        cells += [""] + [None] * len(keys)
    return GridRow(cells, "sided")


def _coded(g: Grid, t: Table | None, spec: TableSpec, empty: bool, look: L.FinalLook) -> None:
    keys = [c.key for c in spec.columns]  # the national template's columns, all printed
    labels = {c.key: c.label for c in spec.columns}
    groups = L.FUND_GROUP if spec.key in ("final_fund", "final_soe") else {}
    short = L.FUND_SHORT if groups else {}
    top: list[str] = ["项目", ""]
    seen: set[str] = set()
    for k in keys:
        group = groups.get(k)
        top.append(labels[k] if group is None else ("" if group in seen else group))
        if group:
            seen.add(group)
    sub = list(L.CODE_HEAD) + [short.get(k, labels[k]) if k in groups else "" for k in keys]
    g.head, g.n_labels, g.code_cells = [top, sub], 2, 1
    if look.split_codes:  # 类 款 项 in three columns under one 科目编码 heading
        g.head = [list(L.SPLIT_CODE_HEAD[0]) + top[2:], list(L.SPLIT_CODE_HEAD[1]) + sub[2:]]
        g.n_labels, g.code_cells = 4, 3
    if empty:
        return
    rows = [r for r in _rows(t) if r.kind != "total"]
    totals = [r for r in _rows(t) if r.kind == "total"]
    body = [_coded_row(r, keys, g.code_cells) for r in rows]
    blank: list[Cell] = [""] * g.code_cells
    total = [GridRow(blank + ["合计"] + [value_of(r, k) for k in keys], "total") for r in totals]
    g.rows = body + total if spec.key in L.TOTAL_LAST else total + body


def _coded_row(r: Row, keys: list[str], code_cells: int) -> GridRow:
    code = r.code or ""
    codes: list[Cell] = [code[:3], code[3:5], code[5:7]] if code_cells == 3 else [code]
    return GridRow(codes + [r.name or ""] + [value_of(r, k) for k in keys], r.kind)


def _halves(g: Grid, t: Table | None, spec: TableSpec, empty: bool) -> None:
    """人员经费 (301, 303) left, 公用经费 (302, 310, …) right, line by line, then 人员经费合计 | 公用经费合计."""
    g.head = [list(L.ECON_HEAD) * 2]
    g.sided, g.n_labels, g.label_columns = True, 2, (1, 4)
    if empty:
        return
    from yusuan.spec.codes import reference

    names = {**reference()["economic"], **L.ECON_NAMES}
    rows = {r.code: r for r in _rows(t) if r.code}
    left_codes = list(L.BASIC_LEFT) + [c for c in sorted(rows) if c[:3] in L.BASIC_PERSONNEL_CLASSES
                                       and c not in L.BASIC_LEFT]
    right_codes = list(L.BASIC_RIGHT) + [c for c in sorted(rows) if c[:3] not in L.BASIC_PERSONNEL_CLASSES
                                         and c not in L.BASIC_RIGHT]

    def half(codes: list[str], i: int) -> list[Cell]:
        if i >= len(codes):
            return ["", "", None]
        r = rows.get(codes[i])
        name = r.name if r is not None and r.name else str(names.get(codes[i], codes[i]))
        return [codes[i], name, value_of(r, "amount") if r is not None else None]

    for i in range(max(len(left_codes), len(right_codes))):
        g.rows.append(GridRow(half(left_codes, i) + half(right_codes, i), "sided"))
    closing = _by_item(t, "total")
    cells: list[Cell] = []
    for item in ("personnel_total", "public_total"):
        r = closing.get(item)
        cells += [_closing_label(spec, item), "", value_of(r, "amount") if r is not None else None]
    g.rows.append(GridRow(cells, "total"))


def _closing_label(spec: TableSpec, item: str) -> str:
    return next(label for label, key in spec.items.items() if key == item)


def _three_public(g: Grid, t: Table | None, spec: TableSpec, empty: bool) -> None:
    """One row of twelve columns: 预算数 and 决算数 of each item, the vehicle items under their group."""
    labels = spec.item_labels
    top: list[str] = []
    sub: list[str] = []
    for item in L.THREE_PUBLIC_ORDER:
        grouped = item in L.THREE_PUBLIC_GROUPED
        if not grouped:
            top += [labels[item], ""]
            sub += ["", ""]
        else:
            top += [L.THREE_PUBLIC_GROUP if item == L.THREE_PUBLIC_GROUPED[0] else "", ""]
            sub += [L.THREE_PUBLIC_SHORT.get(item, labels[item]), ""]
    g.head = [top, sub, [c.label for c in spec.columns] * len(L.THREE_PUBLIC_ORDER)]
    if empty:
        return
    items = {r.item: r for r in _rows(t) if r.item}
    cells: list[Cell] = []
    for item in L.THREE_PUBLIC_ORDER:
        r = items.get(item)
        # a figure the model holds is printed (0.00 included); one it lacks stays blank, as the source printed it
        cells += [value_of(r, c.key) if r is not None else None for c in spec.columns]
    g.rows.append(GridRow(cells, "items"))
