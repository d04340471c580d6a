"""End to end on the bundled sample: ``zhko build`` with real tiny Argos packages.

Random weights give garbage Korean, so these tests check the guarantees —
files, metadata, alignment, fonts, term enforcement — never translation quality.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "yanbian-fabu-2021-01-21.txt"
SLUG = "yanbian-fabu-2021-01-21"
BOILERPLATE = ["首页 > 新闻", "手机版百姓热线", "评论一下", "标签:", "登录天池云账号", "延边发布客户端",
               "本作品中使用的图片", "信息广场", "还没有评论"]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module", params=["direct", "pivot"])
def built(request, tmp_path_factory, argos_dir_direct, argos_dir_pivot):
    """Build the sample once per route; returns (output dir, route, exit code, stderr)."""
    models = argos_dir_direct if request.param == "direct" else argos_dir_pivot
    out = tmp_path_factory.mktemp(f"out-{request.param}")
    src = tmp_path_factory.mktemp("in") / SAMPLE.name
    shutil.copy(SAMPLE, src)
    capture = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", str(src), "-o", str(out), "--models", str(models),
         "--glossary", str(ROOT / "glossaries"), "-q"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    return out, request.param, capture.returncode, capture.stderr


def _json(out: Path) -> dict:
    return json.loads((out / SLUG / f"{SLUG}.json").read_text(encoding="utf-8"))


def test_three_files_and_index(built):
    out, _, code, stderr = built
    assert code == 0, stderr
    for ext in ("html", "pdf", "json"):
        assert (out / SLUG / f"{SLUG}.{ext}").stat().st_size > 0
    assert (out / "index.html").exists()
    assert not list(out.rglob("*.part")), "temporary files left behind"


def test_json_metadata_segments_and_signature(built):
    out, route, _, _ = built
    data = _json(out)
    assert data["title"] == "田锦尘：毫不放松筑牢疫情防控严密防线 坚决打赢疫情防控阻击战"
    assert (data["date"], data["time"], data["source"]) == ("2021-01-21", "07:06", "延边发布")
    assert len(data["paragraphs"]) == 8
    ids = [data["heading"]["id"]] + [s["id"] for p in data["paragraphs"] for s in p["segments"]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(rf"{SLUG}/(title|p\d+/s\d+)", i) for i in ids)
    # one Korean sentence for every Chinese sentence, none empty
    assert all(s["ko"].strip() for p in data["paragraphs"] for s in p["segments"])
    sig = data["signature"]
    assert "zh-en-ko" in sig["short"] if route == "pivot" else "zh-ko" in sig["short"]
    assert f"glossary:{sig['glossary']}" in sig["short"] and "opencc:t2s" in sig["short"]


def test_every_approved_term_is_in_its_korean_sentence(built):
    out, _, _, _ = built
    data = _json(out)
    segments = [data["heading"]] + [s for p in data["paragraphs"] for s in p["segments"]]
    hits = [(s, t) for s in segments for t in s["terms"]]
    assert len(hits) > 30  # the sample is full of glossary terms
    for seg, term in hits:
        assert term["status"] != "violated", (seg["id"], term)
        assert term["ko"] in seg["ko"], (seg["id"], term["ko"], seg["ko"])
    names = {t["zh"]: t["ko"] for _, t in hits}
    assert names.get("习近平总书记") == "습근평 총서기" or names.get("习近平") == "습근평"
    text = " ".join(s["ko"] for s in segments)
    for forbidden in ("시진핑", "옌볜"):
        assert forbidden not in text


class _Cells(HTMLParser):
    """Collects the text of every element with a lang attribute, by lang."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self._stack: list[str | None] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and a.get("data-par"):
            self.rows.append({})
        if tag == "td" and a.get("lang") and self.rows:
            self.rows[-1][a["lang"]] = ""
            self._stack.append(a["lang"])
        elif tag == "td":
            self._stack.append(None)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "td" and self._stack:
            self._stack.pop()
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        lang = next((x for x in reversed(self._stack) if x), None)
        if lang and self.rows:
            self.rows[-1][lang] += data


def test_html_is_aligned_and_clean(built):
    out, _, _, _ = built
    html = (out / SLUG / f"{SLUG}.html").read_text(encoding="utf-8")
    parser = _Cells()
    parser.feed(html)
    assert "田锦尘：毫不放松筑牢疫情防控严密防线" in parser.title
    assert "2021" in html and "延边发布" in html
    body_rows = [r for r in parser.rows if "zh-Hans" in r]
    assert len(body_rows) == 8
    assert all("ko" in r and HANGUL.search(r["ko"]) for r in body_rows), "one Korean cell per paragraph"
    for line in BOILERPLATE:
        assert line not in html
    for seg in [s for p in _json(out)["paragraphs"] for s in p["segments"]]:
        assert f'data-seg="{seg["id"]}"' in html


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_pdf_text_fonts_and_metadata(built):
    out, _, _, _ = built
    pdf = out / SLUG / f"{SLUG}.pdf"
    assert "DRAFT" in _pdftotext(pdf)  # not approved on the desk: the running header says so
    text = re.sub(r"\s+", "", _pdftotext(pdf))
    position = 0
    for seg in [s for p in _json(out)["paragraphs"] for s in p["segments"]]:
        probe = re.sub(r"\s+", "", seg["zh"])[:8]
        found = text.find(probe, position)
        assert found >= 0, f"{seg['id']} missing or out of order in the PDF text"
        position = found
    assert HANGUL.search(text)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    names = {row[0].split("+", 1)[-1] for row in rows}
    assert {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-KR"} <= names, names
    assert all(row[-5] == "yes" for row in rows), "every font embedded"
    from pypdf import PdfReader

    meta = PdfReader(str(pdf)).metadata
    assert meta.title.startswith("DRAFT · 田锦尘") and meta["/zhkoreview"] == "draft"  # not approved on the desk
