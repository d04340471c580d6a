"""The bench's ceiling classes (bench/korean_norm.py ``ambiguity``): a gold change is ambiguous
without a source when the South form the converter wrote is itself a Yanbian-norm spelling of
another word or name. Short made-up phrases, not bench sentences."""

from __future__ import annotations

import pytest

from pipeline.korean import dictionary

from .test_bench_converter import HANJA_TXT, _bench

pytestmark = pytest.mark.skipif(not HANJA_TXT.exists() or dictionary.sys_dic_path() is None,
                                reason="libhangul-data or NK-HanDic is not installed")


@pytest.mark.parametrize(
    ("yanbian", "why"),
    [
        ("로력이 모자란다.", "word"),  # 노력 is 努力 as written, about as frequent as 勞力 로력
        ("리상이 있다.", "word"),  # 이상 以上, far more frequent than 理想 리상
        ("년중 개방한다.", "readings"),  # 연중: 年中 년중 or 連中 련중
        ("류상룡이 우승했다.", "name"),  # surname 유: 兪 유 as well as 柳/劉 류
        ("림연홍학생이 수상했다.", "name"),  # surname 임: 任 임 as well as 林 림
        ("력사를 배운다.", ""),  # 驛舍 역사 is far rarer than 歷史 력사
        ("량식생산기지", ""),  # inside a compound: the other words are context
        ("녀성이 있다.", ""),  # 여성 is no word as written
        ("되였다", ""),  # the -였 rule: no morpheme
    ],
)
def test_ambiguity(yanbian: str, why: str) -> None:
    import pipeline.korean.style  # noqa: F401  (textnames needs the stage's words)

    bench = _bench()
    south, gold = bench.to_south(yanbian)
    assert len(gold) == 1
    assert bench.ambiguity(south, gold[0]) == why


def test_ceiling_counts() -> None:
    """``ceiling`` counts restored and all changes per class; the stage's output decides restored."""
    import pipeline.korean.style  # noqa: F401

    bench = _bench()
    rows = []
    for yanbian, out in (("로력이 모자란다.", "로력이 모자란다."), ("력사를 배운다.", "역사를 배운다.")):
        south, gold = bench.to_south(yanbian)
        rows.append((south, gold, out))
    c = bench.ceiling(rows)
    assert c["ambiguous"] == [1, 1] and c["decidable"] == [0, 1] and c["classes"] == {"word": 1}
