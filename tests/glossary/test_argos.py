"""Enforcement with the REAL tiny Argos models (random weights, CTranslate2).

Random weights turn every placeholder into garbage, so this is the worst case
the newsroom's promise must survive: 100% of approved term occurrences of the
sample present in their aligned Korean, each kept, repaired or inserted, and no
forbidden rendering anywhere — through a direct model and through a pivot.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.glossary import translate_segments
from pipeline.model import Segment

ROOT = Path(__file__).resolve().parents[2]


def _sample_segments() -> list[Segment]:
    text = (ROOT / "examples" / "yanbian-fabu-2021-01-21.txt").read_text(encoding="utf-8")
    text = text.replace(",", "，").replace(":", "：")
    body = text[text.index("【头条】"):text.index("延边发布客户端")]
    sentences = [s for s in re.split(r"(?<=[。！？])|\n", body) if s.strip()]
    return [Segment(id=f"sample/p1/s{i}", zh=s) for i, s in enumerate(sentences, 1)]


@pytest.mark.parametrize("route", ["argos_dir_direct", "argos_dir_pivot"])
def test_every_approved_term_survives_the_real_model(route, request, glossary) -> None:
    from pipeline.translate.argos import make_translator

    translator = make_translator(packages_dir=request.getfixturevalue(route), beam_size=1)
    segs = _sample_segments()
    expected = sum(len(glossary.find(s.zh)) for s in segs)
    assert expected > 80

    translate_segments(segs, translator, glossary)

    total = 0
    statuses: Counter[str] = Counter()
    for s in segs:
        assert s.ko and s.ko_raw, s.id
        for ko, n in Counter(t.ko for t in s.terms).items():
            assert s.ko.count(ko) >= n, (s.id, ko, s.ko)
        for t in s.terms:
            assert s.zh[t.start:t.end] == t.zh
            statuses[t.status] += 1
        for f in glossary.forbidden:
            assert f.ko not in s.ko, (s.id, f.ko)
        total += len(s.terms)
    assert total == expected
    assert set(statuses) <= {"kept", "repaired", "inserted"}
    assert statuses["repaired"] + statuses["inserted"] > 0  # random weights do mangle them
