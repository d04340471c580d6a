"""normalize_text / normalize_article: OpenCC, punctuation, width, whitespace."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import ConfigError
from pipeline.model import RawArticle
from pipeline.normalize import normalize_article, normalize_text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("田锦尘:毫不放松", "田锦尘：毫不放松"),
        ("1月20日,省委常委", "1月20日，省委常委"),
        ("八个县(市)主要", "八个县（市）主要"),
        ("参加会议;各县", "参加会议；各县"),
        ("快来抢沙发吧!", "快来抢沙发吧！"),
        ("您抢到了吗?", "您抢到了吗？"),
        ("口罩 , 配合", "口罩，配合"),
        ("他说 “好” 。", "他说“好”。"),
        ("He said “yes” twice", "He said “yes” twice"),
        ("严密防线 坚决打赢", "严密防线 坚决打赢"),
        ("来源: 延边发布", "来源：延边发布"),
        # ASCII stays inside numbers and Latin runs
        ("2021年01月21日 07:06", "2021年01月21日 07:06"),
        ("优惠5,999.00元", "优惠5,999.00元"),
        ("做好COVID-19疫情防控", "做好COVID-19疫情防控"),
        ("Hello, world (test)!", "Hello, world (test)!"),
        ("见http://x.cn/a?b=1 网站", "见http://x.cn/a?b=1 网站"),
        # a parenthesis pair is converted together
        ("(COVID-19)疫情", "（COVID-19）疫情"),
        # full-width letters and digits → half-width; CJK punctuation untouched (no NFKC)
        ("２０２１年ＡＢＣ１２３ｗｅｃｈａｔ", "2021年ABC123wechat"),
        ("，、（）…①《》「」", "，、（）…①《》「」"),
        # whitespace and invisible characters
        ("  延边\u200b州\u00a0\u00a0发布\u3000\t新闻\n ", "延边州 发布 新闻"),
        ("\ufeff延边\u200d\u2060日报\x07", "延边日报"),
        # OpenCC t2s
        ("延邊朝鮮族自治州龍井市", "延边朝鲜族自治州龙井市"),
        ("還沒有評論,快來搶沙發吧!", "还没有评论，快来抢沙发吧！"),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


def test_other_opencc_configs():
    assert normalize_text("軟體", "tw2sp") == "软件"  # Taiwan phrases
    assert normalize_text("延边", "s2t") == "延邊"


def test_unknown_opencc_config():
    with pytest.raises(ConfigError, match="unknown OpenCC config 'x2y'"):
        normalize_text("延边", "x2y")


def test_normalize_article_is_a_new_object_and_keeps_line_of_in_step():
    raw = RawArticle(
        path="a.txt", format="txt", title="田锦尘:会议", paragraphs=["第一段,好。", "\u200b \u3000", "第三段。"],
        line_of=[3, 5, 7], source="延邊日報", opencc_config="t2s", dropped=["1 placeholder: 空白"],
    )
    out = normalize_article(raw)
    assert out is not raw and raw.paragraphs[0] == "第一段,好。"
    assert out.title == "田锦尘：会议"
    assert out.paragraphs == ["第一段，好。", "第三段。"]
    assert out.line_of == [3, 7]
    assert out.source == "延边日报"
    assert out.dropped == raw.dropped and out.dropped is not raw.dropped
    assert normalize_article(out) == out


# --- properties ------------------------------------------------------------

_ALPHABET = (
    "延边州會議龍井图们江乾干發发里裡著着的一是"  # CJK, simplified and traditional
    ",:;()!?.-/%+"  # ASCII marks
    "，。：；（）！？、…“”「」《》—·"  # CJK punctuation
    "0123456789abcXYZ"  # Latin and digits
    "０９ＡＺａｚ"  # full-width alnum
    " \t\n\u3000\u00a0\u200b\ufeff\x07"  # whitespace and invisibles
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60), st.sampled_from(["t2s", "hk2s", "tw2sp"]))
def test_idempotent_other_configs(text, config):
    once = normalize_text(text, config)
    assert normalize_text(once, config) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_output_is_trimmed_and_clean(text):
    out = normalize_text(text)
    assert out == out.strip()
    assert "  " not in out
    assert not any(c in out for c in "\t\n\u3000\u00a0\u200b\ufeff\x07")
    assert not any("\uff10" <= c <= "\uff19" or "\uff21" <= c <= "\uff3a" or "\uff41" <= c <= "\uff5a" for c in out)


def test_normalize_article_refuses_to_empty_an_article():
    from pipeline.errors import InputError

    raw = RawArticle(path="a.txt", format="txt", title="标题", paragraphs=["\u200b"], line_of=[3])
    with pytest.raises(InputError, match=r"^a\.txt: no body text left after normalization$"):
        normalize_article(raw)
    raw = RawArticle(path="a.txt", format="txt", title="\u200b", paragraphs=["正文。"], line_of=[3])
    with pytest.raises(InputError, match=r"^a\.txt: the title is empty after normalization$"):
        normalize_article(raw)


@pytest.mark.parametrize("config", __import__("pipeline.ingest", fromlist=["OPENCC_CONFIGS"]).OPENCC_CONFIGS)
def test_every_listed_config_loads(config):
    # the list ConfigError accepts must match what the installed OpenCC really has
    assert normalize_text("延边", config)
