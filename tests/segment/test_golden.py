"""Golden-file tests: ingest → normalize → segment on whole articles.

Every crafted input in ``tests/segment/golden/`` and every bundled article in
``examples/`` (``*.txt``, ``*.md``, ``*.html``) has an expected
``golden/<input>.json`` holding ``Article.to_dict()`` (with the
path reduced to the file name) plus the RawArticle's ``line_of`` and
``dropped``. After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 uv run pytest tests/segment/test_golden.py
    git diff tests/segment/golden/
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.ingest import read_article
from pipeline.normalize import normalize_article
from pipeline.segment import segment_article

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = Path(__file__).parents[2] / "examples"
SUFFIXES = {".txt", ".md", ".html"}
INPUTS = sorted((p for folder in (GOLDEN, EXAMPLES) for p in folder.iterdir() if p.suffix in SUFFIXES),
                key=lambda p: p.name)


def run_pipeline(src: Path) -> dict:
    raw = normalize_article(read_article(src))
    article = segment_article(raw).to_dict()
    article["path"] = src.name  # independent of where the checkout lives
    return {"article": article, "line_of": raw.line_of, "dropped": raw.dropped}


def test_golden_inputs_exist():
    assert {p.suffix for p in INPUTS} == SUFFIXES
    assert any(p.parent == EXAMPLES for p in INPUTS) and any(p.parent == GOLDEN for p in INPUTS)


@pytest.mark.parametrize("src", INPUTS, ids=lambda p: p.name)
def test_golden(src: Path):
    got = run_pipeline(src)
    expected_file = GOLDEN / (src.name + ".json")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert expected_file.exists(), f"{expected_file.name} missing: run with UPDATE_GOLDEN=1 and review it"
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert got == expected
