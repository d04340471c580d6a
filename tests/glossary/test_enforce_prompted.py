"""Prompted terminology (instruction models): which terms go into which prompt,
the re-prompt, and the fall-back to placeholder repair. A scripted engine, as
these tests are about the enforcement logic; the real Generator path runs in
tests/translate/test_generator.py."""

from __future__ import annotations

from pipeline.glossary import translate_segments
from pipeline.glossary.match import names_outside
from pipeline.korean.names import detect_names
from pipeline.model import Segment
from pipeline.report import Report, article_report
from pipeline.translate.base import PromptItem, PromptTerm

S1 = "1月20日，省委常委、州委书记田锦尘主持召开州疫情防控领导小组第二十五次会议。"
S2 = "要加强物流管控。"
#: 和龙市 is a glossary term *and* a detected place; 李明浩 and 光东村 are only detected
S3 = "副州长李明浩在和龙市光东村调研。"


class Prompted:
    """Answers prompts: ``obey[k]`` says whether call k writes the given terms."""

    def __init__(self, *obey: bool, skip: str = ""):
        self.obey, self.skip = obey, skip  # ``skip``: a Korean it never writes
        self.prompts: list[list[tuple[str, list, bool]]] = []
        self.items: list[list[PromptItem]] = []
        self.plain: list[list[str]] = []

    def translate_prompted(self, items):
        assert all(isinstance(i, PromptItem) for i in items)
        k = len(self.prompts)
        self.items.append(list(items))
        self.prompts.append([(i.text, [(t.zh, t.ko) for t in i.terms], i.stress) for i in items])
        ok = self.obey[min(k, len(self.obey) - 1)]
        return [("번역 " + " ".join(t.ko for t in i.terms if t.ko != self.skip)) if ok else "번역"
                for i in items]

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


def _detected(glossary, *segs):
    """What the build passes: detected names outside the glossary's matches."""
    return {s.id: names_outside(glossary.find(s.zh), detect_names(s.zh)) for s in segs}


def test_detected_names_reach_their_own_prompt_apart_from_terms(glossary):
    a, b, c = seg(S3), seg(S2, "t/p1/s2"), seg(S1, "t/p1/s3")
    tr = Prompted(True)
    translate_segments([a, b, c], tr, glossary, names=_detected(glossary, a, b, c))
    (call,) = tr.items
    first, second, third = call
    assert first.text == S3
    assert first.names == (PromptTerm("李明浩", "리명호", "person", True),
                           PromptTerm("光东村", "광동촌", "place", True))
    # 和龙市 is also a detected place, but the glossary term beats it: offered once, as a term
    assert [(t.zh, t.ko, t.name) for t in first.approved if t.zh == "和龙市"] == [("和龙市", "화룡시", False)]
    assert not any(t.zh == "和龙市" for t in first.names)
    assert second.terms == () and second.names == ()
    # 田锦尘 is in the glossary: an approved term, never a name
    assert third.names == () and any(t.zh == "田锦尘" and not t.name for t in third.approved)
    hits = {t.zh: (t.status, t.strategy, t.kind) for t in a.terms}
    assert hits["李明浩"] == ("proposed", "prompt", "person")
    assert hits["光东村"] == ("proposed", "prompt", "place")
    assert hits["和龙市"][:2] == ("kept", "prompt")
    assert "리명호" in a.ko and "광동촌" in a.ko


def test_without_name_detection_no_names_are_offered(glossary):
    a = seg(S3)
    tr = Prompted(True)
    translate_segments([a], tr, glossary)
    assert tr.items[0][0].names == ()


def test_a_dropped_name_reprompts_then_falls_back(glossary):
    a = seg(S3)
    tr = Prompted(True, skip="리명호")  # writes every term and name but 李明浩's reading
    translate_segments([a], tr, glossary, names=_detected(glossary, a))
    assert len(tr.items) == 2 and tr.items[1][0].stress
    assert any(t.zh == "李明浩" for t in tr.items[1][0].names)
    hits = {t.zh: t for t in a.terms}
    assert hits["李明浩"].strategy == "placeholder" and hits["李明浩"].status == "proposed"
    assert "리명호" in a.ko


def test_report_json_and_summary_give_the_rate_terms_and_names_apart(glossary):
    from pipeline.model import Article, Paragraph

    segs = [seg(S1), seg(S3, "t/p1/s2"), seg(S2, "t/p1/s3")]
    art = Article(slug="t", path="t.txt", format="txt", heading=seg("会议", "t/title"),
                  paragraphs=[Paragraph(id="t/p1", segments=segs)])
    translate_segments(segs[:1], Prompted(True), glossary)  # S1: every term by the prompt alone
    translate_segments(segs[1:], Prompted(False), glossary, names=_detected(glossary, *segs[1:]))
    rep_json = article_report(art, prompted=True)
    p = rep_json["counts"]["prompted"]
    n1 = sum(1 for t in segs[0].terms)
    n3 = sum(1 for t in segs[1].terms if not t.entry_id.startswith("reading:"))
    assert p["terms"] == n1 + n3 and p["terms_prompt"] == n1 and p["terms_reprompt"] == 0
    assert p["names"] == 2 and p["names_prompt"] == 0
    assert p["terms_prompt_rate"] == round(n1 / (n1 + n3), 3) and p["names_prompt_rate"] == 0
    rep = Report(prompted=True)
    rep.done(rep_json)
    line = rep.summary().splitlines()[2]
    assert line.startswith(f"prompted terms: {n1} of {n1 + n3} kept by the prompt alone")
    assert "; detected names: 0 of 2 kept by the prompt alone (0%), 0 after a re-prompt, 2 by placeholder repair" in line


def test_engine_not_prompted_has_no_prompted_counts(glossary):
    from pipeline.model import Article, Paragraph

    class Plain:
        def translate(self, texts):
            return list(texts)

        def signature(self):
            return {}

    art = Article(slug="t", path="t.txt", format="txt", heading=seg("会议", "t/title"),
                  paragraphs=[Paragraph(id="t/p1", segments=[seg(S1)])])
    translate_segments(list(art.segments()), Plain(), glossary)
    assert "prompted" not in article_report(art)["counts"]
    assert "prompted" not in Report().summary()
