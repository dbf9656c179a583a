"""The model's JSON form has one definition (issue 10): the model writes and reads itself, and the JSON Schema
is generated from it; kinds are typed; Chinese numerals are read and written through cn2an with the behaviour of
the hand-written converters it replaced."""

from __future__ import annotations

from itertools import product

from yusuan.parse.document import _cn_number, _date
from yusuan.parse.tables import _table_number
from yusuan.write.document import cn_number

DIGITS = "零一二三四五六七八九"


def _old_cn_number(s: str) -> int:
    """The converter cn2an replaced (parse/document.py), kept here as the reference of its behaviour."""
    digit = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
    if "十" not in s:
        return digit.get(s, 0)
    tens, _, ones = s.partition("十")
    return (digit.get(tens, 1) if tens else 1) * 10 + (digit.get(ones, 0) if ones else 0)


def _old_cn_text(n: int) -> str:
    """The writer's converter cn2an replaced (write/document.py), for 0 … 99."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def test_the_writer_numbers_as_before() -> None:
    assert [cn_number(n) for n in range(100)] == [_old_cn_text(n) for n in range(100)]
    assert cn_number(12) == "十二" and cn_number(20) == "二十" and cn_number(100) == "一百"


def test_days_and_months_read_as_before() -> None:
    """Every numeral of a month or a day reads as before; of the strings the date pattern admits that are no
    numeral (十十, 一二), none now reads as a different number: each is 0 (no date) or what it was."""
    for n in range(1, 32):
        assert _cn_number(_old_cn_text(n)) == n == _old_cn_number(_old_cn_text(n))
    for size in (1, 2, 3):
        for chars in product("一二三四五六七八九十", repeat=size):
            s = "".join(chars)
            assert _cn_number(s) in (0, _old_cn_number(s)), s


def test_dates_in_chinese_numerals() -> None:
    assert _date("二〇二五年一月二十七日") == "2025-01-27"
    assert _date("二零二四年十二月三十一日") == "2024-12-31"
    assert _date("二〇二五年十三月一日") is None
    assert _date("二〇二五年一二月一日") is None  # not a numeral: as before, no date


def test_table_numbers() -> None:
    assert [_table_number(t) for t in ("3", "三", "十", "十一", "十二", "九")] == [3, 3, 10, 11, 12, 9]
    assert _table_number("十十") == 0 and _table_number("一二") == 0
