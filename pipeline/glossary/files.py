"""Which files make up a glossary folder (no YAML, no parsing: the
up-to-date check hashes them without loading the glossary)."""

from __future__ import annotations

from pathlib import Path


def glossary_files(directory: str | Path) -> list[Path]:
    """The files that make up the glossary: ``*.yaml`` and ``*.yml``, except
    dot-files (editor backups such as ``.#people.yaml``, macOS ``._`` files).

    WHY one function: the review page lists exactly these files, so what the
    build enforces is always what editors can see and change."""
    directory = Path(directory)
    return [p for p in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
            if not p.name.startswith(".")]
