"""The shared seeds, as text and as PDFs of their own text lines (tests/read_render.py), scored with the answer
keys by ../shared/tools/accuracy.py's own functions: every cell and prose figure, and the performance indicators
(issue 7's done-when: ≥ 99%)."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from yusuan.parse import parse_bytes

from .conftest import GOLD, SEEDS, requires_seeds
from .read_render import text_to_pdf

SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def _accuracy() -> ModuleType:
    path = SEEDS.parent / "tools" / "accuracy.py"
    spec = importlib.util.spec_from_file_location("shared_accuracy", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score(data: bytes, name: str, stem: str) -> tuple[Counter, list[str]]:
    acc = _accuracy()
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    parsed = json.loads(json.dumps(parse_bytes(data, name).to_dict(), default=str))
    c, misses = acc.score(parsed, gold)
    acc.score_indicators(parsed, gold, c, misses)
    return c, misses


def _assert_read(c: Counter, misses: list[str]) -> None:
    assert (c["ok"], c["extra"]) == (c["cells"], 0), misses[:5]
    assert c["prose_ok"] == c["prose"], misses[:5]
    assert c["indicators_ok"] >= 0.99 * c["indicators"], [m for m in misses if m.startswith("indicator")][:5]


@requires_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_seed_text_read_whole(seed: Path) -> None:
    _assert_read(*_score(seed.read_bytes(), seed.name, seed.stem))


@requires_seeds
@pytest.mark.slow
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_seed_own_text_as_pdf_read_whole(seed: Path) -> None:
    pdf = text_to_pdf(seed.read_text(encoding="utf-8").splitlines())
    _assert_read(*_score(pdf, f"{seed.stem}.pdf", seed.stem))
