"""Placeholders: shape, tolerant restore, and the protect→restore identity."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.glossary.load import Entry, Match
from pipeline.glossary.protect import protect, restore, restore_counts


def _match(text: str, start: int, end: int, ko: str | None = None) -> Match:
    return Match(start, end, Entry(zh=text[start:end], ko=ko if ko is not None else text[start:end],
                                   file="t.yaml", line=1))


def test_placeholders_have_no_underscores() -> None:
    protected, slots = protect("习近平说", [_match("习近平说", 0, 3, "습근평")])
    assert protected == "Z1X说" and "_" not in protected
    assert slots[0].zh == "习近平" and slots[0].ko == "습근평" and (slots[0].start, slots[0].end) == (0, 3)


def test_restore_is_tolerant_of_spacing_case_and_width() -> None:
    _, slots = protect("甲乙丙", [_match("甲乙丙", 0, 1, "A"), _match("甲乙丙", 2, 3, "C")])
    assert restore("z 1 x와 Ｚ２Ｘ", slots) == "A와 C"
    text, counts = restore_counts("Z1X Z1X", slots)
    assert text == "A A" and counts == {1: 2}


def test_source_text_that_looks_like_a_placeholder_survives() -> None:
    text = "代号Z1X和习近平"
    protected, slots = protect(text, [_match(text, 6, 9, "습근평")])
    assert protected == "代号Z1X和Z2X"
    assert restore(protected, slots) == "代号Z1X和습근평"


ALPHABET = st.sampled_from(list("习近平田锦尘州长，。 Zz1X0xＺ１Ｘ9a_"))


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet=ALPHABET, max_size=40))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    return text, spans


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_protect_restore_identity(case) -> None:
    text, spans = case
    protected, slots = protect(text, [_match(text, a, b) for a, b in spans])
    assert restore(protected, slots) == text  # identity translator, identity terms
    assert len([s for s in slots if not s.literal]) == len(spans)
