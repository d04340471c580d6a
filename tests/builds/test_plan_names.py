"""The build plan's names: article-level name memory (a person named once with
evidence is protected in the article's other sentences too)."""

from __future__ import annotations

from types import SimpleNamespace

from pipeline.build import _Plan
from pipeline.glossary.load import Glossary
from pipeline.model import RawArticle
from pipeline.segment import segment_article


class _Quiet:
    def advance(self, n: int = 1, extra: str = "") -> None:
        pass


def _plan(paragraphs: list[str], names: bool = True) -> tuple[_Plan, list]:
    art = segment_article(RawArticle(path="a.txt", format="txt", title="咖啡", paragraphs=paragraphs), "a")
    ctx = SimpleNamespace(glossary=Glossary([]), options=SimpleNamespace(names=names), progress=_Quiet(),
                          signature={"translator": "t"})
    return _Plan([art], ctx), list(art.segments())  # type: ignore[arg-type]


def test_plan_remembers_a_person_across_the_article():
    plan, segs = _plan(["在村民家中，农前朝（左二）和村民查看照片。", "别看农前朝今年只有30岁。"])
    by_zh = {s.zh: [n.zh for n in plan.names[s.id]] for s in segs}
    assert by_zh["别看农前朝今年只有30岁。"] == ["农前朝"]
    assert by_zh["在村民家中，农前朝（左二）和村民查看照片。"] == ["农前朝"]


def test_plan_without_names():
    plan, segs = _plan(["别看农前朝今年只有30岁。"], names=False)
    assert all(plan.names[s.id] == [] for s in segs)
