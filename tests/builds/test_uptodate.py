"""Up-to-date detection before reading (pipeline/uptodate.py): an unchanged
rebuild reads nothing, loads no dictionary, and any change to what an
article's outputs depend on makes it be read again."""

from __future__ import annotations

import json
import subprocess
import sys

from pipeline.build import build
from pipeline.uptodate import MANIFEST_NAME

from .conftest import GLOSSARY, ROOT, copy_glossary, make_batch, sentences, write_article

#: Not loaded by an unchanged rebuild: the engine signature comes from the
#: packages' metadata and dist-info (ctranslate2 only where a GPU may exist:
#: ``--device auto`` then asks it, see ``engines.cuda_possible``).
HEAVY = ("jieba", "opencc", "weasyprint", "ahocorasick", "jinja2", "hanja", "hangulpy", "yaml",
         "argostranslate.package", "sentencepiece", "ctranslate2", "importlib.metadata", "sqlite3")


def test_unchanged_rebuild_loads_nothing_heavy(tmp_path, options, packages):
    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 3, per_article=2)
    assert build([src], options(out)).built == 3
    index = (out / "index.html").read_text(encoding="utf-8")
    script = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"code = main(['build', {str(src)!r}, '-o', {str(out)!r}, '--glossary', {str(GLOSSARY)!r},\n"
        f"             '--models', {str(packages)!r}, '--beam', '1', '-j', '1', '--no-pdf', '-q'])\n"
        "from pipeline.translate.engines import cuda_possible\n"
        f"heavy = [m for m in {HEAVY!r} if not (m == 'ctranslate2' and cuda_possible())]\n"
        "print(code, sorted(m for m in heavy if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[0] == "0 []", proc.stdout + proc.stderr
    assert "0 built, 3 up to date, 0 failed" in proc.stderr and "0 decoded" in proc.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == index


def test_a_changed_input_is_read_again_alone(tmp_path, options):
    src, out = tmp_path / "in", tmp_path / "out"
    paths = make_batch(src, 3, per_article=2)
    first = build([src], options(out))
    text = paths[1].read_text(encoding="utf-8")
    paths[1].write_text(text + "\n" + sentences()[7] + "\n", encoding="utf-8")
    again = build([src], options(out))
    assert again.exit_code == 0
    assert (again.built, again.reused) == (1, 2)
    assert again.unread == first.segments - 3  # the other two articles (3 segments each), not read
    pages = sorted(out.glob("*/*.json"))
    assert len(pages) == 3
    assert json.loads(pages[1].read_text(encoding="utf-8"))["report"]["counts"]["segments"] == 4


def test_glossary_options_and_templates_make_every_article_stale(tmp_path, options, packages):
    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 2, per_article=2)
    gdir = copy_glossary(tmp_path / "glossary")
    base = dict(glossary_dir=gdir)
    first = build([src], options(out, **base))
    assert build([src], options(out, **base)).unread == first.segments

    (gdir / "extra.yaml").write_text("- zh: 没有这个词\n  ko: 없는 말\n", encoding="utf-8")
    after_glossary = build([src], options(out, **base))
    assert after_glossary.unread == 0 and after_glossary.decoded == 0  # read again, all from the memory
    assert build([src], options(out, **base)).unread == first.segments

    from pipeline.translate.base import EngineChoice

    beam2 = EngineChoice(packages_dir=str(packages), beam_size=2, device="cpu")
    for change in ({"korean_style": "south"}, {"names": False}, {"engine": beam2}):
        r = build([src], options(out, **base, **change))
        assert r.unread == 0, change

    tpl = tmp_path / "templates"
    tpl.mkdir()
    (tpl / "screen.css").write_text("body { color: black; }\n", encoding="utf-8")
    r = build([src], options(out, **base, templates_dir=tpl))
    assert r.unread == 0 and r.built == 2  # re-read and re-rendered with the new stylesheet


def test_a_deleted_or_edited_output_is_rebuilt(tmp_path, options):
    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 2, per_article=1)
    build([src], options(out))
    html = sorted(out.glob("*/*.html"))
    html[0].unlink()
    r = build([src], options(out))
    assert (r.built, r.reused) == (1, 1) and html[0].is_file()
    page = sorted(out.glob("*/*.json"))[1]
    page.write_text(page.read_text(encoding="utf-8").replace('"fingerprint"', '"fingerprint_"'), encoding="utf-8")
    r = build([src], options(out))
    assert (r.built, r.reused) == (1, 1)


def test_a_damaged_manifest_means_nothing_is_known(tmp_path, options):
    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 2, per_article=1)
    first = build([src], options(out))
    for junk in ("{not json", "[]", json.dumps({"version": 1, "articles": {"x": 1, str(src): []}})):
        (out / MANIFEST_NAME).write_text(junk, encoding="utf-8")
        r = build([src], options(out))
        assert r.exit_code == 0 and r.unread == 0 and r.cache_hits == first.segments and r.reused == 2


def test_a_new_input_never_takes_an_unchanged_articles_slug(tmp_path, options):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    s = sentences()
    write_article(src, "b.md", "第一篇", [s[0]], date="2024-01-01")
    build([src], options(out))
    (src / "sub").mkdir()
    write_article(src / "sub", "b.md", "第二篇", [s[1]], date="2024-01-01")  # same slug
    r = build([src / "sub", src], options(out))
    assert r.exit_code == 0 and r.reused == 1 and r.built == 1
    slugs = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert slugs == ["2024-01-01-b", "2024-01-01-b-2"]
    first = json.loads((out / "2024-01-01-b" / "2024-01-01-b.json").read_text(encoding="utf-8"))
    assert first["title"] == "第一篇"  # the unchanged article kept its folder


def _copy_packages(packages, dest):
    import shutil

    shutil.copytree(packages, dest)
    return dest


def test_a_changed_model_package_makes_every_article_stale(tmp_path, options, packages):
    """A newer package version, or the package's files replaced in place under
    the same version (reinstalled, retrained), are read again."""
    import os

    from pipeline.translate.base import EngineChoice

    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 2, per_article=1)
    pk = _copy_packages(packages, tmp_path / "packages")
    engine = EngineChoice(packages_dir=str(pk), beam_size=1, device="cpu")
    first = build([src], options(out, engine=engine))
    assert build([src], options(out, engine=engine)).unread == first.segments

    folder = next(p for p in pk.iterdir() if p.is_dir())
    model = folder / "model" / "model.bin"
    st = model.stat()
    os.utime(model, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # replaced in place
    r = build([src], options(out, engine=engine))
    assert r.unread == 0 and r.exit_code == 0
    assert build([src], options(out, engine=engine)).unread == first.segments

    meta = folder / "metadata.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    meta.write_text(json.dumps({**data, "package_version": "1.1"}), encoding="utf-8")  # an upgrade
    r = build([src], options(out, engine=engine))
    assert r.unread == 0 and r.decoded > 0  # a new engine signature: not from the memory either
    assert build([src], options(out, engine=engine)).unread == first.segments


def test_a_changed_device_makes_every_article_stale(tmp_path, options, packages, monkeypatch):
    """``--device auto`` resolved cheaply (no GPU device files: CPU without
    asking CTranslate2) gives the key CTranslate2's answer would give; a
    device that changes (a GPU appears) makes every article stale."""
    import ctranslate2

    from pipeline.build import _UpToDate, collect_inputs
    from pipeline.translate import engines
    from pipeline.translate.base import EngineChoice

    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 2, per_article=1)
    cpu = options(out)
    build([src], cpu)
    inputs = collect_inputs([src])

    def stale(opts):
        return _UpToDate(inputs, opts, engines.make_translator(opts.engine)).stale

    assert stale(cpu) == []
    auto = options(out, engine=EngineChoice(packages_dir=str(packages), beam_size=1, device="auto"))
    monkeypatch.setattr(engines, "cuda_possible", lambda: False)
    assert stale(auto) == []
    monkeypatch.setattr(engines, "cuda_possible", lambda: True)  # a GPU driver, but no device
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert stale(auto) == []
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)  # a GPU: another engine
    assert stale(auto) == inputs
    assert stale(cpu) == []


def test_packages_stamp_sees_sizes_mtimes_and_metadata(tmp_path, packages):
    import os

    from pipeline.uptodate import packages_stamp

    pk = _copy_packages(packages, tmp_path / "packages")
    folders = sorted(p for p in pk.iterdir() if p.is_dir())
    base = packages_stamp(folders)
    assert packages_stamp(folders) == base
    vocab = next(folders[0].glob("model/*vocabulary*"))
    vocab.write_bytes(vocab.read_bytes() + b"\n")
    grown = packages_stamp(folders)
    assert grown != base
    st = vocab.stat()
    os.utime(vocab, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert packages_stamp(folders) != grown
    (folders[0] / "extra.txt").write_text("x", encoding="utf-8")
    assert packages_stamp(folders) not in (base, grown)


def test_jieba_tables_are_released_and_reload_on_use():
    """A build frees jieba's dictionary before rendering; whatever needs word
    boundaries afterwards gets the same answers (the tables load again)."""
    from pipeline import zhwords

    text = "延边朝鲜族自治州召开疫情防控工作会议。"
    before = (zhwords.words(text), zhwords.pos_tags(text), zhwords.frequency("会议"), zhwords.word_tag("会议"))
    zhwords.release()
    import jieba

    assert not jieba.dt.FREQ and not jieba.posseg.dt.word_tag_tab
    zhwords.release()  # twice is harmless
    assert (zhwords.words(text), zhwords.pos_tags(text), zhwords.frequency("会议"),
            zhwords.word_tag("会议")) == before


def test_the_model_is_released_before_rendering(tmp_path, options, monkeypatch):
    from pipeline import build as b

    seen = []
    render = b.render_articles

    def spy(articles, ctx, **kw):
        seen.append(getattr(ctx.translator, "_legs", "?"))
        return render(articles, ctx, **kw)

    monkeypatch.setattr(b, "render_articles", spy)
    src = tmp_path / "in"
    make_batch(src, 1, per_article=1)
    r = build([src], options(tmp_path / "out", use_cache=False))
    assert r.exit_code == 0 and r.decoded > 0 and seen == [None]
