"""What every rule sees of one document: the model, the source lines (for quotes), and the evaluator.

The evaluator reads `table[row].column` references (the notation of `yusuan.spec`) over the final model. A cell
whose column the parser left undecided (its value sits in `row.ambiguous` with this column among the candidates)
is not one number but a set of possible numbers: 0 or any ambiguous value that may belong there. An identity is
then judged over every possible placement: holds for some placement → nothing can be asserted; holds for none →
reported, and marked uncertain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar, cast

from yusuan.check.hits import Hit, Location
from yusuan.model import Disclosure, Row, Table
from yusuan.spec import template_of

T = TypeVar("T")
CENT = Decimal("0.01")
REF = re.compile(r"^(\w+)\[(\w+)\]\.(\w+)$")
SET_CAP = 4096  # residual sets larger than this are treated as "could hold" (nothing asserted)

# 元 per unit: the tables' unit (`单位：万元`) and each prose figure's own unit may differ
UNIT_YUAN = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def cents(v: Decimal) -> int:
    return int((v * 100).to_integral_value())


def dec(c: int) -> Decimal:
    return (Decimal(c) / 100).quantize(CENT)


def fmt(v: Decimal | int | None) -> str:
    """An amount as documents print it: 2 decimals with thousands commas."""
    if v is None:
        return "—"
    return f"{Decimal(v):,.2f}"


@dataclass(eq=False)
class Term:
    """One cell `table[row].column` with its sign in an equation."""

    table: Table
    row: Row
    col: str
    coef: int = 1

    def options(self) -> set[int]:
        v = self.row.values.get(self.col)
        if v is not None:
            return {cents(v)}
        opts = {cents(a.value) for a in self.row.ambiguous if self.col in a.candidates}
        return opts | {0} if opts else {0}

    def value(self) -> Decimal:
        return self.row.values.get(self.col, Decimal(0))

    @property
    def printed(self) -> bool:
        return self.col in self.row.values or self.uncertain

    @property
    def uncertain(self) -> bool:
        return self.col not in self.row.values and any(self.col in a.candidates for a in self.row.ambiguous)


@dataclass
class Outcome:
    """The judgement of one equation `Σ left = Σ right`."""

    left: Decimal
    right: Decimal
    holds: bool  # exactly, or for some placement of undecided cells
    rounding: bool  # misses by no more than the rounding of its printed terms
    uncertain: bool
    terms: int  # number of printed terms on the summed side
    unread: bool = False  # fails, but a table involved has numbers the parser could not place
    # where the two sides are in different units: (left's, right's, the difference's); each side is then in its
    # own unit and `diff` is the difference in the finer one
    units: tuple[str, str, str] | None = None
    diff: Decimal | None = None

    @property
    def gap(self) -> Decimal:
        return self.diff if self.diff is not None else self.left - self.right


class Context:
    def __init__(self, d: Disclosure, lines: dict[int, str] | None = None) -> None:
        self.d = d
        self.template = template_of(d)  # the family the document follows: its tables, identities, units
        self.lines = lines or d.line_texts or {}
        self.tables: dict[str, Table] = {t.type: t for t in d.tables}
        self._cache: dict[str, Any] = {}
        self.unread = self._unread_tables()

    def _unread_tables(self) -> set[str]:
        """Tables holding a line whose numbers the parser could not place in any row (a `parse` warning inside the
        table's extent): an identity failing there may only be missing that number."""
        out: set[str] = set()
        for w in self.d.warnings:
            if w.code != "parse" or w.line is None:
                continue
            for t in self.d.tables:
                a, b = t.source.lines or (t.source.line, t.source.line)
                if a is not None and b is not None and a <= w.line <= b:
                    out.add(t.type)
        return out

    def cached(self, key: str, make: Callable[[], T]) -> T:
        """Something several rules derive from the document (the prose figures, project matches), made once."""
        if key not in self._cache:
            self._cache[key] = make()
        return cast(T, self._cache[key])

    # ---- references --------------------------------------------------------------------------------------

    def table(self, key: str) -> Table | None:
        return self.tables.get(key)

    def resolve(self, ref: str, coef: int = 1) -> list[Term] | None:
        """`table[row].col` → its terms; None when the table is not in the document (nothing to check);
        [] when the row is not printed (its value is 0). A code without a subtotal row = its project rows."""
        m = REF.match(ref)
        if not m:
            raise ValueError(f"bad reference {ref}")
        key, sel, col = m.groups()
        t = self.tables.get(key)
        if t is None:
            return None
        return [Term(t, r, col, coef) for r in self.select(t, sel)]

    def blank(self, ref: str) -> bool:
        """The table of `ref` is printed but holds no figure at all and is not declared empty."""
        m = REF.match(ref)
        t = self.tables.get(m.group(1)) if m else None
        return t is not None and not t.empty and not any(r.values or r.ambiguous for r in t.rows)

    @staticmethod
    def select(t: Table, sel: str) -> list[Row]:
        if sel == "total":
            return [r for r in t.rows if r.kind == "total" and r.item in (None, "total")][:1]
        if sel.isdigit():
            plain = [r for r in t.rows if r.code == sel and not r.project][:1]
            return plain or [r for r in t.rows if r.code == sel and r.project]
        return [r for r in t.rows if r.item == sel][:1]

    # ---- judging -----------------------------------------------------------------------------------------

    def judge(self, left: list[Term], right: list[Term]) -> Outcome:
        """`Σ left = Σ right`, every figure taken in cents of the finest unit among its tables (all in 万元: cents
        of 万元, as printed); a figure of a coarser unit carries its own rounding (0.005 万元 = 50 元)."""
        terms = [*left, *(Term(t.table, t.row, t.col, -t.coef) for t in right)]
        fine = min((UNIT_YUAN[self.unit_of(t.table)] for t in terms), default=Decimal(1))
        scale = {id(t.table): int(UNIT_YUAN[self.unit_of(t.table)] / fine) for t in terms}
        lv = sum((t.value() * t.coef * scale[id(t.table)] for t in left), Decimal(0))
        rv = sum((t.value() * t.coef * scale[id(t.table)] for t in right), Decimal(0))
        # only printed (or possibly printed) cells carry rounding; a blank cell is an exact 0
        n = max(sum(1 for t in left if t.printed), sum(1 for t in right if t.printed), 1)
        # a figure printed in a coarser unit may differ from the finer one's by half its last digit: no finding
        conv = max(sum(scale[id(t.table)] for t in side if t.printed and scale[id(t.table)] > 1) // 2
                   for side in (left, right))
        # at least one cent: the same quantity printed in two places may come from two separately rounded sums
        tol = max(1, n // 2, conv)  # cents: a sum of n printed cells may miss by n × 0.005
        uncertain = any(t.uncertain for t in terms)
        unread = any(t.table.type in self.unread for t in terms)
        base = self._sides(left, right, lv, rv, fine)
        if not uncertain:
            gap = abs(cents(lv - rv))
            return Outcome(*base[:2], gap <= conv, conv < gap <= tol, False, n, unread and gap > conv, *base[2:])
        residuals: set[int] = {0}
        for t in terms:
            residuals = {r + t.coef * o * scale[id(t.table)] for r in residuals for o in t.options()}
            if len(residuals) > SET_CAP:
                return Outcome(*base[:2], True, False, True, n, False, *base[2:])
        if 0 in residuals or any(abs(r) <= tol for r in residuals):
            return Outcome(*base[:2], True, False, True, n, False, *base[2:])
        return Outcome(*base[:2], False, False, True, n, unread, *base[2:])

    def _sides(self, left: list[Term], right: list[Term], lv: Decimal, rv: Decimal, fine: Decimal
               ) -> tuple[Decimal, Decimal, tuple[str, str, str] | None, Decimal | None]:
        """The two sums as a message prints them: in their tables' unit; where the sides' units differ, each in
        its own (a side mixing units in the finer one) and the difference in the finer one."""
        units = {self.unit_of(t.table) for t in [*left, *right]}
        if len(units) <= 1:
            return lv, rv, None, None
        fine_unit = next(u for u, v in UNIT_YUAN.items() if v == fine)

        def own(side: list[Term], v: Decimal) -> tuple[Decimal, str]:
            us = {self.unit_of(t.table) for t in side}
            u = us.pop() if len(us) == 1 else fine_unit
            return (v * fine / UNIT_YUAN[u]).quantize(CENT), u

        (lo, lu), (ro, ru) = own(left, lv), own(right, rv)
        return lo, ro, (lu, ru, fine_unit), (lv - rv).quantize(CENT)

    # ---- locations ---------------------------------------------------------------------------------------

    def quote(self, line: int | None) -> str | None:
        if line is None:
            return None
        text = self.lines.get(line)
        return text.strip() if text is not None else None

    def loc_row(self, t: Table, r: Row, col: str | None = None) -> Location:
        label = r.code or r.item or r.name
        if r.project:
            label = f"{r.code or ''} {r.project}".strip()
        quote = self.quote(r.source.line)
        if quote is None:  # no source text (pdf/xlsx): rebuild what the row printed
            quote = " ".join(x for x in (r.code, r.name, r.project, *(fmt(v) for v in r.values.values())) if x)
        return Location(r.source.line, r.source.page, t.number or t.type, label, col, quote)

    def loc_term(self, term: Term) -> Location:
        return self.loc_row(term.table, term.row, term.col)

    def loc_line(self, line: int | None, page: int | None = None, quote: str | None = None,
                 table: int | str | None = None, row: str | None = None) -> Location:
        return Location(line, page, table, row, None, self.quote(line) or quote)

    def locs(self, terms: Iterable[Term]) -> list[Location]:
        """One location per row involved (its columns joined); blank cells of long lists (the 类 rows of table 1
        print every class) are left out unless nothing else is printed."""
        terms = list(terms)
        shown = [t for t in terms if t.printed] or terms
        out: dict[tuple[int | None, str, int], Location] = {}
        for t in shown:
            key = (t.row.source.line, t.table.type, id(t.row))
            if key in out:
                loc = out[key]
                if loc.column and t.col not in loc.column.split("、"):
                    loc.column += "、" + t.col
            else:
                out[key] = self.loc_term(t)
        return list(out.values())

    # ---- naming -------------------------------------------------------------------------------------------

    def tname(self, t: Table) -> str:
        """A table as the document names it: its number where printed, else its title (the template's if none)."""
        return f"表{t.number}" if t.number else (t.title or self.template.title_of(t.type))

    # ---- units --------------------------------------------------------------------------------------------

    def _known(self, u: str | None) -> str:
        """A printed unit as one of UNIT_YUAN's (`万元（保留两位小数）` → 万元); the family's where none is printed."""
        u = (u or self.template.unit).strip()
        return next((k for k in ("亿元", "万元", "元") if u.startswith(k)), self.template.unit)

    @property
    def table_unit(self) -> str:
        """The unit of the document's tables (`单位：万元` unless the document says otherwise); a table printing its
        own unit: `unit_of`."""
        return self._known(self.d.unit)

    def unit_of(self, t: Table | str | None) -> str:
        """The unit of table `t`'s figures: the unit it prints for itself; else the template's unit for this table
        where the family gives it one of its own; else the document's; else the family's. A unit passes through;
        no table: the document's tables' unit."""
        if t is None:
            return self.table_unit
        if isinstance(t, str):
            return self._known(t)
        spec_unit = self.template.unit_of(t.type)
        return self._known(t.unit or (spec_unit if spec_unit != self.template.unit else None) or self.d.unit)

    def unit_note(self, t: Table | str | None, other: str | None) -> str:
        """` 元` after a table figure whose unit differs from the other figure it is compared with; else ``."""
        u = self.unit_of(t)
        return "" if (other or "万元") == u else f" {u}"

    def same_amount(self, stated: Decimal, unit: str | None, table_value: Decimal,
                    t: Table | str | None = None) -> bool:
        """A prose amount (in its own unit) states a figure of table `t` (in its unit; no table: the document's
        tables' unit): equal once both are in 元, within the rounding of the coarser of the two printed figures."""
        su = UNIT_YUAN.get(unit or "万元", UNIT_YUAN["万元"])
        tu = UNIT_YUAN[self.unit_of(t)]
        if su == tu:
            return stated == table_value
        tol = max(su, tu) * Decimal("0.005")
        return abs(stated * su - table_value * tu) <= tol

    def in_table_unit(self, stated: Decimal, unit: str | None, t: Table | str | None = None) -> Decimal:
        """A prose amount converted to table `t`'s unit (no table: the document's tables'), for messages and
        differences."""
        su = UNIT_YUAN.get(unit or "万元", UNIT_YUAN["万元"])
        tu = UNIT_YUAN[self.unit_of(t)]
        return stated if su == tu else (stated * su / tu).quantize(CENT)

    def col_label(self, t: Table, col: str) -> str:
        for c in t.columns:
            if c.key == col:
                return c.label
        spec = self.template.table(t.type)
        if spec:
            for cs in (*spec.columns, *spec.right, *spec.left):
                if cs.key == col:
                    return cs.label
        return col

    def cell_name(self, term: Term) -> str:
        r = term.row
        who = r.project or r.name or r.item or r.code or ""
        code = f"{r.code} " if r.code and not r.project else ""
        col = self.col_label(term.table, term.col)
        return f"{self.tname(term.table)}“{code}{who}”{col}"

    def rounding_or(self, out: Outcome, message: str, locations: list[Location], origin: str) -> Hit:
        """A failed equation as a hit: a cent gap within rounding goes to AR-ROUNDING, naming the origin rule."""
        if out.rounding:
            return Hit(message.rstrip("。") + f"，在 {out.terms} 个印出数各自四舍五入的范围内（来源规则 {origin}）。",
                       locations, out.right, out.left, rule="AR-ROUNDING", unread=out.unread)
        return Hit(message, locations, out.right, out.left, uncertain=out.uncertain, unread=out.unread)
