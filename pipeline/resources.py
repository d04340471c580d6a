"""Where the files that ship beside the code live.

In a source checkout (the newsroom's usual setup) ``templates/`` sits at the
project's top level, beside ``pipeline/``; in an installed wheel it is packed
inside the package as ``pipeline/templates`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The templates folder of this installation."""
    for candidate in (_PACKAGE.parent / "templates", _PACKAGE / "templates"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / "templates"  # the error then names the expected place
