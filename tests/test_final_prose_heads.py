"""Per-项 heads of the 决算's prose: a 款 name holding a bracketed word of its own (`政府办公厅（室）…`), and the
项 paragraphs of 八/九 (政府性基金, 国有资本经营), get their 项 and its code like those of 五（三）."""

from __future__ import annotations

from decimal import Decimal

from yusuan.ingest import Line
from yusuan.model import Disclosure, Row, SourceFile, Table
from yusuan.parse.narrative import parse_narrative

DEPT = "某某区某某局"
TEXT = f"""第三部分 {DEPT}2024年度部门决算情况说明
五、一般公共预算财政拨款支出决算情况说明
（三）一般公共预算财政拨款支出决算具体情况
一般公共预算财政拨款支出年初预算为120.00万元，支出决算为110.00万元，完成年初预算的91.67%。其中：
1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。主要用于：基本支出。年初预算为
120.00万元，支出决算为110.00万元。
九、国有资本经营预算财政拨款收入支出决算情况说明
国有资本经营预算财政拨款收入40.00万元，支出40.00万元，支出具体情况如下：
1、国有资本经营预算支出（类）其他国有资本经营预算支出（款）其他国有资本经营预算支出（项）。主要用于：保障运转。
年初预算为45.00万元，支出决算为40.00万元。"""


def _table(key: str, rows: list[tuple[str, str]]) -> Table:
    return Table(type=key, rows=[Row(kind={3: "class", 5: "category", 7: "item"}[len(c)], code=c, name=n)
                                 for c, n in rows])


def _read() -> Disclosure:
    d = Disclosure(source=SourceFile("t.txt", "0", "space"), department=DEPT, template="final", kind="部门决算",
                   tables=[_table("final_general_expenditure", [("201", "一般公共服务支出"),
                                                                ("20103", "政府办公厅（室）及相关机构事务"),
                                                                ("2010301", "行政运行")]),
                           _table("final_soe", [("223", "国有资本经营预算支出"), ("22399", "其他国有资本经营预算支出"),
                                                ("2239900", "其他国有资本经营预算支出")])])
    parse_narrative(d, [Line(no=i, text=t, page=1) for i, t in enumerate(TEXT.splitlines(), start=1)])
    return d


def _coded(d: Disclosure, section: str) -> dict[tuple[str | None, str], Decimal]:
    return {(s.code, s.metric): s.value for s in d.narrative.statements if s.section.startswith(section) and s.code}


def test_a_bracketed_word_in_a_name_keeps_the_head() -> None:
    assert _coded(_read(), "五") == {("2010301", "budget"): Decimal("120.00"),
                                     ("2010301", "amount"): Decimal("110.00")}


def test_soe_items_get_their_code() -> None:
    assert _coded(_read(), "九") == {("2239900", "budget"): Decimal("45.00"),
                                     ("2239900", "amount"): Decimal("40.00")}
