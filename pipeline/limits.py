"""Size limits on what zhko reads from outside, and reading files safely.

WHY limits at all: every input is hostile or unlucky (a 50 MB scrape, a
zip bomb posing as a model package, a symlink to ``/dev/zero``, a FIFO). A
limit turns "the machine swaps, then the batch dies" into one clear error
naming the file, the limit and how to raise it.

Each limit has a default here and is overridden by an environment variable
``ZHKO_MAX_<NAME>_BYTES`` (a whole number of bytes, or with a K/M/G suffix:
``ZHKO_MAX_EXCHANGE_BYTES=200M``). The table is documented in
docs/security.md and the README. Two limits are not sizes in bytes: the
length of a glossary term (``ZHKO_MAX_TERM_CHARS``) and the nesting depth of
a YAML document (``ZHKO_MAX_YAML_DEPTH``); :class:`Limits` gathers every limit
an article or glossary reader needs, so a caller (``zhko build
--max-article-size``) can override one for a run.

Every input is read by :func:`read_bounded`: opened once, non-blocking (a
FIFO named ``x.txt`` once hung the build forever), checked to be a regular
file *on the open descriptor* (a symlink to a real file is fine, one to
``/dev/zero`` was read until memory ran out), and read with a bound (at most
limit + 1 bytes, whatever the file claims its size is).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dataclasses import dataclass
from typing import Mapping

from pipeline.errors import ConfigError, InputError, ZhkoError

KB = 1024
MB = 1024 * 1024

#: name → (default bytes, what it limits). The env variable is ZHKO_MAX_<NAME>_BYTES.
DEFAULTS: dict[str, tuple[int, str]] = {
    "article": (4 * MB, "article file (.txt/.md/.html)"),
    "front_matter": (64 * KB, "Markdown front matter"),
    "glossary": (8 * MB, "glossary YAML file"),
    "exchange": (50 * MB, "TBX/CSV glossary exchange file"),
    "model_package": (2048 * MB, "model package (.argosmodel archive, and its unpacked contents)"),
}
_SUFFIXES = {"k": 1024, "m": MB, "g": 1024 * MB}


class LimitError(ZhkoError):
    """An input is larger than its limit, or not a regular file."""


def env_name(name: str) -> str:
    return f"ZHKO_MAX_{name.upper()}_BYTES"


def max_bytes(name: str) -> int:
    """The limit in force for ``name`` (its env variable, else the default)."""
    default, _ = DEFAULTS[name]
    raw = os.environ.get(env_name(name), "").strip()
    if not raw:
        return default
    mult = _SUFFIXES.get(raw[-1].lower(), 1)
    digits = raw[:-1] if raw[-1].lower() in _SUFFIXES else raw
    if not digits.isdigit() or int(digits) <= 0:
        raise LimitError(f"{env_name(name)}: expected a positive number of bytes (e.g. 200M), not that value")
    return int(digits) * mult


def describe(n: int) -> str:
    """Bytes for people: 52428800 → '50 MB'."""
    if n >= MB:
        return f"{n / MB:.0f} MB" if n % MB == 0 else f"{n / MB:.1f} MB"
    if n >= KB:
        return f"{n / KB:.0f} KB" if n % KB == 0 else f"{n / KB:.1f} KB"
    return f"{n} bytes"


def too_large(path: str | os.PathLike[str], size: int, name: str) -> LimitError:
    limit = max_bytes(name)
    return LimitError(
        f"{path}: {describe(size)} is more than the {describe(limit)} limit for a {DEFAULTS[name][1]}; "
        f"raise it with {env_name(name)}=<bytes> if the file is genuine")


def read_regular_file(path: str | os.PathLike[str], name: str) -> bytes:
    """The bytes of ``path`` if it is a regular file within the ``name`` limit
    (see :func:`read_bounded`); refusals are :class:`LimitError`."""
    try:
        return read_bounded(path, max_bytes(name), name=name)
    except InputError as exc:
        raise LimitError(str(exc)) from exc


def check_size(path: Path, size: int, name: str) -> None:
    """Raise :class:`LimitError` when ``size`` (bytes about ``path``) is over the limit."""
    if size > max_bytes(name):
        raise too_large(path, size, name)


# -- limits of the article and glossary readers ----------------------------------

@dataclass(frozen=True)
class Limits:
    """The limits in force. ``Limits.from_env()`` applies ``ZHKO_MAX_*`` overrides."""

    #: One article file (.txt/.md/.html), in bytes. ``ZHKO_MAX_ARTICLE_BYTES``.
    article_bytes: int = DEFAULTS["article"][0]
    #: The YAML front matter of a Markdown article, in bytes. ``ZHKO_MAX_FRONT_MATTER_BYTES``.
    front_matter_bytes: int = DEFAULTS["front_matter"][0]
    #: One glossary YAML file, in bytes. ``ZHKO_MAX_GLOSSARY_BYTES``.
    glossary_bytes: int = DEFAULTS["glossary"][0]
    #: One Chinese or Korean form of a glossary term, in characters. ``ZHKO_MAX_TERM_CHARS``.
    #: Lint compares every prefix of every term, so this bounds its cost.
    term_chars: int = 100
    #: Nesting depth of any YAML document (front matter, glossary). ``ZHKO_MAX_YAML_DEPTH``.
    yaml_depth: int = 20

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Limits":
        """Defaults, overridden by ``ZHKO_MAX_<FIELD>`` variables (``ZHKO_MAX_ARTICLE_BYTES=8M``)."""
        from dataclasses import fields

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


def read_bounded(path: str | os.PathLike[str], limit: int, *, name: str = "article",
                 kind: str = "a file", hint: str = "") -> bytes:
    """The bytes of ``path``, refusing anything but a regular file of at most
    ``limit`` bytes; every refusal is an :class:`InputError` naming the file.
    ``name`` (a :data:`DEFAULTS` key) words the size message; ``hint`` adds
    another way to raise the limit (a command-line option).

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
        if st.st_size > limit:
            raise InputError(p, _too_big(describe(st.st_size), limit, name, hint))
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(MB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise InputError(p, _too_big(f"more than {describe(limit)}", limit, name, hint))
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


def _too_big(size: str, limit: int, name: str, hint: str) -> str:
    what = DEFAULTS[name][1]
    article = "an" if what[0] in "aeiou" else "a"
    how = f"{env_name(name)}=<bytes>" + (f" or {hint}" if hint else "")
    return f"{size} is more than the {describe(limit)} limit for {article} {what}; raise it with {how} if the file is genuine"


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
