"""Fixtures for the render tests: hand-built articles (no translation stage)
and a fixed run signature, so golden files stay stable; the PDFs are rendered
once per module (WeasyPrint takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.model import Article, Finding, Paragraph, Segment, TermHit

#: Fixed so the golden HTML is stable.
SIGNATURE = {
    "short": "zhko:0.1.0|engine:ctranslate2-4.8.5|route:zh-en-ko(zh-en:1.9,en-ko:1.1)|beam:4"
             "|glossary:ab12cd34|opencc:t2s|ko:yanbian-1",
    "zhko": "0.1.0",
    "glossary": "ab12cd34",
    "translator": {"engine": "ctranslate2-4.8.5", "beam": 4},
}


def _term(zh_text: str, zh: str, ko: str, status: str, entry: str, kind: str = "term") -> TermHit:
    start = zh_text.index(zh)
    return TermHit(zh=zh, ko=ko, start=start, end=start + len(zh), entry_id=entry, status=status, kind=kind)


def small_article() -> Article:
    """Three paragraphs with terms of every status, findings, and hostile text."""
    slug = "yb-small"
    t_zh = "田锦尘主持召开州疫情防控会议"
    heading = Segment(id=f"{slug}/title", zh=t_zh, ko="전금진, 주 전염병 방역회의 주재",
                      terms=[_term(t_zh, "田锦尘", "전금진", "kept", "people.yaml:3", "person")])
    s11 = "1月20日，田锦尘主持召开州疫情防控领导小组会议。"
    s12 = "会议深入贯彻习近平总书记重要讲话精神。"
    p1 = Paragraph(id=f"{slug}/p1", segments=[
        Segment(id=f"{slug}/p1/s1", zh=s11, ko="1월 20일, 전금진은 주 전염병 방역 령도소조 회의를 주재했다.",
                terms=[_term(s11, "田锦尘", "전금진", "kept", "people.yaml:3", "person")]),
        Segment(id=f"{slug}/p1/s2", zh=s12, ko="회의는 습근평 총서기의 중요한 연설 정신을 깊이 관철했다.",
                terms=[_term(s12, "习近平", "습근평", "repaired", "people.yaml:1", "person"),
                       _term(s12, "总书记", "총서기", "inserted", "titles.yaml:7", "title")]),
    ])
    s21 = "州长金寿浩出席会议并讲话。"
    s22 = "防控<script>alert(1)</script>措施 & 落实 &amp; 到位。"
    p2 = Paragraph(id=f"{slug}/p2", segments=[
        Segment(id=f"{slug}/p2/s1", zh=s21, ko="주장 김수호가 회의에 참석하여 연설했다.",
                terms=[_term(s21, "金寿浩", "김수호", "proposed", "reading:金寿浩", "person")],
                findings=[Finding("names", "info", "김수호: reading by rule, not in the glossary")]),
        Segment(id=f"{slug}/p2/s2", zh=s22, ko="방역<script>alert(1)</script> 조치 & 락실 &amp; 완료.",
                findings=[Finding("brackets", "warning", "unbalanced <script> in source")]),
    ])
    s31 = "严防疫情\u202e输入\u202c，确保24小时值守。"
    p3 = Paragraph(id=f"{slug}/p3", segments=[
        Segment(id=f"{slug}/p3/s1", zh=s31, ko="전염병 류입을 엄격히 막고 24시간 당직을 확보해야 한다.",
                terms=[_term(s31, "疫情", "전염병", "violated", "terms.yaml:12")],
                findings=[Finding("numbers", "critical", "number 24 missing")]),
    ])
    return Article(slug=slug, path="examples/yb-small.txt", format="txt", heading=heading,
                   paragraphs=[p1, p2, p3], date="2021-01-21", time="07:06",
                   source="延边发布", author="记者 李明", url="https://example.org/a?x=1&y=2")


_ZH = ["田锦尘强调，务必要在关键环节上再抓实，不折不扣把各项防控举措落实落细落到位。",
       "要突出抓好人物同防，充分运用大数据和网格化手段掌握各种信息。",
       "要进一步加强对机场车站、商场超市、农贸市场等重点场所防控。"]
_KO = ["전금진은 관건적인 고리에서 더욱 착실히 틀어쥐고 각항 방역 조치를 빈틈없이 落實해야 한다고 강조했다.",
       "사람과 물품을 함께 방역하는 사업을 두드러지게 틀어쥐고 빅데이터와 망격화 수단을 충분히 리용해야 한다.",
       "공항과 역, 상가와 슈퍼마켓, 농산물시장 등 중점 장소에 대한 방역을 더욱 강화해야 한다."]


def long_article(paragraphs: int = 60) -> Article:
    """~60 paragraphs of 1–3 sentences, enough for several A4 pages. Each
    paragraph starts with a unique marker (第N段 / 제N단) and ends with another
    (第N段完 / 제N단끝) so tests can see whether a row was split across pages."""
    slug = "yb-long"
    heading = Segment(id=f"{slug}/title", zh="延边州疫情防控工作长篇报道", ko="연변주 전염병 방역사업 장편 보도")
    pars = []
    for n in range(1, paragraphs + 1):
        segs = []
        for m in range(1, 1 + (n % 3) + 1):
            zh, ko = _ZH[(n + m) % 3], _KO[(n + m) % 3]
            if m == 1:
                zh, ko = f"第{n}段。{zh}", f"제{n}단. {ko}"
            if m == 1 + (n % 3):
                zh, ko = f"{zh}（第{n}段完）", f"{ko} (제{n}단 끝)"
            segs.append(Segment(id=f"{slug}/p{n}/s{m}", zh=zh, ko=ko))
        pars.append(Paragraph(id=f"{slug}/p{n}", segments=segs))
    return Article(slug=slug, path="examples/yb-long.md", format="md", heading=heading,
                   paragraphs=pars, date="2021-01-22", source="延边日报")


@pytest.fixture
def signature() -> dict:
    return dict(SIGNATURE)


@pytest.fixture
def small() -> Article:
    return small_article()


@pytest.fixture
def long() -> Article:
    return long_article()


def _render_pdf(article: Article, folder) -> tuple[str, "Path"]:
    from pipeline.render import render_article, write_pdf

    html = render_article(article, dict(SIGNATURE), for_print=True)
    path = folder / f"{article.slug}.pdf"
    write_pdf(html, path, base_url=str(folder))
    return html, path


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory):
    """(print html, pdf path) of the small article."""
    return _render_pdf(small_article(), tmp_path_factory.mktemp("pdf-small"))


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    """(print html, pdf path) of the 60-paragraph article."""
    return _render_pdf(long_article(), tmp_path_factory.mktemp("pdf-long"))
