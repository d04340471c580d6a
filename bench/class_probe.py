"""Class probe (d23): false changes of the Korean-norm stage on text an unseen set brings.

The damage sets and ``damage_probe.py`` / ``korean_probe.py`` find false changes
in what they hold; an unseen set still shows new ones. This probe makes
correct text of three more kinds and counts what the stage changes (no source),
each change a candidate false change:

1. ``joined``: the TUNED sets' real sentences with one space removed between two
   Hangul words (the papers and MT output both write words solid by slip:
   기온이점차, 이회사는, 치열한접전). On the real text, every change the joined
   variant gets and the original does not is counted; on its South conversion
   (the bench's converter), the damage ``d`` (a syllable right in both norms
   changed). Reads only tuned sets (never a test set or a validation set).
2. ``surnames``: the tuned sets' real sentences with a 김/박/최 name's surname
   replaced by a surname the norm writes as it is read (양 楊, 임 任, 유 兪,
   여 余, 연 延): a change is a real-text false change (or the probe replaced a
   word, not a name: 최근 → 연근; read the list).
3. ``hanjaless``: NK-HanDic's Hanja-less nouns (native words, loanwords, foreign
   names: 이탈리아, 닉네임, 도미노) holding an ㅇ/ㄴ-initial syllable, in five
   frames (with a particle, before and after a word, solid before 행사, 문화).

Figures (session of 2026-12-03 (4), d23; main d4fa5e0 → branch d23, this script as it stands):
joined 4,000 variants: real-text changes 8 → 6, d on the converted text 10 → 8 (left: the
demonstrative 이 solid with its noun, 이회사는, which no test here tells from a name, 이성운은;
endings solid with the next word, 치열한접전); surnames 1,190 variants: 60 → 46 changes (left:
유 names, which the stage reads as 劉 류 by design, frequent words such as 連日 연일, members of
lists no title marks, and the probe's own non-names: 최근 → 연근); hanjaless 51,875 probes: 293 →
38 initial-sound changes (the rest homographs of a Sino-Korean word: 이해, 이발, 양심).

``--norm yanbian`` (d29): the real-text variants post-edited as the text of an article the
norm detector judged Yanbian-norm (see ``style._strict``); the converted text is judged as always.
Figures at d29 (main d57b41e → branch d29, 1531a5d): default joined 6 → 5 real-text changes (d 8 → 8),
surnames 47 → 39, hanjaless dueum 38 → 37; --norm yanbian joined 6 → 1, surnames 46 → 12,
hanjaless dueum 38 → 7.
Usage: ``uv run python bench/class_probe.py [--only joined|surnames|hanjaless] [--n N] [--show N] [--norm yanbian]``
(~2 minutes in all).
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import korean_norm as kn  # noqa: E402

from pipeline.korean import dictionary, style  # noqa: E402
from pipeline.korean.hangul import split_syllable  # noqa: E402

TUNED = ("dev", "dev2", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "fresh", "fresh2",
         "damage_dev", "damage_dev2", "damage_dev3", "damage_dev4")
_HW = re.compile(r"^[\uac00-\ud7a3]+$")


#: --norm: the norm the REAL-text variants are post-edited as (None: judged per text; "yanbian":
#: as a real Yanbian-norm article's text, see style._strict); the South conversions are always judged
NORM: str | None = None


def _spelling(text: str) -> set[tuple[str, str, str]]:
    return {(c.rule, c.before, c.after) for c in style.postedit_text(text, norm=NORM)[1] if c.rule in kn.SPELLING_RULES}


def _tuned_texts() -> list[str]:
    return [text for name in TUNED for _url, text in kn.load_set(name)]


def probe_joined(n: int) -> tuple[str, list[str]]:
    rnd = random.Random(1)
    variants = []
    for text in _tuned_texts():
        ws = text.split(" ")
        for i in range(len(ws) - 1):
            if _HW.match(ws[i]) and re.match(r"^[\uac00-\ud7a3]", ws[i + 1]):
                variants.append((text, " ".join(ws[:i] + [ws[i] + ws[i + 1]] + ws[i + 2 :]), ws[i] + ws[i + 1]))
    rnd.shuffle(variants)
    variants = variants[:n]
    out, base, d_total = [], {}, 0
    for text, v, w in variants:
        orig = kn._original(text)
        if orig not in base:
            base[orig] = _spelling(orig)
        for rule, before, after in sorted(_spelling(kn._original(v)) - base[orig]):
            out.append(f"real\t{rule}:{before}>{after}\t{w}")
        south, gold = kn.to_south(v)
        o, changes = style.postedit_text(south)
        d = kn.score(v, south, gold, o)[2]
        d_total += d
        if d:
            out.append(f"d={d}\t{[f'{c.rule}:{c.before}>{c.after}' for c in changes if c.rule in kn.SPELLING_RULES]}\t{w}")
    real = sum(1 for x in out if x.startswith("real"))
    return f"joined: {len(variants)} variants, {real} real-text changes, {d_total} d on the converted text", out


_NAME = re.compile(r"(?<![\uac00-\ud7a3])(김|박|최)([\uac00-\ud7a3]{2})(?=(\s?(씨|선생|교수|회장|주임|서기|기자|선수|감독|"
                   r"사장|원장|교장|촌장|로인|할머니|부장|국장|과장|대표)|은|는|이|가|을|를|의|과|와|[,(]))")


def probe_surnames() -> tuple[str, list[str]]:
    out, n = [], 0
    for text in _tuned_texts():
        orig = kn._original(text)
        base = _spelling(orig)
        for m in _NAME.finditer(orig):
            for s in "양임유여연":
                v = orig[: m.start()] + s + orig[m.start() + 1 :]
                n += 1
                for rule, before, after in sorted(_spelling(v) - base):
                    out.append(f"{rule}:{before}>{after}\t{v[max(0, m.start() - 12) : m.end() + 12]}")
    return f"surnames: {n} variants, {len(out)} changes", out


def probe_hanjaless() -> tuple[str, list[str]]:
    nouns = set()
    path = dictionary.sys_dic_path()
    if path is None:
        return "hanjaless: no NK-HanDic", []
    for surface, hanja, tag, cost in dictionary._entries(path):
        if hanja == "*" and tag in ("NNG", "NNP") and dictionary._HANGUL_WORD.fullmatch(surface) \
                and 2 <= len(surface) <= 6 and cost <= 11500 \
                and any(split_syllable(c)[0] in (2, 11) for c in surface):
            nouns.add(surface)
    frames = ("그는 {o} 보았다.", "이번 {w}행사에서", "연길시 {w}", "3개 {w}가 있다.", "우리 {w}문화")
    out, n = [], 0
    counts: collections.Counter[str] = collections.Counter()
    for w in sorted(nouns):
        obj = w + ("을" if split_syllable(w[-1])[2] else "를")
        for fr in frames:
            text = fr.format(w=w, o=obj)
            n += 1
            for rule, before, after in sorted(_spelling(text)):
                counts[rule] += 1
                out.append(f"{rule}:{before}>{after}\t{w}\t{text}")
    return f"hanjaless: {len(nouns)} nouns, {n} probes, changes by rule {dict(counts)}", out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=("joined", "surnames", "hanjaless"))
    ap.add_argument("--n", type=int, default=4000, help="joined variants to run")
    ap.add_argument("--show", type=int, default=30)
    ap.add_argument("--norm", choices=("south", "yanbian", "unknown"),
                    help="post-edit the real-text variants as text of this norm (default: judged per text)")
    args = ap.parse_args()
    global NORM
    NORM = args.norm
    probes = {"joined": lambda: probe_joined(args.n), "surnames": probe_surnames, "hanjaless": probe_hanjaless}
    for name, fn in probes.items():
        if args.only and name != args.only:
            continue
        summary, lines = fn()
        print(summary)
        for ln in lines[: args.show]:
            print("  " + ln)


if __name__ == "__main__":
    main()
