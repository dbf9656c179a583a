"""A self-contained HTML page (inline CSS, no external asset)."""

from __future__ import annotations

from html import escape

from yusuan.write.document import Document, Form, Grid, Para
from yusuan.write.render_text import cell_text

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;
max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.7}
h1{text-align:center;font-size:1.8em;margin:1.5em 0}h2{font-size:1.35em;margin-top:2em;border-bottom:1px solid #999}
h3{font-size:1.1em}h4{font-size:1em}p{text-indent:2em;margin:.4em 0}p.right{text-align:right}
table{border-collapse:collapse;width:100%;margin:.6em 0 1.4em;font-size:.85em}
th,td{border:1px solid #666;padding:2px 5px}th{background:#eee;font-weight:normal}
td.n{text-align:right;white-space:nowrap}caption{font-weight:bold;font-size:1.1em;padding:.4em}
.meta{display:flex;justify-content:space-between;font-size:.85em}.table-no{margin-top:1.5em}
tr.total td{font-weight:bold}p.empty{text-indent:0;font-style:italic}
p.generated{border-left:3px solid #99a;padding-left:.5em}
"""
GENERATED = "由 yusuan 依据公开表生成（原文件未载此段）"
TAGS = {"cover-sub": "h1", "cover": "h1", "part": "h2", "section": "h3", "subsection": "h4"}


def _para(p: Para) -> str:
    tag = TAGS.get(p.style)
    if tag:
        return f"<{tag}>{escape(p.text)}</{tag}>"
    cls = ' class="right"' if p.style == "right" else ""
    if p.generated:
        cls = f' class="generated" title="{GENERATED}"'
    return f"<p{cls}>{escape(p.text)}</p>"


def _head_row(cells: list[str], merge: bool = True) -> str:
    """Header cells; a blank cell after a filled one widens it (merged header)."""
    out: list[str] = []
    for c in cells:
        if merge and not c and out and out[-1] != "<th></th>":
            prev = out.pop()
            span = int(prev.split('colspan="')[1].split('"')[0]) + 1 if "colspan" in prev else 2
            text = prev[prev.index(">") + 1:-5]
            out.append(f'<th colspan="{span}">{text}</th>')
        else:
            out.append(f"<th>{escape(c)}</th>")
    return "<tr>" + "".join(out) + "</tr>"


def _grid(g: Grid) -> str:
    number = f'<div class="table-no">{g.number_line}</div>' if g.number_line else ""
    parts = [f'{number}<table><caption>{escape(g.title)}</caption>',
             f'<tr><td colspan="{len(g.head[0])}"><div class="meta"><span>{escape(g.publisher)}</span>'
             f"<span>{escape(g.unit)}</span></div></td></tr>"]
    parts += [_head_row(list(r), k == 0) for k, r in enumerate(g.head)]
    if g.numbering:  # the `※ 1 2 3` row under the header, as printed (and as the Word document has it)
        parts.append("<tr>" + "".join(f'<th class="no">{escape(c)}</th>' for c in g.numbering) + "</tr>")
    for r in g.rows:
        cls = ' class="total"' if r.kind == "total" else ""
        tds = "".join(f'<td class="n">{cell_text(c)}</td>' if i >= g.n_labels and not isinstance(c, str) or
                      (g.sided and not isinstance(c, str)) else f"<td>{escape(cell_text(c))}</td>"
                      for i, c in enumerate(r.cells))
        parts.append(f"<tr{cls}>{tds}</tr>")
    parts.append("</table>")
    if g.empty_statement:
        parts.append(f'<p class="empty">{escape(g.empty_statement)}</p>')
    return "\n".join(parts)


def _form(f: Form) -> str:
    width = max(len(r) for r in f.rows)
    rows = []
    for r in f.rows:
        cells = "".join(f"<td>{escape(c)}</td>" for c in r)
        pad = f'<td colspan="{width - len(r)}"></td>' if len(r) < width else ""
        rows.append(f"<tr>{cells}{pad}</tr>")
    return (f"<table><caption>{escape(f.title)}<br>{escape(f.subtitle)}</caption>" + "".join(rows) + "</table>")


def render_html(doc: Document) -> str:
    body = []
    for b in doc.blocks:
        if isinstance(b, Para):
            body.append(_para(b))
        elif isinstance(b, Grid):
            body.append(_grid(b))
        else:
            body.append(_form(b))
    title = escape(f"{doc.department}{doc.year}年{doc.kind}公开")
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
