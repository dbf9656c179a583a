"""A sampled department as a publisher would print it, then parsed: what `yusuan write` gets from a real
document. The sampled prose is generated; a publisher adds the reasons for changes (`主要原因是…`) and explains
items in 其他需说明的事项. Used to test and show that the writer restates a parsed document's own words."""

from __future__ import annotations

import re

from yusuan.model import Disclosure
from yusuan.parse import parse_bytes
from yusuan.sample import department
from yusuan.write import build, render

REASONS = ("主要原因是本年新增编外聘用人员两名，相应增加了人员支出", "主要原因是上年一次性项目本年不再安排",
           "主要原因是按照过紧日子要求压减一般性支出")
OTHER = "本部门2025年调整了内设机构，绩效目标表按调整后的职责编制，特此说明。"


def published_text(seed: int, index: int, year: int = 2025) -> str:
    """The department's document in the tab layout, with reasons after its first changes and an explained item."""
    m = department(seed, index, year)
    text = render(build(m, department(seed, index, year - 1)), "txt-tab").decode("utf-8")
    count = iter(range(10**6))

    def reason(mt: re.Match[str]) -> str:
        return f"{mt.group(1)}，{REASONS[next(count) % len(REASONS)]}。"

    text = re.sub(r"(，(?:增长|下降) [\d.]+%)。", reason, text, count=len(REASONS))
    other = OTHER.replace("2025", str(year))
    return text.replace("本部门无其他需说明事项。", other).replace("本单位无其他需说明事项。", other)


def published(seed: int, index: int, year: int = 2025) -> Disclosure:
    return parse_bytes(published_text(seed, index, year).encode("utf-8"), f"published-{seed}-{index}.txt")
