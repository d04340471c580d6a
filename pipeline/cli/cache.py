"""``zhko cache``: inspect and prune the translation memory."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cache", help="translation memory statistics and pruning")
    p.set_defaults(func=lambda a: p.print_help())
