"""第三部分 情况说明 of the 决算: its sections (一 … 十一) and sub-sections, and where the tables hold what they state.

The national template (FINAL.md «Parts», «Prose») numbers eleven sections: one per table (一 收入支出决算总体情况 …
九 国有资本经营预算), 十 预算绩效管理情况 and 十一 其他重要事项 (（一）机关运行经费 （二）政府采购 （三）国有资产占用).
Section 五 is told apart by its （一）总体 （二）结构 （三）具体 paragraphs; 五（三） gives each 项 its 年初预算 and
支出决算 (`年初预算为X万元` → metric `budget`, `完成年初预算的Y%` → metric `execution_rate`).

Blocks (the `block` of each statement and section; the checker finds the figures by them): total, income,
expenditure, fiscal, general_split (五（一）, also the heading of 五), class_structure (五（二）), item_usage (五（三）, each
项's statements with the subject `类名/款名/项名` and its code), basic_split, three_public, fund, soe, performance
(十), other (十一's heading), operating_cost, procurement, assets.
"""

from __future__ import annotations

from yusuan.spec.types import ProseSpec, Subject

F1, F2, F3, F4, F5 = ("final_overview", "final_income", "final_expenditure", "final_fiscal_overview",
                      "final_general_expenditure")
F6, F7, F8, F9 = "final_general_basic", "final_three_public", "final_fund", "final_soe"
AMOUNT = ("amount",)
TOTAL = ("total",)

# 二 收入: subject words (first match wins) → the final_overview income item that holds the figure; 财政拨款收入 is
# the fiscal column of the 收入决算表 (the overview splits it by budget)
_INCOME_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("一般公共预算",), "general"), (("政府性基金",), "fund"), (("国有资本",), "soe"),
    (("上级补助",), "superior_subsidy"), (("事业收入",), "business_income"), (("经营收入",), "operating_income"),
    (("附属单位",), "affiliated_remittance"), (("其他收入",), "other_income"),
    (("非财政拨款结余",), "nonfiscal_balance_used"), (("年初结转",), "opening_balance"),
)
# 三 支出: subject words → the column of the 支出决算表's 合计 row
_EXPENDITURE_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("基本支出",), "basic"), (("项目支出",), "project"), (("上缴上级",), "remit_superior"),
    (("经营支出",), "operating"), (("附属单位",), "subsidy_affiliated"),
)
# 四 财政拨款: subject words → (row, column) of the 财政拨款收入支出决算总表
_FISCAL_WORDS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("年初",), "opening_fiscal_balance", "amount"), (("年末",), "closing_fiscal_balance", "total"),
    (("本年收入",), "current_income", "amount"), (("本年支出",), "current_expenditure", "total"),
    (("一般公共预算",), "general", "amount"), (("政府性基金",), "fund", "amount"), (("国有资本",), "soe", "amount"),
)
_THREE_PUBLIC_WORDS = ((("出国",), "abroad"), (("接待",), "reception"), (("购置及运行",), "vehicle"),
                       (("购置",), "vehicle_purchase"), (("运行",), "vehicle_operation"))

# where the tables hold each amount of 第三部分, block by block (the checker's NV-AMOUNT reads these; only amounts
# are compared: a `budget` statement has no table except the 三公 table's 预算数)
SUBJECTS: tuple[Subject, ...] = (
    Subject("total", ((F1, "income_total", AMOUNT),), first=True),
    Subject("income", ((F1, "current_income", AMOUNT), (F2, "total", TOTAL)), first=True),
    *(Subject("income", ((F1, item, AMOUNT),), words=words) for words, item in _INCOME_WORDS),
    Subject("income", ((F2, "total", ("fiscal",)),), words=("财政拨款",)),
    Subject("income"),
    Subject("expenditure", ((F3, "total", TOTAL), (F1, "current_expenditure", AMOUNT)), first=True),
    *(Subject("expenditure", ((F3, "total", (col,)),), words=words) for words, col in _EXPENDITURE_WORDS),
    Subject("expenditure"),
    Subject("fiscal", ((F4, "income_total", AMOUNT), (F4, "expenditure_total", TOTAL)), first=True),
    *(Subject("fiscal", ((F4, row, (col,)),), words=words) for words, row, col in _FISCAL_WORDS),
    Subject("fiscal", ((F4, "", ("total", "general", "fund", "soe")),), find="class_named_in_subject"),
    Subject("general_split", ((F5, "total", TOTAL),), first=True),
    Subject("general_split", ((F5, "total", ("basic",)),), words=("基本支出",)),
    Subject("general_split", ((F5, "total", ("project",)),), words=("项目支出",)),
    Subject("general_split"),
    Subject("class_structure", ((F5, "", TOTAL),), words=("（类）",), find="class_by_name"),
    Subject("class_structure", ((F5, "total", TOTAL),), first=True),
    Subject("class_structure"),
    Subject("item_usage", ((F5, "", TOTAL),), words=("/",), find="item_by_names"),
    Subject("item_usage", ((F5, "total", TOTAL),), first=True),
    Subject("item_usage"),
    Subject("basic_split", ((F5, "total", ("basic",)),), first=True),
    Subject("basic_split", ((F6, "personnel_total", AMOUNT),), words=("人员经费",)),
    Subject("basic_split", ((F6, "public_total", AMOUNT),), words=("公用经费",)),
    Subject("basic_split"),
    Subject("three_public", ((F7, "total", ("final",)),), first=True),
    *(Subject("three_public", ((F7, item, ("final",)),), words=words) for words, item in _THREE_PUBLIC_WORDS),
    Subject("three_public"),
    # 八、九: each 项 by its head (`类/款/项`), then the fund's 收入 and 支出 (the fiscal overview's where the
    # fund's own table is not printed)
    *(s for block, table in (("fund", F8), ("soe", F9)) for s in (
        Subject(block, ((table, "", ("expenditure_total",)),), words=("/",), find="item_by_names"),
        Subject(block, ((table, "", ("expenditure_total",)),), words=("（项）",), find="item_by_name"),
        Subject(block, ((table, "total", ("income",)),), words=("收入",), fallback=((F4, block, AMOUNT),),
                fallback_if="no_table"),
        Subject(block, ((table, "total", ("expenditure_total",)),),
                fallback=((F4, "expenditure_total", (block,)),), fallback_if="no_table"))),
)

# words that end the clause before an amount and say what it is (regex over the clause, spaces removed); the 年初
# 预算数 is the budget as passed, the 全年预算数 the budget after the year's adjustments (FINAL.md «Prose»)
AMOUNT_WORDS: tuple[tuple[str, str], ...] = (
    (r"(?:全年|调整后的?|调整)预算(?:数)?(?:为|是)?$", "full_year_budget"),
    (r"年初预算(?:数)?(?:为|是)?$", "budget"),
    (r"预算(?:数)?(?:为|是)$", "budget"),
    (r"(?:^支出)?决算(?:数)?(?:为|是)?$", "amount"),  # a lone `支出决算为` goes on with the subject
)

PROSE = ProseSpec(
    # most specific first: 八、九 and 六 also hold the words of 四 and 五
    section_words=(
        (("政府性基金",), "fund"), (("国有资本经营",), "soe"), (("三公",), "three_public"),
        (("基本支出",), "basic_split"), (("一般公共预算",), "general"), (("财政拨款收入支出",), "fiscal"),
        (("绩效",), "performance"), (("其他重要事项",), "other"),
        # the matters of 其他重要事项 where a province numbers them as sections of their own (一、机关运行经费支出情况)
        (("运行经费",), "operating_cost"), (("政府采购",), "procurement"), (("国有资产",), "assets"),
        (("收入支出",), "total"), (("收入",), "income"), (("支出",), "expenditure"),
    ),
    section_blocks={"一": "total", "二": "income", "三": "expenditure", "四": "fiscal", "五": "general",
                    "六": "basic_split", "七": "three_public", "八": "fund", "九": "soe", "十": "performance",
                    "十一": "other"},
    sub_words=(
        (("运行经费",), "operating_cost"), (("政府采购",), "procurement"), (("国有资产",), "assets"),
        (("资产占用",), "assets"), (("绩效",), "performance"), (("结构",), "class_structure"),
        (("具体",), "item_usage"), (("总体",), "general_split"),
    ),
    split_section=("五", "general"),
    split_blocks={"一": "general_split", "二": "class_structure", "三": "item_usage"},
    split_default="general_split",
    split_under=("general", "other"),
    count_blocks=("assets", "performance", "other", "procurement", "three_public"),
    share_base={"income": "本年收入合计", "expenditure": "本年支出合计", "general_split": "本年支出合计",
                "class_structure": "一般公共预算财政拨款支出合计", "basic_split": "基本支出合计"},
    change_base="上年决算",
    subjects=SUBJECTS,
    code_tables=(F5, F3, F2, F8, F9),
    item_blocks=("item_usage", "fund", "soe"),  # 八、九 state each 项 of the fund's table like 五（三）
    amount_words=AMOUNT_WORDS,
    after_words=((r"^\s*(?:[（(]含[)）])?\s*以上", "threshold"),),  # 单价100万元（含）以上设备: a threshold
    rate_bases=((("全年",), "全年预算"), (("调整",), "全年预算")),
    rate_default="年初预算",
    rate_budgets={"年初预算": "budget", "全年预算": "full_year_budget"},
    level_words=("持平",),
)

# the explanation sections (block, what it explains) a 决算 must hold: the eleven of the template, and the three
# matters 十一 must state
EXPLANATIONS: tuple[tuple[str, str], ...] = (
    ("total", "收入支出决算总体情况"), ("income", "收入决算情况"), ("expenditure", "支出决算情况"),
    ("fiscal", "财政拨款收入支出决算总体情况"), ("general_split", "一般公共预算财政拨款支出决算情况"),
    ("basic_split", "一般公共预算财政拨款基本支出决算情况"), ("three_public", "财政拨款“三公”经费支出决算情况"),
    ("fund", "政府性基金预算财政拨款收入支出决算情况"), ("soe", "国有资本经营预算财政拨款收入支出决算情况"),
    ("performance", "预算绩效管理情况"), ("other", "其他重要事项"),
    ("operating_cost", "机关运行经费"), ("procurement", "政府采购"), ("assets", "国有资产占有使用情况"),
)
