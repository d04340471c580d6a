"""Translation memory, batching across articles and up-to-date detection."""

from __future__ import annotations

import json
import os

from pipeline.build import build

from .conftest import copy_glossary, make_batch, sentences, write_article


def _mtimes(out) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns
            for p in out.rglob("*") if p.is_file() and p.parent != out and not p.name.startswith(".")}


def test_unchanged_rebuild_decodes_nothing_and_renders_nothing(tmp_path, options):
    src = tmp_path / "in"
    make_batch(src, 4, per_article=2)
    out = tmp_path / "out"
    first = build([src], options(out))
    assert first.exit_code == 0 and first.built == 4
    assert first.decoded > 0 and first.cache_hits == 0
    before = _mtimes(out)
    assert len(before) == 4 * 2  # html + json per article (no PDF)

    second = build([src], options(out))
    assert second.exit_code == 0
    assert (second.decoded, second.built, second.reused) == (0, 0, 4)
    assert second.cache_hits == first.segments == second.segments
    assert _mtimes(out) == before  # not even rewritten


def test_identical_sentences_across_articles_are_decoded_once(tmp_path, options):
    src = tmp_path / "in"
    src.mkdir()
    s = sentences()
    write_article(src, "a.md", "第一篇", [s[0], s[1]])
    write_article(src, "b.md", "第二篇", [s[1], s[0]])  # same two sentences
    report = build([src], options())
    assert report.built == 2
    # 2 titles + 2 distinct sentences, though the batch has 6 segments
    assert (report.segments, report.decoded, report.repeated) == (6, 4, 2)
    pages = [json.loads(p.read_text()) for p in sorted((tmp_path / "out").glob("*/*.json"))]
    kos = [{seg["zh"]: seg["ko"] for seg in _segments(page)} for page in pages]
    shared = set(kos[0]) & set(kos[1])
    assert len(shared) == 2 and all(kos[0][zh] == kos[1][zh] for zh in shared)


def test_glossary_edit_retranslates_only_matching_segments(tmp_path, options):
    from pipeline.glossary import load_glossary

    src = tmp_path / "in"
    make_batch(src, 12, per_article=2)
    gdir = copy_glossary(tmp_path / "glossary")
    out = tmp_path / "out"
    assert build([src], options(out, glossary_dir=gdir)).exit_code == 0
    old = load_glossary(gdir)

    covid = gdir / "covid.yaml"
    text = covid.read_text(encoding="utf-8")
    assert "  ko: 핵산검사\n" in text
    covid.write_text(text.replace("  ko: 핵산검사\n", "  ko: 핵산 검측\n", 1), encoding="utf-8")
    new = load_glossary(gdir)

    pages = [json.loads(p.read_text()) for p in sorted(out.glob("*/*.json"))]
    zh_all = {s["zh"] for page in pages for s in _segments(page)}
    changed = {zh for zh in zh_all
               if [(m.entry.key, m.entry.ko) for m in old.find(zh)] != [(m.entry.key, m.entry.ko) for m in new.find(zh)]}
    affected_articles = {page["slug"] for page in pages if any(s["zh"] in changed for s in _segments(page))}
    assert 0 < len(changed) < len(zh_all)  # the edit matters, but not everywhere
    mtimes = _mtimes(out)

    report = build([src], options(out, glossary_dir=gdir))
    assert report.exit_code == 0
    assert report.decoded == len(changed)
    assert report.cache_hits == report.segments - sum(
        1 for page in pages for s in _segments(page) if s["zh"] in changed)
    assert report.built == len(affected_articles) and report.reused == 12 - len(affected_articles)
    for slug in {p["slug"] for p in pages} - affected_articles:
        assert _mtimes(out)[f"{slug}/{slug}.html"] == mtimes[f"{slug}/{slug}.html"]
    for slug in affected_articles:
        page = json.loads((out / slug / f"{slug}.json").read_text())
        assert any("핵산 검측" in s["ko"] for s in _segments(page))


def _segments(page: dict) -> list[dict]:
    return [page["heading"], *[s for par in page["paragraphs"] for s in par["segments"]]]


def test_no_cache_option_and_output_change_rerender(tmp_path, options):
    src = tmp_path / "in"
    make_batch(src, 2)
    out = tmp_path / "out"
    build([src], options(out))
    again = build([src], options(out, use_cache=False))
    assert again.cache_hits == 0 and again.decoded > 0
    # a deleted output is rebuilt, the other article stays up to date
    victim = next(out.glob("*/*.html"))
    os.unlink(victim)
    third = build([src], options(out))
    assert (third.built, third.reused, third.decoded) == (1, 1, 0)
    assert victim.exists()


def test_pdf_render_pool_in_rounds(tmp_path, options, monkeypatch):
    """Several pool rounds (fresh workers each round) render every article once."""
    from pypdf import PdfReader

    import pipeline.build as b

    monkeypatch.setattr(b, "RENDER_TASKS_PER_CHILD", 1)  # 2 workers → rounds of 2
    src = tmp_path / "in"
    make_batch(src, 3, per_article=1)
    out = tmp_path / "out"
    report = build([src], options(out, pdf=True, jobs=2))
    assert report.exit_code == 0 and report.built == 3
    pdfs = sorted(out.glob("*/*.pdf"))
    assert len(pdfs) == 3 and all(len(PdfReader(p).pages) >= 1 for p in pdfs)
    assert build([src], options(out, pdf=True, jobs=2)).reused == 3


def test_cached_findings_follow_the_segment_they_are_applied_to():
    """The translation memory stores findings without a segment id (the same
    sentence comes back under other ids); applied, they carry the new id."""
    from pipeline.build import _apply_cached, _to_cache
    from pipeline.model import Finding, Segment

    first = Segment("a/p1/s1", "朝鲜。", "조선.", findings=[
        Finding("forbidden", "info", "forbidden rendering 북한 (t.yaml:1) replaced by 조선", segment="a/p1/s1")])
    stored = json.loads(json.dumps(_to_cache(first)))
    assert "a/p1/s1" not in json.dumps(stored)
    later = Segment("b/p2/s3", "朝鲜。")
    _apply_cached(later, stored)
    (f,) = later.findings
    assert (f.segment, f.message) == ("b/p2/s3", "forbidden rendering 북한 (t.yaml:1) replaced by 조선")
