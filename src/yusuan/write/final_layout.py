"""How the national 决算 template prints its tables (writer-only layout data, FINAL.md and the 2024 样张): the rows
a table prints even when they hold no figure, which tables print their 合计 last, and the headers. The reader does
not need this (it reads what is printed, its header decides the 三公 order); the writer prints a document as the
template does. The family's tables, columns and item keys stay in `spec` (read through `template_of`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FinalLook:
    """How a province prints what the model does not hold (FINAL.md: real documents vary): codes split into
    类/款/项 columns or in one, 年初/年末结转结余 without 和, 其他重要事项 as 第四部分 (名词解释 then 第五部分).
    The default is the national 样张's form."""

    split_codes: bool = False
    closing_without_he: bool = False
    other_matters_part: bool = False

# the 类 rows of 收入支出决算总表 and 财政拨款收入支出决算总表, printed whether or not they hold a figure (the 2024
# documents print 26; the list grows over the years), as (code, name)
OVERVIEW_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"), ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"), ("211", "节能环保支出"), ("212", "城乡社区支出"), ("213", "农林水支出"),
    ("214", "交通运输支出"), ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"), ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"), ("229", "其他支出"), ("231", "债务还本支出"),
    ("232", "债务付息支出"), ("234", "抗疫特别国债安排的支出"),
)
# the income items printed on the left of each overview, in order (numbered 一、… where the label map says so)
OVERVIEW_INCOME_ORDER: tuple[str, ...] = ("general", "fund", "soe", "superior_subsidy", "business_income",
                                          "operating_income", "affiliated_remittance", "other_income")
OVERVIEW_CLOSING_LEFT: tuple[str, ...] = ("current_income", "nonfiscal_balance_used", "opening_balance")
OVERVIEW_CLOSING_RIGHT: tuple[str, ...] = ("current_expenditure", "balance_distribution", "closing_balance")
FISCAL_INCOME_ORDER: tuple[str, ...] = ("general", "fund", "soe")
FISCAL_CLOSING_LEFT: tuple[str, ...] = ("current_income", "opening_fiscal_balance", "opening_general",
                                        "opening_fund", "opening_soe")
FISCAL_CLOSING_RIGHT: tuple[str, ...] = ("current_expenditure", "closing_fiscal_balance")

# 一般公共预算财政拨款基本支出决算表: the two halves, each a run of 经济分类 类 and 款 printed whether or not they hold
# a figure; the left half holds 人员经费 (301, 303), the right 公用经费 (302, 310)
BASIC_LEFT: tuple[str, ...] = (
    "301", "30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112", "30113",
    "30114", "30199", "303", "30301", "30302", "30303", "30304", "30305", "30306", "30307", "30308", "30309",
    "30310", "30311", "30399",
)
BASIC_RIGHT: tuple[str, ...] = (
    "302", "30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209", "30211", "30212",
    "30213", "30214", "30215", "30216", "30217", "30218", "30224", "30225", "30226", "30227", "30228", "30229",
    "30231", "30239", "30240", "30299", "310", "31001", "31002", "31003", "31007", "31013", "31019", "31021",
    "31022", "31099",
)
# names of printed 款 the classification data lacks (added to the template after it was compiled)
ECON_NAMES: dict[str, str] = {"30311": "代缴社会保险费"}
BASIC_PERSONNEL_CLASSES: tuple[str, ...] = ("301", "303")  # 人员经费合计 = these; 公用经费合计 = the other classes

# coded tables that print their 合计 row last (the others print it first, under the header)
TOTAL_LAST: frozenset[str] = frozenset({"final_general_expenditure"})
# the header row over the code and name columns of the coded tables
CODE_HEAD: tuple[str, str] = ("功能分类科目编码", "科目名称")
SPLIT_CODE_HEAD: tuple[tuple[str, ...], tuple[str, ...]] = (("功能分类科目编码", "", "", "科目名称"), ("类", "款", "项", ""))
ECON_HEAD: tuple[str, str, str] = ("经济分类科目编码", "科目名称", "决算数")
# the 本年支出 group of the fund/soe tables: its columns print 合计/基本支出/项目支出 under it
FUND_GROUP: dict[str, str] = {"expenditure_total": "本年支出", "expenditure_basic": "本年支出",
                              "expenditure_project": "本年支出"}
FUND_SHORT: dict[str, str] = {"expenditure_total": "合计"}

# 财政拨款“三公”经费支出决算表: one row of twelve columns; the header names each item over its 预算数/决算数 pair, the
# three vehicle items under the group 公务用车购置及运行维护费
THREE_PUBLIC_GROUP = "公务用车购置及运行维护费"
THREE_PUBLIC_GROUPED: tuple[str, ...] = ("vehicle", "vehicle_purchase", "vehicle_operation")
THREE_PUBLIC_SHORT: dict[str, str] = {"vehicle": "小计"}
THREE_PUBLIC_CAPTION = "财政拨款“三公”经费"
# the print order of the one row of twelve columns (each item: 预算数, 决算数)
THREE_PUBLIC_ORDER: tuple[str, ...] = ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation",
                                       "reception")
