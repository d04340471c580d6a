"""Memory suggestions: character-level scores, the 75 % threshold, the source
diff, and the filters returning exactly what a full scan returns (property)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from pipeline.desk.store import MemoryEntry, normalize_key
from pipeline.desk.suggest import THRESHOLD, Suggester, length_window, source_diff


def _entries(zhs):
    return [MemoryEntry(normalize_key(z), z, f"ko{i}", "ed", "", f"a/p1/s{i}") for i, z in enumerate(zhs)]


def test_threshold_is_inclusive_at_75_and_excludes_below():
    base = "一二三四五六七八九十"  # 10 characters
    far = "一二三四五六甲乙丙丁"  # shares 6 of 10 → 60 %: out
    sugg = Suggester(_entries([base]))
    assert fuzz.ratio(far, base) < THRESHOLD and sugg.suggest(far) == []
    near = "一二三四五六七八九" + "甲"  # 9 of 10 shared → 90 %
    got = sugg.suggest(near)
    assert [round(s.score) for s in got] == [90]
    exactly = "一二三四五六七八九十甲乙丙丁戊己"  # 2·10/(10+16) = 76.9 %
    assert sugg.suggest(exactly) and not sugg.suggest(exactly + "庚辛")  # 2·10/28 = 71.4 %
    assert sugg.suggest(exactly + "庚辛", threshold=70)


def test_character_level_not_token_level():
    # one "token" for a whitespace tokenizer, yet a close match character by character
    sugg = Suggester(_entries(["深入贯彻习近平总书记关于防控工作重要讲话重要指示精神"]))
    got = sugg.suggest("深入贯彻习近平总书记关于防汛工作重要讲话重要指示精神")
    assert got and 90 < got[0].score < 100


def test_best_first_limit_and_exclusion():
    zhs = ["今天天气很好啊。", "今天天气很好。", "今天天气不好。", "明天天气很好。", "毫无关系的句子。"]
    sugg = Suggester(_entries(zhs))
    got = sugg.suggest("今天天气很好。", exclude_seg="a/p1/s1")
    assert [s.entry.zh for s in got] == ["今天天气很好啊。", "今天天气不好。", "明天天气很好。"]
    assert all(a.score >= b.score for a, b in zip(got, got[1:]))
    assert len(sugg.suggest("今天天气很好。", limit=1)) == 1


def test_source_diff_marks_both_sides():
    assert source_diff("关于防汛工作", "关于防控工作") == [("关于防", "same"), ("控", "old"), ("汛", "new"),
                                                   ("工作", "same")]
    assert "".join(t for t, k in source_diff("abc", "axc") if k != "new") == "axc"


def test_length_window():
    assert length_window(20, 75) == (12, 33)
    assert length_window(0, 75) == (0, 0)


CHARS = st.sampled_from(list("的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(CHARS, min_size=1, max_size=30), min_size=1, max_size=60),
       st.text(CHARS, min_size=1, max_size=30), st.sampled_from([50.0, 70.0, 75.0, 90.0]))
def test_filters_return_exactly_what_a_full_scan_returns(memory, query, threshold):
    sugg = Suggester(_entries(memory))
    fast = [(round(s.score, 6), s.entry.zh_key) for s in sugg.suggest(query, threshold=threshold, limit=5)]
    full = [(round(s.score, 6), s.entry.zh_key) for s in sugg.suggest(query, threshold=threshold, limit=5,
                                                                        full_scan=True)]
    assert fast == full


def test_an_exact_match_after_the_same_sentence_scores_101_in_context():
    from pipeline.desk.store import START

    zh, before = "全州共有2000名干部参加。", "习近平总书记在延边州考察。"
    sugg = Suggester([MemoryEntry(normalize_key(zh), zh, "ko", "ed", "", "a/p1/s2", context=normalize_key(before)),
                      MemoryEntry(normalize_key("今天天气很好。"), "今天天气很好。", "ko2", "ed", "", "a/title",
                                  context=START)])
    [hit] = sugg.suggest(zh, previous=before + " ")  # normalized like the key
    assert (hit.score, hit.kind, hit.to_dict()["kind"]) == (101, "in-context", "in-context")
    assert [(s.score, s.kind) for s in sugg.suggest(zh, previous="别的句子。")] == [(100, "exact")]
    assert sugg.suggest(zh)[0].kind == "exact"  # context not given
    assert sugg.suggest("今天天气很好。", previous=START)[0].score == 101  # both first in their article
    near = sugg.suggest("全州共有2000名干部参加了。", previous=before)[0]
    assert near.kind == "fuzzy" and near.score < 100  # only exact matches are in context
    unknown = Suggester([MemoryEntry(normalize_key(zh), zh, "ko", "tmx", "", "")])  # TMX: no context
    assert unknown.suggest(zh, previous=before)[0].kind == "exact"


def test_the_desk_remembers_the_context_of_an_approval(desk_app):
    from tests.desk.conftest import csrf_of
    from tests.desk.test_app import _save

    c = desk_app.test_client()
    t = csrf_of(c)
    assert _save(c, t, "news-a/p1/s2", "전 주에서 2000명의 간부가 참가했다.", 0, approve=True).status_code == 200
    [entry] = desk_app.extensions["zhko_desk"]["store"].memory_all()
    assert entry.context == normalize_key("习近平总书记在延边州考察。")


def test_the_desk_suggests_an_in_context_match_as_101(desk_app, desk_dirs):
    from tests.desk.conftest import SENTENCES, csrf_of, make_article, write_article
    from tests.desk.test_app import _save

    out, _ = desk_dirs
    write_article(out, make_article("news-c", SENTENCES[:2], title=("另一篇", "다른 기사")))
    c = desk_app.test_client()
    t = csrf_of(c)
    assert _save(c, t, "news-a/p1/s2", "전 주에서 2000명의 간부가 참가했다.", 0, approve=True).status_code == 200
    [got] = c.get("/api/suggest?id=news-c/p1/s2").get_json()["suggestions"]
    assert (got["score"], got["kind"], got["ko"]) == (101, "in-context", "전 주에서 2000명의 간부가 참가했다.")
