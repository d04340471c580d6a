"""Particle agreement after a restored term: table-driven."""

from __future__ import annotations

import pytest

from pipeline.glossary.particles import fix_particles, term_spans

# (term, Korean as the model left it, expected)
CASES = [
    # 이/가
    ("습근평", "습근평가 강조했다", "습근평이 강조했다"),
    ("김수호", "김수호이 강조했다", "김수호가 강조했다"),
    ("전금진", "전금진이 지적했다", "전금진이 지적했다"),
    ("연길", "연길가 좋다", "연길이 좋다"),
    # 은/는
    ("습근평", "습근평는 말했다", "습근평은 말했다"),
    ("김수호", "김수호은 말했다", "김수호는 말했다"),
    ("지도소조", "지도소조은", "지도소조는"),
    ("당중앙", "당중앙는, 국무원은", "당중앙은, 국무원은"),
    # 을/를
    ("핵산검사", "핵산검사을 했다", "핵산검사를 했다"),
    ("밀접접촉자", "밀접접촉자을 격리", "밀접접촉자를 격리"),
    ("음력설", "음력설를 쇠다", "음력설을 쇠다"),
    ("국무원", "국무원을 통해", "국무원을 통해"),
    # 와/과
    ("당중앙", "당중앙와 국무원", "당중앙과 국무원"),
    ("사업", "사업와 생활", "사업과 생활"),
    ("김수호", "김수호과 함께", "김수호와 함께"),
    ("사업", "사업과의 관계", "사업과의 관계"),
    ("김수호", "김수호과의 회담", "김수호와의 회담"),
    # 으로/로 (ㄹ takes 로)
    ("연길", "연길으로 갔다", "연길로 갔다"),
    ("흑룡강", "흑룡강로 갔다", "흑룡강으로 갔다"),
    ("할빈", "할빈로", "할빈으로"),
    ("도문시", "도문시으로", "도문시로"),
    ("음력설", "음력설으로", "음력설로"),
    ("왕청현", "왕청현로는", "왕청현으로는"),
    ("지도소조", "지도소조으로서", "지도소조로서"),
    ("국무원", "국무원로부터", "국무원으로부터"),
    # 이나/나, 이랑/랑, 아/야
    ("습근평", "습근평나 김수호", "습근평이나 김수호"),
    ("김수호", "김수호이나 전금진", "김수호나 전금진"),
    ("습근평", "습근평랑", "습근평이랑"),
    ("김수호", "김수호이랑", "김수호랑"),
    ("전금진", "전금진야!", "전금진아!"),
    ("김수호", "김수호아!", "김수호야!"),
    # copula: only fixed after a closed syllable
    ("습근평", "습근평다.", "습근평이다."),
    ("김수호", "김수호다.", "김수호다."),
    ("김수호", "김수호이다.", "김수호이다."),
    ("주장", "주장며 서기", "주장이며 서기"),
    ("부서기", "부서기이며 주장", "부서기이며 주장"),
    ("습근평", "습근평였다", "습근평이었다"),
    ("습근평", "습근평라고 말했다", "습근평이라고 말했다"),
    # digits and Latin letters (hangulpy reads them)
    ("COVID-19", "COVID-19이 확산", "COVID-19가 확산"),
    ("2021", "2021으로", "2021로"),
    ("3", "3로", "3으로"),
    ("10", "10가", "10이"),
    ("AI", "AI을", "AI를"),
    ("PCR", "PCR는", "PCR은"),
    # not particles: compounds, spaced words, nothing after
    ("사업", "사업과정", "사업과정"),
    ("습근평", "습근평 가족", "습근평 가족"),
    ("습근평", "습근평", "습근평"),
    ("핵산검사", "핵산검사능력", "핵산검사능력"),
    ("‘외부 류입 방지, 내부 반등 방지’", "‘외부 류입 방지, 내부 반등 방지’을", "‘외부 류입 방지, 내부 반등 방지’를"),
]


@pytest.mark.parametrize("term, ko, expected", CASES)
def test_particle(term: str, ko: str, expected: str) -> None:
    assert fix_particles(ko, term_spans(ko, [term])) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_several_terms_in_one_sentence() -> None:
    ko = "습근평가 김수호을 만나 연길으로 갔다"
    spans = term_spans(ko, ["습근평", "김수호", "연길"])
    assert fix_particles(ko, spans) == "습근평이 김수호를 만나 연길로 갔다"


def test_a_term_right_after_a_term_is_never_changed() -> None:
    ko = "김수호이명박"  # 이명박 is a term, not the particle 이
    assert fix_particles(ko, term_spans(ko, ["김수호", "이명박"])) == ko
