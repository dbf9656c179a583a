"""Find the standard tables in the lines of 第二部分 and read their rows.

Rows come out as `RawRow`s: a code, a name (joined across wraps), the printed numbers in order (space layout) or
the value cells aligned with the columns (tab, xlsx, pdf). Which column a space-layout number belongs to is decided
later, for the whole document at once, by `solve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Literal

from yusuan.ingest import Line
from yusuan.model import RowKind
from yusuan.model.kinds import CODE_LEVELS
from yusuan.parse.text import (
    AMOUNT_RE,
    CJK,
    CODE_GLUED,
    CODE_START,
    flat,
    is_amount,
    is_cell_number,
    is_total_label,
    label_key,
    split_trailing_amounts,
    to_decimal,
    total_name,
)
from yusuan.spec import ColumnSpec, TableSpec, Template

TABLE_NO = re.compile(r"^表\s*([0-9一二三四五六七八九十]+)$")
UNIT_LINE = re.compile(r"^(编制(部门|单位)|单位[:：]|金额单位)")
EMPTY_MARK = "为空表"
# the unit a table prints for itself: `单位：元`, `金额单位：万元`, at the end of `编制部门：… 单位：万元`
TABLE_UNIT = re.compile(r"(?:^|[\s:：])(?:金额)?单位[:：]\s*(亿元|万元|元)(?![\w])")
UNIT_SCAN = 6  # lines from the title where a table's unit line is printed (title, 表 N, 编制部门, the unit)
# the column-numbering line under a header: `※ ※ ※ 1 2 3 …` or `1 2 3 …`
HEADER_WORDS = re.compile(r"^(?:※\s*)+[\d\s※]*$|^1(?:\s+\d{1,2})+$")


@dataclass
class RawRow:
    kind: RowKind | Literal["", "wide"]  # "" until the row is classified (rows still "" are dropped); "wide": the
    # 三公 table's one row of twelve columns, turned into item rows
    code: str | None = None
    name: str = ""
    project: str | None = None
    item: str | None = None
    numbers: list[Decimal] = field(default_factory=list)  # space layout: printed numbers in order
    cells: list[Decimal | None] | None = None  # cell layouts: one per column, None = blank
    cols: list[str] = field(default_factory=list)  # the columns these numbers may go to, in order
    first: int = 0
    last: int = 0
    page: int | None = None
    text_parts: list[str] = field(default_factory=list)  # wrapped name/project pieces before splitting
    code_incomplete: bool = False  # printed with a segment missing (`230 04 其他支出` for a 项 row)
    code_printed: str | None = None  # the code as printed, where it was completed from another table

    @property
    def level(self) -> int:
        """3 类, 5 款, 7 项 (a 项 printed with a missing segment still counts as 项)."""
        return 7 if self.code_incomplete else len(self.code or "")

    @property
    def complete(self) -> bool:
        return bool(self.numbers) or self.cells is not None


@dataclass
class TableBlock:
    spec: TableSpec
    number: int | None
    title: str
    lines: list[Line]
    title_line: Line


@dataclass
class ParsedTable:
    block: TableBlock
    columns: list[ColumnSpec]
    left: list[ColumnSpec]
    right: list[ColumnSpec]
    rows: list[RawRow]
    empty: bool = False
    empty_statement: str | None = None
    warnings: list[tuple[str, int | None]] = field(default_factory=list)


# ---- segmentation --------------------------------------------------------------------------------------------

def find_tables(lines: list[Line], template: Template) -> list[TableBlock]:
    """Cut the lines into tables: a table starts at its title (with `表 N` just before, when printed)."""
    starts: list[tuple[int, TableSpec, int | None, str]] = []
    pending_no: tuple[int, int] | None = None  # (index, number) of a `表 N` line waiting for its title
    for i, ln in enumerate(lines):
        s = ln.stripped
        m = TABLE_NO.match(flat(s).replace("表", "表 ", 1)) if s.startswith("表") else None
        if m:
            pending_no = (i, _table_number(m.group(1)))
            continue
        if not s or len(flat(s)) > 40 or EMPTY_MARK in s or s.startswith(("-", "—", "·")):
            continue
        spec = template.match_title(s) if ("表" in s and not _is_sentence(s)) else None
        if spec is None:
            continue
        number = pending_no[1] if pending_no and i - pending_no[0] <= 3 else None
        start = pending_no[0] if number is not None and pending_no else i
        starts.append((start, spec, number, s))
        pending_no = None
    blocks: list[TableBlock] = []
    for k, (start, spec, number, title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = lines[start:end]
        title_line = next(ln for ln in body if ln.stripped == title)
        blocks.append(TableBlock(spec, number, flat(title), body, title_line))
    return blocks


def _is_sentence(s: str) -> bool:
    return any(p in s for p in ("，", "。", "；", "包括", "说明"))


def _table_number(token: str) -> int:
    """表3 or 表三 → 3; 0 for what is not a numeral (cn2an imported here: only a 表 line needs it)."""
    if token.isdigit():
        return int(token)
    import cn2an

    try:
        return int(cn2an.cn2an(token, "strict"))
    except ValueError:
        return 0


def table_unit(block: TableBlock) -> str | None:
    """The unit the table prints for itself on its title's line or the few lines after it (before the header's
    figures); None where it prints none (the document's unit applies)."""
    at = next((i for i, ln in enumerate(block.lines) if ln is block.title_line), 0)
    for ln in block.lines[at:at + UNIT_SCAN]:
        m = TABLE_UNIT.search(ln.stripped)
        if m:
            return m.group(1)
    return None


# ---- header: which optional columns are printed -------------------------------------------------------------

def _is_data_line(ln: Line) -> bool:
    s = ln.stripped
    if not s:
        return False
    if ln.cells is not None:
        first = next((c for c in ln.cells if c), "")
        return any(is_amount(c) for c in ln.cells) or bool(re.match(r"^\d{3}", ln.cells[0])) or \
            (is_total_label(first) and any(is_cell_number(c) for c in ln.cells))
    if AMOUNT_RE.search(s) and not UNIT_LINE.match(s):
        return True
    m = CODE_START.match(s)
    return bool(m and (len(s) == m.end() or CJK.match(s[m.end():].strip()[:1] or "x")))


def _is_sided_row(s: str, spec: TableSpec) -> bool:
    """A line of table 1 or 4 with no amount: an income item or a 类 code with its name (a blank row of the template),
    as opposed to the header's words."""
    left, right = _split_sided_text(s, spec)
    words = left.split()
    return bool(right and CODE_START.match(right.strip())) or bool(words and label_key(words[0]) in spec.items)


def detect_columns(specs: tuple[ColumnSpec, ...], header_text: str) -> list[ColumnSpec]:
    """The spec's columns that the header shows. Optional columns need their label in the header; a header that
    names almost none of them (garbled, or missing) keeps them all, as the template prints them."""
    text = flat(header_text)
    optional = [c for c in specs if c.optional]
    seen = [c for c in optional if any(re.search(d, text) for d in c.detect)]
    if optional and len(seen) < min(2, len(optional)) and len(optional) > 3:
        return list(specs)
    return [c for c in specs if not c.optional or c in seen]


# ---- rows ----------------------------------------------------------------------------------------------------

def parse_table(block: TableBlock, department: str | None, template: Template | None = None) -> ParsedTable:
    spec = block.spec
    marks = template.empty_marks if template is not None else (EMPTY_MARK,)
    body = [ln for ln in block.lines if ln is not block.title_line and not TABLE_NO.match(flat(ln.stripped))]
    header_lines, data_lines = _split_header(body, sided=spec if spec.layout == "sided" else None)
    header_text = " ".join(ln.text for ln in header_lines)
    pt = ParsedTable(block, detect_columns(spec.columns, header_text), detect_columns(spec.left, header_text),
                     detect_columns(spec.right, header_text), [])
    empty_lines = _empty_marks(body, marks)
    if empty_lines:
        pt.empty = True
        pt.empty_statement, first_no = _empty_statement(body, empty_lines[0])
        data_lines = [ln for ln in data_lines if ln.no < first_no]
    data_lines = _before_note(data_lines)
    if spec.halves > 1:
        data_lines = _halves(data_lines, spec)
    if spec.wide and not _prints_item_rows(data_lines, spec):
        pt.rows = _wide_rows(header_lines, data_lines, pt)
    elif spec.layout == "sided":
        pt.rows = _sided_rows(data_lines, pt)
    elif spec.layout == "items":
        pt.rows = _item_rows(data_lines, pt)
    else:
        pt.rows = _coded_rows(data_lines, pt, department)
    if template is not None and template.blank_is_empty and not any(_has_figures(r) for r in pt.rows):
        # no figure printed: the table is empty whatever its header, 合计 and code rows show
        pt.empty, pt.rows = True, []
    return pt


# a note under a table (`注：本表反映…`, `说明：…故本表无数据。`): what follows it is no longer the table's rows
# `类 款 项` on a line of its own (not `项目`: the last piece of a wrapped project name may be just that)
HEADER_ONLY = re.compile(r"^类款项?$")
NOTE = re.compile(r"^(?:注|说明)\s*[:：]")


def _before_note(lines: list[Line]) -> list[Line]:
    k = next((i for i, ln in enumerate(lines) if NOTE.match(ln.stripped)), len(lines))
    return lines[:k]


def _split_header(body: list[Line], sided: TableSpec | None = None) -> tuple[list[Line], list[Line]]:
    """Header = lines before the first data line; repeated headers on continued pages are dropped too."""
    header: list[Line] = []
    data: list[Line] = []
    in_header = True
    for ln in body:
        s = ln.stripped
        if not s:
            continue
        if UNIT_LINE.match(flat(s)):
            in_header = True  # a continued page repeats 编制部门 and the header
            continue
        if in_header and (_is_data_line(ln) or (sided is not None and _is_sided_row(s, sided))) and \
                not HEADER_WORDS.match(s.replace("※", "")):
            in_header = False
        if in_header:
            if data and HEADER_WORDS.match(s):
                continue
            if not data:
                header.append(ln)
            continue
        data.append(ln)
    return header, data


def _empty_marks(body: list[Line], words: tuple[str, ...] = (EMPTY_MARK,)) -> list[Line]:
    """Lines ending the `…为空表。` statement (the words may wrap: `…情况表为` / `空表。`); the family names its
    words (`…故本表无数据。` in the 决算)."""
    nonblank = [ln for ln in body if ln.stripped]
    marks = []
    for i, ln in enumerate(nonblank):
        here = flat(ln.text)
        joined = flat(nonblank[i - 1].text + ln.text) if i > 0 else here
        if any(w in here or w in joined and len(here) < 8 for w in words):
            marks.append(ln)
    return marks


def _empty_statement(body: list[Line], mark: Line) -> tuple[str, int]:
    """The sentence saying the table is empty, joined across its line breaks (the spaces a PDF puts around its
    punctuation dropped): from its `注：` / `说明：` where it has one, to its full stop (a `。` the PDF put on a line
    of its own included)."""
    body = [ln for ln in body if ln.stripped]
    idx = body.index(mark)
    start = idx
    while start > 0 and idx - start < 3 and not NOTE.match(body[start].stripped):
        prev = body[start - 1].stripped
        if not prev or "※" in prev or prev.startswith(("科目", "功能", "类", "项目", "人员经费")) or \
                is_total_label(prev):
            break
        start -= 1
    end = idx + 1
    if not flat(body[idx].stripped).endswith("。") and end < len(body) and len(flat(body[end].stripped)) <= 8 and \
            flat(body[end].stripped).endswith("。"):
        end += 1
    text = "".join(ln.stripped for ln in body[start:end])
    return re.sub(r"\s*([，。：；、])\s*", r"\1", text), body[start].no


def _numbers(tokens: list[str]) -> list[Decimal]:
    return [d for t in tokens if (d := to_decimal(t)) is not None]


def _cell_values(cells: list[str], n: int) -> tuple[list[str], list[Decimal | None]]:
    """Split cells into label cells and exactly n value cells (blank cells kept as None)."""
    cells = list(cells)
    first_amount = next((i for i, c in enumerate(cells) if is_amount(c)), None)
    if len(cells) >= n + 1 and (first_amount is None or first_amount >= len(cells) - n):
        labels, values = cells[:len(cells) - n], cells[len(cells) - n:]
    elif first_amount is not None:
        labels, values = cells[:first_amount], cells[first_amount:]
    else:
        labels, values = cells, []
    while len(values) > n and values and not values[-1]:
        values.pop()
    values = (values + [""] * n)[:n]
    return labels, [to_decimal(v) if is_cell_number(v) else None for v in values]


def _code_from_cells(labels: list[str]) -> tuple[str | None, list[str]]:
    """Leading code cells (`208`, `05`, `05 name` glued) → canonical code and the remaining label cells."""
    parts: list[str] = []
    rest = list(labels)
    while rest:
        c = rest[0].strip()
        if (not parts and re.fullmatch(r"\d{3}", c)) or (parts and re.fullmatch(r"\d{2}", c) and len(parts) < 3):
            parts.append(c)
        elif parts and len(parts) < 3 and (m := CODE_GLUED.match(c)) and CJK.search(m.group(2)):
            parts.append(m.group(1))
            rest[0] = m.group(2).strip()
            break
        elif not c and (not parts or len(parts) < 3):
            pass  # blank code cell
        else:
            break
        rest.pop(0)
    # a name cell that carries the whole code: "208 05 05 name"
    if not parts and rest and (m := CODE_START.match(rest[0].strip())):
        parts = [g for g in m.groups() if g]
        rest[0] = rest[0].strip()[m.end():].strip()
    return ("".join(parts) or None), [c for c in rest if c.strip()]


def _coded_rows(lines: list[Line], pt: ParsedTable, department: str | None) -> list[RawRow]:
    keys = [c.key for c in pt.columns]
    rows: list[RawRow] = []
    pending: RawRow | None = None
    dept = flat(department or "")
    named = pt.block.spec.layout == "named"

    above: tuple[list, Line] | None = None  # figures at the top of a tall cell, above their label
    for ln in lines:
        s = ln.stripped
        if not s or HEADER_WORDS.match(s):
            continue
        if ln.cells is not None:
            pending = None
            labels, values = _cell_values(ln.cells, len(keys))
            code, rest = _code_from_cells(labels)
            figures = any(v is not None for v in values)
            if code is None and not rest and figures and (not rows or _has_figures(rows[-1])):
                above = (values, ln)  # no row above waits for them: they belong to the label below
                continue
            if above is not None and not figures and (code or rest):
                values, first = above[0], above[1].no
            else:
                first = ln.no
            above = None
            if rows and code is None and flat("".join(rest)) != dept and \
                    label_key("".join(rest)) not in pt.block.spec.items and _continues_cells(rows[-1], rest, values):
                rows[-1].text_parts.extend(p for p in rest if p and not LABEL_TAIL.match(flat(p)))
                if any(v is not None for v in values):
                    rows[-1].cells = values
                rows[-1].last = ln.no
                continue
            row = RawRow(kind="", code=code, cells=values, cols=keys, first=first, last=ln.no, page=ln.page)
            row.text_parts = rest
            rows.append(row)
            continue
        tokens = s.split()
        text_tokens, amount_tokens = split_trailing_amounts(tokens)
        text = " ".join(text_tokens)
        if HEADER_ONLY.match(flat(text)) and not amount_tokens:
            continue  # the header's last words on a line of their own (`类 款 项`) between figures and 合计
        if not text and amount_tokens and (pending is None or pending.complete) and not named:
            if above is not None:
                pt.warnings.append(("一行中出现两组数字，后一组无法对应到科目，已忽略", above[1].no))
            above = ([*_numbers(amount_tokens)], ln)  # figures at the top of a tall cell: the label comes below
            continue
        m = CODE_START.match(text)
        starts_row = bool(m) or is_total_label(text) or bool(dept and flat(text) == dept) or \
            label_key(text) in pt.block.spec.items or \
            (pending is not None and pending.complete and named) or pending is None
        if starts_row:
            code = "".join(g for g in m.groups() if g) if m else None
            remainder = text[m.end():].strip() if m else text
            pending = RawRow(kind="", code=code, cols=keys, first=ln.no, last=ln.no, page=ln.page)
            rows.append(pending)
            if remainder:
                pending.text_parts.append(remainder)
            if above is not None and not amount_tokens:
                pending.numbers, pending.first = list(above[0]), above[1].no
            elif above is not None:
                pt.warnings.append(("一行中出现两组数字，后一组无法对应到科目，已忽略", above[1].no))
            above = None
        else:
            assert pending is not None
            if text:
                pending.text_parts.append(text)
            pending.last = ln.no
        if amount_tokens:
            if pending.numbers:  # a second run of numbers: a new row whose label was lost
                pt.warnings.append(("一行中出现两组数字，后一组无法对应到科目，已忽略", ln.no))
            else:
                pending.numbers = _numbers(amount_tokens)
    for row in rows:
        _name_row(row, row.text_parts, pt, dept)
    return [r for r in rows if r.kind and (r.complete or r.code)]


def _continues_cells(prev: RawRow, rest: list[str], values: list[Decimal | None]) -> bool:
    """A cell line without a code that goes on the row above: a label tail (`（小计）`, `（含…）`) or no label at
    all, or the rest of a coded label whose row has no figure yet (its figures stand on this line)."""
    label = flat("".join(rest))
    figures = any(v is not None for v in values)
    if not label:
        return figures and not _has_figures(prev)
    if LABEL_TAIL.match(label.replace("(", "（").replace(")", "）")):
        return not (figures and _has_figures(prev))
    return bool(prev.code) and not _has_figures(prev) and not is_total_label(label) and CJK.search(label) is not None


def _name_row(row: RawRow, cells: list[str], pt: ParsedTable, dept: str) -> None:
    """Decide the row kind and its name (and, in table 7, its project) from the label cells or text pieces."""
    spec = pt.block.spec
    parts = [p for p in cells if p]
    label = flat("".join(parts))
    if row.code is None:
        if label_key(label) in spec.items and spec.layout == "coded":
            # a closing item of a coded table (人员经费合计, 公用经费合计): a total of its own
            row.kind, row.item, row.name = "total", spec.items[label_key(label)], label_key(label)
        elif is_total_label(label) or label in ("总计", "合计"):
            row.kind, row.name = "total", total_name(label)
        elif dept and label == dept:
            row.kind, row.name = "department", label
        elif spec.layout == "named" and label:
            row.kind, row.name, row.project = "project", label, label
        elif label and _has_figures(row) and CJK.search(label):
            # a row named but not coded, with figures: a unit of the department (部门 budgets list each 单位)
            row.kind, row.name = "department", label
            if dept and not label.startswith(dept[:4]):
                pt.warnings.append((f"表{spec.number}第{row.first}行“{label}”没有科目编码，按单位（部门）行读取", row.first))
        return
    level = CODE_LEVELS.get(len(row.code))
    if level is None:
        return
    row.kind = level
    if row.cells is not None and spec.has_projects and len(parts) >= 2:
        row.name, row.project = flat(parts[0]), flat("".join(parts[1:]))
        row.kind = "project"
        return
    row.name = label
    row.text_parts = parts


def _has_figures(row: RawRow) -> bool:
    return bool(row.numbers) or (row.cells is not None and any(v is not None for v in row.cells))


def _income_key(label: str, context: str | None, spec: TableSpec) -> tuple[str | None, str | None]:
    """(item key, new context) for a printed income label of tables 1 and 4."""
    items, contexts = spec.items, spec.item_context
    key = items.get(label) or items.get(label.removesuffix("收入"))
    if key is None:
        return None, context
    if key in contexts:
        return key, key
    if key == "carryover":
        return key, "carryover"
    if context in contexts and key in contexts[context]:
        return contexts[context][key], context
    return key, (None if key in ("current_income",) else context)


SIDE_SPLIT = re.compile(r"(?<![\d.,])(\d{3})\s*(?=[\u4e00-\u9fff])")


def _sided_rows(lines: list[Line], pt: ParsedTable) -> list[RawRow]:
    rows: list[RawRow] = []
    context: str | None = None
    held: tuple[str, list[str], Line] | None = None  # an income label cut short by wrapping, its amounts, its line
    extendable: tuple[RawRow, str] | None = None  # an income row whose label may still go on on the next line
    pending: RawRow | None = None  # a 类 row whose name wrapped: its numbers come on a later line
    left_keys = [c.key for c in pt.left]
    right_keys = [c.key for c in pt.right]
    spec = pt.block.spec
    for ln in lines:
        s = ln.stripped
        if not s or HEADER_WORDS.match(s):
            continue
        if ln.cells is not None:
            left_cells, right_cells = _split_sided_cells(ln.cells, len(left_keys))
            left_label = " ".join(c for c in left_cells if not is_cell_number(c) and c)
            left_vals = [to_decimal(c) if is_cell_number(c) else None for c in left_cells[-len(left_keys):]] \
                if left_cells else []
            r_labels, r_vals = _cell_values(right_cells, len(right_keys)) if right_cells else ([], [])
            right_label = " ".join(c for c in r_labels if c)
            context = _add_income(rows, left_label, None, left_vals, left_keys, context, ln, spec)
            if not _add_expenditure(rows, right_label, None, r_vals, right_keys, ln, spec) and \
                    any(v is not None for v in r_vals):
                pt.warnings.append((f"支出项目“{right_label}”不是功能分类科目，其金额未能归入任何一行", ln.no))
            if any(v is not None for v in left_vals) and not _placed(rows, ln):
                pt.warnings.append((f"收入项目“{left_label}”不是模板中的项目，其金额未能归入任何一行", ln.no))
            continue
        left_text, right_text = _split_sided_text(s, spec)
        lt, la = split_trailing_amounts(left_text.split())
        rt, ra = split_trailing_amounts(right_text.split())
        if extendable is not None and lt and not held:
            # a complete label that wrapped anyway (`1.一般公共预算` / `拨款`): the tail finishes its name
            row, label = extendable
            if _income_key(label_key(label + lt[0]), context, spec)[0] == row.item:
                row.name, lt = label_key(label + lt[0]), lt[1:]
                if not lt and not la and not rt and not ra:
                    extendable = None
                    continue
            extendable = None
        if held is not None and lt:
            # the next piece of an income label cut short by wrapping
            label, amounts, at = held
            joined = label + lt[0]
            if _income_key(label_key(joined), context, spec)[0] is not None:
                context = _add_income(rows, joined, _numbers(amounts or la), None, left_keys, context, at, spec)
                held, lt = None, lt[1:]
                la = [] if not amounts else la
            elif _label_prefix(joined, spec):
                held, lt = (joined, amounts or la, at), lt[1:]
                la = [] if not amounts else la
            else:
                if amounts:
                    pt.warnings.append((f"收入项目“{label}”不是模板中的项目，其金额 {' '.join(amounts)} 未能归入任何一行",
                                        at.no))
                held = None
            if not lt and not la and not rt and not ra:
                continue
        if pending is not None and not rt and _continues_right_row(pending, " ".join(lt), la, context, spec):
            pending.last = ln.no
            if la:
                pending.numbers = _numbers(la)
            else:
                pending.name += flat(" ".join(lt))
            if pending.numbers and not _name_incomplete(pending):
                pending = None
            continue
        left_label = " ".join(lt)
        if left_label and _income_key(label_key(left_label), context, spec)[0] is None and _label_prefix(left_label, spec):
            held, left_label, la_kept = (left_label, la, ln), "", la
            la = []
        else:
            la_kept = []
        n_before = len(rows)
        context = _add_income(rows, left_label, _numbers(la), None, left_keys, context, ln, spec)
        if len(rows) > n_before and _label_prefix(left_label, spec):
            extendable = (rows[n_before], left_label)
        la = la or la_kept
        n_rows = len(rows)
        if not _add_expenditure(rows, " ".join(rt), _numbers(ra), None, right_keys, ln, spec) and ra:
            pt.warnings.append((f"支出项目“{' '.join(rt)}”不是功能分类科目，其金额 {' '.join(ra)} 未能归入任何一行",
                                ln.no))
        if len(rows) > n_rows:
            pending = rows[-1] if _name_incomplete(rows[-1]) else None
        if la and not la_kept and not _placed(rows, ln, side="income"):
            pt.warnings.append((f"收入项目“{' '.join(lt)}”不是模板中的项目，其金额 {' '.join(la)} 未能归入任何一行", ln.no))
    return rows


def _name_incomplete(row: RawRow) -> bool:
    """A 类 row of table 1/4 printed as its code alone, or with a name cut short by wrapping."""
    if row.kind != "expenditure" or not row.code:
        return False
    official = _class_code_names().get(row.code)
    return not row.name or (official is not None and row.name != official and official.startswith(row.name))


def _continues_right_row(pending: RawRow, text: str, amounts: list[str], context: str | None,
                         spec: TableSpec) -> bool:
    """A line holding only numbers, or only the tail of a class name, after a 类 row whose name wrapped."""
    if amounts and not text:
        return not pending.numbers
    if amounts or not text or _income_key(label_key(text), context, spec)[0] is not None:
        return False
    official = _class_code_names().get(pending.code or "", "")
    return official.startswith(pending.name + flat(text)) or not official


def _class_code_names() -> dict[str, str]:
    return {code: name for name, code in _class_names().items()}


def _label_prefix(label: str, spec: TableSpec) -> bool:
    """The start of a template income label that wrapped onto the next line (`上级一般公共` of
    `上级一般公共预算安排转移支付`)."""
    key = label_key(label)
    return bool(key) and CJK.search(key) is not None and any(k.startswith(key) and k != key for k in spec.items)


def _placed(rows: list[RawRow], ln: Line, side: str = "income") -> bool:
    return any(r.first == ln.no and (r.item or r.kind == "expenditure") and (side != "income" or r.item)
               for r in rows)


def _split_sided_cells(cells: list[str], n_left: int) -> tuple[list[str], list[str]]:
    """Left (label + its amount cells) and right (label + amounts) halves of a row of table 1 or 4.
    Exports keep blank cells, so the right half starts at cell 1 + n_left; where cells were merged or dropped,
    at the first label cell after the left label."""
    cut = 1 + n_left
    if cells and (CODE_START.match(cells[0]) or label_key(cells[0]) in ("支出总计", "支出合计")):
        return [], cells  # a right-only row whose leading blank cells were dropped
    if cut < len(cells) and _is_label(cells[cut]):
        return cells[:cut], cells[cut:]
    for i in range(1, len(cells)):
        if _is_label(cells[i]):
            return cells[:i], cells[i:]
    if cut < len(cells) and not any(cells[cut:]):
        return cells[:cut], cells[cut:]  # a left-only row: the right half's cells are all blank
    return cells, []


def _is_label(cell: str) -> bool:
    if not cell or is_amount(cell) or (cell.replace(",", "").isdigit() and len(cell) != 3):
        return False
    return bool(CJK.search(cell) or CODE_START.match(cell))


def _split_sided_text(s: str, spec: TableSpec | None = None) -> tuple[str, str]:
    """Left (income) part and right (expenditure) part of a line of table 1 or 4."""
    k = _right_item_at(s, spec)  # the family's closing rows first: 本年支出合计 is not 支出合计 after 本年
    if k is not None:
        return s[:k], s[k:]
    compact = s
    for marker in ("支 出 总 计", "支出总计", "支出合计"):
        k = compact.find(marker)
        if k > 0:
            return compact[:k], compact[k:]
    m = SIDE_SPLIT.search(s)
    if m:
        return s[:m.start()], s[m.start():]
    if CODE_START.match(s):
        return "", s
    # some templates print the 功能分类 name without its code
    hits = [(k, name) for name in _class_names() if (k := s.find(name)) > 0]
    if hits:
        k, _name = min(hits)
        k = _numbering_before(s, k)
        return s[:k], s[k:]
    return s, ""


def _right_item_at(s: str, spec: TableSpec | None) -> int | None:
    """Where a closing item of the right side starts (`本年收入合计 2,946.25 本年支出合计 2,940.05`, `总计 … 总计`):
    its label, numbering allowed before it, begins a word after something printed on the left."""
    if spec is None or not spec.right_items:
        return None
    starts = [m.start() for m in re.finditer(r"(?<=\s)\S", s)]
    for k in starts:
        rest = re.sub(r"^[一二三四五六七八九十]+\s*、\s*", "", s[k:])
        words = rest.split()
        for n in range(1, min(len(words), 6) + 1):
            if label_key("".join(words[:n])) in spec.right_items:
                return k
    return None


def _numbering_before(s: str, k: int) -> int:
    """The start of the right side's numbering (`二 、外交支出`) just before the class name found at k."""
    m = re.search(r"(?:^|\s)([一二三四五六七八九十]+\s*、?\s*)$", s[:k])
    return k - len(m.group(1)) if m else k


def _class_names() -> dict[str, str]:
    from yusuan.spec.codes import reference

    # a 类 retired from this year's classification (234 抗疫特别国债安排的支出) is still printed by a 决算 of the years
    # it applied to; the current list wins where a name is in both
    classes = {**reference().get("retired_functional", {}), **reference()["functional"]}
    return {name: code for code, name in classes.items() if len(code) == 3}


def _add_income(rows: list[RawRow], label: str, numbers: list[Decimal] | None, cells: list[Decimal | None] | None,
                keys: list[str], context: str | None, ln: Line, spec: TableSpec) -> str | None:
    lk = label_key(label)
    if not lk:
        return context
    key, context = _income_key(lk, context, spec)
    if key is None:
        return context
    kind: RowKind = "total" if key in ("income_total",) else "income"
    row = RawRow(kind=kind, item=key, name=label_key(label) if kind == "income" else lk, cols=keys, first=ln.no,
                 last=ln.no, page=ln.page)
    if cells is not None:
        row.cells = (cells + [None] * len(keys))[:len(keys)]
    else:
        row.numbers = numbers or []
    rows.append(row)
    return context


def _add_expenditure(rows: list[RawRow], label: str, numbers: list[Decimal] | None,
                     cells: list[Decimal | None] | None, keys: list[str], ln: Line, spec: TableSpec) -> bool:
    """Add the right-hand (expenditure) row of a line of table 1 or 4; False where its label is not one."""
    label = label.strip()
    if not label:
        return True
    lk = label_key(label)
    if lk in ("支出总计", "支出合计"):
        row = RawRow(kind="total", item="expenditure_total", name="支出总计", cols=keys, first=ln.no, last=ln.no,
                     page=ln.page)
    elif lk in spec.right_items:  # a closing row of the right side: 本年支出合计, 年末结转和结余, 总计
        item = spec.right_items[lk]
        row = RawRow(kind="total" if item == "expenditure_total" else "expenditure", item=item, name=lk, cols=keys,
                     first=ln.no, last=ln.no, page=ln.page)
    else:
        m = CODE_START.match(label)
        code, name = (m.group(1), flat(label[m.end():])) if m else (_class_names().get(lk), lk)
        if not code:
            return False
        row = RawRow(kind="expenditure", code=code, name=name, cols=keys, first=ln.no, last=ln.no, page=ln.page)
    if cells is not None:
        row.cells = cells
    else:
        row.numbers = numbers or []
    rows.append(row)
    return True


# what a label may carry on a line of its own after its last piece: `（小计）`, `（合计）`, `（含外宾接待）`
LABEL_TAIL = re.compile(r"^[（(](?:小计|合计|含[^）)]*)[）)]?$|^[（(]?含[^）)]*[）)]$")
INCLUDES = re.compile(r"[（(]含[^）)]*[）)]?$")


def _item_rows(lines: list[Line], pt: ParsedTable) -> list[RawRow]:
    """Rows keyed by their item (table 10). A label may wrap over two or three lines and have its figures on the
    line after its last piece (`公务用车购置及` / `运行费` / `（小计）` / figures): the pieces are joined until they
    name an item, and figures on a line without a label of their own belong to the row still waiting for them."""
    keys = [c.key for c in pt.columns]
    rows: list[RawRow] = []
    pending = ""  # label pieces that do not yet name an item
    for ln in lines:
        s = ln.stripped
        if not s or HEADER_WORDS.match(s):
            continue
        if ln.cells is not None:
            labels, values = _cell_values(ln.cells, len(keys))
            label, numbers, cells = " ".join(labels), None, values
        else:
            tt, at = split_trailing_amounts(s.split())
            label, numbers, cells = " ".join(tt), _numbers(at), None
        figures = bool(numbers) or (cells is not None and any(v is not None for v in cells))
        raw_label = flat(label).replace("(", "（").replace(")", "）")
        tail = bool(LABEL_TAIL.match(raw_label))
        items = pt.block.spec.items
        lk = _item_label(label, items)
        item = items.get(lk)
        if item is None and pending and not tail:
            joined = _item_label(pending + label, items)
            if joined in items:
                item, lk, pending = items[joined], joined, ""
        last = rows[-1] if rows else None
        if item is None and (tail or not lk):
            if last is not None and figures and not last.complete:
                _give_figures(last, numbers, cells, ln.no)
            elif last is not None and not figures:
                last.last = ln.no
            continue
        if item is None and not figures and rows:
            pending += label
            continue
        pending = ""
        row = RawRow(kind="total" if item == "total" else "item", item=item, name=lk, cols=keys, first=ln.no,
                     last=ln.no, page=ln.page)
        if figures:  # a row whose figures are still to come stays open (`complete` false) for them
            _give_figures(row, numbers, cells, ln.no)
        rows.append(row)
    return rows


def _item_label(label: str, items: dict[str, str]) -> str:
    lk = label_key(label).replace("(", "（").replace(")", "）")
    return INCLUDES.sub("", lk) if INCLUDES.sub("", lk) in items else lk


def _give_figures(row: RawRow, numbers: list[Decimal] | None, cells: list[Decimal | None] | None, no: int) -> None:
    if cells is not None:
        row.cells = cells
    else:
        row.numbers = numbers or []
    row.last = no


# ---- a table printed in side-by-side halves (the 决算's basic-expenditure table) --------------------------------

ECON_CODE = re.compile(r"(?<=\s)3\d{2}(?:\s*\d{2})?(?=\s|$|[\u4e00-\u9fff])")


def _halves(lines: list[Line], spec: TableSpec) -> list[Line]:
    """Each printed line cut into its halves, read half by half: the whole left half top to bottom, then the right
    (a row's code says where it belongs, so the order only keeps each half's wrapped labels together)."""
    out: list[list[Line]] = [[] for _ in range(spec.halves)]
    for ln in lines:
        for k, part in enumerate(_cut_halves(ln, spec)):
            if part is not None:
                out[min(k, spec.halves - 1)].append(part)
    return [ln for half in out for ln in half]


def _cut_halves(ln: Line, spec: TableSpec) -> list[Line | None]:
    n = spec.halves
    if ln.cells is not None:
        cells = ln.cells
        starts = [i for i in range(1, len(cells)) if _starts_half(cells, i, spec)][: n - 1]
        if not starts:  # one half printed (the other blank), or the table printed in one column after all
            return [ln]
        parts = [cells[a:b] for a, b in pairwise([0, *starts, len(cells)])]
        return [Line(ln.no, " ".join(c for c in p if c), ln.page, p, ln.page_line) if any(p) else None
                for p in parts]
    # text: a half starts at an economic code or a closing item printed after something else on the line
    s = ln.text
    cuts = [m.start() for m in ECON_CODE.finditer(s)]
    cuts += [m.start() for label in spec.items for m in re.finditer(re.escape(label), s)
             if m.start() > 0 and s[m.start() - 1].isspace()]
    cuts = sorted(k for k in set(cuts) if s[:k].strip())[: n - 1]
    bounds = [0, *cuts, len(s)]
    return [Line(ln.no, s[a:b].strip(), ln.page, None, ln.page_line) for a, b in pairwise(bounds)
            if s[a:b].strip()]


def _starts_half(cells: list[str], i: int, spec: TableSpec) -> bool:
    """A half starts at a code cell followed by its name (`302`, `01`, `办公费`; `30201`, `办公费`), or at a
    closing item's label (`公用经费合计`)."""
    c = cells[i].strip()
    if label_key(c) in spec.items:
        return True
    return bool(re.fullmatch(r"\d{3}(?:\s*\d{2})?", c)) and \
        any(CJK.search(x) for x in cells[i + 1:i + 3])


# ---- an item table printed as one wide row (the 决算's 三公 table) ----------------------------------------------

def _prints_item_rows(lines: list[Line], spec: TableSpec) -> bool:
    """A wide table printed one item a row after all (the 预算's way): a line with figures names an item."""
    for ln in lines:
        text = " ".join(c for c in ln.cells if not is_cell_number(c)) if ln.cells is not None else \
            " ".join(split_trailing_amounts(ln.stripped.split())[0])
        numbers = [c for c in (ln.cells or ln.stripped.split()) if is_amount(c) or is_cell_number(c)]
        if numbers and _item_label(text, spec.items) in spec.items:
            return True
    return False


def _wide_rows(header: list[Line], lines: list[Line], pt: ParsedTable) -> list[RawRow]:
    """The one row of item × column figures, as one row over `item:column` columns (the solver places space-layout
    figures by the item tree; the document turns it into item rows); or, where the table prints one line per
    column (`预算数 …` / `决算数 …`, the items across), one such row per line. No figure printed: no row."""
    order = _wide_order(header, pt.block.spec)
    by_label = {flat(c.label): c.key for c in pt.columns}
    rows: list[RawRow] = []
    for ln in lines:
        label = " ".join(c for c in ln.cells if c and not is_cell_number(c)) if ln.cells is not None else \
            " ".join(split_trailing_amounts(ln.stripped.split())[0])
        col = by_label.get(flat(label))
        cols = [f"{item}:{col}" for item in order] if col else [f"{item}:{c.key}" for item in order
                                                                 for c in pt.columns]
        row = RawRow(kind="wide", cols=cols, first=ln.no, last=ln.no, page=ln.page)
        if ln.cells is not None:
            values = [to_decimal(c) if is_cell_number(c) else None for c in ln.cells]
            if len(values) != len(cols):
                _labels, values = _cell_values(ln.cells, len(cols))
            row.cells = values
        else:
            row.numbers = _numbers(split_trailing_amounts(ln.stripped.split())[1])
        if not _has_figures(row):
            continue
        rows.append(row)
        if not col:
            break  # the one wide row
    return rows


def _wide_order(header: list[Line], spec: TableSpec) -> list[str]:
    """The items in the order the header prints them. The header line with one cell per item (小计, 公务用车购置费,
    公务用车运行费 under their merged parent) fixes those items' places; the items named only on coarser lines
    (合计, 因公出国（境）费, 公务接待费 beside the merged 公务用车购置及运行费) fill the remaining places left to
    right as they stand on their line. A header without cells, or not naming every item once, keeps the template's
    order."""
    n = len(spec.wide)
    slots: dict[int, str] = {}
    coarse: list[tuple[float, str]] = []
    for ln in header:
        if ln.cells is None:
            continue
        for i, cell in enumerate(ln.cells):
            item = spec.items.get(_item_label(cell, spec.items)) if cell.strip() else None
            if item is None:
                continue
            per = len(ln.cells) // n if len(ln.cells) in (n, n * len(spec.columns)) else 0
            if per and i % per == 0:  # a cell per item, or per item and column (a merged label's text in the
                slots.setdefault(i // per, item)  # first cell of its span, blanks after it)
            else:
                coarse.append(((i + 0.5) / len(ln.cells), item))
    placed = set(slots.values())
    rest = list(dict.fromkeys(item for _, item in sorted(coarse) if item not in placed))
    free = [k for k in range(n) if k not in slots]
    if len(rest) != len(free) or len(placed) != len(slots) or placed | set(rest) != set(spec.wide):
        return list(spec.wide)
    slots.update(zip(free, rest, strict=True))
    return [slots[k] for k in range(n)]
