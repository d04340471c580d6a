"""WeasyPrint: print HTML → PDF, refusing to ship boxes for missing glyphs.

WeasyPrint only *logs* a warning when no font covers a character and then draws
.notdef (an empty box). A reader's PDF with boxes in place of a name is a wrong
publication, so this module listens to WeasyPrint's logger while drawing and
turns those warnings into a :class:`RenderError` that names the characters,
their code points and the segment they are in.
"""

from __future__ import annotations

import logging
import os
from html.parser import HTMLParser

from pipeline.errors import RenderError
from pipeline.outputs import write_atomic

_NOTDEF_PREFIX = ".notdef glyph rendered"


class _MissingGlyphs(logging.Handler):
    """Collects the code points WeasyPrint drew as .notdef."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.codepoints: list[int] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not str(record.msg).startswith(_NOTDEF_PREFIX):
            return
        args = record.args if isinstance(record.args, tuple) else ()
        cp = next((a for a in args if isinstance(a, int)), None)
        if cp is None and args and isinstance(args[0], str) and len(args[0]) == 1:
            cp = ord(args[0])
        if cp is not None and cp not in self.codepoints:
            self.codepoints.append(cp)


class _Locator(HTMLParser):
    """Finds, for each wanted character, the segment id (``data-seg``) of the
    element it occurs in, or a description of where it is otherwise."""

    def __init__(self, wanted: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.stack: list[tuple[str, str | None]] = []
        self.found: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"meta", "br", "col", "img", "link", "hr", "input"}:
            return
        d = dict(attrs)
        self.stack.append((tag, d.get("data-seg")))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        hits = self.wanted.intersection(data)
        if not hits:
            return
        seg = next((s for _, s in reversed(self.stack) if s), None)
        where = f"segment {seg}" if seg else f"<{self.stack[-1][0] if self.stack else 'document'}>"
        for ch in hits:
            places = self.found.setdefault(ch, [])
            if where not in places:
                places.append(where)


def _describe(codepoints: list[int], html: str) -> str:
    loc = _Locator({chr(cp) for cp in codepoints})
    loc.feed(html)
    loc.close()
    parts = []
    for cp in codepoints:
        ch = chr(cp)
        where = ", ".join(loc.found.get(ch, [])) or "location unknown"
        parts.append(f"'{ch}' U+{cp:04X} ({where})")
    return "; ".join(parts)


def render_pdf_bytes(html: str, *, base_url: str) -> bytes:
    """Lay out and draw ``html``; raise :class:`RenderError` if any glyph has no font."""
    import weasyprint

    logger = logging.getLogger("weasyprint")
    handler = _MissingGlyphs()
    old_level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        data = weasyprint.HTML(string=html, base_url=base_url).write_pdf(custom_metadata=True)
    except Exception as exc:  # WeasyPrint raises plain exceptions on broken input
        raise RenderError(f"WeasyPrint failed: {exc}") from exc
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    if handler.codepoints:
        raise RenderError("no installed font has a glyph for " + _describe(handler.codepoints, html))
    if not data:
        raise RenderError("WeasyPrint produced an empty PDF")
    return data


def write_pdf(html: str, path: str | os.PathLike[str], *, base_url: str) -> None:
    """Render ``html`` (from ``render_article(..., for_print=True)``) to ``path``
    atomically; nothing is written when a glyph is missing."""
    try:
        data = render_pdf_bytes(html, base_url=base_url)
    except RenderError as exc:
        raise RenderError(f"{path}: {exc}") from exc
    write_atomic(path, data)

