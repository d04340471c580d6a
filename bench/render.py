"""Benchmark: PDF rendering through zhko's process pool vs WeasyPrint alone,
and peak memory of a small vs a large batch.

    uv run python bench/render.py [--articles 20] [--memory 10,200] [--jobs 2] [--real-size]

Setup (not timed): a random-weight zh→ko package (tiny by default: rendering
cost does not depend on the model; ``--real-size`` for the Argos-size one),
a batch of articles made of the real Chinese sentences of ``examples/`` (see
bench/rebuild.py), translated once into a shared translation memory.

1. Speed, same articles, same machine, one run:
   (a) zhko: ``render_articles`` with PDFs, ``--jobs`` worker processes (each
       article: screen HTML + print HTML + PDF + JSON);
   (b) zhko with one job (everything in this process, no pool);
   (c) WeasyPrint alone: the same print HTML files (written beforehand),
       ``weasyprint.HTML(filename=...).write_pdf`` one after another in one process.
2. Memory: ``zhko build`` (PDFs on, translations from the warm cache) of the
   first 10 vs all 200 articles, each in a fresh process: peak RSS of the main
   process and of the largest render worker, each its own ``VmHWM``
   (``/proc/PID/status``; workers sampled every 50 ms). Not ``ru_maxrss``:
   on Linux it carries over the peak of the process that forked it, so it
   reported this benchmark's own ~1.9 GB as the build's main process.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _load import load

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _rebuild_module():
    return load("bench/rebuild.py", "zhko_bench_rebuild")


MEASURE = """
import json, os, sys, threading, time

def hwm(pid="self"):
    # VmHWM: this process's own peak RSS. Not ru_maxrss: on Linux that keeps the
    # high-water mark of the process image replaced by exec, i.e. of whatever
    # forked it (the benchmark process, or the build's main process for a worker).
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return None

peaks = {}
def watch():  # sample the render workers' own peaks until they exit
    while True:
        for tid in os.listdir("/proc/self/task"):
            try:
                kids = open(f"/proc/self/task/{tid}/children").read().split()
            except OSError:
                continue
            for pid in kids:
                v = hwm(pid)
                if v is not None:
                    peaks[pid] = max(v, peaks.get(pid, 0))
        time.sleep(0.05)

threading.Thread(target=watch, daemon=True).start()
from pipeline.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "self_mb": hwm(), "children_mb": max(peaks.values(), default=0)}))
"""


def prepared_articles(inputs: Path, options):
    """Read, translate (from the cache) and post-edit like ``build`` does."""
    from pipeline import build as b
    from pipeline.glossary import load_glossary
    from pipeline.progress import Progress
    from pipeline.report import Report
    from pipeline.translate.argos import make_translator

    ctx = b.BuildContext(options=options, glossary=load_glossary(options.glossary_dir),
                         translator=make_translator(packages_dir=options.engine.packages_dir,
                                                    beam_size=options.engine.beam_size),
                         report=Report(), progress=Progress(quiet=True))
    articles = b.read_articles(b.collect_inputs([inputs]), ctx)
    ctx.signature = b._signature(ctx, articles)
    articles = b.translate_articles(articles, ctx)
    for a in articles:
        b.finish_article(a, options)
    return articles, ctx


def time_zhko(articles, prepared, options, out: Path) -> float:
    from pipeline import build as b
    from pipeline.progress import Progress
    from pipeline.report import Report

    options.out_dir = out
    report = Report()
    ctx = dataclasses.replace(prepared, options=options, report=report, progress=Progress(quiet=True))
    t0 = time.perf_counter()
    b.render_articles(articles, ctx)
    seconds = time.perf_counter() - t0
    assert report.built == len(articles) and not report.failures, report.failures
    return seconds


def time_weasyprint(articles, signature, folder: Path) -> float:
    import weasyprint

    from pipeline.render.html import render_article

    folder.mkdir()
    files = []
    for a in articles:
        path = folder / f"{a.slug}.html"
        path.write_text(render_article(a, signature, for_print=True), encoding="utf-8")
        files.append(path)
    t0 = time.perf_counter()
    for path in files:
        weasyprint.HTML(filename=str(path)).write_pdf(str(path.with_suffix(".pdf")))
    return time.perf_counter() - t0


def measure_memory(env: dict[str, str], inputs: Path, out: Path, common: list[str]) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", MEASURE, "build", str(inputs), "-o", str(out), "-q", *common],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        sys.exit(proc.stderr)
    result["s"] = time.perf_counter() - t0
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20, help="articles in the speed comparison")
    ap.add_argument("--memory", default="10,200", help="batch sizes compared for peak memory")
    ap.add_argument("--per-article", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--real-size", action="store_true")
    ap.add_argument("--memory-only", action="store_true", help="skip the speed comparison")
    args = ap.parse_args()
    sizes = [int(x) for x in args.memory.split(",")]
    rebuild = _rebuild_module()

    from pipeline.build import BuildOptions

    with tempfile.TemporaryDirectory(prefix="zhko-bench-render-") as tmp:
        work = Path(tmp)
        packages = rebuild.install_package(work, real_size=args.real_size)
        n_max = max(sizes + [args.articles])
        rebuild.make_batch(work / "all", n_max, args.per_article)
        cache = work / "tm.sqlite3"
        env = {k: v for k, v in os.environ.items() if k != "ZHKO_CACHE"}
        env.update(ARGOS_PACKAGES_DIR=str(packages), PYTHONPATH=str(ROOT))
        common = ["--glossary", str(ROOT / "glossaries"), "--beam", "1", "--cache", str(cache),
                  "-j", str(args.jobs)]
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "build", str(work / "all"), "-o", str(work / "warm"),
                        "--no-pdf", "-q", *common], env=env, cwd=ROOT, check=True, capture_output=True)
        print(f"translated {n_max} articles into the cache in {time.perf_counter() - t0:.1f} s (not timed below)")

        def subset(n: int) -> Path:
            folder = work / f"in-{n}"
            folder.mkdir()
            for p in sorted((work / "all").iterdir())[:n]:
                shutil.copy(p, folder / p.name)
            return folder

        speed_in = subset(args.articles)
        if args.memory_only:
            sizes_only(sizes, env, subset, speed_in, args, work, common)
            return
        from pipeline.translate.base import EngineChoice

        options = BuildOptions(glossary_dir=ROOT / "glossaries",
                               engine=EngineChoice(packages_dir=str(packages), beam_size=1),
                               cache_path=cache, pdf=True, jobs=args.jobs)
        articles, prepared = prepared_articles(speed_in, options)
        signature = prepared.signature
        pool_s = time_zhko(articles, prepared, options, work / "out-pool")
        # warm this process's WeasyPrint (fonts) so (b) and (c) start equal
        time_zhko(articles[:1], prepared, BuildOptions(**{**options.__dict__, "jobs": 1}), work / "warm-up")
        options.jobs = 1
        serial_s = time_zhko(articles, prepared, options, work / "out-serial")
        weasy_s = time_weasyprint(articles, signature, work / "weasy")
        n = len(articles)
        print(f"\nPDF rendering of {n} articles ({os.cpu_count()} CPUs):")
        print(f"  (a) zhko, {args.jobs} render workers : {pool_s:7.1f} s  ({pool_s / n:.2f} s/article, "
              "HTML+PDF+JSON)")
        print(f"  (b) zhko, 1 job (no pool)     : {serial_s:7.1f} s  ({serial_s / n:.2f} s/article)")
        print(f"  (c) WeasyPrint alone, 1 proc  : {weasy_s:7.1f} s  ({weasy_s / n:.2f} s/article, PDF only)")
        print(f"  speed-up of (a) over (c): {weasy_s / pool_s:.2f}x; over (b): {serial_s / pool_s:.2f}x")

        sizes_only(sizes, env, subset, speed_in, args, work, common)


def sizes_only(sizes, env, subset, speed_in, args, work, common) -> None:
    """Part 2: peak memory of a small vs a large batch."""
    rows = []
    for size in sizes:
        rows.append((size, measure_memory(env, subset(size) if size != args.articles else speed_in,
                                          work / f"mem-{size}", common)))
    print("\npeak memory, zhko build with PDFs (translations from the cache):")
    print(f"  {'articles':>8} {'wall s':>8} {'main MB':>9} {'worker MB':>10}")
    for size, r in rows:
        print(f"  {size:>8} {r['s']:>8.1f} {r['self_mb']:>9.0f} {r['children_mb']:>10.0f}")
    (a, ra), (b, rb) = rows[0], rows[-1]
    print(f"  {b} vs {a} articles: main x{rb['self_mb'] / ra['self_mb']:.2f}, "
          f"worker x{rb['children_mb'] / ra['children_mb']:.2f}")


if __name__ == "__main__":
    main()
