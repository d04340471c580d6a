"""Fixtures for the desk tests: a fresh desk database per test and a helper
that runs ``worker.py`` in separate Python processes (real concurrency)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.browser import browser  # noqa: F401 (the Chromium fixture)

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")


@pytest.fixture
def desk_path(tmp_path: Path) -> Path:
    return tmp_path / "output" / ".zhko-desk.sqlite3"


@pytest.fixture
def store(desk_path):
    from pipeline.desk.store import DeskStore

    return DeskStore(desk_path)


@pytest.fixture
def spawn():
    """``spawn(*args)`` starts worker.py in a new process; all reaped at teardown."""
    procs: list[subprocess.Popen] = []
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")

    def _spawn(*args: object) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, str(WORKER), *map(str, args)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        procs.append(proc)
        return proc

    yield _spawn
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


GLOSSARY = """\
- zh: 习近平
  ko: 습근평
  kind: person
- zh: 习近平
  ko: 시진핑
  status: forbidden
- zh: 延边州
  ko: 연변주
  kind: place
"""


def make_article(slug: str, sentences: list[tuple[str, str]], title=("延边新闻", "연변 뉴스")):
    """A built article as the build writes it (its JSON), without translating."""
    from pipeline.model import Article, Paragraph, Segment

    heading = Segment(id=f"{slug}/title", zh=title[0], ko=title[1])
    segs = [Segment(id=f"{slug}/p1/s{i}", zh=zh, ko=ko) for i, (zh, ko) in enumerate(sentences, 1)]
    return Article(slug=slug, path=f"{slug}.txt", format="txt", heading=heading,
                   paragraphs=[Paragraph(id=f"{slug}/p1", segments=segs)])


def write_article(out: Path, art) -> Path:
    import json

    folder = out / art.slug
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{art.slug}.json"
    p.write_text(json.dumps(art.to_dict(), ensure_ascii=False), encoding="utf-8")
    (folder / f"{art.slug}.html").write_text("<p>built <script>alert(1)</script></p>", encoding="utf-8")
    return p


SENTENCES = [
    ("习近平总书记在延边州考察。", "습근평 총서기가 연변주를 시찰했다."),
    ("全州共有2000名干部参加。", "전 주에서 2000명의 간부가 참가했다."),
    ("今天天气很好。", "오늘 날씨가 좋다."),
]


@pytest.fixture
def desk_dirs(tmp_path: Path):
    out, gl = tmp_path / "output", tmp_path / "glossaries"
    gl.mkdir()
    (gl / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    write_article(out, make_article("news-a", SENTENCES))
    write_article(out, make_article("news-b", [("习近平总书记在延边州考察工作。", "습근평 총서기가 연변주에서 사업을 시찰했다.")],
                                    title=("第二篇", "두번째")))
    return out, gl


@pytest.fixture
def desk_app(desk_dirs):
    from pipeline.desk.app import create_app

    out, gl = desk_dirs
    app = create_app(out, glossary_dir=gl, user="김편집")
    app.config["TESTING"] = True
    return app


def authorized(client):
    """Open the access link the command prints (sets the token cookie) in loopback mode."""
    token = client.application.config.get("ZHKO_ACCESS_TOKEN")
    if token and not getattr(client, "_zhko_authorized", False):
        assert client.get(f"/?token={token}").status_code == 303
        client._zhko_authorized = True
    return client


def csrf_of(client) -> str:
    import re

    authorized(client)
    page = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf" content="([^"]+)"', page).group(1)
