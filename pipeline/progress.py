"""Progress on long work: a live line on a terminal, quiet log lines elsewhere.

On a TTY the line is redrawn in place (articles, segments, cache hits, ETA);
in a log or CI only a line every few seconds (and the last one) is printed, so
logs stay readable. ``-q`` silences it, ``-v`` adds per-article lines.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, *, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None,
                 log_every: float = 5.0):
        self.quiet, self.verbose = quiet, verbose
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.log_every = log_every
        self._phase = ""
        self._total = 0
        self._done = 0
        self._start = time.monotonic()
        self._last = 0.0
        self._extra = ""

    def phase(self, name: str, total: int) -> None:
        """Start a phase ("reading", "translating", "rendering") of ``total`` steps."""
        self._finish_line()
        self._phase, self._total, self._done = name, total, 0
        self._start = self._last = time.monotonic()
        self._draw(force=True)

    def advance(self, n: int = 1, extra: str = "") -> None:
        self._done += n
        if extra:
            self._extra = extra
        self._draw(force=self._done >= self._total)

    def note(self, message: str) -> None:
        """A line that always shows (unless ``-q``): a failure, a warning."""
        if self.quiet:
            return
        self._clear()
        print(message, file=self.stream, flush=True)
        self._draw(force=True)

    def detail(self, message: str) -> None:
        """A line shown only with ``-v``."""
        if self.verbose:
            self.note(message)

    def close(self) -> None:
        self._finish_line()

    # -- drawing ---------------------------------------------------------
    def _eta(self) -> str:
        elapsed = time.monotonic() - self._start
        if not self._done or self._done >= self._total:
            return f"{elapsed:.1f}s"
        rest = elapsed / self._done * (self._total - self._done)
        return f"{elapsed:.1f}s, ETA {rest:.0f}s"

    def _line(self) -> str:
        extra = f", {self._extra}" if self._extra else ""
        return f"{self._phase}: {self._done}/{self._total}{extra} ({self._eta()})"

    def _draw(self, force: bool = False) -> None:
        if self.quiet or not self._phase:
            return
        now = time.monotonic()
        if self.tty:
            if force or now - self._last > 0.1:
                self.stream.write("\r\x1b[2K" + self._line())
                self.stream.flush()
                self._last = now
        elif force or now - self._last >= self.log_every:
            print(self._line(), file=self.stream, flush=True)
            self._last = now

    def _clear(self) -> None:
        if self.tty and self._phase and not self.quiet:
            self.stream.write("\r\x1b[2K")

    def _finish_line(self) -> None:
        if self.tty and self._phase and not self.quiet:
            self.stream.write("\n")
            self.stream.flush()
        self._phase = ""
