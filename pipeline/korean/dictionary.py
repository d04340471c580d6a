"""Sino-Korean word table from NK-HanDic: which South Korean spellings to restore.

NK-HanDic (PyPI ``nkhandic``, the MeCab dictionary for North Korean, BSD-3-Clause,
221,525 entries) lists words with their Hanja, part of speech and MeCab word
cost, in North Korean spelling (no initial-sound rule, like the Yanbian norm)
and also in South Korean spelling. That is exactly the evidence the norm stage
needs:

- a South Korean form (노동) whose every Sino-Korean reading is an ㄹ/ㄴ word
  (勞動 → 로동) is restored without a source;
- a form that is also a native word in the dictionary (여기 "here", 이거) or has
  a Sino-Korean reading with an original ㅇ (樣式 양식 beside 糧食 량식) is left
  alone unless the Chinese source decides (per character: 粮 in the source).

Homographs NK-HanDic cannot decide (every reading unseen in its training
text) get a second signal: the Chinese frequency of each reading's Hanja word
in jieba's ``dict.txt`` (see :func:`_by_chinese`; 內賓 rare, 來賓 common:
내빈 → 래빈). hanja.txt words NK-HanDic lacks that are common Chinese words
(獨居 독거) are kept as known starts of compounds (``Table.weak``).

Only the compiled ``sys.dic`` is read, directly (MeCab's documented binary
layout: a header, the double array, 16-byte token records, then the feature
strings): no MeCab binding is needed, and ``import nkhandic`` (which needs one)
is never run. Deriving the table parses ~20 MB of feature strings (~6 s on a
busy 2-core machine), so it is cached on disk (``~/.cache/zhko/``, ~2 MB) keyed
by the dictionary's size and mtime and this module's table version; later
processes load it in ~0.1 s.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import re
import struct
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple
from pathlib import Path

#: Bump when the derivation below changes, so stale caches are rebuilt.
TABLE_VERSION = 24
#: A reading must be this much cheaper (MeCab cost; 800 ≈ a factor e in
#: frequency) than any other reading, native or Sino-Korean, to be restored
#: without a source: 歷史 력사 (5936) beats 驛舍 역사 (8723); 努力 노력 (7727) vs
#: 勞力 로력 (9095) does not change.
MARGIN = 1400
#: Entries at or above this cost were unseen in NK-HanDic's training text (the
#: default cost): restored only when libhangul's hanja.txt agrees.
RARE = 10900
#: A reading NK-HanDic saw but seldom (cost at or above this: 流涕 류체 9967,
#: 煙霧 련무 …) is not restored without a source when hanja.txt spells a word
#: of the form as written (遺體 유체) whose Chinese word (jieba) is common
#: (ZH_FLOOR) and at least as frequent as the rare reading's: the written form
#: is then more likely that word (유체를 첨앙하고: 遺體, not 流涕).
SELDOM = 9500
HANJA_TXT = Path("/usr/share/libhangul/hanja/hanja.txt")
#: Second signal for homographs NK-HanDic cannot decide (see :func:`_by_chinese`):
#: the Hanja word's frequency in jieba's Chinese dictionary (MIT). The text this
#: stage edits is translated from Chinese news, so a Sino-Korean word in it
#: usually renders a Chinese word: 來賓 来宾 (166) beside 內賓 内宾 (3).
#: The Yanbian reading's Chinese word must be this frequent …
ZH_FLOOR = 100
#: … and this many times as frequent as all competing readings' words together.
ZH_RATIO = 20
#: hanja.txt words NK-HanDic lacks count as words for splitting compounds at
#: this Chinese frequency (獨居 独居 86).
ZH_WORD_FLOOR = 50
_HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{2,}")


class Reading(NamedTuple):
    """One Sino-Korean reading of a South Korean form: its Yanbian spelling,
    Hanja and MeCab word cost (lower = more frequent). A named tuple: the
    cached table of ~60,000 of them loads several times faster than dataclasses."""

    yanbian: str
    hanja: str
    cost: int


@dataclass
class Table:
    """``sino``: South Korean form → its Sino-Korean readings; ``native``: forms
    that are also native (Hanja-less) words; ``words``: every Sino-Korean
    spelling (both norms), for splitting solid compounds."""

    sino: dict[str, tuple[Reading, ...]]
    native: dict[str, int]
    words: frozenset[str]
    restorable: dict[str, Reading]
    #: hanja.txt words NK-HanDic lacks (독거 獨居): not words for splitting,
    #: but a known start of a compound (see style._resume_at)
    weak: frozenset[str] = frozenset()
    #: forms restorable on Chinese frequency alone (see _by_chinese)
    by_chinese: frozenset[str] = frozenset()
    #: NK-HanDic's Hanja-less common nouns with a syllable no character reads
    #: (네트워크, 센터, 플랫폼, 가닥): loanwords and native nouns that can end a
    #: compound without being mistaken for a Sino-Korean word (see style._resume_at)
    loan: frozenset[str] = frozenset()

    def restore(self, south: str) -> Reading | None:
        """The Yanbian reading to write without a source, or None when the form
        is ambiguous (a frequent native word, or readings close in frequency)."""
        return self.restorable.get(south)


def _decide(south: str, readings: tuple[Reading, ...], native: dict[str, int], hanja_txt: dict) -> Reading | None:
    best = readings[0]
    if best.yanbian == south:
        return None
    others = [r.cost for r in readings if r.yanbian != best.yanbian]
    if south in native:
        others.append(native[south])
    if others and min(others) - best.cost < MARGIN:
        return None
    if best.cost >= RARE:
        forms = hanja_txt.get(south)
        if not forms or forms != {best.yanbian}:
            return None
    return best


def _hanja_txt_words(wanted: set[str], words: set[str]) -> tuple[dict[str, set[tuple[str, str]]], dict[str, list[str]]]:
    """From libhangul's hanja.txt: (South Korean form → (Yanbian reading, Hanja)
    of its entries, for the ``wanted`` forms; form → Hanja of the entries read
    as written, for the forms not in ``words`` that have no ㄹ/ㄴ reading)."""
    from pipeline.korean.hangul import south_form
    from pipeline.korean.reading import base_reading

    out: dict[str, set[tuple[str, str]]] = {}
    plain: dict[str, list[str]] = {}
    dueum: set[str] = set()
    if not HANJA_TXT.exists():
        return out, plain
    with open(HANJA_TXT, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(":")
            if len(parts) < 2 or len(parts[0]) != len(parts[1]) or len(parts[0]) < 2:
                continue
            form, hanja = parts[0], parts[1]
            if form not in wanted and form in words:
                continue
            read = [base_reading(c) for c in hanja]
            if not all(read):
                continue
            yb = "".join(r for r in read if r)
            if form in wanted:
                out.setdefault(form, set()).add((yb, hanja))
            if form not in words:
                if yb == form:
                    plain.setdefault(form, []).append(hanja)
                elif south_form(yb) == form:
                    dueum.add(form)
    return out, {f: hs for f, hs in plain.items() if f not in dueum}


def _hybrid_words(wanted: set[str]) -> frozenset[str]:
    """The ``wanted`` forms hanja.txt also writes half in Hangul, the Hanja part
    read as written (양초 洋초, a candle): a Korean word spelt as written that
    no Chinese word stands for, so Chinese frequency cannot speak against it."""
    from pipeline.korean.reading import base_reading

    out: set[str] = set()
    if not HANJA_TXT.exists():
        return frozenset()
    with open(HANJA_TXT, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(":")
            if len(parts) < 2 or parts[0] not in wanted or len(parts[0]) != len(parts[1]):
                continue
            form, hanja = parts[0], parts[1]
            han = [k for k, c in enumerate(hanja) if _HAN_WORD.fullmatch(c)]
            if 0 < len(han) < len(hanja) and all(hanja[k] == form[k] for k in range(len(form)) if k not in han) \
                    and all(base_reading(hanja[k]) == form[k] for k in han):
                out.add(form)
    return frozenset(out)


#: hanja.txt must build at least this many longer words on an as-written
#: homograph for it to count as a word Korean uses (see _korean_homographs)
KOREAN_PRODUCTIVE = 3


def _korean_homographs(restorable: dict[str, Reading], table: dict[str, tuple[Reading, ...]],
                       guessed: set[str]) -> list[str]:
    """Restorable forms whose as-written reading NK-HanDic lists as a word and
    on whose Hanja hanja.txt builds more longer words (at least
    KOREAN_PRODUCTIVE) than on the restored reading's (the as-written word is
    one Korean uses), when the restoration rests on weak evidence: Chinese
    frequency alone (:func:`_by_chinese`: 양약 洋藥 3 words beside 良藥 2; a
    Chinese frequency says nothing of a word Korean coined), or a reading
    NK-HanDic saw seldom (cost at or above SELDOM) whose Chinese word is not
    common either (below ZH_FLOOR: 양산 量産 10100, 量产 3; 陽傘 3 words beside 1).
    양단 (洋緞 2 beside 兩端 3), 서열 (暑熱 0, 序列 9), 연인 (緣因 0, 戀人 0) are
    still restored, and so are news words NK-HanDic saw often whatever Korean
    builds on their homograph (年初 년초 beside 煙草, 立場 립장 beside 入場,
    理性 리성 beside 異性: left to context)."""
    import ahocorasick

    pairs = {s: (hit.hanja, [r.hanja for r in table.get(s, ()) if r.yanbian == s])
             for s, hit in restorable.items() if s in guessed or hit.cost >= SELDOM}
    pairs = {s: p for s, p in pairs.items() if p[1]}
    if not pairs or not HANJA_TXT.exists():
        return []
    auto = ahocorasick.Automaton()
    for h in {h for w, aw in pairs.values() for h in [w, *aw]}:
        auto.add_word(h, h)
    auto.make_automaton()
    count: dict[str, int] = {}
    with open(HANJA_TXT, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(":")
            if len(parts) < 2 or len(parts[1]) < 3:
                continue
            for h in {h for _end, h in auto.iter(parts[1]) if len(h) < len(parts[1])}:
                count[h] = count.get(h, 0) + 1
    zh = _chinese_freq({win for win, _aw in pairs.values()})
    out = []
    for s, (win, aw) in pairs.items():
        best = max(count.get(h, 0) for h in aw)
        if best >= KOREAN_PRODUCTIVE and best > count.get(win, 0) and (s in guessed or zh.get(win, 0) < ZH_FLOOR):
            out.append(s)
    return sorted(out)


def jieba_dict_path() -> Path | None:
    """jieba's word-frequency dictionary (dict.txt), found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "dict.txt"
    return path if path.exists() else None


def _chinese_freq(hanja_words: set[str]) -> dict[str, int]:
    """Hanja word (traditional, as Korean writes it) → its frequency in jieba's
    dictionary, through its simplified form (OpenCC t2s); 0 when absent."""
    path = jieba_dict_path()
    if path is None or not hanja_words:
        return {}
    import opencc

    words = sorted(hanja_words)
    simple = opencc.OpenCC("t2s").convert("\n".join(words)).split("\n")
    if len(simple) != len(words):
        simple = words
    wanted = set(words) | set(simple)
    freq: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _sp, rest = line.partition(" ")
            if word in wanted:
                count = rest.split(" ", 1)[0]
                if count.isdigit():
                    freq[word] = int(count)
    return {h: max(freq.get(h, 0), freq.get(s, 0)) for h, s in zip(words, simple)}


def _by_chinese(south: str, nk: tuple[Reading, ...], txt: set[tuple[str, str]], zh: dict[str, int],
                native: dict[str, int], names: set[str]) -> Reading | None:
    """The reading to restore for a homograph NK-HanDic leaves undecided, by the
    Chinese frequency of each reading's Hanja word (NK-HanDic's and hanja.txt's).

    Only when no other reading is a word NK-HanDic's training text had (cost
    below RARE: 餘裕 여유, 亦是 역시 stay), the form is no native word or
    Hanja-less name (예수), the reading is a Korean word (in NK-HanDic or
    hanja.txt) and its Chinese word dominates: 역정 → 력정 (歷程 历程 762
    against 逆情 0), 내빈 → 래빈 (來賓 166, 內賓 3); 연습 stays (演习 3808,
    练习 1029)."""
    from pipeline.korean.hangul import south_form

    if south in native or south in names:
        return None
    # hanja.txt's Hangul may read a character otherwise (車 거, 茶 다): its own
    # reading must be the form's
    pairs = {(r.yanbian, r.hanja) for r in nk} | {(yb, h) for yb, h in txt if south_form(yb) == south}
    total: dict[str, int] = {}
    for yb, hanja in pairs:
        total[yb] = total.get(yb, 0) + zh.get(hanja, 0)
    if not total:
        return None
    best = max(total, key=lambda yb: total[yb])
    if best == south:
        return None
    others = sum(f for yb, f in total.items() if yb != best)
    if total[best] < ZH_FLOOR or total[best] < ZH_RATIO * others:
        return None
    if any(r.yanbian != best and (r.cost < RARE or not zh.get(r.hanja)) for r in nk):
        return None  # a competitor NK-HanDic saw in text, or a Korean word Chinese cannot speak for
    hanja = max((h for yb, h in pairs if yb == best), key=lambda h: zh.get(h, 0))
    cost = min((r.cost for r in nk if r.yanbian == best), default=RARE)
    return Reading(best, hanja, cost)


def sys_dic_path() -> Path | None:
    """NK-HanDic's sys.dic inside the installed package, found without importing it."""
    spec = importlib.util.find_spec("nkhandic")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "dicdir" / "sys.dic"
    return path if path.exists() else None


def _entries(path: Path) -> Iterator[tuple[str, str, str, int]]:
    """(surface, hanja, POS tag, cost) for every token of a MeCab sys.dic."""
    for f, cost in _features(path):
        yield f[6], f[7], f[10], cost


def _features(path: Path) -> Iterator[tuple[list[str], int]]:
    """(feature fields, cost) for every token of a MeCab sys.dic with 11 or more
    fields (NK-HanDic: field 2 is a proper noun's class, 名 a person's name)."""
    data = path.read_bytes()
    header = struct.unpack_from("<10I", data, 0)
    lexsize, dsize, tsize, fsize = header[3], header[6], header[7], header[8]
    tok = 72 + dsize
    feat = tok + tsize
    features = data[feat : feat + fsize]
    for i in range(lexsize):
        _lc, _rc, _pos, cost, fo, _comp = struct.unpack_from("<HHHhII", data, tok + 16 * i)
        end = features.index(b"\0", fo)
        f = features[fo:end].decode("utf-8", "replace").split(",")
        if len(f) > 10:
            yield f, cost


def build(path: Path) -> Table:
    """Derive the table from NK-HanDic (see the module doc)."""
    from pipeline.korean.reading import base_reading
    from pipeline.korean.hangul import south_form

    sino: dict[str, dict[str, Reading]] = {}
    native: dict[str, int] = {}
    names: set[str] = set()
    words: set[str] = set()
    loan: set[str] = set()
    from pipeline.korean.reading import sino_syllables

    sino_syl = sino_syllables()
    surfaces: set[str] = set()
    for surface, hanja, tag, cost in _entries(path):
        if not _HANGUL_WORD.fullmatch(surface):
            continue
        surfaces.add(surface)
        if hanja == "*" and tag == "NNG" and any(c not in sino_syl for c in surface):
            loan.add(surface)
        if hanja.startswith("*") and tag in ("NNP", "SL", "SH"):
            names.add(surface)  # a name without Hanja (예수, 나나): no Chinese-frequency guess
        # compatibility ideographs (女 U+F981 is read 여 by the table) → unified
        hanja = unicodedata.normalize("NFC", hanja.split("/")[0])
        if hanja == "*":
            if tag not in ("NNP", "SL", "SH", "SN"):
                # a native verb/adjective stem or adverb (노리다, 이기다) blocks the
                # word outright: their costs are not comparable with nouns'
                blocked = 0 if not tag.startswith("NN") else cost
                native[surface] = min(blocked, native.get(surface, blocked))
            continue
        if len(hanja) != len(surface) or not _HAN_WORD.fullmatch(hanja):
            continue
        read = [base_reading(c) for c in hanja]
        if any(r is None for r in read):
            continue
        yanbian = "".join(r for r in read if r)
        south = south_form(yanbian)
        if surface not in (yanbian, south):
            continue  # a reading the character table does not give: trust neither
        words.update((yanbian, south))
        best = sino.setdefault(south, {})
        old = best.get(yanbian)
        if old is None or cost < old.cost:
            best[yanbian] = Reading(yanbian, hanja, cost)
    table = {s: tuple(sorted(r.values(), key=lambda r: r.cost)) for s, r in sino.items()}
    rare = {s for s, r in table.items() if r[0].cost >= RARE}
    txt, plain_txt = _hanja_txt_words(set(table), words)
    hybrid = _hybrid_words(set(table))
    hanja_txt = {s: {yb for yb, _h in txt[s]} for s in rare if s in txt}
    restorable = {}
    undecided: list[str] = []
    for south, readings in table.items():
        hit = _decide(south, readings, native, hanja_txt)
        if hit:
            restorable[south] = hit
        else:
            undecided.append(south)
    # a seldom reading beside a common homograph spelt as written (遺體 유체)
    seldom = {s: r for s, r in restorable.items() if r.cost >= SELDOM}
    as_written = {s: [h for yb, h in txt.get(s, ()) if yb == s] for s in seldom}
    zh_seldom = _chinese_freq({h for hs in as_written.values() for h in hs} | {r.hanja for r in seldom.values()})
    for south, hit in seldom.items():
        common = max((zh_seldom.get(h, 0) for h in as_written[south]), default=0)
        if common >= ZH_FLOOR and common >= zh_seldom.get(hit.hanja, 0):
            del restorable[south]
    # second signal: Chinese word frequency, for the forms NK-HanDic knows but
    # cannot decide, with the readings hanja.txt adds (see _by_chinese)
    candidates = [s for s in undecided if s not in native and s not in names
                  and any(yb != s for yb, _h in txt.get(s, set()) | {(r.yanbian, r.hanja) for r in table[s]})]
    # hanja.txt words NK-HanDic lacks, spelt alike in both norms (獨居 독거),
    # when they are common Chinese words: a name-like start of a compound
    # restoration may resume after (see style._resume_at)
    # (a Hanja-less name NK-HanDic lists, 애심, is still a compound start: 愛心)
    plain = {s: hs for s, hs in plain_txt.items() if s not in native}
    zh = _chinese_freq({r.hanja for s in candidates for r in table[s]}
                       | {h for s in candidates for _yb, h in txt.get(s, ())}
                       | {h for hs in plain.values() for h in hs})
    weak = frozenset(s for s, hs in plain.items() if hs and max(zh.get(h, 0) for h in hs) >= ZH_WORD_FLOOR)
    from pipeline.korean.hangul import _PARTICLE_HEADS

    guessed: set[str] = set()

    for south in candidates:
        if any(south + p in native for p in _PARTICLE_HEADS):
            continue  # 이대 (履帶) would read the native 이대로 as 이대+로
        if south in hybrid:
            continue  # 양초 洋초 (a candle): a Korean word as written, whatever Chinese says of 糧草
        hit = _by_chinese(south, table[south], txt.get(south, set()), zh, native, names)
        if hit:
            restorable[south] = hit
            guessed.add(south)
    # a homograph whose as-written reading is a Korean word of this norm (NK-HanDic
    # lists it spelt as written) that Korean builds more words on than on the
    # winner (hanja.txt), when the winner's evidence is weak: 양약 洋藥 (3) beside
    # 良藥 (2), guessed on Chinese frequency alone; 양산 陽傘 (3) beside 量産 (1),
    # seldom in NK-HanDic and in Chinese
    for south in _korean_homographs(restorable, table, guessed):
        del restorable[south]
        guessed.discard(south)
    # Chinese words Korean dictionaries lack (落實 락실): see _chinese_words
    for south, reading in _chinese_words(words | surfaces | set(txt) | set(plain_txt)).items():
        restorable[south] = reading
        guessed.add(south)
        words.update((south, reading.yanbian))
        table[south] = (reading,)
    # only forms with an ㄹ/ㄴ reading need their readings kept (the rest are
    # plain words: segmentation needs their spelling only), and native entries
    # only for known words: a third of the size, four times faster to load
    kept = {s: r for s, r in table.items() if any(x.yanbian != s for x in r)}
    return Table(sino=kept, native={w: c for w, c in native.items() if w in words}, words=frozenset(words),
                 restorable=restorable, weak=weak, by_chinese=frozenset(guessed), loan=frozenset(loan - words))


#: A Chinese word must be this frequent in jieba's dictionary to be restored
#: as a word of its own (see :func:`_chinese_words`) …
ZH_WORD_RESTORE = 1000


def _chinese_words(known: set[str]) -> dict[str, Reading]:
    """Frequent Chinese words (jieba's dictionary, read character by character
    in their traditional form) whose South Korean spelling is no Korean word at
    all (not in NK-HanDic, hanja.txt or the native word list): Yanbian news
    writes such words as Sino-Korean (落实 락실, 灵活 령활, 列入 렬입), and a
    South spelling of one (낙실) can only be that word. Restored when the
    reading's Chinese words are :data:`ZH_WORD_RESTORE` frequent and
    :data:`ZH_RATIO` times as frequent as every other Chinese word spelt alike
    in the South (the rule of :func:`_by_chinese`)."""
    from pipeline.korean.hangul import _PARTICLE_HEADS, south_form
    from pipeline.korean.reading import base_reading

    path = jieba_dict_path()
    if path is None:
        return {}
    import opencc

    simple: list[str] = []
    freq: list[int] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _sp, rest = line.partition(" ")
            count = rest.split(" ", 1)[0]
            tag = rest.split(" ", 1)[1].strip() if " " in rest else ""
            if tag.startswith("nr"):
                continue  # a person's name (林彪): the surname decides, see textnames
            if 2 <= len(word) <= 4 and count.isdigit() and int(count) >= ZH_FLOOR and _HAN_WORD.fullmatch(word):
                simple.append(word)
                freq.append(int(count))
    trad = opencc.OpenCC("s2t").convert("\n".join(simple)).split("\n")
    if len(trad) != len(simple):
        return {}
    native_file = Path(__file__).parent / "data" / "native_words.txt"
    native = {ln.strip() for ln in native_file.read_text(encoding="utf-8").splitlines()
              if ln.strip() and not ln.startswith("#")}
    by_south: dict[str, dict[str, int]] = {}
    hanja_of: dict[tuple[str, str], str] = {}
    for han, f in zip(trad, freq):
        read = [base_reading(c) for c in han]
        if not all(read):
            continue
        yb = "".join(r for r in read if r)
        south = south_form(yb)
        by_south.setdefault(south, {})
        by_south[south][yb] = by_south[south].get(yb, 0) + f
        hanja_of.setdefault((south, yb), han)
    out = {}
    for south, counts in by_south.items():
        if south in known or south in native or any(south.startswith(n) for n in native if len(n) >= 2):
            continue
        if any(south[k:] in _PARTICLE_HEADS for k in range(1, len(south))):
            continue  # 유리+와, 여+도 (하여도): a word or ending and a particle, not 琉璃瓦, 旅途
        best = max(counts, key=lambda yb: counts[yb])
        others = sum(c for yb, c in counts.items() if yb != best)
        if best != south and counts[best] >= ZH_WORD_RESTORE and counts[best] >= ZH_RATIO * others:
            out[south] = Reading(best, hanja_of[(south, best)], RARE)
    return out


def _cache_file(path: Path, kind: str = "table", version: int = TABLE_VERSION, ext: str = "pickle") -> Path:
    """The cache file of a table derived from the dictionary at ``path``: keyed
    by that file and by a hash of the code that derives it (this module and the
    readings), so a table derived by other code (another checkout, a branch that
    bumped the version to the same number) is never loaded by mistake."""
    st = path.stat()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhko"
    code = hashlib.sha256()
    for mod in (Path(__file__), Path(__file__).with_name("reading.py")):
        code.update(mod.read_bytes())
    return base / f"nkhandic-{kind}-v{version}-{code.hexdigest()[:10]}-{st.st_size}-{int(st.st_mtime)}.{ext}"


@functools.lru_cache(maxsize=1)
def table() -> Table:
    """The table, built once per process (cached on disk between processes).

    Without NK-HanDic installed the table is empty and the stage falls back to
    its curated lexicon."""
    path = sys_dic_path()
    if path is None:
        return Table({}, {}, frozenset(), {})
    cache = _cache_file(path)
    try:
        with open(cache, "rb") as fh:
            words, sino, native, restorable, weak, guessed, loan = pickle.load(fh)
        _touch(cache)
        return Table(sino=sino, native=native, words=frozenset(words.split("\n")), restorable=restorable,
                     weak=frozenset(weak.split("\n")), by_chinese=guessed, loan=frozenset(loan.split("\n")))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    built = build(path)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            # the words as one string: a set of 60,000 pickled strings loads slowly
            pickle.dump(("\n".join(sorted(built.words)), built.sino, built.native, built.restorable,
                         "\n".join(sorted(built.weak)), built.by_chinese, "\n".join(sorted(built.loan))), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
        _prune(cache)
    except OSError:
        pass  # a read-only home: build per process
    return built


#: A cached table of another key (other code, another dictionary file) is
#: removed once no process has used it for this long: long enough that two
#: checkouts in use side by side (a release and a branch, parallel worktrees)
#: keep their own tables instead of deleting each other's on every write.
PRUNE_AFTER_S = 7 * 24 * 3600


def _touch(cache: Path) -> None:
    """Mark ``cache`` as in use (its modification time is what :func:`_prune` reads)."""
    try:
        os.utime(cache)
    except OSError:
        pass


def _prune(cache: Path, now: float | None = None) -> None:
    """Remove the caches of the same kind as ``cache`` that no process has used
    for :data:`PRUNE_AFTER_S` (derived by other code or from another dictionary
    file): without this every upgrade would leave ~1 MB behind. A process that
    still wants a pruned one rebuilds it."""
    kind = cache.name.split("-v", 1)[0]
    limit = (time.time() if now is None else now) - PRUNE_AFTER_S
    for old in cache.parent.glob(f"{kind}-v*"):
        if old == cache or old.name.endswith(".tmp"):
            continue
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass


#: Bump when :func:`yeo_forms`'s derivation changes.
YEO_VERSION = 2


#: Nouns written solid with 잇다 "to join" whose South -이어 form is that verb's
#: (줄이어 "in a row", 뒤이어 "following"), while NK-HanDic lists only the
#: -이다 verb's 줄이여 (줄이다 "to reduce"), rare in that sense.
_JOINED_BY_ITDA = frozenset({"줄", "뒤", "꼬리"})


def _derive_yeo_forms(path: Path) -> frozenset[str]:
    """NK-HanDic's connective forms in -여 of verb/adjective stems of two or more
    syllables ending in ㅣ ㅐ ㅚ ㅟ ㅢ (나뉘여, 잇대여, 보이여): the dictionary
    lists them in North Korean spelling, which writes -여 there as the Yanbian
    norm does. A form whose stem has an ㅅ-irregular twin (줄짓다: 줄지어,
    매듭짓다: 매듭지어) is left out: its South -어 form is that verb's, not 줄지다's."""
    from pipeline.korean.hangul import join_syllable, split_syllable

    verbs = {s for s, _h, tag, _c in _entries(path)
             if tag.split("+")[0] in ("VV", "VA", "VX") and _HANGUL_WORD.fullmatch(s)}
    out = set()
    for w in verbs:
        if len(w) < 3 or not w.endswith("여"):
            continue
        i, v, f = split_syllable(w[-2])
        if f or v not in (1, 11, 16, 19, 20):  # ㅐ ㅚ ㅟ ㅢ ㅣ
            continue
        if w[:-2] + join_syllable(i, v, 19) in verbs:  # the stem with ㅅ: 줄짓
            continue
        if w[-2] == "이" and w[:-2] in _JOINED_BY_ITDA:
            continue  # 줄이어 "in a row" is 줄 + 잇다 (NK-HanDic lacks 줄잇다), not 줄이다's 줄이여
        out.add(w)
    return frozenset(out)


def _cached_lines(kind: str, version: int, derive: Callable[[Path], Iterable[str]]) -> list[str]:
    """The lines of a word list derived from NK-HanDic (and hanja.txt), built
    once and cached on disk beside the table (written atomically, older
    versions pruned; an unwritable cache only costs the derivation again).
    No NK-HanDic: no lines."""
    path = sys_dic_path()
    if path is None:
        return []
    cache = _cache_file(path, kind, version, "txt")
    try:
        lines = [ln for ln in cache.read_text(encoding="utf-8").split("\n") if ln]
        _touch(cache)
        return lines
    except OSError:
        pass
    lines = [ln for ln in derive(path) if ln]
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("\n".join(lines), encoding="utf-8")
        os.replace(tmp, cache)
        _prune(cache)
    except OSError:
        pass
    return lines


@functools.lru_cache(maxsize=1)
def yeo_forms() -> frozenset[str]:
    """See :func:`_derive_yeo_forms`; built once, cached on disk beside the table."""
    return frozenset(_cached_lines("yeo", YEO_VERSION, lambda path: sorted(_derive_yeo_forms(path))))


def _derive_native_heads(path: Path) -> list[str]:
    """NK-HanDic's two-syllable Hanja-less common nouns seen in its training text
    (cost below :data:`NATIVE_NOUN_COST`): native nouns (마을, 사람, 모습) that can
    close a solid compound (조선족자연마을) whatever their syllables spell."""
    return sorted({surface for surface, hanja, tag, cost in _entries(path)
                   if hanja == "*" and tag == "NNG" and len(surface) == 2 and cost < NATIVE_NOUN_COST
                   and _HANGUL_WORD.fullmatch(surface)})


@functools.lru_cache(maxsize=1)
def native_heads() -> frozenset[str]:
    """See :func:`_derive_native_heads`; built once, cached on disk beside the table."""
    return frozenset(_cached_lines("nativeheads", 1, _derive_native_heads))


#: Bump when :func:`hybrid_forms`'s derivation changes.
HYBRID_VERSION = 6
#: NK-HanDic tags of the half-Hanja words :func:`hybrid_forms` reads: verb and
#: adjective stems (連달아, 利롭), adverbs (歷歷히, 連거푸) and common nouns (兩쪽).
_HYBRID_TAGS = {"VV": "stem", "VA": "stem", "MAG": "word", "NNG": "word"}
#: Native parts that make a Sino-Korean root a verb (弄하, 年久하, 壞裂되): not hybrids.
_LIGHT_VERBS = ("하", "해", "되", "돼")


def _derive_hybrid_forms(path: Path) -> list[str]:
    """NK-HanDic's words written half in Hanja, a Sino-Korean root and a native
    part (連달아 련달아, 連이어 련이어, 兩쪽 량쪽, 利롭 리롭, 歷歷히 력력히), whose
    root's South spelling differs (initial-sound rule): lines ``South form <TAB>
    Yanbian form <TAB> stem|word``. The character table cannot read these (the
    native part has no Hanja), so the word table leaves them out; the Yanbian
    norm writes them as NK-HanDic does (련달아, 량쪽). A South form is kept only
    when it is one word: every NK-HanDic entry spelt so is the same word (its
    South-spelling twin: 이롭 利롭), never another (약하 is 弱하, not 略하), and
    no other hybrid entry reads it otherwise."""
    from pipeline.korean.hangul import south_form
    from pipeline.korean.reading import base_reading

    entries = [(s, unicodedata.normalize("NFC", h.split("/")[0]), tag.split("+")[0])
               for s, h, tag, _c in _entries(path)]
    by_surface: dict[str, set[str]] = {}
    for s, h, _tag in entries:
        by_surface.setdefault(s, set()).add(h)
    cand: dict[str, set[tuple[str, str, str]]] = {}
    nouns: set[str] = set()
    for s, h, tag in entries:
        if tag not in _HYBRID_TAGS or len(h) != len(s) or not _HANGUL_WORD.fullmatch(s):
            continue
        m = _HAN_WORD.match(h)
        if not m or m.end() == len(h) or _HAN_WORD.search(h, m.end()) or h[m.end():] != s[m.end():]:
            continue
        n = m.end()
        read = [base_reading(c) for c in h[:n]]
        if any(not r for r in read) or "".join(r for r in read if r) != s[:n]:
            continue
        if _HYBRID_TAGS[tag] == "stem" and s[n:].startswith(_LIGHT_VERBS):
            continue  # 弄하, 年久하: a root and 하다/되다, the word table's business (농한기, 연구함)
        root = south_form(s[:n])
        if n >= 2 and not by_surface.get(root, {h[:n]}) <= {h[:n]}:
            continue  # 烈烈하: its South root 열렬 is another word (熱烈), 열렬한 stays
        south = root + s[n:]
        if south != s:
            cand.setdefault(south, set()).add((s, h, _HYBRID_TAGS[tag]))
            if tag == "NNG":
                nouns.add(south)
    out = []
    for south, found in sorted(cand.items()):
        yanbian = {s for s, _h, _k in found}
        native = {len(s) - len(_HAN_WORD.match(h).group()) for s, h, _k in found}  # type: ignore[union-attr]
        hanja = {h for _s, h, _k in found}
        kinds = {k for _s, _h, k in found}
        if len(yanbian) != 1 or len(kinds) != 1 or not by_surface.get(south, hanja) <= hanja:
            continue
        kind = kinds.pop()
        if south in nouns and south not in by_surface:
            continue  # a noun only when NK-HanDic spells it the South way too (양쪽 兩쪽), not 용트림 (龍트림, as written in Yanbian text)
        if len(south) == 2 and south not in by_surface:
            continue  # two syllables (여종, 유다, 양품): only a word NK-HanDic also spells the South way (양쪽 兩쪽)
        if kind == "stem" and min(native) < 2 and (south not in by_surface or not _final_consonant(south[-1])):
            # a one-syllable native part: only when NK-HanDic spells the word so
            # too and the syllable closes on a consonant (이롭 利롭, 연잇 連잇);
            # 연다 (連다) is 열다's 연다 far more often
            continue
        out.append(f"{south}\t{yanbian.pop()}\t{kind}\t{min(native)}")
    return out


def _final_consonant(syllable: str) -> bool:
    """A Hangul syllable that closes on a consonant (롭, 잇; not 다)."""
    code = ord(syllable) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


@functools.lru_cache(maxsize=1)
def hybrid_forms() -> dict[str, tuple[str, str, int]]:
    """South form → (Yanbian form, ``stem`` or ``word``, syllables of its native
    part): see :func:`_derive_hybrid_forms`; built once, cached on disk beside the table."""
    out = {}
    for ln in _cached_lines("hybrid", HYBRID_VERSION, _derive_hybrid_forms):
        south, yanbian, kind, native = ln.split("\t")
        out[south] = (yanbian, kind, int(native))
    return out


#: Longest part of a hanja.txt compound used as a key part (see :func:`compounds`).
_COMPOUND_PART = 4


def _build_compounds(tab: Table) -> dict[str, tuple[str, str]]:
    """South Korean spelling of two adjacent words → its Yanbian reading, from
    the compounds of libhangul's hanja.txt (with the pair's Hanja), for pairs whose one word is a
    homograph the table leaves undecided (양자 量子/養子, 영세 零細/永世, 이공
    理工/耳孔): 양자물리학 量子物理學 gives 양자물리 → 량자물리, 영세기업
    零細企業 gives 영세기업 → 령세기업. A key is kept only when every hanja.txt
    compound holding it at a word boundary reads it alike, it changes the
    undecided word, and it is no NK-HanDic word (NK-HanDic's compounds decide
    those, see ``style._compound_choice``)."""
    from pipeline.korean.hangul import south_form
    from pipeline.korean.reading import base_reading

    if not HANJA_TXT.exists():
        return {}
    plain: set[str] = set()
    three: dict[str, set[str]] = {}
    entries: list[tuple[str, str]] = []  # (Hanja, Yanbian reading)
    with open(HANJA_TXT, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(":")
            if len(parts) < 2 or len(parts[0]) != len(parts[1]) or len(parts[0]) < 2 \
                    or not _HAN_WORD.fullmatch(parts[1]):
                continue
            read = [base_reading(c) for c in parts[1]]
            if not all(read):
                continue
            yb = "".join(r for r in read if r)
            plain.add(south_form(yb))
            if len(yb) == 3:
                three.setdefault(south_form(yb), set()).add(yb)
            if len(yb) >= 4:
                entries.append((parts[1], yb))

    def word(south: str) -> bool:
        return south in tab.words or south in plain

    def undecided(south: str) -> bool:
        return tab.restore(south) is None

    votes: dict[str, set[str]] = {}
    hanja_of: dict[str, str] = {}
    for hanja, yb in entries:
        n = len(yb)
        for a in range(2, min(_COMPOUND_PART, n - 2) + 1):
            x = yb[:a]
            sx = south_form(x)
            if not word(sx):
                continue
            for b in range(a + 2, min(a + _COMPOUND_PART, n) + 1):
                y = yb[a:b]
                sy = south_form(y)
                if not word(sy):
                    continue
                key = sx + sy
                if key in tab.sino or key in tab.words:
                    continue
                changed_x, changed_y = sx != x, sy != y
                if not ((changed_x and undecided(sx)) or (changed_y and undecided(sy))):
                    votes.setdefault(key, set()).add(key)  # a vote for the form as it is
                    continue
                votes.setdefault(key, set()).add(x + y)
                hanja_of.setdefault(key, hanja[:b])
    # a homograph and a one-syllable suffix (理工類 이공류 → 리공류, 零起點):
    # the three-character words of jieba's dictionary (any frequency: Chinese
    # has the word at all) beside hanja.txt's and NK-HanDic's words so spelt
    for yb, hanja in _chinese_triples():
        key = south_form(yb)
        head = key[:2]
        if key in tab.words or head == yb[:2] or not undecided(head) or not word(head):
            continue
        votes.setdefault(key, set()).add(yb)
        hanja_of.setdefault(key, hanja)
    for south, ybs in three.items():
        if south in votes:
            votes[south] |= ybs  # hanja.txt's words spelt so vote too (二空類 would read 이공류)
    return {k: (next(iter(v)), hanja_of[k]) for k, v in votes.items() if len(v) == 1 and next(iter(v)) != k}


def _chinese_triples() -> list[tuple[str, str]]:
    """(Yanbian reading, traditional Hanja) of every three-character word of
    jieba's dictionary (person names left out, see :func:`_chinese_words`)."""
    from pipeline.korean.reading import base_reading

    path = jieba_dict_path()
    if path is None:
        return []
    import opencc

    simple: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and len(parts[0]) == 3 and _HAN_WORD.fullmatch(parts[0]) \
                    and not (len(parts) > 2 and parts[2].startswith("nr")):
                simple.append(parts[0])
    trad = opencc.OpenCC("s2t").convert("\n".join(simple)).split("\n")
    if len(trad) != len(simple):
        return []
    out = []
    for han in trad:
        read = [base_reading(c) for c in han]
        if all(read):
            out.append(("".join(r for r in read if r), han))
    return out


@functools.lru_cache(maxsize=1)
def compounds() -> dict[str, tuple[str, str]]:
    """The table of :func:`_build_compounds`, built once per process (cached on
    disk beside the word table); empty without NK-HanDic."""
    path = sys_dic_path()
    if path is None:
        return {}
    cache = _cache_file(path, kind="compounds")
    try:
        with open(cache, "rb") as fh:
            loaded = pickle.load(fh)
        if isinstance(loaded, dict):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    built = _build_compounds(table())
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
        _prune(cache)
    except OSError:
        pass
    return built


def _derive_yeo_stems(path: Path) -> frozenset[str]:
    """South Korean spellings of NK-HanDic's compound verb stems with -여- inside
    (태여나다, 뛰여나다, 뛰여들다: a stem in ㅐ ㅚ ㅟ ㅢ ㅣ, -여, a second verb):
    the stem with -어- (태어나, 뛰어나) when NK-HanDic lists it too as a verb (its
    South spelling of the same word). A stem whose first verb has an ㅅ-irregular
    twin (지어내다: 짓다, 이어지다: 잇다) is left out, as in :func:`_derive_yeo_forms`."""
    from pipeline.korean.hangul import join_syllable, split_syllable

    verbs = {s for s, _h, tag, _c in _entries(path)
             if tag.split("+")[0] in ("VV", "VA", "VX") and _HANGUL_WORD.fullmatch(s)}
    out = set()
    for w in verbs:
        for k in range(1, len(w) - 1):
            if w[k] != "여":
                continue
            i, v, f = split_syllable(w[k - 1])
            if f or v not in (1, 11, 16, 19, 20):  # ㅐ ㅚ ㅟ ㅢ ㅣ
                continue
            south = w[:k] + "어" + w[k + 1 :]
            if south not in verbs or w[: k - 1] + join_syllable(i, v, 19) in verbs:
                continue
            out.add(south)
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def yeo_stems() -> frozenset[str]:
    """See :func:`_derive_yeo_stems`; built once, cached on disk beside the table."""
    return frozenset(_cached_lines("yeo-stems", YEO_VERSION, lambda path: sorted(_derive_yeo_stems(path))))


#: Bump when :func:`as_written`'s derivation changes.
AS_WRITTEN_VERSION = 1


def _derive_as_written(tab: Table) -> frozenset[str]:
    """Sino-Korean words of three or more syllables that are spelt alike in both
    norms and that the initial-sound rule must not take apart (유실물 遺失物,
    뇌진탕 腦震蕩, 뇌성마비 腦性痲痺, 유형자산 有形資産, 유락장 遊樂場, 사회계약론
    社會契約論): a piece of them is a South form on its own (유실 → 류실 流失,
    뇌진 → 뢰진 雷震, 약론 → 략론 略論), so read piece by piece the word would
    be damaged.

    A form qualifies when every entry libhangul's hanja.txt has for it reads
    exactly as written (no ㄹ/ㄴ reading: 歷史學 역사학 is out), NK-HanDic gives it
    no ㄹ/ㄴ reading either and none is restorable, and it holds an ㅇ- or
    ㄴ-initial syllable (the rule can change nothing else): ~51,000 forms. (A
    filter keeping only those whose Chinese word jieba lists, ~5,000, left
    뇌성마비 and 이산화 compounds exposed and restored no more South forms on
    any bench set.)"""
    from pipeline.korean.hangul import split_syllable
    from pipeline.korean.reading import base_reading

    if not HANJA_TXT.exists():
        return frozenset()
    readings: dict[str, set[str | None]] = {}
    with open(HANJA_TXT, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(":")
            if len(parts) < 2 or len(parts[0]) != len(parts[1]) or len(parts[0]) < 3:
                continue
            form, hanja = parts[0], parts[1]
            if not _HANGUL_WORD.fullmatch(form):
                continue
            read = [base_reading(c) for c in hanja]
            readings.setdefault(form, set()).add("".join(r for r in read if r) if all(read) else None)
    # ㅇ (index 11) or ㄴ (index 2) initials: what the initial-sound rule reads
    return frozenset(f for f, rs in readings.items()
                     if rs == {f} and any(split_syllable(c)[0] in (2, 11) for c in f)
                     and f not in tab.restorable and not any(r.yanbian != f for r in tab.sino.get(f, ())))


@functools.lru_cache(maxsize=1)
def as_written() -> frozenset[str]:
    """See :func:`_derive_as_written`; built once, cached on disk beside the table."""
    return frozenset(_cached_lines("aswritten", AS_WRITTEN_VERSION, lambda path: sorted(_derive_as_written(table()))))


#: Bump when :func:`_derive_written_words` changes.
WRITTEN_VERSION = 1
#: A Sino-Korean word read as written must be this frequent in jieba's Chinese
#: dictionary to count as a common word for :func:`written_words` (异见 27,
#: 肉食 169, 奴仆 321, 育苗 124).
ZH_WRITTEN_FLOOR = 20


def _derive_written_words(tab: Table) -> tuple[frozenset[str], frozenset[str]]:
    """South Korean forms of two to four syllables that start with ㅇ or ㄴ and
    that libhangul's hanja.txt or NK-HanDic read AS WRITTEN (異見 이견, 肉食
    육식, 奴僕 노복, 移住者 이주자), as a Chinese word of ``ZH_WRITTEN_FLOOR``
    frequency or more in jieba's dictionary: a common Sino-Korean word the
    text translated from Chinese writes so. NK-HanDic's training text (the
    North's) never saw many of them (異見: its cost is the default), so the
    name rules cannot tell them from a surname and a given name (리견) by
    NK-HanDic alone (see textnames). Second: hanja.txt's words of Hanja and
    Hangul that start with a character read as written (肉개醬 육개장, 肉水국
    육수국): listed whole, they are no number or name and a word (六個 육개)."""
    from pipeline.korean.hangul import split_syllable
    from pipeline.korean.reading import base_reading

    hanja: dict[str, set[str]] = {}
    persons: set[str] = set()
    mixed: set[str] = set()
    for south, readings in tab.sino.items():
        for r in readings:
            if r.yanbian == south:
                hanja.setdefault(south, set()).add(r.hanja)
    if HANJA_TXT.exists():
        with open(HANJA_TXT, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split(":")
                if len(parts) < 2 or len(parts[0]) != len(parts[1]) or not 2 <= len(parts[0]) <= 4:
                    continue
                form, han = parts[0], parts[1]
                if not _HANGUL_WORD.fullmatch(form) or split_syllable(form[0])[0] not in (2, 11):  # ㄴ ㅇ
                    continue
                if _HAN_WORD.match(han) and re.search("[\uac00-\ud7a3]", han) and len(form) <= 4 \
                        and all(b == f or base_reading(b) == f for b, f in zip(han, form)):
                    mixed.add(form)  # 肉개醬 육개장: Hanja and Hangul, listed whole
                    continue
                if not _HAN_WORD.fullmatch(han) or "".join(base_reading(c) or "?" for c in han) != form:
                    continue
                if len(form) == 3 and han[2] in _PERSON_HANJA and form[:2] in tab.words:
                    persons.add(form)  # 移住者 이주자: a known word and a person suffix, listed whole
                hanja.setdefault(form, set()).add(han)
    # numbers (二人 이인, 二號: the name rules read 이 + a number themselves) and
    # the copula's forms are left out
    hanja = {f: {h for h in hs if h[0] not in _NUMBER_HANJA} for f, hs in hanja.items()
             if split_syllable(f[0])[0] in (2, 11)}
    zh = _chinese_freq({h for hs in hanja.values() for h in hs})
    common = {f for f, hs in hanja.items() if hs and max(zh.get(h, 0) for h in hs) >= ZH_WRITTEN_FLOOR}
    return frozenset(common | persons), frozenset(mixed)


#: Suffixes for persons (者 民 人 員 家) that hanja.txt writes solid after a word (移住者).
_PERSON_HANJA = "者民人員家"
#: First characters of number words (二人, 兩國) left out of :func:`written_words`.
_NUMBER_HANJA = "二貳兩"


@functools.lru_cache(maxsize=1)
def _written() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """See :func:`_derive_written_words` and :func:`_derive_native_nouns`;
    built once, cached on disk beside the table."""
    def derive(path: Path) -> list[str]:
        words, mixed = _derive_written_words(table())
        natives = _derive_native_nouns(path)
        return ([f"{w}\tw" for w in sorted(words)] + [f"{w}\tm" for w in sorted(mixed)]
                + [f"{w}\tn" for w in sorted(natives) if not w.startswith("\t")]
                + [f"{w[1:]}\tf" for w in sorted(natives) if w.startswith("\t")])

    kinds: dict[str, set[str]] = {"w": set(), "m": set(), "n": set(), "f": set()}
    for line in _cached_lines("written", WRITTEN_VERSION, derive):
        word, _, kind = line.partition("\t")
        if kind in kinds:
            kinds[kind].add(word)
    return (frozenset(kinds["w"]), frozenset(kinds["m"]), frozenset(kinds["n"]), frozenset(kinds["f"]))


#: A Hanja-less noun costs at most this (MeCab cost; most have the default 10963: 입술 9672, 이음쇠)
#: to be a word that frames no name; rarer ones (이영 11002, a dialect form of 이엉) are left out.
NATIVE_NOUN_COST = 11000


def _derive_native_nouns(path: Path) -> frozenset[str]:
    """NK-HanDic's Hanja-less common nouns of two or more syllables starting
    with ㄴ or ㅇ, at most :data:`NATIVE_NOUN_COST` (the default cost of unseen ones and less):
    native words and loanwords (입술, 이음쇠, 누린내, 이슬람) that a title before
    them does not make a surname and a given name (립술); marked with a leading
    tab, the loanwords and foreign names of :func:`foreign_words`."""
    from pipeline.korean.hangul import split_syllable

    from pipeline.korean.reading import sino_syllables

    sino = sino_syllables()
    out = set()
    for surface, hanja, tag, cost in _entries(path):
        if hanja != "*" or not _HANGUL_WORD.fullmatch(surface):
            continue
        if tag == "NNG" and cost <= NATIVE_NOUN_COST and split_syllable(surface[0])[0] in (2, 11):
            out.add(surface)
        elif tag in ("NNG", "NNP") and 3 <= len(surface) <= 8 and any(c not in sino for c in surface[:-1]) \
                and surface[-1] in sino:
            out.add("\t" + surface)  # a loanword or foreign name ending in a syllable characters read (노르웨이)
    return frozenset(out)


#: Version of the cached :func:`hanjaless_nouns` list.
HANJALESS_VERSION = 2

#: Surname syllables with one Yanbian form only (이 李 리, 노 盧 로): a
#: two-syllable person's name NK-HanDic lists without Hanja that starts with one
#: (이준, 이연: class 名) is a Korean name (李儁), not a loanword.
_NAME_SURNAMES = frozenset("이노")


@functools.lru_cache(maxsize=1)
def hanjaless_nouns() -> frozenset[str]:
    """NK-HanDic's Hanja-less common and proper nouns of two to eight syllables
    that are no Sino-Korean spelling of either norm (``table().words``): native
    words and loanwords (비누, 닉네임, 도미노, 이탈리아, 난자완스). A restoration
    never takes a syllable of one as the start of a Sino-Korean word (see
    style._inside_hanjaless). Cached on disk like the other derived lists.
    Not a person's name of two syllables that starts with a surname syllable of
    one Yanbian form (이준, 이연: NK-HanDic's proper nouns of class 名 without
    Hanja are Korean names, 李儁 — the name rules read them as names), unless
    NK-HanDic also lists the spelling as another noun (이달 "this month")."""
    def derive(path: Path) -> list[str]:
        words = table().words
        out = set()
        for f, _cost in _features(path):
            surface, hanja, tag = f[6], f[7], f[10]
            if hanja == "*" and tag in ("NNG", "NNP") and _HANGUL_WORD.fullmatch(surface) \
                    and 2 <= len(surface) <= 8 and surface not in words:
                if tag == "NNP" and f[2] == "名" and len(surface) == 2 and surface[0] in _NAME_SURNAMES:
                    continue
                out.add(surface)
        return sorted(out)

    return frozenset(_cached_lines("hanjaless", HANJALESS_VERSION, derive))


def native_nouns() -> frozenset[str]:
    """See :func:`_derive_native_nouns`."""
    return _written()[2]


def foreign_words() -> frozenset[str]:
    """NK-HanDic's Hanja-less nouns and names of three to eight syllables with
    a syllable no character reads before a last one characters read (노르웨이,
    레바논): a loanword whose end a Sino-Korean word must not be read from
    (노르웨이산 is no 노르웨 + 離散; see style._resume_at)."""
    return _written()[3]


def written_words() -> frozenset[str]:
    """Common Sino-Korean words read as written (see :func:`_derive_written_words`)."""
    return _written()[0]


def mixed_words() -> frozenset[str]:
    """hanja.txt's Hanja–Hangul words read as written (肉개醬 육개장; see :func:`_derive_written_words`)."""
    return _written()[1]
