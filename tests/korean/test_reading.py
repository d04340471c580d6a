"""Hanja readings in the Yanbian norm (golden/readings.tsv) and the exceptions table."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.korean.reading import Reading, exceptions, read_korean

GOLDEN = Path(__file__).parent / "golden"
ROWS = [ln.split("\t") for ln in (GOLDEN / "readings.tsv").read_text("utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("zh, kind, ko", ROWS, ids=[f"{r[0]}-{r[1]}" for r in ROWS])
def test_reading(zh, kind, ko):
    r = read_korean(zh, None if kind == "-" else kind)
    assert isinstance(r, Reading)
    assert r.ko == ko


#: Names whose plain reading is right: they must come from the algorithm.
ALGORITHMIC = ["习近平", "金寿浩", "田锦尘", "黑龙江", "延边朝鲜族自治州", "延吉", "图们",
               "敦化", "龙井", "和龙", "汪清", "安图", "宁波", "领导小组"]


@pytest.mark.parametrize("zh", ALGORITHMIC)
def test_exceptions_hold_only_true_exceptions(zh):
    assert not any(k in zh for k in exceptions()), zh


def test_every_exception_differs_from_the_plain_reading():
    """An exception equal to its plain reading is dead weight that hides bugs."""
    for zh, ko in exceptions().items():
        r = read_korean(zh, "place")
        assert r.ko == ko
        assert r.alternatives and r.alternatives[0] != ko, zh


def test_exceptions_file_is_a_plain_mapping():
    from pipeline.korean import reading

    data = yaml.safe_load((reading.DATA / "exceptions.yaml").read_text("utf-8"))
    assert isinstance(data, dict) and {"哈尔滨", "齐齐哈尔", "牡丹江", "珲春", "呼和浩特"} <= set(data)


def test_no_initial_sound_rule_and_no_translate():
    # hanja.translate would give 이강 / 금수호 / 노동
    assert read_korean("李强", "person").ko == "리강"
    assert read_korean("金寿浩", "person").ko == "김수호"
    assert read_korean("劳动").ko == "로동"


def test_surname_only_in_first_position():
    assert read_korean("李金", "person").ko == "리금"


def test_kind_place_does_not_use_surname_reading():
    assert read_korean("金昌", "place").ko == "금창"


def test_ambiguous_character_is_flagged_with_alternatives():
    r = read_korean("茶")
    assert r.ko == "차" and r.alternatives == ["다"] and r.flags


def test_rule_resolved_polyphone_is_not_flagged():
    r = read_korean("效率")
    assert r.ko == "효률" and not r.flags and "효솔" in r.alternatives


def test_non_han_passes_through():
    assert read_korean("G20峰会").ko == "G20봉회"


def test_unknown_kind_rejected():
    with pytest.raises(ValueError):
        read_korean("金", "animal")
