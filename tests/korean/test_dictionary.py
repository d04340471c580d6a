"""The NK-HanDic word table behind the Yanbian norm stage (real dictionary, real data)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.korean import dictionary

GOLDEN = Path(__file__).parent / "golden"


def _rows(name: str) -> list[list[str]]:
    lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


DECISIONS = _rows("dictionary_decisions.tsv")


def test_nkhandic_is_installed_and_parsed():
    assert dictionary.sys_dic_path() is not None
    tab = dictionary.table()
    assert len(tab.words) > 50_000 and len(tab.sino) > 5_000 and len(tab.restorable) > 2_000


@pytest.mark.parametrize("south, expected", DECISIONS, ids=[r[0] for r in DECISIONS])
def test_restore_decisions(south, expected):
    """South form → the Yanbian form restored without a source ("-": left alone)."""
    hit = dictionary.table().restore(south)
    assert (hit.yanbian if hit else "-") == expected


def test_restorable_readings_are_character_readings():
    from pipeline.korean.reading import char_readings
    from pipeline.korean.style import south_form

    for south, r in dictionary.table().restorable.items():
        assert south_form(r.yanbian) == south != r.yanbian
        assert all(syl in char_readings(ch) for syl, ch in zip(r.yanbian, r.hanja)), r


def test_table_is_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dictionary.table.cache_clear()
    try:
        first = dictionary.table()
        assert list((tmp_path / "zhko").glob("nkhandic-table-*.pickle"))
        dictionary.table.cache_clear()
        assert dictionary.table().restorable == first.restorable
    finally:
        dictionary.table.cache_clear()


def test_cache_key_changes_with_the_deriving_code(tmp_path, monkeypatch):
    # Two checkouts (or branches) with the same TABLE_VERSION but other
    # derivation code must not share a cached table: the key hashes the code.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dic = dictionary.sys_dic_path()
    assert dic is not None
    before = dictionary._cache_file(dic)
    real_read = Path.read_bytes

    def edited(self: Path) -> bytes:
        data = real_read(self)
        return data + b"# edited" if self.name == "reading.py" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    after = dictionary._cache_file(dic)
    assert before != after and before.parent == after.parent == tmp_path / "zhko"
    assert dictionary._cache_file(dic, "yeo", 1, "txt").name.startswith("nkhandic-yeo-v1-")


def test_a_new_cache_prunes_the_unused_ones_it_replaces(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stale = tmp_path / "zhko" / "nkhandic-table-v1-0000000000-1-1.pickle"
    in_use = tmp_path / "zhko" / "nkhandic-table-v1-1111111111-1-1.pickle"  # another checkout's, used today
    other_kind = tmp_path / "zhko" / "nkhandic-yeo-v1-0000000000-1-1.txt"
    stale.parent.mkdir(parents=True)
    for f in (stale, in_use, other_kind):
        f.write_bytes(b"old")
    long_ago = time.time() - dictionary.PRUNE_AFTER_S - 60
    os.utime(stale, (long_ago, long_ago))
    os.utime(other_kind, (long_ago, long_ago))
    dictionary.table.cache_clear()
    try:
        dictionary.table()
    finally:
        dictionary.table.cache_clear()
    left = {p.name for p in (tmp_path / "zhko").iterdir()}
    assert stale.name not in left and other_kind.name in left
    assert in_use.name in left  # parallel checkouts no longer delete each other's tables
    assert any(n.startswith("nkhandic-table-v") and n != in_use.name for n in left)


def test_loading_a_cache_marks_it_in_use(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dictionary.table.cache_clear()
    try:
        dictionary.table()
        (cache,) = (tmp_path / "zhko").glob("nkhandic-table-*.pickle")
        long_ago = time.time() - dictionary.PRUNE_AFTER_S - 60
        os.utime(cache, (long_ago, long_ago))
        dictionary.table.cache_clear()
        dictionary.table()
        assert cache.stat().st_mtime > long_ago + 60
    finally:
        dictionary.table.cache_clear()


def test_help_does_not_load_the_dictionary():
    code = ("import sys, runpy; sys.argv=['zhko','--help']\n"
            "try:\n runpy.run_module('pipeline', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "assert 'pipeline.korean.dictionary' not in sys.modules and 'jieba' not in sys.modules, 'heavy import'")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_chinese_frequency_decides_only_undecided_forms():
    """The second signal (jieba's Chinese word frequencies) restores a few dozen
    forms NK-HanDic leaves undecided, each one a reading of its Hanja, never a
    native word or a form NK-HanDic's text attests another reading of."""
    tab = dictionary.table()
    assert 30 <= len(tab.by_chinese) <= 300
    assert tab.by_chinese <= set(tab.restorable)
    for south in tab.by_chinese:
        assert south not in tab.native
        others = [r for r in tab.sino.get(south, ()) if r.yanbian != tab.restorable[south].yanbian]
        assert all(r.cost >= dictionary.RARE for r in others), south


def test_chinese_frequency_rule():
    """_by_chinese on hand-made readings: the dominant Chinese word wins only
    when no competitor is attested or Korean-only."""
    R = dictionary.Reading
    zh = {"來賓": 166, "內賓": 3, "練習": 1029, "演習": 3808, "歷程": 762, "逆情": 0}
    rare = dictionary.RARE
    hit = dictionary._by_chinese("내빈", (R("래빈", "來賓", rare),), {("내빈", "內賓")}, zh, {}, set())
    assert hit and hit.yanbian == "래빈"
    assert dictionary._by_chinese("연습", (R("련습", "練習", rare), R("연습", "演習", rare)), set(), zh, {}, set()) is None
    # a Korean-only competitor NK-HanDic lists (逆情): Chinese cannot speak for it
    assert dictionary._by_chinese("역정", (R("력정", "歷程", rare), R("역정", "逆情", rare)), set(), zh, {}, set()) is None
    # a competitor NK-HanDic's text has (cost below RARE)
    assert dictionary._by_chinese("내빈", (R("래빈", "來賓", rare), R("내빈", "內賓", 9000)), set(), zh, {}, set()) is None
    assert dictionary._by_chinese("내빈", (R("래빈", "來賓", rare),), set(), zh, {"내빈": 0}, set()) is None


def test_weak_words_are_hanja_txt_only():
    """hanja.txt words NK-HanDic lacks (獨居 독거) are known compound starts, not words."""
    tab = dictionary.table()
    assert "독거" in tab.weak and "독거" not in tab.words
    assert not tab.weak & tab.words


def test_build_reads_jieba_dictionary_without_importing_jieba(tmp_path):
    code = ("import sys\nfrom pipeline.korean import dictionary\nt = dictionary.table()\n"
            "assert t.by_chinese and 'jieba' not in sys.modules, 'jieba imported'")
    import os

    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=env)


def test_weak_words_include_hanja_less_names():
    """A Hanja-less NK-HanDic name that hanja.txt reads as a common Chinese word
    (애심: 愛心) is still a known compound start (애심|녀성|네트워크)."""
    assert "애심" in dictionary.table().weak


def test_loan_nouns_have_a_syllable_no_character_reads():
    """NK-HanDic's Hanja-less nouns with a non-Sino syllable (loanwords, native
    nouns) close a compound; no Sino-Korean word is among them."""
    from pipeline.korean.reading import sino_syllables

    tab = dictionary.table()
    assert {"네트워크", "센터", "플랫폼", "그룹"} <= tab.loan
    assert not tab.loan & tab.words
    syl = sino_syllables()
    assert all(any(c not in syl for c in w) for w in ("네트워크", "센터", "플랫폼"))
    assert {"력", "역", "녀", "여", "렬", "열"} <= syl and "네" not in syl and "트" not in syl


def test_chinese_words_no_korean_dictionary_knows():
    """Frequent Chinese words whose South spelling is no Korean word at all are
    restored (落实 낙실 → 락실, 灵活 → 령활), never a Korean word, a word and a
    particle (유리+와) or a person's name jieba lists (林彪: the surname 임 is
    林 or 任)."""
    tab = dictionary.table()
    assert tab.restore("낙실") is not None and tab.restore("낙실").yanbian == "락실"
    assert tab.restore("영활") is not None and tab.restore("영활").yanbian == "령활"
    for south in ("이미", "유하", "유리와", "임표", "노인가"):
        hit = tab.restore(south)
        assert hit is None or south in ("노인가",) or hit.cost < dictionary.RARE, south
    assert "낙실" in tab.by_chinese and "임표" not in tab.by_chinese and "유리와" not in tab.by_chinese


def test_yeo_forms_from_nkhandic():
    """NK-HanDic's -여 connectives of stems of two or more syllables (나뉘여,
    잇대여), without the ㅅ-irregular twins (줄지어 is 줄짓다's)."""
    forms = dictionary.yeo_forms()
    assert {"나뉘여", "잇대여", "모이여"} <= forms
    assert "줄지여" not in forms and "매듭지여" not in forms


def test_hanja_txt_compounds_decide_homographs():
    """hanja.txt's compounds read an undecided homograph one way at a word
    boundary: 量子物理學 gives 양자물리 → 량자물리, 零細企業 영세기업 → 령세기업;
    a pair NK-HanDic knows, or whose entries read it as written, is no key."""
    from pipeline.korean import dictionary

    comp = dictionary.compounds()
    if not comp:
        pytest.skip("NK-HanDic or hanja.txt missing")
    assert comp["양자물리"] == ("량자물리", "量子物理")
    assert comp["양자역학"][0] == "량자력학"
    assert comp["영세기업"] == ("령세기업", "零細企業")
    assert "이민정책" not in comp  # 移民政策: read as written
    assert "노동시장" not in comp  # NK-HanDic's own word
    assert comp["이공류"] == ("리공류", "理工類")  # a homograph and a suffix: jieba's 理工类
    assert all(k != v[0] and len(k) == len(v[0]) for k, v in comp.items())


def test_as_written_words_from_hanja_txt():
    """Words of three or more syllables hanja.txt reads only as written, with
    no ㄹ/ㄴ reading in NK-HanDic (유실물 遺失物, 뇌진탕 腦震蕩): the initial-sound
    rule must not take them apart. Words with an ㄹ/ㄴ reading (역사학 歷史學,
    노동자 勞動者) and two-syllable words are not among them."""
    forms = dictionary.as_written()
    assert {"유실물", "뇌진탕", "뇌성마비", "유형자산", "유락장", "사회계약론", "유사이래"} <= forms
    assert not {"역사학", "노동자", "련합회", "연합회", "유실", "이성"} & forms
    assert all(len(f) >= 3 for f in forms)


def test_as_written_words_are_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dictionary.as_written.cache_clear()
    try:
        first = dictionary.as_written()
        assert list((tmp_path / "zhko").glob("nkhandic-aswritten-*.txt"))
        dictionary.as_written.cache_clear()
        assert dictionary.as_written() == first
    finally:
        dictionary.as_written.cache_clear()


def test_hybrid_hanja_txt_words_are_korean_words_as_written():
    """hanja.txt writes 양초 (a candle) 洋초: a Korean word read as written that no
    Chinese word stands for, so jieba's frequency of 粮草 is no evidence against it."""
    hybrid = dictionary._hybrid_words({"양초", "양약", "노동"})
    assert "양초" in hybrid
    assert "양약" not in hybrid and "노동" not in hybrid
    assert dictionary.table().restore("양초") is None


def test_weakly_restored_homographs_yield_to_korean_words():
    """A restoration on Chinese frequency alone (良藥) or on a seldom reading that
    Chinese does not know either (量産) yields to an as-written homograph NK-HanDic
    lists and hanja.txt builds more words on (洋藥, 陽傘); 兩端, 戀人, 序列 and news
    words NK-HanDic saw often (年初, 立場, 來訪) are still restored."""
    tab = dictionary.table()
    for form in ("양약", "양산", "내동"):
        assert tab.restore(form) is None, form
    for form, yb in (("양단", "량단"), ("연인", "련인"), ("서열", "서렬"), ("연초", "년초"), ("입장", "립장"),
                     ("내방", "래방"), ("유형", "류형")):
        hit = tab.restore(form)
        assert hit is not None and hit.yanbian == yb, form
    R = dictionary.Reading
    table = {"양약": (R("량약", "良藥", dictionary.RARE), R("양약", "洋藥", dictionary.RARE)),
             "연인": (R("련인", "戀人", dictionary.RARE), R("연인", "緣因", dictionary.RARE))}
    restorable = {"양약": table["양약"][0], "연인": table["연인"][0]}
    assert dictionary._korean_homographs(restorable, table, {"양약", "연인"}) == ["양약"]
    # not a Chinese guess: a seldom reading yields only when Chinese does not know it either (良药 326)
    assert dictionary._korean_homographs(restorable, table, set()) == []


def test_written_mixed_and_native_words():
    """The words that frame no name and keep a rare prefix (see textnames._common_as_written,
    style._listed_whole): common Sino-Korean words read as written, hanja.txt's Hanja–Hangul
    words, NK-HanDic's Hanja-less nouns; a common given-name stem is none of them."""
    if dictionary.sys_dic_path() is None or not dictionary.HANJA_TXT.exists():
        pytest.skip("NK-HanDic or hanja.txt not installed")
    written, mixed, natives = dictionary.written_words(), dictionary.mixed_words(), dictionary.native_nouns()
    assert {"이견", "육식", "노복", "이주자"} <= written  # 異見 肉食 奴僕 移住者
    assert "이인" not in written  # 二人: a number, read by the name rules themselves
    assert {"육개장", "육조림", "육수국"} <= mixed
    assert {"입술", "이음쇠", "이슬람"} <= natives
    for name in ("이강", "이영", "이호성", "이수성", "이호원"):
        assert name not in written | mixed | natives


def test_foreign_words_from_nkhandic():
    """Loanwords and foreign names ending in a syllable characters read (see style._resume_at)."""
    if dictionary.sys_dic_path() is None:
        pytest.skip("NK-HanDic not installed")
    foreign = dictionary.foreign_words()
    assert {"노르웨이", "레바논"} <= foreign
    assert "인터넷" not in foreign  # ends in a syllable no character reads: no word starts inside it


def test_hybrid_forms_are_nk_handic_half_hanja_words():
    """NK-HanDic's words written half in Hanja (連달아, 兩쪽, 利롭) give their South
    spelling's Yanbian form (w23); a South form that is another word is left out:
    약하 (弱하, not 略하), 열렬하 (熱烈, not 烈烈하), 농하 (a root and 하다)."""
    if dictionary.sys_dic_path() is None:
        pytest.skip("NK-HanDic not installed")
    forms = dictionary.hybrid_forms()
    assert forms["연달아"][:2] == ("련달아", "stem")
    assert forms["연이어"][:2] == ("련이어", "stem")
    assert forms["양쪽"][:2] == ("량쪽", "word")
    assert forms["역력히"][:2] == ("력력히", "word")
    assert forms["이롭"][0] == "리롭"
    for south in ("약하", "열렬하", "농하", "연다", "여종", "유다", "용트림"):
        assert south not in forms
