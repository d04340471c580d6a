"""Fixtures for the translation-memory tests: a fresh cache path per test and a
helper that runs ``worker.py`` in a separate Python process (real concurrency:
separate processes, separate SQLite connections, same file)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "out" / ".zhko-cache.sqlite3"


def worker_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("ZHKO_CACHE", None)
    return env


def start_worker(*args: object, **kw) -> subprocess.Popen:
    """Start ``worker.py ARGS`` with this interpreter; stdout/stderr are pipes."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=worker_env(),
        cwd=ROOT,
        **kw,
    )


@pytest.fixture
def spawn():
    """``spawn(*args)`` starts worker.py in a new process; all are reaped at teardown."""
    procs: list[subprocess.Popen] = []

    def _spawn(*args: object) -> subprocess.Popen:
        proc = start_worker(*args)
        procs.append(proc)
        return proc

    yield _spawn
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
