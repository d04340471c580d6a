"""Damaged translation-memory rows (issue 10): `not json`, `{}`, missing or
mistyped fields. Each is a miss with one warning; the build goes on and the
row is replaced by a fresh translation."""

from __future__ import annotations

import sqlite3

from pipeline.build import build
from pipeline.uptodate import MANIFEST_NAME

from .conftest import sentences, write_article

BAD = ["not json", "{}", "[]", "null", '{"ko_raw": "x"}', '{"ko_raw": "x", "ko": "y", "terms": [1]}',
       '{"ko_raw": "x", "ko": "y", "terms": [{"zh": "a", "ko": "b", "start": "0", "end": 1, "entry_id": "e"}]}',
       '{"ko_raw": "x", "ko": 3, "terms": []}', '{"ko_raw": "x", "ko": "y", "terms": [], "findings": [{}]}']


def test_bad_rows_are_misses_with_a_warning(tmp_path, options):
    src = tmp_path / "in"
    src.mkdir()
    s = sentences()
    for i in range(3):
        write_article(src, f"c{i}.md", f"缓存{i}", s[i * 3:i * 3 + 3])
    out = tmp_path / "out"
    first = build([src], options(out))
    assert first.exit_code == 0
    cache = out / ".zhko-cache.sqlite3"
    with sqlite3.connect(cache) as conn:
        keys = [k for (k,) in conn.execute("SELECT key FROM segments ORDER BY key")]
        assert len(keys) >= len(BAD)
        for key, value in zip(keys, BAD):
            conn.execute("UPDATE segments SET value = ? WHERE key = ?", (value, key))
    # the inputs are unchanged, so a plain rebuild would not even read the
    # articles (pipeline/uptodate.py): forget that record to make it use the memory
    (out / MANIFEST_NAME).unlink()
    second = build([src], options(out))
    assert second.exit_code == 0, second.failures
    assert second.built + second.reused == 3
    warned = [w for w in second.warnings if "unreadable translation-memory row" in w]
    assert len(warned) == 1 and f"{len(BAD)} unreadable translation-memory rows" in warned[0]
    assert str(cache) in warned[0]
    assert second.decoded == len(BAD)  # translated again …
    (out / MANIFEST_NAME).unlink()
    third = build([src], options(out))
    assert not [w for w in third.warnings if "unreadable" in w]  # … and the rows replaced
    assert third.decoded == 0
