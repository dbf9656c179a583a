"""What a rule reports, before the registry names it: a `Hit` (message, figures) and its `Location`s. Both the
registry and the context a rule reads build on these, so neither needs the other."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.spec import Severity


@dataclass
class Location:
    line: int | None = None
    page: int | None = None
    table: int | str | None = None  # 表 number (or table type when unnumbered); None for prose
    row: str | None = None  # code, item key or name
    column: str | None = None
    quote: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "page": self.page, "table": self.table, "row": self.row, "column": self.column,
                "quote": self.quote}


@dataclass
class Hit:
    """What a rule function yields: the message (Chinese, one sentence, both figures) and every place involved."""

    message: str
    locations: list[Location] = field(default_factory=list)
    expected: Decimal | None = None
    actual: Decimal | None = None
    severity: Severity | None = None  # only ever the reporting rule's own: a hit of another severity names another rule
    uncertain: bool = False  # depends on a cell whose column the parser could not decide
    unread: bool = False  # involves a table where the parser left printed numbers unplaced
    rule: str | None = None  # report under another registered rule (cent gaps → AR-ROUNDING)
