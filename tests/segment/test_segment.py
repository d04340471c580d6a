"""split_sentences, split_long, make_slug and segment_article."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import RawArticle
from pipeline.segment import MAX_CHARS, make_slug, segment_article, split_long, split_sentences


@pytest.mark.parametrize(
    "par, expected",
    [
        ("会议召开。州长讲话。", ["会议召开。", "州长讲话。"]),
        ("真的吗？！太好了！", ["真的吗？！", "太好了！"]),
        ("他说：“我们要努力。”大家鼓掌。", ["他说：“我们要努力。”", "大家鼓掌。"]),
        ("「今年收成好！」村民说。", ["「今年收成好！」", "村民说。"]),
        ("（完。）下一篇。", ["（完。）", "下一篇。"]),
        ("要压实责任……确保达标。", ["要压实责任……", "确保达标。"]),
        ("苹果、香蕉……，应有尽有。", ["苹果、香蕉……，应有尽有。"]),
        ("主会场参加会议；各县在分会场参加。", ["主会场参加会议；各县在分会场参加。"]),
        ("没有句号的段落", ["没有句号的段落"]),
        ("第一句。  第二句。 ", ["第一句。", "第二句。"]),
        ("", []),
        ("   ", []),
        ("。。", ["。。"]),
        ("网址是http://x.cn/a?b=1！请访问。", ["网址是http://x.cn/a?b=1！", "请访问。"]),
    ],
)
def test_split_sentences(par, expected):
    assert split_sentences(par) == expected


def test_split_long_prefers_semicolons_then_commas():
    a, b = "甲" * 60 + "；", "乙" * 50 + "，" + "丙" * 20 + "。"
    assert split_long(a + b, max_chars=80) == [a, b]
    c = "丁" * 70 + "，" + "戊" * 70 + "。"
    assert split_long(c, max_chars=100) == ["丁" * 70 + "，", "戊" * 70 + "。"]


def test_split_long_balances_instead_of_leaving_a_tiny_tail():
    s = "，".join(["甲" * 9] * 13) + "。"  # 130 chars
    chunks = split_long(s, max_chars=120)
    assert len(chunks) == 2 and min(map(len, chunks)) >= 50


def test_split_long_hard_cut_last():
    assert split_long("一" * 250, max_chars=100) == ["一" * 84, "一" * 84, "一" * 82]


def test_split_long_short_sentence_untouched():
    assert split_long("短句。") == ["短句。"]
    with pytest.raises(ValueError):
        split_long("短句。", max_chars=0)


def _raw(path="examples/x.txt", date=None, paragraphs=("第一句。第二句。",), title="标题"):
    return RawArticle(path=path, format="txt", title=title, paragraphs=list(paragraphs), date=date)


@pytest.mark.parametrize(
    "path, date, slug",
    [
        ("examples/yanbian-fabu-2021-01-21.txt", "2021-01-21", "yanbian-fabu-2021-01-21"),
        ("in/Yanbian_News 20210121.md", "2021-01-21", "yanbian-news-20210121"),
        ("in/tumen-notice.txt", "2022-09-12", "2022-09-12-tumen-notice"),
        ("in/tumen-notice.txt", None, "tumen-notice"),
        ("in/延边新闻.txt", None, "article-" + __import__("hashlib").sha1("延边新闻".encode()).hexdigest()[:8]),
    ],
)
def test_make_slug(path, date, slug):
    assert make_slug(_raw(path, date)) == slug


def test_make_slug_is_stable_and_clean_for_chinese_names():
    a = make_slug(_raw("a/延边新闻2023.txt", "2023-01-01"))
    assert a == make_slug(_raw("b/延边新闻2023.txt", "2023-01-01"))
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", a) and a.startswith("2023-01-01-2023-")
    assert a != make_slug(_raw("a/通知2023.txt", "2023-01-01"))


def test_segment_article_ids_and_chunks():
    long = "，".join(["延边州召开会议研究部署工作"] * 12) + "。"
    art = segment_article(_raw(paragraphs=["第一句。第二句！", long]), slug="s")
    assert art.heading.id == "s/title" and art.title == "标题"
    assert [p.id for p in art.paragraphs] == ["s/p1", "s/p2"]
    assert [s.id for s in art.paragraphs[0].segments] == ["s/p1/s1", "s/p1/s2"]
    assert art.paragraphs[0].segments[0].chunks == []
    chunks = art.paragraphs[1].segments[0].chunks
    assert len(chunks) >= 2 and "".join(chunks) == long and max(map(len, chunks)) <= MAX_CHARS


def test_segment_article_default_slug_from_path():
    assert segment_article(_raw(path="x/notice.txt", date="2020-05-01")).heading.id == "2020-05-01-notice/title"


# --- properties ------------------------------------------------------------

_TEXT = "延边州会议召开强调12AB，、：“”「」（）《》。！？；…  "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TEXT, max_size=80))
def test_sentences_concatenate_back(par):
    sentences = split_sentences(par)
    assert all(s and s == s.strip() for s in sentences)
    # the sentences are the paragraph, in order, with only whitespace between them
    pos = 0
    for sentence in sentences:
        at = par.index(sentence, pos)
        assert par[pos:at].strip() == ""
        pos = at + len(sentence)
    assert par[pos:].strip() == ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TEXT, min_size=1, max_size=400), st.integers(min_value=1, max_value=130))
def test_split_long_chunks_fit_and_concatenate(sentence, max_chars):
    chunks = split_long(sentence, max_chars)
    assert "".join(chunks) == sentence
    assert all(0 < len(c) <= max_chars for c in chunks)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(alphabet=_TEXT, max_size=200), max_size=6),
    st.text(alphabet=_TEXT, min_size=1, max_size=30).filter(str.strip),
)
def test_ids_unique_and_well_formed(paragraphs, title):
    art = segment_article(_raw(paragraphs=paragraphs, title=title), slug="a-1")
    ids = [s.id for s in art.segments()]
    assert len(ids) == len(set(ids))
    assert ids[0] == "a-1/title"
    assert all(re.fullmatch(r"a-1/p[1-9]\d*/s[1-9]\d*", i) for i in ids[1:])
    for n, par in enumerate(art.paragraphs, start=1):
        assert par.id == f"a-1/p{n}" and par.segments
        assert all(seg.id == f"{par.id}/s{m}" for m, seg in enumerate(par.segments, start=1))
        for seg in par.segments:
            assert seg.zh and (seg.chunks == [] if len(seg.zh) <= MAX_CHARS else "".join(seg.chunks) == seg.zh)
