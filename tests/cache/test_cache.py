"""TranslationMemory: keys, round trips, chunked reads, stats, pruning, and clear
errors for damaged files and unusable locations."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import time

import pytest

from pipeline.cache import (
    DEFAULT_NAME,
    CacheError,
    TranslationMemory,
    default_cache_path,
    resolve_cache_path,
)
from pipeline.errors import ZhkoError

CTX = {"route": "zh>en>ko argos 1.9/1.1", "beam": 4, "terms": ["习近平→습근평"], "rules": 3}


def _age(path, keys, days: float) -> None:
    """Pretend entries were last used ``days`` ago (no waiting in tests)."""
    with sqlite3.connect(path) as raw:
        raw.executemany(
            "UPDATE segments SET last_used = ?, created = ? WHERE key = ?",
            [(time.time() - days * 86400, time.time() - days * 86400, k) for k in keys],
        )


# ------------------------------------------------------------------------ keys

def test_key_is_sha256_of_canonical_json():
    expected = hashlib.sha256(
        json.dumps({"src": "习近平主持会议。", **CTX}, sort_keys=True, ensure_ascii=False,
                   separators=(",", ":")).encode()
    ).hexdigest()
    assert TranslationMemory.key("习近平主持会议。", CTX) == expected


def test_key_ignores_dict_order_but_not_content():
    k = TranslationMemory.key("你好", CTX)
    assert k == TranslationMemory.key("你好", dict(reversed(list(CTX.items()))))
    assert k != TranslationMemory.key("你好", {**CTX, "beam": 2})
    assert k != TranslationMemory.key("你好", {**CTX, "terms": []})
    assert k != TranslationMemory.key("你好。", CTX)


def test_key_refuses_a_context_that_would_shadow_the_source():
    with pytest.raises(ValueError, match="src"):
        TranslationMemory.key("你好", {"src": "别的"})


# ------------------------------------------------------------------ round trip

def test_round_trip_creates_folder_and_survives_reopen(cache_path):
    value = {"ko_raw": "습근평이 회의를 주재했다.", "terms": [{"zh": "习近平", "ko": "습근평"}],
             "n": 1, "ok": True, "none": None}
    k = TranslationMemory.key("习近平主持会议。", CTX)
    with TranslationMemory(cache_path) as tm:
        assert tm.get_many([k]) == {}
        tm.put_many({k: value}, signature="sigA")
    assert cache_path.exists()
    with TranslationMemory(cache_path) as tm:
        assert tm.get_many([k, "missing"]) == {k: value}
        assert len(tm) == 1


def test_put_many_upserts_keeping_created(cache_path):
    with TranslationMemory(cache_path) as tm:
        tm.put_many({"a": {"v": 1}}, signature="old")
        _age(cache_path, ["a"], 10)
        tm.put_many({"a": {"v": 2}}, signature="new")
        assert tm.get_many(["a"]) == {"a": {"v": 2}}
        assert len(tm) == 1
        row = tm._conn.execute("SELECT created, last_used, signature FROM segments").fetchone()
    assert row[0] < time.time() - 9 * 86400  # created kept
    assert row[1] > time.time() - 60  # last_used refreshed
    assert row[2] == "new"


def test_put_many_with_unserializable_value_writes_nothing(cache_path):
    with TranslationMemory(cache_path) as tm:
        with pytest.raises(TypeError):
            tm.put_many({"a": {"v": 1}, "b": {"v": object()}})
        assert len(tm) == 0
        tm.put_many({"c": {"v": 3}})  # and the cache is still usable
        assert len(tm) == 1


def test_get_many_5000_keys_is_chunked(cache_path):
    keys = [TranslationMemory.key(f"句子{i}", CTX) for i in range(5000)]
    with TranslationMemory(cache_path) as tm:
        tm.put_many({k: {"i": i} for i, k in enumerate(keys)}, signature="s")
        got = tm.get_many(keys + [f"nope{i}" for i in range(100)] + keys[:10])
        assert len(got) == 5000
        assert all(got[k] == {"i": i} for i, k in enumerate(keys))
        assert (tm.hits, tm.misses) == (5000, 100)
        tm.touch(keys)  # touch is chunked too


def test_fork_reopens_the_connection(cache_path):
    tm = TranslationMemory(cache_path)
    tm.put_many({"parent": {"v": 1}})
    ctx = multiprocessing.get_context("fork")
    proc = ctx.Process(target=_child_writes, args=(tm,))
    proc.start()
    proc.join(30)
    assert proc.exitcode == 0
    assert tm.get_many(["parent", "child"]) == {"parent": {"v": 1}, "child": {"v": 2}}
    assert tm.integrity_check() == "ok"
    tm.close()


def _child_writes(tm: TranslationMemory) -> None:
    assert tm.get_many(["parent"]) == {"parent": {"v": 1}}
    tm.put_many({"child": {"v": 2}})


def test_closed_cache_says_so(cache_path):
    tm = TranslationMemory(cache_path)
    tm.close()
    tm.close()  # idempotent
    with pytest.raises(CacheError, match="closed"):
        tm.get_many(["a"])


# ----------------------------------------------------------------------- stats

def test_stats(cache_path):
    with TranslationMemory(cache_path) as tm:
        empty = tm.stats()
        assert empty["entries"] == 0 and empty["signatures"] == {}
        assert empty["oldest"] is None
        tm.put_many({f"a{i}": {"i": i} for i in range(30)}, signature="sigA")
        tm.put_many({f"b{i}": {"i": i} for i in range(5)}, signature="sigB")
        tm.put_many({"c": {}})
        _age(cache_path, ["a0"], 3)
        tm.get_many(["a1", "b1", "zz"])
        s = tm.stats()
    assert s["entries"] == 36
    assert s["signatures"] == {"sigA": 30, "sigB": 5, "": 1}
    assert list(s["signatures"]) == ["sigA", "sigB", ""]  # most entries first
    assert s["size_bytes"] >= os.path.getsize(cache_path) > 0
    assert s["oldest"] < s["newest"]  # ISO 8601 UTC strings sort chronologically
    assert s["oldest"].endswith("+00:00")
    assert (s["hits"], s["misses"]) == (2, 1)
    json.dumps(s)  # JSON-able


# ----------------------------------------------------------------------- prune

@pytest.fixture
def filled(cache_path):
    """old+sigA: o0..o9, old+sigB: p0..p9, fresh+sigA: f0..f9, fresh+sigB: g0..g9."""
    with TranslationMemory(cache_path) as tm:
        for prefix, sig in (("o", "sigA"), ("p", "sigB"), ("f", "sigA"), ("g", "sigB")):
            tm.put_many({f"{prefix}{i}": {"i": i} for i in range(10)}, signature=sig)
    _age(cache_path, [f"{p}{i}" for p in "op" for i in range(10)], 40)
    return cache_path


def _remaining_prefixes(path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {r[0][0] for r in raw.execute("SELECT key FROM segments")}


def test_prune_older_than(filled):
    with TranslationMemory(filled) as tm:
        assert tm.prune(older_than_days=100) == 0
        assert tm.prune(older_than_days=30) == 20
    assert _remaining_prefixes(filled) == {"f", "g"}


def test_prune_keep_signature(filled):
    with TranslationMemory(filled) as tm:
        assert tm.prune(keep_signature="sigA") == 20
    assert _remaining_prefixes(filled) == {"o", "f"}


def test_prune_both_criteria_must_match(filled):
    with TranslationMemory(filled) as tm:
        assert tm.prune(older_than_days=30, keep_signature="sigA") == 10
    assert _remaining_prefixes(filled) == {"o", "f", "g"}


def test_prune_everything_and_vacuum_shrinks_the_file(cache_path):
    with TranslationMemory(cache_path) as tm:
        tm.put_many({f"k{i}": {"pad": "가" * 500} for i in range(2000)})
        big = tm.stats()["size_bytes"]
        assert tm.prune(everything=True) == 2000
        assert len(tm) == 0
        assert tm.stats()["size_bytes"] < big / 10


def test_touch_protects_entries_from_age_pruning(filled):
    with TranslationMemory(filled) as tm:
        tm.touch(["o1", "p2"])
        tm.get_many(["o3"], touch=True)
        assert tm.prune(older_than_days=30) == 17
        assert set(tm.get_many(["o1", "p2", "o3", "o4"])) == {"o1", "p2", "o3"}


def test_prune_without_criteria_is_refused(filled):
    with TranslationMemory(filled) as tm:
        with pytest.raises(ValueError, match="everything"):
            tm.prune()
        with pytest.raises(ValueError):
            tm.prune(older_than_days=-1)
        assert len(tm) == 40


# ---------------------------------------------------------------------- errors

def test_garbage_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "cache.sqlite3"
    bad.write_bytes(b"this is not sqlite " * 500)
    with pytest.raises(ZhkoError) as info:
        TranslationMemory(bad)
    msg = str(info.value)
    assert str(bad) in msg and "damaged" in msg
    assert "zhko cache prune --all" in msg and "delete" in msg
    assert info.value.damaged


def test_damaged_pages_are_a_clear_error_on_read(cache_path):
    with TranslationMemory(cache_path) as tm:
        tm.put_many({f"k{i}": {"pad": "가" * 300} for i in range(3000)})
    size = os.path.getsize(cache_path)
    assert size > 200_000  # closing checkpointed everything into the main file
    with open(cache_path, "r+b") as f:  # scribble over the table's pages, keep page 1
        f.seek(8192)
        f.write(os.urandom(size - 8192))
    with pytest.raises(CacheError) as info:
        with TranslationMemory(cache_path) as tm:
            tm.get_many([f"k{i}" for i in range(3000)])
            tm.stats()
    assert str(cache_path) in str(info.value)
    assert "zhko cache prune --all" in str(info.value)


def test_foreign_sqlite_database_is_refused_untouched(tmp_path):
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as raw:
        raw.execute("CREATE TABLE users(id)")
    with pytest.raises(CacheError, match="not a zhko translation memory.*users"):
        TranslationMemory(other)
    with sqlite3.connect(other) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"users"}


def test_newer_schema_is_refused(cache_path):
    TranslationMemory(cache_path).close()
    with sqlite3.connect(cache_path) as raw:
        raw.execute("UPDATE meta SET value = '99' WHERE name = 'schema_version'")
    with pytest.raises(CacheError, match="newer zhko"):
        TranslationMemory(cache_path)


def test_folder_that_cannot_be_created_is_a_clear_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    path = blocker / DEFAULT_NAME
    with pytest.raises(CacheError) as info:
        TranslationMemory(path)
    assert str(path) in str(info.value)
    assert "cannot create the cache folder" in str(info.value)


def test_unwritable_location_is_a_clear_error():
    path = "/proc/zhko-test/.zhko-cache.sqlite3"  # not writable even for root
    with pytest.raises(CacheError, match="/proc/zhko-test"):
        TranslationMemory(path)


def test_cache_path_that_is_a_folder(tmp_path):
    with pytest.raises(CacheError, match="is a folder"):
        TranslationMemory(tmp_path)


def test_missing_cache_with_create_false(tmp_path):
    with pytest.raises(CacheError, match="no translation memory"):
        TranslationMemory(tmp_path / "none.sqlite3", create=False)
    assert not (tmp_path / "none.sqlite3").exists()


# ----------------------------------------------------------------------- paths

def test_cache_location(tmp_path, monkeypatch):
    monkeypatch.delenv("ZHKO_CACHE", raising=False)
    assert default_cache_path(tmp_path) == tmp_path / ".zhko-cache.sqlite3"
    assert resolve_cache_path(None, tmp_path) == tmp_path / ".zhko-cache.sqlite3"
    monkeypatch.setenv("ZHKO_CACHE", str(tmp_path / "env.sqlite3"))
    assert resolve_cache_path(None, tmp_path) == tmp_path / "env.sqlite3"
    assert resolve_cache_path(tmp_path / "flag.sqlite3", tmp_path) == tmp_path / "flag.sqlite3"


def test_rows_that_are_not_json_objects_are_misses(cache_path):
    """Issue 10: one `not json` row made every build fail; now it is a miss."""
    with TranslationMemory(cache_path) as tm:
        tm.put_many({"a": {"ko_raw": "가"}, "b": {"ko_raw": "나"}, "c": {"ko_raw": "다"}, "d": {"ko_raw": "라"}})
    with sqlite3.connect(cache_path) as conn:
        conn.execute("UPDATE segments SET value = 'not json' WHERE key = 'a'")
        conn.execute("UPDATE segments SET value = '[1, 2]' WHERE key = 'b'")
        conn.execute("UPDATE segments SET value = ? WHERE key = 'c'", ("[" * 100_000,))
    with TranslationMemory(cache_path) as tm:
        assert tm.get_many(["a", "b", "c", "d", "e"]) == {"d": {"ko_raw": "라"}}
        assert sorted(tm.bad_rows) == ["a", "b", "c"]
        assert (tm.hits, tm.misses) == (1, 4)
