"""The bench's South-norm converter (bench/korean_norm.py) must not invent South
forms that no South Korean text contains (it is the measure of restoration).

Short made-up phrases, not bench sentences."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HANJA_TXT = Path("/usr/share/libhangul/hanja/hanja.txt")
pytestmark = pytest.mark.skipif(not HANJA_TXT.exists(), reason="libhangul-data is not installed")


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
        ("라지오방송을", "라디오방송을"),  # the loanword (the list reversed), not 裸地 + 오 → 나지오
    ],
)
def test_converter_still_makes_real_south_forms(yanbian: str, south: str) -> None:
    out, gold = _bench().to_south(yanbian)
    assert out == south and gold
