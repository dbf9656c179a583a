"""The rule registry (modelled on ruff): one small function per rule, registered with an id, a category, a
severity and a Chinese title (`title`, required: one line in plain words, naming the problem the rule reports, shown
wherever the rule is named to a reader) and a Chinese `note` (one line explaining what is checked, shown before its
documentation; the tests require it of every rule). Its docstring is its documentation, in Chinese (first line: one-line description; then
explanation and `示例：` example).

A rule function takes the `Context` of one document and yields `Hit`s; the runner turns each hit into a `Finding`
with the rule's id, category and severity. A hit may name another rule (`Hit.rule`): the arithmetic and
cross-table rules hand their cent gaps to `AR-ROUNDING` that way, so rounding never mixes with real errors.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, get_args

from yusuan.check.hits import Hit, Location
from yusuan.model import num
from yusuan.spec import Severity

if TYPE_CHECKING:
    from yusuan.check.context import Context

SEVERITIES: tuple[Severity, ...] = get_args(Severity)
RANK = {"info": 0, "warning": 1, "error": 2}
CATEGORIES = ("completeness", "arithmetic", "cross_table", "narrative_vs_table", "narrative_internal",
              "performance", "staffing", "classification", "internal")
# shown in human output and in docs/rules.md
CATEGORY_LABELS = {
    "completeness": "完整性", "arithmetic": "表内运算", "cross_table": "表间一致", "narrative_vs_table": "说明与表格",
    "narrative_internal": "说明内部", "performance": "绩效目标", "staffing": "人员编制", "classification": "科目编码",
    "internal": "内部错误",
}
INTERNAL = "IN-RULE-FAILED"
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
UNCERTAIN_NOTE = "（涉及的部分数字列未能确定，已按所有可能的列核对）"
UNREAD_NOTE = "（所涉表格有未能归入任何一行的数字，见解析警告，结论仅供参考）"
CJK = re.compile(r"[\u4e00-\u9fff]")
TITLE_END = "。.，,；;：:、！!？? "  # a title is a name, not a sentence: it ends in none of these


@dataclass
class Finding:
    rule: str
    category: str
    severity: Severity
    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    locations: list[Location] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "category": self.category, "severity": self.severity, "message": self.message,
                "expected": num(self.expected), "actual": num(self.actual), "difference": num(self.difference),
                "locations": [loc.to_dict() for loc in self.locations]}

    def lines(self) -> list[int]:
        return [loc.line for loc in self.locations if loc.line is not None]


RuleFn = Callable[["Context"], Iterable[Hit]]


@dataclass
class Rule:
    id: str
    category: str
    severity: Severity
    fn: RuleFn
    doc: str
    title: str  # Chinese, one line, the problem in plain words (`在职、退休、离休人数之和不等于实有人数`)
    note: str = ""  # Chinese explanation (required of every rule by the tests), shown before the documentation

    @property
    def label(self) -> str:
        """How a rule is named to a reader: id and Chinese title."""
        return f"{self.id} {self.title}"

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""


RULES: dict[str, Rule] = {}


def title_problem(title: str) -> str | None:
    """Why `title` cannot be a rule's title (None when it can): it must be one line with Chinese in it, end in no
    punctuation and be short enough for a list."""
    if not title or title != title.strip():
        return "empty or padded with spaces"
    if "\n" in title:
        return "more than one line"
    if not CJK.search(title):
        return "no Chinese in it"
    if title[-1] in TITLE_END:
        return f"ends in {title[-1]!r}"
    if len(title) > 60:
        return "longer than 60 characters"
    return None


def register(id: str, category: str, severity: Severity, fn: RuleFn, doc: str | None = None, *, title: str,
             note: str = "") -> Rule:
    """Add a rule to the registry; refuses a duplicate id, an unknown category or severity, and a missing,
    malformed or already used Chinese title."""
    if id in RULES:
        raise ValueError(f"duplicate rule id {id}")
    if category not in CATEGORIES or severity not in SEVERITIES:
        raise ValueError(f"rule {id}: bad category {category!r} or severity {severity!r}")
    problem = title_problem(title)
    if problem:
        raise ValueError(f"rule {id}: bad Chinese title {title!r} ({problem})")
    other = next((r.id for r in RULES.values() if r.title == title), None)
    if other:
        raise ValueError(f"rule {id}: title {title!r} is already the title of {other}")
    if note and (not CJK.search(note) or "\n" in note or not note.endswith("。")):
        # every rule explains itself in one Chinese line before its documentation (a rule without one fails
        # test_every_rule_has_a_chinese_title, not the import: a new rule must not stop the others)
        raise ValueError(f"rule {id}: the Chinese note must be one line ending in 。")
    r = Rule(id, category, severity, fn, inspect.cleandoc(doc if doc is not None else (fn.__doc__ or "")),
             title, note)
    RULES[id] = r
    return r


def rule(id: str, category: str, severity: Severity, *, title: str, note: str = "") -> Callable[[RuleFn], RuleFn]:
    """Decorator: register the function as rule `id` with its Chinese `title` (required) and optional Chinese
    `note`; its docstring is the rule's documentation."""

    def wrap(fn: RuleFn) -> RuleFn:
        register(id, category, severity, fn, title=title, note=note)
        return fn

    return wrap


def run_rules(ctx: Context, only: Iterable[str] | None = None, strict: bool = False) -> Iterator[Finding]:
    """Every rule over one document. A rule that raises is isolated: what it found before failing is kept and an
    `IN-RULE-FAILED` finding names it, so one rule's bug never stops the others (`strict` re-raises, for tests)."""
    for r in list(RULES.values()) if only is None else [RULES[i] for i in only]:
        got: list[Finding] = []
        try:
            for hit in r.fn(ctx):
                got.append(to_finding(r, hit))
        except Exception as e:
            if strict:
                raise
            yield from got
            yield internal_error(r, e)
            continue
        yield from got


def internal_error(r: Rule, e: Exception) -> Finding:
    where = ""
    tb = e.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is not None:
        where = f"（{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}）"
    target = RULES[INTERNAL]
    msg = (f"规则 {r.id}（{r.title}）运行出错，未能完成该项检查：{type(e).__name__}: {str(e)[:120]}{where}。"
           "这是检查程序的问题，不是文件的问题，请报告给维护者。")
    return Finding(target.id, target.category, target.severity, msg)


def to_finding(r: Rule, hit: Hit) -> Finding:
    target = RULES.get(hit.rule, r) if hit.rule else r
    if hit.severity not in (None, target.severity):
        # the severity `yusuan rules` lists is the one findings carry: report under a rule of that severity instead
        raise ValueError(f"{r.id}: a hit of severity {hit.severity} under {target.id} ({target.severity})")
    severity = target.severity
    message = hit.message
    if hit.uncertain:
        # the parser could not decide a column this depends on: say so and do not assert
        severity = "info"
        if UNCERTAIN_NOTE not in message:
            message = message.rstrip("。") + UNCERTAIN_NOTE + "。"
    if hit.unread:
        # a number of the table was not read: the gap may be that number, so nothing is asserted
        severity = "info"
        if UNREAD_NOTE not in message:
            message = message.rstrip("。") + UNREAD_NOTE + "。"
    diff = None
    if hit.expected is not None and hit.actual is not None:
        diff = hit.actual - hit.expected
    locations: list[Location] = []
    for loc in hit.locations:  # one place named once
        if not any(x.line == loc.line and x.table == loc.table and x.row == loc.row for x in locations):
            locations.append(loc)
    return Finding(target.id, target.category, severity, message, hit.expected, hit.actual, diff, locations)
