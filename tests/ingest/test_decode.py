"""Encodings Chinese files really arrive in, written to disk and read back."""

from __future__ import annotations

import codecs

import pytest

from pipeline.errors import InputError
from pipeline.ingest import decode_bytes, read_article

SIMPLIFIED = (
    "延边州召开春耕生产工作会议\n2023年04月10日 08:30 来源: 延边日报\n\n"
    "会议强调，各县（市）要抓好春耕备耕工作，确保粮食生产稳中有增。\n\n"
    "州农业农村局负责同志介绍了今年种子、化肥等农资供应情况。\n"
)
TRADITIONAL = (
    "延邊州召開春耕生產工作會議\n2023年04月10日 08:30 來源: 延邊日報\n\n"
    "會議強調，各縣（市）要抓好春耕備耕工作，確保糧食生產穩中有增。\n\n"
    "州農業農村局負責同志介紹了今年種子、化肥等農資供應情況。\n"
)


@pytest.mark.parametrize(
    "text, encoding, bom",
    [
        (SIMPLIFIED, "utf-8", b""),
        (SIMPLIFIED, "utf-8", codecs.BOM_UTF8),
        (SIMPLIFIED, "utf-16-le", codecs.BOM_UTF16_LE),
        (SIMPLIFIED, "utf-16-be", codecs.BOM_UTF16_BE),
        (SIMPLIFIED, "gb18030", b""),
        (SIMPLIFIED, "gbk", b""),
        (TRADITIONAL, "big5", b""),
        (TRADITIONAL, "gb18030", b""),
        (TRADITIONAL, "utf-16-le", codecs.BOM_UTF16_LE),
    ],
)
def test_read_in_every_encoding(write, text, encoding, bom):
    path = write(f"article-{encoding}.txt", bom + text.encode(encoding))
    raw = read_article(path)
    expected_title = text.splitlines()[0]
    assert raw.title == expected_title
    assert raw.date == "2023-04-10" and raw.time == "08:30"
    assert raw.source in ("延边日报", "延邊日報")
    assert len(raw.paragraphs) == 2
    assert raw.paragraphs[1].startswith(text.splitlines()[5][:6])


@pytest.mark.parametrize("word", ["会议", "延边州", "會議", "延邊", "朝鲜族自治州", "朝鮮族"])
def test_short_texts_pick_the_right_double_byte_encoding(word):
    for encoding in ("gb18030", "big5"):
        try:
            data = word.encode(encoding)
        except UnicodeEncodeError:
            continue  # simplified-only characters have no Big5 form
        assert decode_bytes(data, "x.txt") == word, encoding


def test_bom_is_removed():
    assert decode_bytes(codecs.BOM_UTF8 + "延边".encode(), "x.txt") == "延边"


def test_broken_utf16_after_bom_names_the_file():
    with pytest.raises(InputError) as info:
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", "bad.txt")  # lone surrogate
    assert str(info.value).startswith("bad.txt: not valid UTF-16-LE after its byte-order mark")


def test_utf16_file_is_not_called_binary(write):
    # UTF-16 is full of NUL bytes; the BOM check must come first.
    path = write("u16.md", codecs.BOM_UTF16_LE + "# 标题\n\n正文。\n".encode("utf-16-le"))
    assert read_article(path).title == "标题"


def test_html_declared_charset_is_honoured(write):
    # These Big5 bytes also decode as GB18030 (to 放瑄, 难), and detection alone
    # picks that; the page's own declaration settles it.
    page = '<html><head>{}<title>溫泉</title></head><body><p>冷麵溫泉。</p></body></html>'
    raw = read_article(write("big5.html", page.format('<meta charset="big5">').encode("big5")))
    assert raw.title == "溫泉" and raw.paragraphs == ["冷麵溫泉。"]


def test_html_gb2312_declaration_reads_gbk_characters(write):
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>延边州会议</title></head><body><p>镕基同志出席。</p></body></html>'
    raw = read_article(write("gbk.html", page.encode("gbk")))
    assert raw.paragraphs == ["镕基同志出席。"]
