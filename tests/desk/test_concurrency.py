"""Several processes on one desk database: editors saving while a build reads,
two editors racing on the same sentences, and kill -9 in the middle of saves."""

from __future__ import annotations

import signal
import time

from pipeline.desk.store import DeskStore

N = 40


def test_two_editors_and_a_build_at_once_lose_nothing(desk_path, spawn):
    DeskStore(desk_path)  # both racing on the schema is the cache's test; here the saves
    start = time.time() + 1.5
    procs = [spawn("saver", desk_path, w, N, start) for w in (1, 2)] + [spawn("reader", desk_path, 200, start)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "locked" not in err
        outs.append(out)
    store = DeskStore(desk_path)
    rows = store.segments()
    assert len(rows) == 2 * N
    assert all(r.state == "approved" and r.version == 2 for r in rows.values())
    assert len(store.memory_all()) == 2 * N
    assert len(store.audit(limit=10_000)) == 4 * N  # one edit + one approval each
    assert store.integrity_check() == "ok"


def test_racing_saves_from_the_same_version_one_wins_the_other_gets_a_conflict(desk_path, spawn):
    DeskStore(desk_path)
    start = time.time() + 1.5
    procs = [spawn("racer", desk_path, w, N, start) for w in (1, 2)]
    won = 0
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        won += int(out.split()[1])
    assert won == N  # exactly one save per sentence; the other was refused, not merged
    rows = DeskStore(desk_path).segments()
    assert len(rows) == N and all(r.version == 1 for r in rows.values())


def test_kill_9_during_saves_keeps_every_acknowledged_save(desk_path, spawn):
    for attempt, pause in enumerate((0.0, 0.011, 0.029)):
        proc = spawn("endless", desk_path)
        acked = []
        while len(acked) < 10 + attempt * 7:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            acked.append(line.strip())
        time.sleep(pause)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        acked += out.split()
        store = DeskStore(desk_path)
        assert store.integrity_check() == "ok"
        rows = store.segments()
        assert set(acked) <= set(rows)
        # each save is whole: row, memory entry and audit record together
        mem = {m.seg_id for m in store.memory_all()}
        assert mem == set(rows)
        assert len(store.audit(limit=100_000)) == len(rows)
        # the next attempt starts over (the worker numbers from 0 again)
        desk_path.unlink()
        for extra in ("-wal", "-shm"):
            p = desk_path.with_name(desk_path.name + extra)
            if p.exists():
                p.unlink()
