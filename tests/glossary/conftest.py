"""Fixtures for the glossary tests: the project's glossary and the scripted
translator module (scripted.py; the real tiny Argos model is used in test_argos.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def glossary():
    from pipeline.glossary import load_glossary

    return load_glossary(ROOT / "glossaries")
