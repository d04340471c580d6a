"""Argument types that reject bad command-line values before any work starts.

Each is an argparse ``type=``: a bad value becomes a usage error (exit 2,
one ``Error:`` line) instead of a failure deep inside a build — ``--beam 0``
was an "internal error … please report", ``--beam 100000`` hung,
``--opencc bogus`` failed every article, ``--port 99999`` bound a random
port, ``-o ""`` wrote into the current folder and ``build ""`` built it.
Light on imports: ``zhko --help`` builds the parser.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, NoReturn

#: Beam widths zhko accepts. Wider beams cost linearly more and gain nothing
#: measurable after a handful; 16 is already far past the useful range.
MAX_BEAM = 16
#: Render/decode workers; more than this on one machine only thrashes.
MAX_JOBS = 64


class Parser(argparse.ArgumentParser):
    """argparse with zhko's error format: ``Error: <prog>: <why>`` (one line,
    exit 2), then where to read more. Subcommand parsers inherit it."""

    def error(self, message: str) -> NoReturn:
        from pipeline.report import one_line

        print(f"Error: {self.prog}: {one_line(message)} (see '{self.prog} --help')", file=sys.stderr)
        sys.exit(2)


def int_range(low: int, high: int, what: str = "a number") -> Callable[[str], int]:
    """An integer with ``low <= value <= high``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what} from {low} to {high}, got '{_short(text)}'") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, got {value}")
        return value

    parse.__name__ = what  # argparse names the type in some messages
    return parse


def nonempty_path(text: str) -> str:
    """A path that is not empty or blank (``Path("")`` is the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path is not allowed")
    return text


def opencc_config(text: str) -> str:
    """One of the OpenCC configs shipped with zhko (``t2s``, ``tw2sp`` …)."""
    from pipeline.errors import ConfigError
    from pipeline.ingest import check_opencc_config

    try:
        return check_opencc_config(text)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc).replace(f"'{text}'", f"'{_short(text)}'")) from None


def size(text: str) -> int:
    """A size in bytes: ``4M``, ``512K``, ``1G`` or a plain number."""
    from pipeline.errors import ConfigError
    from pipeline.limits import parse_size

    try:
        return parse_size(text, "size")
    except ConfigError:
        raise argparse.ArgumentTypeError(f"expected a size like 4M, 512K or 1000, got '{_short(text)}'") from None


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
