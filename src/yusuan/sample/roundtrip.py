"""Round trips of sampled documents: write a department in a format (in its sampled style), read it back with
`parse`, compare with the model. Shared by the tests and `benchmarks/roundtrip.py`.

`lossy` layouts may give a value back as ambiguous between columns (counted, not a difference, when its true
column is among the candidates): the space text, where blank cells leave no trace. Every other format, PDF in all
its rulings included, must come back exactly."""

from __future__ import annotations

import importlib.util
import time
from dataclasses import dataclass

from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.sample.final import final_draft
from yusuan.sample.style import style
from yusuan.write import Style, build, render
from yusuan.write.compare import Result, compare

READERS: dict[str, str | None] = {"txt": None, "txt-tab": None, "xlsx": "yusuan.ingest.xlsx",
                                  "pdf": "yusuan.ingest.pdf", "docx": "yusuan.ingest.docx",
                                  "html": "yusuan.ingest.html"}
# reader limitations found by these round trips and not yet fixed; a failure matching one is counted apart
# (both PDF limits found so far, rows of unruled tables and merged performance tables, are fixed)
KNOWN: dict[str, str] = {}


def formats() -> list[str]:
    """The formats a reader exists for on this machine (PDF also needs a CJK font to write)."""
    out = []
    for fmt, module in READERS.items():
        if module is not None and importlib.util.find_spec(module) is None:
            continue
        if fmt == "pdf" and not _font():
            continue
        out.append(fmt)
    return out


def _font() -> bool:
    from yusuan.write.fonts import FontMissing, cjk_font

    try:
        cjk_font()
    except FontMissing:
        return False
    return True


def lossy(fmt: str, st: Style) -> bool:
    return fmt == "txt"


def known_issue(fmt: str, st: Style, res: Result) -> str | None:
    """The KNOWN limit a failed round trip matches, if any (none are open)."""
    return None


@dataclass
class Outcome:
    index: int
    fmt: str
    result: Result
    seconds: float
    known: str | None

    @property
    def ok(self) -> bool:
        return self.result.ok


KINDS = ("预算", "决算")


def run(seed: int, index: int, fmt: str, year: int = 2025, kind: str = "预算") -> Outcome:
    """One round trip; `kind` 决算: the department's 决算 (with the 预算 it executed and last year's 决算, so that its
    prose states 年初预算数, rates and changes), for `year`."""
    start = time.perf_counter()
    st = style(seed, index)
    if kind == "决算":
        fd = final_draft(seed, index, year)
        m, doc = fd.d, fd.document()
    else:
        m = department(seed, index, year)
        doc = build(m)
    got = parse_bytes(render(doc, fmt, st), f"sample-{seed}-{index:04d}{'.txt' if fmt.startswith('txt') else '.' + fmt}")
    res = compare(m, got, doc, lossy=lossy(fmt, st))
    return Outcome(index, fmt, res, time.perf_counter() - start, known_issue(fmt, st, res))
