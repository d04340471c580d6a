"""HTML pages saved from news sites.

The body comes from trafilatura (offline: ``trafilatura.extract`` on the
string, never a fetch), which removes navigation, footers and comment boxes;
if it finds nothing, the page's ``<p>`` texts are used. Title, date and source
come from the page's own metadata (og:title, ``<h1>``, ``<title>``; meta tags
for dates and source) and fall back to the visible date line. The same
boilerplate table as for .txt pages then removes any chrome that survived, and
every paragraph is mapped back to its source line for error messages.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.errors import InputError
from pipeline.ingest.common import (
    boilerplate_name,
    has_cjk,
    iso_date,
    parse_date_line,
    strip_lead_marker,
    web_url,
)
from pipeline.model import RawArticle

_DATE_META = ("article:published_time", "pubdate", "publishdate", "publish_date", "date", "dc.date", "og:published_time", "datePublished")
_SOURCE_META = ("source", "article:source", "og:site_name", "copyright_source")
_AUTHOR_META = ("author", "article:author")
_ISO = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:[ T]*(\d{1,2}:\d{2}))?")
_SITE_SUFFIX = re.compile(r"\s*(?:[-_|–—]|－|｜)\s*[^-_|–—－｜]{1,30}$")
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article", "blockquote"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg"}


class _PageScan:
    """One pass over the page: meta tags, <title>, first <h1>, <p> texts with
    their source lines, and the visible text lines (for the date line).

    The page is parsed by lxml (libxml2, the parser trafilatura uses too) and
    walked with ``iterwalk``, never recursively. Python's ``html.parser`` was
    used before; on hostile pages it is quadratic (a megabyte of
    ``<![CDATA[`` rescans the rest of the page from each one).
    """

    def __init__(self, text: str) -> None:
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self.paragraphs: list[tuple[int, str]] = []
        self.lines: list[str] = []
        root = _parse_tree(text)
        if root is not None:
            self._walk(root)

    def _walk(self, root: Any) -> None:
        from lxml import etree

        lines: list[list[str]] = [[]]
        skip = 0
        title_done = False
        p_parts: list[str] | None = None
        p_line = 0
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag.lower() if isinstance(el.tag, str) else None  # comments, PIs: no tag
            if event == "start":
                if tag == "meta":
                    key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
                    content = (el.get("content") or "").strip()
                    if key and content and key not in self.meta:
                        self.meta[key] = content
                    continue
                if tag in _SKIP_TAGS:
                    skip += 1
                if tag in _BLOCK_TAGS:
                    lines.append([])
                if tag == "title" and not title_done:
                    self.title, title_done = "".join(el.itertext()), True
                    continue
                if tag == "h1" and not self.h1.strip() and not skip:
                    self.h1 = "".join(_visible_text(el))
                if tag == "p" and not skip:
                    p_parts, p_line = [], el.sourceline or 1
                if tag is not None and el.text and not skip and tag != "title":
                    lines[-1].append(el.text)
                    if p_parts is not None:
                        p_parts.append(el.text)
            else:
                if tag in _SKIP_TAGS and skip:
                    skip -= 1
                if tag in _BLOCK_TAGS:
                    lines.append([])
                if tag == "p" and p_parts is not None:
                    text = " ".join("".join(p_parts).split())
                    if text:
                        self.paragraphs.append((p_line, text))
                    p_parts = None
                if el.tail and not skip:
                    lines[-1].append(el.tail)
                    if p_parts is not None:
                        p_parts.append(el.tail)
        self.lines = ["".join(parts) for parts in lines]


def _visible_text(el: Any) -> list[str]:
    """Text of ``el`` without what is inside script/style/… elements."""
    from lxml import etree

    parts: list[str] = []
    skip = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        if event == "start":
            if tag in _SKIP_TAGS:
                skip += 1
            if tag is not None and node.text and not skip:
                parts.append(node.text)
        else:
            if tag in _SKIP_TAGS and skip:
                skip -= 1
            if node is not el and node.tail and not skip:
                parts.append(node.tail)
    return parts


def _parse_tree(text: str) -> Any:
    """The page's element tree, or None for a page with no elements at all."""
    from lxml import etree, html

    parser = html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    data = text.encode("utf-8", "surrogatepass")
    if not data.strip():
        return None
    try:
        return html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):  # "Document is empty"
        return None


def parse_html(text: str, path: str, opencc_config: str) -> RawArticle:
    """Parse an HTML page (already decoded)."""
    scan = _PageScan(text)
    visible = [" ".join(x.split()) for x in scan.lines if x.strip()]
    title = _title(scan)
    if not title:
        raise InputError(path, "no title found (no og:title, <h1> or <title>)")
    date, time, source, author = _dates(scan, visible)
    dropped: list[str] = []
    paragraphs = _body(text, scan, title, dropped)
    if not paragraphs:
        raise InputError(path, "no body text found in the page")
    line_of = _lines_of(paragraphs, scan, text)
    url, warnings = scan.meta.get("og:url") or None, []
    if url and not web_url(url):
        warnings.append(f"{path}: og:url is not an http(s) link; the source link was dropped")
        url = None
    return RawArticle(
        path=path,
        format="html",
        title=title,
        paragraphs=paragraphs,
        date=date,
        time=time,
        source=source,
        author=author or None,
        url=url,
        opencc_config=opencc_config,
        line_of=line_of,
        dropped=dropped,
        warnings=warnings,
    )


def _title(scan: _PageScan) -> str:
    """og:title, else the first <h1>, else <title> without its ' - site' suffix."""
    for candidate in (scan.meta.get("og:title", ""), scan.h1, _SITE_SUFFIX.sub("", " ".join(scan.title.split()))):
        candidate = " ".join(candidate.split())
        if candidate and has_cjk(candidate):
            return candidate
    return " ".join(scan.title.split())


def _dates(scan: _PageScan, visible: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
    """(date, time, source, author) from meta tags, else the visible date line."""
    date = time = None
    for key in _DATE_META:
        m = _ISO.search(scan.meta.get(key.lower(), ""))
        if m and iso_date(*m.groups()[:3]):
            date, time = iso_date(*m.groups()[:3]), (m.group(4).zfill(5) if m.group(4) else None)
            break
    source = next((scan.meta[k] for k in _SOURCE_META if scan.meta.get(k)), None)
    author = next((scan.meta[k] for k in _AUTHOR_META if scan.meta.get(k)), None)
    line = next((info for info in map(parse_date_line, visible) if info), None)
    if line:
        date = date or line.date
        time = time or line.time
        source = line.source or source  # the article's own 来源 beats the site name
        author = author or line.author
    return date, time, source, author


def _body(html: str, scan: _PageScan, title: str, dropped: list[str]) -> list[str]:
    """Body paragraphs: trafilatura, else <p> texts; chrome, the headline and
    the date line removed. ``dropped`` entries are numbered by extracted
    paragraph (1-based), not by source line: trafilatura reports no lines."""
    import trafilatura  # heavy: only when an HTML file is read

    extracted = trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=False)
    if not extracted:
        extracted = trafilatura.extract(html, include_comments=False, include_tables=False)
    candidates = [x.strip() for x in (extracted or "").splitlines() if x.strip()]
    if not candidates:
        candidates = [p for _, p in scan.paragraphs]
    out = []
    for i, par in enumerate(candidates, start=1):
        name = boilerplate_name(par)
        if name is None and (par == title or parse_date_line(par)):
            name = "title-repeat" if par == title else "date-line"
        if name:
            dropped.append(f"{i} {name}: {par}")
            continue
        par, marker = strip_lead_marker(par)
        if marker:
            dropped.append(f"{i} lead-marker: {marker}")
        if par.strip():
            out.append(par.strip())
    return out


def _lines_of(paragraphs: list[str], scan: _PageScan, html: str) -> list[int]:
    """Source line of each paragraph: its <p>, else where its start appears.

    Both lists are in document order, so one forward walk with a small window
    finds them; searching the whole page per paragraph was quadratic on a page
    of many short paragraphs.
    """
    import bisect

    starts = [0] + [m.end() for m in re.finditer("\n", html)]
    exact: dict[str, int] = {}
    for first_line, text in scan.paragraphs:
        exact.setdefault(text, first_line)
    out: list[int] = []
    k, pos, last = 0, 0, 1
    for par in paragraphs:
        line: int | None = exact.get(par)
        if line is None:
            for j in range(k, min(k + _LINE_WINDOW, len(scan.paragraphs))):
                line_j, text = scan.paragraphs[j]
                if par in text or text in par:
                    line, k = line_j, j
                    break
        if line is None:
            at = html.find(par[:8], pos, pos + _FIND_WINDOW + len(par))
            if at >= 0:
                line, pos = bisect.bisect_right(starts, at), at
        last = line if line is not None else last
        out.append(last)
    return out


#: How far ahead (in <p> elements / characters) the walk above looks.
_LINE_WINDOW = 20
_FIND_WINDOW = 4096
