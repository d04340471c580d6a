"""Hostile article files: links, YAML bombs, limits, non-regular files,
broken UTF-8, and lines built to make a regex or a parser quadratic.

The linear-time tests read an adversarial line of each input kind at 100 KB
and at 1 MB and compare: linear cost grows about 10×, quadratic about 100×
(a Markdown line of 90,000 ``[`` took 42 s before, and a megabyte hours). The
test is about growth, not speed (speed is measured in ``bench/``); a hang
guard stops any single read after two minutes.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from pipeline.errors import InputError, ZhkoError
from pipeline.ingest import read_article
from pipeline.limits import Limits
from pipeline.normalize import normalize_article
from pipeline.segment import segment_article

BODY = "会议强调，要抓好春耕。\n"
#: A run past this is a hang: fail instead of waiting (a quadratic 1 MB input
#: takes hours; the real test is the 100 KB → 1 MB growth below).
HANG_GUARD = 120
MB = 1_000_000


def refuse(path: Path, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        read_article(path, **kw)
    return info.value


# -- source links ----------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "javascript:fetch('/api/approve')", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
    "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
    "vbscript:msgbox", "/relative/path", "//evil.example/x", "http://", "https:///no-host",
])
def test_front_matter_url_must_be_http(write, url):
    p = write("a.md", f"---\ntitle: 标题\nurl: {json.dumps(url)}\n---\n\n{BODY}")
    raw = read_article(p)
    assert raw.url is None
    assert raw.warnings == [f"{p}:3: front matter 'url' is not an http(s) link; the source link was dropped"]


def test_http_links_are_kept(write):
    for url in ("http://www.iybrb.com/a.html", "https://news.example.cn/x?id=1#p2"):
        assert read_article(write("a.md", f"---\ntitle: 标题\nurl: {url}\n---\n\n{BODY}")).url == url


def test_og_url_must_be_http(write):
    page = ('<html><head><meta property="og:url" content="javascript:alert(document.cookie)">'
            '<title>标题</title></head><body><p>会议强调，要抓好春耕。</p></body></html>')
    p = write("a.html", page)
    raw = read_article(p)
    assert raw.url is None
    assert raw.warnings == [f"{p}: og:url is not an http(s) link; the source link was dropped"]


def test_rendered_edition_never_links_a_non_http_url(write):
    from pipeline.render.html import render_article

    raw = read_article(write("a.md", f"---\ntitle: 标题\n---\n\n{BODY}"))
    art = segment_article(normalize_article(raw))
    art.url = "javascript:alert(1)"  # e.g. an old JSON or a caller that skipped ingest
    html = render_article(art, {"short": "test", "translator": {}})
    assert "javascript:" not in html


# -- YAML front matter -----------------------------------------------------------

BOMB = "\n".join(["title: 标题", "a: &a [x, x, x, x, x, x, x, x, x]"]
                 + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)])


def test_alias_bomb_in_front_matter_is_refused_with_its_line(write):
    p = write("bomb.md", f"---\n{BOMB}\n---\n\n{BODY}")
    err = refuse(p)
    assert str(err) == f"{p}:3: front matter is not valid YAML: YAML anchors (&name) are not allowed in this file"


def test_alias_without_anchor_and_merge_keys_are_refused(write):
    p = write("alias.md", f"---\ntitle: *x\n---\n\n{BODY}")
    assert "not valid YAML" in str(refuse(p))
    p = write("merge.md", f"---\nbase: &b {{title: 标题}}\n<<: *b\n---\n\n{BODY}")
    assert "anchors (&name) are not allowed" in str(refuse(p))


def test_deeply_nested_front_matter_is_refused(write):
    p = write("deep.md", "---\ntitle: 标题\ntags: " + "[" * 50 + "\n---\n\n" + BODY)
    err = refuse(p)
    assert err.line == 3 and "nested more than 20 levels deep" in err.why


def test_front_matter_size_is_bounded(write):
    p = write("big.md", "---\ntitle: 标题\n" + "# comment\n" * 10_000 + "---\n\n" + BODY)
    assert "front matter is larger than 64 KB" in str(refuse(p))
    assert read_article(p, limits=Limits(front_matter_bytes=1_000_000)).title == "标题"


def test_user_values_are_never_repr_d_into_messages(write):
    p = write("d.md", "---\ntitle: 标题\ndate: [" + ", ".join(["2021"] * 5000) + "]\n---\n\n" + BODY)
    err = refuse(p)
    assert err.why == "front matter 'date' is not a date: a list (expected YYYY-MM-DD)"
    p = write("k.md", "---\n" + "x" * 5000 + ": 1\n---\n\n" + BODY)
    assert len(str(refuse(p))) < len(str(p)) + 200


# -- limits and file types -------------------------------------------------------

def test_article_size_limit_and_its_override(write, monkeypatch):
    p = write("big.txt", "标题\n\n" + BODY * 200)
    err = refuse(p, limits=Limits(article_bytes=1000))
    assert "is more than the 1000 bytes limit for an article file" in err.why
    assert "ZHKO_MAX_ARTICLE_BYTES" in err.why and "--max-article-size" in err.why
    monkeypatch.setenv("ZHKO_MAX_ARTICLE_BYTES", "1K")
    assert "limit for an article file" in refuse(p).why
    monkeypatch.setenv("ZHKO_MAX_ARTICLE_BYTES", "1M")
    assert read_article(p).title == "标题"


def test_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with _deadline(10):
        err = refuse(fifo)
    assert err.why == "not a regular file (a named pipe); refusing to read it"


def test_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with _deadline(10):
        assert refuse(link).why == "not a regular file (a character device); refusing to read it"


def test_symlink_to_a_regular_file_is_read(write, tmp_path):
    target = write("real.txt", "标题\n\n" + BODY)
    (tmp_path / "link.txt").symlink_to(target)
    assert read_article(tmp_path / "link.txt").title == "标题"


def test_truncated_utf8_is_refused_with_the_byte_position(write):
    data = ("标题\n\n" + BODY).encode("utf-8")
    p = write("cut.txt", data[:-2])  # "。\n" minus its last two bytes: 。 cut in half
    assert refuse(p).why == f"truncated UTF-8: the file ends in the middle of a character (byte {len(data) - 4})"


def test_damaged_utf8_is_refused_with_the_byte_position(write):
    good = ("标题\n\n" + BODY * 3).encode("utf-8")
    p = write("bad.txt", good + b"\xff" + BODY.encode("utf-8"))
    assert refuse(p).why == f"not valid UTF-8 at byte {len(good)} (the text before it is UTF-8)"


def test_gb18030_is_still_detected(write):
    p = write("gb.txt", ("延边新闻标题\n\n" + BODY * 3).encode("gb18030"))
    assert read_article(p).title == "延边新闻标题"


# -- linear time: a 1 MB adversarial line per input kind -------------------------

class _Timeout(Exception):
    pass


class _deadline:
    """Fail (instead of hanging the suite) when the block runs past ``seconds``."""

    def __init__(self, seconds: int):
        self.seconds = seconds

    def __enter__(self):
        def fire(*_):
            raise _Timeout(f"still running after {self.seconds} s")

        self.old = signal.signal(signal.SIGALRM, fire)
        signal.alarm(self.seconds)

    def __exit__(self, *exc):
        signal.alarm(0)
        signal.signal(signal.SIGALRM, self.old)


def _read_all_stages(path: Path) -> float:
    """Seconds to read, normalize and segment ``path`` (or to refuse it)."""
    start = time.monotonic()
    with _deadline(HANG_GUARD):
        try:
            segment_article(normalize_article(read_article(path)))
        except ZhkoError:
            pass  # a typed refusal is fine: this is about time
    return time.monotonic() - start


def _scale(n: int) -> dict[str, dict[str, str]]:
    """Adversarial inputs of about ``n`` characters per input kind."""
    return {
        "txt": {
            "stops": "标题\n\n" + "会。" * (n // 2),
            "commas": "标题\n\n会" + "，" * n,
            "spaces": "标题\n\n会" + " " * n + "议",
            "ascii-marks": "标题\n\n" + "会,(" * (n // 3),
        },
        "md": {
            "brackets": "# 标题\n\n会议" + "[" * n,
            "link-openers": "# 标题\n\n会议" + "[x](" * (n // 4),
            "image-openers": "# 标题\n\n会议" + "![x](" * (n // 5),
            "stars": "# 标题\n\n会议" + "*a " * (n // 3),
            "underscores": "# 标题\n\n会议" + "_a " * (n // 3),
            "strong": "# 标题\n\n会议" + "**a " * (n // 4),
            "tags": "# 标题\n\n会议" + "<a" * (n // 2),
            "comments": "# 标题\n\n会议" + "<!--" * (n // 4),
            "heading": "# 标题" + " " * n + "x\n\n会议。",
            "rule-like": "# 标题\n\n会议\n\n" + "- " * (n // 2) + "x",
        },
        "html": {
            "lt": "<title>标题</title><p>会议" + "<" * n + "</p>",
            "tag-openers": "<title>标题</title><p>会议" + "<a" * (n // 2) + "</p>",
            "cdata": "<title>标题</title><p>会议强调。</p>" + "<![CDATA[" * (n // 9),
            "comments": "<title>标题</title><p>会议" + "<!--" * (n // 4) + "</p>",
            "end-tags": "<title>标题</title><p>会议" + "</a" * (n // 3) + "</p>",
            "title-spaces": "<title>标" + " " * n + "x</title><p>会议强调。</p>",
            "nesting": "<title>标题</title>" + "<div>" * (n // 5) + "<p>会议强调。</p>",
        },
    }


#: Linear cost grows ~10× from 100 KB to 1 MB, quadratic ~100×. The floor keeps
#: a run too fast to time from making the ratio noise.
MAX_RATIO, FLOOR = 30, 0.5


@pytest.mark.parametrize("kind", ["txt", "md", "html"])
def test_a_megabyte_adversarial_line_is_read_in_linear_time(kind, tmp_path):
    small, big = _scale(MB // 10)[kind], _scale(MB)[kind]
    bad = {}
    for name in big:
        times = []
        for size, text in (("small", small[name]), ("big", big[name])):
            path = tmp_path / f"{name}-{size}.{kind}"
            path.write_text(text, encoding="utf-8")
            times.append(_read_all_stages(path))
        ratio = times[1] / max(times[0], FLOOR)
        if ratio > MAX_RATIO:
            bad[name] = f"{times[0]:.2f} s → {times[1]:.2f} s"
    assert not bad, f"{kind} inputs whose cost grows faster than their length (100 KB → 1 MB): {bad}"
