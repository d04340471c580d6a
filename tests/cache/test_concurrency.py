"""Several zhko processes share one cache file: no corruption, no "database is
locked", and a process killed mid-write leaves only whole transactions."""

from __future__ import annotations

import signal
import sqlite3
import time

from pipeline.cache import TranslationMemory

ROUNDS = 30
WORKERS = 3


def test_three_processes_write_and_read_overlapping_keys(cache_path, spawn):
    """Three writers/readers on the same keys plus a fourth process pruning and
    VACUUMing its own entries at the same time, all starting on a missing file."""
    start_at = time.time() + 1.5  # after every interpreter has imported pipeline
    procs = [spawn("mix", cache_path, wid, ROUNDS, start_at) for wid in range(WORKERS)]
    procs.append(spawn("pruner", cache_path, 10, start_at))
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.startswith("done")
    assert out.split() == ["done", "pruner", "1000"]  # each prune removed its 100

    with TranslationMemory(cache_path) as tm:
        assert tm.integrity_check() == "ok"
        keys = [f"k{r}-{j}" for r in range(ROUNDS) for j in range(200)]
        got = tm.get_many(keys)
        assert len(got) == len(keys) == len(tm)
        for k, v in got.items():
            assert v["ko"] == "v" + k[1:]
            assert v["w"] in range(WORKERS)
        assert "junk" not in tm.stats()["signatures"]
        assert sum(tm.stats()["signatures"].values()) == len(keys)
    # the WAL conversion happened even though three processes raced to create the file
    with sqlite3.connect(cache_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _kill_after(spawn, cache_path, n_batches: int, extra_sleep: float) -> list[int]:
    proc = spawn("kill", cache_path, 400)
    committed = []
    while len(committed) < n_batches:
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        committed.append(int(line))
    time.sleep(extra_sleep)  # land somewhere inside a later put_many
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    committed += [int(x) for x in out.split()]
    return committed


def test_sigkill_mid_put_many_leaves_only_whole_transactions(cache_path, spawn):
    for attempt, pause in enumerate((0.0, 0.013, 0.037)):
        committed = _kill_after(spawn, cache_path, 3 + attempt, pause)
        with TranslationMemory(cache_path) as tm:
            assert tm.integrity_check() == "ok"
            per_batch = tm.stats()["signatures"]
        for sig, n in per_batch.items():
            assert n == 400, f"attempt {attempt}: {sig} has {n} of 400 entries"
        present = {int(sig.removeprefix("batch")) for sig in per_batch}
        # every batch the worker saw committed survived; at most the one in flight
        # when the kill arrived was committed without being reported
        assert set(committed) <= present
        assert len(present - set(committed)) <= 1
        with TranslationMemory(cache_path) as tm:
            assert tm.prune(everything=True) == 400 * len(present)
            assert len(tm) == 0


def test_sigkill_inside_the_transaction_with_pages_in_the_wal(cache_path, spawn):
    proc = spawn("selfkill", cache_path, 2000, 3)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err
    lines = [line.split() for line in out.splitlines()]
    assert [b for b, _ in lines] == ["0", "1", "2"]
    wal = cache_path.with_name(cache_path.name + "-wal")
    # batch 3 was killed after some of its uncommitted pages reached the WAL
    assert wal.stat().st_size > int(lines[-1][1])

    with TranslationMemory(cache_path) as tm:
        assert tm.integrity_check() == "ok"
        assert tm.stats()["signatures"] == {"batch0": 2000, "batch1": 2000, "batch2": 2000}
        got = tm.get_many([f"b{b}-{j}" for b in range(4) for j in range(2000)])
        assert len(got) == 6000
        assert all(v["batch"] < 3 and v["pad"] for v in got.values())
