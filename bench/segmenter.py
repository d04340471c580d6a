"""Benchmark: one jieba dictionary per process vs the two zhko used to load.

    uv run python bench/segmenter.py

Glossary matching (``match: word``) and name detection both need jieba. They
used to load a dictionary each (a private ``jieba.Tokenizer()`` beside the
default one behind ``jieba.posseg``); now both use :mod:`pipeline.zhwords`.
Each variant runs in a fresh process (jieba's cache file already warm) and
segments the same sentence both ways; prints wall time and the process's own
peak RSS (VmHWM), side by side.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COMMON = """
import json, time, warnings
warnings.simplefilter("ignore")
def hwm():
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM")) / 1024
base = hwm()
t0 = time.perf_counter()
"""
TWO = COMMON + """
import logging, jieba, jieba.posseg
jieba.setLogLevel(logging.WARNING)
tok = jieba.Tokenizer(); tok.initialize()       # glossary/match.py's own dictionary
jieba.initialize()                              # korean/names.py's (the default one)
tok.lcut("州长金寿浩出席会议", HMM=False); jieba.posseg.lcut("州长金寿浩出席会议")
print(json.dumps({"s": time.perf_counter() - t0, "mb": hwm() - base}))
"""
ONE = COMMON + """
from pipeline.zhwords import pos_tags, words
words("州长金寿浩出席会议"); pos_tags("州长金寿浩出席会议")
print(json.dumps({"s": time.perf_counter() - t0, "mb": hwm() - base}))
"""


def run(code: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    run(ONE)  # warm jieba's cache file and the OS file cache
    two, one = run(TWO), run(ONE)
    print(f"{'':28} {'load s':>7} {'+MB':>6}")
    print(f"{'two dictionaries (before)':28} {two['s']:7.2f} {two['mb']:6.0f}")
    print(f"{'one (pipeline.zhwords)':28} {one['s']:7.2f} {one['mb']:6.0f}")
    print(f"saving: {two['s'] - one['s']:.2f} s, {two['mb'] - one['mb']:.0f} MB")


if __name__ == "__main__":
    main()
