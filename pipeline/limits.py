"""Size limits for everything zhko reads, and the one way to read an input file.

Every input is hostile until proven otherwise: an article scraped from the
open web, a glossary file many people edit, a file someone dropped in the
input folder. Without limits a 50 MB "article" took more than 7 GB and killed
the whole batch, a FIFO named ``x.txt`` hung the build forever and a symlink to
``/dev/zero`` was read until memory ran out. So:

- every input is opened once, checked to be a **regular file** (after
  following symlinks: a link to a real file is fine, a link to a device or a
  pipe is not) and read with a **bound**: at most ``limit + 1`` bytes are ever
  read, whatever the file claims its size is;
- the limits are generous for real newsroom files (a long news page with its
  markup is under 1 MB; the whole project glossary is under 100 KB) and each
  can be raised with an environment variable (and, for articles, with
  ``zhko build --max-article-size``); the README lists them.

This module is at the bottom of the import graph (only :mod:`pipeline.errors`
below it) so every stage can use it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, fields
from typing import Mapping

from pipeline.errors import ConfigError, InputError

KB = 1024
MB = 1024 * KB


@dataclass(frozen=True)
class Limits:
    """The limits in force. ``Limits.from_env()`` applies ``ZHKO_MAX_*`` overrides."""

    #: One article file (.txt/.md/.html), in bytes. ``ZHKO_MAX_ARTICLE_BYTES``.
    article_bytes: int = 4 * MB
    #: The YAML front matter of a Markdown article, in bytes. ``ZHKO_MAX_FRONT_MATTER_BYTES``.
    front_matter_bytes: int = 64 * KB
    #: One glossary YAML file, in bytes. ``ZHKO_MAX_GLOSSARY_BYTES``.
    glossary_bytes: int = 8 * MB
    #: One Chinese or Korean form of a glossary term, in characters. ``ZHKO_MAX_TERM_CHARS``.
    #: Lint compares every prefix of every term, so this bounds its cost.
    term_chars: int = 100
    #: Nesting depth of any YAML document (front matter, glossary). ``ZHKO_MAX_YAML_DEPTH``.
    yaml_depth: int = 20

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Limits":
        """Defaults, overridden by ``ZHKO_MAX_<FIELD>`` variables (``ZHKO_MAX_ARTICLE_BYTES=8M``)."""
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            name = "ZHKO_MAX_" + f.name.upper()
            if env.get(name, "").strip():
                values[f.name] = parse_size(env[name], name)
        return cls(**values)


def parse_size(text: str, what: str = "size") -> int:
    """``4M``, ``512K``, ``2G`` or a plain number → a positive integer."""
    raw = str(text).strip().upper().removesuffix("B")
    factor = 1
    if raw[-1:] in ("K", "M", "G"):
        factor = {"K": KB, "M": MB, "G": 1024 * MB}[raw[-1]]
        raw = raw[:-1]
    try:
        value = int(float(raw) * factor) if raw else 0
    except ValueError:
        value = 0
    if value < 1:
        raise ConfigError(f"{what}: expected a positive size like 4M, 512K or 1000, got '{str(text)[:40]}'")
    return value


def human(n: int) -> str:
    """``4194304`` → ``4 MB`` (for messages)."""
    for unit, size in (("GB", 1024 * MB), ("MB", MB), ("KB", KB)):
        if n >= size:
            return f"{round(n / size, 1):g} {unit}"
    return f"{n} bytes"


def read_regular_file(path: str | os.PathLike[str], max_bytes: int, *,
                      limit_name: str = "ZHKO_MAX_ARTICLE_BYTES", kind: str = "a file") -> bytes:
    """The bytes of ``path``, refusing anything but a regular file of at most
    ``max_bytes``.

    Opened with ``O_NONBLOCK`` so that opening a FIFO never waits for a writer;
    the file type is checked on the open descriptor (no race between a check
    and the read); at most ``max_bytes + 1`` bytes are read, so ``/proc`` files
    and files that grow while being read cannot exceed the bound either.
    """
    p = os.fspath(path)
    try:
        fd = _open(p)
    except FileNotFoundError as exc:
        raise InputError(p, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(p, f"is a directory, not {kind}") from exc
    except PermissionError as exc:
        raise InputError(p, "permission denied") from exc
    except OSError as exc:
        raise InputError(p, f"cannot open: {exc.strerror or exc}") from exc
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(p, f"is a directory, not {kind}")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(p, f"not a regular file ({_kind(st.st_mode)}); refusing to read it")
        if st.st_size > max_bytes:
            raise InputError(p, _too_big(human(st.st_size), max_bytes, limit_name))
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 * MB, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise InputError(p, _too_big(f"more than {human(max_bytes)}", max_bytes, limit_name))
        return b"".join(chunks)
    except PermissionError as exc:
        raise InputError(p, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(p, f"is a directory, not {kind}") from exc
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def _open(path: str) -> int:
    return os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))


def _too_big(size: str, limit: int, limit_name: str) -> str:
    return f"file is too large ({size}; the limit is {human(limit)}, raise it with {limit_name})"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"
