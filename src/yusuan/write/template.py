"""The words of the standard disclosure, as data: part and section headings, table titles and headers, the
sentences of 第三部分, the glossary. `{org}` is 部门 or 单位 (from the document kind), `{dept}` the publisher,
`{year}` the budget year. Figures are never written here: the writer appends them from the data."""

from __future__ import annotations

COVER = "{year}年{kind}公开"
PARTS: dict[str, str] = {
    "profile": "第一部分 {year}年{org}概况",
    "tables": "第二部分 {year}年{kind}公开表",
    "narrative": "第三部分 {year}年{kind}情况说明",
    "glossary": "第四部分 名词解释",
}
PROFILE: dict[str, str] = {
    "functions": "一、主要职能",
    "organization": "二、机构设置及人员情况",
    "no_units": "{dept}无下属预算单位",
    "units": "{dept}下属预算单位 {n}个",
    "divisions": "，下设 {n}个{kind}，分别是：{names}。",
    "no_divisions": "。",
    "staffing": "{dept}编制数 {authorized}，实有人数 {actual}人，其中：在职 {active}人{active_change}；"
                "退休 {retired}人{retired_change}；离休 {retired_early}人{retired_early_change}。",
    "change_up": "，增加 {n}人",
    "change_down": "，减少 {n}人",
}

# 第二部分 ---------------------------------------------------------------------------------------------------
PUBLISHER_LINE = "编制{org}：{dept}"
UNIT_LINE = "单位：{unit}"
EMPTY_STATEMENTS: dict[str, str] = {
    "fund_budget_expenditure": "{dept}{year}年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。",
    "soe_budget_expenditure": "{dept}{year}年没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。",
    "carryover": "{dept}{year}年没有上年结转结余预算安排的支出，上年结转结余情况明细表为空表。",
    "general_budget_projects": "{dept}{year}年没有使用一般公共预算拨款安排的项目支出，一般公共预算项目支出情况表为空表。",
    "three_public": "{dept}{year}年没有使用财政拨款安排的“三公”经费，财政拨款“三公”经费支出情况表为空表。",
    "default": "{dept}{year}年没有相应的预算安排，{title}为空表。",
}
# the label cells in front of the value columns, per kind of table; the header's first row names them
CODE_HEAD: dict[str, list[str]] = {
    "functional": ["功能分类科目编码", "", "", "功能分类科目名称"],
    "economic": ["经济分类科目编码", "", "经济分类科目名称"],
    "projects": ["功能分类科目编码", "", "", "功能分类科目名称", "项目名称"],
    "named": ["项目"],
    "items": ["“三公”经费支出内容"],
}
CODE_SUBHEAD: dict[str, list[str]] = {"functional": ["类", "款", "项", ""], "economic": ["类", "款", ""],
                "projects": ["类", "款", "项", "", ""], "named": [""], "items": [""]}
SIDED_HEAD = {
    "income_expenditure_overview": (["收入", "", "支出"], ["项目", "预算数", "功能分类"]),
    "fiscal_overview": (["财政拨款收入", "", "财政拨款支出"], ["项目", "合计", "功能分类"]),
}
# the group printed above some value columns (second header row holds the column labels)
COLUMN_GROUPS: dict[str, dict[str, str]] = {
    "income_overview": {"fiscal_subtotal": "财政拨款（补助）", "general_own": "财政拨款（补助）",
                        "general_transfer": "财政拨款（补助）", "fund_own": "财政拨款（补助）",
                        "fund_transfer": "财政拨款（补助）", "soe_own": "财政拨款（补助）",
                        "soe_transfer": "财政拨款（补助）"},
    "fund_budget_expenditure": {"personnel": "基本支出", "public": "基本支出"},
    "soe_budget_expenditure": {"personnel": "基本支出", "public": "基本支出"},
    "three_public": {"general": "资金来源", "fund": "资金来源", "soe": "资金来源"},
    "carryover": {k: g for g, keys in (("财政拨款", ("fiscal_subtotal", "fiscal_personnel", "fiscal_public",
                                                     "fiscal_project")),
                                       ("非财政拨款", ("nonfiscal_subtotal", "nonfiscal_personnel", "nonfiscal_public",
                                                       "nonfiscal_project"))) for k in keys},
}
SHORT_LABELS: dict[str, dict[str, str]] = {  # table 11 prints 小计/人员经费… under its two groups
    "carryover": {"total": "合计", "fiscal_subtotal": "小计", "fiscal_personnel": "人员经费", "fiscal_public": "公用经费",
                  "fiscal_project": "项目支出", "nonfiscal_subtotal": "小计", "nonfiscal_personnel": "人员经费",
                  "nonfiscal_public": "公用经费", "nonfiscal_project": "项目支出"},
}
# columns some provinces add to the national template: written only when the model has them
VARIANT_COLUMNS: dict[str, tuple[str, ...]] = {"expenditure_overview": ("superior_remittance", "operating", "affiliated")}
TOTAL_LABEL = "总计"
INCOME_TOTAL = "收入总计"
EXPENDITURE_TOTAL = "支出总计"
NUMBER_MARK = "※"

# 第三部分 ---------------------------------------------------------------------------------------------------
SECTIONS: dict[str, str] = {
    "一": "一、关于{dept}{year}年收支预算情况总体说明",
    "二": "二、关于{dept}{year}年收入预算情况说明",
    "三": "三、关于{dept}{year}年支出预算情况说明",
    "四": "四、关于{dept}{year}年财政拨款收支预算情况的总体说明",
    "五": "五、关于{dept}{year}年一般公共预算当年拨款情况说明",
    "六": "六、关于{dept}{year}年一般公共预算基本支出情况说明",
    "七": "七、关于{dept}{year}年一般公共预算项目支出情况说明",
    "八": "八、关于{dept}{year}年政府性基金预算拨款情况说明",
    "九": "九、关于{dept}{year}年国有资本经营预算拨款情况说明",
    "十": "十、关于{dept}{year}年财政拨款“三公”经费预算情况说明",
    "十一": "十一、关于{dept}{year}年上年结转结余预算情况说明",
    "十二": "十二、其他重要事项的情况说明",
}
SUBSECTIONS: dict[str, list[str]] = {
    "五": ["（一）一般公共预算当年拨款规模变化情况", "（二）一般公共预算当年拨款结构情况", "（三）一般公共预算当年拨款具体使用情况"],
    "十二": ["（一）机关运行经费情况", "（二）政府采购情况", "（三）国有资产占用使用情况", "（四）预算绩效情况",
            "（五）其他需说明的事项"],
}
# income items of section 二, in order: (table 2 total-row column, how the prose names it)
INCOME_ITEMS = (
    ("general_own", "一般公共预算"), ("general_transfer", "上级一般公共预算安排的转移支付资金"),
    ("fund_own", "政府性基金预算"), ("fund_transfer", "上级政府性基金安排的转移支付资金"),
    ("soe_own", "国有资本经营预算"), ("soe_transfer", "上级国有资本经营预算安排的转移支付资金"),
    ("special_account", "财政专户管理资金"), ("unit_funds", "单位资金"), ("fiscal_carryover", "财政拨款结转"),
    ("nonfiscal_carryover", "非财政拨款结转结余"),
)
INCOME_KINDS = (  # 收入预算包括：… (table 1 items)
    ("general", "一般公共预算"), ("fund", "政府性基金预算"), ("soe", "国有资本经营预算"),
    ("special_account", "财政专户管理资金"), ("unit_funds", "单位资金"), ("carryover", "上年结转结余"),
)
S: dict[str, str] = {
    "total": "按照全口径预算的原则，{dept}{year}年所有收入和支出均纳入{org}预算管理。收支总预算 ",
    "income_kinds": "收入预算包括：{names}。",
    "expenditure_kinds": "支出预算包括：{names}。",
    "income_intro": "{dept}{org}收入预算 ",
    "expenditure_intro": "{dept}{year}年支出预算 ",
    "of_which": "，其中：",
    "not_arranged": "{name}未安排。",
    "fiscal_total": "{year}年财政拨款收支总预算 ",
    "fiscal_income": "收入预算包括：",
    "general_total": "{dept}{year}年一般公共预算拨款合计 ",
    "basic": "基本支出 ",
    "project": "项目支出 ",
    "class_share": "{i}、{name}（类）",
    "item_usage": "{i}、{cls}（类）{cat}（款）{item}（项）：{year}年预算数为 ",
    "basic_total": "{dept}{year}年一般公共预算基本支出 ",
    "personnel": "人员经费 ",
    "public": "公用经费 ",
    "mainly": "，主要包括：{names}。",
    "project_head": "（{n}）项目名称：{name}",
    "project_basis": "设立的政策依据：根据{dept}职能和{year}年工作安排，经财政部门审核批复设立。",
    "project_size": "预算安排规模：",
    "project_unit": "项目承担单位：{dept}",
    "project_allocation": "资金分配情况：根据项目的绩效目标、实施进度和效果进行资金分配。",
    "project_time": "资金执行时间：{year}年1月1日至{year}年12月31日。",
    "no_projects": "{dept}{year}年没有使用一般公共预算拨款安排的项目支出。",
    "fund_total": "{dept}{year}年政府性基金预算拨款 ",
    "soe_total": "{dept}{year}年国有资本经营预算拨款 ",
    "budget_item": "{cls}（类）{cat}（款）{item}（项）支出 ",
    "three_public": "{dept}{year}年财政拨款“三公”经费数为 ",
    "three_public_change": "{year}年财政拨款“三公”经费预算",
    "carryover_total": "{dept}{year}年上年结转结余 ",
    "carryover_parts": "，包括：财政拨款 ",
    "carryover_nonfiscal": "，非财政拨款 ",
    "carryover_item": "{i}. {name} ",
    "operating_cost": "{dept}{year}年的机关运行经费财政拨款预算 ",
    "procurement_total": "{year}年，{dept}政府采购预算 ",
    "procurement_reserved": "{year}年，{dept}面向中小企业预留政府采购项目预算金额 ",
    "procurement_small": "，小微企业预留政府采购项目预算金额 ",
    "no_procurement": "{dept}{year}年未安排政府采购预算。",
    "assets_intro": "截至{prev}年底，{dept}占用使用国有资产总体情况为：",
    "assets_house": "1.房屋 ",
    "assets_vehicles": "2.车辆 ",
    "assets_furniture": "3.办公家具价值 ",
    "assets_other": "4.其他资产价值 ",
    "assets_equipment": "{org}价值 ",
    "assets_plan_none": "{year}年{org}预算未安排购置车辆经费，安排购置 ",
    "assets_plan_vehicle": "{year}年{org}预算安排购置车辆经费 ",
    "performance_overall": "{year}年，本{org}预算绩效管理整体预算绩效目标 ",
    "performance_projects": "当年预算安排项目共 ",
    "performance_fiscal": "，其中：财政拨款项目涉及预算金额 ",
    "performance_nonfiscal": "；非财政拨款项目涉及预算金额 ",
    "performance_see": "。具体情况见下表：",
    "other_matters": "本{org}无其他需说明事项。",
    "change_up": "，比上年预算增加 ",
    "change_down": "，比上年预算减少 ",
    "growth_up": "，增长 ",
    "growth_down": "，下降 ",
    "change_flat": "，与上年预算持平",
    "change_new": "，上年无此项预算",
}
PERFORMANCE: dict[str, str] = {
    "overall_title": "{org}整体绩效目标表",
    "project_title": "项目支出绩效目标表",
    "year_line": "（{year}年）",
    "overall_name": "{org}名称（盖章）",
    "overall_goal": "年度绩效目标",
    "overall_goal_text": "1、全面履行{dept}职责，保障机构正常运转。2、按期完成年度重点工作任务，提升服务质量和群众满意度。",
    "project_unit": "预算单位",
    "project_name": "项目名称",
    "project_owner": "项目负责人",
    "project_owner_value": "—",
    "project_goal": "项目总体目标",
    "project_goal_text": "按照年度工作计划实施项目，保障各项任务按期完成，资金使用合规有效。",
    "basis": "计划标准",
    "rule": "按照完成比例赋分",
    "blank": "—",
}
FISCAL_SPEND: dict[str, str] = {"general": "一般公共预算支出包括：", "fund": "政府性基金预算支出包括：",
                                "soe": "国有资本经营预算支出包括："}
FISCAL_INCOME_ITEMS = (("general", "一般公共预算拨款"), ("fund", "政府性基金预算拨款"), ("soe", "国有资本经营预算拨款"))
THREE_PUBLIC_ITEMS = (("abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                      ("vehicle_operation", "公务用车运行费"), ("reception", "公务接待费"))
PROCUREMENT_ITEMS = (("goods", "政府采购货物预算 "), ("works", "政府采购工程预算 "), ("services", "政府采购服务预算 "))
VEHICLE_KINDS = (("general", "一般公务用车 "), ("enforcement", "执法执勤用车 "), ("other", "其他车辆 "))
SOURCES_HEAD = ("资金来源", "资金总额（万元）")
SOURCES = (("superior", "上级安排"), ("own", "本级安排"), ("other", "其他"))
FUNDS = ("项目资金(万元)", "年度预算总额", "其中：财政拨款", "其他资金")
INDICATOR_HEAD = ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "指标分值权重", "指标赋分规则")
DIVISION_KIND = {"部门": "科室", "单位": "科室"}
GLOSSARY = (
    "一、财政拨款：指由一般公共预算、政府性基金预算、国有资本经营预算安排的财政拨款数。",
    "二、一般公共预算：包括公共财政拨款（补助）资金、专项收入。",
    "三、财政专户管理资金：包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。",
    "四、其他资金：包括事业收入、事业经营收入、其他收入等。",
    "五、基本支出：包括人员经费、公用经费（定额）。其中，人员经费包括工资福利支出、对个人和家庭的补助。",
    "六、项目支出：部门（单位）支出预算的组成部分，是各部门（单位）为完成其特定的行政任务或事业发展目标，"
    "在基本支出预算之外编制的年度项目支出计划。",
    "七、“三公”经费：指部门（单位）因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    "八、机关运行经费：指行政单位（含参照公务员法管理事业单位）的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、"
    "福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、"
    "公务用车运行维护费及其他费用。",
)
DATE = "{y}年{m}月{d}日"
