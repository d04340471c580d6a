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

    uv run python bench/rebuild.py --examples [--rounds 3] [--repeats 5] [--no-pdf] [--importtime]

The issue's rebuild target instead: the bundled ``examples/`` with the tiny
test models, each round a cold build into an empty output folder followed by
``--repeats`` unchanged rebuilds of it, every one a fresh ``zhko build``
process (``python -m pipeline``, i.e. the console script plus runpy). Prints wall time and peak
RSS (the child's own ``ru_maxrss``, from ``wait4``) of each, their medians and
the cold/unchanged ratio; ``--importtime`` adds the unchanged run's costliest
imports (``python -X importtime``). Bytecode is cached in a temporary
``PYTHONPYCACHEPREFIX`` (an installed zhko has its ``.pyc`` files; a checkout
run with ``PYTHONDONTWRITEBYTECODE=1`` recompiles ~30 modules, ~0.1 s, on
every start).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _load import load
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPLIT = re.compile(r"(?<=[。！？])")
EDIT = ("  ko: 핵산검사\n", "  ko: 핵산 검측\n")  # covid.yaml: 核酸检测


def load_tiny_argos():
    return load("tests/support/tiny_argos.py", "zhko_tiny_argos")


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


def _zhko_script(tree: Path) -> list[str]:
    """``python -m pipeline`` (the ``zhko`` console script minus nothing but
    runpy, ~15 ms), with ``tree`` first on PYTHONPATH: this checkout and a
    ``--baseline`` tree are run the same way."""
    return [sys.executable, "-m", "pipeline"]


#: Peak RSS through GNU time: a child's ``ru_maxrss`` includes the memory of
#: the process it was forked from (the kernel keeps the high-water mark across
#: exec), so a child of this benchmark would report at least this process's
#: size; GNU time is a small C program.
GNU_TIME = "/usr/bin/time"


def timed_build(env: dict[str, str], args: list[str], tree: Path = ROOT) -> dict[str, Any]:
    """One ``zhko build`` process: wall seconds, its peak RSS in MB, the summary counts."""
    env = dict(env, PYTHONPATH=str(tree))
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = Path(tmp) / "rss"
        prefix = [GNU_TIME, "-f", "%M", "-o", str(rss_file)] if Path(GNU_TIME).is_file() else []
        t0 = time.perf_counter()
        proc = subprocess.run(prefix + _zhko_script(tree) + ["build", *args, "-q"], env=env, cwd=tree,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - t0
        rss = int(rss_file.read_text().split()[-1]) / 1024 if prefix else float("nan")
    m = SUMMARY.search(proc.stderr)
    if proc.returncode != 0 or not m:
        sys.exit(f"zhko build failed ({proc.returncode}):\n{proc.stderr}")
    built, reused, _failed, segments, _unread, hits, decoded = (int(g or 0) for g in m.groups()[:7])
    return {"s": seconds, "rss": rss, "built": built, "reused": reused,
            "segments": segments, "hits": hits, "decoded": decoded, "stderr": proc.stderr}


def examples_main(args: argparse.Namespace) -> None:
    """Cold build vs unchanged rebuild of examples/ with the tiny test models
    (and the same for ``--baseline``'s source tree, interleaved)."""
    import statistics

    trees = [("this checkout", ROOT)] + ([("baseline", Path(args.baseline).resolve())] if args.baseline else [])
    with tempfile.TemporaryDirectory(prefix="zhko-bench-examples-") as tmp:
        work = Path(tmp)
        packages = install_package(work, real_size=False)
        env = {k: v for k, v in os.environ.items() if k not in ("ZHKO_CACHE", "PYTHONDONTWRITEBYTECODE")}
        env.update(ARGOS_PACKAGES_DIR=str(packages), PYTHONPYCACHEPREFIX=str(work / "pycache"))
        fmt = "HTML only" if args.no_pdf else "HTML + PDF"
        print(f"examples/: {len(list((ROOT / 'examples').iterdir()))} articles, tiny zh→ko model, {fmt}, "
              f"{args.rounds} rounds × (1 cold + {args.repeats} unchanged) per tree, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}")
        extra = ["--no-pdf"] if args.no_pdf else []
        colds: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in trees}
        sames: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in trees}
        for r in range(args.rounds):
            for name, tree in trees:
                out = work / f"out-{name.replace(' ', '-')}-{r}"
                common = [str(tree / "examples"), "-o", str(out), *extra]
                cold = timed_build(env, common, tree)
                if cold["reused"] or not cold["decoded"]:
                    sys.exit("the cold build was not cold")
                colds[name].append(cold)
                for _ in range(args.repeats):
                    same = timed_build(env, common, tree)
                    if same["built"] or same["decoded"] or same["hits"]:
                        sys.exit(f"the unchanged rebuild did work:\n{same['stderr']}")
                    sames[name].append(same)
                print(f"round {r + 1}, {name}: cold {cold['s']:.2f} s; unchanged "
                      + " ".join(f"{x['s']:.2f}" for x in sames[name][-args.repeats:]) + " s")
        print(f"\n{'tree':<15}{'run':<19}{'median s':>9}{'min s':>8}{'max s':>8}{'peak RSS MB':>13}")
        for name, _ in trees:
            for run, rows in (("cold", colds[name]), ("unchanged rebuild", sames[name])):
                secs = [x["s"] for x in rows]
                print(f"{name:<15}{run:<19}{statistics.median(secs):>9.2f}{min(secs):>8.2f}{max(secs):>8.2f}"
                      f"{statistics.median(x['rss'] for x in rows):>13.0f}")
        print()
        for name, _ in trees:
            cold_s = statistics.median(c["s"] for c in colds[name])
            same_s = statistics.median(s["s"] for s in sames[name])
            print(f"{name}: unchanged rebuild {same_s:.2f} s (target < 1 s), {cold_s / same_s:.1f}x faster "
                  f"than cold (target >= 10x); {colds[name][0]['decoded']} segments decoded cold, 0 unchanged")
        floor = _python_floor(env)
        print(f"for scale, same machine now: `python -c pass` {floor['pass']:.2f} s, "
              f"`python -c 'import pipeline.cli'` {floor['cli']:.2f} s")
        if args.importtime:
            for name, tree in trees:
                _importtime(dict(env, PYTHONPATH=str(tree)), tree,
                            [str(tree / "examples"), "-o", str(work / f"out-{name.replace(' ', '-')}-0"), *extra],
                            name)


def _python_floor(env: dict[str, str]) -> dict[str, float]:
    """Median of 5: the interpreter's start alone, and with the CLI imported."""
    import statistics

    out = {}
    for name, code in (("pass", "pass"), ("cli", "import pipeline.cli")):
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], env=dict(env, PYTHONPATH=str(ROOT)), cwd=ROOT,
                           check=True)
            runs.append(time.perf_counter() - t0)
        out[name] = statistics.median(runs)
    return out


def _importtime(env: dict[str, str], tree: Path, args: list[str], name: str) -> None:
    """The unchanged rebuild's top-level imports by cumulative time, and the total."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "pipeline", "build", *args, "-q"],
                          env=env, cwd=tree, capture_output=True, text=True)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)", line)
        if m and not m.group(3):
            rows.append((int(m.group(2)), m.group(4)))
    total = sum(us for us, _ in rows)
    modules = sum(1 for line in proc.stderr.splitlines() if line.startswith("import time:") and "|" in line) - 1
    print(f"\n{name}, unchanged rebuild, python -X importtime: {modules} modules, {total / 1e3:.0f} ms of imports; "
          "costliest top-level imports:")
    for us, name in sorted(rows, reverse=True)[:12]:
        print(f"  {us / 1e3:7.1f} ms  {name}")
    heavy = [m for m in ("ctranslate2", "argostranslate.package", "sentencepiece", "importlib.metadata",
                         "yaml", "jinja2", "jieba", "opencc", "weasyprint", "sqlite3")
             if re.search(rf"\| +{re.escape(m)}$", proc.stderr, re.M)]
    print(f"heavy modules loaded: {', '.join(heavy) or 'none'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", action="store_true",
                    help="cold vs unchanged rebuild of examples/ with the tiny test models")
    ap.add_argument("--rounds", type=int, default=3, help="--examples: cold builds")
    ap.add_argument("--repeats", type=int, default=5, help="--examples: unchanged rebuilds after each cold one")
    ap.add_argument("--importtime", action="store_true", help="--examples: the unchanged run's imports")
    ap.add_argument("--baseline", metavar="SRC",
                    help="--examples: also time this source tree (e.g. `git archive COMMIT | tar -x -C SRC`), "
                         "interleaved, run as python -m pipeline")
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--per-article", type=int, default=5)
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tiny", action="store_true", help="tiny model instead of real Argos size")
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    if args.examples:
        examples_main(args)
        return

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
