"""Every way an input file can be refused, with the exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError, InputError
from pipeline.ingest import read_article

OK = "延吉市召开会议\n\n会议强调，要抓好春耕。\n"


def message(path: Path, why: str, line: int | None = None) -> str:
    return f"{path}:{line}: {why}" if line else f"{path}: {why}"


def refuse(path, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        read_article(path, **kw)
    return info.value


def test_unknown_extension(write):
    p = write("article.xyz", OK)
    assert str(refuse(p)) == message(p, "unknown format '.xyz' (expected .txt, .md, .html)")


def test_no_extension(write):
    p = write("article", OK)
    assert str(refuse(p)) == message(p, "unknown format '(none)' (expected .txt, .md, .html)")


def test_extension_is_case_insensitive(write):
    assert read_article(write("A.TXT", OK)).title == "延吉市召开会议"


def test_missing_file(tmp_path):
    p = tmp_path / "gone.txt"
    err = refuse(p)
    assert str(err) == message(p, "no such file")
    assert err.path == str(p) and err.why == "no such file"


def test_directory(tmp_path):
    p = tmp_path / "folder.txt"
    p.mkdir()
    assert str(refuse(p)) == message(p, "is a directory, not an article file")


def test_unreadable(write, monkeypatch):
    # Tests run as root, where chmod 000 does not stop reading: make the read fail instead.
    p = write("locked.txt", OK)

    def denied(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pipeline.limits._open", denied)
    assert str(refuse(p)) == message(p, "permission denied")


def test_binary(write):
    p = write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert str(refuse(p)) == message(p, "binary file (contains NUL bytes), not a text article")


def test_utf16_without_bom_gets_a_useful_message(write):
    p = write("u16.txt", "延吉市召开会议\n\n会议强调。\n".encode("utf-16-le"))
    assert str(refuse(p)) == message(p, "looks like UTF-16 without a byte-order mark; save it as UTF-8")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", "\ufeff".encode("utf-8")])
def test_empty(write, content):
    p = write("empty.txt", content)
    assert str(refuse(p)) == message(p, "empty file")


def test_no_chinese(write):
    p = write("english.txt", "Yanbian news\n\nThe meeting was held on Monday.\n")
    assert str(refuse(p)) == message(p, "no Chinese text found")


def test_no_chinese_in_body(write):
    # Chinese only in the dropped chrome: nothing left to translate.
    p = write("chrome.html", "<html><head><title>News</title></head><body><p>Hello world, nothing here.</p><div>评论一下</div></body></html>")
    assert str(refuse(p)) == message(p, "no Chinese text found in the title or body")


def test_undecodable(write):
    p = write("garbage.txt", b"\x80\xff\x80\xff abc \xff\xfe")
    assert str(refuse(p)) == message(p, "cannot decode: not UTF-8, UTF-16 (with BOM), GB18030/GBK or Big5")


def test_title_only(write):
    p = write("short.txt", "延吉市召开会议\n")
    assert str(refuse(p)) == message(p, "no body paragraphs found after the title", line=1)


def test_unknown_opencc_argument(write):
    with pytest.raises(ConfigError) as info:
        read_article(write("a.txt", OK), opencc_config="t2k")
    assert str(info.value).startswith("unknown OpenCC config 't2k' (expected one of s2t, t2s, ")


def test_opencc_argument_accepts_json_suffix(write):
    assert read_article(write("a.txt", OK), opencc_config="hk2s.json").opencc_config == "hk2s"


# --- Markdown front matter -------------------------------------------------

MD_BODY = "\n第一段正文。\n"


@pytest.mark.parametrize(
    "front, why, line",
    [
        ("title: 123", "front matter 'title' must be a string, got a number (quote it)", 2),
        ("title: [延边, 新闻]", "front matter 'title' must be a string, got a list", 2),
        ("title: 标题\nsource: {a: 1}", "front matter 'source' must be a string, got a mapping", 3),
        ("title: 标题\ndate: 昨天", "front matter 'date' is not a date: '昨天' (expected YYYY-MM-DD)", 3),
        ("title: 标题\ndate: 2021-02-30", "front matter has an impossible date: day is out of range for month", 3),
        ("title: 标题\ndate: [2021]", "front matter 'date' is not a date: a list (expected YYYY-MM-DD)", 3),
        ("title: 标题\ntitel: 错字", "unknown front matter key 'titel' (expected title, source, author, url, opencc, time, date, tags)", 3),
        ("title: 标题\ntime: 7点", "front matter 'time' must look like 07:06, got '7点'", 3),
        ("title: 标题\nopencc: t2x", "unknown OpenCC config 't2x' (expected one of s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, hk2sp, t2tw, tw2t, t2hk, hk2t, t2jp, jp2t)", 3),
        ("title: \"未闭合", "front matter is not valid YAML: found unexpected end of stream", 2),
        ("- 标题\n- 日期", "front matter must be a mapping of 'key: value' lines", 2),
    ],
)
def test_front_matter_errors(write, front, why, line):
    p = write("bad.md", f"---\n{front}\n---\n{MD_BODY}")
    err = refuse(p)
    assert (err.why, err.line) == (why, line)
    assert str(err) == message(p, why, line)


def test_front_matter_never_closed(write):
    p = write("open.md", "---\ntitle: 标题\n\n正文。\n")
    assert str(refuse(p)) == message(p, "front matter opened with '---' is never closed", 1)


def test_markdown_without_title(write):
    p = write("untitled.md", "第一段正文。\n\n第二段。\n")
    assert str(refuse(p)) == message(p, "no title: add 'title:' to the front matter or a '# heading'")


def test_html_without_title(write):
    p = write("untitled.html", "<html><body><p>延吉今天下雪。</p></body></html>")
    assert str(refuse(p)) == message(p, "no title found (no og:title, <h1> or <title>)")
