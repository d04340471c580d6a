"""Benchmark: the review page's occurrence search, Aho-Corasick vs a find per form.

N synthetic glossary entries (proposed, so every sentence is searched for
them) against S sentences of the sample article. The baseline is the old
code's loop: ``str.find`` of every form in every sentence.

Run: uv run python bench/review_usage.py [--entries 10000] [--sentences 2000]
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

from pipeline.review.store import EntryView  # noqa: E402
from pipeline.review.usage import Article, find_occurrences  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=10000)
    ap.add_argument("--sentences", type=int, default=2000)
    args = ap.parse_args()
    text = (ROOT / "examples" / "yanbian-fabu-2021-01-21.txt").read_text(encoding="utf-8")
    sents = [s for s in re.findall(r"[^。！？\n]{8,}[。！？]", text)]
    rng = random.Random(1)
    runs = re.findall(r"[\u4e00-\u9fff]{2,}", text)
    forms: set[str] = set()
    while len(forms) < args.entries:
        r = rng.choice(runs)
        i = rng.randrange(len(r) - 1)
        forms.add(r[i:i + rng.randint(2, 4)] + ("" if rng.random() < 0.3 else chr(0x4E00 + rng.randrange(20000))))
    entries = [EntryView("t.yaml", i, i + 1, f"t.yaml#{f}", {"zh": f, "ko": "가", "status": "proposed"})
               for i, f in enumerate(sorted(forms))]
    segs = [{"id": f"a/p1/s{i}", "zh": sents[i % len(sents)], "ko": "", "terms": []} for i in range(args.sentences)]
    arts = [Article("a", "a", "a/a.html", segs)]

    t = time.perf_counter()
    new = find_occurrences(entries, arts)
    t_new = time.perf_counter() - t
    t = time.perf_counter()
    old_count = 0
    for seg in segs:  # the old loop, counting what it finds
        for form in forms:
            start = seg["zh"].find(form)
            while start >= 0:
                old_count += 1
                start = seg["zh"].find(form, start + 1)
    t_old = time.perf_counter() - t
    assert old_count == sum(len(v) for v in new.values())
    print(f"{args.entries} entries × {args.sentences} sentences, {old_count} occurrences")
    print(f"Aho-Corasick (zhko now): {t_new:6.2f} s")
    print(f"find per form (before):  {t_old:6.2f} s")
    print(f"{t_old / t_new:.1f}× faster")


if __name__ == "__main__":
    main()
