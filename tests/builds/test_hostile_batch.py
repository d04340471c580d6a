"""A batch with hostile members: whatever one article (or path) does, it fails
alone with one message naming it, and the rest of the batch is built.
Real tiny models, the project's glossary, HTML only (no PDF) for speed."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from pipeline.build import OWNER_NAME, build
from pipeline.cli import main
from pipeline.errors import EXIT_FAILED, GlossaryError

from .conftest import GLOSSARY, sentences, write_article


def _good(folder: Path, name: str = "good.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_article(folder, name, "延吉市召开会议", sentences()[:1], date="")


def _messages(report) -> str:
    return "\n".join(m for _, m in report.failures)


def test_two_batches_into_one_folder_never_replace_each_others_articles(tmp_path, options):
    in1, in2 = tmp_path / "in1", tmp_path / "in2"
    in1.mkdir(), in2.mkdir()
    first = write_article(in1, "a-b.md", "第一篇文章", sentences()[:1], date="")
    second = write_article(in2, "A_B.MD", "第二篇文章", sentences()[1:2], date="")
    out = tmp_path / "out"
    build([first], options(out))
    report = build([second], options(out))
    assert not report.failures
    kept = json.loads((out / "a-b" / "a-b.json").read_text(encoding="utf-8"))
    assert kept["path"] == str(first) and kept["title"] == "第一篇文章"
    moved = json.loads((out / "a-b-2" / "a-b-2.json").read_text(encoding="utf-8"))
    assert moved["path"] == str(second) and moved["title"] == "第二篇文章"
    assert (out / "a-b" / OWNER_NAME).read_text().strip() == str(first.resolve())
    assert (out / "a-b-2" / OWNER_NAME).read_text().strip() == str(second.resolve())
    assert report.warnings == [f"{second}: {out / 'a-b'}/ holds the edition of another source file "
                               f"({first.resolve()}); this article is written to {out / 'a-b-2'}/"]
    # each source keeps its folder on a rebuild, in either order
    again = build([second], options(out))
    assert again.reused == 1 and not (out / "a-b-3").exists()
    assert build([first], options(out)).reused == 1


def test_a_missing_path_is_reported_and_the_rest_is_built(tmp_path, options):
    good = _good(tmp_path / "in")
    gone = tmp_path / "in" / "gone.md"
    report = build([gone, good], options())
    assert report.built == 1
    assert report.failures == [(str(gone), f"{gone}: no such file or folder")]
    assert report.exit_code == EXIT_FAILED


def test_yaml_bomb_article_fails_alone(tmp_path, options):
    folder = tmp_path / "in"
    good = _good(folder)
    bomb = folder / "bomb.md"
    lines = ["title: 标题", "a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    bomb.write_text("---\n" + "\n".join(lines) + "\n---\n\n" + sentences()[0] + "\n", encoding="utf-8")
    report = build([folder], options())
    assert report.built == 1 and [p for p, _ in report.failures] == [str(bomb)]
    assert "internal error" not in _messages(report) and "anchors (&name) are not allowed" in _messages(report)
    assert good.exists()


def test_fifo_and_device_links_fail_alone_without_hanging(tmp_path, options):
    folder = tmp_path / "in"
    _good(folder)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    done: list = []
    worker = threading.Thread(target=lambda: done.append(build([folder, fifo, zero], options())), daemon=True)
    worker.start()
    worker.join(300)
    assert done, "the build hung on a FIFO or /dev/zero"
    report = done[0]
    assert report.built == 1
    assert dict(report.failures) == {
        str(fifo): f"{fifo}: not a regular file (a named pipe); refusing to read it",
        str(zero): f"{zero}: not a regular file (a character device); refusing to read it",
    }


def test_oversized_article_fails_alone(tmp_path, options):
    from pipeline.limits import Limits

    folder = tmp_path / "in"
    _good(folder)
    big = write_article(folder, "big.md", "大文章", sentences()[:40], date="")
    report = build([folder], options(limits=Limits(article_bytes=2000)))
    assert report.built == 1 and [p for p, _ in report.failures] == [str(big)]
    assert "limit for an article file" in _messages(report)


def test_symbols_only_file_name_gets_a_real_slug(tmp_path, options):
    folder = tmp_path / "in"
    folder.mkdir()
    bang = write_article(folder, "!!!.md", "延吉市召开会议", sentences()[:1], date="")
    out = tmp_path / "out"
    report = build([bang], options(out))
    assert report.built == 1
    folders = [p.name for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 1 and folders[0].startswith("article-")
    assert not (out / ".html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="/.html"' not in index and f'href="{folders[0]}/{folders[0]}.html"' in index


def test_no_pdf_index_links_no_pdf(tmp_path, options):
    out = tmp_path / "out"
    build([_good(tmp_path / "in")], options(out, pdf=False))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ".pdf" not in index and "good/good.html" in index


def test_javascript_source_link_is_dropped_with_a_warning(tmp_path, options):
    folder = tmp_path / "in"
    folder.mkdir()
    art = folder / "js.md"
    art.write_text("---\ntitle: 延吉市召开会议\nurl: \"javascript:fetch('/api')\"\n---\n\n"
                   + sentences()[0] + "\n", encoding="utf-8")
    out = tmp_path / "out"
    report = build([art], options(out))
    assert report.built == 1
    assert report.warnings == [f"{art}:3: front matter 'url' is not an http(s) link; the source link was dropped"]
    html = (out / "js" / "js.html").read_text(encoding="utf-8")
    assert "javascript:" not in html


def test_one_character_approved_term_is_a_build_warning(tmp_path, options):
    glossary = tmp_path / "glossaries"
    shutil.copytree(GLOSSARY, glossary)
    (glossary / "zz.yaml").write_text("- zh: 的\n  ko: 의\n  note: test\n  source: test\n", encoding="utf-8")
    report = build([_good(tmp_path / "in")], options(glossary_dir=glossary))
    assert report.built == 1
    assert any(w.startswith(f"glossary: {glossary / 'zz.yaml'}:1: approved term 的 is a single character")
               for w in report.warnings)


def test_glossary_alias_bomb_stops_the_build_with_one_line_naming_the_file(tmp_path, options, capsys):
    glossary = tmp_path / "glossaries"
    shutil.copytree(GLOSSARY, glossary)
    bomb = glossary / "bomb.yaml"
    bomb.write_text("- zh: &a 延边\n  ko: *a\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        build([_good(tmp_path / "in")], options(glossary_dir=glossary))
    assert info.value.problems == [f"{bomb}:1: invalid YAML: YAML anchors (&name) are not allowed in this file"]
