"""The NK-HanDic word table behind the Yanbian norm stage (real dictionary, real data)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.korean import dictionary

GOLDEN = Path(__file__).parent / "golden"


def _rows(name: str) -> list[list[str]]:
    lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


DECISIONS = _rows("dictionary_decisions.tsv")


def test_nkhandic_is_installed_and_parsed():
    assert dictionary.sys_dic_path() is not None
    tab = dictionary.table()
    assert len(tab.words) > 50_000 and len(tab.sino) > 5_000 and len(tab.restorable) > 2_000


@pytest.mark.parametrize("south, expected", DECISIONS, ids=[r[0] for r in DECISIONS])
def test_restore_decisions(south, expected):
    """South form → the Yanbian form restored without a source ("-": left alone)."""
    hit = dictionary.table().restore(south)
    assert (hit.yanbian if hit else "-") == expected


def test_restorable_readings_are_character_readings():
    from pipeline.korean.reading import char_readings
    from pipeline.korean.style import south_form

    for south, r in list(dictionary.table().restorable.items())[:3000]:
        assert south_form(r.yanbian) == south != r.yanbian
        assert all(syl in char_readings(ch) for syl, ch in zip(r.yanbian, r.hanja)), r


def test_table_is_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dictionary.table.cache_clear()
    try:
        first = dictionary.table()
        assert list((tmp_path / "zhko").glob("nkhandic-table-*.pickle"))
        dictionary.table.cache_clear()
        assert dictionary.table().restorable == first.restorable
    finally:
        dictionary.table.cache_clear()


def test_help_does_not_load_the_dictionary():
    code = ("import sys, runpy; sys.argv=['zhko','--help']\n"
            "try:\n runpy.run_module('pipeline', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "assert 'pipeline.korean.dictionary' not in sys.modules and 'jieba' not in sys.modules, 'heavy import'")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
