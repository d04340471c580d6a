"""The desk store on a real SQLite file: every state transition, versions and
conflicts, stale detection, article approval, the human memory, audit, accounts."""

from __future__ import annotations

import sqlite3

import pytest

from pipeline.desk.store import ConflictError, DeskError, DeskStore, NotReadyError, normalize_key, zh_hash

ZH = "深入贯彻习近平总书记重要讲话精神。"


def test_machine_to_edited_to_approved_and_back(store):
    assert store.segment("a/p1/s1") is None  # machine: no row
    r1 = store.save("a/p1/s1", zh=ZH, ko="첫 편집", expected_version=0, user="김편집")
    assert (r1.state, r1.version, r1.editor, r1.slug) == ("edited", 1, "김편집", "a")
    assert store.memory_exact([ZH]) == {}  # edited text is not memory yet
    r2 = store.save("a/p1/s1", zh=ZH, ko="첫 편집", expected_version=1, user="박주필", approve=True)
    assert (r2.state, r2.version) == ("approved", 2)
    assert store.memory_exact([ZH])[normalize_key(ZH)].ko == "첫 편집"
    r3 = store.save("a/p1/s1", zh=ZH, ko="다시 고침", expected_version=2, user="김편집")
    assert (r3.state, r3.version) == ("edited", 3)
    assert store.memory_exact([ZH]) == {}  # un-approved: out of the memory again
    actions = [(a["action"], a["user"]) for a in store.audit()][::-1]
    assert actions == [("edit", "김편집"), ("approve", "박주필"), ("edit", "김편집"), ("memory-remove", "김편집")]
    first = store.audit()[-1]
    assert first["before"] == {"state": "machine"} and first["after"]["ko"] == "첫 편집"
    assert first["time"].endswith("Z")


def test_machine_text_approved_as_is(store):
    r = store.save("a/p1/s1", zh=ZH, ko="기계 번역", expected_version=0, user="ed", approve=True, origin="machine")
    assert (r.state, r.origin) == ("approved", "machine")


def test_unchanged_save_makes_no_new_version(store):
    r = store.save("a/p1/s1", zh=ZH, ko="x", expected_version=0, user="ed")
    assert store.save("a/p1/s1", zh=ZH, ko=" x ", expected_version=1, user="ed").version == 1
    assert len(store.audit()) == 1 and r.version == 1


def test_stale_save_is_refused_with_the_other_text(store):
    store.save("a/p1/s1", zh=ZH, ko="편집자 1", expected_version=0, user="one")
    with pytest.raises(ConflictError) as info:
        store.save("a/p1/s1", zh=ZH, ko="편집자 2", expected_version=0, user="two")
    assert info.value.http_status == 409
    assert info.value.current.ko == "편집자 1" and info.value.current.editor == "one"
    assert "a/p1/s1" in str(info.value)
    assert store.segment("a/p1/s1").ko == "편집자 1"
    with pytest.raises(ConflictError):
        store.save("a/p1/s1", zh=ZH, ko="편집자 2", expected_version=5, user="two")


def test_changed_chinese_makes_the_row_stale(store):
    row = store.save("a/p1/s1", zh=ZH, ko="편집", expected_version=0, user="ed")
    assert row.matches(ZH) and row.matches(ZH.replace("重", "重 "))  # whitespace folds
    assert not row.matches("深入贯彻总书记重要讲话精神。")


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_001, "a\x00b"])
def test_bad_text_refused(store, bad):
    with pytest.raises(DeskError):
        store.save("a/p1/s1", zh=ZH, ko=bad, expected_version=0, user="ed")
    assert store.segment("a/p1/s1") is None


def test_missing_editor_name_refused(store):
    with pytest.raises(DeskError, match="editor name"):
        store.save("a/p1/s1", zh=ZH, ko="x", expected_version=0, user="  ")


def _segs():
    return [("a/title", "标题"), ("a/p1/s1", ZH)]


def test_article_approval_needs_every_sentence_and_is_withdrawn_on_change(store):
    with pytest.raises(NotReadyError) as info:
        store.approve_article("a", _segs(), "주필")
    assert info.value.pending == ["a/title", "a/p1/s1"]
    assert store.article_state("a", _segs()) == "draft"
    store.save("a/title", zh="标题", ko="제목", expected_version=0, user="ed", approve=True)
    assert store.article_state("a", _segs()) == "in review"
    with pytest.raises(NotReadyError, match="1 of 2"):
        store.approve_article("a", _segs(), "주필")
    store.save("a/p1/s1", zh=ZH, ko="본문", expected_version=0, user="ed", approve=True)
    got = store.approve_article("a", _segs(), "주필")
    assert got["approved_by"] == "주필"
    assert store.article_state("a", _segs()) == "approved"
    # the Chinese changed in a rebuild: approval no longer holds
    assert store.article_approval("a", [("a/title", "标题"), ("a/p1/s1", "别的。")]) is None
    assert store.article_state("a", [("a/title", "标题"), ("a/p1/s1", "别的。")]) == "in review"
    # an edit withdraws the approval (audited)
    store.save("a/p1/s1", zh=ZH, ko="본문 고침", expected_version=1, user="ed")
    assert store.article_approval("a", _segs()) is None
    assert store.audit()[0]["action"] == "withdraw-approval"


def test_memory_is_shared_across_articles_and_keyed_on_normalized_chinese(store):
    store.save("a/p1/s1", zh="今天，天气好。", ko="오늘 날씨가 좋다.", expected_version=0, user="ed", approve=True)
    hit = store.memory_exact(["今天,天气好。"])  # half-width comma folds to the same key
    assert list(hit.values())[0].ko == "오늘 날씨가 좋다." and list(hit.values())[0].seg_id == "a/p1/s1"
    assert store.memory_version() == 1
    assert store.import_memory([("明天。", "내일.", "tm")], user="ed") == 1
    assert store.memory_version() == 2 and len(store.memory_all()) == 2


def test_accounts_hash_passwords(store, desk_path):
    store.add_user("kim", "correct horse", "chief")
    assert store.check_password("kim", "correct horse") == "chief"
    assert store.check_password("kim", "wrong password") is None
    assert store.check_password("nobody", "correct horse") is None
    with pytest.raises(DeskError, match="too short"):
        store.add_user("lee", "short", "editor")
    with pytest.raises(DeskError, match="unknown role"):
        store.add_user("lee", "long enough", "admin")
    raw = b"".join(p.read_bytes() for p in desk_path.parent.glob(desk_path.name + "*"))
    assert b"correct horse" not in raw
    assert store.has_users() and store.role_of("kim") == "chief"


def test_wal_and_integrity(store, desk_path):
    with sqlite3.connect(desk_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.integrity_check() == "ok"


def test_a_damaged_file_is_one_clear_error(tmp_path):
    bad = tmp_path / ".zhko-desk.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(DeskError, match="cannot open the desk database"):
        DeskStore(bad)


def test_hash_is_stable():
    assert zh_hash(ZH) == zh_hash(ZH + " ") and len(zh_hash(ZH)) == 16


def test_article_keys_see_own_rows_approval_and_the_memory_of_its_sentences(store):
    other = "今天天气很好。"
    wanted = {"a": [zh_hash(ZH)], "b": [zh_hash(ZH), zh_hash(other)], "c": [zh_hash(other)]}
    assert store.article_keys(wanted) == {"a": "", "b": "", "c": ""}  # as with no database at all
    store.save("a/p1/s1", zh=ZH, ko="편집", expected_version=0, user="ed")
    k1 = store.article_keys(wanted)
    assert k1["a"] and k1["b"] == "" and k1["c"] == ""  # an edit: its article only
    store.save("a/p1/s1", zh=ZH, ko="편집", expected_version=1, user="ed", approve=True)
    k2 = store.article_keys(wanted)
    assert k2["a"] != k1["a"] and k2["b"] and k2["c"] == ""  # in the memory: b holds that sentence too
    store.approve_article("a", [("a/p1/s1", ZH)], "chief")
    k3 = store.article_keys(wanted)
    assert k3["a"] != k2["a"] and k3["b"] == k2["b"]


def test_schema_1_database_is_migrated_with_its_memory_hashed(desk_path):
    desk_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(desk_path)
    conn.executescript("""
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema', '1'), ('memory_version', '3');
        CREATE TABLE memory (zh_key TEXT PRIMARY KEY, zh TEXT NOT NULL, ko TEXT NOT NULL, editor TEXT NOT NULL,
                             updated TEXT NOT NULL, seg_id TEXT NOT NULL, origin TEXT NOT NULL DEFAULT 'desk');
    """)
    conn.execute("INSERT INTO memory VALUES (?, ?, ?, 'ed', 't', 'x/p1/s1', 'desk')", (normalize_key(ZH), ZH, "옛 번역"))
    conn.commit()
    conn.close()
    store = DeskStore(desk_path)
    assert store.memory_exact([ZH])[normalize_key(ZH)].ko == "옛 번역"
    assert store.article_keys({"b": [zh_hash(ZH)]})["b"] != ""
    store.save("a/p1/s1", zh="新句子。", ko="새 번역", expected_version=0, user="ed", approve=True)
    assert store.article_keys({"b": [zh_hash("新句子。")]})["b"] != ""
    assert DeskStore(desk_path).memory_version() == 4
