"""Size limits on what zhko reads from outside, and reading files safely.

WHY limits at all: every input is hostile or unlucky (a 50 MB scrape, a
zip bomb posing as a model package, a symlink to ``/dev/zero``, a FIFO). A
limit turns "the machine swaps, then the batch dies" into one clear error
naming the file, the limit and how to raise it.

Each limit has a default here and is overridden by an environment variable
``ZHKO_MAX_<NAME>_BYTES`` (a whole number of bytes, or with a K/M/G suffix:
``ZHKO_MAX_EXCHANGE_BYTES=200M``). The table is documented in
docs/security.md and the README.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.errors import ZhkoError

MB = 1024 * 1024

#: name → (default bytes, what it limits). The env variable is ZHKO_MAX_<NAME>_BYTES.
DEFAULTS: dict[str, tuple[int, str]] = {
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
    return f"{n} bytes"


def too_large(path: str | os.PathLike[str], size: int, name: str) -> LimitError:
    limit = max_bytes(name)
    return LimitError(
        f"{path}: {describe(size)} is more than the {describe(limit)} limit for a {DEFAULTS[name][1]}; "
        f"raise it with {env_name(name)}=<bytes> if the file is genuine")


def read_regular_file(path: str | os.PathLike[str], name: str) -> bytes:
    """The bytes of ``path`` if it is a regular file within the ``name`` limit.

    Opened non-blocking (a FIFO never hangs the open) and checked with
    ``fstat`` on the open file, so a symlink to ``/dev/zero`` or a device is
    refused, and read at most limit + 1 bytes, so a file growing meanwhile
    cannot exceed it either."""
    limit = max_bytes(name)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise LimitError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise LimitError(f"{path}: not a regular file")
        if st.st_size > limit:
            raise too_large(path, st.st_size, name)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise too_large(path, len(data), name)
    return data


def check_size(path: Path, size: int, name: str) -> None:
    """Raise :class:`LimitError` when ``size`` (bytes about ``path``) is over the limit."""
    if size > max_bytes(name):
        raise too_large(path, size, name)
