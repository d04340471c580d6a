"""zhko build with the desk: human text first (desk rows, then exact human-memory
matches), never decoded or rewritten but still checked; stale edits kept; DRAFT
on editions not approved; --final refuses (exit 5) unless all are approved; a
rebuild after edits re-renders only the edited articles and decodes nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.desk.store import DeskStore
from tests.builds.conftest import GLOSSARY, ROOT, make_batch, sentences, write_article


@pytest.fixture
def options(argos_dir_direct, tmp_path):
    from tests.support.build_options import options_factory

    return options_factory(argos_dir_direct, tmp_path / "out")


def _slug(out: Path, name: str) -> str:
    """The slug of input ``name`` (slugs are ``<date>-<name>``)."""
    return next(p.name for p in out.iterdir() if p.is_dir() and p.name.endswith("-" + name))


def _json(out: Path, name: str) -> dict:
    slug = _slug(out, name)
    return json.loads((out / slug / f"{slug}.json").read_text(encoding="utf-8"))


def _file(out: Path, name: str, ext: str) -> Path:
    slug = _slug(out, name)
    return out / slug / f"{slug}.{ext}"


def _segs(data: dict) -> list[dict]:
    return [data["heading"]] + [s for p in data["paragraphs"] for s in p["segments"]]


def _approve_all(store: DeskStore, data: dict, user: str = "김편집") -> None:
    for s in _segs(data):
        store.save(s["id"], zh=s["zh"], ko=s["ko"] or "빈 문장", expected_version=0, user=user, approve=True,
                   origin="machine")
    store.approve_article(data["slug"], [(s["id"], s["zh"]) for s in _segs(data)], "박주필")


def test_human_text_first_never_decoded_and_drafts_marked(tmp_path, options):
    from pipeline.build import build

    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 3, per_article=2)
    first = build([src], options(out))
    assert first.exit_code == 0 and first.built == 3
    a0, a1 = _json(out, "a000"), _json(out, "a001")
    assert a0["review"] == {"state": "draft"}
    assert {s["state"] for s in _segs(a0)} == {"machine"}
    assert "DRAFT" in _file(out, "a000", "html").read_text(encoding="utf-8")

    store = DeskStore.for_output(out)
    _approve_all(store, a0)
    edited = _segs(a1)[1]
    # a human edit with what the Korean-norm rules would rewrite (01월 → 1월) and a lost number
    store.save(edited["id"], zh=edited["zh"], ko="편집자가 고친 문장, 2021년 01월.", expected_version=0, user="김편집")

    second = build([src], options(out))
    assert second.decoded == 0 and second.cache_hits > 0
    assert second.built == 2 and second.reused == 1  # only the two edited articles re-rendered
    b0, b1 = _json(out, "a000"), _json(out, "a001")
    assert b0["review"]["state"] == "approved" and b0["review"]["approved_by"] == "박주필"
    assert {s["state"] for s in _segs(b0)} == {"approved"}
    assert "DRAFT" not in _file(out, "a000", "html").read_text(encoding="utf-8")
    seg = next(s for s in _segs(b1) if s["id"] == edited["id"])
    assert seg["ko"] == "편집자가 고친 문장, 2021년 01월."  # never rewritten
    assert (seg["state"], seg["origin"], seg["editor"]) == ("edited", "editor", "김편집")
    assert seg["edited_at"].endswith("Z") and seg["changes"] == []
    assert b1["review"]["state"] == "in review"
    assert "DRAFT" in _file(out, "a001", "html").read_text(encoding="utf-8")

    # a new article repeating an approved sentence of a000: exact human-memory match
    again = _segs(a0)[1]["zh"]
    write_article(src, "z999.md", "新文章", [again + sentences()[-1]])
    third = build([src], options(out))
    z = _json(out, "z999")
    hit = next(s for s in _segs(z) if s["zh"] == again)
    assert (hit["state"], hit["origin"]) == ("human", "human-exact")
    assert hit["ko"] == _segs(b0)[1]["ko"]
    assert third.human >= len(_segs(b0)) + 2


def test_checks_run_on_human_text(tmp_path, options):
    from pipeline.build import build

    src, out = tmp_path / "in", tmp_path / "out"
    write_article(src.mkdir() or src, "n.md", "习近平总书记考察", ["习近平总书记在2021年考察了3个地方。"])
    build([src], options(out))
    data = _json(out, "n")
    s = _segs(data)[1]
    DeskStore.for_output(out).save(s["id"], zh=s["zh"], ko="시진핑 총서기가 지방을 시찰했다.", expected_version=0,
                                   user="ed")
    build([src], options(out))
    seg = _segs(_json(out, "n"))[1]
    checks = {f["check"] for f in seg["findings"]}
    assert {"forbidden", "numbers", "term-violated"} <= checks


def test_changed_chinese_keeps_the_old_edit_as_stale(tmp_path, options):
    from pipeline.build import build

    src, out = tmp_path / "in", tmp_path / "out"
    sents = sentences()
    write_article(src.mkdir() or src, "s.md", "测试", [sents[0] + sents[1]])
    build([src], options(out))
    seg = _segs(_json(out, "s"))[1]
    DeskStore.for_output(out).save(seg["id"], zh=seg["zh"], ko="옛 편집", expected_version=0, user="ed",
                                   approve=True)
    write_article(src, "s.md", "测试", [sents[2] + sents[1]])  # the first sentence changed
    rep = build([src], options(out))
    now = _segs(_json(out, "s"))[1]
    assert now["zh"] != seg["zh"] and now["state"] == "machine" and now["ko"] != "옛 편집"
    assert now["stale"]["ko"] == "옛 편집" and now["stale"]["zh"] == seg["zh"]
    assert any("stale" in w for w in rep.warnings)


def _zhko(env, *args, timeout=300):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def env(argos_dir_direct):
    e = {k: v for k, v in os.environ.items() if k != "ZHKO_CACHE"}
    e["ARGOS_PACKAGES_DIR"] = str(argos_dir_direct)
    e["PYTHONPATH"] = str(ROOT)
    return e


def test_final_refuses_with_exit_5_naming_each_article_then_builds_approved_pdf(tmp_path, options, env):
    from pypdf import PdfReader

    from pipeline.build import build

    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 2, per_article=1)
    build([src], options(out, pdf=True))
    pdf_text = "".join(p.extract_text() for p in PdfReader(_file(out, "a000", "pdf")).pages)
    assert "DRAFT" in pdf_text
    assert PdfReader(_file(out, "a000", "pdf")).metadata.title.startswith("DRAFT")
    args = ["build", src, "-o", out, "--glossary", GLOSSARY, "--beam", "1", "-j", "1", "--final"]
    r = _zhko(env, *args)
    assert r.returncode == 5, r.stderr
    assert "a000.md" in r.stderr and "a001.md" in r.stderr and "not approved" in r.stderr
    store = DeskStore.for_output(out)
    _approve_all(store, _json(out, "a000"))
    r = _zhko(env, *args)
    assert r.returncode == 5 and "a001.md" in r.stderr and "a000.md" not in r.stderr
    data = _json(out, "a001")
    for s in _segs(data):
        store.save(s["id"], zh=s["zh"], ko=s["ko"] or "빈", expected_version=0, user="ed", approve=True)
    r = _zhko(env, *args)
    assert r.returncode == 5 and "the article itself is not" in r.stderr
    store.approve_article(data["slug"], [(s["id"], s["zh"]) for s in _segs(data)], "박주필")
    r = _zhko(env, *args)
    assert r.returncode == 0, r.stderr
    reader = PdfReader(_file(out, "a001", "pdf"))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "DRAFT" not in text and not reader.metadata.title.startswith("DRAFT")
    assert _json(out, "a001")["review"]["final"] is True


def test_a_build_running_while_editors_save_loses_nothing_and_kill_9_is_safe(tmp_path, options, env):
    from pipeline.build import build

    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 4, per_article=2)
    build([src], options(out))
    desk = out / ".zhko-desk.sqlite3"
    DeskStore(desk)
    args = ["build", src, "-o", out, "--glossary", GLOSSARY, "--beam", "1", "-j", "1", "--no-cache"]
    worker = Path(__file__).with_name("worker.py")
    builder = subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    saver = subprocess.Popen([sys.executable, str(worker), *map(str, ("saver", desk, 7, 60, time.time()))], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out_s, err_s = saver.communicate(timeout=300)
    assert saver.returncode == 0, err_s
    _, err_b = builder.communicate(timeout=300)
    assert builder.returncode == 0, err_b
    # kill -9 a build in the middle (it reads the desk database) while another save lands
    builder = subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(2.5)
    DeskStore(desk).save("w7/p9/s9", zh="最后一句。", ko="마지막", expected_version=0, user="ed")
    os.killpg(builder.pid, signal.SIGKILL)
    builder.communicate(timeout=30)
    store = DeskStore(desk)
    assert store.integrity_check() == "ok"
    rows = store.segments()
    assert len(rows) == 61 and all(r.state == "approved" for k, r in rows.items() if k != "w7/p9/s9")


# -- rebuilds: the desk is part of each article's up-to-date key, per article --


def test_an_edit_rereads_only_its_article_and_decodes_nothing(tmp_path, options):
    from pipeline.build import build

    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 4, per_article=2)
    assert build([src], options(out)).built == 4
    DeskStore.for_output(out)  # the desk opened, nothing done yet: still all up to date
    same = build([src], options(out))
    assert (same.built, same.reused, same.decoded, same.cache_hits) == (0, 4, 0, 0)

    a1 = _json(out, "a001")
    seg = _segs(a1)[1]
    DeskStore.for_output(out).save(seg["id"], zh=seg["zh"], ko="편집한 문장.", expected_version=0, user="ed")
    rep = build([src], options(out))
    assert (rep.built, rep.reused, rep.decoded) == (1, 3, 0)
    others = sum(len(_segs(_json(out, n))) for n in ("a000", "a002", "a003"))
    assert rep.unread == others  # the three other articles were not even read
    assert rep.cache_hits == len(_segs(a1)) - 1  # a001's other sentences: from the memory, not decoded
    assert next(s for s in _segs(_json(out, "a001")) if s["id"] == seg["id"])["ko"] == "편집한 문장."
    again = build([src], options(out))
    assert (again.built, again.reused, again.cache_hits) == (0, 4, 0)


def test_an_approval_rebuilds_the_articles_sharing_its_sentence(tmp_path, options):
    from pipeline.build import build

    src, out = tmp_path / "in", tmp_path / "out"
    sents = sentences()
    src.mkdir()
    write_article(src, "a.md", "甲", [sents[0] + sents[1]])
    write_article(src, "b.md", "乙", [sents[5] + sents[1]])  # shares sents[1] with a
    write_article(src, "c.md", "丙", [sents[7] + sents[8]])
    build([src], options(out))
    store = DeskStore.for_output(out)
    shared = next(s for s in _segs(_json(out, "a")) if s["zh"] == sents[1])
    only_a = next(s for s in _segs(_json(out, "a"))[1:] if s["zh"] != sents[1])

    # an edit (not approved) of the shared sentence: not in the memory, a alone
    row = store.save(shared["id"], zh=shared["zh"], ko="공유 문장.", expected_version=0, user="ed")
    rep = build([src], options(out))
    assert (rep.built, rep.reused, rep.decoded) == (1, 2, 0)

    # approved: it enters the human memory and serves b's identical sentence
    row = store.save(shared["id"], zh=shared["zh"], ko="공유 문장.", expected_version=row.version, user="ed",
                     approve=True)
    rep = build([src], options(out))
    assert (rep.built, rep.reused, rep.decoded) == (2, 1, 0)
    assert rep.unread == len(_segs(_json(out, "c")))
    hit = next(s for s in _segs(_json(out, "b")) if s["zh"] == sents[1])
    assert (hit["ko"], hit["state"], hit["origin"]) == ("공유 문장.", "human", "human-exact")

    # approving a sentence only a has: a alone
    store.save(only_a["id"], zh=only_a["zh"], ko="갑의 문장.", expected_version=0, user="ed", approve=True)
    rep = build([src], options(out))
    assert (rep.built, rep.reused, rep.decoded) == (1, 2, 0)

    # withdrawn (re-edited): the memory entry goes, b gets the machine text back
    store.save(shared["id"], zh=shared["zh"], ko="다시 고친 문장.", expected_version=row.version, user="ed")
    rep = build([src], options(out))
    assert (rep.built, rep.reused, rep.decoded) == (2, 1, 0)
    hit = next(s for s in _segs(_json(out, "b")) if s["zh"] == sents[1])
    assert hit["state"] == "machine"


def test_a_memory_import_rebuilds_only_the_articles_it_serves(tmp_path, options):
    from pipeline.build import build

    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 3, per_article=2)
    build([src], options(out))
    zh = _segs(_json(out, "a002"))[2]["zh"]
    DeskStore.for_output(out).import_memory([(zh + " ", "가져온 번역.", "tm")], user="ed")  # normalized key
    rep = build([src], options(out))
    assert (rep.built, rep.reused, rep.decoded) == (1, 2, 0)
    assert _segs(_json(out, "a002"))[2]["ko"] == "가져온 번역."
