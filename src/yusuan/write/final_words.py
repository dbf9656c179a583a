"""The words of the national 部门决算 template (the 2024 样张), as data: cover, parts, 第一部分, the empty-table notes,
the sentences of 第三部分 and the glossary. `{dept}` is the publisher, `{year}` the year accounted for, `{prev}` the
year before, `{org}` 部门 or 单位. Figures are never written here: the writer appends them from the data."""

from __future__ import annotations

from yusuan.write.final_extras import VEHICLE_SUBJECTS

COVER = "{year}年度{kind}"
PARTS: dict[str, str] = {
    "profile": "第一部分 {dept}概况",
    "tables": "第二部分 {dept}{year}年度{kind}表",
    "narrative": "第三部分 {dept}{year}年度{kind}情况说明",
    "glossary": "第四部分 名词解释",
}
# where 其他重要事项 is a part of its own (FINAL.md: some provinces), the glossary is the fifth and the three
# subsections of 十一 print as its sections
OTHER_MATTERS_PART = "第四部分 其他重要事项的情况说明"
GLOSSARY_FIFTH = "第五部分 名词解释"
OTHER_MATTERS_SECTIONS = ("一、机关运行经费支出情况", "二、政府采购支出情况", "三、国有资产占有使用情况说明")
PROFILE: dict[str, str] = {
    "functions": "一、主要职能",
    "units": "二、{kind}单位构成",
    "units_intro": "从预算单位构成看，{dept}{kind}包括：{dept}本级决算、下属行政事业单位决算。",
    "units_lead": "纳入{dept}{year}年度{kind}编制范围的单位包括：",
    "units_head": "序号 单位名称 备注",
    "organization": "二、机构设置",
    "organization_text": "{dept}为独立核算单位，无下属预算单位。",
}
UNIT_LINE = "单位：{unit}"
EMPTY_DEFAULT = "注：{dept}无{title}数据，故本表无数据。"

# 第三部分 ---------------------------------------------------------------------------------------------------
SECTIONS: dict[str, str] = {
    "一": "一、收入支出决算总体情况说明",
    "二": "二、收入决算情况说明",
    "三": "三、支出决算情况说明",
    "四": "四、财政拨款收入支出决算总体情况说明",
    "五": "五、一般公共预算财政拨款支出决算情况说明",
    "六": "六、一般公共预算财政拨款基本支出决算情况说明",
    "七": "七、财政拨款“三公”经费支出决算情况说明",
    "八": "八、政府性基金预算财政拨款收入支出决算情况说明",
    "九": "九、国有资本经营预算财政拨款收入支出决算情况说明",
    "十": "十、预算绩效管理情况",
    "十一": "十一、其他重要事项的情况说明",
}
SUBSECTIONS: dict[str, tuple[str, ...]] = {
    "五": ("（一）一般公共预算财政拨款支出决算总体情况", "（二）一般公共预算财政拨款支出决算结构情况",
          "（三）一般公共预算财政拨款支出决算具体情况"),
    "七": ("（一）“三公”经费财政拨款支出决算总体情况说明。", "（二）“三公”经费财政拨款支出决算具体情况说明。"),
    "十一": ("（一）机关运行经费支出情况", "（二）政府采购支出情况", "（三）国有资产占有使用情况说明"),
}
# income and expenditure items of sections 二 and 三 (the 合计 row's columns), as the prose names them
INCOME_ITEMS = (("fiscal", "财政拨款收入"), ("superior_subsidy", "上级补助收入"), ("business_income", "事业收入"),
                ("operating_income", "经营收入"), ("affiliated_remittance", "附属单位上缴收入"), ("other_income", "其他收入"))
EXPENDITURE_ITEMS = (("basic", "基本支出"), ("project", "项目支出"), ("remit_superior", "上缴上级支出"),
                     ("operating", "经营支出"), ("subsidy_affiliated", "对附属单位补助支出"))
THREE_PUBLIC_ITEMS = (("abroad", "因公出国（境）费"), ("vehicle", "公务用车购置及运行维护费"), ("reception", "公务接待费"))
REASON = "主要原因：{why}。"
REASONS: dict[str, str] = {
    "up": "业务工作量增加，相应增加项目支出和人员经费支出",
    "down": "落实过紧日子要求，压减一般性支出，部分项目按进度结转下年",
    "over": "年中追加预算，相应增加支出",
    "under": "部分项目按合同进度支付，结余资金按规定结转",
    "flat": "",
}
S: dict[str, str] = {
    "total": "{dept}{year}年度收入支出总计",
    "total_change": "与{prev}年度相比，收入支出总计",
    "income": "本年收入合计",
    "expenditure": "本年支出合计",
    "of_which": "，其中：",
    "fiscal_total": "{dept}{year}年度财政拨款收入支出总计",
    "fiscal_change": "与{prev}年度相比，财政拨款收入支出总计",
    "general": "一般公共预算财政拨款支出",
    "general_share": "，占本年支出合计的",
    "general_change": "与{prev}年度相比，一般公共预算财政拨款支出",
    "general_uses": "一般公共预算财政拨款支出{amount}，主要用于以下方面：",
    "general_budget": "一般公共预算财政拨款支出年初预算为",
    "spent": "，支出决算为",
    "rate": "，完成年初预算的",
    "full_year": "，全年预算数为",
    "full_rate": "，完成全年预算数的",
    "item": "{i}、{cls}（类）{cat}（款）{item}（项）。主要用于：{use}。年初预算为",
    "item_over": "决算数大于预算数的主要原因：{why}。",
    "item_under": "决算数小于预算数的主要原因：{why}。",
    "item_equal": "决算数与预算数持平。",
    "basic": "一般公共预算财政拨款基本支出",
    "personnel": "。其中：人员经费",
    "public": "；公用经费",
    "mainly": "，主要包括：{names}",
    "three_budget": "“三公”经费财政拨款支出年初预算为",
    "three_rate": "，完成预算的",
    "three_item": "{label}支出决算为",
    "three_change": "{year}年度“三公”经费财政拨款支出决算数比{prev}年度",
    "three_item_change": "{label}支出决算",
    "three_share_lead": "“三公”经费财政拨款支出决算中，",
    "three_share_item": "{label}支出决算",
    "three_detail": "。具体情况如下：",
    "abroad": "1、因公出国（境）费支出",
    "abroad_groups": "。全年安排因公出国（境）团组",
    "abroad_persons": "、累计",
    "abroad_use": "。开支内容包括：参加国际交流合作、考察培训等。",
    "vehicle": "2、公务用车购置及运行维护费支出",
    "vehicle_purchase": "。其中：公务用车购置支出为",
    "vehicle_bought": "，购置公务用车",
    "vehicle_operation": "；公务用车运行维护支出",
    "vehicle_held": "，主要用于公务用车燃料费、维修费、保险费等支出。{year}年，{dept}开支财政拨款的公务用车保有量为",
    "reception": "3、公务接待费支出",
    "reception_domestic": "。其中：国内公务接待支出",
    "reception_foreign": "（含外宾接待支出",
    "reception_count": "），主要用于执行公务、开展业务活动所需的接待支出，共接待",
    "reception_persons": "、",
    "no_three_public": "{dept}{year}年度无“三公”经费财政拨款支出。",
    "fund": "政府性基金预算财政拨款收入",
    "soe": "国有资本经营预算财政拨款收入",
    "fund_spent": "，支出",
    "fund_detail": "，支出具体情况如下：",
    "no_fund": "{dept}{year}年度无政府性基金预算财政拨款收入和支出。",
    "no_soe": "{dept}{year}年度无国有资本经营预算财政拨款收入和支出。",
    "performance": "{dept}{year}年度预算绩效管理工作开展情况如下：本{org}建立了预算绩效管理制度，建立了全过程预算绩效"
                   "管理工作机制；全过程绩效管理实施情况：编报绩效目标的{year}年度项目",
    "perf_amount": "，涉及预算金额",
    "perf_tracked": "；绩效跟踪评价的{year}年度项目",
    "perf_evaluated": "；绩效自评的{year}年度项目",
    "perf_score": "，平均得分",
    "perf_grades": "（其中，绩效评级为“优”的项目",
    "perf_good": "；绩效评级为“良”的项目",
    "perf_pass": "；绩效评级为“合格”的项目",
    "perf_fail": "；绩效评级为“不合格”的项目",
    "perf_problems": "。绩效自评中共发现问题",
    "perf_fixed": "，已经完成整改的",
    "perf_fixing": "，正在整改的",
    "operating": "机关运行经费支出",
    "no_operating": "{dept}{year}年度无机关运行经费支出。",
    "procurement": "{dept}{year}年度政府采购金额（以合同签订为准）为",
    "proc_goods": "，其中：货物采购金额",
    "proc_works": "、工程采购金额",
    "proc_services": "、服务采购金额",
    "proc_reserved": "{year}年度本{org}面向中小企业预留政府采购项目预算金额",
    "proc_small": "，面向小微企业预留政府采购项目预算金额",
    "proc_sme_won": "。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额",
    "proc_small_won": "；在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额",
    "proc_other_won": "；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额",
    "no_procurement": "{dept}{year}年度无政府采购支出。",
    "assets": "截至{year}年12月31日，{dept}共有车辆",
    "equipment": "。单价",
    "equipment_rest": "（含）以上设备（不含车辆）",
    "change_up": "增加",
    "change_down": "减少",
    "growth_up": "，增长",
    "growth_down": "，下降",
    "flat": "持平",
}
VEHICLE_KINDS = VEHICLE_SUBJECTS  # 车辆 by kind, as the 样张 lists them
USE = "保障机构正常运转和相关业务工作开展"  # 主要用于：… of a 项 paragraph
GLOSSARY = (
    "一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款"
    "和国有资本经营预算财政拨款。",
    "二、事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "三、经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "四、其他收入：指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。",
    "五、年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    "六、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定"
    "继续使用的资金。",
    "七、基本支出：指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。",
    "八、项目支出：指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。",
    "九、经营支出：指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。",
    "十、“三公”经费：指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    "十一、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费"
    "支出。",
)
DATE = "{y}年{m}月{d}日"
