"""Benchmark: `zhko glossary import` of N entries vs N/4, to show it is linear.

The old import scanned the whole YAML file once per new entry and fsynced
once per audit line (8,000 entries: 21 s); a linear import grows ~4× from
N/4 to N entries, a quadratic one ~16×. Both sizes run in one process, side
by side; ruamel's round-trip parse and dump dominate what is left.

Run: uv run python bench/glossary_import.py [--entries 8000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.review.exchange import import_csv  # noqa: E402
from pipeline.review.store import GlossaryStore  # noqa: E402


def run(n: int) -> float:
    rows = "".join(f"{chr(0x4E00 + i // 100)}{chr(0x4E00 + i % 100)}词,단어{i}\n" for i in range(n))
    entries = import_csv(rows, "bench.csv")
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        GlossaryStore(tmp).add_entries(entries, "imported.yaml", user="bench", action="import")
        return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=8000)
    n = ap.parse_args().entries
    small, big = run(n // 4), run(n)
    print(f"{n // 4:>6} entries: {small:6.2f} s")
    print(f"{n:>6} entries: {big:6.2f} s")
    print(f"ratio {big / small:.1f}× for 4× the entries (linear ≈ 4, quadratic ≈ 16)")


if __name__ == "__main__":
    main()
