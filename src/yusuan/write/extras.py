"""Figures of the prose that no table holds (政府采购, 国有资产), read from a model's statements.

They come back from `parse` as statements with free-text subjects; the writer needs them by meaning. A model the
writer made itself (or `yusuan sample`) names them the same way, so this reads both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model import Disclosure, Statement

PROCUREMENT_KEYS = (("货物", "goods"), ("工程", "works"), ("服务", "services"), ("小微", "small"), ("中小企业", "sme"))
VEHICLE_KEYS = (("一般公务用车", "general"), ("执法", "enforcement"), ("其他车辆", "other"))


@dataclass
class Assets:
    house_area: Decimal = Decimal(0)
    house_value: Decimal = Decimal(0)
    vehicles: dict[str, tuple[int, Decimal]] = field(default_factory=dict)  # kind → (count, value)
    furniture: Decimal = Decimal(0)
    other: Decimal = Decimal(0)
    equipment: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # held ≥50万, ≥100万; to buy ≥50万, ≥100万


@dataclass
class Extras:
    procurement: dict[str, Decimal] | None = None  # goods, works, services, sme, small
    assets: Assets | None = None


def extract(d: Disclosure) -> Extras:
    return Extras(procurement=_procurement(d.narrative.block("procurement")),
                  assets=_assets(d.narrative.block("assets")))


def _procurement(sts: list[Statement]) -> dict[str, Decimal] | None:
    out: dict[str, Decimal] = {}
    for s in sts:
        if s.metric != "amount":
            continue
        key = next((k for word, k in PROCUREMENT_KEYS if word in s.subject), None)
        if key is not None and key not in out:
            out[key] = s.value
    if not out:
        return None
    return {k: out.get(k, Decimal(0)) for k in ("goods", "works", "services", "sme", "small")}


def _assets(sts: list[Statement]) -> Assets | None:
    if not sts:
        return None
    a = Assets()
    pending: str | None = None  # what the next 价值 amount belongs to
    counts: dict[str, int] = {}
    equipment: list[int] = []
    for s in sts:
        if s.metric == "area":
            a.house_area, pending = s.value, "house"
        elif s.metric == "count" and s.unit == "辆":
            pending = next((k for word, k in VEHICLE_KEYS if word in s.subject), "all")
            counts[pending] = int(s.value)
        elif s.metric == "count" and s.unit == "台":
            equipment.append(int(s.value))
        elif s.metric == "amount":
            pending = _asset_amount(a, s, pending, counts)
    a.equipment = (equipment + [0, 0, 0, 0])[:4]
    return a


def _asset_amount(a: Assets, s: Statement, pending: str | None, counts: dict[str, int]) -> str | None:
    if "办公家具" in s.subject:
        a.furniture = s.value
    elif "其他资产" in s.subject:
        a.other = s.value
    elif pending == "house":
        a.house_value = s.value
    elif pending in ("general", "enforcement", "other"):
        a.vehicles[pending] = (counts.get(pending, 0), s.value)
    return None
