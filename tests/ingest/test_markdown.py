"""Markdown articles with YAML front matter."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import read_article

EXAMPLE = Path(__file__).parents[2] / "examples" / "yanbian-ribao-2023-05-04.md"


def test_example_file():
    raw = read_article(EXAMPLE)
    assert raw.format == "md"
    assert raw.title == "延边州“五一”假期文旅市场火热 接待游客128.6万人次"
    assert (raw.date, raw.source, raw.author, raw.opencc_config) == ("2023-05-04", "延边日报", "金成哲", "t2s")
    # the '# heading' repeating the title is not a paragraph; '## subheading' is
    assert raw.paragraphs[2] == "特色活动吸引八方来客"
    assert raw.paragraphs[0].startswith("记者从州文化广播电视和旅游局获悉")
    assert "**" not in "".join(raw.paragraphs) and "](" not in "".join(raw.paragraphs)
    assert "在中国朝鲜族民俗园，" in raw.paragraphs[1]  # link text kept, URL gone
    assert raw.line_of == [11, 13, 15, 17, 20, 21, 23]
    assert raw.dropped == ["11 lead-marker: 【延边日报讯】"]


def test_title_from_heading_and_markup_stripped(write):
    text = "# 延吉 *夜市* 开市\n\n> 引用的**重点**内容，见[链接](http://x.cn)。\n\n![图片](a.jpg)\n\n1. 第一条`代码`。\n2. 第二条。\n\n---\n\n结尾段落~~删除~~。\n"
    raw = read_article(write("h.md", text))
    assert raw.title == "延吉 夜市 开市"
    assert raw.paragraphs == ["引用的重点内容，见链接。", "第一条代码。", "第二条。", "结尾段落删除。"]
    assert raw.line_of == [3, 7, 8, 12]


def test_datetime_in_front_matter_gives_time(write):
    raw = read_article(write("t.md", "---\ntitle: 标题\ndate: 2021-01-21 07:06\nurl: http://x.cn/1\n---\n正文。\n"))
    assert (raw.date, raw.time, raw.url) == ("2021-01-21", "07:06", "http://x.cn/1")


def test_chinese_date_text_and_quoted_time(write):
    raw = read_article(write("t.md", "---\ntitle: 标题\ndate: 2021年1月21日\ntime: '7:06'\n---\n正文。\n"))
    assert (raw.date, raw.time) == ("2021-01-21", "07:06")


def test_opencc_argument_beats_front_matter_beats_default(write):
    path = write("hk.md", "---\ntitle: 標題\nopencc: hk2s\n---\n正文。\n")
    assert read_article(path).opencc_config == "hk2s"
    assert read_article(path, opencc_config="tw2sp").opencc_config == "tw2sp"
    plain = write("plain.md", "# 標題\n\n正文。\n")
    assert read_article(plain, opencc_config="tw2sp").opencc_config == "tw2sp"
    assert read_article(plain).opencc_config == "t2s"


def test_empty_front_matter_is_fine(write):
    raw = read_article(write("e.md", "---\n---\n# 标题\n\n正文。\n"))
    assert raw.title == "标题" and raw.paragraphs == ["正文。"]
