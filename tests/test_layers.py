"""The package's shape: layers that point one way, no import cycle, no global template outside `spec`."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "yusuan"


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = len(index)
                stack.append(v)
                on_stack.add(v)
            if i < len(edges[v]):
                work.append((v, i + 1))
                w = edges[v][i]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out


def test_no_import_cycle_between_modules() -> None:
    # grimp counts imports inside functions and under TYPE_CHECKING, as the layers do
    graph = grimp.build_graph("yusuan", include_external_packages=False)
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle() -> None:
    """The finder above is not vacuous: two modules importing each other are one component."""

    class Two:
        modules = {"a", "b", "c"}

        @staticmethod
        def find_modules_directly_imported_by(m: str) -> set[str]:
            return {"a": {"b"}, "b": {"a"}, "c": {"a"}}[m]

    assert _cycles(Two()) == [["a", "b"]]  # type: ignore[arg-type]


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter not installed (pip install -e .[dev])")
def test_import_linter_contracts_are_kept() -> None:
    res = subprocess.run(["lint-imports", "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "0 broken" in res.stdout


# the names the 预算 family's data had when it was the one global template
GLOBAL_NAMES = ("TABLES", "BY_KEY", "CROSS", "BOUNDS", "INCOME_ITEMS", "INCOME_LABELS", "INCOME_TREE",
                "FISCAL_INCOME_LABELS", "FISCAL_INCOME_TREE", "THREE_PUBLIC_ITEMS", "THREE_PUBLIC_LABELS",
                "THREE_PUBLIC_TREE", "CARRYOVER_CONTEXT")


def test_no_module_outside_spec_reads_a_global_template() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.is_relative_to(SRC / "spec"):
            continue
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"from yusuan\.spec(\.\w+)? import ([^\n(]+|\([^)]*\))", text):
            family_module = m.group(1) not in (None, ".codes")
            names = set(re.findall(r"\w+", m.group(2)))
            if family_module or names & set(GLOBAL_NAMES):
                offenders.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert offenders == []


def test_spec_exports_no_global_table_list() -> None:
    import yusuan.spec as spec

    assert not [n for n in GLOBAL_NAMES if hasattr(spec, n)]
