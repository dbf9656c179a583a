"""Small text helpers shared by the parsers: amounts, codes, label normalization."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# never started inside a run of digits (unless right after a whole amount, as in glued `100.00200.00`): a long digit
# run stays linear instead of restarting the search at every digit
AMOUNT_RE = re.compile(r"(?:(?<![\d,])|(?<=\.\d\d))-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}")
AMOUNT_FULL = re.compile(r"^" + AMOUNT_RE.pattern + r"$")
# a functional/economic code at the start of a line: 类 3 digits, then 款 2 and 项 2 (separated by spaces)
# 功能分类 codes start with 2, 经济分类 codes with 3; the code is followed by a space, the name, or the line's end
# (so a wrapped name piece such as `024〕39号）` is not taken for a code)
CODE_START = re.compile(r"^([23]\d{2})(?:\s*(\d{2}))?(?:\s*(\d{2}))?(?=\s|$|[\u4e00-\u9fff])")
CODE_GLUED = re.compile(r"^(\d{2})\s*(\D.*)$")
CJK = re.compile(r"[\u4e00-\u9fff]")
_LABEL_STRIP = re.compile(r"[\s:：]|^其中|^[一二三四五六七八九十]+、|^\d+[.、．]|^（[一二三四五六七八九十]+）")
_PARENS = str.maketrans({"(": "（", ")": "）"})


def is_amount(token: str) -> bool:
    return bool(AMOUNT_FULL.match(token))


CELL_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$")


def is_cell_number(token: str) -> bool:
    """A value cell of a layout that keeps cells (tab, xlsx, docx, html, pdf): exports may drop the decimals
    (`2000` for 2,000.00). Free text only counts figures printed with two decimals (`is_amount`)."""
    return bool(CELL_NUMBER.match(token))


def to_decimal(token: str) -> Decimal | None:
    try:
        return Decimal(token.replace(",", ""))
    except InvalidOperation:
        return None


def cents(d: Decimal) -> int:
    return int((d * 100).to_integral_value())


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def flat(s: str) -> str:
    """Whitespace removed, ASCII parentheses made full-width: how labels are compared."""
    return _SPACES.sub("", s).translate(_PARENS)


# numbering whose 、 was displaced to the end of the label by the PDF's text order: `四 上级补助收入、`
_DISPLACED = re.compile(r"^\s*[一二三四五六七八九十]+\s+(\S.*?)\s*、\s*$")


def label_key(s: str) -> str:
    """A printed label with numbering (一、 1. （一）, also `四 上级补助收入、`), 其中： and spaces removed."""
    s = flat(_DISPLACED.sub(r"\1", s))
    prev = None
    while prev != s:
        prev = s
        s = _LABEL_STRIP.sub("", s)
    return s.replace("（小计）", "").replace("小计", "") if s not in ("小计",) else s


def split_trailing_amounts(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Tokens of a line → (text tokens, trailing amount tokens)."""
    i = len(tokens)
    while i > 0 and is_amount(tokens[i - 1]):
        i -= 1
    return tokens[:i], tokens[i:]


# the header's last words glued to the 合计 row that follows them: `类 款 项 合计`, `科目名称 合计`
_HEADER_GLUE = re.compile(r"^(?:类|款|项|科目编码|科目名称|功能分类|支出功能分类|项目)+")


def is_total_label(s: str) -> bool:
    f = flat(s)
    return f in ("总计", "合计", "总合计") or _HEADER_GLUE.sub("", f) in ("总计", "合计") and f != "项目合计"


def total_name(s: str) -> str:
    """A total row's label without the header words glued before it (`类 款 项 合计` → 合计)."""
    f = flat(s)
    return _HEADER_GLUE.sub("", f) if is_total_label(f) else f


class Joined:
    """Lines joined into one string (prose wraps mid-word and mid-number), with a map back to line numbers."""

    def __init__(self, lines: list, sep: str = "") -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.lines = [ln for ln in lines if ln.stripped]
        pos = 0
        for ln in self.lines:
            self.starts.append(pos)
            t = ln.stripped
            self.parts.append(t)
            pos += len(t) + len(sep)
        self.text = sep.join(self.parts)

    def line_at(self, offset: int):
        """The Line holding the character at `offset`."""
        import bisect

        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.lines[i] if self.lines else None

    def lines_of(self, start: int, end: int) -> tuple[int | None, int | None]:
        a, b = self.line_at(start), self.line_at(max(start, end - 1))
        return (a.no if a else None), (b.no if b else None)
