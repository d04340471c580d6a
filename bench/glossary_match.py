"""Benchmark: glossary matching with the Aho-Corasick automaton vs a regex.

10,000 synthetic entries (substrings of the sample article, so they really
match and overlap, plus random strings that never do) are matched against
~1 MB of Chinese (the sample article's text repeated). The baseline is the
obvious alternative: one regex alternation of every term, longest first.

Run: uv run python bench/glossary_match.py [--entries N] [--mb M]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.glossary.load import Entry, Glossary  # noqa: E402


def synthetic_entries(text: str, n: int, seed: int = 1) -> list[Entry]:
    rng = random.Random(seed)
    runs = [r for r in re.findall(r"[\u4e00-\u9fff]{2,}", text)]
    alphabet = sorted(set("".join(runs)))
    forms: set[str] = set()
    while len(forms) < n:
        if rng.random() < 0.5:
            run = rng.choice(runs)
            k = rng.randint(2, min(6, len(run)))
            i = rng.randint(0, len(run) - k)
            forms.add(run[i:i + k])
        else:
            forms.add("".join(rng.choice(alphabet) for _ in range(rng.randint(3, 6))))
    return [Entry(zh=f, ko=f"용어{i}", file="bench.yaml", line=i + 1) for i, f in enumerate(sorted(forms))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--mb", type=float, default=1.0)
    args = ap.parse_args()
    sample = (ROOT / "examples" / "yanbian-fabu-2021-01-21.txt").read_text(encoding="utf-8")
    reps = int(args.mb * 1_000_000 // len(sample.encode("utf-8"))) + 1
    text = sample * reps
    entries = synthetic_entries(sample, args.entries)
    size = len(text.encode("utf-8")) / 1e6

    t0 = time.perf_counter()
    glossary = Glossary(entries)
    glossary.find("")  # builds the automaton
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = glossary.find(text)
    t_auto = time.perf_counter() - t0

    t0 = time.perf_counter()
    pattern = re.compile("|".join(re.escape(e.zh) for e in sorted(entries, key=lambda e: -len(e.zh))))
    t_rbuild = time.perf_counter() - t0
    t0 = time.perf_counter()
    rfound = [m.span() for m in pattern.finditer(text)]
    t_regex = time.perf_counter() - t0

    print(f"{len(entries):,} entries, {size:.2f} MB of Chinese ({len(text):,} characters)")
    print(f"{'':22}{'automaton':>12}{'regex':>12}{'ratio':>9}")
    print(f"{'build (s)':22}{t_build:12.3f}{t_rbuild:12.3f}{t_rbuild / max(t_build, 1e-9):8.1f}×")
    print(f"{'match (s)':22}{t_auto:12.3f}{t_regex:12.3f}{t_regex / max(t_auto, 1e-9):8.1f}×")
    print(f"{'matches':22}{len(found):12,}{len(rfound):12,}")
    print("(regex is leftmost-first, the automaton longest-first: counts differ slightly)")


if __name__ == "__main__":
    main()
