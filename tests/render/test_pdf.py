"""PDF output: structure, never bytes. Each PDF is rendered once per module
(``small_pdf`` / ``long_pdf`` in conftest.py); text is read with poppler's
pdftotext, fonts with pdffonts, metadata and outline with pypdf."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from pipeline.errors import RenderError
from pipeline.render import render_article, write_pdf
from pipeline.render.html import WORD_JOINER


def pdftotext(path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"],
                          check=True, capture_output=True, text=True).stdout

def squeeze(text: str) -> str:
    """Drop whitespace: cell lines wrap and justification adds spaces."""
    return re.sub(r"\s+", "", text)

def test_cjk_fonts_embedded(small_pdf):
    out = subprocess.run(["pdffonts", str(small_pdf[1])], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    embedded = {r[0].split("+", 1)[-1] for r in rows if len(r) > 4 and r[-5] == "yes"}
    assert "Noto-Serif-CJK-SC" in embedded and "Noto-Serif-CJK-KR" in embedded
    assert all(r[-5] == "yes" for r in rows if len(r) > 4), out  # nothing left unembedded

def test_metadata(small_pdf, small, signature):
    reader = PdfReader(str(small_pdf[1]))
    meta = reader.metadata
    assert meta.title == "DRAFT · " + small.title  # not approved on the desk
    assert meta["/zhkoreview"] == "draft"
    assert meta["/zhkosignature"] == signature["short"]
    assert meta["/Creator"] == "zhko 0.1.0"
    assert small.author in meta["/Author"]
    assert "yb-small" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "ko"

def test_text_in_order_with_hangul(small_pdf, small, signature):
    text = pdftotext(small_pdf[1], "-raw")
    flat = squeeze(text)
    positions = [flat.find(squeeze(s.zh.replace("\u202e", "").replace("\u202c", "")))
                 for p in small.paragraphs for s in p.segments]
    assert -1 not in positions and positions == sorted(positions), positions
    assert squeeze(small.paragraphs[0].segments[1].ko) in flat
    assert re.search("[\uac00-\ud7a3]{3}", text)
    assert WORD_JOINER not in text
    assert signature["short"] in flat  # colophon
    assert "number 24 missing" not in text and "U+202E" not in text  # no editor report, no marks

def test_long_article_pairs_share_a_page(long_pdf, long):
    pages = pdftotext(long_pdf[1], "-raw").split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 3
    for n in range(1, len(long.paragraphs) + 1):
        assert len(set(pages_of(pages, n))) == 1, (n, pages_of(pages, n))


def pages_of(pages: list[str], n: int) -> list[int]:
    """Pages holding paragraph n's four markers: zh start and end, ko start and end."""
    markers = (f"第{n}段。", f"（第{n}段完）", f"제{n}단.", f"(제{n}단끝)")
    found = [[i for i, p in enumerate(pages) if m in squeeze(p)] for m in markers]
    assert all(len(f) == 1 for f in found), (n, found)
    return [f[0] for f in found]

def test_page_numbers_and_running_header(long_pdf, long):
    pages = [p for p in pdftotext(long_pdf[1]).split("\f") if p.strip()]
    total = len(pages)
    for i, page in enumerate(pages, 1):
        assert re.search(rf"(?m)^\s*{i}\s*/\s*{total}\s*$", page), page[-40:]
    for page in pages[1:]:
        assert long.title in page and long.source in page
    for page in pages:  # not approved on the desk: DRAFT on every page, the first included
        assert "DRAFT" in page
    assert len(PdfReader(str(long_pdf[1])).pages) == total

def test_bookmarks(long_pdf, long):
    outline = PdfReader(str(long_pdf[1])).outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles[0] == f"{long.title} · {long.heading.ko}"
    assert any(t == "발행 정보" for t in _flatten(outline))

def _flatten(outline) -> list[str]:
    out = []
    for o in outline:
        out += _flatten(o) if isinstance(o, list) else [o.title]
    return out

@pytest.mark.parametrize("char", ["\ue000", "\U0002ebf0"])
def test_missing_glyph_is_an_error(small, signature, tmp_path, char):
    """U+E000 (private use) and U+2EBF0 (CJK Ext. I) are covered by no installed font."""
    small.paragraphs = small.paragraphs[1:2]  # less to lay out
    small.paragraphs[0].segments[0].zh += char
    html = render_article(small, signature, for_print=True)
    target = tmp_path / "out.pdf"
    with pytest.raises(RenderError) as err:
        write_pdf(html, target, base_url=str(tmp_path))
    msg = str(err.value)
    assert f"U+{ord(char):04X}" in msg and "yb-small/p2/s1" in msg and str(target) in msg
    assert not target.exists() and list(tmp_path.iterdir()) == []

def test_only_the_pdf_is_written(small_pdf):
    folder = small_pdf[1].parent
    assert [p.name for p in folder.iterdir()] == [small_pdf[1].name]
    assert small_pdf[1].read_bytes().startswith(b"%PDF-")

def test_long_paragraph_may_break_across_pages(tmp_path, long, signature):
    """A paragraph taller than a page must break (row class "long") and lose no
    text; the short rows around it still keep each pair on one page."""
    from pipeline.model import Paragraph, Segment

    zh = "要突出抓好人物同防，充分运用大数据和网格化手段掌握各种信息。"
    ko = "사람과 물품을 함께 방역하는 사업을 두드러지게 틀어쥐고 빅데이터와 망격화 수단을 충분히 리용해야 한다."
    segs = [Segment(id=f"yb-long/p99/s{i}", zh=f"长句{i}。{zh}", ko=f"긴문장{i}. {ko}")
            for i in range(1, 41)]
    long.paragraphs = long.paragraphs[:6]
    long.paragraphs.insert(3, Paragraph(id="yb-long/p99", segments=segs))
    html = render_article(long, signature, for_print=True)
    assert 'class="para long" id="s-yb-long-p99"' in html
    path = tmp_path / "big.pdf"
    write_pdf(html, path, base_url=str(tmp_path))
    pages = [squeeze(p) for p in pdftotext(path, "-raw").split("\f") if p.strip()]
    assert len(pages) >= 3
    flat = "".join(pages)
    assert all(f"长句{i}。" in flat and f"긴문장{i}." in flat for i in range(1, 41))
    for n in (1, 2, 3, 4, 5, 6):
        assert len(set(pages_of(pages, n))) == 1, n
