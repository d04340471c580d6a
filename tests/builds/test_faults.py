"""Faults: kill -9 mid-run, full disk, unwritable output, concurrent builds."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from pipeline.build import build

from .conftest import build_args, run_zhko, sentences, start_zhko, write_article

SUMMARY = re.compile(r"(\d+) from cache, (\d+) decoded")


def _counts(stderr: str) -> tuple[int, int]:
    m = SUMMARY.search(stderr)
    assert m, stderr
    return int(m.group(1)), int(m.group(2))


def _distinct_batch(folder: Path, n_articles: int, per_article: int) -> None:
    """Articles whose sentences are all distinct (numbered variants of real ones)."""
    folder.mkdir(parents=True)
    s = sentences()
    k = 0
    for i in range(n_articles):
        pars = []
        for _ in range(per_article):
            base = s[k % len(s)]
            pars.append(f"{base[:-1]}，第{k + 1}次。")
            k += 1
        write_article(folder, f"n{i:02d}.md", f"第{i + 1}篇文章", pars, date=f"2024-03-{i % 28 + 1:02d}")


def _rows(cache: Path) -> int:
    try:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM segments").fetchone()[0]
    except sqlite3.Error:
        return 0


def _wait(cond, proc, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert proc.poll() is None, f"finished before the kill: {proc.stderr.read()}"
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def _kill(proc) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()


def _check_outputs(out: Path, n: int, pdf: bool) -> None:
    from pypdf import PdfReader

    jsons = sorted(out.glob("*/*.json"))
    assert len(jsons) == n
    for p in jsons:
        data = json.loads(p.read_text(encoding="utf-8"))
        assert data["fingerprint"]
        assert p.with_suffix(".html").read_text(encoding="utf-8").rstrip().endswith("</html>")
        if pdf:
            assert len(PdfReader(p.with_suffix(".pdf")).pages) >= 1
    assert not list(out.rglob("*.part"))


def test_kill_during_translation_then_resume(tmp_path, zhko_env):
    src, out = tmp_path / "in", tmp_path / "out"
    _distinct_batch(src, 20, 9)  # 200 distinct sentences (180 + 20 titles): two chunks
    proc = start_zhko(zhko_env, *build_args(src, out, "--no-pdf", "--no-names"))
    _wait(lambda: _rows(out / ".zhko-cache.sqlite3") > 0, proc)
    _kill(proc)  # the first chunk is committed, the rest is being decoded
    assert not list(out.glob("*/*.json"))

    again = run_zhko(zhko_env, *build_args(src, out, "--no-pdf", "--no-names"))
    assert again.returncode == 0, again.stderr
    hits, decoded = _counts(again.stderr)
    assert hits > 0 and decoded > 0 and hits + decoded == 200
    _check_outputs(out, 20, pdf=False)


def test_kill_during_rendering_then_resume(tmp_path, zhko_env):
    src, out = tmp_path / "in", tmp_path / "out"
    _distinct_batch(src, 5, 1)
    proc = start_zhko(zhko_env, *build_args(src, out, "--no-names", "-j", "2"))
    _wait(lambda: any(out.glob("*/*.html")) or any(out.glob("*/.*.part")), proc)
    _kill(proc)
    assert len(list(out.glob("*/*.json"))) < 5  # really interrupted mid-rendering

    # a stale temp file that must not be mistaken for an output, and is cleaned
    stale = out / "n00" / ".n00.pdf.abc123.part"
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"%PDF-1.7 truncated")
    again = run_zhko(zhko_env, *build_args(src, out, "--no-names", "-j", "2"))
    assert again.returncode == 0, again.stderr
    assert _counts(again.stderr) == (10, 0)  # everything from the translation memory
    _check_outputs(out, 5, pdf=True)


def test_full_disk_fails_each_article_with_one_line(tmp_path, options, monkeypatch):
    import pipeline.outputs as outputs

    src = tmp_path / "in"
    src.mkdir()
    s = sentences()
    for i in range(3):
        write_article(src, f"d{i}.md", f"磁盘{i}", [s[i]])
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    out = tmp_path / "out"
    report = build([src], options(out))
    assert report.exit_code == 1 and report.built == 0
    assert len(report.failures) == 4  # three articles and the index page
    for path, message in report.failures:
        assert "No space left on device" in message and "\n" not in message
    assert not list(out.rglob("*.part"))  # nothing half-written left behind


def test_output_path_problems_are_one_clear_line(tmp_path, zhko_env):
    src = tmp_path / "in"
    src.mkdir()
    write_article(src, "a.md", "标题", [sentences()[0]])
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    for out, why in ((a_file, "exists and is not a folder"), (a_file / "sub", "cannot write output folder")):
        proc = run_zhko(zhko_env, *build_args(src, out, "--no-pdf", "--no-names"))
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: {out}") and why in lines[0], proc.stderr


def test_concurrent_builds_share_the_cache_safely(tmp_path, zhko_env):
    src, out = tmp_path / "in", tmp_path / "out"
    _distinct_batch(src, 6, 3)
    procs = [start_zhko(zhko_env, *build_args(src, out, "--no-pdf", "--no-names")) for _ in range(2)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    for code, err in results:
        assert code == 0, err
        assert "Error" not in err
    with sqlite3.connect(out / ".zhko-cache.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM segments").fetchone()[0] == 24
    _check_outputs(out, 6, pdf=False)
    again = run_zhko(zhko_env, *build_args(src, out, "--no-pdf", "--no-names"))
    # nothing decoded: up to date before reading (or, when the two builds' records
    # of what they built raced, from the translation memory)
    m = re.search(r"24 segments \((?:(\d+) unchanged, )?(\d+) from cache, 0 decoded\)", again.stderr)
    assert m and int(m.group(1) or 0) + int(m.group(2)) == 24, again.stderr
    assert "6 up to date" in again.stderr


def test_a_crash_on_one_articles_text_fails_only_that_article(tmp_path, options, monkeypatch):
    import pipeline.glossary as glossary_pkg

    real = glossary_pkg.translate_segments

    def fragile(segments, *args, **kw):
        if any("炸弹" in s.zh for s in segments):
            raise RuntimeError("boom")
        return real(segments, *args, **kw)

    monkeypatch.setattr(glossary_pkg, "translate_segments", fragile)
    src = tmp_path / "in"
    src.mkdir()
    s = sentences()
    write_article(src, "good1.md", "好文章一", [s[0]])
    write_article(src, "bad.md", "坏文章", ["这里有炸弹两个字。" + s[1]])
    write_article(src, "good2.md", "好文章二", [s[2]])
    report = build([src], options())
    assert report.built == 2 and report.exit_code == 1
    ((path, message),) = report.failures
    assert path.endswith("bad.md") and "internal error (RuntimeError: boom)" in message
    assert len(list((tmp_path / "out").glob("*/*.json"))) == 2


def test_owner_record_survives_concurrent_writers(tmp_path):
    """Two builds of one batch into one folder write the same owner record at
    once; a shared temporary name let one rename the other's file away (the
    flaky "cannot write output folder: No such file or directory")."""
    import threading

    from pipeline.build import OWNER_NAME, _write_owner

    folder = tmp_path / "slug"
    failures: list[Exception] = []

    def writer() -> None:
        for _ in range(300):
            try:
                _write_owner(folder, "/batch/a.md")
            except Exception as exc:  # noqa: BLE001 - the test collects every failure
                failures.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:3]
    assert (folder / OWNER_NAME).read_text(encoding="utf-8") == "/batch/a.md\n"
    assert sorted(p.name for p in folder.iterdir()) == [OWNER_NAME]
