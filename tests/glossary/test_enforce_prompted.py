"""Prompted terminology (instruction models): which terms go into which prompt,
the re-prompt, and the fall-back to placeholder repair. A scripted engine, as
these tests are about the enforcement logic; the real Generator path runs in
tests/translate/test_generator.py."""

from __future__ import annotations

from pipeline.glossary import translate_segments
from pipeline.model import Segment
from pipeline.report import Report, article_report

S1 = "1月20日，省委常委、州委书记田锦尘主持召开州疫情防控领导小组第二十五次会议。"
S2 = "要加强物流管控。"


class Prompted:
    """Answers prompts: ``obey[k]`` says whether call k writes the given terms."""

    def __init__(self, *obey: bool):
        self.obey = obey
        self.prompts: list[list[tuple[str, list, bool]]] = []
        self.plain: list[list[str]] = []

    def translate_prompted(self, items):
        k = len(self.prompts)
        self.prompts.append([(t, list(terms), stress) for t, terms, stress in items])
        ok = self.obey[min(k, len(self.obey) - 1)]
        return [("번역 " + " ".join(ko for _, ko in terms)) if ok else "번역" for _, terms, _ in items]

    def translate(self, texts):  # the placeholder path: keeps placeholders
        self.plain.append(list(texts))
        return list(texts)

    def signature(self):
        return {"engine": "scripted"}


def seg(zh, sid="t/p1/s1"):
    return Segment(id=sid, zh=zh)


def test_each_prompt_carries_its_own_sentences_terms(glossary):
    a, b = seg(S1), seg(S2, "t/p1/s2")
    tr = Prompted(True)
    translate_segments([a, b], tr, glossary)
    (call,) = tr.prompts
    assert [text for text, _, _ in call] == [S1, S2]  # the Chinese itself, no placeholders
    assert ("省委常委", "성당위 상무위원") in call[0][1] and ("田锦尘", "전금진") in call[0][1]
    assert call[1][1] == [] and not any(stress for _, _, stress in call)
    assert not tr.plain  # nothing fell back
    assert {(t.status, t.strategy) for t in a.terms} == {("kept", "prompt")}
    assert "전금진" in a.ko


def test_missing_term_reprompts_once_with_stress_then_kept(glossary):
    s = seg(S1)
    tr = Prompted(False, True)
    translate_segments([s], tr, glossary)
    assert len(tr.prompts) == 2 and tr.prompts[1][0][2] is True
    assert {(t.status, t.strategy) for t in s.terms} == {("kept", "reprompt")}


def test_disobeying_model_falls_back_to_placeholders(glossary):
    s = seg(S1)
    tr = Prompted(False)
    translate_segments([s], tr, glossary)
    assert len(tr.prompts) == 2  # prompt, one re-prompt, never a third
    assert tr.plain and "Z1X" in tr.plain[0][0]  # then the protected text
    assert {t.strategy for t in s.terms} == {"placeholder"}
    for t in s.terms:
        assert t.ko in s.ko


def test_report_gives_the_prompt_kept_rate(glossary):
    from pipeline.model import Article, Paragraph

    art = Article(slug="t", path="t.txt", format="txt", heading=seg("会议", "t/title"),
                  paragraphs=[Paragraph(id="t/p1", segments=[seg(S1), seg(S2, "t/p1/s2")])])
    translate_segments(list(art.segments()), Prompted(True), glossary)
    rep = Report()
    rep.done(article_report(art))
    assert "kept by the prompt alone (100%)" in rep.summary()
