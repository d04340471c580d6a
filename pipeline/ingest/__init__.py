"""Reading one article file into a :class:`~pipeline.model.RawArticle`.

``read_article`` checks the file (exists, is a file, readable, not binary, not
empty), decodes it (:func:`decode_bytes`), dispatches on the extension, and
checks that what came out is Chinese. Every refusal is an
:class:`~pipeline.errors.InputError` with one clear reason naming the file.

The OpenCC config of an article is, in order: the ``opencc_config`` argument
(``zhko build --opencc``: the user said so for every article of this run), the
``opencc:`` key of its Markdown front matter, then ``t2s``.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import ConfigError, InputError
from pipeline.ingest.common import has_cjk
from pipeline.ingest.decode import decode_bytes
from pipeline.limits import Limits, read_bounded
from pipeline.model import RawArticle

__all__ = ["read_article", "decode_bytes", "check_opencc_config", "OPENCC_CONFIGS", "DEFAULT_OPENCC"]

#: The configs shipped with the ``opencc`` wheel (1.4.2); each is loaded in tests.
OPENCC_CONFIGS = (
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s",
    "hk2sp", "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
)
DEFAULT_OPENCC = "t2s"

_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def check_opencc_config(name: str) -> str:
    """Return the config name (``t2s.json`` → ``t2s``) or raise ConfigError."""
    base = str(name).removesuffix(".json")
    if base not in OPENCC_CONFIGS:
        raise ConfigError(f"unknown OpenCC config '{name}' (expected one of {', '.join(OPENCC_CONFIGS)})")
    return base


def read_article(path: str | os.PathLike[str], *, opencc_config: str | None = None,
                 limits: Limits | None = None) -> RawArticle:
    """Read ``path`` (.txt, .md/.markdown, .html/.htm) into a RawArticle.

    ``limits`` (default: :meth:`Limits.from_env`) bounds the file and its front
    matter; only regular files are read (see :mod:`pipeline.limits`).
    """
    path_str = str(path)
    limits = limits or Limits.from_env()
    forced = check_opencc_config(opencc_config) if opencc_config else None
    fmt = _format_of(path_str)
    text = decode_bytes(_read_bytes(path_str, limits.article_bytes), path_str)
    if not text.strip():
        raise InputError(path_str, "empty file")
    if not has_cjk(text):
        raise InputError(path_str, "no Chinese text found")
    raw = _parse(fmt, text, path_str, DEFAULT_OPENCC, limits)
    if forced:
        raw.opencc_config = forced
    if not has_cjk(raw.title + "".join(raw.paragraphs)):
        raise InputError(path_str, "no Chinese text found in the title or body")
    return raw


def _format_of(path: str) -> str:
    ext = Path(path).suffix.lower()
    if ext not in _FORMATS:
        shown = ext or "(none)"
        raise InputError(path, f"unknown format '{shown}' (expected .txt, .md, .html)")
    return _FORMATS[ext]


def _read_bytes(path: str, max_bytes: int | None = None) -> bytes:
    if max_bytes is None:
        max_bytes = Limits.from_env().article_bytes
    data = read_bounded(path, max_bytes, name="article", kind="an article file",
                        hint="zhko build --max-article-size")
    if not data:
        raise InputError(path, "empty file")
    if b"\x00" in data and not _has_utf16_bom(data):
        if _looks_like_bomless_utf16(data):
            raise InputError(path, "looks like UTF-16 without a byte-order mark; save it as UTF-8")
        raise InputError(path, "binary file (contains NUL bytes), not a text article")
    return data


def _has_utf16_bom(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """Decodes as UTF-16 (either byte order) to NUL-free text with Chinese in
    it: a Notepad export without BOM, not a binary file."""
    head = data[:4096]
    if len(data) % 2:
        return False
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and has_cjk(text):
            return True
    return False


def _parse(fmt: str, text: str, path: str, opencc_config: str, limits: Limits) -> RawArticle:
    if fmt == "txt":
        from pipeline.ingest.txt import parse_txt

        return parse_txt(text, path, opencc_config)
    if fmt == "md":
        from pipeline.ingest.markdown import parse_markdown

        return parse_markdown(text, path, opencc_config, max_front_matter=limits.front_matter_bytes,
                              max_depth=limits.yaml_depth)
    from pipeline.ingest.html import parse_html

    return parse_html(text, path, opencc_config)
