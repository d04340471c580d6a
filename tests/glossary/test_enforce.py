"""Enforcement with a scripted translator that loses placeholders on purpose."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import importlib.util
import sys

import pytest

from pipeline.errors import ModelError
from pipeline.glossary import translate_segments
from pipeline.glossary.load import Entry, Glossary
from pipeline.model import Segment

ROOT = Path(__file__).resolve().parents[2]


def _scripted():
    """scripted.py, loaded by path (pytest's importlib mode has no test packages)."""
    name = "zhko_tests_glossary_scripted"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parent / "scripted.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


_S = _scripted()
Scripted, keep, drop, drop_first, duplicate, mangle = (
    _S.Scripted, _S.keep, _S.drop, _S.drop_first, _S.duplicate, _S.mangle)
S1 = "1月20日，省委常委、州委书记田锦尘主持召开州疫情防控领导小组第二十五次会议。"


def seg(zh: str, sid: str = "t/p1/s1", chunks: list[str] | None = None) -> Segment:
    return Segment(id=sid, zh=zh, chunks=list(chunks or []))


def assert_all_terms_present(s: Segment) -> None:
    need = Counter(t.ko for t in s.terms)
    for ko, n in need.items():
        assert s.ko.count(ko) >= n, (s.id, ko, s.ko)
    for t in s.terms:
        assert s.zh[t.start:t.end] == t.zh
        assert t.status != "violated"


def test_kept_when_placeholders_survive(glossary) -> None:
    s = seg(S1)
    tr = Scripted(keep)
    translate_segments([s], tr, glossary)
    assert len(tr.calls) == 1  # nothing to repair: no second call
    assert s.ko_raw == "1月20日，Z1X、Z2XZ3X主持Z4XZ5X第二十五次会议。"
    assert [(t.zh, t.ko, t.status, t.strategy) for t in s.terms] == [
        ("省委常委", "성당위 상무위원", "kept", "placeholder"),
        ("州委书记", "주당위 서기", "kept", "placeholder"),
        ("田锦尘", "전금진", "kept", "placeholder"),
        ("召开", "소집", "kept", "placeholder"),
        ("州疫情防控领导小组", "주전염병예방통제사업지도소조", "kept", "placeholder"),
    ]
    assert s.terms[2].entry_id.startswith("people.yaml:") and s.terms[2].kind == "person"
    assert_all_terms_present(s)


@pytest.mark.parametrize("behaviour", [drop, duplicate, mangle], ids=["drop", "duplicate", "mangle"])
def test_split_repair(glossary, behaviour) -> None:
    s = seg(S1)
    tr = Scripted(behaviour, keep)
    translate_segments([s], tr, glossary)
    assert len(tr.calls) == 2
    assert {t.status for t in s.terms} == {"repaired"}
    assert {t.strategy for t in s.terms} == {"split"}
    assert_all_terms_present(s)
    assert "Z1X" not in s.ko and "제트" not in s.ko
    assert s.ko.count("전금진") == 1  # a duplicated placeholder does not duplicate the term
    # the repair call translated the text around the terms, not the terms
    assert "主持" in tr.calls[1] and "第二十五次会议。" in tr.calls[1]


def test_insert_when_the_repair_loses_a_placeholder_again(glossary) -> None:
    s = seg(S1)
    tr = Scripted(drop_first, drop)
    translate_segments([s], tr, glossary)
    status = {t.zh: (t.status, t.strategy) for t in s.terms}
    assert status["省委常委"] == ("repaired", "split")
    assert status["田锦尘"] == ("inserted", "insert")
    assert status["州疫情防控领导小组"] == ("inserted", "insert")
    assert_all_terms_present(s)
    # inserted at the proportional position: order of the source kept
    assert s.ko.index("전금진") < s.ko.index("주전염병예방통제사업지도소조")


def test_one_batched_call_for_all_segments(glossary) -> None:
    segs = [seg("习近平总书记讲话。", "t/p1/s1"), seg("金寿浩出席会议。", "t/p1/s2"), seg("", "t/p1/s3"),
            seg("金寿浩强调。", "t/p1/s4")]
    tr = Scripted(drop, keep)
    translate_segments(segs, tr, glossary)
    assert len(tr.calls) == 2
    # empty and terms-only segments are not sent; the rest go in one call
    assert tr.calls[0] == ["Z1X讲话。", "Z1X强调。"]
    assert tr.calls[1] == ["讲话。", "强调。"]
    assert segs[2].ko == "" and segs[2].terms == []
    assert segs[0].ko == "습근평 총서기 讲话。"
    assert segs[1].ko == "김수호 회의에 참석했다."  # 。 → . needs no MT


def test_chunks_translated_separately_and_joined(glossary) -> None:
    s = seg("田锦尘指出，当前形势严峻。", chunks=["田锦尘指出，", "当前形势严峻。"])
    tr = Scripted(keep)
    translate_segments([s], tr, glossary)
    assert tr.calls[0] == ["Z1X指出，", "Z1X形势严峻。"]
    assert s.ko == "전금진指出， 당면形势严峻。"
    assert [(t.zh, t.start, t.end) for t in s.terms] == [("田锦尘", 0, 3), ("当前", 6, 8)]


def test_chunk_boundary_inside_a_term_merges_the_chunks(glossary) -> None:
    s = seg("会议由田锦尘主持。", chunks=["会议由田锦", "尘主持。"])
    tr = Scripted(keep)
    translate_segments([s], tr, glossary)
    assert tr.calls[0] == ["会议由Z1X主持。"]
    assert s.terms[0].zh == "田锦尘" and s.terms[0].status == "kept"


def test_names_are_enforced_and_proposed(glossary) -> None:
    zh = "李明和金寿浩出席会议。"
    names = {"t/p1/s1": [(0, 2, "李明", "리명", "person"),
                         (3, 6, "金寿浩", "금수호", "person"),  # the glossary wins
                         (0, 1, "王", "왕", "person")]}  # stale span: ignored
    for behaviour in (keep, drop):
        s = seg(zh)
        translate_segments([s], Scripted(behaviour, keep), glossary, names=names)
        hit = s.terms[0]
        assert (hit.zh, hit.ko, hit.status, hit.entry_id) == ("李明", "리명", "proposed", "reading:李明")
        assert [t.ko for t in s.terms] == ["리명", "김수호", "회의에 참석했다"]
        assert "리명" in s.ko and "금수호" not in s.ko


def test_names_as_a_parallel_list(glossary) -> None:
    s = seg("李明说。")
    translate_segments([s], Scripted(keep), glossary, names=[[(0, 2, "李明", "리명", "person")]])
    assert s.ko == "리명说。" and s.terms[0].status == "proposed"


def test_particle_after_restored_term(glossary) -> None:
    s = seg("习近平强调。")
    translate_segments([s], Scripted(lambda t: t.replace("Z1X", "Z1X가 강조했다")), glossary)
    assert s.ko.startswith("습근평이 강조했다")


def test_forbidden_rendering_replaced(glossary) -> None:
    s = seg("主席在延边讲话。")
    tr = Scripted(keep, extra=lambda t: t.replace("主席", "시진핑 주석 ").replace("在", "옌볜에서 "))
    translate_segments([s], tr, glossary)
    assert "시진핑" not in s.ko and "습근평 주석" in s.ko
    assert "옌볜" not in s.ko
    assert [(f.check, f.severity) for f in s.findings] == [("forbidden", "info"), ("forbidden", "info")]
    assert s.findings[0].segment == "t/p1/s1"


def test_forbidden_without_approved_is_critical() -> None:
    gl = Glossary([Entry(zh="朝鲜", ko="북한", file="t.yaml", line=1, status="forbidden")])
    s = seg("朝鲜。")
    translate_segments([s], Scripted(lambda t: "북한."), gl)
    assert s.findings == []
    (hit,) = s.terms
    assert (hit.zh, hit.ko, hit.start, hit.end, hit.status, hit.strategy, hit.entry_id) == (
        "朝鲜", "북한", 0, 2, "violated", "forbidden", "t.yaml:1")
    from pipeline.qa import check_segment

    (f,) = check_segment(s)
    assert (f.check, f.severity) == ("forbidden", "critical")
    assert str(f) == ("t/p1/s1: forbidden rendering 북한 (t.yaml:1) in the Korean and no "
                         "approved rendering of 朝鲜 to replace it")


def test_translator_returning_wrong_count_is_a_model_error(glossary) -> None:
    class Bad:
        def translate(self, texts):
            return []

    with pytest.raises(ModelError, match="0 outputs for 1 inputs"):
        translate_segments([seg("你好")], Bad(), glossary)


def _sample_sentences() -> list[str]:
    text = (ROOT / "examples" / "yanbian-fabu-2021-01-21.txt").read_text(encoding="utf-8")
    text = text.replace(",", "，").replace(":", "：")
    return [s for s in re.split(r"(?<=[。！？])|\n", text) if s.strip()]


@pytest.mark.parametrize("behaviours", [(keep,), (drop, keep), (mangle, mangle), (duplicate, drop),
                                        (drop_first, drop)], ids=["keep", "drop", "mangle",
                                                                  "duplicate", "drop-twice"])
def test_whole_sample_every_term_present(glossary, behaviours) -> None:
    segs = [seg(z, f"t/p1/s{i}") for i, z in enumerate(_sample_sentences(), 1)]
    translate_segments(segs, Scripted(*behaviours), glossary)
    n = 0
    for s in segs:
        assert_all_terms_present(s)
        n += len(s.terms)
        for f in glossary.forbidden:
            assert f.ko not in s.ko
    assert n == len(glossary.find("\n".join(z.zh for z in segs)))
    assert n > 80


def test_a_unit_of_only_terms_needs_no_translation(glossary) -> None:
    s = seg("田锦尘：")
    tr = Scripted(drop)
    translate_segments([s], tr, glossary)
    assert tr.calls == []  # nothing to translate, nothing the model could lose
    assert s.ko == "전금진:" and s.terms[0].status == "kept"


def test_rerun_does_not_pile_up_findings(glossary) -> None:
    s = seg("主席讲话。")
    tr = Scripted(keep, extra=lambda t: t.replace("主席", "시진핑 "))
    translate_segments([s], tr, glossary)
    translate_segments([s], tr, glossary)
    assert [f.check for f in s.findings] == ["forbidden"]


@pytest.mark.parametrize("text, share, expected", [
    ("가 나 다 라", 0.0, "습근평 가 나 다 라"),
    ("가 나 다 라", 1.0, "가 나 다 라 습근평"),
    ("가 나 다 라", 0.5, "가 나 습근평 다 라"),
    ("", 0.5, "습근평"),
    # never inside a term that contains spaces
    ("가 전염병 예방, 통제 나", 0.5, "가 전염병 예방, 통제 습근평 나"),
])
def test_insert_at(text: str, share: float, expected: str) -> None:
    from pipeline.glossary.enforce import insert_at

    assert insert_at(text, "습근평", share, avoid=["전염병 예방, 통제"]) == expected


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_NAMES = sorted(_S.BEHAVIOURS)


@settings(max_examples=60, deadline=None)
@given(first=st.sampled_from(_NAMES), second=st.sampled_from(_NAMES),
       picks=st.lists(st.integers(0, 10_000), min_size=1, max_size=4))
def test_any_misbehaviour_keeps_every_term(glossary, first, second, picks) -> None:
    sentences = _sample_sentences()
    segs = [seg(sentences[p % len(sentences)], f"t/p1/s{i}") for i, p in enumerate(picks)]
    translate_segments(segs, Scripted(_S.BEHAVIOURS[first], _S.BEHAVIOURS[second]), glossary)
    for s in segs:
        assert_all_terms_present(s)
        assert len(s.terms) == len(glossary.find(s.zh))
        assert "시진핑" not in s.ko
