"""Decide which column each printed number belongs to when blank cells left no trace (space layout).

One general mechanism for every table: each printed row is a variable whose domain is the order-preserving ways
to place its k numbers in its n columns. Identities prune the domains:
1. the row's own identities (`total = basic + project`),
2. parent = sum of children, column by column (类 = Σ 款, 总计 = Σ 类, income tree of table 1, …),
3. identities across tables (the template's `cross`).
Each identity is enforced by enumerating the joint domains of the rows it involves (when small enough) and keeping
the combinations that fit exactly; only where no combination fits exactly are fits within rounding (n × 0.005)
kept; where none fits at all the identity is left to the checker and prunes nothing. Whatever is still open at the
end is reported as ambiguous, never guessed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.parse.tables import RawRow
from yusuan.parse.text import cents
from yusuan.spec import CrossIdentity, Template, parse_equation

ENUM_CAP = 5_000_000  # joint combinations past which an identity waits until other identities narrow its rows


@dataclass(eq=False)
class Var:
    table: str
    row: RawRow
    cols: list[str]
    nums: list[int]
    domain: list[tuple[int, ...]]
    pruned_by: list[str] = field(default_factory=list)

    _maps: list[list[int]] | None = None
    _maps_for: int = -1

    def maps(self) -> list[list[int]]:
        """Cents by column index for each candidate (cached until the domain shrinks)."""
        if self._maps is None or self._maps_for != len(self.domain):
            n = len(self.cols)
            out = []
            for cand in self.domain:
                arr = [0] * n
                for p, v in zip(cand, self.nums, strict=True):
                    arr[p] = v
                out.append(arr)
            self._maps, self._maps_for = out, len(self.domain)
        return self._maps


@dataclass(eq=False)
class Constraint:
    id: str
    vars: list[Var]
    # each equation: terms (coefficient, index into vars, column) that must sum to zero (or, for a bound,
    # stay at or below zero)
    equations: list[list[tuple[int, int, str]]]
    bound: bool = False
    by_var: list[list[tuple[int, int, int]]] | None = None  # (equation, coefficient, column index) per row
    cache: dict[tuple[int, int], list[tuple[int, ...]]] = field(default_factory=dict)


def make_var(table: str, row: RawRow) -> Var:
    if row.cells is not None:
        nums = [cents(v) for v in row.cells if v is not None]
        cand = tuple(i for i, v in enumerate(row.cells) if v is not None)
        return Var(table, row, row.cols, nums, [cand])
    nums = [cents(v) for v in row.numbers]
    n, k = len(row.cols), len(nums)
    domain = list(itertools.combinations(range(n), k)) if k <= n else []
    return Var(table, row, row.cols, nums, domain)


class Solver:
    def __init__(self, tables: dict[str, list[RawRow]]):
        self.vars: dict[str, list[Var]] = {t: [make_var(t, r) for r in rows] for t, rows in tables.items()}
        self.constraints: list[Constraint] = []
        self.broken: set[str] = set()
        self._indexes: dict[str, dict[str, list[Var]]] = {}

    # ---- building identities ---------------------------------------------------------------------------------

    def add_row_identities(self, table: str, equations: Iterable[str]) -> None:
        eqs = [parse_equation(e) for e in equations]
        for v in self.vars.get(table, []):
            mine = [eq for eq in eqs if eq.lhs in v.cols]
            if mine:
                terms = [[(1, 0, eq.lhs)] + [(-1, 0, c) for c in eq.rhs if c in v.cols] for eq in mine]
                self.constraints.append(Constraint(f"{table}:row", [v], terms))

    def lead_with_total(self, table: str, equations: Iterable[str]) -> None:
        """Where the first column is the sum of the others (`total = basic + project`), a printed row that has any
        non-zero figure prints its total, and prints it first: amounts are not negative, so leaving the total
        blank would force every part to zero. Candidates not starting in the first column are dropped."""
        lhs = {parse_equation(e).lhs for e in equations}
        for v in self.vars.get(table, []):
            if not v.cols or v.cols[0] not in lhs or len(v.domain) <= 1 or v.row.cells is not None:
                continue
            if any(n < 0 for n in v.nums) or not any(v.nums):
                continue
            v.domain = [cand for cand in v.domain if cand[0] == 0]

    def add_sum(self, cid: str, parent: Var, children: list[Var], cols: list[str] | None = None) -> None:
        if not children:
            return
        allv = [parent, *children]
        use = cols if cols is not None else [c for c in parent.cols if all(c in ch.cols for ch in children)]
        eqs = [[(1, 0, c)] + [(-1, i + 1, c) for i in range(len(children))] for c in use]
        self.constraints.append(Constraint(cid, allv, eqs))

    def add_hierarchy(self, table: str) -> None:
        """Parent rows equal the sum of their children, column by column."""
        vs = self.vars.get(table, [])
        coded = [v for v in vs if v.row.code]
        # the table's own 合计 (closing items such as 人员经费合计 are totals of their own, not of every 类)
        total = next((v for v in vs if v.row.kind == "total" and not v.row.item), None)
        depts = [v for v in vs if v.row.kind == "department"]
        parents = _parents(coded)
        kids: dict[int, list[Var]] = {}
        for v in coded:
            if id(v) in parents:
                kids.setdefault(id(parents[id(v)]), []).append(v)
        for v in coded:
            if kids.get(id(v)):
                self.add_sum(f"{table}:sum:{v.row.code}", v, kids[id(v)])
        top = [v for v in coded if id(v) not in parents]
        named = [v for v in vs if v.row.kind == "project" and not v.row.code]
        if depts:
            if total:
                self.add_sum(f"{table}:sum:total", total, depts)
            for i, d in enumerate(depts):
                nxt = depts[i + 1].row.first if i + 1 < len(depts) else 10**9
                under = [v for v in top + named if d.row.first < v.row.first < nxt]
                self.add_sum(f"{table}:sum:department", d, under)
        elif total:
            self.add_sum(f"{table}:sum:total", total, top + named)

    def add_item_tree(self, table: str, tree: dict[str, tuple[str, ...]], cols: list[str] | None = None) -> None:
        vs = self.vars.get(table, [])
        by_item = {v.row.item: v for v in vs if v.row.item and v.row.kind in ("income", "total", "item")}
        for parent, kids in tree.items():
            pv = by_item.get(parent)
            cvs = [by_item[k] for k in kids if k in by_item]
            if pv is not None and cvs:
                self.add_sum(f"{table}:sum:{parent}", pv, cvs, cols)

    def add_sided_totals(self, table: str) -> None:
        """The right side: 本年支出合计 = Σ 类 and 总计 = 本年支出合计 + the other closing rows where the table prints
        them (the 决算); else 总计 = Σ 类. 收入总计 = 支出总计."""
        vs = self.vars.get(table, [])
        exp_total = next((v for v in vs if v.row.item == "expenditure_total"), None)
        classes = [v for v in vs if v.row.kind == "expenditure" and v.row.code]
        current = next((v for v in vs if v.row.item == "current_expenditure"), None)
        closing = [v for v in vs if v.row.kind == "expenditure" and v.row.item and v.row.item != "expenditure_total"]
        if current is not None:
            self.add_sum(f"{table}:sum:current_expenditure", current, classes)
            if exp_total:
                self.add_sum(f"{table}:sum:expenditure_total", exp_total, closing)
        elif exp_total:
            self.add_sum(f"{table}:sum:expenditure_total", exp_total, classes)
        inc_total = next((v for v in vs if v.row.item == "income_total"), None)
        if inc_total and exp_total and "amount" in exp_total.cols:
            self.constraints.append(Constraint(f"{table}:balance", [inc_total, exp_total],
                                               [[(1, 0, "amount"), (-1, 1, "amount")]]))
        elif inc_total and exp_total and "total" in exp_total.cols:
            self.constraints.append(Constraint(f"{table}:balance", [inc_total, exp_total],
                                               [[(1, 0, "amount"), (-1, 1, "total")]]))

    def add_cross(self, template: Template) -> None:
        for ident in template.cross:
            if ident.decides:
                self._add_identity(ident, bound=False)
        for ident in template.bounds:
            self._add_identity(ident, bound=True)

    def _add_identity(self, ident: CrossIdentity, bound: bool) -> None:
        """One equation (or bound) per binding of `{code}`/`{item}`: left − right = 0 (≤ 0 for a bound)."""
        for binding in self._bindings(ident.over, ident.left + ident.right):
            terms: list[tuple[int, Var, str]] = []
            missing = False
            for sign, refs in ((1, ident.left), (-1, ident.right)):
                for ref in refs:
                    s = -sign if ref.startswith("-") else sign
                    resolved = self._resolve(ref.lstrip("-").replace("{code}", binding or "")
                                             .replace("{item}", binding or ""))
                    if resolved is None:
                        missing = True
                        break
                    terms += [(s, v, col) for v, col in resolved]
            if missing or not terms:
                continue
            if bound and not any(sign > 0 for sign, _v, _c in terms):
                continue  # nothing on the bounded side: 0 ≤ amounts holds without saying
            uniq: list[Var] = []
            for _, v, _c in terms:
                if v not in uniq:
                    uniq.append(v)
            eq = [(s, uniq.index(v), c) for s, v, c in terms]
            cid = f"{ident.id}{'@' + binding if binding else ''}"
            self.constraints.append(Constraint(cid, uniq, [eq], bound=bound))

    def _bindings(self, over: str | None, refs: tuple[str, ...]) -> list[str | None]:
        if over is None:
            return [None]
        codes: set[str] = set()
        for ref in refs:
            table = ref.lstrip("-").split("[")[0]
            for v in self.vars.get(table, []):
                c = v.row.item if over == "item" else v.row.code
                if c and (over in ("code", "item") or len(c) == 3):
                    codes.add(c)
        return [c for c in sorted(codes)]

    def _resolve(self, ref: str) -> list[tuple[Var, str]] | None:
        """`table[row].col` → the (row, column) terms it stands for; None when the table is not there at all;
        [] when the row is not printed (its value is 0)."""
        m = re.match(r"^(\w+)\[(\w+)\]\.(\w+)$", ref)
        if not m:
            return None
        table, sel, col = m.groups()
        index = self._index(table)
        if index is None:
            return None
        return [(v, col) for v in index.get(sel, []) if col in v.cols]

    def _index(self, table: str) -> dict[str, list[Var]] | None:
        """Row selector → rows: `total`, a code (its subtotal row, else all its project rows), an item key."""
        if table in self._indexes:
            return self._indexes[table]
        vs = self.vars.get(table)
        if vs is None:
            return None
        if any(v.row.kind == "wide" for v in vs):
            return None  # one wide row (the 决算's 三公 table): its items are rows only once it is placed
        index: dict[str, list[Var]] = {}
        totals = [v for v in vs if v.row.kind == "total" and v.row.item in (None, "total")]
        if totals:
            index["total"] = totals
        for v in vs:
            if v.row.code:
                index.setdefault(f"project:{v.row.code}" if v.row.project else v.row.code, []).append(v)
            if v.row.item:
                index.setdefault(v.row.item, [v])
        for key in [k for k in index if k.startswith("project:")]:
            code = key.split(":", 1)[1]
            if code not in index:
                index[code] = index[key]
        for key in [k for k in index if k.isdigit()]:
            if not index[key][0].row.project:
                index[key] = index[key][:1]
        self._indexes[table] = index
        return index

    # ---- propagation -----------------------------------------------------------------------------------------

    def solve(self) -> None:
        """Propagate to a fixpoint; an identity is looked at again only when one of its rows lost candidates."""
        watchers: dict[int, list[Constraint]] = {}
        for c in self.constraints:
            for v in c.vars:
                watchers.setdefault(id(v), []).append(c)
        queue = sorted(self.constraints, key=self._size)
        queued = {id(c) for c in queue}
        deferred: list[Constraint] = []
        while queue or deferred:
            if not queue:
                # the large identities, once everything small has been used
                queue, deferred = sorted(deferred, key=self._size), []
                if all(self._size(c) > ENUM_CAP for c in queue):
                    break
                queued = {id(c) for c in queue}
            c = queue.pop(0)
            queued.discard(id(c))
            if self._size(c) > ENUM_CAP:
                deferred.append(c)
                continue
            for v in self._propagate(c):
                for other in watchers.get(id(v), []):
                    if other is not c and id(other) not in queued:
                        queue.append(other)
                        queued.add(id(other))

    @staticmethod
    def _contrib(c: Constraint, i: int, v: Var, neq: int) -> list[tuple[int, ...]]:
        """What each candidate of row i adds to each equation (cached until the row's candidates shrink)."""
        key = (i, len(v.domain))
        hit = c.cache.get(key)
        if hit is not None:
            return hit
        assert c.by_var is not None
        terms = c.by_var[i]
        rows = []
        for vals in v.maps():
            vec = [0] * neq
            for e, coef, ci in terms:
                vec[e] += coef * vals[ci]
            rows.append(tuple(vec))
        c.cache[key] = rows
        return rows

    @staticmethod
    def _size(c: Constraint) -> int:
        n = 1
        for v in c.vars:
            n *= max(1, len(v.domain))
        return n

    def _propagate(self, c: Constraint) -> list[Var]:
        """Enumerate the open rows of one identity; return the rows whose candidates shrank."""
        open_idx = [i for i, v in enumerate(c.vars) if len(v.domain) > 1]
        if not open_idx or any(not v.domain for v in c.vars):
            return []
        neq = len(c.equations)
        if c.by_var is None:
            c.by_var = [[] for _ in c.vars]
            for e, eq in enumerate(c.equations):
                for coef, vi, col in eq:
                    if col in c.vars[vi].cols:
                        c.by_var[vi].append((e, coef, c.vars[vi].cols.index(col)))
        # contribution of each candidate of each row to each equation
        contrib = [self._contrib(c, i, v, neq) for i, v in enumerate(c.vars)]
        # a row whose candidates all add the same to these equations is as good as fixed here
        open_idx = [i for i in open_idx if len(set(contrib[i])) > 1]
        if not open_idx:
            return []
        base = [0] * neq
        for i in range(len(c.vars)):
            if i not in open_idx:
                base = [a + b for a, b in zip(base, contrib[i][0], strict=True)]
        tols = [max(1, round(0.5 * len(eq))) for eq in c.equations]
        open_contrib = [contrib[i] for i in open_idx]
        search = _Search(open_contrib, base, tols, c.bound)
        keep = search.run(exact=True)
        if keep is None:
            return []  # too many combinations to settle here: leave it open
        if not keep and not c.bound:
            keep = search.run(exact=False) or []
        if not keep:
            self.broken.add(c.id)
            return []
        shrunk: list[Var] = []
        for k, i in enumerate(open_idx):
            v = c.vars[i]
            allowed = sorted({combo[k] for combo in keep})
            if len(allowed) < len(v.domain):
                v.domain = [v.domain[j] for j in allowed]
                v.pruned_by.append(c.id)
                shrunk.append(v)
        return shrunk

    # ---- results ---------------------------------------------------------------------------------------------

    def outcome(self, v: Var) -> tuple[dict[str, Decimal], list[tuple[Decimal, list[str]]]]:
        """Decided values and the (value, candidate columns) pairs still open."""
        values: dict[str, Decimal] = {}
        open_: list[tuple[Decimal, list[str]]] = []
        if not v.domain:
            return values, [(Decimal(n) / 100, list(v.cols)) for n in v.nums]
        for pos, n in enumerate(v.nums):
            cols = sorted({cand[pos] for cand in v.domain})
            amount = Decimal(n) / 100
            if len(cols) == 1:
                values[v.cols[cols[0]]] = amount
            else:
                open_.append((amount, [v.cols[c] for c in cols]))
        return values, open_


class _Search:
    """Depth-first search over the open rows of one identity with bound pruning: every row's smallest and largest
    contribution to each equation bound what the rows not yet placed can still add. The last row is found by
    lookup when only exact fits are wanted."""

    NODE_CAP = 200_000

    def __init__(self, contrib: list[list[tuple[int, ...]]], base: list[int], tols: list[int], bound: bool):
        self.contrib, self.base, self.tols, self.bound = contrib, base, tols, bound
        n, neq = len(contrib), len(base)
        self.suf_min = [[0] * neq for _ in range(n + 1)]
        self.suf_max = [[0] * neq for _ in range(n + 1)]
        for k in range(n - 1, -1, -1):
            for e in range(neq):
                col = [vec[e] for vec in contrib[k]]
                self.suf_min[k][e] = self.suf_min[k + 1][e] + min(col)
                self.suf_max[k][e] = self.suf_max[k + 1][e] + max(col)
        self.last: dict[tuple[int, ...], list[int]] = {}
        for j, vec in enumerate(contrib[-1]):
            self.last.setdefault(vec, []).append(j)

    def run(self, exact: bool) -> list[tuple[int, ...]] | None:
        self.exact, self.nodes = exact, 0
        self.tol = [0] * len(self.tols) if exact and not self.bound else self.tols
        self.found: list[tuple[int, ...]] = []
        try:
            self._dfs(0, list(self.base), ())
        except _TooLarge:
            return None
        return self.found

    def _dfs(self, k: int, r: list[int], combo: tuple[int, ...]) -> None:
        n = len(self.contrib)
        self.nodes += 1
        if self.nodes > self.NODE_CAP:
            raise _TooLarge
        if k == n:
            self.found.append(combo)
            return
        if k == n - 1 and self.exact and not self.bound:
            for j in self.last.get(tuple(-x for x in r), ()):
                self.found.append(combo + (j,))
            return
        lo_next, hi_next = self.suf_min[k + 1], self.suf_max[k + 1]
        for j, vec in enumerate(self.contrib[k]):
            r2 = [a + b for a, b in zip(r, vec, strict=True)]
            if self._feasible(r2, lo_next, hi_next):
                self._dfs(k + 1, r2, combo + (j,))

    def _feasible(self, r: list[int], lo: list[int], hi: list[int]) -> bool:
        for e, x in enumerate(r):
            t = self.tol[e]
            if x + lo[e] > t:
                return False
            if not self.bound and x + hi[e] < -t:
                return False
        return True


class _TooLarge(Exception):
    pass


def _parents(coded: list[Var]) -> dict[int, Var]:
    """Each coded row's parent: the printed row with the longest code that contains it (a level may be missing
    from the print); project rows of table 7 hang under the row of their own code when one is printed. A 项
    printed with a segment missing (`230 04` twice) hangs under the 款 row just before it."""
    parents: dict[int, Var] = {}
    by_code: dict[str, Var] = {}
    for v in coded:
        code = v.row.code or ""
        if v.row.code_incomplete:
            prev = by_code.get(code)
            if prev is not None:
                parents[id(v)] = prev
            continue
        if v.row.project and code in by_code:
            parents[id(v)] = by_code[code]
            continue
        for n in (5, 3):
            if n < len(code) and code[:n] in by_code:
                parents[id(v)] = by_code[code[:n]]
                break
        if not v.row.project:
            by_code.setdefault(code, v)
    return parents


def build_solver(tables: dict[str, list[RawRow]], template: Template) -> Solver:
    s = Solver(tables)
    specs = template.by_key
    for t in tables:
        spec = specs[t]
        s.lead_with_total(t, spec.row_identities)
        s.add_row_identities(t, spec.row_identities)
        if spec.layout == "sided":
            s.add_item_tree(t, spec.item_tree, ["amount"])  # the income side: items in the one amount column
            s.add_sided_totals(t)
        elif spec.wide and any(r.kind == "wide" for r in tables[t]):
            s.add_row_identities(t, spec.wide_identities)  # one wide row: the item tree across its columns
        elif spec.layout == "items":
            s.add_item_tree(t, spec.item_tree)
        else:
            s.add_hierarchy(t)
    s.add_cross(template)
    return s
