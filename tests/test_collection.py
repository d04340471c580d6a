"""Every test file under ``tests/`` is collected by ``make test``.

pytest silently skips whole folders by name (its default ``norecursedirs``
holds ``build``, ``dist``, ``venv``, ``.*`` …): ``tests/build/`` once went
unrun for that reason while its tests guarded the README's promises about
interruptions and rebuilds. This runs the same collection ``make test`` runs
(``pytest`` with the project's configuration, no arguments) in a subprocess
and compares the files it collected with the ``test_*.py`` files on disk.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"


def collected_files() -> set[str]:
    """Test files (relative to the project root) that a plain ``pytest`` collects."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return {line.split("::", 1)[0] for line in proc.stdout.splitlines() if "::" in line}


def files_on_disk() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in TESTS.rglob("test_*.py")
            if "__pycache__" not in p.parts}


def test_every_test_file_is_collected():
    on_disk = files_on_disk()
    assert "tests/test_collection.py" in on_disk and len(on_disk) > 40  # the glob itself works
    missing = sorted(on_disk - collected_files())
    assert not missing, ("test files that `make test` never runs (a folder pytest skips by "
                         f"name, e.g. 'build', or a file without tests): {', '.join(missing)}")
