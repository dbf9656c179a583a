"""The subject of a prose figure is decided from the sentence, whatever the line breaks, page marks and stray
punctuation of an extraction: the same document re-laid gives the same statements and no new finding."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from yusuan.check import check
from yusuan.model import Disclosure
from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.write import build, render

from .check_docs import clean, row, table


def text_of(index: int) -> str:
    return render(build(department(1, index)), "txt").decode("utf-8")


def statements(d: Disclosure) -> list[tuple]:
    return [(s.section, s.block, s.subject, s.metric, s.value) for s in d.narrative.statements]


def relaid(text: str, width: int, page_every: int) -> str:
    """第三部分 cut into lines of `width` characters, each starting with a space (as a PDF page's text does), with a
    page mark every `page_every` lines: headings wrap over several lines, numbers and words are cut anywhere."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("第三部分"))
    end = next(i for i, ln in enumerate(lines) if i > start and ("绩效目标表" in ln or "第四部分" in ln))
    out, n = lines[:start + 1], 0
    for ln in lines[start + 1:end]:
        for k in range(0, len(ln.strip()), width):
            out.append(" " + ln.strip()[k:k + width])
            n += 1
            if n % page_every == 0:
                out.append(f"- {n // page_every} -")
    return "\n".join(out + lines[end:])


def findings(text: str) -> set[tuple[str, str]]:
    return {(f.rule, f.message) for f in check(parse_bytes(text.encode("utf-8"), "x.txt"))}


@pytest.mark.parametrize("index,width", [(1, 21), *(pytest.param(i, w, marks=pytest.mark.slow)
                                                    for i, w in ((1, 9), (1, 44), (3, 9), (3, 21), (3, 44)))])
def test_relaid_prose_gives_the_same_statements_and_findings(index: int, width: int) -> None:
    text = text_of(index)
    base = parse_bytes(text.encode("utf-8"), "x.txt")
    again = parse_bytes(relaid(text, width, 7).encode("utf-8"), "x.txt")
    assert statements(again) == statements(base)
    assert not {r for r, _ in findings(relaid(text, width, 7)) - findings(text)}


def test_a_figure_cut_before_its_last_digit_is_not_a_page_number() -> None:
    text = text_of(1)
    m = re.search(r"(公务接待费 )(\d+\.\d)(\d)(万元)", text)
    assert m, "the 三公 sentence names 公务接待费"
    cut = text[:m.start()] + m.group(1) + m.group(2) + "\n" + m.group(3) + "\n" + m.group(4) + text[m.end():]
    got = [s for s in parse_bytes(cut.encode("utf-8"), "x.txt").narrative.statements
           if s.block == "three_public" and "接待" in s.subject and s.metric == "amount"]
    assert got and got[0].value == Decimal(m.group(2) + m.group(3))


@pytest.mark.parametrize("colon", ["：", "∶", "︰"])
def test_total_sentence_ending_a_line_before_a_colon(colon: str) -> None:
    # `…收支总预算T万元。` ends a line and the next begins `：一般公共预算G万元，占p%…`: G is 一般公共预算's figure,
    # never a second statement of the total, and its share is not recomputed on G
    text = text_of(3)
    broken = re.sub(r"部门收入预算 ([\d,.]+)万元，其中：\n", rf"2025年收支总预算 \1万元。\n\n- 7 -\n\n {colon}", text)
    assert broken != text
    d = parse_bytes(broken.encode("utf-8"), "x.txt")
    general = [s for s in d.narrative.statements if s.section == "二" and s.metric == "amount"
               and s.subject.endswith("一般公共预算")]
    assert general, statements(d)
    assert not [r for r, _ in findings(broken) if r.startswith("NV")]


def test_basic_expenditure_is_compared_with_the_basic_column() -> None:
    # section 三's total sentence is lost: its first amount is 基本支出, which is table 3's 基本支出 column
    d = clean(3)
    kept = [s for s in d.narrative.statements if not (s.section == "三" and s.metric == "amount"
                                                      and "基本支出" not in s.subject and "项目支出" not in s.subject)]
    assert len(kept) < len(d.narrative.statements)
    d.narrative.statements = kept
    assert not [f for f in check(d, only=["NV-AMOUNT", "NV-SHARE"])]
    basic = row(table(d, "expenditure_overview"), kind="total")
    basic.values["basic"] += 1
    hits = check(d, only=["NV-AMOUNT"])
    assert len(hits) == 1 and "基本支出" in hits[0].message and hits[0].difference == Decimal(-1)


def test_the_same_prose_figure_compared_twice_is_one_finding() -> None:
    from yusuan.check import Finding, Location, merge_causes

    prose = Location(line=40, quote="一般公共预算 424.53万元")

    def amount(actual: str, table: int, line: int = 40) -> Finding:
        return Finding("NV-AMOUNT", "narrative_vs_table", "warning", f"与表{table}不一致。", actual=Decimal(actual),
                       locations=[Location(line=line, quote=prose.quote), Location(line=line + 100, table=table)])

    merged = merge_causes([amount("424.53", 1), amount("424.53", 2)], {})
    assert len(merged) == 1 and {loc.table for loc in merged[0].locations} == {None, 1, 2}
    assert "与表1不一致" in merged[0].message and "与表2不一致" in merged[0].message
    # two figures of one line are two causes; the same figure on another line too
    assert len(merge_causes([amount("424.53", 1), amount("46.09", 1)], {})) == 2
    assert len(merge_causes([amount("424.53", 1), amount("424.53", 1, line=41)], {})) == 2
