"""The ``zhko`` command: a thin layer over the library.

Each command group lives in its own module with a ``register(subparsers)``
function; this module wires them together and turns the library's typed
errors into ``Error: …`` lines and exit codes. Imports here stay light so that
``zhko --help`` is instant; every command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from pipeline import errors
from pipeline.cli import build, cache, desk, evaluate, exchange, glossary, kostyle, models, reading
from pipeline.cli.common import add_common_glossary_arg

__all__ = ["add_common_glossary_arg", "main", "make_parser"]

EPILOG = """\
exit codes:
  0  everything built
  1  some articles (or the command) failed; each failure is one 'Error:' line
  2  bad command line
  3  no Chinese→Korean translation route installed, or a broken model package
  4  --strict: an approved glossary term was violated or QA found a critical problem
  5  build --final: some article is not approved on the desk (each one is named)
  129, 143  stopped by SIGHUP / SIGTERM (render workers stopped; run it again to finish)
  130  stopped by Ctrl+C

typical day:
  zhko models list                      which zh→ko route will be used
  zhko build examples/ -o output/       build every article in a folder
  zhko glossary lint                    check the glossary files
  zhko glossary review                  review terms in the browser
  zhko desk -o output/                  correct and approve sentences in the browser
  zhko build examples/ -o output/ --final   the approved edition (exit 5 if not all approved)
"""

#: The command groups, in the order ``--help`` lists them.
COMMANDS = (build, desk, exchange, models, evaluate, glossary, reading, kostyle, cache)


def make_parser() -> argparse.ArgumentParser:
    from pipeline.cli.types import Parser

    parser = Parser(
        prog="zhko",
        description=(
            "Turn Chinese news articles into parallel Chinese–Korean editions "
            "(HTML and PDF) in the Korean norm of China's Yanbian press, with an "
            "editor-approved glossary enforced on every sentence."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(sub)
    return parser


def _version() -> str:
    # not importlib.metadata: the parser is made for every command, and its
    # import alone is a large share of an unchanged rebuild
    from pipeline.signature import dist_version

    version = dist_version("zhko")
    return f"zhko {version}" if version else "zhko (source)"  # None: running from a source tree


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    import warnings

    shown, warnings.showwarning = warnings.showwarning, _show_warning
    try:
        return int(args.func(args) or 0)
    except errors.GlossaryError as exc:
        for problem in exc.problems:
            print(f"Error: {problem}", file=sys.stderr)
        return exc.exit_code
    except errors.ZhkoError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return exc.exit_code
    except errors.Interrupted as exc:
        print(f"Error: {exc}; outputs already written are complete, run the same command again "
              "to finish the rest", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return 130
    finally:
        warnings.showwarning = shown


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    """zhko's own warnings (a skipped package folder …) as one ``Warning:`` line
    each, like the build's; anything else as Python prints it."""
    import warnings

    if category.__module__.startswith("pipeline."):
        print(f"Warning: {message}", file=sys.stderr)
    else:
        warnings._showwarnmsg_impl(warnings.WarningMessage(message, category, filename, lineno, file, line))  # type: ignore[attr-defined]
