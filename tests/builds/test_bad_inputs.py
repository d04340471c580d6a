"""A folder of bad and awkward inputs: each file either builds or fails with
exactly one ``Error: FILE: why`` line; never a traceback; the rest of the
batch is built; exit code 1 when something failed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.build import build

from .conftest import build_args, run_zhko, sentences, write_article

TRAD = "延邊朝鮮族自治州召開會議，強調疫情防控工作。全州上下務必要在思想認識上再強化。"
SIMP = "延边朝鲜族自治州召开会议，强调疫情防控工作。全州上下务必要在思想认识上再强化。"


def _bad_folder(folder: Path) -> dict[str, bool]:
    """Write the inputs; returns name → must it build?"""
    folder.mkdir()
    s = sentences()
    body = "\n\n".join(s[:2])
    expect: dict[str, bool] = {}

    def put(name: str, data: bytes, builds: bool) -> None:
        (folder / name).write_bytes(data)
        expect[name] = builds

    put("gb18030.txt", f"延边新闻标题\n\n{body}\n".encode("gb18030"), True)
    put("gbk.txt", f"延边新闻标题二\n\n{SIMP}\n".encode("gbk"), True)
    put("big5.txt", f"延邊新聞標題\n\n{TRAD}\n".encode("big5"), True)
    put("utf16.txt", f"延边新闻标题三\n\n{body}\n".encode("utf-16"), True)
    put("bom.md", ("\ufeff---\ntitle: 带BOM的文章\ndate: 2024-02-02\n---\n\n" + body + "\n").encode("utf-8"), True)
    put("undecodable.txt", bytes(range(0x80, 0x100)) * 40 + b"\x00\xff\xfe" * 50, False)
    put("empty.txt", b"", False)
    put("blank.md", b"   \n\n  \n", False)
    put("english.txt", b"Just an English page.\n\nNothing Chinese here at all.\n", False)
    put("binary.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, False)
    put("page.html", ("<!doctype html><html><head><meta charset='utf-8'><title>网页标题</title></head>"
                      f"<body><nav>首页 新闻</nav><article><h1>网页里的新闻</h1><p>{s[2]}</p><p>{s[3]}</p>"
                      "</article><footer>版权所有</footer></body></html>").encode("utf-8"), True)
    put("front-types.md", ("---\ntitle: [1, 2]\ndate: 12345\nsource: {a: 1}\nopencc: 5\n---\n\n" + body).encode(), False)
    put("front-broken.md", ("---\ntitle: 标题\ndate: [unclosed\n---\n\n" + body).encode(), False)
    long_par = re.sub(r"[^\u4e00-\u9fff]", "", "".join(s))
    long_par = (long_par * (20000 // len(long_par) + 1))[:20000]
    put("long-paragraph.txt", f"没有标点的长段落\n\n{long_par}\n".encode(), True)
    put("notes.xyz", body.encode(), False)
    return expect


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory, packages):
    import os

    from .conftest import ROOT

    tmp = tmp_path_factory.mktemp("bad")
    expect = _bad_folder(tmp / "in")
    out = tmp / "out"
    env = {k: v for k, v in os.environ.items() if k != "ZHKO_CACHE"}
    env.update(ARGOS_PACKAGES_DIR=str(packages), PYTHONPATH=str(ROOT))
    # the folder, plus the unknown extension named explicitly (a folder skips it)
    args = build_args(tmp / "in", out, "--no-pdf", "-q")
    args.insert(2, str(tmp / "in" / "notes.xyz"))
    proc = run_zhko(env, *args)
    return expect, tmp / "in", out, proc


def test_bad_inputs_fail_one_line_each_good_ones_build(bad_run):
    expect, folder, out, proc = bad_run
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error: ")]
    assert proc.returncode == 1, proc.stderr
    built_from = {Path(json.loads(p.read_text())["path"]).name for p in out.glob("*/*.json")}
    for name, must_build in expect.items():
        mine = [e for e in errors if f"{folder / name}:" in e]
        if must_build:
            assert name in built_from and not mine, (name, mine)
        else:
            assert len(mine) == 1 and name not in built_from, (name, mine, proc.stderr)
            assert re.match(rf"Error: {re.escape(str(folder / name))}(:\d+)?: \S", mine[0])
    assert len(errors) == sum(not b for b in expect.values())
    assert "failed" in proc.stderr  # the summary is printed
    index = (out / "index.html").read_text()
    assert "front-types.md" in index  # failures are listed on the index page


def test_legacy_encodings_decoded_to_the_same_chinese(bad_run):
    expect, folder, out, _ = bad_run
    pages = {Path(json.loads(p.read_text())["path"]).name: json.loads(p.read_text()) for p in out.glob("*/*.json")}
    zh = {name: "".join(s["zh"] for par in page["paragraphs"] for s in par["segments"])
          for name, page in pages.items()}
    assert zh["gb18030.txt"] == zh["utf16.txt"] == zh["bom.md"]
    assert zh["big5.txt"] == zh["gbk.txt"]  # t2s turns the Big5 traditional text into the same simplified
    assert not pages["bom.md"]["title"].startswith("\ufeff")


def test_long_unpunctuated_paragraph_is_chunked_and_fast(bad_run):
    """Fast without a clock: the work is linear in the text. Every decoded
    unit (chunk) is bounded (≤ 200 characters, so a decoding call costs the
    same whatever the paragraph's length) and not needlessly small (at most
    one unit per 50 characters), so the paragraph costs ~100-400 decodes."""
    _, _, out, _ = bad_run
    page = next(json.loads(p.read_text()) for p in out.glob("*/*.json")
                if json.loads(p.read_text())["path"].endswith("long-paragraph.txt"))
    segs = [s for par in page["paragraphs"] for s in par["segments"]]
    assert sum(len(s["zh"]) for s in segs) == 20000
    assert max(len(c) for s in segs for c in (s.get("chunks") or [s["zh"]])) <= 200
    assert all(s["ko"] for s in segs)
    units = [c for s in segs for c in (s.get("chunks") or [s["zh"]])]
    assert "".join(units) == "".join(s["zh"] for s in segs)  # chunks cover the text once
    assert 20000 // 200 <= len(units) <= 20000 // 50


def test_hostile_text_is_escaped_in_html_and_harmless_in_pdf(tmp_path, options):
    from pypdf import PdfReader

    s = sentences()
    hostile = ["<script>alert('x')</script>" + s[0], "A&amp;B &lt;b&gt; \u202e反转文字\u202c " + s[1],
               "<img src=x onerror=alert(1)>" + s[2]]
    src = tmp_path / "in"
    src.mkdir()
    # .txt: literal text (Markdown would drop the tags as inline HTML)
    (src / "hostile.txt").write_text("标题<script>alert(1)</script>\n\n" + "\n\n".join(hostile) + "\n",
                                     encoding="utf-8")
    out = tmp_path / "out"
    report = build([src], options(out, pdf=True))
    assert report.exit_code == 0, report.failures
    folder = next(p for p in out.iterdir() if p.is_dir())
    html = next(folder.glob("*.html")).read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert "&amp;amp;B" in html  # an entity in the source is text, shown as typed
    assert "反转文字" in html and "\u202e" not in html  # the override cannot reorder the page
    index = (out / "index.html").read_text()
    assert "<script>alert" not in index
    reader = PdfReader(next(folder.glob("*.pdf")))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "alert" in text and "\u202e" not in text  # shown as text ...
    for page in reader.pages:  # ... never as script, link or action
        assert "/JS" not in str(page.get("/AA", "")) and "/JavaScript" not in str(page)
    assert "/JavaScript" not in str(reader.trailer["/Root"])
