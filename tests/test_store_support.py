"""Helpers and fixtures shared by the store, compare and export tests (no tests here).

Documents are drawn by `yusuan sample` (every identity holds by construction) and written as text, so the fast suite
needs neither ../shared nor a font. The engines: SQLite always; PostgreSQL at $YUSUAN_TEST_PG (`.ci/run` starts
one). Without it the PostgreSQL cases skip with a visible reason, except under CI=true where they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PG_ENV = "YUSUAN_TEST_PG"
ENGINES = ["sqlite", "postgresql"]


def sample_bytes(index: int, year: int = 2025, fmt: str = "txt", seed: int = 7, prior_year: int | None = None) -> bytes:
    """A synthetic disclosure of department `index`; with `prior_year` its prose states changes against that year."""
    from yusuan.sample import department
    from yusuan.sample.style import style
    from yusuan.write import build, render

    prior = department(seed, index, prior_year) if prior_year else None
    return render(build(department(seed, index, year), prior=prior), fmt, style(seed, index))


def write_samples(folder: Path, count: int, year: int = 2025, fmt: str = "txt", prior: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".txt" if fmt.startswith("txt") else f".{fmt}"
    paths = []
    for i in range(count):
        p = folder / f"dept{i:03d}-{year}-{fmt}{suffix}"
        p.write_bytes(sample_bytes(i, year, fmt, prior_year=year - 1 if prior else None))
        paths.append(p)
    return paths


def pg_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but ${PG_ENV} is not set: .ci/run must start PostgreSQL and export it")
    pytest.skip(f"PostgreSQL not configured: set ${PG_ENV}=postgresql://… to run these cases")
    return None


def fresh_pg(url: str) -> str:
    """Empty the test database (every table of the store) so each test starts from nothing."""
    from sqlalchemy import create_engine, text

    from yusuan.store import resolve_url

    engine = create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def make_db(engine: str, tmp_path: Path) -> str:
    """A path or URL of an empty store of this engine (each test module wraps it in a `db` fixture)."""
    if engine == "sqlite":
        return str(tmp_path / "store.db")
    url = pg_url()
    assert url is not None
    return fresh_pg(url)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    """`yusuan …` in this process (click's runner: the real command, without a process start-up per call)."""
    from click.testing import CliRunner

    from yusuan.cli import main

    r = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return Result(r.exit_code, r.stdout, r.stderr)


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`yusuan …` as a real process (this checkout's source first on the path)."""
    full_env = os.environ | {"PYTHONPATH": str(ROOT / "src")} | (env or {})
    return subprocess.run([sys.executable, "-m", "yusuan", *args], capture_output=True, text=True, cwd=cwd,
                          env=full_env, timeout=300)
