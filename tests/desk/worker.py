"""Child process for the desk concurrency tests (run as a script, not collected).

usage:
  worker.py saver PATH WID N START_AT    N saves of its own segments, then approvals
  worker.py racer PATH WID N START_AT    N saves of shared segments, all from version 0
  worker.py reader PATH N START_AT       reads rows and the memory like a build does
  worker.py endless PATH                 saves until killed, printing each committed id
"""

from __future__ import annotations

import sys
import time

from pipeline.desk.store import ConflictError, DeskStore

PAD = "가나다라" * 50  # long rows: a transaction spans several pages


def _wait(start_at: float) -> None:
    time.sleep(max(0.0, start_at - time.time()))


def saver(path: str, wid: int, n: int, start_at: float) -> None:
    store = DeskStore(path)
    _wait(start_at)
    for i in range(n):
        sid = f"w{wid}/p1/s{i}"
        row = store.save(sid, zh=f"第{wid}号文章第{i}句。", ko=f"편집 {wid}-{i} {PAD}", expected_version=0,
                         user=f"ed{wid}")
        store.save(sid, zh=row.zh, ko=row.ko, expected_version=row.version, user=f"ed{wid}", approve=True)
    print("done", wid, flush=True)


def racer(path: str, wid: int, n: int, start_at: float) -> None:
    store = DeskStore(path)
    _wait(start_at)
    won = 0
    for i in range(n):
        try:
            store.save(f"race/p1/s{i}", zh=f"争{i}。", ko=f"작성자 {wid}", expected_version=0, user=f"ed{wid}")
            won += 1
        except ConflictError as exc:
            assert exc.current is not None and exc.current.editor != f"ed{wid}"
    print("won", won, flush=True)


def reader(path: str, n: int, start_at: float) -> None:
    store = DeskStore(path)
    _wait(start_at)
    seen = 0
    for _ in range(n):
        rows = store.segments()
        store.memory_exact(r.zh for r in rows.values())
        seen = max(seen, len(rows))
    print("read", seen, flush=True)


def endless(path: str) -> None:
    store = DeskStore(path)
    i = 0
    while True:
        sid = f"k/p1/s{i}"
        row = store.save(sid, zh=f"第{i}句。", ko=f"문장 {i} {PAD}", expected_version=0, user="ed", approve=True)
        print(row.seg_id, flush=True)
        i += 1


if __name__ == "__main__":
    mode, path, *rest = sys.argv[1:]
    if mode == "saver":
        saver(path, int(rest[0]), int(rest[1]), float(rest[2]))
    elif mode == "racer":
        racer(path, int(rest[0]), int(rest[1]), float(rest[2]))
    elif mode == "reader":
        reader(path, int(rest[0]), float(rest[1]))
    elif mode == "endless":
        endless(path)
    else:
        raise SystemExit(f"unknown mode {mode}")
