"""Matching: longest first, non-overlapping, leftmost, priority, word boundaries."""

from __future__ import annotations

import time

import pytest

from pipeline.glossary.load import Entry, Glossary


def g(*specs: tuple) -> Glossary:
    entries = []
    for i, spec in enumerate(specs, 1):
        zh, ko, *rest = spec
        opts = rest[0] if rest else {}
        entries.append(Entry(zh=zh, ko=ko, file="t.yaml", line=i, **opts))
    return Glossary(entries)


def found(glossary: Glossary, text: str) -> list[str]:
    return [text[m.start:m.end] for m in glossary.find(text)]


def test_nested_longest_wins(glossary) -> None:
    text = "州委副书记、州长金寿浩出席会议并讲话。州长说。"
    assert found(glossary, text) == ["州委副书记、州长", "金寿浩", "出席会议", "州长"]
    m = glossary.find(text)[0]
    assert (m.start, m.end, m.entry.ko) == (0, 8, "주당위 부서기이며 주장")


def test_city_with_and_without_unit(glossary) -> None:
    assert [m.entry.ko for m in glossary.find("延吉市和延吉、图们市")] == ["연길시", "연길", "도문시"]


def test_variants_match(glossary) -> None:
    ms = glossary.find("習近平和州疫情防控领导小组")
    assert [(m.entry.zh, m.entry.ko) for m in ms] == [
        ("习近平", "습근평"), ("州疫情防控工作领导小组", "주전염병예방통제사업지도소조")]


def test_partial_overlap_same_priority_longest_then_leftmost() -> None:
    gl = g(("疫情防控", "A"), ("防控工作", "B"), ("防控工作组", "C"))
    assert [m.entry.ko for m in gl.find("疫情防控工作")] == ["A"]  # same length: leftmost
    assert [m.entry.ko for m in gl.find("疫情防控工作组")] == ["C"]  # longer wins


def test_priority_decides_partial_overlap() -> None:
    gl = g(("疫情防控", "A"), ("防控工作", "B", {"priority": 1}))
    assert [(m.start, m.entry.ko) for m in gl.find("疫情防控工作")] == [(2, "B")]


def test_longwell_priority_over_helong(glossary) -> None:
    assert [m.entry.ko for m in glossary.find("延吉和龙井")] == ["연길", "룡정"]
    assert [m.entry.ko for m in glossary.find("和龙市和龙井市")] == ["화룡시", "룡정시"]


@pytest.mark.parametrize("text, expected", [
    ("做好工作。", ["工作"]),
    ("对下步工作进行再研究", ["工作"]),
    ("医务工作者", []),  # inside a longer word
    ("工作人员", ["工作人员"]),  # a longer entry, not the word entry
    ("当前头等大事", ["当前"]),
    ("work 工作 work", ["工作"]),
])
def test_word_match(glossary, text: str, expected: list[str]) -> None:
    assert found(glossary, text) == expected


def test_substring_entry_matches_inside_words() -> None:
    gl = g(("防控", "방역"))
    assert found(gl, "疫情防控工作") == ["防控"]
    gl = g(("防控", "방역", {"match": "word"}))
    assert found(gl, "联防联控，防控。") == ["防控"]


def test_only_approved_entries_match() -> None:
    gl = g(("习近平", "시진핑", {"status": "forbidden"}), ("核酸检测", "핵산검측", {"status": "proposed"}))
    assert gl.find("习近平 核酸检测") == []


def test_thousands_of_entries_fast() -> None:
    entries = [(f"词{i:05d}号", f"어{i}") for i in range(5000)]
    gl = g(*entries)
    text = "".join(f"在词{i:05d}号之后" for i in range(0, 5000, 7)) * 5
    t0 = time.perf_counter()
    ms = gl.find(text)
    elapsed = time.perf_counter() - t0
    assert len(ms) == 5 * len(range(0, 5000, 7))
    assert elapsed < 2.0


def test_a_glossary_term_beats_a_detected_name():
    from pipeline.glossary.entry import Entry, Match
    from pipeline.glossary.match import names_outside
    from pipeline.korean.names import NameSpan

    e = Entry(zh="金寿浩", ko="김수호", file="people.yaml", line=1)
    matches = [Match(2, 5, e)]
    names = [NameSpan(0, 2, "州长", "person"), NameSpan(3, 6, "寿浩在", "person"),
             NameSpan(5, 7, "在延", "place"), NameSpan(2, 5, "金寿浩", "person")]
    assert names_outside(matches, names) == [names[0], names[2]]
    assert names_outside([], names) == names
