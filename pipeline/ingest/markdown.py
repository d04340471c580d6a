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
from typing import Any, Callable

from pipeline.errors import ConfigError, InputError, shown
from pipeline.ingest import check_opencc_config
from pipeline.ingest.common import body_paragraphs, group_blocks, iso_date, web_url
from pipeline.limits import Limits
from pipeline.model import RawArticle

#: Front-matter keys and what each may hold.
_STR_KEYS = ("title", "source", "author", "url", "opencc", "time")
_KNOWN_KEYS = _STR_KEYS + ("date", "tags")

# Every pattern below sees user text, so each is written to run in linear
# time: anchored at the line start, or with character classes that stop at
# the next opening delimiter, so a line of 90,000 ``[`` is not rescanned from
# each one (it took 42 s). Emphasis pairs are found by :func:`_unwrap`, not
# by lazy ``.+?`` scans, for the same reason.
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")  # also setext underlines
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_LINKS = (
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),  # images carry no text to translate
    (re.compile(r"\[([^\[\]]+)\]\([^()]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}:\d{2})(?::\d{2})?)?"
)
#: Longer than this, a front-matter value is not a date (and the date pattern never sees it).
_MAX_DATE_CHARS = 40


def parse_markdown(text: str, path: str, opencc_config: str, *,
                   max_front_matter: int = Limits.front_matter_bytes,
                   max_depth: int = Limits.yaml_depth) -> RawArticle:
    """Parse a Markdown article (already decoded)."""
    lines = text.splitlines()
    meta, body_from = _front_matter(lines, path, max_front_matter, max_depth)
    warnings: list[str] = []
    fields = _validate(meta, lines, path, warnings)
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
        warnings=warnings,
    )


def _front_matter(lines: list[str], path: str, max_bytes: int, max_depth: int) -> tuple[dict[str, Any], int]:
    """Parse the ``---`` block at the top; return it and the first body line index.

    Front matter is a handful of ``key: value`` lines, so it is bounded in
    size and read without YAML anchors/aliases or deep nesting
    (:mod:`pipeline.safeyaml`): a ten-line alias bomb there once took the
    whole batch down with a MemoryError.
    """
    if not lines or lines[0].strip() != "---":
        return {}, 0
    size = 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
        size += len(lines[end].encode("utf-8", "surrogatepass")) + 1
        if size > max_bytes:
            raise InputError(path, f"front matter is larger than {max_bytes // 1024} KB "
                                   "(raise ZHKO_MAX_FRONT_MATTER_BYTES if it is real)", line=1)
    else:
        raise InputError(path, "front matter opened with '---' is never closed", line=1)
    import yaml

    from pipeline.safeyaml import problem_line, safe_load

    try:
        meta = safe_load("\n".join(lines[1:end]), max_depth=max_depth) or {}
    except yaml.YAMLError as exc:
        line, problem = problem_line(exc, first_line=2)
        raise InputError(path, f"front matter is not valid YAML: {problem}", line=line) from exc
    except (ValueError, OverflowError) as exc:  # PyYAML builds dates itself: 2021-13-45 fails here
        raise InputError(path, f"front matter has an impossible date: {shown(exc, 80)}",
                         line=_key_line(lines, "date")) from exc
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


def _validate(meta: dict[str, Any], lines: list[str], path: str, warnings: list[str]) -> dict[str, str]:
    """Check every front-matter value; return the usable ones as strings."""
    out: dict[str, str] = {}
    for key, value in meta.items():
        if not isinstance(key, str) or key not in _KNOWN_KEYS:
            line = _key_line(lines, key) if isinstance(key, str) else 1
            raise InputError(path, f"unknown front matter key '{shown(key, 40)}' "
                                   f"(expected {', '.join(_KNOWN_KEYS)})", line=line)
        line = _key_line(lines, key)
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
            raise InputError(path, f"front matter 'time' must look like 07:06, got '{shown(value, 20)}'", line=line)
        if key == "url" and value and not web_url(value):
            warnings.append(f"{path}:{line}: front matter 'url' is not an http(s) link; the source link was dropped")
            continue
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
    if isinstance(value, str) and len(value) <= _MAX_DATE_CHARS:
        m = _DATE_TEXT.fullmatch(value.strip())
        iso = iso_date(*m.groups()[:3]) if m else None
        if m and iso:
            return iso, (m.group(4).zfill(5) if m.group(4) else None)
    found = shown(value, 40) if isinstance(value, (list, dict)) else f"'{shown(value, 40)}'"
    raise InputError(path, f"front matter 'date' is not a date: {found} (expected YYYY-MM-DD)", line=line)


def _title_and_body(lines, body_from, fm_title, path):
    """The title (front matter, else first ``#`` heading) and the remaining lines."""
    numbered = [(i + 1, line) for i, line in enumerate(lines)][body_from:]
    first = next(((n, line) for n, line in numbered if line.strip()), None)
    heading = _HEADING.match(first[1]) if first else None
    if fm_title:
        if first and heading and _strip_inline(_heading_text(heading)) == _strip_inline(fm_title):
            numbered = [(n, line) for n, line in numbered if n != first[0]]
        return _strip_inline(fm_title), _key_line(lines, "title"), numbered
    for n, line in numbered:
        m = _HEADING.match(line)
        if m and len(m.group(1)) == 1:
            return _strip_inline(_heading_text(m)), n, [(k, x) for k, x in numbered if k != n]
    raise InputError(path, "no title: add 'title:' to the front matter or a '# heading'")


def _heading_text(m: re.Match[str]) -> str:
    """A heading's text without its optional closing ``#`` run (``## 标题 ##``)."""
    return m.group(2).rstrip().rstrip("#").rstrip()


def _strip_inline(text: str) -> str:
    """The text a translator should see: comments, images, link targets, code
    marks, emphasis and inline HTML tags removed. Linear in ``len(text)``."""
    text = _remove_comments(text)
    for pattern, repl in _LINKS:
        text = pattern.sub(repl, text)
    text = _unwrap(text, "**", _opens_strong, _closes_strong)
    text = _unwrap(text, "__", _opens_strong, _closes_strong)
    text = _unwrap(text, "*", _opens_star, _closes_star)
    text = _unwrap(text, "_", _opens_under, _closes_under)
    text = _unwrap(text, "~~", _any, _any)
    return _TAG.sub("", text).strip()


#: A boundary test for :func:`_unwrap`: (text, delimiter position, delimiter length).
_Check = Callable[[str, int, int], bool]


def _remove_comments(text: str) -> str:
    """``<!-- … -->`` removed; an unclosed one is left as text."""
    out, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break  # no later comment can close either
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _unwrap(text: str, delim: str, opens: _Check, closes: _Check) -> str:
    """Replace each ``<delim>x<delim>`` pair by ``x``, pairing as the regex
    ``delim(.+?)delim`` (with the given boundary checks) would, in linear time.

    The first valid opener takes the first valid closer after it. A closer's
    validity depends only on its own neighbours, so when an opener finds no
    closer, no later opener can: the scan stops instead of rescanning the rest
    of the line from every opener (which is what made the regex quadratic).
    """
    n, out, copied, search = len(delim), [], 0, 0
    while True:
        o = text.find(delim, search)
        if o < 0:
            break
        if not opens(text, o, n):
            search = o + 1
            continue
        c = text.find(delim, o + n + 1)
        while c >= 0 and not closes(text, c, n):
            c = text.find(delim, c + 1)
        if c < 0:
            break
        out += [text[copied:o], text[o + n:c]]
        copied = search = c + n
    out.append(text[copied:])
    return "".join(out)


def _any(text: str, i: int, n: int) -> bool:
    return True


def _opens_strong(text: str, i: int, n: int) -> bool:  # (?=\S)
    return i + n < len(text) and not text[i + n].isspace()


def _closes_strong(text: str, i: int, n: int) -> bool:  # (?<=\S)
    return not text[i - 1].isspace()


def _opens_star(text: str, i: int, n: int) -> bool:  # (?<!\*)\*(?=[^\s*])
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (i == 0 or text[i - 1] != "*") and not nxt.isspace() and nxt != "*"


def _closes_star(text: str, i: int, n: int) -> bool:  # (?<=[^\s*])\*(?!\*)
    prev = text[i - 1]
    return not prev.isspace() and prev != "*" and text[i + 1:i + 2] != "*"


def _word(c: str) -> bool:
    return c == "_" or c.isalnum()


def _opens_under(text: str, i: int, n: int) -> bool:  # (?<![_\w])_(?=\S)
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (i == 0 or not _word(text[i - 1])) and not nxt.isspace()


def _closes_under(text: str, i: int, n: int) -> bool:  # (?<=\S)_(?![_\w])
    return not text[i - 1].isspace() and not (i + 1 < len(text) and _word(text[i + 1]))


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
            line = _heading_text(m) if m else _LIST.sub("", line, count=1)
            cleaned.append((n, _strip_inline(line)))
            cleaned.append((n, ""))
            continue
        cleaned.append((n, _strip_inline(_QUOTE.sub("", line, count=1))))
    paragraphs, line_of = body_paragraphs(group_blocks(cleaned, line_ends_at_stop=False), dropped)
    return paragraphs, line_of, dropped
