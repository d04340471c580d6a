"""``zhko models``: list and install Argos translation packages."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("models", help="list and install translation models")
    p.set_defaults(func=lambda a: p.print_help())
