"""Figures the 决算's prose states that no table holds (政府采购, 国有资产, 预算绩效, the 三公 details), and the budget
the prose compares with. The sampler draws them; a writer given none leaves their sentences out."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

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
