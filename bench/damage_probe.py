"""Damage probe: where the Yanbian norm stage would change text that is already right.

The damage sets (``bench/data/yanbian_damage_dev*.tsv``) find the stage's false
changes on real text, but only those their few thousand words happen to hold:
after each set is tuned on, a new unseen set shows new ones (fresh3). This probe
looks for whole classes instead, by running the stage (no source) on forms that
are correct Yanbian spelling by construction, in a neutral sentence frame:

1. ``words``: libhangul hanja.txt words of three or more syllables every entry
   of which reads exactly as written (no ㄹ/ㄴ reading), with an ㅇ/ㄴ-initial
   syllable: 유실물 遺失物, 뇌진탕 腦震蕩 (the initial-sound rule must not take
   them apart; see ``dictionary.as_written``);
2. ``places``: the Yanbian readings of China's divisions (data/divisions.tsv)
   that hold an ㅇ/ㄴ-initial syllable, with and without their suffix (양강시
   阳江, 무이산시 武夷山); a place with two readings is ambiguous, its change a
   guess, listed all the same;
3. ``names``: three-syllable names whose surname syllable is ambiguous without
   a source (양 楊/梁, 유 兪/劉, 임 任/林 …: on Yanbian text the as-written one),
   in frames with a title, a list, an age, a count of persons, and bare.

4. ``pairs`` (d20): two-syllable words hanja.txt spells with an ㅇ/ㄴ-initial
   syllable and at least one entry read as written (양초 洋초, 이성 異性, 양산 陽傘),
   with a particle in a sentence and solid before 촌 (a village: 유동촌); a change
   is a candidate (the form may mean its ㄹ/ㄴ homograph: 理性 리성), counted by
   class: ``by-chinese`` (restored on jieba's Chinese frequency alone),
   ``homograph`` (NK-HanDic's cost decides between readings hanja.txt both
   lists), ``other``;
5. ``numbers`` (d20): digits with counters and 여 (10여명, 3년, 5량), which must
   never change.

Figures at d20 (session of 2026-12-03 (3)): pairs 626 of 32,260 changed (by-chinese
130, homograph 376, other 120) → 618 (126, 372, 120) after the weak-homograph guard
(양초, 양약, 양산, 내동 kept); most remaining candidates are the ㄹ/ㄴ word itself
(량심 良心, 녀자 女子, 령혼 靈魂), and a village frame's change is mostly right
(화룡시 남평진 류동촌 柳洞村 is in a tuned set); numbers 0 of 112; words 10 → 10,
places 30 → 28 (양산, 내동), names 130 → 129 (양산수).

Every change printed is a candidate false change; a reader decides which are
real (a South form in the frame, such as 유동화, 영도자, is a word, not damage).
``--norm yanbian`` (d29) post-edits every probe as the text of an article the norm
detector judged Yanbian-norm (what a real Yanbian page is; see ``style._strict``).
Figures at d29 (session 5), main d57b41e → branch d29 (1531a5d): default (each probe judged
alone, mostly "unknown") words 91 → 91, places 28 → 28, names 94 → 79 (a name's last syllable
and its particle: 연은 is no 聯銀), pairs 619 → 615, numbers 0 → 0; with --norm yanbian words
91 → 5, places 28 → 17, names 94 → 34, pairs 619 → 234, numbers 0 → 0 (the strict post-editing
of Yanbian-norm text; what is left: curated 폐쇄 → 페쇄, places of the gazetteer, names no cue
marks, homographs of a certain word such as 래일 in 내일성).
Usage: ``uv run python bench/damage_probe.py [--only words|places|names|pairs|numbers] [--show N] [--norm yanbian]``
(~1-2 minutes for all three; nothing here reads a bench set).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.korean import dictionary  # noqa: E402
from pipeline.korean import style  # noqa: E402
from pipeline.korean import textnames  # noqa: E402
from pipeline.korean.hangul import split_syllable  # noqa: E402
from pipeline.korean.reading import base_reading  # noqa: E402

RULES = {"dueum", "yeo", "loanword", "ye", "saisiot", "spelling", "person-name", "place-name", "gloss"}


def _object(word: str) -> str:
    """``word`` with the object particle that fits its last syllable."""
    return word + ("을" if (ord(word[-1]) - 0xAC00) % 28 else "를")


#: --norm: the norm every probe is post-edited as (None: judged per text, as the stage does;
#: "yanbian": as the text of a real Yanbian-norm article, see style._strict)
NORM: str | None = None


def _changes(text: str) -> list[str]:
    _out, changes = style.postedit_text(text, norm=NORM)
    return [f"{c.rule}:{c.before}>{c.after}" for c in changes if c.rule in RULES]


def _ieung_or_nieun(word: str) -> bool:
    return any("\uac00" <= c <= "\ud7a3" and split_syllable(c)[0] in (2, 11) for c in word)


def probe_words() -> tuple[int, list[str]]:
    readings: dict[str, set[str | None]] = collections.defaultdict(set)
    if not dictionary.HANJA_TXT.exists():
        return 0, []
    for line in dictionary.HANJA_TXT.read_text(encoding="utf-8").splitlines():
        parts = line.split(":")
        if len(parts) < 2 or len(parts[0]) != len(parts[1]) or len(parts[0]) < 3:
            continue
        read = [base_reading(c) for c in parts[1]]
        readings[parts[0]].add("".join(r for r in read if r) if all(read) else None)
    tab = dictionary.table()
    forms = sorted(f for f, rs in readings.items() if rs == {f} and _ieung_or_nieun(f)
                   and all("\uac00" <= c <= "\ud7a3" for c in f)
                   and not any(r.yanbian != f for r in tab.sino.get(f, ())))
    out = []
    for f in forms:
        ch = _changes(f"그들은 {_object(f)} 이야기했다.")
        if ch:
            out.append(f"{f}\t{'; '.join(ch)}")
    return len(forms), out


def probe_places() -> tuple[int, list[str]]:
    forms = sorted({r for p in textnames.gazetteer().values() for r in p.readings if _ieung_or_nieun(r)})
    out = []
    for f in forms:
        ch = _changes(f"{f}에서 행사가 열렸다.")
        if ch:
            out.append(f"{f}\t{'; '.join(ch)}")
    return len(forms), out


NAME_FRAMES = ("{n} 교장은 학생들을 격려했다.", "촌민 {n}은 이렇게 말했다.", "{n} 씨는 올해 60세이다.",
               "{n}회장이 축사를 했다.", "김철, {n}, 박영 등이 참가했다.", "{n} 등 3명이 수상했다.",
               "올해 56세인 {n}은 말했다.", "{n}은 이렇게 말했다.")


def probe_names(seed: int = 1) -> tuple[int, list[str]]:
    rnd = random.Random(seed)
    given = "해사리성동정수영명화금춘철광옥순희연미진호학국용길봉란숙자련산식석선월혜은경일관무의도기실장"
    last = "연우빈희철수호란옥미화숙국자남일순영진성"
    out = []
    n = 0
    for s in sorted(textnames.ambiguous_surnames()):
        for g in given:
            name = s + g + rnd.choice(last)
            for frame in NAME_FRAMES:
                n += 1
                ch = _changes(frame.format(n=name))
                if ch:
                    out.append(f"{name}\t{frame}\t{'; '.join(ch)}")
    return n, out


PAIR_FRAMES = ("그들은 {o} 이야기했다.", "{w}촌에서 행사가 열렸다.")


def _pair_class(form: str) -> str:
    tab = dictionary.table()
    if form in tab.by_chinese:
        return "by-chinese"
    if form in tab.restorable:
        return "homograph"
    return "other"


def probe_pairs() -> tuple[int, list[str]]:
    as_written: set[str] = set()
    if not dictionary.HANJA_TXT.exists():
        return 0, []
    for line in dictionary.HANJA_TXT.read_text(encoding="utf-8").splitlines():
        parts = line.split(":")
        if len(parts) < 2 or len(parts[0]) != 2 or len(parts[1]) != 2:
            continue
        read = [base_reading(c) or c for c in parts[1]]  # 洋초: the Hangul stands for itself
        if "".join(read) == parts[0] and _ieung_or_nieun(parts[0]):
            as_written.add(parts[0])
    forms = sorted(f for f in as_written if all("\uac00" <= c <= "\ud7a3" for c in f))
    out = []
    n = 0
    for f in forms:
        for frame in PAIR_FRAMES:
            n += 1
            ch = _changes(frame.format(o=_object(f), w=f))
            if ch:
                out.append(f"{_pair_class(f)}\t{f}\t{frame}\t{'; '.join(ch)}")
    return n, out


COUNTERS = ("년", "년간", "명", "여명", "여년", "여개", "리", "량", "위", "원", "일", "월", "인", "련승", "륜", "여리")


def probe_numbers() -> tuple[int, list[str]]:
    out = []
    n = 0
    for num in ("1", "3", "6", "10", "16", "100", "2024"):
        for c in COUNTERS:
            n += 1
            ch = _changes(f"모두 {num}{c}이 참가했다.")
            if ch:
                out.append(f"{num}{c}\t{'; '.join(ch)}")
    return n, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=("words", "places", "names", "pairs", "numbers"))
    ap.add_argument("--show", type=int, default=30, help="print up to N candidates per probe")
    ap.add_argument("--norm", choices=("south", "yanbian", "unknown"),
                    help="post-edit every probe as text of this norm (default: judged per text)")
    args = ap.parse_args()
    global NORM
    NORM = args.norm
    for name, probe in (("words", probe_words), ("places", probe_places), ("names", probe_names),
                        ("pairs", probe_pairs), ("numbers", probe_numbers)):
        if args.only and args.only != name:
            continue
        total, hits = probe()
        print(f"{name}: {len(hits)} of {total} probes changed")
        if name == "pairs":
            by = collections.Counter(h.split("\t", 1)[0] for h in hits)
            print("  by class: " + ", ".join(f"{k} {v}" for k, v in sorted(by.items())))
        for h in hits[: args.show]:
            print(f"  {h}")


if __name__ == "__main__":
    main()
