"""Round trips of sampled documents: write a department in a format (in its sampled style), read it back with
`parse`, compare with the model. Shared by the tests and `benchmarks/roundtrip.py`.

`lossy` layouts may give a value back as ambiguous between columns (counted, not a difference, when its true
column is among the candidates): the space text, where blank cells leave no trace, and PDF tables printed without
vertical rules, whose rows the PDF reader currently emits as text (see `KNOWN`)."""

from __future__ import annotations

import importlib.util
import time
from dataclasses import dataclass

from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.sample.style import style
from yusuan.write import Style, build, render
from yusuan.write.compare import Result, compare

READERS: dict[str, str | None] = {"txt": None, "txt-tab": None, "xlsx": "yusuan.ingest.xlsx",
                                  "pdf": "yusuan.ingest.pdf", "docx": "yusuan.ingest.docx",
                                  "html": "yusuan.ingest.html"}
# reader limitations found by these round trips and reported; a failure matching one is counted apart
KNOWN: dict[str, str] = {
    "pdf-rules": "PDF 表格只有横线或无线时，数据行按文本输出（未用编号行定列），折行的项目名称可能串行",
    "pdf-forms": "PDF 中相邻页的项目支出绩效目标表标题相同，被当作续表的重复表头删去",
}


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
    return fmt == "txt" or (fmt == "pdf" and st.pdf.ruling != "grid")


def known_issue(fmt: str, st: Style, res: Result) -> str | None:
    if fmt != "pdf" or res.ok:
        return None
    if st.pdf.ruling != "grid":
        return "pdf-rules"
    if all("项目绩效目标表" in d for d in res.differences):
        return "pdf-forms"
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


def run(seed: int, index: int, fmt: str, year: int = 2025) -> Outcome:
    start = time.perf_counter()
    m = department(seed, index, year)
    st = style(seed, index)
    doc = build(m)
    got = parse_bytes(render(doc, fmt, st), f"sample-{seed}-{index:04d}{'.txt' if fmt.startswith('txt') else '.' + fmt}")
    res = compare(m, got, doc, lossy=lossy(fmt, st))
    return Outcome(index, fmt, res, time.perf_counter() - start, known_issue(fmt, st, res))
