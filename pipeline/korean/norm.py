"""Which norm is a Korean text written in: the South Korean one or China's (Yanbian)?

The norm stage (:mod:`pipeline.korean.style`) rewrites South-norm text (what MT
writes) into the Yanbian norm. Most of its rules are safe on either input, but a
few readings are only safe to restore when the text is known to be South-norm:
a name whose South syllable has two Yanbian readings (유: 劉/柳 류 or 兪 유) is
written 유 by MT for both, while a real Yanbian text writes 류 for 劉 and 유 only
for 兪 — there, changing 유 is damage. :func:`detect_norm` tells the two apart
on the whole article (or one text), from evidence both norms leave on every page:

**South evidence** (occurrences of the verb forms; distinct words otherwise, so that
a paper's one habit repeated counts once):

- ``-었/-어`` after the stems that the Yanbian norm always follows with
  ``-였/-여`` (되, 뵈, 씌, 띄: 되었다, 되어; the norm writes 되였다, 되여), and the
  copula's past after a noun ending in a consonant (날이었다; the norm: 날이였다),
- a word starting with a Sino-Korean word the dictionary restores on its own
  (:meth:`pipeline.korean.dictionary.Table.restore`: 이용 → 리용, 노동 → 로동,
  역사 → 력사: the initial-sound rule of the South), alone, with a particle or
  heading a compound (노인협회) — not a word of three syllables that is two and
  one more (윤창길, 양소신: names, not 輪唱 or 量小), nor the head of a longer
  dictionary word spelt one way in both norms (연인원: 延人員, not 戀人), and
- a South form of the stage's word lists (``data/wordlists.yaml``: 러시아,
  미터, 숫자, 폐렴),
- 율 after a vowel or ㄴ (비율, 효율, 조율: 率/律, which the norm writes 률 there;
  each word once), and
- the full name of a province, prefecture or county in a South spelling that
  none of its Yanbian readings shares (용정시, 요녕성, 노하구: ``data/divisions.tsv``),
  alone or heading a compound (용정시실험소학교) — South evidence only: the
  Yanbian spellings (룡정시) are left as they are by MT and by converters.

**Yanbian evidence**: the same, mirrored — 되였다/되여, 날이였다, a word
starting with the Yanbian form of such a word (리용, 로동, 력사, 녀성), the
Yanbian form of a listed word (로씨야, 메터, 수자, 페염) — and 률/렬 after a
vowel or ㄴ (비률, 분렬: the South writes 율/열 there); besides (session 6,
d33) the Yanbian spelling of a common word whose South form the dictionary
does not restore alone because it is also another word (료리 料理 / 요리,
량식 糧食 / 양식 樣式, 로력 勞力 / 노력 努力: :func:`_spelt_yanbian`), and
-여/-였 after the verb stems in ㅟ (나뉘여, 거머쥐였다).

Measured in the session of 2026-12-03 (5) (``bench/korean_norm.py``): of the
~925 real articles of the tuned and damage sets (1–7 sentences each) one is
judged ``south`` (a dev12 article printing 되어 and 연마 itself); of the 663
South conversions of the tuned articles 361 are, and most of the rest are
``unknown`` (too short to tell).

Verdict (:data:`SOUTH`, :data:`YANBIAN`, :data:`UNKNOWN`): ``south`` when the
South evidence is at least :data:`MIN_EVIDENCE` and at least :data:`DOMINANCE`
times the Yanbian evidence; ``yanbian`` when the Yanbian evidence is at least
:data:`MIN_EVIDENCE` not counting persons' names (names alone never make
it) and at least as large as the South evidence; else
``unknown``; one Yanbian word or verb form (not a name, a division's name,
률/렬 or a listed word: :attr:`NormEvidence.yanbian_words`) is enough for
``yanbian`` when nothing at all is South (session 6, d33: most short real
articles carry one such piece; a text without any South evidence has no word
the stage restores on its own, and the converted articles of the tuned sets
never qualify: real tuned articles judged ``yanbian`` 504 → 726 of 1,001,
converted ones unchanged, 1 of 691); one piece of South evidence is enough when it is a framed
person's name in a South spelling or a division's full name in a South
spelling (용정시, 요녕성) and nothing is Yanbian. So a Yanbian article with a few of the paper's slips (개막되었다)
stays ``yanbian``, and a converted or translated article with a few forms the
converter left in the Yanbian norm (리사장) stays ``south``. ``south`` lets
the reading priors of ambiguous names apply (see
:func:`~pipeline.korean.textnames.prior_person_edits`); ``yanbian`` without a
Chinese source makes the stage strict, correcting only unmistakable slips
(``pipeline.korean.style._strict``); ``unknown`` keeps the default behaviour.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

SOUTH = "south"
YANBIAN = "yanbian"
UNKNOWN = "unknown"
VERDICTS = (SOUTH, YANBIAN, UNKNOWN)

#: Fewest occurrences of one norm's evidence for a verdict.
MIN_EVIDENCE = 2
#: How many times the South evidence must outnumber the Yanbian evidence.
DOMINANCE = 3

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
#: -었/-어 (South) and -였/-여 (Yanbian) after the stems the Yanbian norm always
#: follows with -였/-여 (style._YEO_STRONG): 되었다 / 되였다, 되어 / 되여.
_SOUTH_YEO = re.compile(r"[되뵈씌띄](?:었|어)")
_YANBIAN_YEO = re.compile(r"[되뵈씌띄](?:였|여)")
#: The same after the verb stems in ㅟ no noun ends in (나뉘여, 쥐였다, 뛰였고):
#: 위였다 (1위였다) and 뒤였다 are the copula after a noun in both norms, and so
#: is 여 before anything but a pause or an auxiliary (뛰여난 is left as printed
#: by converters too).
_YANBIAN_WI_YEO = re.compile(r"[쥐뛰뉘튀쉬뀌](?:였|여(?![\uac00-\ud7a3])|여(?=[서야도있나버주놓두지진졌라오]))")
#: The copula's past after a noun ending in a consonant: 날이었다 (South) /
#: 날이였다 (Yanbian); 잇다's 이었다 stands alone or after a vowel (뒤이었다).
_SOUTH_COPULA = re.compile(r"([\uac00-\ud7a3])이었")
_YANBIAN_COPULA = re.compile(r"([\uac00-\ud7a3])이였")
#: 률/렬 after a vowel or ㄴ: the South writes 율/열 there (비률, 환률, 분렬 / 비율, 환율, 분열).
_YANBIAN_RYUL = re.compile(r"[\uac00-\ud7a3](?=[률렬])")
#: 율 after a vowel or ㄴ (비율, 효율, 조율, 선율: 率/律, which the Yanbian norm writes
#: 률 there): the South's mirror of 률, each word counted once. Not 열, which is also
#: 熱 and a native word (가열, 열다) in both norms.
_SOUTH_YUL = re.compile(r"([\uac00-\ud7a3])율")


def _open_or_n(syl: str) -> bool:
    """The syllable ends in a vowel or ㄴ."""
    final = (ord(syl) - 0xAC00) % 28
    return final in (0, 4)


def _closed(syl: str) -> bool:
    """The syllable ends in a consonant."""
    return (ord(syl) - 0xAC00) % 28 != 0


@functools.lru_cache(maxsize=1)
def _list_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes for the South and the Yanbian forms of the word lists of
    ``data/wordlists.yaml`` (러시아 / 로씨야, 미터 / 메터, 폐렴 / 페염, 숫자 / 수자),
    longest first, matched where the list matches them."""
    import yaml

    data = yaml.safe_load((Path(__file__).parent / "data" / "wordlists.yaml").read_text(encoding="utf-8"))
    south, yanbian = [], []
    for spec in data.values():
        lead = "" if spec.get("anywhere") else r"(?<![\uac00-\ud7a3])"
        for a, b in spec.get("words", []):
            south.append((len(a), lead + re.escape(a)))
            yanbian.append((len(b), lead + re.escape(b)))
    def rx(items: list[tuple[int, str]]) -> re.Pattern[str]:
        return re.compile("|".join(p for _n, p in sorted(items, reverse=True)))
    return rx(south), rx(yanbian)


@dataclass(frozen=True)
class NormEvidence:
    """The evidence counted in a text and the verdict drawn from it."""

    south: int
    yanbian: int
    #: how much of the South evidence is persons' names (see :func:`_name_evidence`)
    names: int = 0
    #: how much of the Yanbian evidence is persons' names: a name the text spells
    #: 리 holds off a South verdict, but a Yanbian verdict (which makes the stage
    #: strict: ``style._strict``) needs words, not names — a name may be the
    #: only thing in MT output an editor or an earlier pass already wrote the
    #: Yanbian way (시인 김인선, 이순옥, 배우 리순자)
    yanbian_names: int = 0
    #: how much of the South evidence is divisions' full names in a South spelling
    #: no Yanbian reading shares (용정시, 요녕성: see :func:`_place_evidence`)
    places: int = 0
    #: how much of the Yanbian evidence is words and verb forms (리용, 료리, 되였다,
    #: 날이였다): not 률/렬 (고효률 is left so by a converter that misses a compound)
    #: nor a listed word that is also a South word (회수 回收, 기발 奇拔)
    yanbian_words: int = 0

    @property
    def verdict(self) -> str:
        if self.south >= MIN_EVIDENCE and self.south >= DOMINANCE * self.yanbian:
            return SOUTH
        # one piece of evidence is enough when it is a person's name written the South way
        # and nothing in the text is Yanbian: a text that writes 李 이 writes 劉 유
        if self.names and not self.yanbian:
            return SOUTH
        # and so is a division's full name in a South spelling (용정시, 요녕성): on the tuned
        # sets' real articles (damage sets included) there is none at all, while 14 of their
        # South conversions have one and nothing Yanbian
        if self.places and not self.yanbian:
            return SOUTH
        if self.yanbian - self.yanbian_names >= MIN_EVIDENCE and self.yanbian >= self.south:
            return YANBIAN
        # one word or verb form is enough when nothing at all is South: a text with
        # no South evidence has no word the stage would restore on its own, so
        # strictness costs it little but the guesses that damage real text
        if not self.south and self.yanbian_words >= 1:
            return YANBIAN
        return UNKNOWN


@functools.lru_cache(maxsize=1)
def _word_forms() -> tuple[dict[str, str], frozenset[str]]:
    """South form → Yanbian form of the words the dictionary restores on its own
    where the two differ in the first syllable's initial (이용 → 리용), and the
    set of those Yanbian forms."""
    from pipeline.korean import dictionary
    from pipeline.korean.hangul import dueum

    south: dict[str, str] = {}
    for s, r in dictionary.table().restorable.items():
        if len(s) >= 2 and r.yanbian != s and len(r.yanbian) == len(s) and dueum(r.yanbian[0]) == s[0] \
                and r.yanbian[0] != s[0]:
            south[s] = r.yanbian
    return south, frozenset(south.values())


def _longer_word(word: str) -> int:
    """The length of the longest dictionary word of three or four syllables that
    ``word`` starts with and that the dictionary does not restore, else 0. When
    that word has no spelling with the head's Yanbian form either (연인원 延人員,
    one spelling in both norms; not 연결로 / 련결로), the shorter restorable
    head inside it (연인 → 련인) is no evidence (:func:`_word_evidence`)."""
    from pipeline.korean import dictionary

    tab = dictionary.table()
    for k in range(min(len(word), 4), 2, -1):
        if word[:k] in tab.words and tab.restore(word[:k]) is None:
            return k
    return 0


def _dictionary_words() -> frozenset[str]:
    from pipeline.korean import dictionary

    return dictionary.table().words


@functools.lru_cache(maxsize=1)
def _spelt_yanbian() -> frozenset[str]:
    """Yanbian spellings no South text writes, of Sino-Korean words whose South
    form the dictionary does not restore on its own (:func:`_word_forms` has
    only those it does): 료리 (料理; 요리 is also a native word), 령도 (領導;
    영도 零度), 량식 (糧食; 양식 樣式), 로력 (勞力; 노력 努力), 리해 (理解; 이해
    利害), 례의 (禮儀). The South form is no evidence (it may be the other
    word), but the Yanbian form is: the initial-sound rule of the South never
    leaves 료/령/량/로/리/례 at a word's start. Common words only (NK-HanDic's
    cost below :data:`~pipeline.korean.dictionary.RARE`), none of them a South
    spelling of another Sino-Korean word (리조 李朝 is 이조, but 리사 is no South
    word), a native word, a loanword or a foreign name."""
    from pipeline.korean import dictionary
    from pipeline.korean.hangul import dueum

    tab = dictionary.table()
    _south, restorable = _word_forms()
    foreign = dictionary.foreign_words()
    out = set()
    for s, readings in tab.sino.items():
        if len(s) < 2:
            continue
        for r in readings:
            y = r.yanbian
            if len(y) != len(s) or y[0] == s[0] or dueum(y[0]) != s[0] or y in restorable or r.cost >= dictionary.RARE:
                continue
            if y in tab.sino or y in tab.native or y in tab.loan or y in foreign:
                continue
            out.add(y)
    return frozenset(out)


#: Suffixes of divisions and settlements: a word before one is a place's name (량수촌, 량수향).
_SETTLEMENTS = frozenset("촌향진현시구툰리")


def _bound_word(head: str, rest: str) -> bool:
    """``head`` + ``rest`` is the word ``head`` with a particle or an ending
    (료리를, 리해할, 년로한), alone, or heading a compound of known Sino-Korean
    words (량식생산, 림산공업): not a person (리해숙씨가, 리수림이고: a syllable
    no word starts) nor a settlement (량수촌, 량수향: 凉水, a village's name)."""
    from pipeline.korean import dictionary
    from pipeline.korean.hangul import _PARTICLE_HEADS

    if rest[:1] in _SETTLEMENTS or rest.startswith("조선족"):
        return False
    if not rest or rest.startswith(tuple(_PARTICLE_HEADS)):
        return True
    tab = dictionary.table()
    return any(rest[:k] in tab.words and rest[:k] not in tab.native for k in range(min(4, len(rest)), 1, -1))


def _word_evidence(word: str) -> tuple[str, str] | None:
    """(norm, word) for a Hangul word that starts with a restorable word (South)
    or its Yanbian form, alone, with a particle or heading a compound (노인협회),
    or with a Yanbian spelling of :func:`_spelt_yanbian` (료리를, 량식생산: Yanbian,
    see :func:`_bound_word`), else None; never a two-syllable word and one
    syllable more (윤창길: a name)."""
    from pipeline.korean.hangul import _PARTICLE_HEADS

    south, yanbian = _word_forms()
    longer = _longer_word(word)
    for k in range(min(len(word), 4), 1, -1):
        head, rest = word[:k], word[k:]
        if len(rest) == 1 and not rest.startswith(tuple(_PARTICLE_HEADS)):
            continue  # a name of three syllables (윤창길, 양소신: not 輪唱, 量小)
        if longer > k and head in south and south[head] + word[k:longer] not in _dictionary_words():
            break  # 연인원 (延人員, one spelling in both norms) does not start with 연인 (戀人)
        if head in south:
            return SOUTH, head
        if head in yanbian:
            return YANBIAN, head
        if head in _spelt_yanbian() and _bound_word(head, rest):
            return YANBIAN, head
    return None


@functools.lru_cache(maxsize=1)
def _place_forms() -> frozenset[str]:
    """The South spellings of China's provinces, prefectures and counties with
    their suffix that no Yanbian reading writes so (용정시, 요녕성: 龙井 룡정시,
    辽宁 료녕성), from the place table (``data/divisions.tsv``)."""
    from pipeline.korean.divisions import south_index

    return frozenset(form for form, place in south_index().items()
                     if place.major and place.full and len(form) >= 3 and form not in place.readings)


def _place_evidence(word: str) -> tuple[str, str] | None:
    """(``south``, name) for a word that starts with the full name of a province,
    prefecture or county in a South spelling no Yanbian reading shares
    (용정시실험소학교, 요녕성에서), else None. The Yanbian spellings are no
    evidence: MT output and converters leave some of them as they are."""
    south = _place_forms()
    for k in range(min(len(word), 6), 2, -1):
        if word[:k] in south:
            return SOUTH, word[:k]
    return None


def norm_evidence(text: str) -> NormEvidence:
    """Count the South and Yanbian evidence in ``text`` (see the module doc)."""
    s = len(_SOUTH_YEO.findall(text))
    y = len(_YANBIAN_YEO.findall(text)) + len(_YANBIAN_WI_YEO.findall(text))
    y += sum(1 for m in _YANBIAN_COPULA.finditer(text) if _closed(m.group(1)))
    forms = y
    y += sum(1 for m in _YANBIAN_RYUL.finditer(text) if _open_or_n(m.group()))
    s += sum(1 for m in _SOUTH_COPULA.finditer(text) if _closed(m.group(1)))
    s += len({m.group() for m in _SOUTH_YUL.finditer(text) if _open_or_n(m.group(1))})
    # a listed or restorable word counts once however often it recurs (a paper
    # that spells 러시아 its own way throughout has made one slip, not five)
    south_rx, yanbian_rx = _list_patterns()
    s += len(set(south_rx.findall(text)))
    y += len(set(yanbian_rx.findall(text)))
    south_words: set[str] = set()
    yanbian_words: set[str] = set()
    places: set[str] = set()
    for m in _HANGUL_RUN.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue
        place = _place_evidence(m.group())
        if place is not None:
            places.add(place[1])
        head = _word_evidence(m.group()) or place
        if head is not None:
            (south_words if head[0] == SOUTH else yanbian_words).add(head[1])
    ns, ny = _name_evidence(text)
    # a division's name spelt the Yanbian way (룡정시, 룡정에서) is no word of the
    # norm: MT and converters leave some as they are
    words = {w for w in yanbian_words if not _division_name(w)}
    return NormEvidence(s + len(south_words) + ns, y + len(yanbian_words) + ny, ns, ny, len(places),
                        forms + len(words))


def _division_name(yanbian: str) -> bool:
    """``yanbian`` (룡정) is the name of a province, prefecture or county (龙井市)
    in its South spelling (용정) with a suffix: a place, whichever its norm."""
    from pipeline.korean.hangul import dueum

    south = dueum(yanbian[0]) + yanbian[1:]
    index = _division_index()
    return any(south + suffix in index for suffix in ("시", "현", "성", "구", "주", "기", "진", "향"))


@functools.lru_cache(maxsize=1)
def _division_index() -> frozenset[str]:
    from pipeline.korean.divisions import south_index

    return frozenset(form for form, place in south_index().items() if place.major and place.full)


class _Ctx:
    """The source context of a text without a source (for the name frames)."""

    trad = ""
    zh_readings: list[frozenset[str]] = []

    def __init__(self, text: str) -> None:
        self.zh: str | None = None
        self.first_text: str | None = text

    def positions(self, syllable: str) -> list[int]:
        return []


def _name_evidence(text: str) -> tuple[int, int]:
    """(South, Yanbian) evidence from persons' names the text frames as names
    (a title, a list of names, an age: :func:`pipeline.korean.textnames.person_edits`):
    each distinct name written with a surname's South syllable that has one
    Yanbian form (이강 교수: 李 리, which a Yanbian paper writes 리 for China's
    citizens) counts for the South, each written with that Yanbian syllable
    (리강 교수) for Yanbian. A Korean national's name a Yanbian paper prints the
    South way (한국적 선수 이재민) may count for the South once: the verdict needs
    two and three times the Yanbian evidence, which a Yanbian paper's other
    words give. Only where the norm stage has handed over its words (a text the
    stage post-edits)."""
    from pipeline.korean import textnames

    if not textnames._WORDS or not any(c in text for c in "이노리로"):
        return 0, 0
    forms = {s: yb for s, (yb, _chars) in textnames.surname_forms().items() if s in ("이", "노")}
    back = {yb: s for s, yb in forms.items()}
    # the Yanbian names read in the South spelling (same length): the frames then see one spelling
    south_text = "".join(back.get(c, c) if (i == 0 or not text[i - 1].isalnum()) else c for i, c in enumerate(text))
    south: set[str] = set()
    yanbian: set[str] = set()
    for e in textnames.person_edits(south_text, _Ctx(south_text), {s: (yb, "") for s, yb in forms.items()}):
        m = _HANGUL_RUN.match(text, e[0])
        if m:
            (yanbian if text[e[0]] in back else south).add(m.group()[:3])
    return len(south), len(yanbian)


def detect_norm(text: str) -> str:
    """``south``, ``yanbian`` or ``unknown``: the norm ``text`` is written in."""
    return norm_evidence(text).verdict
