"""HTML rendering: golden files plus structural checks (parsed with lxml)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from pipeline.errors import ConfigError, RenderError
from pipeline.model import Article
from pipeline.render.html import (
    WORD_JOINER,
    anchor,
    join_korean_words,
    render_article,
    render_index,
)

GOLDEN = Path(__file__).parent / "golden"


def make_report(article: Article) -> dict:
    """The report shape build.py passes (kept local so goldens do not depend on report.py)."""
    terms, findings = [], []
    for seg in article.segments():
        terms += [{"segment": seg.id, **t.to_dict()} for t in seg.terms]
        findings += [{**f.to_dict(), "segment": seg.id} for f in seg.findings]
    counts = {"segments": sum(1 for _ in article.segments()),
              "terms": dict(Counter(t["status"] for t in terms)),
              "findings": dict(Counter(f["severity"] for f in findings))}
    return {"terms": terms, "findings": findings, "counts": counts}


def index_items(small: Article) -> list[dict]:
    ok = {"slug": small.slug, "path": small.path, "title": small.title, "title_ko": small.heading.ko,
          "date": small.date, "source": small.source, "html": f"{small.slug}/{small.slug}.html",
          "files": [{"format": "pdf", "label": "PDF", "href": f"{small.slug}/{small.slug}.pdf"}],
          "counts": make_report(small)["counts"], "error": None}
    bad = {"slug": None, "path": "examples/broken.xyz", "title": "broken.xyz", "title_ko": "",
           "date": None, "source": None, "html": None, "files": [], "counts": None,
           "error": "examples/broken.xyz: unknown format '.xyz' (expected .txt, .md, .html) <b>"}
    return [ok, bad]


CASES = {
    "small-screen": lambda small, sig: render_article(small, sig, report=make_report(small)),
    "small-print": lambda small, sig: render_article(small, sig, report=make_report(small), for_print=True),
    "index": lambda small, sig: render_index(index_items(small), sig),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case, small, signature):
    """Regenerate with UPDATE_GOLDEN=1 after an intended layout change, then review the diff."""
    html = CASES[case](small, signature)
    path = GOLDEN / f"{case}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(html, encoding="utf-8")
    assert html == path.read_text(encoding="utf-8")


def parse(html: str):
    return lxml.html.document_fromstring(html)


def css(el, selector: str) -> list:
    """Elements under (and including) ``el`` matching a CSS selector (lxml's own
    ``cssselect`` needs a package we do not have; cssselect2 comes with WeasyPrint)."""
    import cssselect2

    return [w.etree_element for w in cssselect2.ElementWrapper.from_xml_root(el).query_all(selector)]


@pytest.mark.parametrize("for_print", [False, True])
def test_one_row_per_paragraph_and_cells_per_language(small, long, signature, for_print):
    for art in (small, long):
        doc = parse(render_article(art, signature, for_print=for_print))
        rows = css(doc, "table.parallel tbody tr")
        assert len(rows) == len(art.paragraphs)
        for row, par in zip(rows, art.paragraphs):
            assert row.get("id") == anchor(par.id)
            zh, ko = css(row, "td.zh"), css(row, "td.ko")
            assert len(zh) == 1 and len(ko) == 1 and len(row.findall("td")) == 2
            assert zh[0].get("lang") == "zh-Hans" and ko[0].get("lang") == "ko"
            want = [s.id for s in par.segments]
            assert [s.get("data-seg") for s in css(zh[0], "span.seg")] == want
            assert [s.get("data-seg") for s in css(ko[0], "span.seg")] == want


def test_ids_unique_and_every_segment_addressable(small, long, signature):
    for art in (small, long):
        doc = parse(render_article(art, signature, report=make_report(art)))
        ids = [e.get("id") for e in doc.iter() if e.get("id")]
        assert len(ids) == len(set(ids))
        for seg in art.segments():
            assert doc.get_element_by_id(anchor(seg.id)).get("data-seg") == seg.id
            assert doc.get_element_by_id(anchor(seg.id) + "-ko").get("data-seg") == seg.id


def test_anchor_scheme():
    assert anchor("yb-2021/p3/s2") == "s-yb-2021-p3-s2"
    assert anchor("yb/title") == "s-yb-title"
    assert anchor("yb/p3") == "s-yb-p3"
    odd = anchor("延边 a.b/p1/s1")
    assert odd.isascii() and " " not in odd and "." not in odd
    assert anchor("延/p1/s1") != anchor("边/p1/s1")


def test_approved_article_has_no_draft_mark(small, signature):
    import copy

    approved = copy.deepcopy(small)
    approved.review = {"state": "approved", "approved_by": "박주필", "approved_at": "2021-01-21T08:00:00Z"}
    for print_ in (False, True):
        html = render_article(approved, signature, for_print=print_)
        doc = parse(html)
        assert doc.findtext(".//title") == small.title
        assert 'class="draft-mark"' not in html and not css(doc, ".draft-mark, .masthead.draft")
    assert css(parse(render_article(small, signature)), ".draft-mark")
    assert css(parse(render_article(small, signature, for_print=True)), ".masthead.draft")


def test_head_metadata(small, signature):
    doc = parse(render_article(small, signature))
    assert doc.get("lang") == "ko"
    assert doc.findtext(".//title") == "DRAFT · " + small.title  # not approved on the desk
    meta = {m.get("name"): m.get("content") for m in doc.iter("meta") if m.get("name")}
    assert meta["zhko-review"] == "draft" and "draft" in meta["keywords"]
    assert meta["zhko-signature"] == signature["short"]
    assert meta["generator"] == "zhko 0.1.0"
    assert meta["date"] == "2021-01-21T07:06"
    assert meta["source"] == "延边发布"
    assert meta["author"] == "记者 李明"
    assert signature["short"] in css(doc, "footer.colophon code")[0].text_content()
    h1 = css(doc, "h1.title")[0]
    assert css(h1, "[lang=zh-Hans]")[0].text_content() == small.title
    assert css(h1, "[lang=ko]")[0].text_content() == small.heading.ko
    assert css(doc, ".meta-url a")[0].get("href") == small.url


def test_report_panel_only_on_screen(small, signature):
    rep = make_report(small)
    screen = parse(render_article(small, signature, report=rep))
    panel = css(screen, "aside.editor-panel details")
    assert len(panel) == 1
    assert len(css(screen, "aside.editor-panel .finding")) == 3
    crit = css(screen, ".finding.sev-critical a")[0]
    assert crit.get("href") == "#" + anchor("yb-small/p3/s1")
    assert css(screen, ".editor-panel .terms tbody tr")[0].text_content().count("田锦尘") == 1
    printed = parse(render_article(small, signature, report=rep, for_print=True))
    assert css(printed, "aside") == [] and css(printed, ".sev-critical") == []
    assert "number 24 missing" not in lxml.html.tostring(printed, encoding="unicode")
    assert css(parse(render_article(small, signature)), "aside") == []


def test_everything_escaped(small, signature):
    html = render_article(small, signature, report=make_report(small))
    doc = parse(html)
    assert css(doc, "script") == []
    assert "<script>" not in html
    seg = doc.get_element_by_id(anchor("yb-small/p2/s2"))
    assert seg.text_content() == small.paragraphs[1].segments[1].zh
    assert "&amp;amp;" in html
    # hostile attribute values are escaped too
    small.source = '"><script>x</script>'
    doc = parse(render_article(small, signature))
    assert css(doc, "script") == []
    assert {m.get("name"): m.get("content") for m in doc.iter("meta")}["source"] == small.source


def test_bidi_controls_neutralized(small, signature):
    small.source = "延边\u202e发布"
    screen = render_article(small, signature)
    printed = render_article(small, signature, for_print=True)
    for html in (screen, printed):
        assert "\u202e" not in html and "\u202c" not in html
    marks = css(parse(screen), "span.ctl")
    assert {m.text for m in marks} == {"U+202E", "U+202C"}
    assert css(parse(printed), "span.ctl") == []
    seg = parse(printed).get_element_by_id(anchor("yb-small/p3/s1"))
    assert seg.text_content() == "严防疫情输入，确保24小时值守。"


def test_terms_highlighted_in_both_columns(small, signature):
    doc = parse(render_article(small, signature))

    def terms(seg_id, suffix=""):
        span = doc.get_element_by_id(anchor(seg_id) + suffix)
        return [(t.text_content(), t.get("class")) for t in css(span, ".term")]

    assert terms("yb-small/p1/s2") == [("习近平", "term term-repaired"), ("总书记", "term term-inserted")]
    assert terms("yb-small/p1/s2", "-ko") == [("습근평", "term term-repaired"), ("총서기", "term term-inserted")]
    assert terms("yb-small/p2/s1", "-ko") == [("김수호", "term term-proposed")]
    assert terms("yb-small/p3/s1") == [("疫情", "term term-violated")]
    assert terms("yb-small/p3/s1", "-ko") == []  # a violated term has no Korean to mark
    assert terms("yb-small/title", "-ko") == [("전금진", "term term-kept")]
    legend = [li.text_content() for li in css(doc, ".legend li")]
    assert legend == ["kept", "repaired", "inserted", "violated", "proposed"]


def test_stale_term_offsets_refound(small, signature):
    seg = small.paragraphs[0].segments[1]
    seg.terms[0].start, seg.terms[0].end = 0, 3  # wrong offsets
    doc = parse(render_article(small, signature))
    span = doc.get_element_by_id(anchor(seg.id))
    assert [t.text_content() for t in css(span, ".term")] == ["习近平", "总书记"]
    assert span.text_content() == seg.zh


def test_print_joins_korean_words(small, signature):
    doc = parse(render_article(small, signature, for_print=True))
    seg = small.paragraphs[0].segments[1]
    ko = doc.get_element_by_id(anchor(seg.id) + "-ko").text_content()
    assert ko.replace(WORD_JOINER, "") == seg.ko
    assert "총\u2060서\u2060기\u2060의" in ko  # the particle stays attached to the term
    assert f" {WORD_JOINER}" not in ko and f"{WORD_JOINER} " not in ko
    assert WORD_JOINER not in render_article(small, signature)


def test_join_korean_words():
    assert join_korean_words("로동자 들이") == "로\u2060동\u2060자 들\u2060이"
    assert join_korean_words("24시간, 田锦尘") == "2\u20604\u2060시\u2060간, 田锦尘"
    assert join_korean_words("했다.") == "했\u2060다."
    assert join_korean_words("abc def") == "abc def"
    long_run = "가" * 40
    assert join_korean_words(long_run) == long_run


def test_signature_required(small):
    with pytest.raises(RenderError, match="short"):
        render_article(small, {"zhko": "0.1.0"})


def test_template_override(small, signature, tmp_path):
    (tmp_path / "screen.css").write_text("body { color: rebeccapurple; }", encoding="utf-8")
    html = render_article(small, signature, templates_dir=tmp_path)
    assert "rebeccapurple" in html and "table.parallel" not in html
    assert "rebeccapurple" not in render_article(small, signature, for_print=True, templates_dir=tmp_path)
    with pytest.raises(ConfigError, match="not found"):
        render_article(small, signature, templates_dir=tmp_path / "missing")


def test_index_page(small, signature):
    doc = parse(render_index(index_items(small), signature))
    rows = css(doc, "tr.article-row")
    assert len(rows) == 1
    links = [a.get("href") for a in css(rows[0], "a")]
    assert links == ["yb-small/yb-small.html", "yb-small/yb-small.pdf"]
    assert small.title in rows[0].text_content() and small.heading.ko in rows[0].text_content()
    cells = [td.text_content() for td in css(rows[0], "td.num")]
    # segments, kept repaired inserted violated proposed, info warning critical
    assert cells == ["6", "2", "1", "1", "1", "1", "1", "1", "1"]
    failed = css(doc, "li.failed-item")
    assert len(failed) == 1 and "unknown format '.xyz'" in failed[0].text_content()
    assert css(doc, "li.failed-item b") == []  # error text escaped
    meta = {m.get("name"): m.get("content") for m in doc.iter("meta") if m.get("name")}
    assert meta["zhko-signature"] == signature["short"]


def test_index_empty(signature):
    doc = parse(render_index([], signature))
    assert css(doc, "tr.article-row") == [] and css(doc, "td.none")
