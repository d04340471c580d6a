"""XLIFF 2.0 and TMX 1.4b: round trips through the desk store, and hostile files
(DOCTYPE/XXE, entity bombs, malformed XML, unknown ids, changed sources, stale
exports) refused whole with one line per problem."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.desk.exchange import ExchangeError, export_tmx, export_xliff, import_tmx, import_xliff
from pipeline.desk.store import DeskStore

X = "{urn:oasis:names:tc:xliff:document:2.0}"


def _units(text):
    root = ET.fromstring(text)
    return {u.get("name"): u for u in root.iter(f"{X}unit")}


def test_export_states_ids_and_notes(desk_dirs):
    out, gl = desk_dirs
    from pipeline.glossary import load_glossary

    store = DeskStore.for_output(out)
    store.save("news-a/p1/s3", zh="今天天气很好。", ko="편집한 문장.", expected_version=0, user="ed")
    store.save("news-a/p1/s2", zh="全州共有2000名干部参加。", ko="승인 문장 2000명.", expected_version=0,
               user="ed", approve=True)
    text = export_xliff(out, None, load_glossary(gl))
    root = ET.fromstring(text)
    assert root.get("version") == "2.0" and root.get("srcLang") == "zh" and root.get("trgLang") == "ko"
    units = _units(text)
    assert len(units) == 6
    u = units["news-a/p1/s3"]
    assert u.get("id") == "news-a:p1:s3"
    seg = u.find(f"{X}segment")
    assert seg.get("state") == "translated" and seg.find(f"{X}target").text == "편집한 문장."
    assert units["news-a/p1/s2"].find(f"{X}segment").get("state") == "reviewed"
    assert units["news-a/title"].find(f"{X}segment").get("state") == "initial"
    notes = [n.text for n in units["news-a/p1/s1"].iter(f"{X}note")]
    assert "习近平 → 습근평 (kept)" in notes


def test_round_trip_export_change_import(desk_dirs, tmp_path):
    out, _ = desk_dirs
    text = export_xliff(out, ["news-a"])
    text = text.replace("<target>오늘 날씨가 좋다.</target>", "<target>CAT 도구에서 고친 문장.</target>")
    text = re.sub(r'(<unit id="news-a:p1:s1"[^>]*>(?:(?!</unit>).)*?)state="initial"', r'\1state="reviewed"',
                  text, flags=re.S)
    f = tmp_path / "today.xlf"
    f.write_text(text, encoding="utf-8")
    res = import_xliff(f, out, "cat-user")
    assert (res.saved, res.unchanged) == (2, 2)
    store = DeskStore.for_output(out)
    assert store.segment("news-a/p1/s3").ko == "CAT 도구에서 고친 문장."
    assert store.segment("news-a/p1/s3").state == "edited" and store.segment("news-a/p1/s3").origin == "xliff"
    assert store.segment("news-a/p1/s1").state == "approved"
    assert store.audit()[0]["user"] == "cat-user"
    # a second export shows the import; importing the same file again changes nothing … but is stale
    again = _units(export_xliff(out, ["news-a"]))
    assert again["news-a/p1/s3"].find(f"{X}segment/{X}target").text == "CAT 도구에서 고친 문장."
    with pytest.raises(ExchangeError, match="changed on the desk since"):
        f.write_text(text.replace("CAT 도구에서 고친 문장.", "또 다른 문장."), encoding="utf-8")
        import_xliff(f, out, "cat-user")


def _refused(out, tmp_path, text, *needles):
    f = tmp_path / "bad.xlf"
    f.write_text(text, encoding="utf-8")
    before = DeskStore.for_output(out).audit()
    with pytest.raises(ExchangeError) as info:
        import_xliff(f, out, "ed")
    for n in needles:
        assert n in str(info.value)
    assert str(f) in str(info.value)
    assert DeskStore.for_output(out).audit() == before  # nothing changed
    return info.value


def test_xxe_and_entity_bombs_refused(desk_dirs, tmp_path):
    out, _ = desk_dirs
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'
           '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="ko">'
           '<file id="f"><unit id="news-a:p1:s3"><segment><source>今天天气很好。</source><target>&s;</target>'
           '</segment></unit></file></xliff>')
    err = _refused(out, tmp_path, xxe, "DOCTYPE")
    assert "TOP SECRET" not in str(err)
    bomb = ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<xliff version="2.0">&b;</xliff>')
    _refused(out, tmp_path, bomb, "refused")


def test_bad_files_refused_whole_with_every_problem(desk_dirs, tmp_path):
    out, _ = desk_dirs
    _refused(out, tmp_path, "<xliff version='2.0'><file>", "malformed XML")
    _refused(out, tmp_path, '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>', "XLIFF 2.0")
    good = export_xliff(out, ["news-a"]).replace("오늘 날씨가 좋다.", "바뀐 문장.")
    bad = good.replace('name="news-a/p1/s1"', 'name="news-a/p7/s7"').replace(
        "全州共有2000名干部参加。", "全州共有3000名干部参加。")
    err = _refused(out, tmp_path, bad, "unknown segment id news-a/p7/s7", "source no longer matches")
    assert len(err.problems) == 2  # the good unit (p1/s3) was not saved either
    assert DeskStore.for_output(out).segment("news-a/p1/s3") is None
    _refused(out, tmp_path, good.replace("<target>바뀐 문장.</target>", "<target>바뀐 <pc id='1'>x</pc></target>"),
             "inline markup")


def test_size_bound(desk_dirs, tmp_path, monkeypatch):
    import pipeline.desk.exchange as ex

    out, _ = desk_dirs
    monkeypatch.setattr(ex, "MAX_BYTES", 100)
    _refused(out, tmp_path, export_xliff(out, ["news-a"]), "larger than")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_readers_raise_only_exchange_errors(tmp_path_factory, data):
    out = tmp_path_factory.mktemp("o")
    for reader in (import_xliff, import_tmx):
        try:
            reader("fuzz.xml", out, "ed", data=b"<xliff" + data)
        except ExchangeError:
            pass


def test_tmx_round_trip(desk_dirs, tmp_path):
    out, _ = desk_dirs
    store = DeskStore.for_output(out)
    store.save("news-a/p1/s3", zh="今天天气很好。", ko="오늘 날씨가 좋다 & 맑다.", expected_version=0,
               user="김편집", approve=True)
    text = export_tmx(out)
    root = ET.fromstring(text)
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "zh"
    f = tmp_path / "memory.tmx"
    f.write_text(text, encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    assert import_tmx(f, other, "ed") == 1
    m = DeskStore.for_output(other).memory_all()
    assert [(e.zh, e.ko, e.editor) for e in m] == [("今天天气很好。", "오늘 날씨가 좋다 & 맑다.", "김편집")]
    bad = tmp_path / "bad.tmx"
    bad.write_text('<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>只有中文</seg></tuv></tu></body></tmx>',
                   encoding="utf-8")
    with pytest.raises(ExchangeError, match="needs a zh and a ko"):
        import_tmx(bad, other, "ed")
    assert len(DeskStore.for_output(other).memory_all()) == 1
