"""Fixtures for the batch-build tests: real tiny models, the project's
glossary, generated articles made of the example's real Chinese sentences,
and a helper that runs ``zhko build`` as a subprocess (the way editors and CI
run it), with its own process group so a test can kill -9 the whole job."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossaries"
EXAMPLE = ROOT / "examples" / "yanbian-fabu-2021-01-21.txt"


def sentences() -> list[str]:
    """Real Chinese sentences of the sample article (with their 。)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    found = re.findall(r"[^。！？\n]{8,}[。！？]", text)
    return [s.strip() for s in found if re.search(r"[\u4e00-\u9fff]", s)]


def write_article(folder: Path, name: str, title: str, paragraphs: list[str], date: str = "2024-01-01") -> Path:
    """A Markdown article with front matter."""
    body = "\n\n".join(paragraphs)
    path = folder / name
    path.write_text(f"---\ntitle: {title}\ndate: {date}\nsource: 测试\n---\n\n{body}\n", encoding="utf-8")
    return path


def make_batch(folder: Path, n: int, per_article: int = 2, offset: int = 0) -> list[Path]:
    """``n`` small articles, each with different sentences of the example."""
    folder.mkdir(parents=True, exist_ok=True)
    sents = sentences()
    paths = []
    for i in range(n):
        picked = [sents[(offset + i * per_article + j) % len(sents)] for j in range(per_article)]
        paths.append(write_article(folder, f"a{i:03d}.md", f"测试文章第{i + 1}号", picked,
                                   date=f"2024-01-{i % 28 + 1:02d}"))
    return paths


@pytest.fixture(scope="session")
def packages(argos_dir_direct) -> Path:
    return argos_dir_direct


@pytest.fixture
def options(packages, tmp_path):
    """BuildOptions factory: tiny model, greedy, HTML only, one job unless asked
    (:func:`tests.support.build_options.options_factory`)."""
    from tests.support.build_options import options_factory

    return options_factory(packages, tmp_path / "out")


@pytest.fixture
def zhko_env(packages) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ZHKO_CACHE"}
    env["ARGOS_PACKAGES_DIR"] = str(packages)
    env["PYTHONPATH"] = str(ROOT)
    return env


def zhko_cmd(*args: str | os.PathLike) -> list[str]:
    return [sys.executable, "-m", "pipeline", *map(str, args)]


def run_zhko(env: dict[str, str], *args: str | os.PathLike, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(zhko_cmd(*args), env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def start_zhko(env: dict[str, str], *args: str | os.PathLike) -> subprocess.Popen:
    """A running ``zhko`` in its own session (so killpg reaches its workers)."""
    return subprocess.Popen(zhko_cmd(*args), env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def build_args(inputs: Path, out: Path, *extra: str) -> list[str]:
    return ["build", str(inputs), "-o", str(out), "--glossary", str(GLOSSARY), "--beam", "1", "-j", "1", *extra]


def copy_glossary(dest: Path) -> Path:
    shutil.copytree(GLOSSARY, dest)
    return dest
