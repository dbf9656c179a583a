"""The nine tables of the national 部门决算 template (FINAL.md), as data: titles, columns, row items.

Titles are printed without `表 N`; `number` is the table's place in the template (一 … 九 in the 目录).
"""

from __future__ import annotations

from yusuan.spec.types import ColumnSpec, TableSpec
from yusuan.spec.types import cols as _cols

# income items of 收入支出决算总表 (numbering dropped): printed label → item key
OVERVIEW_INCOME: dict[str, str] = {
    "一般公共预算财政拨款收入": "general", "一般公共预算财政拨款": "general",
    "政府性基金预算财政拨款收入": "fund", "政府性基金预算财政拨款": "fund",
    "国有资本经营预算财政拨款收入": "soe", "国有资本经营预算财政拨款": "soe",
    "上级补助收入": "superior_subsidy", "事业收入": "business_income", "经营收入": "operating_income",
    "附属单位上缴收入": "affiliated_remittance", "其他收入": "other_income", "本年收入合计": "current_income",
    "使用非财政拨款结余": "nonfiscal_balance_used", "使用非财政拨款结余（含专用结余）": "nonfiscal_balance_used",
    "使用非财政拨款结余(含专用结余)": "nonfiscal_balance_used", "使用专用结余": "nonfiscal_balance_used",
    "年初结转和结余": "opening_balance", "年初结转结余": "opening_balance", "总计": "income_total",
    "收入总计": "income_total",
}
OVERVIEW_EXPENDITURE: dict[str, str] = {
    "本年支出合计": "current_expenditure", "结余分配": "balance_distribution", "年末结转和结余": "closing_balance",
    "年末结转结余": "closing_balance", "总计": "expenditure_total", "支出总计": "expenditure_total",
}
OVERVIEW_LABELS: dict[str, str] = {
    "general": "一、一般公共预算财政拨款收入", "fund": "二、政府性基金预算财政拨款收入",
    "soe": "三、国有资本经营预算财政拨款收入", "superior_subsidy": "四、上级补助收入", "business_income": "五、事业收入",
    "operating_income": "六、经营收入", "affiliated_remittance": "七、附属单位上缴收入", "other_income": "八、其他收入",
    "current_income": "本年收入合计", "nonfiscal_balance_used": "使用非财政拨款结余（含专用结余）",
    "opening_balance": "年初结转和结余", "income_total": "总计",
    "current_expenditure": "本年支出合计", "balance_distribution": "结余分配", "closing_balance": "年末结转和结余",
    "expenditure_total": "总计",
}
OVERVIEW_TREE: dict[str, tuple[str, ...]] = {
    "current_income": ("general", "fund", "soe", "superior_subsidy", "business_income", "operating_income",
                       "affiliated_remittance", "other_income"),
    "income_total": ("current_income", "nonfiscal_balance_used", "opening_balance"),
}

# 财政拨款收入支出决算总表: income items; the opening balance's parts are keyed by their parent (context)
FISCAL_INCOME: dict[str, str] = {
    "一般公共预算财政拨款": "general", "一般公共预算财政拨款收入": "general",
    "政府性基金预算财政拨款": "fund", "政府性基金预算财政拨款收入": "fund",
    "国有资本经营预算财政拨款": "soe", "国有资本经营预算财政拨款收入": "soe",
    "本年收入合计": "current_income", "年初财政拨款结转和结余": "opening_fiscal_balance",
    "年初财政拨款结转结余": "opening_fiscal_balance", "总计": "income_total", "收入总计": "income_total",
}
FISCAL_CONTEXT: dict[str, dict[str, str]] = {
    "opening_fiscal_balance": {"general": "opening_general", "fund": "opening_fund", "soe": "opening_soe"},
}
FISCAL_EXPENDITURE: dict[str, str] = {
    "本年支出合计": "current_expenditure", "年末财政拨款结转和结余": "closing_fiscal_balance",
    "年末财政拨款结转结余": "closing_fiscal_balance", "总计": "expenditure_total", "支出总计": "expenditure_total",
}
FISCAL_LABELS: dict[str, str] = {
    "general": "一、一般公共预算财政拨款", "fund": "二、政府性基金预算财政拨款", "soe": "三、国有资本经营预算财政拨款",
    "current_income": "本年收入合计", "opening_fiscal_balance": "年初财政拨款结转和结余",
    "opening_general": "一、一般公共预算财政拨款", "opening_fund": "二、政府性基金预算财政拨款",
    "opening_soe": "三、国有资本经营预算财政拨款", "income_total": "总计",
    "current_expenditure": "本年支出合计", "closing_fiscal_balance": "年末财政拨款结转和结余",
    "expenditure_total": "总计",
}
FISCAL_TREE: dict[str, tuple[str, ...]] = {
    "current_income": ("general", "fund", "soe"),
    "opening_fiscal_balance": ("opening_general", "opening_fund", "opening_soe"),
    "income_total": ("current_income", "opening_fiscal_balance"),
}

THREE_PUBLIC_ITEMS: dict[str, str] = {
    "合计": "total", "因公出国（境）费": "abroad", "因公出国(境)费": "abroad", "公务接待费": "reception",
    "公务用车购置及运行费": "vehicle", "公务用车购置及运行维护费": "vehicle", "小计": "vehicle",
    "公务用车购置费": "vehicle_purchase", "公务用车运行费": "vehicle_operation",
    "公务用车运行维护费": "vehicle_operation",
}
THREE_PUBLIC_LABELS: dict[str, str] = {
    "total": "合计", "abroad": "因公出国（境）费", "vehicle": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费",
}
THREE_PUBLIC_TREE: dict[str, tuple[str, ...]] = {
    "total": ("abroad", "vehicle", "reception"), "vehicle": ("vehicle_purchase", "vehicle_operation"),
}
# the print order of the one row of twelve columns (each item: 预算数, 决算数)
THREE_PUBLIC_ORDER: tuple[str, ...] = ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation",
                                       "reception")

BASIC_CLOSING: dict[str, str] = {"人员经费合计": "personnel_total", "公用经费合计": "public_total",
                                 "人员经费": "personnel_total", "公用经费": "public_total"}
BASIC_LABELS: dict[str, str] = {"personnel_total": "人员经费合计", "public_total": "公用经费合计"}

_FUND_COLUMNS = _cols(("opening_balance", "年初结转和结余"), ("income", "本年收入"),
                      ("expenditure_total", "本年支出合计"), ("expenditure_basic", "基本支出"),
                      ("expenditure_project", "项目支出"), ("closing_balance", "年末结转和结余"))
_FUND_IDENTITIES = ("expenditure_total = expenditure_basic + expenditure_project",)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        key="final_overview", number=1, titles=(r"收入支出决算总?表",), layout="sided", title="收入支出决算总表",
        left=_cols(("amount", "决算数")), right=_cols(("amount", "决算数")), empty_allowed=False,
        items=OVERVIEW_INCOME, item_labels=OVERVIEW_LABELS, item_tree=OVERVIEW_TREE,
        right_items=OVERVIEW_EXPENDITURE,
    ),
    TableSpec(
        key="final_income", number=2, titles=(r"收入决算表",), layout="coded", title="收入决算表",
        columns=(ColumnSpec("total", "本年收入合计"), ColumnSpec("fiscal", "财政拨款收入"),
                 ColumnSpec("superior_subsidy", "上级补助收入"), ColumnSpec("business_income", "事业收入"),
                 ColumnSpec("operating_income", "经营收入"), ColumnSpec("affiliated_remittance", "附属单位上缴收入"),
                 ColumnSpec("other_income", "其他收入")),
        row_identities=("total = fiscal + superior_subsidy + business_income + operating_income"
                        " + affiliated_remittance + other_income",),
        empty_allowed=False,
    ),
    TableSpec(
        key="final_expenditure", number=3, titles=(r"支出决算表",), layout="coded", title="支出决算表",
        columns=(ColumnSpec("total", "本年支出合计"), ColumnSpec("basic", "基本支出"), ColumnSpec("project", "项目支出"),
                 ColumnSpec("remit_superior", "上缴上级支出"), ColumnSpec("operating", "经营支出"),
                 ColumnSpec("subsidy_affiliated", "对附属单位补助支出")),
        row_identities=("total = basic + project + remit_superior + operating + subsidy_affiliated",),
        empty_allowed=False,
    ),
    TableSpec(
        key="final_fiscal_overview", number=4, titles=(r"财政拨款收入支出决算总?表",), layout="sided",
        title="财政拨款收入支出决算总表",
        left=_cols(("amount", "决算数")),
        right=_cols(("total", "合计"), ("general", "一般公共预算财政拨款"), ("fund", "政府性基金预算财政拨款"),
                    ("soe", "国有资本经营预算财政拨款")),
        row_identities=("total = general + fund + soe",), empty_allowed=False,
        items=FISCAL_INCOME, item_context=FISCAL_CONTEXT, item_labels=FISCAL_LABELS, item_tree=FISCAL_TREE,
        right_items=FISCAL_EXPENDITURE,
    ),
    TableSpec(
        key="final_general_expenditure", number=5, titles=(r"一般公共预算财政拨款支出决算表",), layout="coded",
        title="一般公共预算财政拨款支出决算表",
        columns=_cols(("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")),
        row_identities=("total = basic + project",),
    ),
    TableSpec(
        key="final_general_basic", number=6, titles=(r"一般公共预算财政拨款基本支出决算表",), layout="coded",
        title="一般公共预算财政拨款基本支出决算表", columns=_cols(("amount", "决算数")), code_system="economic",
        items=BASIC_CLOSING, item_labels=BASIC_LABELS, halves=2,
    ),
    TableSpec(
        key="final_three_public", number=7, titles=(r"三公.{0,2}经费支出决算表",), layout="items",
        title="财政拨款“三公”经费支出决算表", columns=_cols(("budget", "预算数"), ("final", "决算数")),
        code_system="none", items=THREE_PUBLIC_ITEMS, item_labels=THREE_PUBLIC_LABELS, item_tree=THREE_PUBLIC_TREE,
        wide=THREE_PUBLIC_ORDER,
    ),
    TableSpec(
        key="final_fund", number=8, titles=(r"政府性基金预算财政拨款(?:收入)?支出决算表",), layout="coded",
        title="政府性基金预算财政拨款收入支出决算表", columns=_FUND_COLUMNS, row_identities=_FUND_IDENTITIES,
    ),
    TableSpec(
        key="final_soe", number=9, titles=(r"国有资本经营预算财政拨款(?:收入)?支出决算表",), layout="coded",
        title="国有资本经营预算财政拨款收入支出决算表", columns=_FUND_COLUMNS, row_identities=_FUND_IDENTITIES,
    ),
)
