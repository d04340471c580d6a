"""The acceptance checks on the real scraped sample page."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import read_article
from pipeline.normalize import normalize_article
from pipeline.segment import segment_article

SAMPLE = Path(__file__).parents[2] / "examples" / "yanbian-fabu-2021-01-21.txt"
EXAMPLE = Path(__file__).parents[2] / "examples" / "yanbian-fabu-2021-01-21.txt"

CHROME = (
    "首页 >", "手机版百姓热线", "空白", "延边发布客户端", "本作品中使用的图片", "标签",
    "评论", "最热评论", "还没有评论", "已有0人参与", "登录", "信息广场", "延边信息港", "【头条】",
)


@pytest.fixture(scope="module")
def article():
    return segment_article(normalize_article(read_article(SAMPLE)))


def test_golden_copy_matches_example():
    assert SAMPLE.read_bytes() == EXAMPLE.read_bytes()


def test_metadata(article):
    assert article.title == "田锦尘：毫不放松筑牢疫情防控严密防线 坚决打赢疫情防控阻击战"
    assert (article.date, article.time, article.source) == ("2021-01-21", "07:06", "延边发布")
    assert article.slug == "yanbian-fabu-2021-01-21"
    assert article.heading.id == "yanbian-fabu-2021-01-21/title"


def test_exactly_eight_body_paragraphs(article):
    texts = ["".join(s.zh for s in p.segments) for p in article.paragraphs]
    assert len(texts) == 8
    assert texts[0].startswith("1月20日，省委常委、州委书记田锦尘主持召开")
    assert texts[-1].startswith("会议以视频形式召开")
    assert texts[-1].endswith("在分会场参加会议。")


def test_no_boilerplate_left(article):
    everything = article.title + "".join(s.zh for s in article.segments())
    for chrome in CHROME:
        if chrome == "评论":
            assert "评论" not in everything
        else:
            assert chrome not in everything, chrome


def test_raw_line_numbers_and_dropped():
    raw = read_article(SAMPLE)
    assert raw.line_of == [10, 12, 14, 16, 18, 20, 22, 24]
    names = [d.split(" ", 2)[1].rstrip(":") for d in raw.dropped]
    assert names == [
        "breadcrumb", "mobile-hotline", "placeholder", "lead-marker", "app-promo", "copyright",
        "site-links", "tags", "comments", "comments", "comments", "comments", "comments",
        "comments", "info-square", "login",
    ]
    assert raw.paragraphs[0].startswith("1月20日,省委常委")  # ingest keeps text as is


def test_sentence_ids_are_sequential(article):
    for n, par in enumerate(article.paragraphs, start=1):
        assert par.id == f"yanbian-fabu-2021-01-21/p{n}"
        assert [s.id for s in par.segments] == [f"{par.id}/s{m}" for m in range(1, len(par.segments) + 1)]
    assert sum(len(p.segments) for p in article.paragraphs) == 32
