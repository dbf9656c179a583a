"""Shared fixtures: the seed documents and answer keys live in ../shared (never copied into the repo)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


requires_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the clone")


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    paths = seed_paths()
    if not paths:
        pytest.skip("../shared/seeds is not beside the clone")
    return paths


def gold_for(seed: Path) -> dict:
    return json.loads((GOLD / f"{seed.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed_seeds(seeds):
    from yusuan.parse import parse_path

    return {p.stem: parse_path(p) for p in seeds}
