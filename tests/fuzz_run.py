"""Run `yusuan parse` over a corpus of hostile files, each under a time limit, all under a memory limit.

A worker process (this module run as a script) reads the files one by one with the code `yusuan parse` runs
(`yusuan.cli.batch.run_parse`), capturing what it says on stderr, and reports each file on stdout as one JSON
line: exit status, seconds, peak memory so far, the stderr lines, and the traceback if anything escaped. The
parent (`run_corpus`) gives the worker an address-space limit, waits for each file at most `per_file` seconds
and, on a hang, kills the worker, records the file and goes on with a new worker from the next file.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import select
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Outcome:
    path: str
    status: int | None = None  # None: did not finish (hang or killed)
    seconds: float = 0.0
    peak_mb: float = 0.0
    stderr: list[str] = field(default_factory=list)
    crash: str | None = None  # a traceback that escaped, or why the worker died

    def problems(self) -> list[str]:
        """What breaks the contract: a hang, a crash, a traceback or MemoryError, a message that is not one
        `yusuan:` line, an internal error for a file's damage."""
        out = []
        if self.status is None:
            out.append(f"hang or killed: {self.crash}")
        if self.crash and self.status is not None:
            out.append(f"escaped: {self.crash.splitlines()[-1] if self.crash else ''}")
        text = "\n".join(self.stderr)
        if "Traceback" in text or "MemoryError" in text:
            out.append("traceback in output")
        if any(not (ln.startswith("yusuan: ") or " → " in ln) for ln in self.stderr):
            out.append("stderr line not from yusuan")
        if self.status not in (None, 0, 1):
            out.append(f"exit status {self.status}")
        if "内部错误" in text:
            out.append("internal error: " + next(ln for ln in self.stderr if "内部错误" in ln)[:200])
        return out


def _limit(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def run_corpus(files: list[Path], outdir: Path, per_file: float = 60.0, memory: int = 3_000_000_000) -> list[Outcome]:
    outcomes: list[Outcome] = []
    start = 0
    while start < len(files):
        outcomes.extend(_run_worker(files[start:], outdir, per_file, memory))
        start = len(outcomes)
    return outcomes


def _run_worker(files: list[Path], outdir: Path, per_file: float, memory: int) -> list[Outcome]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    p = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), str(outdir), *map(str, files)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                         preexec_fn=lambda: _limit(memory))
    assert p.stdout is not None and p.stderr is not None
    done: list[Outcome] = []
    buf = b""
    deadline = time.monotonic() + per_file + 10  # the first file also pays for the imports
    while len(done) < len(files):
        wait = deadline - time.monotonic()
        ready = select.select([p.stdout], [], [], max(0.0, wait))[0] if wait > 0 else []
        if not ready:
            p.kill()
            p.wait()
            done.append(Outcome(str(files[len(done)]), None, per_file, crash=f"no answer within {per_file:.0f} s"))
            return done
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:  # the worker died (killed by the memory limit, a signal, a native crash)
            p.wait()
            err = p.stderr.read().decode("utf-8", "replace")[-2000:]
            done.append(Outcome(str(files[len(done)]), None, crash=f"worker ended ({p.returncode}): {err}"))
            return done
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            done.append(Outcome(**json.loads(line)))
            deadline = time.monotonic() + per_file
    p.wait()
    return done


def _worker(outdir: Path, paths: list[str]) -> None:
    from yusuan.cli.batch import run_parse

    for path in paths:
        err = io.StringIO()
        out = io.StringIO()
        crash = None
        status: int | None = None
        start = time.monotonic()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                status = run_parse([path], "json", outdir, force=True, batch=False)
        except BaseException:  # noqa: B036 - anything escaping is the finding
            crash = traceback.format_exc()
            status = -1
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        record = Outcome(path, status, time.monotonic() - start, peak, err.getvalue().splitlines(), crash)
        sys.stdout.write(json.dumps(record.__dict__, ensure_ascii=True) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    _worker(Path(sys.argv[1]), sys.argv[2:])
