"""``zhko glossary extract|review|export|import``: the editors' commands."""

from __future__ import annotations

import argparse


def register_review(gsub: argparse._SubParsersAction) -> None:
    pass
