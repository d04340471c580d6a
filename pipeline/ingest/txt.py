"""Plain-text articles, including pages scraped from Yanbian news sites.

A scraped page is the article wrapped in site chrome: a breadcrumb whose last
part repeats the headline, the headline itself, a ``2021年01月21日 07:06 来源: 延边发布``
line, the body, then app promotions, a copyright notice, tags and a comment
box. The headline is the line just before the date line (or the line that
repeats the breadcrumb's last part); the date line gives date, time and
source; every chrome line is dropped by the table in
:mod:`pipeline.ingest.common` and recorded in ``RawArticle.dropped``.

A plain .txt without chrome is read as: first line the title, then paragraphs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.errors import InputError
from pipeline.ingest.common import (
    MAX_CHROME_CHARS,
    body_paragraphs,
    boilerplate_name,
    group_blocks,
    parse_date_line,
)
from pipeline.model import RawArticle

if TYPE_CHECKING:
    from pipeline.ingest.common import DateInfo

_BREADCRUMB_SPLIT = re.compile(r"\s*(?:>|＞|›|»)\s*")


def parse_txt(text: str, path: str, opencc_config: str) -> RawArticle:
    """Parse the text of a .txt article (already decoded)."""
    lines = text.splitlines()
    dropped: list[str] = []
    crumb_title = None
    kept: list[tuple[int, str]] = []
    for lineno, line in enumerate(lines, start=1):
        name = boilerplate_name(line)
        if name is None:
            kept.append((lineno, line))
            continue
        dropped.append(f"{lineno} {name}: {line.strip()}")
        if name == "breadcrumb" and crumb_title is None:
            crumb_title = _BREADCRUMB_SPLIT.split(line.strip())[-1].strip()
    head = _find_head(kept, crumb_title)
    if head is None:
        raise InputError(path, "no title found (expected a headline line before the body)")
    title, title_line, body_start, meta = head
    for n, line in kept[:body_start]:
        if line.strip() and n != title_line and not parse_date_line(line):
            dropped.append(f"{n} before-title: {line.strip()}")
    body = []
    for n, line in kept[body_start:]:
        if line.strip() == title:  # a second copy of the headline is chrome too
            dropped.append(f"{n} title-repeat: {line.strip()}")
        else:
            body.append((n, line))
    paragraphs, line_of = body_paragraphs(group_blocks(body), dropped)
    if not paragraphs:
        raise InputError(path, "no body paragraphs found after the title", line=title_line)
    return RawArticle(
        path=path,
        format="txt",
        title=title,
        paragraphs=paragraphs,
        date=meta.date if meta else None,
        time=meta.time if meta else None,
        source=meta.source if meta else None,
        author=meta.author if meta else None,
        opencc_config=opencc_config,
        line_of=line_of,
        dropped=sorted(dropped, key=lambda d: int(d.split(" ", 1)[0])),
    )


def _find_head(kept: list[tuple[int, str]],
               crumb_title: str | None) -> tuple[str, int, int, DateInfo | None] | None:
    """Locate the headline and the date line among the non-chrome lines.

    Returns (title, its line number, index in ``kept`` where the body starts,
    parsed date line or None), or None when there is no usable headline.
    """
    nonblank = [i for i, (_, line) in enumerate(kept) if line.strip()]
    for pos, i in enumerate(nonblank):
        meta = parse_date_line(kept[i][1])
        if meta is None:
            continue
        if pos > 0:  # headline, then date line
            t = nonblank[pos - 1]
            return kept[t][1].strip(), kept[t][0], i + 1, meta
        if crumb_title:  # date line first, headline only in the breadcrumb
            return crumb_title, _crumb_line(kept, i), i + 1, meta
        if len(nonblank) > 1:  # date line first, then the headline
            t = nonblank[1]
            return kept[t][1].strip(), kept[t][0], t + 1, meta
        return None
    if crumb_title:
        for i in nonblank:
            if kept[i][1].strip() == crumb_title:
                return crumb_title, kept[i][0], i + 1, None
    if nonblank and len(kept[nonblank[0]][1].strip()) <= MAX_CHROME_CHARS:
        t = nonblank[0]
        return kept[t][1].strip(), kept[t][0], t + 1, None
    return None


def _crumb_line(kept: list[tuple[int, str]], date_index: int) -> int:
    """Line number to blame for a headline taken from the breadcrumb: the
    line before the date line (the breadcrumb itself was dropped)."""
    return max(1, kept[date_index][0] - 1)
