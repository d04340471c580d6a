"""``zhko build``: turn articles into parallel-text HTML, PDF and JSON."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build parallel-text editions of articles")
    p.set_defaults(func=lambda a: p.print_help())
