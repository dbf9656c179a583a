"""第三部分 情况说明 of the 决算: its sections (一 … 十一) and sub-sections, and where the tables hold what they state."""

from __future__ import annotations

from yusuan.spec.types import ProseSpec

PROSE = ProseSpec()

# the explanation sections (block, what it explains) a 决算 must hold
EXPLANATIONS: tuple[tuple[str, str], ...] = ()
