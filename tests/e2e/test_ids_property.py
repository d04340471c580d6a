"""Segment ids are fixed by segmentation and survive every later stage.

Hypothesis writes random Chinese articles; each goes through segment →
glossary enforcement (identity translator: this is about ids, not about
translation) → post-editing and QA → JSON round trip → HTML rendering, and the
ids must come out the same, in the same order, at every step.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.build import BuildOptions, finish_article
from pipeline.glossary import load_glossary, translate_segments
from pipeline.model import Article, RawArticle
from pipeline.normalize import normalize_article
from pipeline.render.html import anchor, render_article
from pipeline.segment import segment_article

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = load_glossary(ROOT / "glossaries")
SIGNATURE = {"short": "zhko:test"}


class Identity:
    def translate(self, texts: list[str]) -> list[str]:
        return list(texts)

    def signature(self) -> dict:
        return {"engine": "identity"}


_words = st.sampled_from(["田锦尘", "州长", "会议", "疫情防控", "习近平总书记", "核酸检测", "强调", "要",
                          "2021年1月20日", "延吉市", "人民群众", "落实", "COVID-19", "和", "的"])
_enders = st.sampled_from(["。", "！", "？", "；", "，", "……", "”。"])
_sentence = st.builds(lambda ws, e: "".join(ws) + e, st.lists(_words, min_size=1, max_size=30), _enders)
_paragraph = st.builds("".join, st.lists(_sentence, min_size=1, max_size=6))


def _ids(article: Article) -> list[str]:
    return [s.id for s in article.segments()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_sentence, paragraphs=st.lists(_paragraph, min_size=1, max_size=5))
def test_ids_survive_every_stage(title, paragraphs):
    raw = normalize_article(RawArticle(path="x.txt", format="txt", title=title, paragraphs=paragraphs,
                                       line_of=list(range(1, len(paragraphs) + 1))))
    article = segment_article(raw, slug="prop")
    ids = _ids(article)
    assert len(ids) == len(set(ids))

    translate_segments(list(article.segments()), Identity(), GLOSSARY)
    assert _ids(article) == ids
    finish_article(article, BuildOptions(), GLOSSARY)
    assert _ids(article) == ids
    again = Article.from_dict(article.to_dict())
    assert _ids(again) == ids
    html = render_article(again, SIGNATURE)
    positions = [html.find(f'id="{anchor(i)}"') for i in ids]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
