"""``zhko reading``: Korean (Yanbian norm) readings of Chinese names and terms."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reading", help="Korean readings of Chinese names and terms")
    p.set_defaults(func=lambda a: p.print_help())
