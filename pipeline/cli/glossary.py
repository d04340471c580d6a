"""``zhko glossary``: lint, extract, review, export and import glossary terms."""

from __future__ import annotations

import argparse
import sys

from pipeline.cli import glossary_review


def register(sub: argparse._SubParsersAction) -> None:
    from pipeline.cli import add_common_glossary_arg  # late: pipeline.cli imports this module

    p = sub.add_parser("glossary", help="check, extract, review, export and import glossary terms")
    gsub = p.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND", required=True)
    lp = gsub.add_parser(
        "lint",
        help="check the glossary files and list every problem with its file and line",
        description="Check every glossary file; print each problem as 'Error: <file>:<line>: …' "
        "(exit 1), or a one-line summary when the glossary is clean (exit 0). Things worth a "
        "second look that do not stop a build (an approved one-character term) are printed as "
        "'Warning: …' lines. Files larger than ZHKO_MAX_GLOSSARY_BYTES (default 8 MB), terms "
        "longer than ZHKO_MAX_TERM_CHARS (default 100) and YAML anchors/aliases are refused.",
    )
    add_common_glossary_arg(lp)
    lp.set_defaults(func=_lint)
    glossary_review.register_review(gsub)


def _lint(args: argparse.Namespace) -> int:
    from pipeline.glossary import load_glossary

    glossary = load_glossary(args.glossary)  # GlossaryError → pipeline.cli.main prints each problem
    for warning in glossary.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    n, m = len(glossary.entries), len(glossary.files)
    print(f"{n} {'entry' if n == 1 else 'entries'} in {m} file{'' if m == 1 else 's'}, no problems")
    return 0
