"""Pieces every input format shares: the table of site chrome to drop, the
date/source line of Chinese news pages, lead markers, and paragraph joining.

The boilerplate is a declarative table (name → pattern matched against a whole
line) rather than ad-hoc conditions so that adding a new site's chrome is one
line, and so that every dropped line can be reported with the rule that
dropped it (``RawArticle.dropped``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Lines longer than this are never boilerplate: chrome is short, and a body
#: paragraph that happens to start with "评论" or "登录" must survive.
MAX_CHROME_CHARS = 80

_SEP = r"\s*(?:>|＞|›|»|/|／)\s*"

#: (name, pattern) pairs, each matched with ``fullmatch`` against a stripped line.
BOILERPLATE: tuple[tuple[str, str], ...] = (
    ("breadcrumb", rf"(?:首页|首頁|主页|主頁|当前位置[:：]?\s*\S*|您的位置[:：]?\s*\S*)(?:{_SEP}.*)+"),
    ("mobile-hotline", r"手机版\s*(?:百姓热线)?|百姓热线|手機版.*"),
    ("placeholder", r"空白|广告|廣告"),
    ("app-promo", r"(?:\S{1,20}(?:客户端|客戶端|APP|App|app))(?:\s*/\s*\S{1,20}(?:客户端|客戶端))*"),
    ("site-links", r"(?:延边信息港|延邊信息港)(?:\s*/\s*\S{1,20})*"),
    ("copyright", r"[\[【(（]\s*.*(?:版权|版權|删除|刪除|联系电话|聯繫電話|转载|轉載).*[\]】)）]"),
    ("copyright-line", r"(?:版权所有|版權所有|Copyright|©).*"),
    ("tags", r"(?:标签|標籤|关键词|關鍵詞|关键字|關鍵字|Tags?)\s*[:：].*"),
    ("comments", r"(?:评论|評論)(?:一下|\s*\d+\s*人参与.*|\s*[（(]?\d*[)）]?)"),
    ("comments", r"(?:最热|最新|热门|最熱|熱門)(?:评论|評論)"),
    ("comments", r"(?:还没有|還沒有|暂无|暫無)(?:评论|評論).*"),
    ("comments", r"已有\s*\d+\s*人参与.*|已有\s*\d+\s*人參與.*|\d+\s*人参与.*"),
    ("comments", r"(?:发表|發表)(?:评论|評論).*|(?:网友|網友)(?:评论|評論)"),
    ("login", r"(?![^。，]*[。，])(?:登录|登錄|登入|注册|註冊)\S{0,20}(?:\s*\S{0,10})?"),
    ("info-square", r"信息广场|信息廣場"),
    ("share", r"(?:分享到|分享至)[:：]?.*|分享\s*[:：].*"),
    ("editor", r"[\[【(（]?\s*(?:责任编辑|責任編輯|编辑|編輯|责编|責編|审核|審核|校对|校對)\s*[:：].{0,20}[\]】)）]?"),
    ("print-close", r"(?:【|\[)?(?:打印|关闭|關閉|返回顶部|返回頂部|收藏)(?:】|\])?(?:\s*(?:【|\[)?(?:打印|关闭|關閉|返回顶部|返回頂部|收藏)(?:】|\])?)*"),
    ("related", r"(?:相关新闻|相關新聞|相关阅读|相關閱讀|推荐阅读|推薦閱讀)[:：]?"),
)

_COMPILED = tuple((name, re.compile(pattern)) for name, pattern in BOILERPLATE)

#: ``2021年01月21日 07:06   来源: 延边发布`` (and ISO dates, 來源, 作者).
DATE_LINE = re.compile(
    r"(?:发布时间|發布時間|时间|時間)?[:：]?\s*"
    r"(?P<y>\d{4})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<time>\d{1,2}[:：]\d{2})(?:[:：]\d{2})?)?"
    r"(?:\s*(?:来源|來源|稿源)\s*[:：]\s*(?P<source>[^\s/|]+(?:\s[^\s/|:：]+)*?))?"
    r"(?:\s*(?:作者|记者|記者)\s*[:：]\s*(?P<author>\S+))?"
    r"(?:\s*(?:来源|來源|稿源)\s*[:：]\s*(?P<source2>\S+))?\s*"
)

#: ``【头条】`` and friends at the start of the lead paragraph.
LEAD_MARKER = re.compile(r"^【(?:头条|頭條|快讯|快訊|要闻|要聞|独家|獨家|视频|視頻|图文|圖文|最新|重磅|关注|關注|聚焦|热点|熱點|[^】]{1,10}讯|[^】]{1,10}訊)】\s*")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_ENDS_PARAGRAPH = re.compile(r"[。！？!?…”」』]\s*$")


@dataclass
class DateInfo:
    date: str
    time: str | None
    source: str | None
    author: str | None


def boilerplate_name(line: str) -> str | None:
    """The name of the boilerplate rule matching the whole ``line``, or None."""
    text = line.strip().replace("\xa0", " ")
    if not text or len(text) > MAX_CHROME_CHARS:
        return None
    for name, pattern in _COMPILED:
        if pattern.fullmatch(text):
            return name
    return None


def parse_date_line(line: str) -> DateInfo | None:
    """Parse a page's date/source line, or None when ``line`` is something else."""
    text = line.strip().replace("\xa0", " ")
    if len(text) > MAX_CHROME_CHARS:
        return None
    m = DATE_LINE.fullmatch(text)
    if not m:
        return None
    iso = iso_date(m["y"], m["m"], m["d"])
    if iso is None:
        return None
    time = m["time"].replace("：", ":").zfill(5) if m["time"] else None
    return DateInfo(iso, time, m["source"] or m["source2"], m["author"])


def iso_date(y: str, m: str, d: str) -> str | None:
    """``YYYY-MM-DD`` when the parts make a real calendar date."""
    import datetime as dt

    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def strip_lead_marker(par: str) -> tuple[str, str | None]:
    """Remove a ``【头条】``-style marker; return the text and the marker."""
    m = LEAD_MARKER.match(par)
    if not m:
        return par, None
    return par[m.end():], m.group(0).strip()


#: Longest source link kept; a longer one is not a real article address.
MAX_URL_CHARS = 2048


def web_url(url: object) -> str | None:
    """``url`` when it is an absolute ``http(s)://host/…`` link, else None.

    The source link of an article ends up as an ``href`` in every edition an
    editor opens, so anything else — ``javascript:``, ``data:``, ``file:``,
    a relative path, a scheme hidden behind whitespace or control characters —
    must never get there (a ``javascript:`` link once approved glossary terms
    from an editor's browser). Checked on the raw value: nothing is "cleaned"
    into a link.
    """
    if not isinstance(url, str) or len(url) > MAX_URL_CHARS:
        return None
    if any(c.isspace() or ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in url):
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an invalid IPv6 host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def join_lines(lines: list[str]) -> str:
    """Join a hard-wrapped paragraph: no space between CJK, one between Latin."""
    out = ""
    for line in (x.strip() for x in lines):
        if not line:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(line[0]) or not out[-1].isascii() or not line[0].isascii()):
            out += " "
        out += line
    return out


def group_blocks(numbered: list[tuple[int, str]], *, line_ends_at_stop: bool = True) -> list[tuple[int, str]]:
    """Group consecutive non-blank lines into paragraphs.

    A blank line always ends a paragraph. With ``line_ends_at_stop`` (plain
    text), a line that ends with sentence-final punctuation also ends one, so
    both one-paragraph-per-line pages and hard-wrapped text come out right;
    Markdown keeps its own rule (only blank lines). Returns (first line, text).
    """
    paragraphs: list[tuple[int, str]] = []
    start, buf = 0, list[str]()
    for lineno, line in numbered:
        if not line.strip():
            if buf:
                paragraphs.append((start, join_lines(buf)))
            buf = []
            continue
        if not buf:
            start = lineno
        buf.append(line)
        if line_ends_at_stop and _ENDS_PARAGRAPH.search(line):
            paragraphs.append((start, join_lines(buf)))
            buf = []
    if buf:
        paragraphs.append((start, join_lines(buf)))
    return paragraphs


def body_paragraphs(blocks: list[tuple[int, str]], dropped: list[str]) -> tuple[list[str], list[int]]:
    """Paragraphs and their first lines from grouped blocks: a lead marker
    (【头条】) is stripped and recorded in ``dropped``; empty blocks go."""
    paragraphs, line_of = [], []
    for n, par in blocks:
        par, marker = strip_lead_marker(par)
        if marker:
            dropped.append(f"{n} lead-marker: {marker}")
        if par.strip():
            paragraphs.append(par.strip())
            line_of.append(n)
    return paragraphs, line_of
