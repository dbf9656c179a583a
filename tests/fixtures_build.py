"""Build test PDFs and workbooks at test time from the seeds (no binary fixtures in the repository).

A seed becomes a `Doc`: prose lines (str) and table runs (`Run`: header rows + data rows, one string per cell,
blank cells ""). Seed 004 (tab layout) gives its cells directly; the space-layout seeds (000, 002) are rebuilt
from their parsed model, since their text lost the blank cells. The same `Doc` is then drawn as a PDF
(reportlab, Adobe's built-in STSong-Light CID font: nothing to install) or written as an XLSX (openpyxl).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from yusuan.ingest.text import read_text
from yusuan.model import Ambiguity, Disclosure, Row, Table
from yusuan.parse import parse_source
from yusuan.spec import BUDGET

AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Run:
    header: list[list[str]]
    rows: list[list[str]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.header + self.rows), default=0)

    def padded(self, row: list[str]) -> list[str]:
        return row + [""] * (self.width - len(row))


Doc = list[str | Run]


# ---- seeds → Doc ---------------------------------------------------------------------------------------------

def _is_data_row(cells: list[str]) -> bool:
    return any(AMOUNT.match(c) for c in cells) or bool(re.fullmatch(r"\d{3}", cells[0].strip()))


def doc_from_tab_seed(path: Path) -> Doc:
    """Seed 004: every tab line is a table row; consecutive tab lines form a run (header = rows before data)."""
    src = read_text(path.read_bytes(), str(path))
    doc: Doc = []
    block: list[list[str]] = []

    def flush() -> None:
        if block:
            first = next((i for i, r in enumerate(block) if _is_data_row(r)), len(block))
            doc.append(Run([list(r) for r in block[:first]], [list(r) for r in block[first:]]))
            block.clear()

    for ln in src.lines:
        if ln.cells is not None:
            block.append(ln.cells)
            continue
        flush()
        if ln.stripped:
            doc.append(ln.stripped)
    flush()
    return merge_continued(doc)


def merge_continued(doc: Doc) -> Doc:
    """A run whose header repeats the previous run's, with only 编制/单位 lines between, continues that table."""
    out: Doc = []
    for item in doc:
        if isinstance(item, Run):
            k = len(out) - 1
            while k >= 0 and isinstance(out[k], str) and str(out[k]).startswith(("编制", "单位")):
                k -= 1
            prev = out[k] if k >= 0 else None
            if isinstance(prev, Run) and prev.rows and prev.header == item.header:
                del out[k + 1:]
                prev.rows.extend(item.rows)
                continue
        out.append(item)
    return out


def money(v: Decimal) -> str:
    return f"{v:,.2f}"


Resolver = Callable[[Table, Row, Ambiguity], str | None]


def doc_from_model(path: Path, resolve: Resolver | None = None) -> tuple[Doc, Disclosure]:
    """A space-layout seed: prose lines as printed, tables rebuilt from the parsed model (every cell in its column).

    Values the text left ambiguous go where `resolve` says (e.g. from the answer key), else they are left out."""
    src = read_text(path.read_bytes(), str(path))
    d = parse_source(src)
    first, last = d.parts["tables"].lines or (0, 0)
    doc: Doc = [ln.stripped for ln in src.lines if ln.no <= first and ln.stripped]
    for t in d.tables:
        doc.extend(_model_table(d, t, resolve))
    doc.extend(ln.stripped for ln in src.lines if ln.no > last and ln.stripped)
    return doc, d


def _model_table(d: Disclosure, t: Table, resolve: Resolver | None) -> Doc:
    spec = BUDGET.by_key[t.type]
    out: Doc = [f"表 {t.number}", t.title or spec.key, f"编制部门：{d.department}  单位：{d.unit or '万元'}"]
    keys = [c.key for c in t.columns]
    labels = [c.label for c in t.columns]

    def values(r: Row, ks: list[str]) -> list[str]:
        vals = dict(r.values)
        for a in r.ambiguous:
            key = resolve(t, r, a) if resolve else None
            if key:
                vals[key] = a.value
        return [money(vals[k]) if k in vals else "" for k in ks]

    if spec.layout == "sided":
        right = [k for k in keys if k != "amount"] or ["amount"]
        right_labels = [labels[keys.index(k)] if k != "amount" else "预算数" for k in right]
        run = Run([["收入", "", "支出"] + [""] * len(right),
                   ["项目", "预算数", "功能分类"] + right_labels])
        by_line: dict[int | None, list[Row]] = {}
        for r in t.rows:
            by_line.setdefault(r.source.line, []).append(r)
        for rs in by_line.values():
            left = next((r for r in rs if r.item and r.item != "expenditure_total"), None)
            rgt = next((r for r in rs if r.code or r.item == "expenditure_total"), None)
            cells = [left.name or "", *values(left, ["amount"])] if left else ["", ""]
            if rgt is not None:
                label = "支出总计" if rgt.item == "expenditure_total" else f"{rgt.code} {rgt.name}"
                cells += [label, *values(rgt, right if rgt.item == "expenditure_total" or len(right) > 1 else ["amount"])]
            else:
                cells += [""] * (1 + len(right))
            run.rows.append(cells)
        out.append(run)
        return out
    if spec.layout == "items":
        run = Run([["“三公”经费支出内容", *labels], ["※", *[str(i + 1) for i in range(len(keys))]]])
        run.rows = [[r.name or "", *values(r, keys)] for r in t.rows]
    elif spec.layout == "named":
        run = Run([["项目", *labels], ["※", *[str(i + 1) for i in range(len(keys))]]])
        run.rows = [[(r.project or r.name or ""), *values(r, keys)] for r in t.rows]
    else:
        economic = spec.code_system == "economic"
        code_cols = 2 if economic else 3
        label_head = ["类", "款"] if economic else ["类", "款", "项"]
        names = ["经济分类科目名称"] if economic else ["功能分类科目名称"]
        if spec.has_projects:
            names.append("项目名称")
        run = Run([["科目编码"] + [""] * (code_cols - 1) + names + labels,
                   label_head + [""] * len(names) + [""] * len(keys),
                   ["※"] * (code_cols + len(names)) + [str(i + 1) for i in range(len(keys))]])
        for r in t.rows:
            code = r.code or ""
            parts = [code[:3], code[3:5], code[5:7]][:code_cols]
            names_cells = [r.name or ""] + ([r.project or ""] if spec.has_projects else [])
            run.rows.append(parts + names_cells + values(r, keys))
    out.append(run)
    if t.empty:
        run.rows = []
        out.append(t.empty_statement or f"{t.title}为空表。")
    return out


# ---- Doc → PDF -----------------------------------------------------------------------------------------------

@dataclass
class Style:
    font_size: float = 8.0
    rules: str = "grid"  # grid: every cell ruled | none: no lines at all | hlines: horizontal lines only
    max_label_width: float = 120.0  # label cells wrap beyond this width
    min_number_width: float = 42.0
    valign: str = "middle"  # middle|top: where the numbers of a wrapped row sit
    rows_per_page: int | None = None  # force page breaks inside tables
    repeat_header: bool = True
    repeat_unit_line: bool = False  # continued pages repeat `编制部门：…` (the parser recognizes it)
    page_numbers: bool = True
    font: str = "STSong-Light"  # or a path to a TrueType font
    landscape: bool = True


_REGISTERED: dict[str, str] = {}


def _font(style: Style) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if style.font in _REGISTERED:
        return _REGISTERED[style.font]
    if style.font.endswith((".ttf", ".ttc")):
        name = Path(style.font).stem
        pdfmetrics.registerFont(TTFont(name, style.font))
    else:
        name = style.font
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    _REGISTERED[style.font] = name
    return name


class _Painter:
    def __init__(self, style: Style) -> None:
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.pdfgen import canvas

        self.style = style
        self.buf = io.BytesIO()
        self.size = landscape(A4) if style.landscape else A4
        self.c = canvas.Canvas(self.buf, pagesize=self.size, pageCompression=1)
        self.font = _font(style)
        self.fs = style.font_size
        self.lead = self.fs * 1.35
        self.margin = 36.0
        self.y = self.size[1] - self.margin
        self.page = 1
        self._sw = stringWidth
        self.c.setFont(self.font, self.fs)
        self.c.setLineWidth(0.5)

    def width(self, s: str) -> float:
        return float(self._sw(s, self.font, self.fs))

    @property
    def usable(self) -> float:
        return float(self.size[0] - 2 * self.margin)

    def new_page(self) -> None:
        if self.style.page_numbers:
            self.c.drawCentredString(self.size[0] / 2, 18, f"- {self.page} -")
        self.c.showPage()
        self.c.setFont(self.font, self.fs)
        self.c.setLineWidth(0.5)
        self.page += 1
        self.y = self.size[1] - self.margin

    def wrap(self, s: str, width: float) -> list[str]:
        """Cut at the last character that fits (CJK text wraps anywhere, as printed)."""
        lines: list[str] = []
        cur = ""
        for ch in s:
            if cur and self.width(cur + ch) > width:
                lines.append(cur)
                cur = ch.lstrip()
            else:
                cur += ch
        if cur or not lines:
            lines.append(cur)
        return lines

    def prose(self, s: str) -> None:
        for part in self.wrap(s, self.usable):
            if self.y - self.lead < self.margin:
                self.new_page()
            self.y -= self.lead
            self.c.drawString(self.margin, self.y, part)

    def save(self) -> bytes:
        if self.style.page_numbers:
            self.c.drawCentredString(self.size[0] / 2, 18, f"- {self.page} -")
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def _col_widths(p: _Painter, run: Run) -> list[float]:
    n = run.width
    widths = [0.0] * n
    numeric = [True] * n
    for row in run.rows:
        for i, c in enumerate(run.padded(row)):
            if c and not AMOUNT.match(c):
                numeric[i] = False
            widths[i] = max(widths[i], p.width(c) + 6)
    for i in range(n):
        if numeric[i]:
            widths[i] = max(widths[i], p.style.min_number_width)
        else:
            widths[i] = min(max(widths[i], p.fs * 2 + 6), p.style.max_label_width)
    page_h = p.size[1] - 2 * p.margin - 40
    for row in run.rows:  # a cell of long prose (performance tables) gets the room it needs to fit a page
        for i, c in enumerate(run.padded(row)):
            if not numeric[i] and p.width(c) / max(widths[i] - 6, 1) * p.lead > page_h * 0.8:
                widths[i] = max(widths[i], p.width(c) * p.lead / (page_h * 0.6) + 6)
    total = sum(widths)
    if total > p.usable:  # shrink the text columns first, numbers never wrap
        text_total = sum(w for w, num in zip(widths, numeric, strict=True) if not num)
        excess = total - p.usable
        widths = [w if num else max(p.fs * 2 + 6, w - excess * w / text_total)
                  for w, num in zip(widths, numeric, strict=True)]
    if sum(widths) > p.usable:
        widths = [w * p.usable / sum(widths) for w in widths]
    return widths


def _draw_row(p: _Painter, cells: list[str], widths: list[float], header: bool) -> None:
    pad = 3.0
    wrapped = [p.wrap(c, w - 2 * pad) if c and not AMOUNT.match(c) else [c] for c, w in zip(cells, widths, strict=True)]
    height = max(len(w) for w in wrapped) * p.lead + 2 * pad
    if p.y - height < p.margin + 12:
        raise _PageFull
    top = p.y
    x = p.margin
    for text_lines, w, c in zip(wrapped, widths, cells, strict=True):
        n = len(text_lines)
        if AMOUNT.match(c):
            first = top - pad - (height - 2 * pad - p.lead) / 2 if p.style.valign == "middle" else top - pad
            p.c.drawRightString(x + w - pad, first - p.fs, c)
        else:
            for k, part in enumerate(text_lines):
                base = top - pad - k * p.lead - p.fs
                if header or re.fullmatch(r"[※\d]{1,2}", part):
                    p.c.drawCentredString(x + w / 2, base, part)
                else:
                    p.c.drawString(x + pad, base, part)
        del n
        x += w
    if p.style.rules == "grid":
        p.c.line(p.margin, top, x, top)
        p.c.line(p.margin, top - height, x, top - height)
        xx = p.margin
        for w in [0.0, *widths]:
            xx += w
            p.c.line(xx, top, xx, top - height)
    elif p.style.rules == "hlines":
        p.c.line(p.margin, top - height, x, top - height)
    p.y = top - height


class _PageFull(Exception):
    pass


def pdf_from_doc(doc: Doc, style: Style | None = None) -> bytes:
    style = style or Style()
    p = _Painter(style)
    unit_line = ""
    for item in doc:
        if isinstance(item, str):
            if item.startswith("编制"):
                unit_line = item
            p.prose(item)
            continue
        widths = _col_widths(p, item)
        p.y -= p.fs * 0.5  # keep the table clear of the line above
        for row in item.header:
            _place(p, item.padded(row), widths, header=True, run=item, unit_line="")
        count = 0
        for row in item.rows:
            if style.rows_per_page and count >= style.rows_per_page:
                _break(p, item, widths, unit_line)
                count = 0
            _place(p, item.padded(row), widths, header=False, run=item, unit_line=unit_line)
            count += 1
        p.y -= p.lead / 2
    return p.save()


def _place(p: _Painter, cells: list[str], widths: list[float], header: bool, run: Run, unit_line: str) -> None:
    try:
        _draw_row(p, cells, widths, header)
    except _PageFull:
        if header:
            p.new_page()
        else:
            _break(p, run, widths, unit_line)
        try:
            _draw_row(p, cells, widths, header)
        except _PageFull:
            raise AssertionError(f"a row taller than a page: {cells}") from None


def _break(p: _Painter, run: Run, widths: list[float], unit_line: str) -> None:
    p.new_page()
    if p.style.repeat_unit_line and unit_line:
        p.prose(unit_line)
    if p.style.repeat_header:
        for row in run.header:
            _draw_row(p, run.padded(row), widths, True)


# ---- Doc → XLSX ----------------------------------------------------------------------------------------------

def xlsx_from_doc(doc: Doc, *, per_sheet: bool = True, numbers_as_text: bool = False,
                  merge_headers: bool = True) -> bytes:
    """One sheet per table (title rows on it), prose on sheets of their own; or everything on one sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "封面及概况" if per_sheet else "预算公开"
    seen_tables = False
    for item in doc:
        if per_sheet and isinstance(item, str) and re.fullmatch(r"表\s*\d+", item):
            ws = wb.create_sheet(item.replace(" ", ""))
            seen_tables = True
        elif per_sheet and isinstance(item, str) and item.startswith("第三部分") and seen_tables:
            ws = wb.create_sheet("情况说明")
        if isinstance(item, str):
            ws.append([item])
            continue
        for row in item.header:
            ws.append(item.padded(row))
            if merge_headers:
                _merge_blanks(ws, ws.max_row, item.padded(row))
        for row in item.rows:
            ws.append([_cell_value(c, numbers_as_text) for c in item.padded(row)])
            for col, c in enumerate(item.padded(row), start=1):
                if AMOUNT.match(c) and not numbers_as_text:
                    ws.cell(ws.max_row, col).number_format = "#,##0.00"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell_value(c: str, numbers_as_text: bool) -> str | float | None:
    if not c:
        return None
    if AMOUNT.match(c) and not numbers_as_text:
        return float(c.replace(",", ""))
    return c


def _merge_blanks(ws: object, row: int, cells: list[str]) -> None:
    """A header label followed by blanks spans them, as exported headers do."""
    i = 0
    while i < len(cells):
        j = i + 1
        while j < len(cells) and not cells[j]:
            j += 1
        if cells[i] and j - i > 1 and CJK.search(cells[i]):
            ws.merge_cells(start_row=row, start_column=i + 1, end_row=row, end_column=j)  # type: ignore[attr-defined]
        i = j


def with_style(style: Style, **kw: object) -> Style:
    return replace(style, **kw)  # type: ignore[arg-type]
