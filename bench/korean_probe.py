"""Probe: false changes of the Korean-norm stage on generated Yanbian-norm text.

The bench's sets show false changes only on text somebody has read; this
probe looks for them systematically. It GENERATES real-looking Yanbian-norm
contexts from the dictionaries the stage already uses and runs the stage
(:func:`pipeline.korean.style.postedit_article`, no source) on each; every
change it makes is printed, because every input is already correct:

- **the words**: NK-HanDic's common nouns (tag NNG, cost below
  ``dictionary.RARE``: seen in its training text) with Hanja, written in their
  Yanbian spelling (each character's original reading: 異見 이견, 肉類 육류,
  女子 녀자, 年代 년대), whose South spelling starts with one of the syllables
  the name and initial-sound rules act on (이 유 임 양 여 노 나 역 연 요 육 예),
  and whose reading is the COMMONEST of its South spelling (no rarer homograph:
  驛舍 역사 beside 歷史 력사 is left out: restoring 력사 there is by design);
  also 1- and 2-syllable words of the native word list are not used (the stage
  never touches those by policy and the list is tested elsewhere).
- **the frames** (the typical contexts news text puts them in): alone with a
  particle; after every title / role word of :mod:`pipeline.korean.textnames`
  (``TITLES``, ``ROLES_BEFORE``: 위원 이견이 없었다); after a list of names
  (김철수, 박영희 두 위원은 이견을 …); after a place name (연길시 이주민들은);
  after a number (3개 육류, 2020년 여자); solid in compounds with common nouns
  before and after (국가육류문제, 이주민정책).

Every change is a false change (the input is correct Yanbian text); the
report groups them by rule and by frame, with the word, its Hanja and cost.
Run by hand (~1–3 min)::

    uv run python bench/korean_probe.py [--words N] [--titles all|some] [--show N] [--tsv out.tsv] [--norm yanbian]

(``--norm yanbian``, d29: every frame post-edited as the text of an article the norm detector
judged Yanbian-norm, which is what a real Yanbian page is.)

It reads only the installed dictionaries (never ../shared).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

#: South Korean syllables the person-name, place-name and initial-sound rules act on.
STARTS = tuple("이유임양여노나역연요육예")



def nk_entries(path: Any, max_len: int, native_cost: dict[str, int]) -> Iterator[tuple[str, str, str, int]]:
    """NK-HanDic's all-Hanja entries of 2..``max_len`` Hangul syllables as
    (surface, hanja, tag, cost); the cheapest cost of each Hanja-less (native)
    surface goes into ``native_cost`` on the way."""
    import unicodedata

    from pipeline.korean import dictionary

    for surface, hanja, tag, cost in dictionary._entries(path):
        if not dictionary._HANGUL_WORD.fullmatch(surface) or not 2 <= len(surface) <= max_len:
            continue
        hanja = unicodedata.normalize("NFC", hanja.split("/")[0])
        if hanja.startswith("*"):
            native_cost[surface] = min(cost, native_cost.get(surface, 99999))
            continue
        if len(hanja) != len(surface) or not dictionary._HAN_WORD.fullmatch(hanja):
            continue
        yield surface, hanja, tag, cost

def has_batchim(syl: str) -> bool:
    return (ord(syl[-1]) - 0xAC00) % 28 != 0


def particle(word: str, kind: str) -> str:
    b = has_batchim(word)
    return {"subj": "이" if b else "가", "obj": "을" if b else "를", "top": "은" if b else "는",
            "and": "과" if b else "와", "gen": "의", "loc": "에", "none": ""}[kind]


def common_words(limit: int) -> list[tuple[str, str, int, str]]:
    """(Yanbian spelling, Hanja, cost, source) of common Sino-Korean words whose
    South spelling starts with one of :data:`STARTS`, written the Yanbian way,
    whose reading is the commonest of that South spelling (NK-HanDic cost), from
    four sources, an even share per start syllable and source, commonest first:

    - ``nk``: NK-HanDic nouns seen in its training text (cost below RARE);
    - ``nk-rare``: NK-HanDic nouns it lists but never saw (異見 이견: common in
      the South and in Yanbian, not in the North's text), ranked by the Chinese
      frequency of the Hanja word (jieba);
    - ``txt``: libhangul hanja.txt words NK-HanDic lacks, ranked the same way,
      Chinese frequency 50 or more; mixed Hangul–Hanja entries too (肉개醬 육개장);
    - ``suffix``: a common two-syllable word of ``nk`` and a noun or person
      suffix hanja.txt writes solid with it (移住者 이주자, 移管式 이관식).
    """
    import unicodedata

    from pipeline.korean import dictionary
    from pipeline.korean.hangul import south_form
    from pipeline.korean.reading import base_reading
    from pipeline.korean.style import native_words

    path = dictionary.sys_dic_path()
    if path is None:
        raise SystemExit("NK-HanDic is not installed")

    def read(hanja: str, form: str) -> str | None:
        out = []
        for c, f in zip(hanja, form):
            if "\uac00" <= c <= "\ud7a3":
                out.append(c)
                continue
            r = base_reading(c)
            if not r:
                return None
            out.append(r)
        return "".join(out)

    # south → reading → (cost, hanja, tag): every NK-HanDic reading
    nk: dict[str, dict[str, tuple[int, str, str]]] = collections.defaultdict(dict)
    any_native: dict[str, int] = {}
    for surface, hanja, tag, cost in nk_entries(path, 3, any_native):
        yb = read(hanja, surface)
        if not yb or surface != yb:
            continue  # only the North (= Yanbian) spelling of each entry
        south = south_form(yb)
        old = nk[south].get(yb)
        if old is None or cost < old[0]:
            nk[south][yb] = (cost, hanja, tag)
    native = set(native_words())

    def usable(yb: str, cost: int) -> bool:
        south = south_form(yb)
        if not south.startswith(STARTS) or yb in native or south in native:
            return False
        if any_native.get(south, 99999) < min(cost, dictionary.RARE):
            return False  # a native word spelt so (이기 …)
        return all(c >= cost for r, (c, _h, _t) in nk.get(south, {}).items() if r != yb)

    pools: dict[str, list[tuple[str, str, int, str]]] = collections.defaultdict(list)
    rare: list[tuple[str, str, int]] = []
    for south, readings in nk.items():
        for yb, (cost, hanja, tag) in readings.items():
            if tag != "NNG" or not usable(yb, cost):
                continue
            if cost < dictionary.RARE:
                pools["nk"].append((yb, hanja, cost, "nk"))
            else:
                rare.append((yb, hanja, cost))
    seen_nk = {yb for rs in nk.values() for yb in rs}
    txt: list[tuple[str, str]] = []
    with open(dictionary.HANJA_TXT, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(":")
            if len(parts) < 2 or len(parts[0]) != len(parts[1]) or not 2 <= len(parts[0]) <= 3:
                continue
            form, hanja = parts[0], parts[1]
            yb = read(hanja, form)
            if yb and yb == form and yb not in seen_nk and dictionary._HAN_WORD.fullmatch(hanja[0]):
                txt.append((yb, hanja))
    zh = dictionary._chinese_freq({h for _y, h, _c in rare} | {h for _y, h in txt if dictionary._HAN_WORD.fullmatch(h)})
    pools["nk-rare"] = [(yb, h, c, "nk-rare") for yb, h, c in sorted(rare, key=lambda t: -zh.get(t[1], 0))
                        if zh.get(h, 0) > 0]
    pools["txt"] = [(yb, h, dictionary.RARE, "txt") for yb, h in sorted(txt, key=lambda t: -zh.get(t[1], 0))
                    if (zh.get(h, 0) >= 50 or not dictionary._HAN_WORD.fullmatch(h)) and usable(yb, dictionary.RARE)]
    common2 = {yb: (h, c) for yb, h, c, _s in pools["nk"] if len(yb) == 2}
    suffixed = []
    for yb, hanja in txt:
        if len(yb) == 3 and yb[:2] in common2 and yb[2] in "자민인원가사식률량력적론법감급품액치성술체장" \
                and usable(yb, dictionary.RARE):
            suffixed.append((yb, hanja, common2[yb[:2]][1], "suffix"))
    pools["suffix"] = sorted(suffixed, key=lambda t: t[2])
    for key in pools["nk"], pools["suffix"]:
        key.sort(key=lambda t: t[2])
    per = max(1, limit // (len(STARTS) * len(pools)))
    chosen = []
    for name, pool in pools.items():
        by: dict[str, list[tuple[str, str, int, str]]] = collections.defaultdict(list)
        for t in pool:
            by[south_form(t[0])[0]].append(t)
        chosen += [t for s in STARTS for t in by.get(s, [])[:per]]
    return chosen


def sweep_words(step: int) -> list[tuple[str, str, int]]:
    """Every ``step``-th of NK-HanDic's nouns seen in its training text (tag NNG,
    cost below RARE, 2–4 syllables, Hanja read character by character as the
    entry is spelt: the Yanbian spelling), whose reading is the commonest of
    its South spelling and no native word shares; commonest first."""
    import unicodedata

    from pipeline.korean import dictionary
    from pipeline.korean.hangul import south_form
    from pipeline.korean.reading import base_reading
    from pipeline.korean.style import native_words

    path = dictionary.sys_dic_path()
    if path is None:
        raise SystemExit("NK-HanDic is not installed")
    best: dict[str, tuple[int, str, str, str]] = {}
    native_cost: dict[str, int] = {}
    for surface, hanja, tag, cost in nk_entries(path, 4, native_cost):
        read = [base_reading(c) for c in hanja]
        if not all(read) or "".join(r for r in read if r) != surface:
            continue
        south = south_form(surface)
        if south not in best or cost < best[south][0]:
            best[south] = (cost, surface, hanja, tag)
    native = set(native_words())
    out = [(yb, h, c) for south, (c, yb, h, tag) in best.items()
           if tag == "NNG" and c < dictionary.RARE and yb not in native and south not in native
           and native_cost.get(south, 99999) >= c and native_cost.get(yb, 99999) >= c]
    out.sort(key=lambda t: t[2])
    return out[::step]


def native_nouns(step: int) -> list[tuple[str, str]]:
    """Every ``step``-th of NK-HanDic's Hanja-less nouns and proper nouns
    (native words, loanwords, foreign names: 나이지리아, 여름, 이웃) of 2–5
    syllables starting with ㅇ or ㄴ: the stage must never write them with ㄹ."""
    from pipeline.korean import dictionary
    from pipeline.korean.hangul import split_syllable

    path = dictionary.sys_dic_path()
    if path is None:
        raise SystemExit("NK-HanDic is not installed")
    out: dict[str, tuple[int, str]] = {}
    for surface, hanja, tag, cost in dictionary._entries(path):
        if hanja != "*" or tag not in ("NNG", "NNP") or not dictionary._HANGUL_WORD.fullmatch(surface) \
                or not 2 <= len(surface) <= 5 or split_syllable(surface[0])[0] not in (2, 11):
            continue
        if surface not in out or cost < out[surface][0]:
            out[surface] = (cost, tag)
    words = sorted(out.items(), key=lambda kv: kv[1][0])
    return [(w, tag) for w, (_c, tag) in words][::step]


#: Names in the frames: Yanbian spelling, surnames the stage leaves alone.
NAMES = ("김철수", "박영희", "최명호", "정옥순")
PLACES = ("연길시", "도문시", "룡정시", "장춘", "연변")
PREFIXES = ("국가", "사회", "중국", "지방")
SUFFIXES = ("문제", "사업", "정책", "현상")


def frames(word: str, titles: list[str], roles: list[str]) -> list[tuple[str, str]]:
    """(frame name, sentence) contexts for one word."""
    s, o, t = particle(word, "subj"), particle(word, "obj"), particle(word, "top")
    out = [
        ("alone", f"{word}{s} 중요하다."),
        ("alone-obj", f"회의에서는 {word}{o} 토론하였다."),
        ("sentence-start", f"{word}{t} 이번에 처음이다."),
    ]
    for title in titles:
        out.append(("title", f"{title} {word}{s} 없었다."))
        out.append(("title-top", f"{title} {word}{t} 다음과 같다."))
    for role in roles:
        out.append(("role", f"{role} {word}{s} 늘어났다."))
    out += [
        ("name-list", f"{NAMES[0]}, {NAMES[1]} 두 위원은 {word}{o} 제기하였다."),
        ("name-list-in", f"{NAMES[0]}, {word}, {NAMES[1]} 등 분야의 전문가들이 참가하였다."),
        ("word-list", f"교육, {word}, 문화 등 분야에서 성과를 거두었다."),
        ("name-and", f"{NAMES[2]} 위원과 {word} 문제를 토론하였다."),
        ("count", f"{word} 3명이 참가하였다."),
    ]
    for place in PLACES[:3]:
        out.append(("place", f"{place} {word}{t} 빠르게 늘어났다."))
    out += [
        ("number-count", f"3개 {word}{o} 선정하였다."),
        ("number-year", f"2020년 {word}{s} 증가하였다."),
        ("number-percent", f"전년보다 15% {word}{s} 늘었다."),
    ]
    for pre in PREFIXES[:2]:
        out.append(("compound-after", f"{pre}{word}{s} 중요하다."))
    for suf in SUFFIXES[:2]:
        out.append(("compound-before", f"{word}{suf}{particle(suf, 'subj')} 중요하다."))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=600, help="words to generate (an even share per start syllable)")
    ap.add_argument("--titles", choices=("all", "some"), default="all")
    ap.add_argument("--show", type=int, default=30, help="changes to print per class")
    ap.add_argument("--tsv", help="write every change here (class, frame, word, hanja, cost, input, output, rules)")
    ap.add_argument("--norm", choices=("south", "yanbian", "unknown"),
                    help="post-edit every frame as text of this norm (default: judged per text; yanbian: as a real "
                         "Yanbian-norm article's text, see style._strict)")
    ap.add_argument("--article", action="store_true", help="run postedit_article on each word's frames as one article")
    ap.add_argument("--sweep", type=int, default=0,
                    help="also run every N-th of NK-HanDic's common nouns (all start syllables, 2-4 syllables, "
                         "the commonest reading of their South spelling, Yanbian spelling) alone and solid in pairs")
    ap.add_argument("--native", type=int, default=0,
                    help="also run every N-th of NK-HanDic's Hanja-less nouns and names (native words, loanwords, "
                         "foreign names) starting with ㅇ or ㄴ alone, after a title and in a list of names")
    args = ap.parse_args(argv)

    from pipeline.korean import textnames
    from pipeline.korean.style import postedit_article, postedit_text

    t0 = time.time()
    words = common_words(args.words)
    # the frame words in their Yanbian spelling only (이사장 and 로인 are the South forms of 리사장, 로인)
    titles = [t for t in textnames.TITLES if postedit_text(t + "이 말했다.")[0] == t + "이 말했다."]
    roles = [r for r in textnames.ROLES_BEFORE if r not in titles
             and postedit_text(r + "이 말했다.")[0] == r + "이 말했다."]
    if args.titles == "some":
        titles, roles = titles[::4], roles[::4]
    print(f"{len(words)} words ({time.time() - t0:.1f} s), {len(titles)} titles, {len(roles)} roles", file=sys.stderr)
    found: dict[str, list[tuple]] = collections.defaultdict(list)
    n = 0
    for yb, hanja, cost, source in words:
        fs = frames(yb, titles, roles)
        n += len(fs)
        if args.article:
            results = postedit_article([s for _f, s in fs], norm=args.norm)
        else:
            results = [postedit_text(s, norm=args.norm) for _f, s in fs]
        for (frame, src), (out, changes) in zip(fs, results):
            if out == src:
                continue
            rules = sorted({c.rule for c in changes if c.before != c.after})
            spelling = [c for c in changes if c.before.replace(" ", "") != c.after.replace(" ", "")]
            if not spelling:
                continue  # spacing only
            key = "+".join(sorted({c.rule for c in spelling}))
            found[key].append((frame, yb, f"{hanja} {source}", cost, src, out, rules))
    def record(fs: list[tuple[str, str]], word: str, label: str, cost: int) -> None:
        """Post-edit each framed sentence; file any spelling change under its rules."""
        for frame, src in fs:
            out, changes = postedit_text(src, norm=args.norm)
            spelling = [c for c in changes if c.before.replace(" ", "") != c.after.replace(" ", "")]
            if out != src and spelling:
                key = "+".join(sorted({c.rule for c in spelling}))
                found[key].append((frame, word, label, cost, src, out, [key]))

    if args.sweep:
        nouns = sweep_words(args.sweep)
        print(f"sweep: {len(nouns)} nouns", file=sys.stderr)
        for k, (yb, hanja, cost) in enumerate(nouns):
            partner = nouns[(k * 7919 + 13) % len(nouns)][0]
            fs = [("sweep-alone", f"{yb}{particle(yb, 'subj')} 중요하다."),
                  ("sweep-pair", f"{yb}{partner}{particle(partner, 'obj')} 추진하였다.")]
            n += len(fs)
            record(fs, yb, f"{hanja} sweep", cost)
    if args.native:
        natives = native_nouns(args.native)
        print(f"native/loan nouns: {len(natives)}", file=sys.stderr)
        for k, (w, tag) in enumerate(natives):
            title = titles[k % len(titles)]
            fs = [("native-alone", f"{w}{particle(w, 'subj')} 중요하다."),
                  ("native-title", f"{title} {w}{particle(w, 'top')} 말하였다."),
                  ("native-list", f"{NAMES[0]}, {w}, {NAMES[1]} 등이 참가하였다.")]
            n += len(fs)
            record(fs, w, f"* {tag}", 0)
    total = sum(len(v) for v in found.values())
    print(f"contexts: {n}; changed: {total} ({time.time() - t0:.0f} s)")
    for key, rows in sorted(found.items(), key=lambda kv: -len(kv[1])):
        byframe = collections.Counter(r[0] for r in rows)
        bywords = collections.Counter(r[1] for r in rows)
        print(f"\n== rule {key}: {len(rows)} changes, {len(bywords)} words; frames: "
              + ", ".join(f"{f} {c}" for f, c in byframe.most_common()))
        seen: set[tuple[str, str]] = set()
        shown = 0
        for frame, yb, hanja, cost, src, out, _rules in rows:
            if (frame, yb) in seen or shown >= args.show:
                continue
            seen.add((frame, yb))
            shown += 1
            print(f"  [{frame}] {yb} {hanja} {cost}: {src} → {out}")
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as fh:
            for key, rows in found.items():
                for frame, yb, hanja, cost, src, out, rules in rows:
                    fh.write("\t".join((key, frame, yb, hanja, str(cost), src, out, ",".join(rules))) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
