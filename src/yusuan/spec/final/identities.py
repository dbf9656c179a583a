"""What must hold across the 决算's tables (FINAL.md «What must hold»), as `CrossIdentity` data: the parser uses
them to decide columns, the checker reports what does not hold."""

from __future__ import annotations

from yusuan.spec.types import CrossIdentity

CROSS: tuple[CrossIdentity, ...] = ()
BOUNDS: tuple[CrossIdentity, ...] = ()
