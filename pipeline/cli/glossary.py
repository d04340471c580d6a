"""``zhko glossary``: lint, extract, review, export and import glossary terms."""

from __future__ import annotations

import argparse

from pipeline.cli import glossary_review


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("glossary", help="check, extract, review, export and import glossary terms")
    gsub = p.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND", required=True)
    glossary_review.register_review(gsub)
