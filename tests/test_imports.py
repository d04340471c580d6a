"""Imports only go downward: the import graph of ``pipeline/`` has no cycle.

A cycle can hide behind function-level imports (``load.py`` importing
``match.py`` inside a method while ``match.py`` imports ``load.py`` inside
another): Python never complains, but the two modules are one module in
disguise and neither can be understood or imported alone. So the graph is read
from the source (every ``import`` statement, wherever it stands, including the
ones under ``if TYPE_CHECKING:``) and must be acyclic; and each module must
import on its own, with no other ``pipeline`` module loaded before it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"


def module_names() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":  # runs the CLI when imported
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The longest prefix of ``name`` that is one of our modules."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def import_graph() -> dict[str, set[str]]:
    """module → the pipeline modules it imports (anywhere in its source)."""
    modules = module_names()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_pkg = path.name == "__init__.py"
        package = name if is_pkg else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{a.name}" for a in node.names]
            for t in targets:
                dep = _resolve(t, modules)
                # "pipeline" itself is only the namespace every module lives in
                if dep and dep != name and dep != "pipeline":
                    deps.add(dep)
        graph[name] = deps
    return graph


def test_the_graph_reader_sees_function_level_imports():
    graph = import_graph()
    assert "pipeline.glossary.enforce" in graph["pipeline.glossary"]  # imported inside a function
    assert "pipeline.glossary.load" in graph["pipeline.build"]  # imported under TYPE_CHECKING


def test_import_graph_is_acyclic():
    try:
        order = list(TopologicalSorter(import_graph()).static_order())
    except CycleError as exc:
        cycle = " → ".join(exc.args[1])
        raise AssertionError(f"import cycle in pipeline/: {cycle}") from None
    assert len(order) == len(module_names())


def test_each_module_imports_alone():
    """Each module in a clean state (no other pipeline module loaded yet)."""
    names = sorted(module_names())
    script = (
        "import importlib, sys\n"
        "bad = []\n"
        f"for name in {names!r}:\n"
        "    for m in [m for m in sys.modules if m == 'pipeline' or m.startswith('pipeline.')]:\n"
        "        del sys.modules[m]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        bad.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print('\\n'.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
