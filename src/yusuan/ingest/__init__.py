"""Ingest: a source file → pages and lines (and, where the layout keeps them, cells).

Every reader produces the same `SourceDoc`; parsing never looks at the file format again.
- space layout (text extracted from a PDF): `Line.cells` is None; blank cells left no trace.
- tab layout, xlsx, pdf with positions: `Line.cells` holds one entry per cell, blank cells kept as "".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.model.kinds import SourceLayout

# the kinds of file yusuan reads, by extension (a folder given as input is walked for these)
READ_EXTENSIONS = (".txt", ".text", ".pdf", ".xlsx", ".xls", ".docx", ".html", ".htm")


class IngestError(Exception):
    """A source that cannot be read: the message is for the user (Chinese) and names the problem."""


@dataclass
class Line:
    no: int  # 1-based line number in the source (for pdf/xlsx: running number over the document)
    text: str  # normalized text; cells joined with a single space
    page: int | None = None
    cells: list[str] | None = None
    page_line: int | None = None  # pdf: the visual line of its page where it starts (1-based), as a reader counts
    stripped: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.stripped = self.text.strip()


@dataclass
class SourceDoc:
    path: str
    sha256: str
    layout: SourceLayout
    lines: list[Line] = field(default_factory=list)
    pages: int | None = None
    notes: list[str] = field(default_factory=list)
