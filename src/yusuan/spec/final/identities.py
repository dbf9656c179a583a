"""What must hold across the 决算's tables (FINAL.md «What must hold»), as `CrossIdentity` data: the parser uses
them to decide columns, the checker reports what does not hold (one rule per identity, `check/rules/cross.py`).

What holds inside one table is the tables' own data (`tables.py`): row identities (each row's total = its columns),
item trees (本年收入合计 = the eight income items, 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余, the
opening balance = its parts, the 三公 tree), and the code hierarchy (类 = Σ款 = Σ项, 合计 = Σ类) the checker walks
in every coded table. Here: the equations between two tables, and those inside a table that no tree expresses
(the expenditure side's 总计, 人员经费合计 = 301 + 303).
"""

from __future__ import annotations

from yusuan.spec.types import CrossIdentity

OV, INC, EXP, FIS = "final_overview", "final_income", "final_expenditure", "final_fiscal_overview"
G, B, P, FUND, SOE = ("final_general_expenditure", "final_general_basic", "final_three_public", "final_fund",
                      "final_soe")

# the income columns of 收入决算表 that repeat an income item of 收入支出决算总表 (same key on both)
_INCOME_COLUMNS = (("superior_subsidy", "上级补助收入"), ("business_income", "事业收入"), ("operating_income", "经营收入"),
                   ("affiliated_remittance", "附属单位上缴收入"), ("other_income", "其他收入"))
# 经济分类 classes of 公用经费: every class of basic expenditure but 301 工资福利支出 and 303 对个人和家庭的补助
PUBLIC_CLASSES = ("302", "307", "309", "310", "311", "312", "313", "399")
# the two budgets with their own table (政府性基金, 国有资本经营): their columns in the fiscal overview
_FUNDS = ((FUND, "fund", "政府性基金"), (SOE, "soe", "国有资本经营"))

CROSS: tuple[CrossIdentity, ...] = (
    # ---- 收入支出决算总表 against itself and the income and expenditure tables
    CrossIdentity("XF-O-EXPENDITURE-TOTAL", (f"{OV}[expenditure_total].amount",),
                  (f"{OV}[current_expenditure].amount", f"{OV}[balance_distribution].amount",
                   f"{OV}[closing_balance].amount"),
                  description="收入支出决算总表 支出总计等于本年支出合计、结余分配与年末结转和结余之和"),
    CrossIdentity("XF-O-I-CURRENT", (f"{OV}[current_income].amount",), (f"{INC}[total].total",),
                  description="收入支出决算总表 本年收入合计与收入决算表 合计一致"),
    CrossIdentity("XF-O-I-FISCAL", (f"{OV}[general].amount", f"{OV}[fund].amount", f"{OV}[soe].amount"),
                  (f"{INC}[total].fiscal",),
                  description="收入支出决算总表 三项财政拨款收入之和与收入决算表 财政拨款收入合计一致"),
    *(CrossIdentity(f"XF-O-I-{col.upper().replace('_', '-')}", (f"{OV}[{col}].amount",), (f"{INC}[total].{col}",),
                    description=f"收入支出决算总表 {label}与收入决算表 {label}合计一致")
      for col, label in _INCOME_COLUMNS),
    CrossIdentity("XF-O-E-CURRENT", (f"{OV}[current_expenditure].amount",), (f"{EXP}[total].total",),
                  description="收入支出决算总表 本年支出合计与支出决算表 合计一致"),
    CrossIdentity("XF-O-E-CLASS", (f"{OV}[{{code}}].amount",), (f"{EXP}[{{code}}].total",), over="class",
                  description="收入支出决算总表 各类支出与支出决算表 类合计一致"),
    # ---- 财政拨款收入支出决算总表
    CrossIdentity("XF-F-EXPENDITURE-TOTAL", (f"{FIS}[expenditure_total].total",),
                  (f"{FIS}[current_expenditure].total", f"{FIS}[closing_fiscal_balance].total"),
                  description="财政拨款收入支出决算总表 支出总计等于本年支出合计与年末财政拨款结转和结余之和"),
    *(CrossIdentity(f"XF-F-O-{item.upper()}", (f"{FIS}[{item}].amount",), (f"{OV}[{item}].amount",),
                    description=f"财政拨款收入支出决算总表 {label}收入与收入支出决算总表 {label}收入一致")
      for item, label in (("general", "一般公共预算财政拨款"), ("fund", "政府性基金预算财政拨款"),
                          ("soe", "国有资本经营预算财政拨款"))),
    CrossIdentity("XF-F-G-CLASS", (f"{FIS}[{{code}}].general",), (f"{G}[{{code}}].total",), over="class",
                  description="财政拨款收入支出决算总表 一般公共预算财政拨款列各类与一般公共预算财政拨款支出决算表 类合计一致"),
    CrossIdentity("XF-F-G-TOTAL", (f"{FIS}[current_expenditure].general",), (f"{G}[total].total",),
                  description="财政拨款收入支出决算总表 一般公共预算财政拨款本年支出与一般公共预算财政拨款支出决算表 合计一致"),
    # ---- 一般公共预算财政拨款支出决算表 and its basic expenditure by economic class
    CrossIdentity("XF-G-B-BASIC", (f"{G}[total].basic",), (f"{B}[personnel_total].amount", f"{B}[public_total].amount"),
                  description="一般公共预算财政拨款支出决算表 基本支出合计等于基本支出决算表 人员经费合计与公用经费合计之和"),
    CrossIdentity("XF-B-PERSONNEL", (f"{B}[personnel_total].amount",), (f"{B}[301].amount", f"{B}[303].amount"),
                  description="基本支出决算表 人员经费合计等于工资福利支出（301）与对个人和家庭的补助（303）之和"),
    CrossIdentity("XF-B-PUBLIC", (f"{B}[public_total].amount",), tuple(f"{B}[{c}].amount" for c in PUBLIC_CLASSES),
                  description="基本支出决算表 公用经费合计等于商品和服务支出（302）、资本性支出（310）等非人员类之和"),
    # ---- the 三公 table's 决算数 against the basic expenditure it is paid from (explain otherwise: a warning)
    CrossIdentity("XF-P-B-RECEPTION", (f"{P}[reception].final",), (f"{B}[30217].amount",),
                  description="三公经费决算表 公务接待费决算数与基本支出决算表 公务接待费（30217）一致",
                  severity="warning", decides=False),
    CrossIdentity("XF-P-B-VEHICLE", (f"{P}[vehicle_operation].final",), (f"{B}[30231].amount",),
                  description="三公经费决算表 公务用车运行维护费决算数与基本支出决算表 公务用车运行维护费（30231）一致",
                  severity="warning", decides=False),
    # ---- 政府性基金 / 国有资本经营 tables against their column of the fiscal overview
    *(ident for table, col, label in _FUNDS for ident in (
        CrossIdentity(f"XF-{col.upper()}-F-INCOME", (f"{table}[total].income",), (f"{FIS}[{col}].amount",),
                      description=f"{label}预算财政拨款收入支出决算表 本年收入与财政拨款收入支出决算总表 {label}收入一致"),
        CrossIdentity(f"XF-{col.upper()}-F-EXPENDITURE", (f"{table}[total].expenditure_total",),
                      (f"{FIS}[current_expenditure].{col}",),
                      description=f"{label}预算财政拨款收入支出决算表 本年支出与财政拨款收入支出决算总表 {label}支出一致"),
        CrossIdentity(f"XF-{col.upper()}-F-OPENING", (f"{table}[total].opening_balance",), (f"{FIS}[opening_{col}].amount",),
                      description=f"{label}预算财政拨款收入支出决算表 年初结转和结余与财政拨款收入支出决算总表 年初{label}结转和结余一致"),
        CrossIdentity(f"XF-{col.upper()}-F-CLASS", (f"{table}[{{code}}].expenditure_total",), (f"{FIS}[{{code}}].{col}",),
                      over="class",
                      description=f"{label}预算财政拨款收入支出决算表 各类支出与财政拨款收入支出决算总表 {label}列一致"),
    )),
)

# What a column can hold at most (`left <= right`): used by the parser only, to decide columns. The 一般公共预算
# share of a code is part of all its spending, and a fiscal 类 part of the department's 类.
BOUNDS: tuple[CrossIdentity, ...] = (
    CrossIdentity("BF-G-E-BASIC", (f"{G}[{{code}}].basic",), (f"{EXP}[{{code}}].basic",), over="code",
                  description="一般公共预算财政拨款基本支出不超过支出决算表 同一科目的基本支出"),
    CrossIdentity("BF-G-E-PROJECT", (f"{G}[{{code}}].project",), (f"{EXP}[{{code}}].project",), over="code",
                  description="一般公共预算财政拨款项目支出不超过支出决算表 同一科目的项目支出"),
    CrossIdentity("BF-F-O-CLASS", (f"{FIS}[{{code}}].total",), (f"{OV}[{{code}}].amount",), over="class",
                  description="财政拨款各类支出不超过收入支出决算总表 同一类的支出"),
    CrossIdentity("BF-I-FISCAL-TOTAL", (f"{INC}[{{code}}].fiscal",), (f"{INC}[{{code}}].total",), over="code",
                  description="收入决算表 财政拨款收入不超过同一科目的本年收入合计"),
)
