"""Arguments shared by several commands (their own module, so every command
module imports it from below instead of from ``pipeline.cli``, which imports
the command modules)."""

from __future__ import annotations

import argparse


def add_common_glossary_arg(p: argparse.ArgumentParser) -> None:
    """``--glossary DIR``: shared by every command that reads the glossary."""
    from pipeline.cli.types import nonempty_path

    p.add_argument(
        "--glossary",
        metavar="DIR",
        type=nonempty_path,
        default="glossaries",
        help="folder of glossary YAML files (default: %(default)s)",
    )
