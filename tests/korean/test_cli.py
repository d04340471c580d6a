"""``zhko reading`` and ``zhko ko-style`` through pipeline.cli.main."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from pipeline.cli import main

#: Every name and place of §4 of the Yanbian norm notes, with its reading.
SECTION4 = {
    "习近平": "습근평", "田锦尘": "전금진", "金寿浩": "김수호", "黑龙江": "흑룡강",
    "延边朝鲜族自治州": "연변조선족자치주", "延吉": "연길", "图们": "도문", "敦化": "돈화",
    "珲春": "훈춘", "龙井": "룡정", "和龙": "화룡", "汪清": "왕청", "安图": "안도",
    "延吉市": "연길시", "图们市": "도문시", "敦化市": "돈화시", "珲春市": "훈춘시",
    "龙井市": "룡정시", "和龙市": "화룡시", "汪清县": "왕청현", "安图县": "안도현",
    "哈尔滨": "할빈", "齐齐哈尔": "치치할", "牡丹江": "목단강", "呼和浩特": "훅호트",
}


def test_reading_prints_word_tab_reading(capsys):
    assert main(["reading", *SECTION4]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{zh}\t{ko}" for zh, ko in SECTION4.items()]


def test_reading_flags_in_brackets(capsys):
    main(["reading", "茶"])
    assert re.fullmatch(r"茶\t차 \[茶: 차/다\]\n", capsys.readouterr().out)


def test_reading_json(capsys):
    main(["reading", "--json", "哈尔滨", "茶"])
    a, b = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert a == {"zh": "哈尔滨", "ko": "할빈", "alternatives": ["합이빈"], "flags": []}
    assert b["alternatives"] == ["다"] and b["flags"]


def test_reading_kind(capsys):
    main(["reading", "--kind", "person", "金明"])
    main(["reading", "--kind", "place", "金明"])
    assert capsys.readouterr().out.splitlines() == ["金明\t김명", "金明\t금명"]


def test_reading_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["reading", "--help"])
    assert "examples:" in capsys.readouterr().out


def test_ko_style_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('노동자들이 "되었다"\n23290건\n'))
    assert main(["ko-style"]) == 0
    cap = capsys.readouterr()
    assert cap.out == "로동자들이 “되였다”\n2만 3290건\n"
    assert cap.err == ""


def test_ko_style_file_with_source_and_changes(tmp_path: Path, capsys):
    ko = tmp_path / "a.ko.txt"
    zh = tmp_path / "a.zh.txt"
    ko.write_text("입장을 밝혔다.\n입장을 밝혔다.\n", encoding="utf-8")
    zh.write_text("表明立场。\n入场。\n", encoding="utf-8")
    assert main(["ko-style", str(ko), "--zh", str(zh), "--changes"]) == 0
    cap = capsys.readouterr()
    assert cap.out == "립장을 밝혔다.\n입장을 밝혔다.\n"
    assert cap.err.splitlines() == ["line 1: dueum: 입장을 → 립장을"]


def test_ko_style_south(tmp_path: Path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("노동자들이 되었다", encoding="utf-8")
    main(["ko-style", str(f), "--style", "south"])
    assert capsys.readouterr().out == "노동자들이 되었다"


def test_ko_style_misaligned_source_is_an_error(tmp_path: Path, capsys):
    ko, zh = tmp_path / "k.txt", tmp_path / "z.txt"
    ko.write_text("가\n나\n", encoding="utf-8")
    zh.write_text("甲\n", encoding="utf-8")
    assert main(["ko-style", str(ko), "--zh", str(zh)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and str(zh) in err and "2" in err


def test_ko_style_missing_file(tmp_path: Path, capsys):
    assert main(["ko-style", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt" in capsys.readouterr().err


def test_ko_style_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["ko-style", "--help"])
    assert "examples:" in capsys.readouterr().out


def test_ko_style_whole_article_as_context(tmp_path: Path, capsys):
    """--zh-context: the Chinese article is evidence for every line, per character
    (粮 makes 양식 량식; without it 양식 alone is ambiguous and stays, while
    입장을 밝혔다 is 立場 by its neighbour, data/collocations.tsv)."""
    ko = tmp_path / "a.ko.txt"
    ko.write_text("양식이 넉넉하다.\n입장을 밝혔다.\n", encoding="utf-8")
    zh = tmp_path / "a.zh.txt"
    zh.write_text("粮食充足。\n他表明了立场。", encoding="utf-8")
    assert main(["ko-style", str(ko), "--zh-context", str(zh)]) == 0
    assert capsys.readouterr().out == "량식이 넉넉하다.\n립장을 밝혔다.\n"
    assert main(["ko-style", str(ko)]) == 0
    assert capsys.readouterr().out == "양식이 넉넉하다.\n립장을 밝혔다.\n"


def test_ko_style_context_and_aligned_source_exclude_each_other(tmp_path: Path, capsys):
    f = tmp_path / "x.txt"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["ko-style", str(f), "--zh", str(f), "--zh-context", str(f)])
    assert exc.value.code == 2



def test_ko_style_lines_are_one_article(tmp_path: Path, capsys):
    """A name restored in one line on its evidence is restored where a later
    line mentions it alone (rule article-name); --line-by-line does not."""
    f = tmp_path / "a.txt"
    f.write_text("합작사 사원 이명학에 따르면 수확이 좋았다.\n이명학은 마을을 도왔다.\n", encoding="utf-8")
    assert main(["ko-style", str(f), "--changes"]) == 0
    cap = capsys.readouterr()
    assert cap.out == "합작사 사원 리명학에 따르면 수확이 좋았다.\n리명학은 마을을 도왔다.\n"
    assert "line 2: article-name: 이명학 → 리명학" in cap.err.splitlines()
    assert main(["ko-style", str(f), "--line-by-line"]) == 0
    assert capsys.readouterr().out == "합작사 사원 리명학에 따르면 수확이 좋았다.\n이명학은 마을을 도왔다.\n"


@pytest.mark.parametrize("norm, expected", [
    ("auto", "유상민 회장은 이렇게 말했다."),      # one sentence: too short to judge, left
    ("south", "류상민 회장은 이렇게 말했다."),     # MT output: 劉/柳 is the dominant reading
    ("yanbian", "유상민 회장은 이렇게 말했다."),   # real Yanbian text: 유 is 兪
])
def test_ko_style_input_norm(tmp_path: Path, capsys, norm, expected):
    f = tmp_path / "a.txt"
    f.write_text("유상민 회장은 이렇게 말했다.", encoding="utf-8")
    assert main(["ko-style", str(f), "--input-norm", norm]) == 0
    assert capsys.readouterr().out == expected
