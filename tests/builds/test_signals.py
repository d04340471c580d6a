"""SIGTERM / SIGHUP during rendering (issue 10: the terminal closed and the
render workers kept running). A real `zhko build` subprocess with a spawn
render pool gets the signal; it must stop its workers, exit with 128 + the
signal number and one `Error:` line, and leave no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT, build_args, run_zhko, sentences, write_article, zhko_cmd


def _children(pid: int) -> set[int]:
    """Every descendant of ``pid`` (from /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                kids = Path(f"/proc/{p}/task/{t}/children").read_text().split()
            except OSError:
                continue
            for k in map(int, kids):
                if k not in found:
                    found.add(k)
                    todo.append(k)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_during_rendering_stops_every_worker(tmp_path, zhko_env, signum):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    s = sentences()
    for i in range(12):
        write_article(src, f"s{i:02d}.md", f"信号{i}", [s[i % len(s)], s[(i + 5) % len(s)]])
    # stderr to a file: orphaned workers would hold a pipe open forever
    errlog = tmp_path / "stderr.txt"
    with open(errlog, "w") as fh:
        proc = subprocess.Popen(zhko_cmd(*build_args(src, out, "--no-names", "-j", "2")), env=zhko_env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=fh, start_new_session=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    # rendering has begun when the parent has two spawned workers besides its helpers
    while time.monotonic() < deadline and proc.poll() is None:
        kids = _children(proc.pid)
        workers |= kids
        if any(out.glob("*/.*.part")) or any(out.glob("*/*.pdf")):
            break
        time.sleep(0.05)
    assert proc.poll() is None, errlog.read_text()
    workers |= _children(proc.pid)
    assert len(workers) >= 2, workers  # the pool really runs (2 workers + resource tracker)
    os.kill(proc.pid, signum)
    try:
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    err = errlog.read_text()
    assert proc.returncode == 128 + signum, err
    name = signal.Signals(signum).name
    assert f"Error: interrupted by {name}" in err and "Traceback" not in err
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [p for p in workers if _alive(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    assert not left, f"render workers left running: {left}"
    # what was written is complete; the next build finishes the rest
    again = run_zhko(zhko_env, *build_args(src, out, "--no-names", "-j", "2"), timeout=300)
    assert again.returncode == 0, again.stderr
    assert len(list(out.glob("*/*.pdf"))) == 12
