"""``zhko glossary``: lint, extract, review, export and import glossary terms."""

from __future__ import annotations

import argparse

from pipeline.cli import glossary_review


def register(sub: argparse._SubParsersAction) -> None:
    from pipeline.cli.common import add_common_glossary_arg

    p = sub.add_parser("glossary", help="check, extract, review, export and import glossary terms")
    gsub = p.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND", required=True)
    lp = gsub.add_parser(
        "lint",
        help="check the glossary files and list every problem with its file and line",
        description="Check every glossary file; print each problem as 'Error: <file>:<line>: …' "
        "(exit 1), or a one-line summary when the glossary is clean (exit 0).",
    )
    add_common_glossary_arg(lp)
    lp.set_defaults(func=_lint)
    glossary_review.register_review(gsub)


def _lint(args: argparse.Namespace) -> int:
    from pipeline.glossary import load_glossary

    glossary = load_glossary(args.glossary)  # GlossaryError → pipeline.cli.main prints each problem
    n, m = len(glossary.entries), len(glossary.files)
    print(f"{n} {'entry' if n == 1 else 'entries'} in {m} file{'' if m == 1 else 's'}, no problems")
    return 0
