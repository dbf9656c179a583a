"""Write a standard disclosure from a model: text (space and tab layouts), HTML, XLSX, DOCX, PDF.

`render(doc, fmt)` draws one `Document` (see `document.build`) in one format; `FORMATS` maps a format name to its
file suffix. What is written is consistent by construction: shares, totals and changes are computed from the
model's tables, never copied from its prose.
"""

from __future__ import annotations

from collections.abc import Callable

from yusuan.write.document import Document, build

__all__ = ["FORMATS", "Document", "build", "render", "suffix"]

FORMATS: dict[str, str] = {"txt": ".txt", "txt-tab": ".tab.txt", "html": ".html", "xlsx": ".xlsx", "docx": ".docx",
                           "pdf": ".pdf"}
DEFAULT_FORMATS = ("txt", "txt-tab", "html", "xlsx", "docx", "pdf")


def _renderer(fmt: str) -> Callable[[Document], bytes]:
    if fmt == "txt":
        from yusuan.write.render_text import render_space

        return lambda d: render_space(d).encode("utf-8")
    if fmt == "txt-tab":
        from yusuan.write.render_text import render_tab

        return lambda d: render_tab(d).encode("utf-8")
    if fmt == "html":
        from yusuan.write.render_html import render_html

        return lambda d: render_html(d).encode("utf-8")
    if fmt == "xlsx":
        from yusuan.write.render_xlsx import render_xlsx

        return render_xlsx
    if fmt == "docx":
        from yusuan.write.render_docx import render_docx

        return render_docx
    if fmt == "pdf":
        from yusuan.write.render_pdf import render_pdf

        return render_pdf
    raise ValueError(f"未知的输出格式：{fmt}（可用：{'、'.join(FORMATS)}）")


def render(doc: Document, fmt: str) -> bytes:
    return _renderer(fmt)(doc)


def suffix(fmt: str) -> str:
    return FORMATS[fmt]
