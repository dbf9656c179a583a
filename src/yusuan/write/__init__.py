"""Write a standard disclosure from a model: text (space and tab layouts), HTML, XLSX, DOCX, PDF.

`render(doc, fmt, style)` draws one `Document` (see `compose.build`) in one format; `FORMATS` maps a format name
to its file suffix. `Style` varies the look where a reader must cope with variants (space text: wrapped prose and
names, page marks; PDF: fonts, widths, pages, ruling); the default is the plain form. What is written is consistent by construction: shares, totals and changes are computed from the
model's tables, never copied from its prose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from yusuan.write.compose import build
from yusuan.write.document import Document
from yusuan.write.render_pdf import PdfStyle
from yusuan.write.render_text import TextStyle

__all__ = ["FORMATS", "Document", "PdfStyle", "Style", "TextStyle", "build", "render", "suffix"]

FORMATS: dict[str, str] = {"txt": ".txt", "txt-tab": ".tab.txt", "html": ".html", "xlsx": ".xlsx", "docx": ".docx",
                           "pdf": ".pdf"}
DEFAULT_FORMATS = ("txt", "txt-tab", "html", "xlsx", "docx", "pdf")


@dataclass(frozen=True)
class Style:
    text: TextStyle = field(default_factory=TextStyle)
    pdf: PdfStyle = field(default_factory=PdfStyle)


def _renderer(fmt: str, style: Style) -> Callable[[Document], bytes]:
    if fmt == "txt":
        from yusuan.write.render_text import render_space

        return lambda d: render_space(d, style.text).encode("utf-8")
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

        return lambda d: render_pdf(d, style.pdf)
    raise ValueError(f"未知的输出格式：{fmt}（可用：{'、'.join(FORMATS)}）")


def render(doc: Document, fmt: str, style: Style | None = None) -> bytes:
    return _renderer(fmt, style or Style())(doc)


def suffix(fmt: str) -> str:
    return FORMATS[fmt]
