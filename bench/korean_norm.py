"""Benchmark: the Yanbian Korean norm stage measured on real Yanbian news text.

The development set (``bench/data/yanbian_dev.tsv``) holds real sentences from
Yanbian-norm newspapers (길림신문, 흑룡강신문, 인민넷 조문판, 조글로), each with its
source URL. They are kept apart from the golden tables in ``tests/korean/``
that the rules are tuned on.

1. **Damage**: the stage runs on the untouched real text; every change it makes
   is counted (per 1,000 words; goal 0).
2. **Restoration without source**: each sentence is converted to the South
   Korean norm by an independent converter (below), which records every change
   as gold; the stage then runs on the converted text without Chinese. A gold
   change is *restored* when the stage writes the real Yanbian spelling back,
   *missed* otherwise; any other change the stage makes is *damage*.
3. **Restoration with a source**: the same, with a Chinese string as evidence.
   No real parallel Yanbian/Chinese sentence pairs were found, so the source is
   a proxy: the Hanja of every converted word (from libhangul's hanja.txt, the
   entry whose Yanbian reading is the real word), joined with spaces. This is an
   upper bound for real aligned text, reported as such.
4. **Names**: ``bench/data/names_dev.tsv`` holds real Chinese news sentences
   with their person/place names marked by hand; recall and precision of
   ``detect_names``.

The South Korean converter is deliberately independent of the stage's own
dictionary: it segments each word into Sino-Korean morphemes with Debian's
libhangul hanja.txt (Hangul–Hanja pairs, South Korean spelling; the Yanbian
reading of each entry is its Hanja read character by character) and applies
the initial-sound rule at each morpheme start, 렬/률 → 열/율 after a vowel or ㄴ,
-였/-여 → -었/-어 after ㅣ ㅐ ㅚ ㅟ ㅢ stems, and the word lists reversed.

Run: uv run python bench/korean_norm.py [--show N]
"""

from __future__ import annotations

import argparse
import functools
import re
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "data"
HANJA_TXT = Path("/usr/share/libhangul/hanja/hanja.txt")
HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
#: Loanwords the converter must not read as Sino-Korean (로비 lobby is not 路費).
LOANWORDS = {"로비"}

#: Rules that change spelling (the norm's "damage" measure); the others are typography.
SPELLING_RULES = {"dueum", "yeo", "loanword", "ye", "saisiot"}
GOALS = {"damage": 0.0, "no_source": 95.0, "with_source": 97.0, "recall": 95.0, "precision": 95.0}


@functools.lru_cache(maxsize=1)
def yanbian_forms() -> dict[str, str]:
    """Yanbian reading → Hanja, for every all-Hanja entry of libhangul's hanja.txt."""
    from pipeline.korean.reading import base_reading

    if not HANJA_TXT.exists():
        sys.exit(f"bench: {HANJA_TXT} is missing (Debian package libhangul-data; scripts/setup.sh installs it)")
    out: dict[str, str] = {}
    for line in HANJA_TXT.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) < 2 or len(parts[0]) != len(parts[1]) or len(parts[0]) < 2:
            continue
        hanja = parts[1]
        read = [base_reading(c) for c in hanja]
        if any(r is None for r in read):
            continue
        out.setdefault("".join(read), hanja)  # type: ignore[arg-type]
    return out


@dataclass
class Gold:
    pos: int  # position in the South Korean text
    south: str
    yanbian: str
    hanja: str = ""


PARTICLE_SYLLABLES = set("이가은는을를의에도로와과만")


def _south_run(word: str, forms: dict[str, str], after_digit: bool = False) -> tuple[str, list[tuple[int, str, str, str]], list[int]]:
    """South Korean spelling of one Hangul run, and its (offset, south, yanbian, hanja) changes."""
    from pipeline.korean.style import dueum, is_syllable, split_syllable

    def open_or_n(s: str) -> bool:
        return is_syllable(s) and split_syllable(s)[2] in (0, 4)

    out = list(word)
    changes: list[tuple[int, str, str, str]] = []
    covered: list[int] = []
    pos = 0
    while pos < len(word):
        n = next((n for n in range(min(8, len(word) - pos), 1, -1) if word[pos : pos + n] in forms), 0)
        if not n or word[pos : pos + n] in LOANWORDS:
            break
        morph, hanja = word[pos : pos + n], forms[word[pos : pos + n]]
        if pos > 0 and n == 2 and morph[1] in PARTICLE_SYLLABLES:
            break  # 반출+량이: a one-syllable suffix and a particle, not the word 量移
        if pos == 0 and after_digit:
            pos += n  # 9년간: a counter after a number keeps 년 in the south too
            continue
        for k in range(n):
            syl = morph[k]
            new = dueum(syl) if k == 0 else syl
            if k > 0 and syl in ("렬", "률") and open_or_n(morph[k - 1]):
                new = "열" if syl == "렬" else "율"
            if k == 0 and pos > 0 and syl in ("렬", "률") and open_or_n(word[pos - 1]):
                new = "열" if syl == "렬" else "율"
            if new != syl:
                out[pos + k] = new
                changes.append((pos + k, new, syl, hanja))
        covered += range(pos, pos + n)
        pos += n
    # a 률/렬 suffix after a known compound (기계화률)
    if 0 < pos < len(word) and word[pos] in ("률", "렬") and open_or_n(word[pos - 1]):
        new = "율" if word[pos] == "률" else "열"
        out[pos] = new
        changes.append((pos, new, word[pos], "率" if word[pos] == "률" else "列"))
    return "".join(out), changes, covered


_YEO = re.compile(r"(?<=[\uac00-\ud7a3])[였여]")


def to_south(text: str) -> tuple[str, list[Gold]]:
    """Convert real Yanbian text to the South Korean norm; the changes are the gold."""
    from pipeline.korean.style import _vowel, is_syllable, split_syllable, wordlists

    forms = yanbian_forms()
    chars = list(text)
    gold: list[Gold] = []
    sino: set[int] = set()
    for m in HANGUL_RUN.finditer(text):
        after_digit = m.start() > 0 and text[m.start() - 1].isdigit()
        _, changes, covered = _south_run(m.group(), forms, after_digit)
        sino.update(m.start() + c for c in covered)
        for off, south, yb, hanja in changes:
            chars[m.start() + off] = south
            gold.append(Gold(m.start() + off, south, yb, hanja))
    # -였/-여 after ㅣ ㅐ ㅚ ㅟ ㅢ stems (되였다 → 되었다, 피여 → 피어); 이였 after a noun too
    for m in _YEO.finditer(text):
        k = m.start()
        stem = text[k - 1]
        if not is_syllable(stem) or split_syllable(stem)[2] != 0 or _vowel(stem) not in set("ㅣㅐㅚㅟㅢ"):
            continue
        if m.group() == "여" and not (k + 1 >= len(text) or not is_syllable(text[k + 1]) or text[k + 1] in "서야도있나버주놓두지진졌라오"):
            continue
        if stem == "하" or k in sino:
            continue  # 기여도 (寄與度) is a Sino-Korean word, not a verb form
        south = "었" if m.group() == "였" else "어"
        chars[k] = south
        gold.append(Gold(k, south, m.group()))
    south_text = "".join(chars)
    # word lists, reversed (Yanbian → South), whole strings
    lists = wordlists()
    for section in ("loanword", "ye", "saisiot"):
        for sk, yb in lists[section].get("words", []):
            start = south_text.find(yb)
            while start != -1:
                if len(sk) == len(yb):
                    for j, (a, b) in enumerate(zip(sk, yb)):
                        if a != b:
                            gold.append(Gold(start + j, a, b))
                    south_text = south_text[:start] + sk + south_text[start + len(yb) :]
                start = south_text.find(yb, start + 1)
    gold.sort(key=lambda g: g.pos)
    return south_text, gold


def _aligned(a: str, b: str) -> bool:
    return len(a) == len(b)


def score(real: str, south: str, gold: list[Gold], out: str) -> tuple[int, int, int]:
    """(restored, missed, damaged) for one sentence; positions compare only when
    the stage kept the length (else the whole sentence counts as compared by text)."""
    if len(out) != len(south):
        # spacing edits shift positions: compare through a character alignment
        import difflib

        sm = difflib.SequenceMatcher(None, south, out, autojunk=False)
        mapping: dict[int, int] = {}
        for a, b, size in sm.get_matching_blocks():
            for i in range(size):
                mapping[a + i] = b + i
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "replace" and i2 - i1 == j2 - j1:
                for i in range(i2 - i1):
                    mapping[i1 + i] = j1 + i
        get = lambda p: out[mapping[p]] if p in mapping else None  # noqa: E731
    else:
        get = lambda p: out[p]  # noqa: E731
    restored = sum(1 for g in gold if get(g.pos) == g.yanbian)
    missed = len(gold) - restored
    gold_pos = {g.pos for g in gold}
    damaged = 0
    if len(out) == len(south):
        damaged = sum(1 for i, (s, o) in enumerate(zip(south, out)) if s != o and i not in gold_pos and o != real[i] and HANGUL_RUN.match(o))
    return restored, missed, damaged


def load_dev() -> list[tuple[str, str]]:
    rows = []
    for ln in (DATA / "yanbian_dev.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            url, text = ln.split("\t")
            rows.append((url, text))
    return rows


def load_names() -> list[tuple[str, set[tuple[str, str]]]]:
    rows = []
    for ln in (DATA / "names_dev.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            url, zh, names = ln.split("\t")
            gold = {tuple(x.split(":")) for x in names.split() if x != "-"}
            rows.append((zh, gold))  # type: ignore[arg-type]
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print up to N misses/damages per measure")
    args = ap.parse_args()

    from pipeline.korean.style import postedit_text

    dev = load_dev()
    t0 = time.perf_counter()
    postedit_text("노동자", None)  # load tables once
    t_load = time.perf_counter() - t0
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # 1. damage to real text
    words = 0
    real_changes = []
    t0 = time.perf_counter()
    for url, text in dev:
        words += len(text.split())
        out, changes = postedit_text(text, None)
        real_changes += [(url, c.rule, c.before, c.after) for c in changes]
    t_run = time.perf_counter() - t0
    spelling = [c for c in real_changes if c[1] in SPELLING_RULES]
    per_k = 1000 * len(spelling) / max(words, 1)
    per_k_other = 1000 * (len(real_changes) - len(spelling)) / max(words, 1)

    # 2./3. restoration
    results = {}
    misses: dict[str, list] = {"no_source": [], "with_source": []}
    for mode in ("no_source", "with_source"):
        r = m = d = 0
        for url, real in dev:
            south, gold = to_south(real)
            zh = " ".join(g.hanja for g in gold if g.hanja) if mode == "with_source" else None
            out, _ = postedit_text(south, zh)
            a, b, c = score(real, south, gold, out)
            r, m, d = r + a, m + b, d + c
            if b or c:
                misses[mode].append((south, out, real))
        results[mode] = (r, m, d)

    # 4. names
    from pipeline.korean.names import detect_names

    tp = fp = fn = 0
    name_errs = []
    for zh, gold in load_names():
        found = {(n.zh, n.kind) for n in detect_names(zh)}
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
        if found != gold:
            name_errs.append((zh[:30], sorted(gold - found), sorted(found - gold)))
    recall = 100 * tp / max(tp + fn, 1)
    precision = 100 * tp / max(tp + fp, 1)

    gold_total = sum(len(to_south(t)[1]) for _, t in dev)
    print(f"dev set: {len(dev)} sentences, {words} words, {gold_total} South Korean forms made by the converter")
    print(f"{'measure':<48}{'now':>10}{'goal':>10}")
    print(f"{'spelling changes to real Yanbian text /1,000 words':<48}{per_k:>10.1f}{'0':>10}")
    print(f"{'  (quotes/numbers/spacing changes /1,000 words)':<48}{per_k_other:>10.1f}{'-':>10}")
    for mode, label in (("no_source", "South forms restored, no source"),
                        ("with_source", "South forms restored, proxy source")):
        r, m, d = results[mode]
        pct = 100 * r / max(r + m, 1)
        print(f"{label + f' ({r}/{r + m}, {d} damaged)':<48}{pct:>9.1f}%{GOALS[mode]:>9.0f}%")
    print(f"{f'names recall ({tp}/{tp + fn})':<48}{recall:>9.1f}%{GOALS['recall']:>9.0f}%")
    print(f"{f'names precision ({tp}/{tp + fp})':<48}{precision:>9.1f}%{GOALS['precision']:>9.0f}%")
    print(f"tables loaded in {t_load:.2f} s (peak RSS {rss_after_load:.0f} MB); "
          f"{len(dev)} sentences post-edited in {t_run * 1000:.0f} ms")
    if args.show:
        print("\nchanges to real text:")
        for url, rule, before, after in real_changes[: args.show]:
            print(f"  [{rule}] {before} → {after}")
        for mode in misses:
            print(f"\nmisses/damage ({mode}):")
            for south, out, real in misses[mode][: args.show]:
                print(f"  in : {south}\n  out: {out}\n  yb : {real}")
        print("\nname errors (missed, extra):")
        for row in name_errs[: args.show]:
            print("  ", *row)


if __name__ == "__main__":
    main()
