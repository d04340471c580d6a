"""Benchmark: where the main ``zhko build`` process's memory goes, phase by phase.

    uv run python bench/memory.py [--articles 10,200] [--jobs 2] [--no-pdf] [--tracemalloc]

Setup (not measured) as in bench/render.py: a tiny random-weight zh→ko package,
a batch of articles made of the real Chinese sentences of ``examples/``,
translated once into a shared translation memory. Then, for each batch size, a
fresh ``zhko build`` process (PDFs on, ``-j 2``: rendering in worker
processes, as by default) is run with a hook on :meth:`Progress.phase` that
records, at the end of each phase, the process's own RSS and peak RSS
(``VmRSS``, ``VmHWM`` from ``/proc/self/status``; not ``ru_maxrss``, which
carries over the benchmark's own size, see bench/render.py).

``--tracemalloc`` also traces Python allocations (slower; C++ heaps such as
OpenCC's, CTranslate2's and SentencePiece's are not traced, only seen in RSS)
and prints, per phase, the traced peak and the live Python memory by the
package or module that allocated it (jieba, pipeline/korean/dictionary.py …).

A second ``--memory-cold`` run does the same without the warm translation
memory (every sentence decoded: the model is loaded), for the translation
phase's share.
"""

from __future__ import annotations

import argparse
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

PHASES = r'''
import json, os, sys, time
TRACE = os.environ.get("ZHKO_BENCH_TRACE") == "1"
if TRACE:
    import tracemalloc
    tracemalloc.start(1)

def status():
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) / 1024
    return out

def group(filename):
    """The package (site-packages), pipeline module or stdlib module of a file."""
    f = filename.replace(os.sep, "/")
    if "/site-packages/" in f:
        return f.split("/site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "/pipeline/" in f:
        return "pipeline/" + f.rsplit("/pipeline/", 1)[1]
    if f.startswith("<"):
        return f
    return "stdlib:" + f.rsplit("/", 1)[-1]

rows = []
current = ["start-up: imports, engine, up-to-date check, glossary"]
t0 = time.perf_counter()

def mark():
    st = status()
    row = {"phase": current[0], "rss": st["VmRSS"], "hwm": st["VmHWM"], "s": time.perf_counter() - t0}
    if TRACE:
        now, peak = tracemalloc.get_traced_memory()
        row.update(py=now / 2**20, py_peak=peak / 2**20)
        by = {}
        for stat in tracemalloc.take_snapshot().statistics("filename"):
            name = group(stat.traceback[0].filename)
            by[name] = by.get(name, 0) + stat.size
        row["by"] = sorted(((v / 2**20, k) for k, v in by.items()), reverse=True)[:8]
        tracemalloc.reset_peak()
    rows.append(row)

from pipeline import progress
_phase = progress.Progress.phase
def phase(self, name, *a, **k):
    mark()
    current[0] = name
    return _phase(self, name, *a, **k)
progress.Progress.phase = phase

from pipeline.cli import main
code = main(sys.argv[1:])
mark()
current[0] = "exit"
print(json.dumps({"code": code, "rows": rows}))
'''


def _rebuild_module():
    return load("bench/rebuild.py", "zhko_bench_rebuild")


def run_phases(env: dict[str, str], args: list[str], trace: bool) -> list[dict]:
    env = dict(env, ZHKO_BENCH_TRACE="1" if trace else "0")
    proc = subprocess.run([sys.executable, "-c", PHASES, "build", *args, "-q"], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    try:
        result = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        sys.exit(proc.stderr)
    if result["code"] != 0:
        sys.exit(proc.stderr)
    return result["rows"]


def show(title: str, rows: list[dict], trace: bool) -> None:
    print(f"\n{title}")
    print(f"  {'phase (at its end)':<52}{'s':>7}{'RSS MB':>8}{'+MB':>7}{'peak MB':>9}"
          + (f"{'py MB':>7}{'py peak':>8}" if trace else ""))
    prev = 0.0
    for r in rows:
        print(f"  {r['phase'][:51]:<52}{r['s']:>7.1f}{r['rss']:>8.0f}{r['rss'] - prev:>+7.0f}{r['hwm']:>9.0f}"
              + (f"{r['py']:>7.0f}{r['py_peak']:>8.0f}" if trace else ""))
        prev = r["rss"]
    if trace:
        print("  live Python memory by allocating package/module at each phase end (MB):")
        for r in rows:
            print(f"    {r['phase'][:40]:<40} " + ", ".join(f"{k} {v:.1f}" for v, k in r["by"][:6]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", default="10,200", help="batch sizes")
    ap.add_argument("--per-article", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    ap.add_argument("--memory-cold", action="store_true",
                    help="also the largest batch without the warm translation memory (model loaded)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.articles.split(",")]
    rebuild = _rebuild_module()

    with tempfile.TemporaryDirectory(prefix="zhko-bench-memory-") as tmp:
        work = Path(tmp)
        packages = rebuild.install_package(work, real_size=False)
        rebuild.make_batch(work / "all", max(sizes), args.per_article)
        cache = work / "tm.sqlite3"
        env = {k: v for k, v in os.environ.items() if k != "ZHKO_CACHE"}
        env.update(ARGOS_PACKAGES_DIR=str(packages), PYTHONPATH=str(ROOT))
        common = ["--glossary", str(ROOT / "glossaries"), "--beam", "1", "-j", str(args.jobs)]
        common += ["--no-pdf"] if args.no_pdf else []
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "build", str(work / "all"), "-o", str(work / "warm"),
                        "--no-pdf", "-q", "--cache", str(cache), *common], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        print(f"translated {max(sizes)} articles into the cache in {time.perf_counter() - t0:.1f} s "
              f"(not measured); {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        print("(RSS is this process's own; the render workers are separate processes, see bench/render.py)")
        for n in sizes:
            folder = work / f"in-{n}"
            folder.mkdir()
            for p in sorted((work / "all").iterdir())[:n]:
                shutil.copy(p, folder / p.name)
            rows = run_phases(env, [str(folder), "-o", str(work / f"out-{n}"), "--cache", str(cache), *common],
                              args.tracemalloc)
            show(f"{n} articles, translations from the memory, {'HTML' if args.no_pdf else 'HTML + PDF'}, "
                 f"-j {args.jobs}:", rows, args.tracemalloc)
        if args.memory_cold:
            n = max(sizes)
            rows = run_phases(env, [str(work / f"in-{n}"), "-o", str(work / f"cold-{n}"), "--cache",
                                    str(work / "cold.sqlite3"), *common], args.tracemalloc)
            show(f"{n} articles, cold (every sentence decoded, the model loaded):", rows, args.tracemalloc)


if __name__ == "__main__":
    main()
