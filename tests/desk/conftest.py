"""Fixtures for the desk tests: a fresh desk database per test and a helper
that runs ``worker.py`` in separate Python processes (real concurrency)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")


@pytest.fixture
def desk_path(tmp_path: Path) -> Path:
    return tmp_path / "output" / ".zhko-desk.sqlite3"


@pytest.fixture
def store(desk_path):
    from pipeline.desk.store import DeskStore

    return DeskStore(desk_path)


@pytest.fixture
def spawn():
    """``spawn(*args)`` starts worker.py in a new process; all reaped at teardown."""
    procs: list[subprocess.Popen] = []
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")

    def _spawn(*args: object) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, str(WORKER), *map(str, args)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        procs.append(proc)
        return proc

    yield _spawn
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
