"""Child process for the concurrency tests (run as a script, not collected).

usage:
  worker.py mix PATH WORKER_ID ROUNDS START_AT   overlapping writes + reads
  worker.py pruner PATH ROUNDS START_AT           writes junk, ages it, prunes it (VACUUM)
  worker.py kill PATH BATCH_SIZE                 endless put_many batches until killed
  worker.py selfkill PATH BATCH_SIZE KILL_AT     SIGKILLs itself inside batch KILL_AT's
                                                 transaction, after pages spilled to the WAL
"""

from __future__ import annotations

import sys
import time

from pipeline.cache import TranslationMemory

PAD = "갑" * 200  # makes transactions span many pages, so a kill lands mid-write


def mix(path: str, wid: int, rounds: int, start_at: float) -> None:
    """Every worker writes the SAME keys (overlap) and reads them back; every
    other round it reopens the cache to also race on opening/schema creation."""
    while time.time() < start_at:  # all workers open a missing file at once
        time.sleep(0.001)
    tm = TranslationMemory(path)
    for r in range(rounds):
        keys = [f"k{r}-{j}" for j in range(200)]
        tm.put_many({k: {"ko": "v" + k[1:], "w": wid, "pad": PAD} for k in keys},
                    signature=f"sig{wid}")
        got = tm.get_many(keys + [f"k{r + 1}-{j}" for j in range(50)])
        for k in keys:
            if got[k]["ko"] != "v" + k[1:] or got[k]["pad"] != PAD:
                raise SystemExit(f"bad value for {k}: {got[k]!r}")
        tm.touch(keys[:50])
        tm.stats()
        if r % 2:
            tm.close()
            tm = TranslationMemory(path)
    tm.close()
    print("done", wid, flush=True)


def pruner(path: str, rounds: int, start_at: float) -> None:
    """Runs prune + VACUUM while the ``mix`` workers write: only its own junk
    entries (aged to 1970) are old enough to go, so theirs must all survive."""
    while time.time() < start_at:
        time.sleep(0.001)
    tm = TranslationMemory(path)
    removed = 0
    for r in range(rounds):
        junk = [f"junk{r}-{j}" for j in range(100)]
        tm.put_many({k: {"pad": PAD} for k in junk}, signature="junk")
        with tm._lock:
            conn = tm._conn
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE segments SET last_used = 0 WHERE signature = 'junk'")
            conn.execute("COMMIT")
        removed += tm.prune(older_than_days=1000)
    tm.close()
    print("done pruner", removed, flush=True)


def kill(path: str, batch_size: int) -> None:
    """Commit batch after batch; report each commit so the parent knows which
    batches must be complete after the kill."""
    tm = TranslationMemory(path)
    b = 0
    while True:
        items = {f"b{b}-{j}": {"batch": b, "j": j, "pad": PAD} for j in range(batch_size)}
        tm.put_many(items, signature=f"batch{b}")
        print(b, flush=True)
        b += 1


def selfkill(path: str, batch_size: int, kill_at: int) -> None:
    """Deterministic version of ``kill``: a progress handler SIGKILLs this process
    while batch ``kill_at``'s INSERTs run inside the open transaction. A tiny page
    cache forces uncommitted pages into the WAL first, so recovery must skip them."""
    import os
    import signal

    tm = TranslationMemory(path)
    conn = tm._conn
    conn.execute("PRAGMA cache_size = 8")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # WAL only grows: size shows spills
    state = {"batch": 0, "steps": 0}

    def handler() -> int:
        if state["batch"] == kill_at and conn.in_transaction:
            state["steps"] += 1
            if state["steps"] > 200:
                os.kill(os.getpid(), signal.SIGKILL)
        return 0

    conn.set_progress_handler(handler, 100)
    for b in range(kill_at + 1):
        state["batch"] = b
        items = {f"b{b}-{j}": {"batch": b, "j": j, "pad": PAD} for j in range(batch_size)}
        tm.put_many(items, signature=f"batch{b}")
        print(b, os.path.getsize(path + "-wal"), flush=True)
    raise SystemExit("survived the kill batch: the progress handler never fired")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "mix":
        mix(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
    elif mode == "pruner":
        pruner(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    elif mode == "selfkill":
        selfkill(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "kill":
        kill(sys.argv[2], int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
