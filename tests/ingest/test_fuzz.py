"""Fuzzing the readers: random bytes, random front matter, random HTML.

Whatever the file holds, reading it (and normalizing and segmenting what was
read) either succeeds or raises one of zhko's typed errors — never a
traceback, never an unbounded run (Hypothesis' deadline fails a slow example;
the alarm fails a hang). Front matter and HTML are built from the pieces
that broke readers before: anchors and aliases, deep brackets, tags, unclosed
constructs, entities, hostile links.
"""

from __future__ import annotations

import signal
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import ZhkoError
from pipeline.ingest import read_article
from pipeline.ingest.common import web_url
from pipeline.normalize import normalize_article
from pipeline.segment import segment_article

SETTINGS = settings(max_examples=120, deadline=timedelta(seconds=10),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FRONT_PIECES = [
    "title: ", "date: ", "source: ", "url: ", "tags: ", "opencc: ", "time: ", "author: ",
    "&a ", "*a", "&b ", "*b", "<<: ", "[", "]", "{", "}", ", ", "- ", ": ", "'", '"', "\\", "? ", "|", ">",
    "!!python/object:os.system ", "!!binary ", "!!timestamp ", "2021-01-21", "2021-13-45", "07:06", "7:6",
    "标题", "延边", "javascript:alert(1)", "http://x.cn/a", "t2s", "tw2sp", "bogus", "\n", "  ", "\t", "#",
    "null", "~", "true", "1e999", "0x1F", ".inf", "%YAML 1.1\n", "---", "...",
]
HTML_PIECES = [
    "<p>", "</p>", "<title>", "</title>", "<h1>", "</h1>", "<div>", "</div>", "<br>", "<script>",
    "</script>", "<style>", "<svg>", "<![CDATA[", "]]>", "<!--", "-->", "<!", "<?", "?>", "<", ">", "</",
    "&", "&#", "&#x", "&amp;", "&#0;", "&#xD800;", ";", "'", '"', "=", " ",
    '<meta property="og:url" content="javascript:alert(1)">', '<meta property="og:title" content="标题">',
    '<meta name="pubdate" content="2021-02-30">', "<meta charset=gbk>",
    "会议强调，要抓好春耕。", "2021年01月21日 来源：延边发布", "首页 > 新闻", "评论", "\n", "\x00", "\ufeff",
]
BODY = "\n\n会议强调，要抓好春耕。\n"


class _Hang(Exception):
    pass


def _check(name: str, data: bytes) -> None:
    """Read ``data`` as file ``name`` through ingest, normalize and segment."""
    def fire(*_):
        raise _Hang(f"{name}: reading did not finish within 60 s")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        old = signal.signal(signal.SIGALRM, fire)
        signal.alarm(60)
        try:
            raw = read_article(path)
            assert raw.url is None or web_url(raw.url) == raw.url
            art = segment_article(normalize_article(raw))
            assert art.slug and all(s.zh for s in art.segments())
        except ZhkoError as exc:
            assert str(exc).startswith(str(path)), str(exc)
            assert "\n" not in str(exc) and len(str(exc)) < len(str(path)) + 400
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module", autouse=True)
def warm_up():
    """Import trafilatura, lxml and OpenCC once, outside any example's deadline."""
    _check("warm.html", ("<title>标题</title><p>" + BODY + "</p>").encode())
    _check("warm.md", ("# 标题" + BODY).encode())


@SETTINGS
@given(data=st.binary(max_size=4000), ext=st.sampled_from([".txt", ".md", ".html", ".htm", ".markdown"]))
def test_random_bytes(data, ext):
    _check("random" + ext, data)


@SETTINGS
@given(text=st.text(max_size=2000), ext=st.sampled_from([".txt", ".md", ".html"]))
def test_random_text_with_chinese_body(text, ext):
    _check("text" + ext, (text + BODY).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(pieces=st.lists(st.sampled_from(FRONT_PIECES), max_size=80))
def test_random_front_matter(pieces):
    _check("front.md", ("---\n" + "".join(pieces) + "\n---\n# 标题" + BODY).encode("utf-8"))


@SETTINGS
@given(pieces=st.lists(st.sampled_from(HTML_PIECES), max_size=120),
       encoding=st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_random_html(pieces, encoding):
    text = "".join(pieces)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _check("page.html", data)


@SETTINGS
@given(pieces=st.lists(st.sampled_from(["[", "]", "(", ")", "!", "*", "_", "~~", "`", "<", ">", "#", "-",
                                        "<!--", "-->", "会议", " ", "\n", "> ", "1. ", "---", "**"]),
                       max_size=200))
def test_random_markdown_markup(pieces):
    _check("markup.md", ("# 标题\n\n" + "".join(pieces) + BODY).encode("utf-8"))
