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
from html.parser import HTMLParser

from pipeline.errors import InputError
from pipeline.ingest.common import (
    boilerplate_name,
    has_cjk,
    iso_date,
    parse_date_line,
    strip_lead_marker,
)
from pipeline.model import RawArticle

_DATE_META = ("article:published_time", "pubdate", "publishdate", "publish_date", "date", "dc.date", "og:published_time", "datePublished")
_SOURCE_META = ("source", "article:source", "og:site_name", "copyright_source")
_AUTHOR_META = ("author", "article:author")
_ISO = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:[ T]*(\d{1,2}:\d{2}))?")
_SITE_SUFFIX = re.compile(r"\s*(?:[-_|–—]|－|｜)\s*[^-_|–—－｜]{1,30}$")
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article", "blockquote"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg"}


class _PageScan(HTMLParser):
    """One pass over the page: meta tags, <title>, first <h1>, <p> texts with
    their source lines, and the visible text lines (for the date line)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self.paragraphs: list[tuple[int, str]] = []
        self.lines: list[str] = [""]
        self._stack: list[str] = []
        self._p: list[str] | None = None
        self._p_line = 0
        self._skip = 0
        self._h1_closed = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self.lines.append("")
        if tag == "p":
            self._p, self._p_line = [], self.getpos()[0]
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag in _BLOCK_TAGS:
            self.lines.append("")
        if tag == "p" and self._p is not None:
            text = " ".join("".join(self._p).split())
            if text:
                self.paragraphs.append((self._p_line, text))
            self._p = None
        if tag == "h1" and self.h1.strip():
            self._h1_closed = True
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self._skip:
            return
        current = self._stack[-1] if self._stack else ""
        if current == "title":
            self.title += data
            return
        if "h1" in self._stack and not self._h1_closed:
            self.h1 += data
        if self._p is not None:
            self._p.append(data)
        self.lines[-1] += data



def parse_html(text: str, path: str, opencc_config: str) -> RawArticle:
    """Parse an HTML page (already decoded)."""
    scan = _PageScan()
    scan.feed(text)
    scan.close()
    visible = [" ".join(x.split()) for x in scan.lines if x.strip()]
    title = _title(scan)
    if not title:
        raise InputError(path, "no title found (no og:title, <h1> or <title>)")
    date, time, source, author = _dates(scan, visible)
    dropped: list[str] = []
    paragraphs = _body(text, scan, title, dropped)
    if not paragraphs:
        raise InputError(path, "no body text found in the page")
    line_of = [_line_of(p, scan, text) for p in paragraphs]
    return RawArticle(
        path=path,
        format="html",
        title=title,
        paragraphs=paragraphs,
        date=date,
        time=time,
        source=source,
        author=author or None,
        url=scan.meta.get("og:url") or None,
        opencc_config=opencc_config,
        line_of=line_of,
        dropped=dropped,
    )


def _title(scan: _PageScan) -> str:
    """og:title, else the first <h1>, else <title> without its ' - site' suffix."""
    for candidate in (scan.meta.get("og:title", ""), scan.h1, _SITE_SUFFIX.sub("", scan.title.strip())):
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


def _line_of(par: str, scan: _PageScan, html: str) -> int:
    """Source line of a paragraph: its <p>, else where its start appears."""
    for line, text in scan.paragraphs:
        if par in text or text in par:
            return line
    head = par[:8]
    at = html.find(head)
    return html.count("\n", 0, at) + 1 if at >= 0 else 1
