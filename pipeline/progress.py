"""Progress on long work: a live line on a terminal, quiet log lines elsewhere.

On a TTY one status line is redrawn in place (phase, done/total with unit,
cache hits or up-to-date articles, elapsed time and ETA). In a log or CI, where
carriage returns turn into thousands of lines, a phase prints one line when it
ends and at most one line every ``log_every`` seconds while it runs. ``-q``
silences all of it (errors and the summary are printed by the CLI, not here);
``-v`` adds one line per article.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, *, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None,
                 log_every: float = 10.0, tty: bool | None = None):
        self.quiet, self.verbose = quiet, verbose
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)()) if tty is None else tty
        self.log_every = log_every
        self._phase = ""
        self._unit = ""
        self._total = 0
        self._done = 0
        self._start = time.monotonic()
        self._last = 0.0
        self._extra = ""
        self._drawn = False  # a TTY status line is on screen

    def phase(self, name: str, total: int, unit: str = "") -> None:
        """Start a phase ("reading", "translating", "rendering") of ``total`` steps."""
        self._end_phase()
        self._phase, self._total, self._done, self._unit, self._extra = name, total, 0, unit, ""
        self._start = self._last = time.monotonic()
        if self.tty:
            self._draw(force=True)

    def set_extra(self, extra: str) -> None:
        """Side information shown after the count ("12 from cache")."""
        self._extra = extra

    def advance(self, n: int = 1, extra: str = "") -> None:
        if not n and not extra:
            return
        self._done += n
        if extra:
            self._extra = extra
        self._draw()

    def note(self, message: str) -> None:
        """A line that always shows (unless ``-q``): a failure, a warning."""
        if self.quiet:
            return
        self._clear()
        print(message, file=self.stream, flush=True)
        if self.tty:
            self._draw(force=True)

    def detail(self, message: str) -> None:
        """A line shown only with ``-v``."""
        if self.verbose:
            self.note(message)

    def close(self) -> None:
        self._end_phase()

    # -- drawing ---------------------------------------------------------
    def line(self) -> str:
        """The current status text, e.g. ``translating: 40/120 segments, 80 from cache (3.1s, ETA 6s)``."""
        elapsed = time.monotonic() - self._start
        if self._done and self._done < self._total:
            rest = elapsed / self._done * (self._total - self._done)
            timing = f"{elapsed:.1f}s, ETA {rest:.0f}s"
        else:
            timing = f"{elapsed:.1f}s"
        unit = f" {self._unit}" if self._unit else ""
        extra = f", {self._extra}" if self._extra else ""
        return f"{self._phase}: {self._done}/{self._total}{unit}{extra} ({timing})"

    def _draw(self, force: bool = False) -> None:
        if self.quiet or not self._phase:
            return
        now = time.monotonic()
        if self.tty:
            if force or now - self._last > 0.1 or self._done >= self._total:
                self.stream.write("\r\x1b[2K" + self.line())
                self.stream.flush()
                self._last, self._drawn = now, True
        elif force or (now - self._last >= self.log_every and self._done < self._total):
            # the phase's last state is printed once, by _end_phase
            print(self.line(), file=self.stream, flush=True)
            self._last = now

    def _clear(self) -> None:
        if self.tty and self._drawn and not self.quiet:
            self.stream.write("\r\x1b[2K")
            self._drawn = False

    def _end_phase(self) -> None:
        """Leave the phase's final line on screen / in the log."""
        if self._phase and not self.quiet:
            if self.tty:
                self._draw(force=True)
                self.stream.write("\n")
                self.stream.flush()
                self._drawn = False
            else:
                self._draw(force=True)
        self._phase = ""
