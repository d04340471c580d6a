"""Load a file of this repository as a module.

The benchmarks are run as files (``uv run python bench/x.py``), not as a
package, and some reuse another benchmark's helpers or the tests' tiny-model
builders; this is the one place that imports them by path.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load(relpath: str, name: str) -> ModuleType:
    """Import ``ROOT/relpath`` as module ``name`` (registered in ``sys.modules``
    first: dataclasses look their module up there)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / relpath)
    assert spec is not None and spec.loader is not None, relpath
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
