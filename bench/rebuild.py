"""Benchmark: cold build vs unchanged rebuild vs rebuild after one glossary edit.

    uv run python bench/rebuild.py [--articles 50] [--per-article 5] [--beam 4] [--tiny] [--no-pdf]

Builds a random-weight zh→ko Argos package of real Argos size (6+6 layers,
d_model 512, 32k vocabulary, int8; ``tests/support/tiny_argos.py``), makes a
batch of articles from the real Chinese sentences of ``examples/`` (numbered
variants once the distinct sentences run out, so every article differs), and
times three ``zhko build`` runs over the same output folder, each a fresh
process as an editor would run it (start-up, glossary, model loading included):

1. cold: empty output folder and translation memory;
2. unchanged: the same inputs again (nothing to decode, nothing to render);
3. edit: after changing the Korean of one glossary entry (核酸检测), only the
   sentences containing it are decoded again, only their articles re-rendered.

Prints each run's wall time, articles built / up to date, segments decoded /
from cache, and the speed-up ratios measured side by side in this one run.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLIT = re.compile(r"(?<=[。！？])")
EDIT = ("  ko: 핵산검사\n", "  ko: 핵산 검측\n")  # covid.yaml: 核酸检测


def load_tiny_argos():
    spec = importlib.util.spec_from_file_location("zhko_tiny_argos", ROOT / "tests/support/tiny_argos.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def install_package(workdir: Path, real_size: bool) -> Path:
    tiny = load_tiny_argos()
    t0 = time.perf_counter()
    built = tiny.build_packages(workdir / "build", [("zh", "ko")], size=tiny.REAL if real_size else tiny.TINY)
    path = built[("zh", "ko")]
    print(f"model: {path.name} {'real size' if real_size else 'tiny'}, {path.stat().st_size / 1e6:.0f} MB, "
          f"built in {time.perf_counter() - t0:.1f} s")
    from pipeline.translate.install import install_from_file

    install_from_file(path, workdir / "packages")
    return workdir / "packages"


def example_sentences() -> list[str]:
    """Every sentence of the example articles' body text (Chinese, ≥ 10 chars)."""
    found: list[str] = []
    for path in sorted((ROOT / "examples").iterdir()):
        text = re.sub(r"<[^>]+>", "\n", path.read_text(encoding="utf-8"))
        for line in text.splitlines():
            for s in SPLIT.split(line.strip()):
                if len(s) >= 10 and re.search(r"[\u4e00-\u9fff]{5}", s) and s not in found:
                    found.append(s)
    return found


def make_batch(folder: Path, n_articles: int, per_article: int) -> int:
    """``n_articles`` Markdown articles, each a different run of sentences; returns
    the number of distinct sentences."""
    base = example_sentences()
    folder.mkdir(parents=True)
    seen: set[str] = set()
    k = 0
    for i in range(n_articles):
        sents = []
        for _ in range(per_article):
            s = base[k % len(base)]
            rnd = k // len(base)
            sents.append(s if rnd == 0 else f"第{rnd}次，{s}")
            k += 1
        seen.update(sents)
        pars = [" ".join(sents[j:j + 2]) for j in range(0, len(sents), 2)]
        body = "\n\n".join(pars)
        (folder / f"article-{i:03d}.md").write_text(
            f"---\ntitle: 延边新闻第{i + 1}号\ndate: 2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}\nsource: 延边日报\n---\n\n"
            f"{body}\n", encoding="utf-8")
    return len(seen)


SUMMARY = re.compile(r"(\d+) built, (\d+) up to date, (\d+) failed; (\d+) segments "
                     r"\((?:(?P<unread>\d+) unchanged, )?(\d+) from cache, (\d+) decoded"
                     r"(?:, (\d+) repeated)?(?:, (\d+) human)?\)")


def run_build(env: dict[str, str], args: list[str]) -> dict[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "build", *args, "-q"], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    m = SUMMARY.search(proc.stderr)
    if proc.returncode != 0 or not m:
        sys.exit(f"zhko build failed ({proc.returncode}):\n{proc.stderr}")
    built, reused, failed, segments, _, hits, decoded = (int(g or 0) for g in m.groups()[:7])
    # unread: sentences of articles found up to date before reading
    return {"s": seconds, "built": built, "reused": reused, "segments": segments, "hits": hits,
            "decoded": decoded, "unread": int(m["unread"] or 0)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--per-article", type=int, default=5)
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tiny", action="store_true", help="tiny model instead of real Argos size")
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="zhko-bench-rebuild-") as tmp:
        work = Path(tmp)
        packages = install_package(work, real_size=not args.tiny)
        distinct = make_batch(work / "in", args.articles, args.per_article)
        glossary = work / "glossaries"
        shutil.copytree(ROOT / "glossaries", glossary)
        env = {k: v for k, v in os.environ.items() if k != "ZHKO_CACHE"}
        env.update(ARGOS_PACKAGES_DIR=str(packages), PYTHONPATH=str(ROOT))
        common = [str(work / "in"), "-o", str(work / "out"), "--glossary", str(glossary),
                  "--beam", str(args.beam), "-j", str(args.jobs)] + (["--no-pdf"] if args.no_pdf else [])
        print(f"batch: {args.articles} articles, {distinct} distinct example sentences, beam {args.beam}, "
              f"-j {args.jobs}, {'HTML only' if args.no_pdf else 'HTML + PDF'}, {os.cpu_count()} CPUs")

        cold = run_build(env, common)
        same = run_build(env, common)
        covid = glossary / "covid.yaml"
        covid.write_text(covid.read_text(encoding="utf-8").replace(*EDIT, 1), encoding="utf-8")
        edit = run_build(env, common)

    print(f"\n{'run':<28}{'wall s':>8}{'built':>7}{'up-to-date':>12}{'decoded':>9}{'cached':>8}")
    for name, r in (("cold", cold), ("unchanged rebuild", same), ("after 1 glossary edit", edit)):
        print(f"{name:<28}{r['s']:>8.1f}{r['built']:>7}{r['reused']:>12}{r['decoded']:>9}{r['hits']:>8}")
    print(f"\nunchanged rebuild: {cold['s'] / same['s']:.1f}x faster than cold (target >= 20x)")
    print(f"glossary-edit rebuild: {cold['s'] / edit['s']:.1f}x faster than cold; re-rendered "
          f"{edit['built']} of {args.articles} articles, decoded {edit['decoded']} of {cold['decoded']} sentences")


if __name__ == "__main__":
    main()
