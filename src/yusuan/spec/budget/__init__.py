"""The 部门预算 / 单位预算 family (the national 预算 template as printed in the seeds' provinces), as data: table
types, their columns, row kinds and the identities that must hold.

A province's variant is a new entry here (another title, another optional column), not a branch in parsing code.
The identities are written as small equations over column keys (`total = basic + project`) and across tables
(`income_overview[total].general_own = income_expenditure_overview[general_own].amount`); the parser uses them to
decide columns when blank cells vanished, the checker to report what does not hold.
"""

from __future__ import annotations

from yusuan.spec.template import Template
from yusuan.spec.types import ColumnSpec, CrossIdentity, ProseSpec, Subject, TableSpec
from yusuan.spec.types import cols as _cols
from yusuan.spec.types import opt as _opt

ECON_CLASSES: tuple[tuple[str, str], ...] = (
    ("301", "工资福利支出"), ("302", "商品和服务支出"), ("303", "对个人和家庭的补助"), ("307", "债务利息及费用支出"),
    ("309", "资本性支出（基本建设）"), ("310", "资本性支出"), ("311", "对企业补助（基本建设）"), ("312", "对企业补助"),
    ("313", "对社会保障基金补助"), ("399", "其他支出"),
)

# 309/311 labels contain those of 310/312: a header shows 310 only where 资本性支出 is not followed by （基本建设）
ECON_DETECT = {"301": "工资福利", "302": "商品和服务", "303": "对个人和家庭", "307": "债务利息",
               "309": r"资本性支出[（(]基本建设", "310": r"资本性支出(?![（(]基本建设)", "311": r"对企业补助[（(]基本建设",
               "312": r"对企业补助(?![（(]基本建设)", "313": "对社会保障基金", "399": "其他支出"}

# ---- rows of tables 1 and 4 (income side) and table 10 -------------------------------------------------------

# printed label (numbering, 其中 and spaces removed) -> income item key; a label under a parent that repeats a
# top-level label is keyed by the parent (see CARRYOVER_CONTEXT).
INCOME_ITEMS: dict[str, str] = {
    "本年收入": "current_income", "一般公共预算拨款": "general", "一般财力": "general_own",
    "上级一般公共预算安排转移支付": "general_transfer", "上级一般公共预算安排的转移支付": "general_transfer",
    "政府性基金预算拨款": "fund", "政府性基金收入": "fund_own",
    "上级政府性基金安排转移支付": "fund_transfer", "上级政府性基金安排的转移支付": "fund_transfer",
    "国有资本经营预算拨款": "soe", "国有资本经营收入": "soe_own",
    "上级国有资本经营预算安排转移支付": "soe_transfer", "上级国有资本经营预算安排的转移支付": "soe_transfer",
    "财政专户核拨": "special_account", "财政专户管理资金": "special_account", "单位资金": "unit_funds",
    "事业收入": "business_income", "上级补助收入": "superior_subsidy", "附属单位上缴收入": "affiliated_remittance",
    "事业单位经营收入": "operating_income", "其他收入": "other_income", "上年结转结余": "carryover",
    "财政拨款结转": "fiscal_carryover", "非财政拨款结转结余": "nonfiscal_carryover",
    "非财政拨款结转": "nonfiscal_carryover",
    "财政拨款（补助）": "fiscal", "财政拨款": "fiscal", "一般公共预算": "general", "政府性基金预算": "fund",
    "国有资本经营预算": "soe",
    "收入总计": "income_total", "支出总计": "expenditure_total",
    # wordings met in other templates
    "本年收入合计": "current_income", "一般公共预算拨款收入": "general", "一般公共预算收入": "general",
    "政府性基金预算拨款收入": "fund", "国有资本经营预算拨款收入": "soe", "财政专户管理资金收入": "special_account",
    "事业单位经营服务收入": "operating_income", "用事业基金弥补收支差额": "other_income",
    "上年结转": "carryover", "收入合计": "income_total",
}
CARRYOVER_CONTEXT: dict[str, dict[str, str]] = {
    "fiscal_carryover": {"general": "fiscal_carryover_general", "fund": "fiscal_carryover_fund",
                         "soe": "fiscal_carryover_soe"},
    "nonfiscal_carryover": {"special_account": "nonfiscal_carryover_special",
                            "unit_funds": "nonfiscal_carryover_unit"},
}
INCOME_LABELS: dict[str, str] = {
    "current_income": "一、本年收入", "general": "1.一般公共预算拨款", "general_own": "其中：一般财力",
    "general_transfer": "上级一般公共预算安排转移支付", "fund": "2.政府性基金预算拨款",
    "fund_own": "其中：政府性基金收入", "fund_transfer": "上级政府性基金安排转移支付",
    "soe": "3.国有资本经营预算拨款", "soe_own": "其中：国有资本经营收入",
    "soe_transfer": "上级国有资本经营预算安排转移支付", "special_account": "4.财政专户核拨",
    "unit_funds": "5.单位资金", "business_income": "其中：事业收入", "superior_subsidy": "上级补助收入",
    "affiliated_remittance": "附属单位上缴收入", "operating_income": "事业单位经营收入", "other_income": "其他收入",
    "carryover": "二、上年结转结余", "fiscal_carryover": "1.财政拨款结转",
    "fiscal_carryover_general": "其中：一般公共预算拨款", "fiscal_carryover_fund": "政府性基金预算拨款",
    "fiscal_carryover_soe": "国有资本经营预算拨款", "nonfiscal_carryover": "2.非财政拨款结转结余",
    "nonfiscal_carryover_special": "其中：财政专户核拨", "nonfiscal_carryover_unit": "单位资金",
    "income_total": "收入总计", "expenditure_total": "支出总计",
}
FISCAL_INCOME_LABELS: dict[str, str] = {
    "fiscal": "一、财政拨款（补助）", "general": "一般公共预算", "fund": "政府性基金预算", "soe": "国有资本经营预算",
    "income_total": "收入总计", "expenditure_total": "支出总计",
}
# income tree of table 1 (parent = sum of children); used both to decide and to check
INCOME_TREE: dict[str, tuple[str, ...]] = {
    "income_total": ("current_income", "carryover"),
    "current_income": ("general", "fund", "soe", "special_account", "unit_funds"),
    "general": ("general_own", "general_transfer"),
    "fund": ("fund_own", "fund_transfer"),
    "soe": ("soe_own", "soe_transfer"),
    "unit_funds": ("business_income", "superior_subsidy", "affiliated_remittance", "operating_income",
                   "other_income"),
    "carryover": ("fiscal_carryover", "nonfiscal_carryover"),
    "fiscal_carryover": ("fiscal_carryover_general", "fiscal_carryover_fund", "fiscal_carryover_soe"),
    "nonfiscal_carryover": ("nonfiscal_carryover_special", "nonfiscal_carryover_unit"),
}
FISCAL_INCOME_TREE: dict[str, tuple[str, ...]] = {"fiscal": ("general", "fund", "soe")}

THREE_PUBLIC_ITEMS: dict[str, str] = {
    "合计": "total", "因公出国（境）费": "abroad", "因公出国(境)费": "abroad", "公务接待费": "reception",
    "公务用车购置及运行费": "vehicle", "公务用车购置及运行维护费": "vehicle", "公务用车购置费": "vehicle_purchase",
    "公务用车运行费": "vehicle_operation", "公务用车运行维护费": "vehicle_operation",
}
THREE_PUBLIC_LABELS: dict[str, str] = {
    "total": "合计", "abroad": "因公出国（境）费", "reception": "公务接待费", "vehicle": "公务用车购置及运行费（小计）",
    "vehicle_purchase": "其中：公务用车购置费", "vehicle_operation": "公务用车运行费",
}
THREE_PUBLIC_TREE: dict[str, tuple[str, ...]] = {
    "total": ("abroad", "reception", "vehicle"),
    "vehicle": ("vehicle_purchase", "vehicle_operation"),
}


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        key="income_expenditure_overview", number=1, titles=(r"收支(预算)?总(体情况)?表",), layout="sided",
        title="{org}收支总体情况表",
        left=_cols(("amount", "预算数")), right=_cols(("amount", "预算数")), empty_allowed=False,
        items=INCOME_ITEMS, item_context=CARRYOVER_CONTEXT, item_labels=INCOME_LABELS, item_tree=INCOME_TREE,
    ),
    TableSpec(
        key="income_overview", number=2, titles=(r"收入(预算)?总(体情况)?表",), layout="coded",
        title="{org}收入总体情况表",
        columns=(
            ColumnSpec("total", "总计"), ColumnSpec("fiscal_subtotal", "财政拨款（补助）小计"),
            ColumnSpec("general_own", "一般公共预算"),
            _opt("general_transfer", "上级一般公共预算安排的转移支付", "上级一般公共预算"),
            _opt("fund_own", "政府性基金预算", "(?<!上级)政府性基金"),
            _opt("fund_transfer", "上级政府性基金安排的转移支付", "上级政府性基金"),
            _opt("soe_own", "国有资本经营预算", "(?<!上级)国有资本经营"),
            _opt("soe_transfer", "上级国有资本经营预算安排的转移支付", "上级国有资本经营"),
            _opt("special_account", "财政专户（教育收费）", "财政专户"), _opt("unit_funds", "单位资金"),
            _opt("fiscal_carryover", "财政拨款结转", "(?<!非)财政拨款结转"),
            _opt("nonfiscal_carryover", "非财政拨款结转结余", "非财政拨款结转"),
        ),
        row_identities=(
            "total = fiscal_subtotal + special_account + unit_funds + fiscal_carryover + nonfiscal_carryover",
            "fiscal_subtotal = general_own + general_transfer + fund_own + fund_transfer + soe_own + soe_transfer",
        ),
        empty_allowed=False,
    ),
    TableSpec(
        key="expenditure_overview", number=3, titles=(r"(部门|单位)?支出(预算)?总(体情况)?表",), layout="coded",
        title="{org}支出总体情况表",
        columns=(ColumnSpec("total", "合计"), ColumnSpec("basic", "基本支出"), ColumnSpec("project", "项目支出"),
                 _opt("superior_remittance", "上缴上级支出"), _opt("operating", "事业单位经营支出"),
                 _opt("affiliated", "对附属单位补助支出")),
        row_identities=("total = basic + project + superior_remittance + operating + affiliated",),
        empty_allowed=False,
    ),
    TableSpec(
        key="fiscal_overview", number=4, titles=(r"财政拨款收支(预算)?总(体情况)?表",), layout="sided",
        title="财政拨款收支预算总体情况表",
        left=_cols(("amount", "合计")),
        right=(ColumnSpec("total", "合计"), ColumnSpec("general", "一般公共预算", ("一般公共预算",), True),
               ColumnSpec("fund", "政府性基金预算", ("政府性基金",), True),
               ColumnSpec("soe", "国有资本经营预算", ("国有资本经营",), True)),
        row_identities=("total = general + fund + soe",), empty_allowed=False,
        items=INCOME_ITEMS, item_context=CARRYOVER_CONTEXT, item_labels=FISCAL_INCOME_LABELS,
        item_tree=FISCAL_INCOME_TREE,
    ),
    TableSpec(
        key="general_budget_expenditure", number=5, titles=(r"一般公共预算支出(情况|预算)?表",), layout="coded",
        title="一般公共预算支出情况表",
        columns=_cols(("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")),
        row_identities=("total = basic + project",), empty_allowed=False,
    ),
    TableSpec(
        key="general_budget_basic", number=6, titles=(r"一般公共预算基本支出(情况|预算)?表",), layout="coded",
        title="一般公共预算基本支出情况表",
        columns=_cols(("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费")),
        code_system="economic", row_identities=("total = personnel + public",),
    ),
    TableSpec(
        key="general_budget_projects", number=7, titles=(r"一般公共预算项目支出(情况|预算)?表", r"^(\d{4}年)?(部门|单位)?项目支出(预算)?(情况)?表$"), layout="coded",
        title="一般公共预算项目支出情况表",
        columns=(ColumnSpec("total", "合计"), *(_opt(k, label, ECON_DETECT[k]) for k, label in ECON_CLASSES)),
        row_identities=("total = " + " + ".join(k for k, _ in ECON_CLASSES),), has_projects=True,
        required="template",
    ),
    TableSpec(
        key="fund_budget_expenditure", number=8, titles=(r"政府性基金(预算)?支出(情况|预算)?表",), layout="coded",
        title="政府性基金预算支出情况表",
        columns=_cols(("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费"), ("project", "项目支出")),
        row_identities=("total = personnel + public + project",),
    ),
    TableSpec(
        key="soe_budget_expenditure", number=9, titles=(r"国有资本经营(预算)?支出(情况|预算)?表",), layout="coded",
        title="国有资本经营预算支出情况表",
        columns=_cols(("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费"), ("project", "项目支出")),
        row_identities=("total = personnel + public + project",), required="template",
    ),
    TableSpec(
        key="three_public", number=10, titles=(r"三公.{0,2}经费(支出|预算)",), layout="items",
        title="财政拨款“三公”经费支出情况表",
        columns=(ColumnSpec("total", "合计"), ColumnSpec("general", "一般公共预算", ("一般公共预算",), True),
                 ColumnSpec("fund", "政府性基金", ("政府性基金",), True),
                 ColumnSpec("soe", "国有资本经营预算", ("国有资本经营",), True)),
        code_system="none", row_identities=("total = general + fund + soe",),
        items=THREE_PUBLIC_ITEMS, item_labels=THREE_PUBLIC_LABELS, item_tree=THREE_PUBLIC_TREE,
    ),
    TableSpec(
        key="carryover", number=11, titles=(r"上年结转(结余)?(情况|预算)?(明细)?表",), layout="named",
        title="上年结转结余情况明细表",
        columns=_cols(
            ("total", "合计"), ("fiscal_subtotal", "财政拨款小计"), ("fiscal_personnel", "财政拨款人员经费"),
            ("fiscal_public", "财政拨款公用经费"), ("fiscal_project", "财政拨款项目支出"),
            ("nonfiscal_subtotal", "非财政拨款小计"), ("nonfiscal_personnel", "非财政拨款人员经费"),
            ("nonfiscal_public", "非财政拨款公用经费"), ("nonfiscal_project", "非财政拨款项目支出"),
        ),
        code_system="none",
        row_identities=(
            "total = fiscal_subtotal + nonfiscal_subtotal",
            "fiscal_subtotal = fiscal_personnel + fiscal_public + fiscal_project",
            "nonfiscal_subtotal = nonfiscal_personnel + nonfiscal_public + nonfiscal_project",
        ),
        required="template",
    ),
)

BY_KEY: dict[str, TableSpec] = {t.key: t for t in TABLES}

T1, T2, T3, T4, T5 = ("income_expenditure_overview", "income_overview", "expenditure_overview", "fiscal_overview",
                      "general_budget_expenditure")
T6, T7, T8, T9, T10, T11 = ("general_budget_basic", "general_budget_projects", "fund_budget_expenditure",
                            "soe_budget_expenditure", "three_public", "carryover")

CROSS: tuple[CrossIdentity, ...] = (
    *(CrossIdentity(f"XT-T1-T2-{col.upper().replace('_', '-')}", (f"{T1}[{col}].amount",), (f"{T2}[total].{col}",),
                    description=f"表1 收入项目 {label} 与表2 总计行相应列一致")
      for col, label in (("general_own", "一般财力"), ("general_transfer", "上级一般公共预算安排转移支付"),
                         ("fund_own", "政府性基金收入"), ("fund_transfer", "上级政府性基金安排转移支付"),
                         ("soe_own", "国有资本经营收入"), ("soe_transfer", "上级国有资本经营预算安排转移支付"),
                         ("special_account", "财政专户核拨"), ("unit_funds", "单位资金"),
                         ("fiscal_carryover", "财政拨款结转"), ("nonfiscal_carryover", "非财政拨款结转结余"))),
    CrossIdentity("XT-T1-T2-TOTAL", (f"{T1}[income_total].amount",), (f"{T2}[total].total",),
                  description="表1 收入总计与表2 总计一致"),
    CrossIdentity("XT-T1-T2-CLASS", (f"{T1}[{{code}}].amount",), (f"{T2}[{{code}}].total",), over="class",
                  description="表1 各类支出与表2 类合计一致"),
    CrossIdentity("XT-T1-T3-CLASS", (f"{T1}[{{code}}].amount",), (f"{T3}[{{code}}].total",), over="class",
                  description="表1 各类支出与表3 类合计一致"),
    CrossIdentity("XT-T2-T3-TOTAL", (f"{T2}[{{code}}].total",), (f"{T3}[{{code}}].total",), over="code",
                  description="表2 与表3 同一科目的合计一致"),
    CrossIdentity("XT-T2-T3-GRAND", (f"{T2}[total].total",), (f"{T3}[total].total",),
                  description="表2 总计与表3 总计一致"),
    CrossIdentity("XT-T4-T2-CLASS", (f"{T4}[{{code}}].total",), (f"{T2}[{{code}}].fiscal_subtotal",), over="class",
                  description="表4 各类财政拨款支出与表2 财政拨款小计一致"),
    CrossIdentity("XT-T4-T2-GENERAL", (f"{T4}[{{code}}].general",),
                  (f"{T2}[{{code}}].general_own", f"{T2}[{{code}}].general_transfer"), over="class",
                  description="表4 一般公共预算列与表2 一般公共预算（含上级转移支付）一致"),
    CrossIdentity("XT-T4-T2-FUND", (f"{T4}[{{code}}].fund",),
                  (f"{T2}[{{code}}].fund_own", f"{T2}[{{code}}].fund_transfer"), over="class",
                  description="表4 政府性基金列与表2 政府性基金预算（含上级转移支付）一致"),
    CrossIdentity("XT-T4-T2-SOE", (f"{T4}[{{code}}].soe",),
                  (f"{T2}[{{code}}].soe_own", f"{T2}[{{code}}].soe_transfer"), over="class",
                  description="表4 国有资本经营列与表2 国有资本经营预算（含上级转移支付）一致"),
    CrossIdentity("XT-T4-T1-GENERAL", (f"{T4}[general].amount",), (f"{T1}[general].amount",),
                  description="表4 一般公共预算收入与表1 一般公共预算拨款一致"),
    CrossIdentity("XT-T4-T1-FUND", (f"{T4}[fund].amount",), (f"{T1}[fund].amount",),
                  description="表4 政府性基金预算收入与表1 政府性基金预算拨款一致"),
    CrossIdentity("XT-T4-T1-SOE", (f"{T4}[soe].amount",), (f"{T1}[soe].amount",),
                  description="表4 国有资本经营预算收入与表1 国有资本经营预算拨款一致"),
    CrossIdentity("XT-T4-BALANCE-GENERAL", (f"{T4}[general].amount",), (f"{T4}[expenditure_total].general",),
                  description="表4 一般公共预算收入等于一般公共预算支出"),
    CrossIdentity("XT-T4-BALANCE-FUND", (f"{T4}[fund].amount",), (f"{T4}[expenditure_total].fund",),
                  description="表4 政府性基金收入等于政府性基金支出"),
    CrossIdentity("XT-T4-BALANCE-SOE", (f"{T4}[soe].amount",), (f"{T4}[expenditure_total].soe",),
                  description="表4 国有资本经营收入等于国有资本经营支出"),
    CrossIdentity("XT-T5-T2-CODE", (f"{T5}[{{code}}].total",),
                  (f"{T2}[{{code}}].general_own", f"{T2}[{{code}}].general_transfer"), over="code",
                  description="表5 各科目合计等于表2 一般公共预算（含上级转移支付）"),
    CrossIdentity("XT-T5-T4-CLASS", (f"{T5}[{{code}}].total",), (f"{T4}[{{code}}].general",), over="class",
                  description="表5 各类合计等于表4 一般公共预算列"),
    CrossIdentity("XT-T5-T4-TOTAL", (f"{T5}[total].total",), (f"{T4}[expenditure_total].general",),
                  description="表5 总计等于表4 一般公共预算支出合计"),
    CrossIdentity("XT-BASIC-T5-T6", (f"{T5}[total].basic",), (f"{T6}[total].total",),
                  description="表6 基本支出总计等于表5 基本支出合计"),
    CrossIdentity("XT-PROJECT-T5-T7", (f"{T5}[total].project",), (f"{T7}[total].total",),
                  description="表7 项目支出总计等于表5 项目支出合计"),
    CrossIdentity("XT-PROJECT-T5-T7-CODE", (f"{T5}[{{code}}].project",), (f"{T7}[{{code}}].total",), over="code",
                  description="表7 各科目项目支出等于表5 同一科目的项目支出"),
    CrossIdentity("XT-T6-PERSONNEL", (f"{T6}[total].personnel",), (f"{T6}[301].total", f"{T6}[303].total"),
                  description="表6 人员经费等于工资福利支出（301）与对个人和家庭的补助（303）之和", severity="warning"),
    CrossIdentity("XT-T8-T4-FUND", (f"{T8}[total].total",), (f"{T4}[expenditure_total].fund",),
                  description="表8 政府性基金预算支出总计等于表4 政府性基金支出"),
    CrossIdentity("XT-T8-T2-CODE", (f"{T8}[{{code}}].total",),
                  (f"{T2}[{{code}}].fund_own", f"{T2}[{{code}}].fund_transfer"), over="code",
                  description="表8 各科目合计等于表2 政府性基金（含上级转移支付）"),
    CrossIdentity("XT-T9-T4-SOE", (f"{T9}[total].total",), (f"{T4}[expenditure_total].soe",),
                  description="表9 国有资本经营预算支出总计等于表4 国有资本经营支出"),
    CrossIdentity("XT-T11-T1-CARRYOVER", (f"{T11}[total].total",), (f"{T1}[carryover].amount",),
                  description="表11 上年结转结余总计等于表1 上年结转结余"),
    CrossIdentity("XT-T11-T1-FISCAL", (f"{T11}[total].fiscal_subtotal",), (f"{T1}[fiscal_carryover].amount",),
                  description="表11 财政拨款结转小计等于表1 财政拨款结转"),
    CrossIdentity("XT-T11-T2-CARRYOVER", (f"{T11}[total].total",),
                  (f"{T2}[total].fiscal_carryover", f"{T2}[total].nonfiscal_carryover"),
                  description="表11 总计等于表2 结转结余两列之和"),
    CrossIdentity("XT-T10-T6-RECEPTION", (f"{T10}[reception].total",), (f"{T6}[30217].total",),
                  description="表10 公务接待费与表6 公务接待费（30217）一致", severity="warning", decides=False),
    CrossIdentity("XT-T10-T6-VEHICLE", (f"{T10}[vehicle_operation].total",), (f"{T6}[30231].total",),
                  description="表10 公务用车运行费与表6 公务用车运行维护费（30231）一致", severity="warning",
                  decides=False),
)


# What a column can hold at most, given the budget it is paid from (`left <= right`, a term may be negated with a
# leading "-"). The parser uses these only to decide columns; they hold in every consistent document.
BOUNDS: tuple[CrossIdentity, ...] = (
    *(CrossIdentity(f"BD-T10-T4-{col.upper()}", (f"{T10}[{{item}}].{col}",), (f"{T4}[expenditure_total].{col}",),
                    over="item", description=f"表10 各项 {col} 列不超过表4 相应资金来源的支出")
      for col in ("general", "fund", "soe")),
    *(CrossIdentity(f"BD-T6-T10-{item.upper()}", (f"{T6}[{code}].total",), (f"{T10}[{item}].general",),
                    description="表6 基本支出中的三公经费由一般公共预算安排")
      for code, item in (("30217", "reception"), ("30231", "vehicle_operation"), ("30212", "abroad"))),
    CrossIdentity("BD-T5-T3-BASIC", (f"{T5}[{{code}}].basic",), (f"{T3}[{{code}}].basic",), over="code",
                  description="表5 基本支出不超过表3 同一科目的基本支出"),
    CrossIdentity("BD-T5-T3-PROJECT", (f"{T5}[{{code}}].project",), (f"{T3}[{{code}}].project",), over="code",
                  description="表5 项目支出不超过表3 同一科目的项目支出"),
    *(CrossIdentity(f"BD-{t}-T3-BASIC", (f"{key}[{{code}}].personnel", f"{key}[{{code}}].public"),
                    (f"{T3}[{{code}}].basic",), over="code", description="政府性基金/国有资本经营基本支出不超过表3 基本支出")
      for t, key in (("T8", T8), ("T9", T9))),
    *(CrossIdentity(f"BD-{t}-T3-PROJECT", (f"{key}[{{code}}].project",), (f"{T3}[{{code}}].project",), over="code",
                    description="政府性基金/国有资本经营项目支出不超过表3 项目支出")
      for t, key in (("T8", T8), ("T9", T9))),
    CrossIdentity("BD-T11-BASIC", (f"{T11}[total].fiscal_personnel", f"{T11}[total].fiscal_public"),
                  (f"{T3}[total].basic", f"-{T5}[total].basic"),
                  description="上年结转用于基本支出的部分不超过表3 基本支出减去表5 当年一般公共预算基本支出"),
)

# subject keywords of 第三部分 (first match wins) → the table 1 income items that may carry the figure
_INCOME_WORDS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("上级", "政府性基金"), ("fund_transfer",)), (("上级", "国有资本"), ("soe_transfer",)),
    (("上级",), ("general_transfer",)), (("政府性基金",), ("fund", "fund_own")),
    (("国有资本",), ("soe", "soe_own")), (("一般公共预算",), ("general_own", "general")),
    (("财政专户",), ("special_account",)), (("非财政拨款",), ("nonfiscal_carryover",)),
    (("财政拨款结转",), ("fiscal_carryover",)), (("上年结转",), ("carryover",)), (("单位资金",), ("unit_funds",)),
    (("事业收入",), ("business_income",)), (("上级补助",), ("superior_subsidy",)),
    (("附属单位",), ("affiliated_remittance",)), (("经营收入",), ("operating_income",)),
    (("其他收入",), ("other_income",)),
)
_FISCAL_WORDS = ((("政府性基金",), "fund"), (("国有资本",), "soe"), (("一般公共预算",), "general"))
_THREE_PUBLIC_WORDS = ((("出国",), "abroad"), (("接待",), "reception"), (("购置及运行",), "vehicle"),
                       (("购置",), "vehicle_purchase"), (("运行",), "vehicle_operation"))
AMOUNT = ("amount",)
TOTAL = ("total",)

# where the tables hold each amount of 第三部分, block by block (the checker's NV-AMOUNT reads these)
SUBJECTS: tuple[Subject, ...] = (
    Subject("total", ((T1, "income_total", AMOUNT),), first=True),
    Subject("income", ((T1, "income_total", AMOUNT),), first=True),
    *(Subject("income", tuple((T1, item, AMOUNT) for item in items), first=False, words=words)
      for words, items in _INCOME_WORDS),
    *(s for block, table in (("expenditure", T3), ("general_split", T5)) for s in (
        Subject(block, ((table, "total", TOTAL),), first=True),
        Subject(block, ((table, "total", ("basic",)),), words=("基本支出",)),
        Subject(block, ((table, "total", ("project",)),), words=("项目支出",)),
        Subject(block))),
    Subject("fiscal", ((T4, "income_total", AMOUNT),), first=True),
    *(Subject("fiscal", ((T4, item, AMOUNT),), words=words) for words, item in _FISCAL_WORDS),
    Subject("fiscal", ((T4, "", ("total", "general", "fund", "soe")),), find="class_named_in_subject"),
    Subject("class_structure", ((T5, "", TOTAL),), find="class_by_name"),
    Subject("item_usage", ((T5, "", TOTAL),), find="item_by_names"),
    Subject("basic_split", ((T6, "total", TOTAL),), first=True),
    Subject("basic_split", ((T6, "total", ("personnel",)),), words=("人员经费",)),
    Subject("basic_split", ((T6, "total", ("public",)),), words=("公用经费",)),
    Subject("basic_split"),
    Subject("three_public", ((T10, "total", TOTAL),), first=True),
    *(Subject("three_public", ((T10, item, TOTAL),), words=words) for words, item in _THREE_PUBLIC_WORDS),
    Subject("three_public"),
    Subject("carryover", ((T11, "total", TOTAL),), first=True, fallback=((T1, "carryover", AMOUNT),)),
    Subject("carryover", ((T11, "total", ("fiscal_subtotal",)),), exact=("财政拨款", "财政拨款结转")),
    Subject("carryover", ((T11, "total", ("nonfiscal_subtotal",)),), starts=("非财政拨款",)),
    Subject("carryover", ((T11, "", TOTAL),), find="project_by_name"),
    Subject("fund", ((T8, "", TOTAL),), words=("（项）",), find="item_by_name"),
    Subject("soe", ((T9, "", TOTAL),), words=("（项）",), find="item_by_name"),
    Subject("performance_summary", ((T1, "income_total", AMOUNT),), words=("整体",)),
    Subject("fund", ((T8, "total", TOTAL),), first=True, fallback=((T4, "expenditure_total", ("fund",)),),
            fallback_if="no_table"),
    Subject("soe", ((T9, "total", TOTAL),), first=True, fallback=((T4, "expenditure_total", ("soe",)),),
            fallback_if="no_table"),
)

# 第三部分 情况说明: section headings by their words, most specific first (the numeral where no words match)
PROSE = ProseSpec(
    section_words=(
        (("财政拨款收支",), "fiscal"), (("一般公共预算基本支出",), "basic_split"),
        (("一般公共预算项目支出",), "projects"), (("一般公共预算当年拨款",), "general"), (("一般公共预算拨款",), "general"),
        (("政府性基金",), "fund"), (("国有资本经营",), "soe"), (("三公",), "three_public"), (("结转结余",), "carryover"),
        (("收支",), "total"), (("收入预算",), "income"), (("支出预算",), "expenditure"), (("其他重要事项",), "other"),
    ),
    section_blocks={"一": "total", "二": "income", "三": "expenditure", "四": "fiscal", "六": "basic_split",
                    "七": "projects", "八": "fund", "九": "soe", "十": "three_public", "十一": "carryover"},
    sub_words=(
        (("规模",), "general_split"), (("结构",), "class_structure"), (("具体使用",), "item_usage"),
        (("运行经费",), "operating_cost"), (("政府采购",), "procurement"), (("国有资产",), "assets"),
        (("资产占用",), "assets"), (("绩效",), "performance_summary"),
    ),
    split_section=("五", "general"),
    split_blocks={"一": "general_split", "二": "class_structure", "三": "item_usage"},
    split_default="general_split",
    split_under=("general", "other"),
    count_blocks=("assets", "performance_summary", "other", "procurement"),
    share_base={"income": "收入预算合计", "expenditure": "支出预算合计", "class_structure": "一般公共预算拨款合计",
                "general_split": "一般公共预算拨款合计"},
    change_base="上年预算",
    subjects=SUBJECTS,
    code_tables=(T5, T3, T2),
)

# the template value every stage takes from the document (see yusuan.spec.template)
TEMPLATE = Template(
    name="budget", label="部门预算", kinds=("部门预算", "单位预算"), tables=TABLES, cross=CROSS, bounds=BOUNDS,
    prose=PROSE,
    explanations=(("three_public", "“三公”经费"), ("operating_cost", "机关运行经费"), ("procurement", "政府采购"),
                  ("assets", "国有资产占有使用情况"), ("performance_summary", "预算绩效（绩效目标）")),
)
