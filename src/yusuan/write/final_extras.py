"""Figures the 决算's prose states that no table holds (政府采购, 国有资产, 预算绩效, the 三公 details), and the budget
the prose compares with. The sampler draws them; a writer given none leaves their sentences out."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model import Disclosure

ZERO = Decimal(0)


@dataclass
class Procurement:
    goods: Decimal = ZERO
    works: Decimal = ZERO
    services: Decimal = ZERO
    sme_reserved: Decimal = ZERO  # 面向中小企业预留政府采购项目预算金额
    small_reserved: Decimal = ZERO  # 面向小微企业预留
    sme_won: Decimal = ZERO  # in the reserved projects, won by 中小企业 suppliers
    small_won: Decimal = ZERO  # in the 小微 reserved projects, won by 小微企业 suppliers
    other_sme_won: Decimal = ZERO  # in the other projects, won by 中小企业 suppliers

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


@dataclass
class Performance:
    """十、预算绩效管理情况: projects with targets, tracked, self-evaluated (with their amounts), grades, problems."""

    targets: tuple[int, Decimal] = (0, ZERO)
    tracked: tuple[int, Decimal] = (0, ZERO)
    evaluated: tuple[int, Decimal] = (0, ZERO)
    score: Decimal = ZERO
    grades: tuple[int, int, int, int] = (0, 0, 0, 0)  # 优, 良, 合格, 不合格
    problems: tuple[int, int, int] = (0, 0, 0)  # found, fixed, being fixed


@dataclass
class ThreePublicDetail:
    groups: int = 0  # 因公出国（境）团组
    persons: int = 0  # 累计人次
    vehicles_bought: int = 0
    vehicles_held: int = 0  # 公务用车保有量
    receptions: int = 0  # 国内公务接待批次
    guests: int = 0  # 人次
    foreign: Decimal = ZERO  # 外宾接待支出


@dataclass
class FinalExtras:
    procurement: Procurement | None = None
    vehicles: dict[str, int] = field(default_factory=dict)  # 车辆 by kind (FINAL_VEHICLE_KINDS keys)
    equipment: int | None = None  # 单价100万元（含）以上设备（不含车辆）台（套）
    performance: Performance | None = None
    three_public: ThreePublicDetail | None = None
    full_year_budget: Decimal | None = None  # 全年预算数 (the budget after the year's adjustments), where stated


def final_extras_of(d: Disclosure) -> FinalExtras | None:
    """The extras a model made by the writer (or `yusuan sample`) states, read back from its statements by the
    subjects the writer gives them; None when it states none (a parsed document restates its own prose)."""
    by: dict[tuple[str, str], Decimal] = {}
    for s in d.narrative.statements:
        by.setdefault((s.block or "", s.subject), s.value)
    if not by:
        return None

    def get(block: str, subject: str) -> Decimal:
        return by.get((block, subject), ZERO)

    def n(block: str, subject: str) -> int:
        return int(get(block, subject))

    ex = FinalExtras()
    ex.full_year_budget = next((s.value for s in d.narrative.statements if s.metric == "full_year_budget"), None)
    if ("procurement", "政府采购金额") in by:
        ex.procurement = Procurement(*(get("procurement", k) for k in PROCUREMENT_SUBJECTS))
    if ("assets", "车辆") in by:
        ex.vehicles = {key: n("assets", label) for key, label in VEHICLE_SUBJECTS}
        ex.equipment = n("assets", "单价100万元以上设备")
    if ("performance", "编报绩效目标项目") in by:
        p = "performance"
        ex.performance = Performance(
            (n(p, "编报绩效目标项目"), get(p, "编报绩效目标项目金额")), (n(p, "绩效跟踪评价项目"), get(p, "绩效跟踪评价项目金额")),
            (n(p, "绩效自评项目"), get(p, "绩效自评项目金额")), get(p, "平均得分"),
            (n(p, "优"), n(p, "良"), n(p, "合格"), n(p, "不合格")), (n(p, "发现问题"), n(p, "已整改"), n(p, "正在整改")))
    if any(b in ("abroad", "vehicle", "reception") for b, _s in by):
        ex.three_public = ThreePublicDetail(n("abroad", "团组"), n("abroad", "人次"), n("vehicle", "购置车辆"),
                                            n("vehicle", "公务用车保有量"), n("reception", "接待批次"),
                                            n("reception", "接待人次"), get("reception", "外宾接待费"))
    return ex


# the subjects the writer gives the figures of 政府采购 (in Procurement's field order) and of the 车辆 by kind
PROCUREMENT_SUBJECTS = ("货物采购", "工程采购", "服务采购", "面向中小企业预留", "面向小微企业预留", "中小企业中标", "小微企业中标",
                        "其他项目中小企业中标")
VEHICLE_SUBJECTS = (("minister", "部级领导干部用车"), ("leader", "主要领导干部用车"), ("confidential", "机要通信用车"),
                    ("emergency", "应急保障用车"), ("enforcement", "执法执勤用车"), ("special", "特种专业技术用车"),
                    ("retired", "离退休干部用车"), ("other", "其他用车"))
