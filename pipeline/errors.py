"""Typed errors. The library raises these; only the CLI turns them into
``Error: …`` lines and exit codes (see :mod:`pipeline.cli`).

Every message names what the user can act on: the file (and line), the segment
id, or the missing model route.
"""

from __future__ import annotations

import os

#: Exit codes, documented in ``zhko --help`` and the README.
EXIT_OK = 0
EXIT_FAILED = 1  # some articles failed, or a command failed
EXIT_USAGE = 2  # bad command line (argparse's own code)
EXIT_MODELS = 3  # no translation route installed / model problem
EXIT_STRICT = 4  # --strict: an approved term violated or a critical QA finding
EXIT_NOT_APPROVED = 5  # build --final: some article not approved on the desk


class ZhkoError(Exception):
    """Base of every error zhko reports to a user without a traceback."""

    exit_code = EXIT_FAILED


class InputError(ZhkoError):
    """An input article cannot be read or parsed. Names the file (and line)."""

    def __init__(self, path: str | os.PathLike[str], why: str, line: int | None = None):
        self.path, self.why, self.line = str(path), why, line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {why}")


class ConfigError(ZhkoError):
    """A configuration problem, e.g. an unknown OpenCC config or template dir."""


class GlossaryError(ZhkoError):
    """The glossary has problems; ``problems`` lists all of them, each naming
    its file and line, so an editor fixes everything in one pass."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"glossary has {n} problem{'s' if n != 1 else ''}"
        super().__init__(head + ":\n  " + "\n  ".join(self.problems))


class ModelError(ZhkoError):
    """No usable translation route, or an installed package is broken."""

    exit_code = EXIT_MODELS


class RenderError(ZhkoError):
    """Layout or PDF rendering failed (e.g. a glyph no font covers)."""


def shown(value: object, limit: int = 60) -> str:
    """A user value as it may appear inside a message: text, never ``repr()``
    (a billion-laughs value repr'd is gigabytes), one line, at most ``limit``
    characters (a 50,000-character "term" must not become a 50,000-character
    error line)."""
    if isinstance(value, (dict, list, tuple, set)):
        text = {dict: "a mapping", list: "a list", tuple: "a list", set: "a set"}[type(value)]
        return text
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP (the terminal closed, a supervisor stopping the job).

    A KeyboardInterrupt, not a ZhkoError: it must pass every per-article
    ``except Exception`` and stop the whole run, like Ctrl+C. The CLI exits
    with ``128 + signal number`` (143 for SIGTERM, 129 for SIGHUP), the
    shell's convention for "killed by this signal"."""

    def __init__(self, signum: int):
        import signal

        self.signum = signum
        self.name = signal.Signals(signum).name
        self.exit_code = 128 + signum
        super().__init__(f"interrupted by {self.name}")
