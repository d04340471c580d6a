"""The bench's South-norm converter (bench/korean_norm.py) must not invent South
forms that no South Korean text contains (it is the measure of restoration).

Short made-up phrases, not bench sentences."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HANJA_TXT = Path("/usr/share/libhangul/hanja/hanja.txt")
pytestmark = pytest.mark.skipif(not HANJA_TXT.exists(), reason="libhangul-data is not installed")


@functools.cache
def _bench():
    spec = importlib.util.spec_from_file_location("bench_korean_norm", ROOT / "bench" / "korean_norm.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    "yanbian",
    [
        "양로원에",  # 양로원 (養老院): 로 is inside the word, not 양|로원
        "현양로원에",  # 현|양로원 is as short as 현양|로원: doubtful, left alone
        "마무리하며",  # native 마무리, not 마무 + 리하 (李賀)
        "십여년전",  # 년 after a numeral is a counter (십여 년 전)
        "수년간",
        "감독관리부문은",  # 감독|관리|부문, not 감독관|리부|문
        "악세력제거",  # 악|세력|제거, not 악세|력제|거
        "20%로부터",  # a particle attached to a number and a sign, not 路部 + 터
        "‘강’로부터",
        # b21: a native verb/adjective stem spans the morpheme start (NK-HanDic VV/VA)
        "기다리지",  # 기다리 + 지, not 幾多 + 理智 → 기다이지
        "기다리고",
        "간추리면서",
        # b21: an ending / the copula / an adjective suffix after a noun is no morpheme
        "추세라면서",  # -라면서, not 懶眠 + 서 → 추세나면서
        "흥미로우며",  # -롭다, not 老友 + 며 → 흥미노우며
        "흥미로운",
        # b21: the copula after a noun is -여/-였 in the south too
        "상태여서",  # not 상태어서
        "중심지였다",  # not 중심지었다
        "기회였다.",
        # b21: a known longer word (NK-HanDic noun) beats the greedy split
        "약품감독관리국",  # 감독|관리국, not 감독관|리국 → 관이국
        "총경리인",  # 총경리 + 인, not 총경 + 里人
        "최근년간",  # b21: 년 + 간/래 is the counter (south 최근 몇 년간), not 年間 → 최근연간
        "최근년래",
        "중로년모델",  # 모델 (an NK-HanDic noun) scores the split too: not 중로 + 年暮 → 중로연모델
    ],
)
def test_converter_invents_no_south_form(yanbian: str) -> None:
    south, gold = _bench().to_south(yanbian)
    assert south == yanbian and gold == []


@pytest.mark.parametrize(
    ("yanbian", "south"),
    [
        ("조선족로인협회", "조선족노인협회"),  # 조선족|로인|협회 is the only short segmentation
        ("인원류동이", "인원유동이"),  # the final particle is not scored as a morpheme
        ("련합지휘부", "연합지휘부"),
        ("로동자", "노동자"),
        ("라지오방송을", "라디오방송을"),
        ("학생이였다", "학생이었다"),  # b21: 이 is the copula itself after a consonant
        ("20명이였다", "20명이었다"),
        ("되였다", "되었다"),  # a verb stem: the -였 rule still applies
        ("보내였다", "보내었다"),  # 보내 is a verb (longer than any noun ending there)
        ("독거로인들도", "독거노인들도"),  # 로인 + 들도: the word, not 로 + 인 + 들 + 도
        ("문화력사자료", "문화역사자료"),  # 력사 is a common word: 문화력 does not hide it
        ("정치리론학습을", "정치이론학습을"),  # a Hanja-less village name (정치리) does not hide 리론  # the loanword (the list reversed), not 裸地 + 오 → 나지오
    ],
)
def test_converter_still_makes_real_south_forms(yanbian: str, south: str) -> None:
    out, gold = _bench().to_south(yanbian)
    assert out == south and gold


def test_score_counts_no_damage_inside_a_marked_departure() -> None:
    # made-up phrase: the paper printed 킬로미터 (a departure from the norm's 킬로메터),
    # marked in a third column; the stage writing 킬로메터 there is not damage (d)
    bench = _bench()
    real = "75킬로메터에 이른다"
    bench.norm_fixes[real] = [("킬로미터", "킬로메터")]
    try:
        pos = bench.departure_positions(real)
        assert pos == frozenset(range(2, 6))
        south = "75킬로미터에 이른다"  # a converter that kept the paper's form: no gold there
        out = real
        assert bench.score(real.replace("메", "미"), south, [], out)[2] == 1
        assert bench.score(real.replace("메", "미"), south, [], out, pos)[2] == 0
    finally:
        del bench.norm_fixes[real]
