"""HTML pages: metadata from the page, body from trafilatura or <p> tags."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import read_article

EXAMPLE = Path(__file__).parents[2] / "examples" / "yanbian-news-2023-06-15.html"


def test_example_page():
    raw = read_article(EXAMPLE)
    assert raw.format == "html"
    assert raw.title == "延吉至首尔航线加密 每周往返航班增至28班"
    assert (raw.date, raw.time, raw.source) == ("2023-06-15", "09:30", "延边日报")
    assert raw.url == "http://www.iybrb.com/news/2023-06/15/content_123456.html"
    assert len(raw.paragraphs) == 4
    assert raw.paragraphs[0].startswith("记者从延吉朝阳川国际机场获悉")
    joined = "".join(raw.paragraphs)
    for chrome in ("首页", "客户端", "分享到", "责任编辑", "评论", "版权所有", "_hmt"):
        assert chrome not in joined
    assert raw.line_of == [21, 22, 23, 24]


def test_title_falls_back_to_h1_then_title_without_site_name(write):
    page = "<html><head><title>延吉下雪 - 延边新闻网</title></head><body>{}<p>延吉今天下雪，气温零下十度。</p></body></html>"
    assert read_article(write("a.html", page.format("<h1>延吉迎来初雪</h1>"))).title == "延吉迎来初雪"
    assert read_article(write("b.html", page.format(""))).title == "延吉下雪"


def test_meta_date_and_visible_source(write):
    page = (
        '<html><head><meta property="og:title" content="珲春口岸恢复通关">'
        '<meta property="article:published_time" content="2023-01-08T10:00:00+08:00"></head>'
        "<body><div>时间：2023年01月08日 来源：珲春市融媒体中心</div>"
        "<article><p>1月8日，珲春口岸恢复客运通关。</p><p>首日出入境旅客达1200人次。</p></article></body></html>"
    )
    raw = read_article(write("c.htm", page))
    assert (raw.title, raw.date, raw.time, raw.source) == ("珲春口岸恢复通关", "2023-01-08", "10:00", "珲春市融媒体中心")
    assert raw.paragraphs == ["1月8日，珲春口岸恢复客运通关。", "首日出入境旅客达1200人次。"]


def test_paragraph_fallback_when_trafilatura_finds_nothing(write):
    # Some site templates wrap the whole article in <footer>; trafilatura discards it.
    page = "<html><head><title>短讯</title></head><body>\n<footer>\n<p>延吉今天下雪。</p>\n<p>气温零下十度。</p>\n</footer></body></html>"
    raw = read_article(write("f.html", page))
    assert raw.paragraphs == ["延吉今天下雪。", "气温零下十度。"]
    assert raw.line_of == [3, 4]
