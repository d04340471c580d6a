"""Round-trip editing of glossary files: comments kept, atomic, audited, stale-safe."""

from __future__ import annotations

import json
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import GlossaryError
from pipeline.review.store import GlossaryStore, ReasonRequired, StaleEditError, StoreError


def test_entries_keys_lines_tokens(dirs):
    gl, _ = dirs
    views = GlossaryStore(gl).entries()
    assert [(v.key, v.line) for v in views][:4] == [
        ("people.yaml#田锦尘", 2), ("people.yaml#金寿浩", 10), ("people.yaml#习近平", 16), ("people.yaml#习近平~2", 24)]
    assert len({v.token for v in views}) == len(views)


def test_edit_keeps_everything_else_byte_for_byte(dirs):
    gl, _ = dirs
    store = GlossaryStore(gl)
    before = (gl / "people.yaml").read_text(encoding="utf-8")
    v = store.get("people.yaml#田锦尘")
    inode = (gl / "people.yaml").stat().st_ino
    store.apply(v.key, v.token, "edit", changes={"ko": "전금진(田锦尘)", "note": "", "kind": "person"},
                user="kim", reason="desk style")
    after = (gl / "people.yaml").read_text(encoding="utf-8")
    assert after == before.replace("  ko: 전금진\n", "  ko: 전금진(田锦尘)\n").replace("  note: 2021 州委书记\n", "")
    assert (gl / "people.yaml").stat().st_ino != inode  # replaced, not rewritten in place
    assert not [p for p in gl.iterdir() if p.name.endswith(".part")]
    rec = json.loads((gl / "audit.log").read_text(encoding="utf-8"))
    assert rec["user"] == "kim" and rec["reason"] == "desk style" and rec["file"] == "people.yaml"
    assert rec["before"]["note"] == "2021 州委书记" and "note" not in rec["after"]


def test_new_key_goes_in_field_order_and_blank_lines_stay(dirs):
    gl, _ = dirs
    store = GlossaryStore(gl)
    v = store.get("terms.yaml#领导小组")
    store.apply(v.key, v.token, "reject", user="kim", reason="too generic")
    text = (gl / "terms.yaml").read_text(encoding="utf-8")
    assert "  kind: org\n  status: rejected\n  note: \"no initial-sound rule: 령, not 영\"\n- zh: 州委" in text
    v = store.get("people.yaml#习近平~2")
    store.apply(v.key, v.token, "reject", user="kim", reason="not even forbidden")
    assert (gl / "people.yaml").read_text(encoding="utf-8").endswith("  status: rejected\n  note: South Korean rendering\n")


def test_reasons_validation_and_noop(dirs):
    gl, _ = dirs
    store = GlossaryStore(gl)
    v = store.get("terms.yaml#州委")
    with pytest.raises(ReasonRequired):
        store.apply(v.key, v.token, "edit", changes={"ko": "주위"})
    with pytest.raises(ReasonRequired):
        store.apply(v.key, v.token, "forbid")
    with pytest.raises(StoreError, match="unknown kind"):
        store.apply(v.key, v.token, "edit", changes={"kind": "animal"}, reason="x")
    with pytest.raises(StoreError, match="cannot be empty"):
        store.apply(v.key, v.token, "edit", changes={"ko": " "}, reason="x")
    with pytest.raises(StoreError, match="cannot be edited"):
        store.apply(v.key, v.token, "edit", changes={"zh": "州"}, reason="x")
    assert store.apply(v.key, v.token, "approve").token == v.token  # already approved: nothing written
    assert not (gl / "audit.log").exists()


def test_stale_token_refused_even_after_outside_edit(dirs):
    gl, _ = dirs
    store = GlossaryStore(gl)
    v = store.get("people.yaml#金寿浩")
    path = gl / "people.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("김수호", "김수호2"), encoding="utf-8")  # a text editor
    with pytest.raises(StaleEditError, match="changed by someone else"):
        store.apply(v.key, v.token, "approve")


def test_two_tabs_racing_one_wins(dirs):
    gl, _ = dirs
    store = GlossaryStore(gl)
    v = store.get("people.yaml#金寿浩")
    results: list[str] = []

    def go(ko: str) -> None:
        try:
            store.apply(v.key, v.token, "edit", changes={"ko": ko}, user=ko)
            results.append("ok")
        except StaleEditError:
            results.append("stale")

    threads = [threading.Thread(target=go, args=(f"김수호{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok"] + ["stale"] * 5
    assert len((gl / "audit.log").read_text(encoding="utf-8").splitlines()) == 1


def test_add_to_comment_only_file_keeps_comment(dirs):
    gl, _ = dirs
    (gl / "proposed.yaml").write_text("# Candidates from zhko glossary extract.\n", encoding="utf-8")
    store = GlossaryStore(gl)
    store.add_entries([{"zh": "延边", "ko": "연변", "kind": "place", "status": "proposed"}], user="x")
    text = (gl / "proposed.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Candidates from zhko glossary extract.\n- zh: 延边\n  ko: 연변\n")
    with pytest.raises(StoreError):
        store.add_entries([{"zh": "x", "ko": "y"}], "../evil.yaml")


def test_broken_file_reported_with_line(dirs):
    gl, _ = dirs
    (gl / "broken.yaml").write_text("- zh: a\n  ko: [b\n", encoding="utf-8")
    store = GlossaryStore(gl)
    views, problems = store.load_all()
    assert len(views) == 7 and problems and problems[0].startswith("broken.yaml:")
    with pytest.raises(GlossaryError):
        store.entries()
    (gl / "broken.yaml").write_text("zh: a\n", encoding="utf-8")
    assert store.load_all()[1] == ["broken.yaml:1: the file must be a YAML list of entries (- zh: …)"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=80), st.sampled_from(
    ['{"after": {}}', '{"after": [], "before": 3}', "[]", "null", '{"after": {"ko": "가\u2028나"}}', "\u2028", "\x85"])),
    max_size=20))
def test_fuzz_audit_reader_never_fails(tmp_path_factory, lines):
    """Whatever the audit log holds, reading it gives records and problems, never an exception."""
    d = tmp_path_factory.mktemp("audit")
    (d / "audit.log").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    records, problems = GlossaryStore(d).read_audit_checked()
    assert all(isinstance(r, dict) and isinstance(r["after"], dict) for r in records)
    assert all(p.startswith("audit.log:") for p in problems)
