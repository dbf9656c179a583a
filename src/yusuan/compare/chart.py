"""Charts of a comparison, offline: a PNG drawn by matplotlib with a CJK font found on the system (the writer's
`write/fonts.py`), and a self-contained HTML page with an inline SVG (no script, no CDN; the browser's own fonts draw
the Chinese labels)."""

from __future__ import annotations

import html
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

MAX_BARS = 40


def bars(rows: list[dict[str, Any]], key: str = "total") -> list[tuple[str, float]]:
    """(label, value) per row with a value, largest first: departments of a year, or years of one department."""
    over_years = len({r["department"] for r in rows}) == 1 and len(rows) > 1
    got = [(f"{r['year']}年" if over_years else str(r["department"]), float(r[key]))
           for r in rows if isinstance(r.get(key), Decimal | int | float)]
    return got if over_years else sorted(got, key=lambda b: -b[1])[:MAX_BARS]


def title_of(rows: list[dict[str, Any]]) -> str:
    depts = {r["department"] for r in rows}
    years = sorted({r["year"] for r in rows})
    if len(depts) == 1 and rows:
        return f"{rows[0]['department']} 收支总计（万元），{years[0]}–{years[-1]}年"
    return f"{'、'.join(str(y) for y in years)}年 各部门收支总计（万元）"


def png(rows: list[dict[str, Any]], key: str = "total") -> bytes:
    """The bar chart as PNG; raises FontMissing when the system has no CJK font (labels would be empty boxes)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    from yusuan.write.fonts import cjk_font

    font = font_manager.FontProperties(fname=str(cjk_font()))
    data = bars(rows, key)
    fig = Figure(figsize=(9, max(2.5, 0.35 * len(data) + 1.2)), dpi=100)
    ax = fig.add_subplot()
    labels = [b[0] for b in data][::-1]
    values = [b[1] for b in data][::-1]
    ax.barh(range(len(values)), values, color="#3b6ea5")
    ax.set_yticks(range(len(labels)), labels, fontproperties=font)
    ax.set_title(title_of(rows), fontproperties=font)
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:,.2f}", va="center", fontsize=8)
    ax.margins(x=0.15)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def html_page(rows: list[dict[str, Any]], key: str = "total") -> str:
    """A self-contained HTML page: an inline SVG bar chart and the figures as a table; every label escaped."""
    data = bars(rows, key)
    top = max((v for _l, v in data), default=0.0) or 1.0
    width, label_w, row_h = 900, 260, 26
    height = row_h * len(data) + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(title_of(rows))}">']
    for i, (label, value) in enumerate(data):
        y = 10 + i * row_h
        w = max(1.0, (width - label_w - 120) * value / top)
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{html.escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="#3b6ea5"/>'
                     f'<text x="{label_w + w + 6:.1f}" y="{y + 17}">{value:,.2f}</text>')
    parts.append("</svg>")
    table = "".join(f"<tr><td>{html.escape(label)}</td><td>{value:,.2f}</td></tr>" for label, value in data)
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title_of(rows))}</title><style>body{{font-family:'Noto Sans CJK SC','WenQuanYi "
            "Micro Hei','PingFang SC','Microsoft YaHei',sans-serif;margin:2em}svg text{font-size:13px}"
            "td{padding:2px 12px;text-align:right}td:first-child{text-align:left}</style></head><body>"
            f"<h1>{html.escape(title_of(rows))}</h1>{''.join(parts)}<table>{table}</table></body></html>")


def write_chart(rows: list[dict[str, Any]], target: Path) -> None:
    if target.suffix.lower() == ".png":
        target.write_bytes(png(rows))
    else:
        target.write_text(html_page(rows), encoding="utf-8")
