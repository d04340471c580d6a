"""Scraped and plain .txt pages."""

from __future__ import annotations

import pytest

from pipeline.ingest import read_article
from pipeline.ingest.common import BOILERPLATE, boilerplate_name, parse_date_line


def test_plain_text_first_line_is_title_and_wrapped_lines_join(write):
    raw = read_article(write("plain.txt", "图们江流域保护会议召开\n\n会议总结了今年以来\n流域治理工作。\n第二段单独一行。\nLatin words\nwrap here.\n"))
    assert raw.title == "图们江流域保护会议召开"
    assert raw.paragraphs == ["会议总结了今年以来流域治理工作。", "第二段单独一行。", "Latin words wrap here."]
    assert raw.line_of == [3, 5, 6]
    assert raw.date is None and raw.format == "txt"


def test_date_line_before_the_headline(write):
    raw = read_article(write("d.txt", "2022-03-01 来源：延边日报\n延吉举行植树活动\n\n市民参加义务植树。\n"))
    assert (raw.title, raw.date, raw.time, raw.source) == ("延吉举行植树活动", "2022-03-01", None, "延边日报")
    assert raw.paragraphs == ["市民参加义务植树。"]


def test_headline_from_breadcrumb_without_date_line(write):
    text = "首页 > 新闻 > 延吉举行植树活动\n手机版\n延吉举行植树活动\n市民参加义务植树。\n"
    raw = read_article(write("c.txt", text))
    assert raw.title == "延吉举行植树活动"
    assert raw.paragraphs == ["市民参加义务植树。"]


def test_unknown_chrome_before_the_title_is_reported(write):
    raw = read_article(write("x.txt", "某某网站导航\n延吉举行植树活动\n2022年3月1日\n市民参加义务植树。\n"))
    assert raw.title == "延吉举行植树活动" and raw.date == "2022-03-01"
    assert raw.dropped == ["1 before-title: 某某网站导航"]


def test_long_body_line_is_never_boilerplate():
    line = "评论" + "员文章指出，" * 20
    assert boilerplate_name(line) is None


@pytest.mark.parametrize(
    "line, name",
    [
        ("首页 > 新闻 > 时政 > 标题", "breadcrumb"),
        ("首頁 > 新聞", "breadcrumb"),
        ("手机版百姓热线", "mobile-hotline"),
        ("空白", "placeholder"),
        ("延边发布客户端", "app-promo"),
        ("[ 本作品中使用的图片等内容,如涉及版权,请致电。]", "copyright"),
        ("延边信息港 / 延边广电客户端", "site-links"),
        ("标签: 防控\xa0 疫情", "tags"),
        ("評論一下", "comments"),
        ("已有0人参与,点击查看更多精彩评论", "comments"),
        ("登录天池云账号", "login"),
        ("信息广场", "info-square"),
        ("责任编辑：崔美兰", "editor"),
        ("分享到：微信 微博", "share"),
        ("会议强调，要抓好春耕。", None),
        ("注册资本增至10亿元。", None),
        ("分享了他的经验。", None),
        ("评论员文章", None),
        ("登录", "login"),
        ("延吉市召开会议", None),
    ],
)
def test_boilerplate_table(line, name):
    assert boilerplate_name(line) == name


def test_table_names_are_simple():
    assert all(name.replace("-", "").isalpha() for name, _ in BOILERPLATE)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("2021年01月21日 07:06\xa0 \xa0来源: 延边发布", ("2021-01-21", "07:06", "延边发布")),
        ("2021年1月2日", ("2021-01-02", None, None)),
        ("发布时间：2023-06-15 9:30 来源：延边日报", ("2023-06-15", "09:30", "延边日报")),
        ("2022/11/08 14:20:05 來源：延吉市融媒體中心", ("2022-11-08", "14:20", "延吉市融媒體中心")),
        ("2021年02月30日", None),
        ("2021年1月20日，州委召开会议。", None),
    ],
)
def test_date_line(line, expected):
    info = parse_date_line(line)
    assert (info and (info.date, info.time, info.source)) == expected


def test_headline_only_in_breadcrumb_and_date_line_first(write):
    raw = read_article(write("b.txt", "首页 > 新闻 > 延吉举行植树活动\n2022年3月1日 来源: 延吉发布\n市民参加义务植树。\n"))
    assert (raw.title, raw.date, raw.source) == ("延吉举行植树活动", "2022-03-01", "延吉发布")
    assert raw.paragraphs == ["市民参加义务植树。"]


def test_repeated_headline_in_body_is_dropped(write):
    raw = read_article(write("r.txt", "延吉举行植树活动\n2022年3月1日\n延吉举行植树活动\n市民参加义务植树。\n"))
    assert raw.paragraphs == ["市民参加义务植树。"]
    assert raw.dropped == ["3 title-repeat: 延吉举行植树活动"]
