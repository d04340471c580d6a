"""Where the files that ship beside the code live.

In a source checkout (the newsroom's usual setup) ``templates/`` sits at the
project's top level, beside ``pipeline/``; in an installed wheel it is packed
inside the package as ``pipeline/templates`` (see ``pyproject.toml``).
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import ConfigError

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The templates folder of this installation."""
    for candidate in (_PACKAGE.parent / "templates", _PACKAGE / "templates"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / "templates"  # the error then names the expected place


def templates_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The templates folder: ``override`` when given, else ``<project>/templates``
    (here, not in :mod:`pipeline.render.html`, so the up-to-date check can hash
    the templates without importing the renderer)."""
    if override is not None:
        path = Path(override)
        if not path.is_dir():
            raise ConfigError(f"{path}: template folder not found")
        return path
    return templates_dir()
