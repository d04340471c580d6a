"""Markdown articles with YAML front matter, as editors write them by hand.

::

    ---
    title: 延边州召开…
    date: 2021-03-02
    source: 延边日报
    author: 金哲
    url: https://…
    opencc: t2s
    ---
    # 延边州召开…   (used as the title when front matter has none)

    第一段……

Front matter is validated strictly because a typo there (``title: 2021``
parsed as a number, an impossible date) would otherwise surface much later as
a wrong page header; each error names the line. Markdown markup is stripped
down to the text a translator should see: headings, emphasis, links (their
text kept), images, code marks, quotes and list markers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline.errors import ConfigError, InputError
from pipeline.ingest.common import body_paragraphs, check_opencc_config, group_blocks, iso_date
from pipeline.model import RawArticle

#: Front-matter keys and what each may hold.
_STR_KEYS = ("title", "source", "author", "url", "opencc", "time")
_KNOWN_KEYS = _STR_KEYS + ("date", "tags")

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")  # also setext underlines
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_INLINE = (
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images carry no text to translate
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)"), r"\1"),
    (re.compile(r"(?<![_\w])_(?=\S)(.+?)(?<=\S)_(?![_\w])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"</?[a-zA-Z][^>]*>"), ""),
)
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}:\d{2})(?::\d{2})?)?"
)


def parse_markdown(text: str, path: str, opencc_config: str) -> RawArticle:
    """Parse a Markdown article (already decoded)."""
    lines = text.splitlines()
    meta, body_from = _front_matter(lines, path)
    fields = _validate(meta, lines, path)
    title, title_line, body = _title_and_body(lines, body_from, fields.get("title"), path)
    paragraphs, line_of, dropped = _paragraphs(body)
    if not paragraphs:
        raise InputError(path, "no body paragraphs found", line=title_line)
    config = fields.get("opencc") or opencc_config
    return RawArticle(
        path=path,
        format="md",
        title=title,
        paragraphs=paragraphs,
        date=fields.get("date"),
        time=fields.get("time"),
        source=fields.get("source"),
        author=fields.get("author"),
        url=fields.get("url"),
        opencc_config=config,
        line_of=line_of,
        dropped=dropped,
    )


def _front_matter(lines: list[str], path: str) -> tuple[dict[str, Any], int]:
    """Parse the ``---`` block at the top; return it and the first body line index."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise InputError(path, "front matter opened with '---' is never closed", line=1)
    import yaml

    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"front matter is not valid YAML: {problem}", line=line) from exc
    except ValueError as exc:  # PyYAML builds dates itself: 2021-13-45 fails here
        raise InputError(path, f"front matter has an impossible date: {exc}", line=_key_line(lines, "date")) from exc
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a mapping of 'key: value' lines", line=2)
    return meta, end + 1


def _key_line(lines: list[str], key: str) -> int:
    """1-based line of ``key:`` in the front matter (for messages)."""
    pattern = re.compile(rf"^\s*['\"]?{re.escape(str(key))}['\"]?\s*:")
    for i, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if pattern.match(line):
            return i
    return 1


def _validate(meta: dict[str, Any], lines: list[str], path: str) -> dict[str, str]:
    """Check every front-matter value; return the usable ones as strings."""
    out: dict[str, str] = {}
    for key, value in meta.items():
        line = _key_line(lines, key)
        if key not in _KNOWN_KEYS:
            raise InputError(path, f"unknown front matter key '{key}' (expected {', '.join(_KNOWN_KEYS)})", line=line)
        if value is None or key == "tags":
            continue
        if key == "date":
            date, time = _parse_date(value, path, line)
            out["date"] = date
            if time:
                out.setdefault("time", time)
            continue
        if not isinstance(value, str):
            hint = " (quote it)" if key == "time" or isinstance(value, (int, float)) else ""
            raise InputError(path, f"front matter '{key}' must be a string, got {_type_name(value)}{hint}", line=line)
        value = value.strip()
        if key == "opencc":
            try:
                value = check_opencc_config(value)
            except ConfigError as exc:
                raise InputError(path, str(exc), line=line) from exc
        if key == "time" and not re.fullmatch(r"\d{1,2}:\d{2}", value):
            raise InputError(path, f"front matter 'time' must look like 07:06, got '{value}'", line=line)
        if value:
            out[key] = value.zfill(5) if key == "time" else value
    return out


def _type_name(value: Any) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _parse_date(value: Any, path: str, line: int) -> tuple[str, str | None]:
    """Front-matter dates: YAML dates, datetimes, or text like 2021-01-21 07:06."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, str):
        m = _DATE_TEXT.fullmatch(value.strip())
        iso = iso_date(*m.groups()[:3]) if m else None
        if m and iso:
            return iso, (m.group(4).zfill(5) if m.group(4) else None)
    raise InputError(path, f"front matter 'date' is not a date: {value!r} (expected YYYY-MM-DD)", line=line)


def _title_and_body(lines, body_from, fm_title, path):
    """The title (front matter, else first ``#`` heading) and the remaining lines."""
    numbered = [(i + 1, line) for i, line in enumerate(lines)][body_from:]
    first = next(((n, line) for n, line in numbered if line.strip()), None)
    heading = _HEADING.match(first[1]) if first else None
    if fm_title:
        if first and heading and _strip_inline(heading.group(2)) == _strip_inline(fm_title):
            numbered = [(n, line) for n, line in numbered if n != first[0]]
        return _strip_inline(fm_title), _key_line(lines, "title"), numbered
    for n, line in numbered:
        m = _HEADING.match(line)
        if m and len(m.group(1)) == 1:
            return _strip_inline(m.group(2)), n, [(k, x) for k, x in numbered if k != n]
    raise InputError(path, "no title: add 'title:' to the front matter or a '# heading'")


def _strip_inline(text: str) -> str:
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text.strip()


def _paragraphs(numbered: list[tuple[int, str]]) -> tuple[list[str], list[int], list[str]]:
    """Blank-line separated paragraphs with markup stripped; list items and
    headings are paragraphs of their own."""
    cleaned: list[tuple[int, str]] = []
    dropped: list[str] = []
    for n, line in numbered:
        if _RULE.match(line):
            dropped.append(f"{n} rule: {line.strip()}")
            cleaned.append((n, ""))
            continue
        m = _HEADING.match(line)
        if m or _LIST.match(line):
            cleaned.append((n, ""))  # its own paragraph
            line = m.group(2) if m else _LIST.sub("", line, count=1)
            cleaned.append((n, _strip_inline(line)))
            cleaned.append((n, ""))
            continue
        cleaned.append((n, _strip_inline(re.sub(r"^\s*(?:>\s?)+", "", line))))
    paragraphs, line_of = body_paragraphs(group_blocks(cleaned, line_ends_at_stop=False), dropped)
    return paragraphs, line_of, dropped
