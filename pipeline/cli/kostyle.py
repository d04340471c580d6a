"""``zhko ko-style``: convert Korean text to the Yanbian norm."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ko-style", help="convert Korean text to China's Korean norm")
    p.set_defaults(func=lambda a: p.print_help())
