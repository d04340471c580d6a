"""Post-edit South Korean MT output toward the Korean norm of China's Yanbian press.

MT models are trained on South Korean text; the readers of 연변일보 read
《조선말규범집》 Korean. This stage makes the mechanical part of that difference:
spelling without the initial-sound rule (노동 → 로동), -여 forms (되었다 →
되였다), word lists (폐렴 → 페염, 러시아 → 로씨야, 깃발 → 기발), 2016 spacing
(김수호주장 → 김수호 주장, 회의 중 → 회의중), curly quotes, 만/억 number groups
and unpadded dates.

Policy: a false change is worse than a missed one. The initial-sound rule is
reversed only on evidence: the aligned Chinese source, per character (劳 in
the source and 노동 in the output), the curated ``data/lexicon.tsv``, or the
NK-HanDic dictionary (:mod:`pipeline.korean.dictionary`) when one Sino-Korean
reading clearly dominates and no native word shares the spelling; inside solid
compounds each known morpheme is judged alone (련합지휘부). Homographs
(양식 糧食/養殖) are decided by a neighbour listed in ``data/collocations.tsv``
(양식생산, 직책을 이행) when there is no source. Never for the
native or ㅇ/ㄴ-initial Sino-Korean words in ``data/native_words.txt``, nor
for the forms in ``data/source_only.txt`` without a source. Text inside any ``protected`` string (approved
glossary renderings) is never touched. Every edit is recorded as a
:class:`~pipeline.model.StyleChange`, so an editor can review and undo it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from pipeline.korean.hangul import (  # Hangul helpers, also used as style.X
    _PARTICLE_HEADS,
    _final,
    _HANGUL_RUN,
    _I,
    _INITIALS,
    _N_DROP_VOWELS,
    _open_or_n,
    _V,
    _vowel,
    _VOWELS,
    _YI_VOWELS,
    dueum,
    is_syllable,
    join_syllable,
    south_form,
    split_syllable,
    undueum,
)
from pipeline.korean import textnames as _textnames  # names without a source (rules below)
from pipeline.korean import divisions as _divisions  # the place table (compounds headed by a place)
from pipeline.korean.rules import RULES_VERSION  # in a module of its own: read without compiling the rules
from pipeline.korean.rules import rules_version as _rules_version
from pipeline.model import Segment, StyleChange

DATA = Path(__file__).parent / "data"
STYLES = ("yanbian", "south")

# ---------------------------------------------------------------- data


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, str]]:
    """South Korean form → (Yanbian form, Hanja), from ``data/lexicon.tsv``."""
    out = {}
    for ln in _lines("lexicon.tsv"):
        yb, hanja = ln.split("\t")[:2]
        out[south_form(yb)] = (yb, hanja)
    return out


@functools.lru_cache(maxsize=1)
def native_words() -> tuple[str, ...]:
    """Words the initial-sound reversal never touches, longest first."""
    return tuple(sorted(_lines("native_words.txt"), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def source_only() -> frozenset[str]:
    """Forms the dictionary may not restore without a source (``data/source_only.txt``)."""
    return frozenset(_lines("source_only.txt"))


@functools.lru_cache(maxsize=1)
def collocations() -> dict[str, tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...]]:
    """South form → (Yanbian form, Hanja, where, words, unless) rows of
    ``data/collocations.tsv``: homographs their neighbours decide (양식생산)."""
    out: dict[str, list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]] = {}
    for ln in _lines("collocations.tsv"):
        south, yb, hanja, where, words, unless = ln.split("\t")
        if where not in ("next", "prev", "before", "tail", "coord", "count") or len(south) != len(yb):
            raise ValueError(f"collocations.tsv: bad row {ln!r}")
        out.setdefault(south, []).append(
            (yb, hanja, where, tuple(words.split()), tuple(u for u in unless.split() if u != "-")))
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def wordlists() -> dict:
    import yaml

    return yaml.safe_load((DATA / "wordlists.yaml").read_text(encoding="utf-8"))




def _continues(rest: str) -> bool:
    """True when ``rest`` (what follows a stem in the same word) is a particle or ending."""
    return rest == "" or any(rest.startswith(p) for p in _PARTICLE_HEADS)


# ---------------------------------------------------------------- edits


@dataclass
class Edit:
    """Replace ``text[start:end]`` by ``repl``; ``left``/``right`` widen what the
    change record shows (a bare inserted space says little to an editor)."""

    start: int
    end: int
    repl: str
    left: int = 0
    right: int = 0


@dataclass
class Context:
    zh: str | None
    _names: list[str] | None = None
    #: The text as given to the stage (rules see it rewritten on later passes).
    first_text: str | None = None
    #: The norm the text (or its article) is written in (:mod:`pipeline.korean.norm`):
    #: only "south" lets the reading priors of ambiguous names apply.
    norm: str = "unknown"

    def person_names(self, text: str) -> list[str]:
        """Korean readings of person names in the Chinese source, longest first.

        jieba is only consulted when ``text`` has a title or 씨 to space."""
        if self._names is None and not any(t in text for t in (*TITLES, " 씨")):
            return []
        if self._names is None:
            self._names = []
            if self.zh:
                from pipeline.korean.names import detect_names

                found = {n.ko for n in detect_names(self.zh) if n.kind == "person" and n.ko}
                self._names = sorted(found, key=len, reverse=True)
        return self._names

    @functools.cached_property
    def _index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for j, rs in enumerate(self.zh_readings):
            for r in rs:
                index.setdefault(r, []).append(j)
        return index

    def positions(self, syllable: str) -> list[int]:
        """Positions of the source characters that may read ``syllable`` (an
        index, so a whole article as context costs no more per word than a line)."""
        return self._index.get(syllable, [])

    @functools.cached_property
    def trad(self) -> str:
        from pipeline.korean.reading import traditional

        return traditional(self.zh) if self.zh else ""

    @functools.cached_property
    def zh_readings(self) -> list[frozenset[str]]:
        from pipeline.korean.reading import char_readings, is_han

        return [char_readings(c) if is_han(c) else frozenset() for c in (self.zh or "")]


def _unprotected(text: str, protected: Iterable[str]) -> str:
    """``text`` with its protected strings (an approved glossary term, a name the
    editor fixed) blanked out: the norm is judged from what the stage may edit,
    not from a term whose spelling was decided elsewhere (a glossary's 로동당
    makes no MT sentence Yanbian-norm text, see :func:`_strict`)."""
    for a, b in sorted(_protected_spans(text, protected), reverse=True):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _strict(ctx: Context) -> bool:
    """The text (its article) is judged written in the Yanbian norm already
    (:func:`pipeline.korean.norm.detect_norm`: 되였다, 로동, 리용 …) and no
    Chinese source is given. There an ㅇ/ㄴ-initial form is the paper's own
    spelling far more often than a slip: a person (이재민선수, a player of the
    Republic of Korea; the papers write 리 for 李), a homograph the paper means
    as written (연금 捐金/軟禁 beside 年金, 연마 硏磨 beside 練磨), a word the
    North's text never had (난리 亂離: 란리 only in hanja.txt), a place
    (연서가두 延西街道). So only unmistakable slips are corrected
    (:func:`_certain`), no surname of a person is changed (rule person-name)
    and the article's word memory is not used."""
    return ctx.norm == "yanbian" and not ctx.zh


#: Divisions and settlements whose name a word piece may be (연서+가두 延西街道,
#: 련화+촌): in Yanbian-norm text the place keeps the paper's spelling unless
#: the place-name rule knows it (see :func:`_certain`).
_DIVISION_WORDS = ("가두", "가도", "진", "향", "촌", "툰", "현", "시", "구")


def _certain(word: str, start: int, end: int, yanbian: str) -> bool:
    """Restoring the piece ``word[start:end]`` to ``yanbian`` corrects a slip
    no Yanbian-norm text would make on purpose (see :func:`_strict`): the
    piece has no reading as written at all (NK-HanDic's entries, hanja.txt's
    common words: :func:`pipeline.korean.dictionary.written_words`; no native
    word either), and its Yanbian reading is either a curated lexicon row or
    the dictionary's own choice on NK-HanDic's costs (not Chinese frequency
    alone), a word NK-HanDic's training text had (cost below
    :data:`~pipeline.korean.dictionary.RARE`: 罹災民 리재민 and 亂離 란리 are
    not); and the piece does not head a word ending in a division (연서가두:
    a place the gazetteer may not know)."""
    from pipeline.korean import dictionary

    morph = word[start:end]
    tab = dictionary.table()
    if morph in tab.native or morph in _native_set() or morph in dictionary.written_words() \
            or any(r.yanbian == morph for r in tab.sino.get(morph, ())):
        return False
    if start == 0 and any(word[end:].startswith(d) and _tail_ok(word[end + len(d):]) for d in _DIVISION_WORDS):
        return False
    if lexicon().get(morph, ("",))[0] == yanbian:
        return True
    hit = tab.restore(morph)
    return hit is not None and hit.yanbian == yanbian and hit.cost < dictionary.RARE and morph not in tab.by_chinese


def _protected_spans(text: str, protected: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for p in protected:
        if not p:
            continue
        start = text.find(p)
        while start != -1:
            spans.append((start, start + len(p)))
            start = text.find(p, start + 1)
    return spans


def _conflicts(e: Edit, spans: list[tuple[int, int]]) -> bool:
    for ps, pe in spans:
        if e.start == e.end:
            if ps < e.start < pe:
                return True
        elif e.start < pe and e.end > ps:
            return True
    return False


def _apply(text: str, edits: list[Edit], protected: Iterable[str], rule: str,
           changes: list[StyleChange], applied: list[Edit] | None = None) -> str:
    """Apply non-overlapping edits left to right, skipping protected text
    (the edits made are appended to ``applied`` when given)."""
    spans = _protected_spans(text, protected)
    out, last, delta = [], 0, 0
    seen: set[tuple[int, int]] = set()
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if (e.start, e.end) in seen or e.start < last or _conflicts(e, spans) or text[e.start : e.end] == e.repl:
            continue
        seen.add((e.start, e.end))
        if applied is not None:
            applied.append(e)
        # the left context stops where the previous edit ended, so that the
        # records replay in order (two edits of one word: 양식양식량)
        lo, hi = max(0, last, e.start - e.left), min(len(text), e.end + e.right)
        before = text[lo:hi]
        after = text[lo : e.start] + e.repl + text[e.end : hi]
        changes.append(StyleChange(rule, before, after, lo + delta))
        out.append(text[last : e.start])
        out.append(e.repl)
        delta += len(e.repl) - (e.end - e.start)
        last = e.end
    out.append(text[last:])
    return "".join(out)


# ---------------------------------------------------------------- rules

_OPENERS = set(" \t\n([{《〈<“‘—-·,、:;…")


def rule_quotes(text: str, ctx: Context) -> list[Edit]:
    """Straight quotes become “ ” and ‘ ’ (opening after a space or bracket)."""
    edits = []
    for m in re.finditer(r"[\"']", text):
        k = m.start()
        prev = text[k - 1] if k else " "
        nxt = text[k + 1] if k + 1 < len(text) else " "
        if m.group() == "'" and prev.isascii() and prev.isalpha() and nxt.isascii() and nxt.isalpha():
            continue  # an apostrophe in Latin text: don't
        opening = prev in _OPENERS
        pair = "“”" if m.group() == '"' else "‘’"
        edits.append(Edit(k, k + 1, pair[0] if opening else pair[1]))
    return edits


def rule_dates(text: str, ctx: Context) -> list[Edit]:
    """2021년 01월 01일 → 2021년 1월 1일."""
    return [Edit(m.start(), m.end(), m.group(1), right=1)
            for m in re.finditer(r"(?<![\d.,])0([1-9])(?=\s*(?:월|일))", text)]


_NUM = re.compile(r"(?<![\d.,:/\-])([1-9]\d{0,2}(?:,\d{3})+|[1-9]\d{4,})(?![\d.,:/])(?=\s?(?:여\s?)?[\uac00-\ud7a3])")
_NOT_UNITS = ("년", "호", "번")


def group_number(n: int) -> str:
    """23290 → '2만 3290', 11740000000 → '117억 4000만' (China's Korean norm)."""
    parts = []
    for unit, size in (("조", 10**12), ("억", 10**8), ("만", 10**4)):
        q, n = divmod(n, size)
        if q:
            parts.append(f"{q}{unit}")
    if n:
        parts.append(str(n))
    return " ".join(parts)


def rule_numbers(text: str, ctx: Context) -> list[Edit]:
    """Numbers of 5+ digits before a Korean unit are grouped by 만/억: 2만 3290건."""
    edits = []
    for m in _NUM.finditer(text):
        after = text[m.end() :].lstrip()
        if after.startswith(_NOT_UNITS):
            continue
        digits = m.group(1).replace(",", "")
        if m.group(1).count(",") and not re.fullmatch(r"[1-9]\d{0,2}(,\d{3})+", m.group(1)):
            continue
        edits.append(Edit(m.start(), m.end(), group_number(int(digits)), right=1))
    return edits


def _list_rule(section: str) -> Callable[[str, Context], list[Edit]]:
    def rule(text: str, ctx: Context) -> list[Edit]:
        spec = wordlists()[section]
        pairs = sorted(spec.get("words", []), key=lambda p: len(p[0]), reverse=True)
        if spec.get("chosen") and _strict(ctx):
            # a South spelling the papers print by choice (러시아, 에너지, 라디오:
            # the list's ``chosen``) stays in Yanbian-norm text, unless the text
            # spells the same word the norm's way too (로씨야와 러시아: the paper's
            # own spelling is known there, so the other one is a slip)
            chosen = set(spec["chosen"])
            pairs = [(a, b) for a, b in pairs if a not in chosen or b in text]
        edits: list[Edit] = []
        if pairs:
            lead = "" if spec.get("anywhere") else r"(?<![\uac00-\ud7a3])"
            rx = re.compile(lead + "(" + "|".join(re.escape(a) for a, _ in pairs) + ")")
            table = dict(pairs)
            edits += [Edit(m.start(), m.end(), table[m.group()]) for m in rx.finditer(text)]
        for item in spec.get("by_source", []):
            zh = ctx.zh or ""
            if any(c in zh for c in item["zh_has"]) and not any(c in zh for c in item["zh_lacks"]):
                rx = re.compile(r"(?<![\uac00-\ud7a3])" + re.escape(item["from"]))
                edits += [Edit(m.start(), m.end(), item["to"]) for m in rx.finditer(text)]
        return edits

    rule.__doc__ = f"Word list '{section}' from data/wordlists.yaml."
    return rule


_YEO_VOWELS = set("ㅣㅐㅚㅟㅢ")
#: Stems taking 여 for the connective 어 (되어 → 되여); others too easily clash
#: with loanwords (미디어, 타이어) or ㅅ-irregular verbs (이어, 지어).
_YEO_STRONG = set("되뵈씌띄")
_YEO_WEAK = set("쉬뛰쥐희개내깨매채뀌귀튀피비배")
_YEO_FOLLOW = set("서야도있나버주놓두지진졌라오")
_YEO_NEXT_WORD = ("있", "가", "오", "주", "보", "나", "버", "놓", "두", "내")


#: Syllables before which 이 is ㅅ-irregular 잇다, not the copula (연이어서, 련이어서, 줄이어서).
_IEO_VERB_BEFORE = set("연련줄뒤잇")


def _copula_yeo(text: str, k: int, nxt: str) -> bool:
    """``text[k]`` is the 어 of the copula after a noun ending in a consonant
    (추진 중이어서, 학생이어서, 때문이어야): the norm writes 이여 as it writes 이였다.
    Only before 서/야/도 ending the word (이어폰 is a loanword); never after
    the syllables of 연이어, 줄이어 (잇다), and never for 이어 starting a word."""
    before = text[k - 2] if k >= 2 else ""
    if not is_syllable(before) or _final(before) == 0 or before in _IEO_VERB_BEFORE:
        return False
    if nxt not in ("서", "야", "도"):
        return False
    after = text[k + 2 : k + 3]
    return not is_syllable(after)


def rule_yeo(text: str, ctx: Context) -> list[Edit]:
    """-었/-어 become -였/-여 after stems in ㅣ ㅐ ㅚ ㅟ ㅢ (되었다 → 되였다)."""
    edits = []
    for k in range(1, len(text)):
        ch, stem = text[k], text[k - 1]
        if ch not in ("었", "어") or not is_syllable(stem) or _final(stem) != 0:
            continue
        if _vowel(stem) not in _YEO_VOWELS:
            continue
        word_start = k - 1 == 0 or not is_syllable(text[k - 2])
        if ch == "었":
            if stem == "지" or (stem == "이" and word_start):
                continue  # 짓다/잇다 (ㅅ-irregular): 지었다, 이었다 stay
            edits.append(Edit(k, k + 1, "였", left=1))
            continue
        nxt = text[k + 1] if k + 1 < len(text) else ""
        if _yeo_compound_verb(text, k):
            edits.append(Edit(k, k + 1, "여", left=1, right=1))  # 태어나 → 태여나, 뛰어난 → 뛰여난
            continue
        if stem in _YEO_STRONG:
            edits.append(Edit(k, k + 1, "여", left=1))
        elif stem == "이" and not word_start and _copula_yeo(text, k, nxt):
            edits.append(Edit(k, k + 1, "여", left=1))
        elif stem in _YEO_WEAK or (_vowel(stem) == "ㅟ" and stem != "위" and not word_start):
            if nxt in _YEO_FOLLOW or not is_syllable(nxt) or (not is_syllable(nxt) and text[k + 1 :].lstrip(" ").startswith(_YEO_NEXT_WORD)
                                      and text[k + 1 : k + 2] == " "):
                edits.append(Edit(k, k + 1, "여", left=1))
        elif (nxt in _YEO_FOLLOW or not is_syllable(nxt)) and _yeo_stem_form(text, k):
            edits.append(Edit(k, k + 1, "여", left=1))  # 나뉘어 → 나뉘여, 잇대어 → 잇대여 (NK-HanDic)
    return edits


def _yeo_compound_verb(text: str, k: int) -> bool:
    """``text[k]`` (어) is the -어- inside a compound verb stem NK-HanDic writes
    with -여- (태여나다, 뛰여나다, 깨여나다, 휘여잡다: see
    ``dictionary.yeo_stems``), the stem starting a word; its last syllable may
    carry the ending's final (태어났다, 뛰어난)."""
    from pipeline.korean import dictionary

    for stem in dictionary.yeo_stems():
        pos = stem.find("어")
        start = k - pos
        if pos < 1 or start < 0 or (start > 0 and is_syllable(text[start - 1])):
            continue
        seg = text[start : start + len(stem)]
        if len(seg) != len(stem) or seg[:-1] != stem[:-1] or not is_syllable(seg[-1]):
            continue
        if split_syllable(seg[-1])[:2] == split_syllable(stem[-1])[:2] and (len(stem) - 1 > pos or seg[-1] == stem[-1]):
            return True
    return False


def _yeo_stem_form(text: str, k: int) -> bool:
    """The word up to the 어 at ``k`` is a verb stem of two or more syllables
    whose connective NK-HanDic spells -여 (나뉘여, 잇대여: see
    ``dictionary.yeo_forms``), the word starting there (not a noun + 어)."""
    from pipeline.korean import dictionary

    start = k
    while start and is_syllable(text[start - 1]):
        start -= 1
    if k - start < 2:
        return False  # one-syllable stems: the lists above (이어, 지어 are 잇다, 짓다)
    return text[start:k] + "여" in dictionary.yeo_forms()


def _native_at(text: str, start: int) -> bool:
    """A protected native (or ㅇ/ㄴ Sino-Korean) word starts at ``start``, and
    what follows it in the run is a particle or ending — not a known word of a
    solid compound the protected word starts (농업+이념에만: 이념 is no particle
    이 and ending, so 이념 is still restored; the protected piece never is)."""
    for w in native_words():
        if text.startswith(w, start):
            m = _HANGUL_RUN.match(text, start + len(w))
            rest = m.group() if m else ""
            if _tail_ok(rest) and not _compound_after(text[start : start + len(w)] + rest, len(w)):
                return True
    return False


def _compound_after(word: str, n: int) -> bool:
    """``word`` splits at ``n`` (after a protected word) and goes on with a
    known word that has a Yanbian reading to restore, not a particle: 농업|이념|에만."""
    from pipeline.korean import dictionary

    pieces = _pieces(word)
    nxt = next((p for p in pieces if p[0] == n), None)
    if nxt is None or nxt[2] != "word" or nxt[1] - nxt[0] < 2:
        return False
    morph = word[nxt[0] : nxt[1]]
    if morph in _native_set() or _particle_reading(word[n:]):
        return False
    return morph in lexicon() or dictionary.table().restore(morph) is not None


def _name_shape(word: str) -> bool:
    """``word`` splits as a two-syllable word and one syllable nothing explains
    (and a particle): 양정|우, 양정|우|는 — the shape of a three-syllable name
    the initial-sound rule would misread (糧政 + 우); not 역사|학, 여행|사."""
    kinds = [(e - s, kind) for s, e, kind in _pieces(word) if kind != "tail"]
    return kinds == [(2, "word"), (1, "unknown")]


def _bare_name(word: str) -> bool:
    """``word`` has the shape of a three-syllable name (see :func:`_name_shape`)
    whose surname syllable is ambiguous without a source (양, 임, 유 …: 楊, 任,
    兪 in Yanbian text) and whose first two syllables are no curated lexicon
    word: the dictionary word they spell leaves the third syllable unexplained
    (양정|우가: 糧政, 임동|빈이: 林洞), so the run is more likely a name."""
    return (word[0] in _textnames.ambiguous_surnames() and word[0] not in _RARE_AS_WRITTEN
            and word[:2] not in lexicon() and (_name_shape(word) or _name_shape_suffix(word) or _name_shape_tail(word))
            and _seldom(word[:2]))


def _name_shape_tail(word: str) -> bool:
    """``word`` is three syllables and a particle (양정옥이, 양원호의: the
    dictionary pieces 옥이 or 호의 as one stretch), the three no known word, the
    third syllable and the particle no ending of the two-syllable word
    (양정|에 is 糧政 and a particle): a name's shape too (see :func:`_bare_name`)."""
    from pipeline.korean import dictionary

    core, rest = word[:3], word[3:]
    return (len(word) > 3 and rest in _textnames._NAME_TAILS and not _continues(word[2:])
            and word[2] not in _PLACE_SUFFIXES and core not in dictionary.table().words
            and core not in lexicon() and not _textnames.ordinary_word(core)
            and _pieces(word)[0] == (0, 2, "word"))


def _name_shape_suffix(word: str) -> bool:
    """``word`` splits as a two-syllable word, a one-syllable bound suffix and a
    particle or nothing, and its three syllables are no known word: 양정|해,
    임수|금이, 여희|원 (a given name's last syllable is often one a suffix
    reads: 海, 金, 元), not 여행|사 (旅行社, a word) nor 양강|진 (a town: 兩江鎭) — the shape of a name too
    when the word is a seldom one (see :func:`_bare_name`)."""
    from pipeline.korean import dictionary

    kinds = [(e - s, kind) for s, e, kind in _pieces(word) if kind != "tail"]
    return (kinds == [(2, "word"), (1, "suffix")] and word[2] not in _PLACE_SUFFIXES
            and word[:3] not in dictionary.table().words
            and word[:3] not in lexicon() and not _textnames.ordinary_word(word[:3]))


def _name_with_title(word: str) -> bool:
    """``word`` is a two- or three-syllable name solid with a title and a particle
    (유경봉기자, 임동빈선수는) whose surname syllable is ambiguous without a source
    and whose first two syllables spell no curated word, only a seldom
    dictionary one (留京 류경 9967): the name is not read as that word
    (노동자기자 still is: 勞動 is frequent)."""
    if word[0] not in _textnames.ambiguous_surnames() or word[:2] in lexicon() or not _seldom(word[:2]):
        return False
    for n in (2, 3):
        rest = word[n:]
        for t in (*_textnames.TITLES, *_textnames.ADDRESS):
            if rest.startswith(t) and (rest == t or _tail_ok(rest[len(t):])):
                return True
    return False


#: Titles only a person holds, after which a word starting with 이 is a name (이성 회장:
#: no 理性 has a chairman; 이재민선수: no 罹災民 plays).
_PERSON_ONLY_TITLES = ("회장", "부회장", "선수", "교수", "부교수", "감독", "코치", "사장", "부사장", "원장",
                       "교장", "부교장", "기자", "선생", "씨", "녀사", "여사", "총경리", "리사장", "이사장", "동지")


def _word_as_titled_name(word: str, nxt: str) -> bool:
    """``word`` is a Sino-Korean word of two or three syllables that starts with 이
    (a name's surname 李 in South spelling) and a title only a person holds
    follows it, spaced or solid (이성 회장을, 이재민선수는): the text names a
    person whose name spells a word. The initial-sound rule does not read the
    word (the name may be a Korean national's: 리성 would be damage); the name
    rules decide (a false change is worse than a miss)."""
    if not word.startswith("이") or len(word) < 2:
        return False
    for n in (2, 3):
        stem, rest = word[:n], word[n:]
        if len(stem) < n or stem[-1] in _ORG_FINALS or not (_textnames.ordinary_word(stem) or n == 3):
            continue  # 이사회 회장: an organisation has a chairman
        if not rest and nxt.startswith(_PERSON_ONLY_TITLES) and _tail_ok(nxt[len(next(t for t in _PERSON_ONLY_TITLES if nxt.startswith(t))):]):
            return True
        t = next((t for t in _PERSON_ONLY_TITLES if rest.startswith(t)), None)
        if t and (rest == t or _tail_ok(rest[len(t):])):
            return True
    return False


#: An organisation of China's Koreans or of China (연변조선족기업가협회, 중국조선족…): its
#: members are China's citizens, whose 李 the papers write 리.
_CHINA_ORG_MARK = re.compile(r"조선족|중국|중화")


def _chinese_org(word: str) -> bool:
    """``word`` names an organisation of China's Koreans or of China, or starts
    with a place of China's divisions and ends like an organisation
    (연변조선족기업가협회, 룡정시로인협회)."""
    if len(word) < 4 or not word.endswith(tuple(_ORG_FINALS)):
        return False
    if _CHINA_ORG_MARK.search(word):
        return True
    return any(_textnames.known_place(word[:k]) for k in range(2, min(6, len(word) - 1)))


def _seldom(morph: str) -> bool:
    """The dictionary's restorable reading of ``morph`` is one NK-HanDic seldom
    saw (cost at or above :data:`_NAME_WORD_COST`: 糧政 량정 9080, 林洞 림동 12892)."""
    from pipeline.korean import dictionary

    hit = dictionary.table().restore(morph)
    return hit is not None and hit.cost >= _NAME_WORD_COST


#: See :func:`_seldom` (a frequent word keeps its reading: 女性 녀성 7097).
_NAME_WORD_COST = 9000


#: Ambiguous surname syllables whose as-written surname is rare in China (兪 庾
#: 유, 容 雍 용) beside a common ㄹ one (劉 류, 龍 룡): a run of that shape is
#: more likely a 劉 name or a 龍 place (유상민, 용정팀, 용왕묘), so
#: :func:`_bare_name` does not hold it back.
_RARE_AS_WRITTEN = set("유용")


#: Particles that end a verb's complement (록화에 나선, 앞장에 나선, 길을 나선).
_COMPLEMENT_ENDS = ("에", "로", "서", "를", "을", "이", "가", "는", "은", "도", "와", "과", "게", "께")

#: Native verb stems of ``data/native_words.txt`` (나서다, 내리다 …) whose past
#: adnominal form (stem + ㄴ) is also spelt like a Sino-Korean word.
_VERB_STEMS = ("나서", "나가", "나오", "나타나", "나누", "나아가", "내리", "이루", "이르", "열리", "이기", "누리")


@functools.lru_cache(maxsize=1)
def _adnominals() -> frozenset[str]:
    """The past adnominal form of the native verbs of :data:`_VERB_STEMS`:
    나서 → 나선 (록화에 나선 사람, not 羅先 라선), 내리 → 내린. Protected only
    as a whole word: 나선시 (羅先市) is a word of its own."""
    out = set()
    for w in _VERB_STEMS:
        i, v, _f = split_syllable(w[-1])
        out.add(w[:-1] + join_syllable(i, v, 4))
    return frozenset(out)


def rule_dueum(text: str, ctx: Context) -> list[Edit]:
    """노동 → 로동, 여성 → 녀성, 효율 → 효률, on evidence only (see module doc)."""
    edits: dict[int, Edit] = {}
    runs = list(_HANGUL_RUN.finditer(text))
    names = _textnames.ambiguous_person_starts(text) if not ctx.zh else set()
    for i, m in enumerate(runs):
        word, base = m.group(), m.start()
        prev = runs[i - 1].group() if i and not text[runs[i - 1].end() : base].strip() else ""
        prev2 = runs[i - 2].group() if prev and i > 1 and not text[runs[i - 2].end() : runs[i - 1].start()].strip() else ""
        nxt = runs[i + 1].group() if i + 1 < len(runs) and not text[m.end() : runs[i + 1].start()].strip() else ""
        if (_native_at(text, base) and not (not ctx.zh and _counted_workers(word, prev, text))) \
                or (word in _adnominals() and prev.endswith(_COMPLEMENT_ENDS) and bool(nxt)):
            continue  # 록화에 나선 왕문장: a verb after its complement (not 훈춘-나선, 조선 나선 경제무역구: 羅先)
        if _stem_before_negation(word, nxt):
            continue  # 창문을 열지 않는다: 열+지, not 裂指
        if base in names and (_name_shape(word) or _titled_name(word, nxt) or _strict(ctx)):
            continue  # 양정우 장군 (楊靖宇): a name, not 糧政 + 우 (역사학 교수 is all words)
        if not ctx.zh and _titled_person(word, prev, nxt, text[m.end() :]):
            continue  # 양해연 교장, 촌민 임도연은, 여자화회장이 (諒解, 도 + 연은, 女子): a name
        hybrid = _hybrid_hits(word) if not (base and text[base - 1].isalnum()) else []
        if hybrid:
            # a word NK-HanDic writes half in Hanja (연달아, 역력히): a word of
            # its own, not a name's shape (연|달아), nothing else to read in it
            for k, syl in hybrid:
                edits.setdefault(base + k, Edit(base + k, base + k + 1, syl, right=min(2, len(word) - k - 1)))
            continue
        if not ctx.zh and _bare_name(word):
            continue  # 양정우가 이끌었던, 팀의 임동빈이 (楊靖宇, 任東斌): not 糧政 + 우, 林洞 + 빈
        if not ctx.zh and _name_with_title(word):
            continue  # 유경봉기자 (a name solid with its title): not 留京 + 봉기 + 자
        if not ctx.zh and _word_as_titled_name(word, nxt) and not _chinese_org(prev):
            continue  # 이성 회장, 이재민선수는 (罹災民): a person the title marks, not 理性 or a word
        if _rare_name_by_title(word, prev, nxt, text[m.end() : m.end() + 1], text[max(0, base - 1) : base]):
            continue  # 양용 선수, 선수 양용은 (楊勇): a two-syllable name, not the rare 兩用
        # words spelt alike in both norms are never taken apart (유실물 遺失物:
        # not 流失 + 물; 뇌진탕 腦震蕩: not 雷震 + 탕), whatever a piece reads
        shielded = {k for a, b in _as_written_spans(word) for k in range(a, b)}
        if not ctx.zh:
            shielded |= set(range(_place_as_written(word)))
        for k, syl in _collocation_hits(word, prev, nxt, text, ctx, prev2):
            if k in shielded:
                continue
            edits.setdefault(base + k, Edit(base + k, base + k + 1, syl, right=min(2, len(word) - k - 1)))
        for k, syl in _spaced_compound(word, nxt, ctx):
            edits.setdefault(base + k, Edit(base + k, base + k + 1, syl, right=min(2, len(word) - k - 1)))
        if "육" in word and not (base and text[base - 1].isalnum()):
            for k in _numeral_six(word):
                edits.setdefault(base + k, Edit(base + k, base + k + 1, "륙", left=min(k, 2),
                                                right=min(2, len(word) - k - 1)))
        if ctx.zh:
            for k, syl in _evidence(word, ctx):
                edits[base + k] = Edit(base + k, base + k + 1, syl, right=min(2, len(word) - k - 1))
        # after a number the run starts with a counter or 여 "more than" (10여명
        # is 10여 명, not 黎明); after a closing quote or bracket it may be the
        # particles of the quoted word (‘부친절’이면): its first piece is never restored
        before = text[base - 1] if base else " "
        attached = before.isdigit() or (not before.isspace() and before not in _OPENERS and _continues(word))
        first = _pieces(word)[0][1] if attached else 0
        first = max(first, _name_before_institution(word))  # 정지용|문학관: not 정지|룡문|학|관
        hits = _lexicon_hits(word, ctx)
        if before.isdigit() and len(word) > 2 and word[0] in _COUNTERS and word[1] != "여" and not hits:
            # a counter after a number explains its syllable (3년|련속 1위), when
            # the word after it is well attested (not 300명|이상: 以上, whatever
            # the source holds)
            rest_pieces = _pieces(word[1:])
            if rest_pieces[0][2] == "word" and _strong(word[1 : 1 + rest_pieces[0][1]]) \
                    and not _particle_reading(word[1:]):  # 4년|이면: the copula, not 裏面
                hits = [(k + 1, syl) for k, syl in _lexicon_hits(word[1:], ctx)]
        for k, syl in hits:
            if k < first or k in shielded:
                continue
            if not ctx.zh and (_joined_particle(word, k) or _named_organisation(word, k)):
                continue  # 기온이점차: two words written solid, not 利點
            if not ctx.zh and k == 0 and _native_head(word):
                continue  # 논파종 (a paddy + 播種): the native noun before a word, not 論破 + 種
            if _inside_hanjaless(word, k):
                continue  # 이탈리아를, 닉네임행사: a native word or a loanword, no Sino-Korean piece
            edits.setdefault(base + k, Edit(base + k, base + k + 1, syl, right=min(2, len(word) - k - 1)))
        if not ctx.zh or any("률" in rs for rs in ctx.zh_readings):
            for k, syl in _rate_suffix(word):
                if k in shielded:
                    continue
                edits.setdefault(base + k, Edit(base + k, base + k + 1, syl, left=1))
    return list(edits.values())


#: One-syllable native nouns that head solid compounds in news text (논 a
#: paddy: 논파종, 논농사); read as written when the rest of the run starts with a
#: word of two or more syllables the dictionary knows as written.
_NATIVE_HEADS = ("논",)


def _native_head(word: str) -> bool:
    """``word`` is a native one-syllable noun (:data:`_NATIVE_HEADS`) solid
    with a following word NK-HanDic/hanja.txt spell as written (논|파종
    播種): the head is not the first syllable of a Sino-Korean piece
    (論破 + 種 → 론파종 would damage the paper's text)."""
    from pipeline.korean import dictionary

    if len(word) < 3 or word[0] not in _NATIVE_HEADS:
        return False
    tab = dictionary.table()
    return any(word[1 : 1 + n] in tab.native for n in range(min(4, len(word) - 1), 1, -1))


def _shifted_boundary(word: str, pieces: list[tuple[int, int, str]], i: int) -> bool:
    """The two-syllable word piece ``pieces[i]`` follows another piece, is
    restorable only on a reading NK-HanDic saw seldom (cost at or above
    :data:`~pipeline.korean.dictionary.SELDOM`), and is followed by a
    one-syllable suffix that its second syllable makes a known word with: the
    boundary may as well lie one syllable earlier (연변화|양실|업 or
    연변|화양|실업 實業, a company's name), and a seldom word is the weaker
    reading of the two, so nothing is restored. Not before a place's suffix
    (양강|진 stays 량강진: 兩江鎭), nor before an unknown syllable (랭수|어,
    룡문|호 end words and places far more often than 논|파종 starts one)."""
    from pipeline.korean import dictionary

    start, end, _kind = pieces[i]
    if end - start != 2 or i + 1 >= len(pieces):
        return False
    nstart, nend, nkind = pieces[i + 1]
    if nend - nstart != 1 or nkind != "suffix" or start == 0 or word[nstart] in _PLACE_SUFFIXES:
        return False  # 양강|진: a place and its suffix (兩江鎭), not 강진; 랭수|어, 룡문|호: a word's end
    tab = dictionary.table()
    hit = tab.restore(word[start:end])
    shifted = word[start + 1 : end + 1]
    return hit is not None and hit.cost >= dictionary.SELDOM and (shifted in tab.words or shifted in lexicon())


def _name_and_particle(word: str, start: int, end: int, cand: tuple[str, str], lex: dict) -> bool:
    """The word piece ``word[start:end]`` closes the word, follows another piece
    and is a syllable and a particle (연+은, 연+의), and its restored reading is
    no curated word and one NK-HanDic saw only seldom (cost at or above
    :data:`~pipeline.korean.dictionary.SELDOM`: 聯銀 련은 10194): the syllable
    more likely ends a name or word before its particle (교사 박지연은, 양사연은:
    a given name ending in 연 and 은), which the piece's reading would damage."""
    from pipeline.korean import dictionary

    morph = word[start:end]
    if start == 0 or end != len(word) or len(morph) != 2 or morph[1] not in _PARTICLE_SYLLABLES:
        return False
    if morph in lex:
        return False
    hit = dictionary.table().restore(morph)
    return hit is not None and hit.yanbian == cand[0] and hit.cost >= dictionary.SELDOM


def _sino_compound(noun: str) -> bool:
    """``noun`` splits into two or three Sino-Korean spellings of two or more
    syllables (역사연구소: 역사|연구소, a proper noun NK-HanDic lists without its
    Hanja): no native word, whatever the dictionary's tag."""
    from pipeline.korean import dictionary

    words = dictionary.table().words
    n = len(noun)
    for a in range(2, n - 1):
        if noun[:a] in words and (noun[a:] in words
                                  or any(noun[a:b] in words and noun[b:] in words for b in range(a + 2, n - 1))):
            return True
    return False


def _inside_hanjaless(word: str, k: int) -> bool:
    """The syllable at ``k`` lies inside a Hanja-less noun NK-HanDic lists
    (:func:`dictionary.hanjaless_nouns`: a native word or a loanword that is no
    Sino-Korean spelling) standing whole in ``word``: at its start or after a
    known word, and followed by nothing, a particle or ending, or a known word.
    A restoration never reads it as part of a Sino-Korean word: 이탈리아를 (not
    離脫 리탈), 닉네임행사 (not 임행 → 림), 도미노문화, 비누문화, 난자완스."""
    from pipeline.korean import dictionary

    nouns = dictionary.hanjaless_nouns()
    if not nouns:
        return False
    words = dictionary.table().words
    starts = {a for a, _b, _kind in _pieces(word)}
    for j in range(k + 1):
        if j and not (j in starts and (word[:j] in words or word[:j] in nouns)):
            continue  # after a known word only (연변|비누공장), never inside one
        for n in range(min(8, len(word) - j), max(3 if j else 2, k - j + 1) - 1, -1):
            noun = word[j : j + n]
            if noun not in nouns or _sino_compound(noun):
                continue
            rest = word[j + n :]
            if not rest or _continues(rest):
                return True
            if n > 2 and any(rest[:m] in words or rest[:m] in nouns for m in range(2, min(5, len(rest)) + 1)):
                return True  # 닉네임|행사; not 이승|룡국장 (a name: 이승 "this world" is too short to tell)
    return False


def _badness(pieces: list[tuple[int, int, str]]) -> int:
    """Syllables a segmentation leaves to bound suffixes or to nothing."""
    return sum(e - s for s, e, kind in pieces if kind in ("suffix", "unknown"))


#: Nouns that close an organisation's or a farm's name right after its own name.
_NAMED_BY = ("농장", "목장", "어장", "림장", "임장", "합작사", "회사", "공사", "그룹", "집단", "공장", "상점",
             "호텔", "식당", "병원")
#: A dictionary reading at or above this cost is one NK-HanDic barely saw (領軍 령군 10107).
_NAME_HEAD_COST = 10000


def _named_organisation(word: str, k: int) -> bool:
    """The syllable at ``k`` starts a two-syllable word that heads ``word`` and
    is followed right away by what names a farm, a company or a shop (영군농장,
    X회사): that word is the organisation's own name, chosen by its owners,
    and a reading NK-HanDic barely saw (cost >= :data:`_NAME_HEAD_COST`:
    領軍 령군) is no evidence against the name as printed (永軍, 英軍 …). A
    frequent word keeps its restoration (로동회사, 려행사)."""
    from pipeline.korean import dictionary

    if k or len(word) < 4 or not word[2:].startswith(_NAMED_BY):
        return False
    hit = dictionary.table().restore(word[:2])
    return hit is not None and hit.cost >= _NAME_HEAD_COST and word[:2] not in lexicon()


def _joined_particle(word: str, k: int) -> bool:
    """True when the 이 (or 나) at ``k`` (not the first syllable) that a restoration would take as the
    first syllable of a Sino-Korean word is the particle or the demonstrative of
    two words written solid (a spacing slip the papers and MT output both make):
    기온이점차 (기온이 점차: not 기온 + 利點 + 차), 기업이생산을, 선금이정밀하게,
    중국어나배우자는. It is, when the
    syllables after it read as a known word that runs past the piece the
    restoration would make, and that reading leaves fewer syllables unexplained
    (suffix or nothing) than the restoration's: 기업이익을 (이익 利益; 익 alone is
    nothing), 회사이사장 (이사장 as good as 사장), 이해관계 (이해|관계 as good as
    해관|계) keep their restoration."""
    from pipeline.korean import dictionary

    syl = word[k]
    if not k:
        return False  # 이회사는 (이 회사) or 이성운은 (a name, 성운 a word too): which, no test here tells
    if syl == "이":
        if not _final(word[k - 1]):
            return False  # after a vowel the particle is 가: 국가이익 is 國家利益
    elif syl == "나":
        if not k or _final(word[k - 1]):
            return False
    else:
        return False
    pieces = _pieces(word)
    piece = next(((s, e) for s, e, kind in pieces if s == k and kind == "word"), None)
    if piece is None:
        return False
    words = dictionary.table().words
    if not any(word[k + 1 : k + 1 + n] in words and k + 1 + n > piece[1] for n in range(2, 5)):
        return False
    ours = [p for p in pieces if p[0] >= k]
    alt = _pieces(word[k + 1 :])
    return _badness(alt) < _badness(ours)


#: Longest ending a half-Hanja verb or adjective stem takes in one word (련달아서, 리로운데).
_HYBRID_ENDING = 3


def _hybrid_hits(word: str) -> list[tuple[int, str]]:
    """Restorations of a word NK-HanDic writes half in Hanja (see
    :func:`pipeline.korean.dictionary.hybrid_forms`): 연달아 → 련달아, 연이어 →
    련이어, 양쪽에 → 량쪽에, 역력히 → 력력히, 이롭다 / 이로운 → 리롭다 / 리로운.
    The word must start the run: a noun or adverb followed by nothing or a
    particle, a stem by a short ending (its last syllable may take the ending's
    final consonant: 이로우 + ㄴ → 이로운). Never inside a longer word (경이롭다 is
    驚異롭다)."""
    from pipeline.korean import dictionary

    table = dictionary.hybrid_forms()
    for n in range(min(len(word), 8), 1, -1):
        keys = [(word[:n], False)]
        i, v, f = split_syllable(word[n - 1]) if is_syllable(word[n - 1]) else (0, 0, 0)
        if f:
            keys.append((word[: n - 1] + join_syllable(i, v, 0), True))
        for key, merged in keys:
            hit = table.get(key)
            if hit is None:
                continue
            yanbian, kind, native = hit
            if merged and (native < 2 or word[n - 1] in _PARTICLE_SYLLABLES):
                # a final taken from the ending only on a native part of two
                # syllables (이로우+ㄴ), never a particle's (유다를: 유다 + 를)
                continue
            rest = word[n:]
            if kind == "word" and (merged or not _tail_ok(rest)):
                continue
            if kind == "stem" and len(rest) > _HYBRID_ENDING:
                continue
            return [(k, yanbian[k]) for k in range(len(key)) if yanbian[k] != key[k]]
    return []


def _as_written_spans(word: str) -> list[tuple[int, int]]:
    """Spans of ``word`` that are Sino-Korean words spelt alike in both norms
    (:func:`pipeline.korean.dictionary.as_written`: 유실물, 유형자산, 뇌진탕),
    starting where the word or one of its pieces starts and ending at the word's
    end, before a particle or ending, or where a piece ends; longest first."""
    from pipeline.korean import dictionary

    forms = dictionary.as_written()
    if not forms or len(word) < 3:
        return []
    pieces = _pieces(word)
    bounds = {0} | {s for s, _e, _k in pieces} | {e for _s, e, _k in pieces}
    out: list[tuple[int, int]] = []
    for a in sorted(b for b in bounds if b < len(word) - 2):
        for b in range(len(word), a + 2, -1):
            if word[a:b] in forms and (b in bounds or _continues(word[b:])):
                out.append((a, b))
                break
    return out


def _place_as_written(word: str) -> int:
    """Length of the division's name of three syllables or more (its full name
    with 시, 현, 구, 진 …, or a short one: 무이산) that starts ``word`` and that
    China's gazetteer reads as written (양강시 阳江, 무이산시 武夷山,
    임구시 任丘, 유사현 绥 …; then a particle, or a solid compound: 양강시정부),
    so the initial-sound rule reads nothing inside it (not 兩江 량강, 武 + 離散);
    0 if none. A name whose Korean communities' reading is another (영안시:
    寧安 녕안시, beside 永安) is still read that way."""
    gaz = _textnames.gazetteer()
    for k in range(len(word), 2, -1):
        form = word[:k]
        if form not in gaz and k >= 4 and form[-1] in "향진" and form[:-1] in _divisions.home_names_alike() \
                and (_continues(word[k:]) or _textnames._compound_rest(word[k:])):
            # a township of the northeast spelt alike in both norms, under this or
            # a former suffix (동성용향: 东盛涌, 동성용진 today)
            return k
        if form not in gaz:
            continue  # a full name (양강시) or a short one of three syllables or more (무이산)
        rest = word[k:]
        if not (_continues(rest) or _textnames._compound_rest(rest)):
            continue
        place = gaz[form]
        if form in place.readings and (not place.home or form in place.home):
            return k
        return 0
    return 0


#: Last syllables of a noun, not a given name, before a title (역사학 교수,
#: 통계 전문가, 이동량): see :func:`_titled_name`.
_NOUN_FINALS = frozenset("학계업률율량력적론법감급품액치술체")


def _titled_name(word: str, nxt: str) -> bool:
    """``word`` is a three-syllable name (and a particle) that a title marks as
    one (see textnames.ambiguous_person_starts), though its surname and first
    given syllable spell a dictionary word and its last syllable may be a
    suffix: 양해|연 교장 (諒解), 양국|화 교장 (兩國 + 化), 촌민 양철|연은 (연은
    read as 聯銀). Not an organisation and its head (여성회 회장, 임업국 국장:
    the title starts with the last syllable) nor a noun (역사학 교수), and the
    three syllables are no known word."""
    name, tail = word[:3], word[3:]
    if len(name) < 3 or not (tail == "" or _continues(tail)):
        return False
    kinds = [(e - s, kind) for s, e, kind in _pieces(name) if kind != "tail"]
    if kinds not in ([(2, "word"), (1, "unknown")], [(2, "word"), (1, "suffix")]):
        return False
    if name[2] in _NOUN_FINALS or (nxt and nxt.startswith(name[2])) or _organisation(name):
        return False
    return not _textnames.ordinary_word(name)


#: One-syllable ends of an organisation's name (련의회, 로인회, 동문회).
_ORG_FINALS = frozenset("회부국청원소사단")


def _organisation(name: str) -> bool:
    """``name`` is a syllable and a word ending like an organisation (연+의회:
    聯誼會 련의회 일행은), or a place (용정시 부시장: 龍井市, a city and its
    vice-mayor), not a surname and a given name."""
    return (name[-1] in _ORG_FINALS and _textnames.ordinary_word(name[1:])) \
        or name in _textnames.gazetteer() or name[-1] in "시군향촌"


def _titled_person(word: str, prev: str, nxt: str, after: str = "") -> bool:
    """``word`` is a three-syllable name, maybe solid with a title, and a
    particle, beside a title (교장, 촌민, 씨 …) or before 등 and a count of
    persons (양해연 등 3명), and with a surname syllable that
    is ambiguous without a source (양 楊/梁, 유 兪/劉, 임 任/林, 여 余/呂, 연
    延/連 …): on Yanbian text such a surname is the as-written one, so the
    initial-sound rule reads nothing inside it, however frequent the word its
    first two syllables spell (양해연 교장: 諒解 량해; 여자화회장: 女子 녀자) or
    whatever its last syllable and particle spell (촌민 임도연은: 聯銀 련은).
    Not a word (유동화, 영도자), nor an organisation before its head (여성회
    회장, 임업국 국장) or a noun (역사학 교수); the given syllables are Hanja
    readings."""
    if len(word) < 3 or word[0] not in _textnames.ambiguous_surnames():
        return False
    name, rest = word[:3], word[3:]
    titles = (*_textnames.TITLES, *_textnames.ADDRESS)
    solid = next((t for t in titles if rest.startswith(t) and _continues(rest[len(t):])), "")
    if not (solid or _continues(rest)):
        return False
    if not (solid or (prev and prev.endswith(_textnames.TITLES + _textnames.ROLES_BEFORE))
            or (nxt and any(nxt.startswith(t) and _continues(nxt[len(t):]) for t in titles))
            or (not rest and _textnames._PERSONS_AFTER.match(after))):
        return False
    head = solid or nxt
    if name[2] in _NOUN_FINALS or (head and head.startswith(name[2])) or _organisation(name):
        return False
    if solid and _words_before_particle(word):
        return False  # 역사문화가 어우러진: 歷史 + 文化 + 가, not 역사문 + 화가 (a painter)
    if name[:2] in _native_set():
        return False
    if _textnames._place_head(word) is not None:
        return False  # 용정고중동창회 회원들: a county (龍井) heading a compound of known words, no name
    return _textnames._given_ok(name) and not _textnames.ordinary_word(name)


#: Most a two-syllable word may cost in NK-HanDic to outweigh a name and a
#: title written solid (력사 歷史 5936, 녀자 女子 8977; 량해 諒解 9967 does not).
_FREQUENT_WORD = 9000
#: One-syllable particles that may close a compound of known words.
_ONE_PARTICLES = ("가", "이", "은", "는", "을", "를", "의", "와", "과", "도", "로", "에")


def _words_before_particle(word: str) -> bool:
    """``word`` reads as a frequent word NK-HanDic restores, a second known
    word and at most a one-syllable particle (역사|문화|가, 여자|축구|를): the
    reading a name with its title written solid (역사문+화가) competes with,
    and the likelier one when the first word is frequent."""
    from pipeline.korean import dictionary

    hit = dictionary.table().restore(word[:2])
    if hit is None or hit.cost > _FREQUENT_WORD or not _strong(word[:2]):
        return False
    for k in range(4, len(word) + 1):
        tail = word[k:]
        if (tail == "" or tail in _ONE_PARTICLES) and _textnames.ordinary_word(word[2:k]):
            return True
    return False


#: Institutions, prizes and monuments named after a person (윤동주문학관,
#: 정지용문학관, 김좌진기념관, 리상화문학상).
_PERSON_INSTITUTIONS = ("문학관", "기념관", "문학상", "기념비", "기념사업회", "연구회", "기념회", "생가", "동상", "문학제")


def _name_before_institution(word: str) -> int:
    """3 when ``word`` starts with a three-syllable person's name (a surname and
    two syllables no known word ends with) before an institution named after
    them (정지용+문학관): nothing in the name is restored; the name's end when a
    place heads it (연변+정지용+문학제: 5); else 0."""
    if len(word) < 5:
        return 0
    # a place may head it (연변+정지용+문학제)
    gaz = _textnames.gazetteer()
    for p in (0, *(k for k in (2, 3) if word[:k] in gaz and gaz[word[:k]].major and word[:k] in gaz[word[:k]].readings)):
        rest = word[p:]
        if len(rest) < 5 or rest[0] not in _KO_SURNAMES or not rest[3:].startswith(_PERSON_INSTITUTIONS):
            continue
        if any(end == 3 for _s, end, kind in _pieces(rest) if kind == "word"):
            continue  # 노동자+문학상: a word, not a name
        return p + 3
    return 0


#: One-syllable Sino-Korean suffixes that may close a compound (련계방, 기계화률).
_SINO_SUFFIXES = set("방부성화자원장소계권력률율량가인회국급형식제비법학론사기단관표품지안점선실차청처층판금료감당시족현주구촌향진업대")
#: Counters and numerals after which 여 is the bound morpheme 餘 "more than"
#: (반년여동안, 10개월여, 300명여), read 여 in both norms: a piece of its own,
#: so 여 and the next syllable are never taken for a rare word (여동 女童).
_COUNTERS = set("년월일주개명만천백십억분초세회차건톤간평리호")
#: What stands before such a counter in a quantity (반년, 수천, 3개월; a digit
#: ends the Hangul run, so a counter that starts the run counts too) — 청년여성
#: is 靑年 + 女性, not a quantity.
_NUMERALS = set("반한두세네몇수십백천만억일이삼사오륙육칠팔구개")


def _quantity_yeo(word: str, p: int) -> bool:
    """``word[p]`` is 餘 after a quantity: 반년여, (10)년여, 3개월여, 수천여."""
    return (
        word[p] == "여" and p > 0 and word[p - 1] in _COUNTERS
        and (p == 1 or word[p - 2] in _NUMERALS)
    )


#: Syllables that start particles and the copula (이, 가, 은 …): a word piece
#: starting with one inside a run may be a particle instead.
_PARTICLE_SYLLABLES = set("이가은는을를의에도로와과만으")
#: Syllables an ending may start with after a particle or the copula 이
#: (이+기도, 이+다, 이+며): 이념 is no 이+념.
_ENDING_SYLLABLES = set("다며고지기나니라란랑었였어여에오자면므던든냐네요야시셨세서")


def _particle_reading(rest: str) -> bool:
    """``rest`` (a word from a piece on) may be read as a particle or the copula
    with an ending: 이기도 (이+기도) may, 이념교육 and 이념으로 may not."""
    for head in _PARTICLE_HEADS:
        if rest.startswith(head):
            after = rest[len(head) :]
            if not after or after[0] in _ENDING_SYLLABLES or _tail_ok(after):
                return True
    return False


#: Number syllables after which 여 is 餘 "more than" (수천여명, 만여건).
_NUMBER_SYLLABLES = set("십백천만억")
#: Longest Sino-Korean morpheme looked up inside a solid compound.
_MAX_MORPH = 8


#: Native nouns NK-HanDic's Sino-Korean table lacks that stand solid at the end
#: of compounds in Yanbian news (사업일군, 사회구역일군들): pieces of a split,
#: protected (native_words.txt) and never restored.
_NATIVE_PIECES = frozenset({"일군"})


def _usable(w: str) -> bool:
    """A known word that may stand as one piece of a compound. A rare compound
    with a single unconfirmed ㄹ/ㄴ reading (노동보호 勞動保護) is not: its parts
    decide (노동 + 보호)."""
    from pipeline.korean import dictionary

    if w in lexicon():
        return True
    tab = dictionary.table()
    if w not in tab.words:
        # a protected native noun the Sino-Korean dictionary lacks stands as a
        # piece too (사회구역|일군|들이, not 사회|구|역일|군: 曆日); it is
        # never restored (see _lexicon_hits)
        return w in _NATIVE_PIECES
    if len(w) > 2 and tab.restore(w) is None and w not in source_only() and w not in tab.native:
        forms = {r.yanbian for r in tab.sino.get(w, ())}
        if len(forms) == 1 and w not in forms:
            return False
    return True


#: Particle heads that are also bound nouns (上 상, 的 적, 中 중, 側 측, 들):
#: a tail starting with one must go on as a particle or ending after it
#: (상으로, 적인, 중에서), not as more of the compound (국가|상품|양곡…).
_NOUN_HEADS = ("상", "적", "중", "측", "들")


#: Particle heads that start a verb (하다, 되다, 시키다): the ending after one
#: is short (하였습니다); a long remainder is more of the compound (치치할|시…).
_VERB_HEADS = ("하", "했", "한", "할", "해", "되", "된", "될", "됐", "돼", "시키")
_MAX_ENDING = 6


def _tail_ok(rest: str) -> bool:
    """``rest`` may be the particle/ending tail of a word (see :func:`_continues`);
    a bound-noun head must be followed by nothing, a particle or an ending, any
    other head by at most ``_MAX_ENDING`` syllables."""
    for head in _PARTICLE_HEADS:
        if not rest.startswith(head):
            continue
        if head in _VERB_HEADS:
            if len(rest) - len(head) <= _MAX_ENDING:
                return True
            continue
        after = rest[len(head) :]
        if head in ("을", "를") and after:
            # the object particle ends a word: nothing follows it inside one
            # (조선족|자연|마을에, not 조선|족자|연마|을에)
            continue
        if head not in _NOUN_HEADS:
            # a particle is followed by a short ending or more particles, not
            # by a compound (하얼빈시|도리구…, 가도|노인협회 is no 가+도+…)
            if not after or (len(after) <= _MAX_ENDING and (after[0] in _ENDING_SYLLABLES or after[0] in "큼게께"
                                                           or _tail_ok(after))):
                return True
            continue
        if not after or _continues(after) or after[0] in _ENDING_SYLLABLES or after[0] in "인일임":
            return True
    return rest == ""


def _alike_full_place(word: str, pieces: list[tuple[int, int, str]]) -> int:
    """The length of a full place name with its suffix (도문시, 연길시: spelt
    alike in both norms, of the northeast) that starts ``word`` and that a piece
    of ``pieces`` crosses (도문|시체|육장에서) or leaves partly unexplained
    (조|양구|조선족…), followed by at least two syllables; 0 if there is none."""
    alike = _divisions.home_names_alike()
    for m in range(min(len(word) - 2, 6), 2, -1):
        if word[m - 1] in _PLACE_SUFFIXES and word[:m] in alike \
                and any(s < m < e or (k == "unknown" and e <= m) for s, e, k in pieces):
            # the split crosses its end, or leaves a syllable of it unexplained
            # (조|양구|조선족: 朝陽區, a district after 장춘시; 대|흥|구진|노인: 大興溝鎭)
            return m
    return 0


def _pieces(word: str) -> list[tuple[int, int, str]]:
    """The best split of a Hangul run into (start, end, kind) pieces: known
    Sino-Korean words ("word"), bound one-syllable Sino-Korean suffixes
    ("suffix": 시, 족, 방), unexplained syllables ("unknown") and a final
    particle/ending ("tail"). Fewest unexplained syllables win, then the
    shortest tail, then fewest pieces (longest words):
    대련시조선족로년협회 → 대련|시|조선족|로년|협회, 발전리념으로 → 발전|리념|으로."""
    n = len(word)
    from pipeline.korean import dictionary

    natives = dictionary.native_heads()
    weak = dictionary.table().weak
    # cost: (unexplained syllables, weighted so that later ones cost less and a
    # known word at the start wins; characters left to the tail; pieces)
    best: list[tuple[float, int, int, int, str] | None] = [None] * (n + 1)
    best[0] = (0.0, 0, 0, -1, "")

    def relax(end: int, cost: tuple[float, int, int], back: int, kind: str) -> None:
        cur = best[end]
        if cur is None or cost < cur[:3]:
            best[end] = (*cost, back, kind)

    if n >= 5:
        # a place of the northeast both norms spell alike heads the compound
        # by its short name (남구전|열사|릉원, not 남구|전열|사|릉원): one
        # unexplained piece that costs less than the words it would otherwise
        # be split into (a full name, 연길시, is read by _resume_at)
        alike = _divisions.home_names_alike()
        for m in range(3, min(n - 2, 6) + 1):
            if word[:m] in alike and word[m - 1] not in _PLACE_SUFFIXES and not _textnames.ordinary_word(word[:m]):
                relax(m, (0.5, 0, 1), 0, "unknown")
    for p in range(n):
        here = best[p]
        if here is None:
            continue
        pen, tail, cnt = here[0], here[1], here[2]
        if p > 0 and _tail_ok(word[p:]):
            # a one-syllable particle costs nothing: 이사장|의, not 이사|장의 (葬儀)
            relax(n, (pen, tail + n - p if n - p > 1 else tail, cnt + (n - p > 1)), p, "tail")
        for m in range(2, min(n - p, _MAX_MORPH) + 1):
            if _usable(word[p : p + m]):
                relax(p + m, (pen, tail, cnt + 1), p, "word")
        if p > 0 and here[4] == "word":
            # a word only hanja.txt knows (a common Chinese word: 華僑 화교)
            # between known words explains its syllables better than a
            # suffix and an unexplained syllable (귀국|화교|연합회, not
            # 귀국|화|교|연합회); never at the start, where a name stands,
            # and never restored itself (no reading to restore)
            for m in range(2, min(n - p, 4) + 1):
                if word[p : p + m] in weak and not _usable(word[p : p + m]):
                    relax(p + m, (pen + 0.5, tail, cnt + 1), p, "word")
        if p > 0 and p + 2 <= n and word[p : p + 2] in natives and not _usable(word[p : p + 2]) \
                and (p + 2 == n or _tail_ok(word[p + 2 :])):
            # a native noun closes the compound (조선족|자연|마을|에): never
            # restored, and cheaper than any Sino-Korean split with an
            # unexplained syllable (조선|족자|연마|을|에: 練磨 련마 on 자연마을)
            relax(p + 2, (pen + 0.5, tail, cnt + 1), p, "unknown")
        if _quantity_yeo(word, p):
            # 餘 after a counter: explained, so it beats any word it could start
            # (반년|여|동안, not 반년|여동|안); stays 여, never restored.
            relax(p + 1, (pen, tail, cnt), p, "suffix")
            continue
        suffix = p > 0 and word[p] in _SINO_SUFFIXES
        step = 1.0 if suffix else 3.0 + (n - p) / 100
        relax(p + 1, (pen + step, tail, cnt + 1), p, "suffix" if suffix else "unknown")
    out = []
    end = n
    while end > 0:
        cell = best[end]
        assert cell is not None
        out.append((cell[3], end, cell[4]))
        end = cell[3]
    return out[::-1]


#: One-syllable Sino-Korean prefixes (總 副 新 再 非 反 汎 親 脫 超 未 無):
#: the South norm applies the initial-sound rule after them (신여성, 총연합회,
#: 부이사장), the Yanbian norm does not (신녀성, 총련합회, 부리사장).
_PREFIXES = set("총부신재비반범친탈초미무")
#: Longest unexplained start of a solid compound after which restoration may
#: resume (a place or person name: 길림시…, 장백…).
_MAX_UNKNOWN = 4
#: Administrative suffixes that close a place name inside a compound (화룡+시).
_PLACE_SUFFIXES = set("시현주구군향진촌")


def _resume_at(word: str, pieces: list[tuple[int, int, str]], inner: bool = False) -> int | None:
    """The first piece restoration may resume at in a solid compound whose start
    nothing explains (a name, or a word the dictionaries lack), or None.

    The unexplained start may be at most ``_MAX_UNKNOWN`` syllables, and
    everything after it must be explained by known Sino-Korean words and
    suffixes (a particle may close it). Where the start ends, the split is
    uncertain (종이공학 splits as 종|이공학, 성천휴양소 as 성|천휴|양소), so the
    first word after it is never restored, and restoration resumes at the second
    piece (길림시조선족여성협회 → …녀성협회, 장백…조선족노인협회 → …로인협회),
    unless the start is a name of two or more syllables closed by an
    administrative suffix (화룡시노인협회 → 화룡시로인협회) or a word only
    hanja.txt knows (독거노인 → 독거로인). Only well-attested words are restored
    after such a start (see :func:`_strong`)."""
    from pipeline.korean import dictionary

    lead = 0
    while lead < len(pieces) and pieces[lead][2] in ("unknown", "suffix"):
        lead += 1
    if 0 < lead < len(pieces) and 2 <= pieces[lead][0] <= 3 and pieces[lead][2] == "word" \
            and all(p[2] == "tail" for p in pieces[lead + 1 :]) \
            and word[pieces[lead][0] : pieces[lead][1]] in (*_textnames.TITLES, "노인"):
        return lead  # a name and its title written solid: 리길송+녀사, 김성철+로인
    k = 0
    while k < len(pieces) and pieces[k][2] == "unknown":
        k += 1
    if 0 < k < len(pieces) and pieces[k][2] == "word" and 2 <= pieces[k - 1][1] <= _MAX_LOAN \
            and _foreign(word[pieces[k - 1][0]]):
        # a start ending in a syllable no character reads (인터넷, 플랫폼):
        # a loanword or native word the next word cannot reach into; one
        # syllable is no loanword but a native stem (끝|난후 is 끝난 후, not 亂後)
        rest = [p for p in pieces[k:] if p[2] != "tail"]
        first_unknown = next((p for p in rest if p[2] == "unknown"), None)
        foreign = dictionary.foreign_words()
        if any(word[:e] in foreign for e in range(pieces[k][0] + 1, pieces[k][1])):
            return None  # 노르웨이|산, 레바논|산: the loanword ends inside the word (not 노르웨 + 離散)
        if first_unknown is None or _loan_tail(word[first_unknown[0] :]):
            return k
    if k == 0 or k == len(pieces) or pieces[k - 1][1] > _MAX_UNKNOWN:
        return None
    j = k
    while j < len(pieces) and pieces[j][2] == "suffix":
        j += 1  # 돈+화+시: suffix-like syllables of the name, then its suffix
    # 목|단|강|시: unexplained and suffix-like syllables mixed, closed by an
    # administrative suffix within the name's reach: a place name and its suffix
    last = j
    while last < len(pieces) and pieces[last][2] in ("unknown", "suffix") and pieces[last][1] <= _MAX_UNKNOWN:
        last += 1
    while last > j and word[pieces[last - 1][0] : pieces[last - 1][1]] not in _PLACE_SUFFIXES:
        last -= 1
    if last > j and pieces[last - 1][0] >= 2 and last < len(pieces) and pieces[last][2] == "word":
        k = j = last
    rest = [p for p in pieces[j:] if p[2] != "tail"]
    first_unknown = next((p for p in rest if p[2] == "unknown"), None)
    if first_unknown is not None and _loan_tail(word[first_unknown[0] :]):
        rest = rest[: rest.index(first_unknown)]  # 애심|여성|네트워크: a loanword closes it
    if not rest or rest[0][2] != "word" or any(p[2] == "unknown" for p in rest):
        return None
    # (inside a longer word the name may reach back into the word before:
    # 량수진|정암촌 split as 진정|암|촌, so one syllable before the suffix will do)
    if j > 0 and pieces[j - 1][0] >= (1 if inner else 2) and pieces[j - 1][2] == "suffix" \
            and word[pieces[j - 1][0] : pieces[j - 1][1]] in _PLACE_SUFFIXES:
        return j  # a name of two or more syllables and its suffix: 화룡+시
    if j == k and word[: pieces[k][0]] in dictionary.table().weak:
        return k  # a word only hanja.txt knows, then a word: 독거+노인
    if k == 1 and pieces[0][1] == 1 and word[0] in _PREFIXES:
        # a Sino-Korean prefix, then a word: 총+련합회, 부+리사장, 비+녀성; a
        # prefix that is also a surname (신, 반) before a two-syllable given name
        # (신여정) is no prefix: it needs three syllables or more after it
        if word[0] not in _KO_SURNAMES or sum(e - s for s, e, kd in rest) >= 3:
            return k
    if len(rest) == 1 and j == 2 and pieces[0][1] == 1 and pieces[1] == (1, 2, "suffix") \
            and all(p[2] == "tail" for p in pieces[3:]) \
            and not (len(pieces) == 3 and word[-1] in _PARTICLE_SYLLABLES):
        # two syllables nothing explains as a word (a Sino-Korean word the
        # dictionaries lack: 雪國, 精品), then ONE word closing the compound
        # (설국|열차, 정품|역작들이): no second word to resume at, so the closing
        # word is restored itself, when it is well attested and split alike
        # however far the start reaches (see _strong, _stable, checked by the
        # caller: 종|이공학 is not, 공학 is a word of its own); not when that
        # word ends the run on a particle's syllable (나식|연은: a name's last
        # syllable and 은, not 聯銀)
        return j
    return j + 1 if len(rest) >= 2 else None


#: Longest loanword start of a solid compound (아이스하키, 스마트폰).
_MAX_LOAN = 6


def _foreign(syl: str) -> bool:
    """``syl`` is a Hangul syllable no character reads (넷, 폼, 트): never part
    of a Sino-Korean word."""
    from pipeline.korean.reading import sino_syllables

    return is_syllable(syl) and syl not in sino_syllables()


def _loan_tail(rest: str) -> bool:
    """``rest`` is a Hanja-less noun NK-HanDic lists with a syllable no character
    reads (네트워크, 센터), alone or before a particle: it cannot be the end of
    a Sino-Korean word, so the split before it is sure."""
    from pipeline.korean import dictionary

    loan = dictionary.table().loan
    return any(rest[:n] in loan and _continues(rest[n:]) for n in range(2, len(rest) + 1))


def _strong(morph: str) -> bool:
    """A word restored even after an unexplained start: a curated lexicon entry
    or a form NK-HanDic decides, not one the Chinese frequency alone decided
    (이회 理會 after 어린)."""
    from pipeline.korean import dictionary

    tab = dictionary.table()
    return morph in lexicon() or (tab.restore(morph) is not None and morph not in tab.by_chinese
                                  and morph not in source_only())


def _stable(word: str, start: int, end: int, unknown_end: int) -> bool:
    """True when the word piece ``word[start:end]`` after an unexplained start
    ending near ``unknown_end`` is split the same way however far the
    unexplained start reaches: 박연휴양소 splits as 박|연휴|양소, but
    휴양소 alone is one word, so 양소 is no piece of it."""
    for cut in range(max(1, unknown_end - 1), min(start, unknown_end + 3) + 1):
        if cut == unknown_end:
            continue
        alt = _pieces(word[cut:])
        if any(kind == "unknown" for _s, _e, kind in alt):
            continue  # that reach leaves something unexplained: no competing split
        if any(kind == "suffix" for _s, _e, kind in alt) \
                and next((s < cut < e for s, e, kind in _pieces(word) if kind == "word"), False):
            # a reach that takes a known word's first syllable (동만|항전|역사 →
            # 동만항|전역|사) and needs a bound suffix to explain the rest is
            # no split of equal standing
            continue
        if (start - cut, end - cut, "word") not in alt:
            return False
    return True


def _lexicon_hits(word: str, ctx: Context, _depth: int = 0) -> list[tuple[int, str]]:
    """Restorations inside ``word``, morpheme by morpheme.

    The word is split into known Sino-Korean words (the curated lexicon, then
    NK-HanDic), bound Sino-Korean suffixes and a final particle or ending (see
    :func:`_pieces`); after the first syllable nothing explains, nothing more is
    restored, so native words are never read as Sino-Korean. Each word piece is
    restored when the curated lexicon or the dictionary names one clear Yanbian
    reading (see :mod:`pipeline.korean.dictionary`).

    With a Chinese source the source decides, per character: a reading is
    vetoed when the source holds characters read as the South Korean syllables
    (入場 for 입장) but not the Hanja of the restored one, and an ambiguous form
    (양식: 糧食/樣式) takes the reading whose Hanja the source holds."""
    from pipeline.korean import dictionary

    lex = lexicon()
    tab = dictionary.table()
    out: list[tuple[int, str]] = []
    pieces = _pieces(word)
    if len(pieces) > 1 and pieces[0][2] == "unknown" and pieces[1][2] == "word" \
            and word[pieces[0][1] - 1] not in _PLACE_SUFFIXES and word[: pieces[0][1]] in _divisions.home_names_alike():
        # a place of the northeast both norms spell alike heads the compound
        # (남구전|열사릉원): its end is certain, the rest is a word of its own
        cut = pieces[0][1]
        return [(cut + k, syl) for k, syl in _lexicon_hits(word[cut:], ctx, _depth)]
    cut = _alike_full_place(word, pieces)
    if cut:
        # a county's full name spelt alike in both norms heads the compound and
        # the best split crosses its end (도문시체육장: 도문|시체|육장, not
        # 도문시|체육|장): the rest is a compound of its own
        return [(cut + k, syl) for k, syl in _lexicon_hits(word[cut:], ctx, _depth)]
    resume = _resume_at(word, pieces, inner=bool(_depth))
    for i, (start, end, kind) in enumerate(pieces):
        if kind == "unknown":
            if resume is None or resume <= i:
                if resume is None and i > 0 and not _depth:
                    # known words, then an unexplained stretch (북경|애심|녀성
                    # 네트워크): the rest is judged as a compound of its own
                    # whose start nothing explains (see _resume_at)
                    out += [(start + k, syl) for k, syl in _lexicon_hits(word[start:], ctx, _depth=1)]
                break
            continue
        if kind != "word" or (resume is not None and i < resume):
            continue
        if resume is not None and not (_strong(word[start:end]) and _stable(word, start, end, pieces[0][1])):
            continue
        morph = word[start:end]
        if morph in _native_set():
            # a protected word inside a compound too (전투+유적: 遺跡, not 流謫),
            # unless NK-HanDic reads the compound it makes with its neighbour
            # one way only (노력|시장: 勞力市場), as a collocation row would
            pick = _compound_choice(word, pieces, i) if resume is None and morph not in tab.native \
                and not _strict(ctx) else None
            if pick and not (ctx.zh and _source_choice(morph, pick, tab.sino.get(morph, ()), ctx) is None):
                out += [(start + k, pick[0][k]) for k in range(len(morph)) if pick[0][k] != morph[k]]
            continue
        if start > 0 and morph[0] in _PARTICLE_SYLLABLES and _particle_reading(word[start:]):
            break  # 선물+이기도: the copula and an ending, not the word 利己
        if morph[0] == "여" and start > 0 and word[start - 1] in _NUMBER_SYLLABLES:
            break  # 수천여명: 餘 "more than" after a number, then a counter
        if (i + 1 < len(pieces) and pieces[i + 1][2] in ("unknown", "suffix")
                and any(c + _particle_len(word[c:]) >= pieces[i + 1][1] for c in range(start + 1, end))):
            break  # 예|부터, 열|부터, 뇌|조차: a word and a particle, not 禮部+터, 烈婦+터, 雷鳥+차
        if _copula_crossing(word, start, end, tab):
            continue  # 관광지역|임에도: 地域 + the copula, not 관광지 + 歷任 (력임)
        if start == 0 and end == len(word) and _noun_particle(morph, tab):
            continue  # 열과 성: 열 + 과, not the rare 裂果; 논과 (paddy and), not 論過
        if start == 0 and end == 2 and _stem_ending(morph, word[1:], tab):
            continue  # 창문을 열지 않는다, 약해지고: 열+지, 약+해지고, not the rare 裂指, 略解
        if start == 0 and end == len(word) == 2 and _stem_and_ja(morph, tab):
            continue  # 땅이 점점 녹자: 녹+자 "as it melts", not the rare 綠瓷
        cand: tuple[str, str] | None = None
        if morph in lex and not _place_suffix_veto(word, start, end, lex[morph][0]):
            cand = lex[morph]
        elif morph not in source_only():
            hit = tab.restore(morph)
            if hit:
                cand = (hit.yanbian, hit.hanja)
        if cand is not None and morph not in lex and _crossed_rare(word, start, end):
            cand = None  # 석사학위수여점: 授與+點, not 위수 + the rare 旅店
        if cand is not None and start == 0 and morph not in lex and _listed_whole(word, end):
            cand = None  # 육개장 (肉개醬), not the rare 六個 + 장
        if cand is None and resume is None and morph not in lex and not _strict(ctx):
            cand = _compound_choice(word, pieces, i)
        if cand and not ctx.zh and any(r.yanbian == morph for r in tab.sino.get(morph, ())) \
                and _textnames.company_trade(word, end):
            cand = None  # a homograph inside a company's name (길림연초공업유한책임회사: 煙草, not 年初)
        if ctx.zh:
            cand = _source_choice(morph, cand, tab.sino.get(morph, ()), ctx)
            if cand and morph in tab.native and cand[1] not in ctx.zh + ctx.trad:
                # A native word (노래 "song") that is also a rare Sino-Korean one
                # (老來) changes only when the source holds that word whole,
                # not merely one of its characters (老人 elsewhere).
                cand = None
        if cand and not ctx.zh and morph not in lex and _shifted_boundary(word, pieces, i):
            cand = None  # 연변|화양|실업 (a company's name): not 兩失 + 업
        if cand and not ctx.zh and _name_and_particle(word, start, end, cand, lex):
            cand = None  # 교사 박지연은: a name's last syllable and 은, not 聯銀 련은
        if cand and _strict(ctx) and not _certain(word, start, end, cand[0]):
            cand = None  # Yanbian-norm text: 이재민선수, 연금 7700원, 연서가두 as printed
        if cand:
            yb, _hanja = cand
            out += [(start + k, yb[k]) for k in range(len(morph)) if yb[k] != morph[k]]
    return out


_DIGITS = "일이삼사오육칠팔구"
_SMALL_UNITS = "십백천"
_BIG_UNITS = "만억조"
#: Counters a spelt-out number may carry (longest first).
_NUMBER_COUNTERS = ("개월", "개국", "년간", "년도", "퍼센트", "명", "개", "호", "차", "회", "위", "등", "층",
                    "세", "년", "일", "권", "번", "대", "기", "건", "배", "편", "항", "가지", "주년", "돐", "주")
#: Counters of an ordinal after 제 (제육차 회의: 第六次, not 제육 猪肉).
_ORDINAL_COUNTERS = ("차", "회", "기", "조", "장", "절", "권", "호", "편", "위", "부", "항", "대", "번", "중", "소학", "중학")


def _sino_number(s: str) -> bool:
    """``s`` is a well-formed Sino-Korean number (십육, 육백, 이천육십, 육만):
    no two digits side by side (사육 飼育, 이육사 are no numbers), small units
    falling within each group of ten thousand."""
    if not s:
        return False
    prev = ""
    rank = 10
    for ch in s:
        if ch in _DIGITS:
            if prev in _DIGITS and prev:
                return False
        elif ch in _SMALL_UNITS:
            r = _SMALL_UNITS.index(ch)
            if r >= rank or prev in _SMALL_UNITS and prev:
                return False
            rank = r
        elif ch in _BIG_UNITS:
            if not prev or prev in _BIG_UNITS:
                return False
            rank = 10
        else:
            return False
        prev = ch
    return True


def _numeral_six(word: str) -> list[int]:
    """Positions of 육 (六) in a spelt-out number, which the Yanbian norm writes
    륙 wherever it stands (십륙, 륙백, 제륙차, 륙호): the word is a Sino-Korean
    number of two or more syllables, or 육 with a counter, or 제 + 육 + an
    ordinal counter; a particle may follow. 육 alone (肉, 育), 사육 (飼育), 제육
    (猪肉) and 육개장 are no numbers."""
    body = word
    ordinal = body.startswith("제")
    if ordinal:
        body = body[1:]
    n = 0
    while n < len(body) and body[n] in _DIGITS + _SMALL_UNITS + _BIG_UNITS:
        n += 1
    while n > 0 and not _sino_number(body[:n]):
        n -= 1
    if n == 0 or "육" not in body[:n]:
        return []
    rest = body[n:]
    counters = _ORDINAL_COUNTERS if ordinal else _NUMBER_COUNTERS
    counter = next((c for c in counters if rest.startswith(c)), "")
    after = rest[len(counter) :]
    if after and not _tail_ok(after):
        return []
    if (ordinal or n == 1) and not counter:
        return []
    off = 1 if ordinal else 0
    return [off + k for k in range(n) if body[k] == "육"]


def _spaced_compound(word: str, nxt: str, ctx: Context) -> list[tuple[int, str]]:
    """A homograph standing alone before the word it makes a compound with
    (영세 기업: 零細企業 → 령세 기업): read as the compound reads it, when the
    dictionaries read that compound one way only (NK-HanDic's entries, or
    hanja.txt's, see :func:`_compound_choice`). The homograph must be the whole
    word (no particle: 영세를 ends the phrase), the next word must start with a
    known word, and a Chinese source can still veto."""
    from pipeline.korean import dictionary

    if not nxt or len(word) not in (2, 3) or word in _native_set() or _strict(ctx):
        return []
    tab = dictionary.table()
    if tab.restore(word) is not None or word in lexicon() \
            or not any(r.yanbian != word for r in tab.sino.get(word, ())):
        return []
    for n in range(min(4, len(nxt)), 1, -1):
        after = nxt[:n]
        if not _usable(after) or not _explained(nxt[n:]):
            continue
        pick = _compound_choice(word + after, [(0, len(word), "word"), (len(word), len(word) + n, "word")], 0)
        if pick is None:
            continue
        if ctx.zh and _source_choice(word, pick, tab.sino.get(word, ()), ctx) is None:
            return []
        return [(k, pick[0][k]) for k in range(len(word)) if pick[0][k] != word[k]]
    return []


def _crossed_rare(word: str, start: int, end: int) -> bool:
    """True when the word piece ``word[start:end]`` inside a compound is a word
    NK-HanDic's training text never had (cost at or above ``dictionary.SELDOM``)
    and another split of equal standing crosses its start: a known word of two
    or more syllables from before ``start`` to inside the piece, with what comes
    before and after it explained by words, suffixes or a particle
    (석사학위수여점과: 석사|학위|수여|점|과 crosses 석사|학|위수|여점|과, so 여점
    is no safe 旅店 려점). A common word keeps its piece (the split that
    found it is the likelier one)."""
    from pipeline.korean import dictionary

    if start == 0:
        return False
    tab = dictionary.table()
    readings = tab.sino.get(word[start:end], ())
    if not readings or min(r.cost for r in readings) < dictionary.SELDOM:
        return False
    if any((hit := tab.restore(word[start:m])) and hit.yanbian[0] == readings[0].yanbian[0]
           for m in range(start + 2, end)):
        return False  # a common word starts the rare one, read alike (列車館: 列車 렬차)
    for s in range(max(0, start - _MAX_MORPH + 1), start):
        for e in range(start + 1, min(len(word), s + _MAX_MORPH) + 1):
            if e - s < 2 or not _usable(word[s:e]):
                continue
            before = _pieces(word[:s]) if s else []
            if any(kind == "unknown" for _a, _b, kind in before):
                continue
            if _explained(word[e:]):
                return True
    return False


def _listed_whole(word: str, end: int) -> bool:
    """The word piece ``word[:end]``, a reading NK-HanDic's training text
    seldom or never had (cost at or above ``dictionary.SELDOM``: 六個 육개, 陸地
    육지), starts a longer word hanja.txt lists whole in Hanja and Hangul and
    reads as written (肉개醬 육개장, 肉조림 육조림), followed by a particle or
    nothing: that word, not the rare one and a suffix."""
    from pipeline.korean import dictionary

    readings = dictionary.table().sino.get(word[:end], ())
    if readings and min(r.cost for r in readings) < dictionary.SELDOM:
        return False
    mixed = dictionary.mixed_words()
    return any(word[:k] in mixed and _continues(word[k:]) for k in range(end + 1, min(len(word), 5) + 1))


def _explained(rest: str) -> bool:
    """``rest``, the end of a compound after a word, is explained: nothing, a
    particle tail, words, or a bound suffix (점|과 after 수여) and then so."""
    if not rest or _tail_ok(rest):
        return True
    if rest[0] in _SINO_SUFFIXES and _explained(rest[1:]):
        return True
    return all(kind != "unknown" for _a, _b, kind in _pieces(rest))


#: One-syllable suffixes of class, rate, force, quantity, point and system
#: (類 率 力 量 點 系) after which a homograph reads as the Chinese word they make.
_CLASS_SUFFIXES = ("류", "률", "율", "력", "량", "점", "계")


def _compound_choice(word: str, pieces: list[tuple[int, int, str]], i: int) -> tuple[str, str] | None:
    """The reading of the word piece ``pieces[i]`` that NK-HanDic gives it inside
    the compound it makes with its neighbour piece, when the piece alone is
    undecided (노력 努力/勞力, 이사 移徙/理事): 노력|자원 → 로력자원 (勞力資源
    is an entry, 努力資源 none). Every reading NK-HanDic has of the compound
    must read the piece alike; the compound is no native word. (A rare compound
    is no piece of its own, see :func:`_usable`: here it only decides its part.)"""
    from pipeline.korean import dictionary

    tab = dictionary.table()
    start, end, _kind = pieces[i]
    morph = word[start:end]
    if not any(r.yanbian != morph for r in tab.sino.get(morph, ())):
        return None
    spans = []
    # a word neighbour only: a one-syllable suffix is too weak a context
    # (문화유산+지 is 遺産地, though NK-HanDic's 유산지 is 硫酸紙 류산지)
    if i + 1 < len(pieces) and pieces[i + 1][2] == "word":
        spans.append((start, pieces[i + 1][1], 0))
    elif i + 1 < len(pieces) and pieces[i + 1][1] == pieces[i + 1][0] + 1 and end - start == 2 \
            and word[end] in _CLASS_SUFFIXES and (i + 2 == len(pieces) or pieces[i + 2][2] == "tail"):
        # a homograph and a one-syllable suffix closing the word: only as
        # Chinese has the three-character word (理工類 이공류, see
        # dictionary.compounds), never as NK-HanDic's (유산+지: 遺産地, not 硫酸紙)
        hit = dictionary.compounds().get(word[start : start + 3])
        if hit and hit[0][:2] != morph and word[start : start + 3] not in tab.words:
            return hit[0][:2], hit[1][:2]
    if i > 0 and pieces[i - 1][2] == "word":
        spans.append((pieces[i - 1][0], end, start - pieces[i - 1][0]))
    for lo, hi, off in spans:
        comp = word[lo:hi]
        readings = tab.sino.get(comp, ())
        if not readings and comp not in tab.words and (hit := dictionary.compounds().get(comp)):
            # a compound only hanja.txt has, or holds at a word boundary
            # (量子物理學: 양자|물리 → 량자물리), read one way by all its entries
            yb, hanja = hit
            if yb[off : off + len(morph)] != morph and comp not in source_only():
                return yb[off : off + len(morph)], hanja[off : off + len(morph)]
            continue
        if not readings or comp in tab.native or comp in source_only():
            continue
        parts = {r.yanbian[off : off + len(morph)] for r in readings}
        if len(parts) == 1 and (yb := parts.pop()) != morph:
            r = readings[0]
            return yb, r.hanja[off : off + len(morph)]
    return None


#: Particles of two syllables or more a one-syllable word takes (열부터, 뇌조차,
#: 입마다), beside the particle heads of :mod:`pipeline.korean.hangul`.
_LONG_PARTICLES = ("부터", "보다", "처럼", "조차", "마다", "마저", "까지", "밖에", "만큼", "대로", "에게", "한테")


#: The copula's forms that can close a noun inside one word (지역임에도, 지역인, 지역일).
_COPULA_SYLLABLES = "임인일"


def _copula_crossing(word: str, start: int, end: int, tab: Any) -> bool:
    """The two-syllable word piece ``word[start:end]`` ends on a syllable of the
    copula (임, 인, 일) followed by nothing or a particle, and its first syllable
    closes a known word begun by the syllable before it: 관광지역임에도 is
    관광|지역|임에도 (地域 and the copula), not 관광지|역임|에도 (歷任 력임)."""
    if end - start != 2 or start == 0 or word[end - 1] not in _COPULA_SYLLABLES:
        return False
    rest = word[end:]
    if rest and not _tail_ok(rest):
        return False
    joined = word[start - 1 : start + 1]
    return joined in tab.words or joined in lexicon()


def _particle_len(rest: str) -> int:
    """Length of the longest particle or ending ``rest`` starts with (0 if none)."""
    return max((len(p) for p in (*_PARTICLE_HEADS, *_LONG_PARTICLES) if rest.startswith(p)), default=0)


def _rare_name_by_title(word: str, prev: str, nxt: str, gap_after: str, gap_before: str) -> bool:
    """``word`` is a two-syllable name (and a particle) beside a title (양용 선수는,
    선수 양용은, 유화 씨): it starts with a surname syllable the initial-sound
    rule would change, is no lexicon word, and the dictionary's reading is rare
    (MeCab cost at or above :data:`_PARTICLE_WORD_COST`: 兩用 량용 9967), while
    a frequent word keeps its reading (여성 기자: 女性 녀성 7097)."""
    from pipeline.korean import dictionary

    stem = word[:2]
    if len(word) < 2 or stem in lexicon() or stem[0] not in _textnames.ambiguous_surnames():
        return False
    if [kind for _s, _e, kind in _pieces(word)] not in (["word"], ["word", "tail"]) or _pieces(word)[0][1] != 2:
        return False
    titles = (*_textnames.TITLES, *_textnames.ADDRESS)
    after = (len(word) == 2 and gap_after == " " and bool(nxt)
             and any(nxt.startswith(t) and _continues(nxt[len(t) :]) for t in titles))
    before = gap_before == " " and bool(prev) and prev.endswith(_textnames.TITLES)
    if not (after or before):
        return False
    hit = dictionary.table().restore(stem)
    return hit is not None and hit.cost >= _PARTICLE_WORD_COST


#: Particles a one-syllable word may take, by whether it ends in a consonant.
_PARTICLES_AFTER_CONSONANT = set("과이은을도의만")
_PARTICLES_AFTER_VOWEL = set("와가는를도의만")
#: A two-syllable form that is also a syllable and a particle (열과, 논과, 나만)
#: is restored without a source only when NK-HanDic saw it in text this often
#: (MeCab cost below this: 論議 론의 8406, 留意 류의 8760, 年度 년도 9481);
#: rarer ones (論過 9969, 裂果 11006, 略圖 …) are more likely a word and its
#: particle. The curated lexicon still decides for its own entries.
_PARTICLE_WORD_COST = 9500


def _noun_particle(morph: str, tab: Any) -> bool:
    """``morph`` (a whole run) may be a one-syllable word and a particle that fits
    it (열+과, 논+과, 노+와, 나+만) and its restorable reading is rare."""
    if len(morph) != 2 or morph in lexicon():
        return False
    fin = split_syllable(morph[0])[2] != 0
    if morph[1] not in (_PARTICLES_AFTER_CONSONANT if fin else _PARTICLES_AFTER_VOWEL):
        return False
    hit = tab.restore(morph)
    return hit is not None and hit.cost >= _PARTICLE_WORD_COST


#: What may follow a 하다 form (해, 했, 한 …) of a one-syllable stem in the same
#: run (약해지고, 약해서, 약했다, 약한데): an ending, not another verb head or a particle.
_HADA_FORMS = set("해했한할합")
_HADA_ENDINGS = set("지졌져진질서야요다고던데니며면게습")


def _stem_ending(morph: str, rest: str, tab: Any) -> bool:
    """``morph`` (a run's first two syllables; ``rest`` the run from its second
    syllable) may be a one-syllable stem and a 하다 form (약+해지고, 약+했다,
    연+한) and its restorable reading is rare (MeCab cost at or above
    :data:`_PARTICLE_WORD_COST`: 略解 략해 9967, 年限 년한 10508), as for a word
    and its particle (see :func:`_noun_particle`); not 요해+한데 (了解: 료해한데)."""
    if morph in lexicon() or rest[0] not in _HADA_FORMS:
        return False
    after = rest[1:]
    if after and (after[0] not in _HADA_ENDINGS or not _tail_ok(rest)):
        return False
    hit = tab.restore(morph)
    return hit is not None and hit.cost >= _PARTICLE_WORD_COST


def _stem_and_ja(morph: str, tab: Any) -> bool:
    """``morph``, a whole run of two syllables, may be a one-syllable verb stem
    and the connective ending -자 "as soon as" (땅이 녹자, 문을 열자): its
    restorable reading is rare (MeCab cost at or above :data:`_PARTICLE_WORD_COST`:
    綠瓷 록자 10963), as for a word and its particle (see :func:`_noun_particle`).
    A noun of 者 or 子 that stands alone without a particle is rarer still;
    the common ones (女子 녀자, 勞資 로자) keep their reading."""
    if morph in lexicon() or morph[1] != "자":
        return False
    hit = tab.restore(morph)
    return hit is not None and hit.cost >= _PARTICLE_WORD_COST


def _stem_before_negation(word: str, nxt: str) -> bool:
    """``word`` is a one-syllable verb stem and 지 before a negation (창문을 열지
    않는다, 옷을 입지 말라): not a rare word (裂指 렬지, 立地 립지) and a particle;
    its restorable reading is rare (see :func:`_stem_ending`)."""
    from pipeline.korean import dictionary

    if len(word) < 2 or word[1] != "지" or word[2:] not in ("", "는", "도", "만") or word[:2] in lexicon():
        return False
    if not nxt.startswith(("않", "말", "못")):
        return False
    hit = dictionary.table().restore(word[:2])
    return hit is not None and hit.cost >= _PARTICLE_WORD_COST


def _place_suffix_veto(word: str, start: int, end: int, yanbian: str) -> bool:
    """A lexicon place name (녕안 寧安) followed by an administrative suffix
    (영안진) whose bare spelling the gazetteer gives two readings (宁安 녕안,
    永安 영안): restored only when the gazetteer reads the full name so
    (영안시 → 녕안시), not before another suffix (훈춘시 영안진: 英安镇)."""
    if end >= len(word) or word[end] not in _PLACE_SUFFIXES:
        return False
    gaz = _textnames.gazetteer()
    bare = gaz.get(word[start:end])
    if bare is None or len(set(bare.readings)) < 2:
        return False
    full = gaz.get(word[start : end + 1])
    return full is None or yanbian + word[end] not in full.readings


_PREV_PARTICLES = ("을", "를", "의", "은", "는", "이", "가", "과", "와", "에")


#: Adverbs that may stand between a verbal noun and its object (직책을 충분히 이행).
_ADVERBS = ("잘", "더", "다", "모두", "제대로", "제때", "제때에", "계속", "적극", "끝까지", "반드시", "확실히")


def _adverb(w: str) -> bool:
    """``w`` is an adverb: one of :data:`_ADVERBS` or a -히/-하게/-적으로 form
    (충분히, 성실하게, 전면적으로) — not a noun with the particle 로 (…로 이행 is 移行)."""
    return w in _ADVERBS or (len(w) >= 2 and (w.endswith(("히", "하게", "적으로"))))


#: Ends of an organisation's name (…협회, …교류중심, …촉진회, …재단): a word of
#: three syllables or more so ending, before a homograph, names the office the
#: homograph is (교류중심 이사이며, 촉진회 이사이자: 理事, not 移徙) — the word
#: class ``@org`` of ``data/collocations.tsv``'s ``prev`` rows.
_ORG_NAME_ENDS = ("회", "중심", "쎈터", "센터", "재단", "연구소", "연구원", "학교", "대학", "그룹", "회사", "공사")


def _prev_is(prev: str, words: tuple[str, ...]) -> bool:
    """The previous word, less one final particle, ends with one of ``words``
    (or is an organisation's name, for the class ``@org``)."""
    stem = prev
    for part in _PREV_PARTICLES:
        if stem.endswith(part) and len(stem) > len(part):
            stem = stem[: -len(part)]
            break
    if "@org" in words and len(stem) >= 3 and stem.endswith(_ORG_NAME_ENDS) and stem not in _native_set():
        return True
    return bool(prev) and (stem.endswith(words) or prev in words)


def _collocation_hits(word: str, prev: str, nxt: str, text: str, ctx: Context,
                      prev2: str = "") -> list[tuple[int, str]]:
    """Restorations of homographs their neighbours decide (``data/collocations.tsv``):
    양식생산 → 량식생산, 전국 노력모범 → 로력모범, 직책을 이행 → 리행, 양호한 → 량호한.
    The form must start a word or a piece of a solid compound (see :func:`_pieces`);
    a Chinese source can still veto (see :func:`_source_choice`)."""
    table = collocations()
    out: list[tuple[int, str]] = []
    bounds: set[int] | None = None
    for form, rows in table.items():
        p = word.find(form)
        while p != -1:
            if p > 0 and bounds is None:
                bounds = {start for start, _end, kind in _pieces(word) if kind in ("word", "suffix")}
            if p == 0 or (bounds is not None and p in bounds) or _inner_prefix(word, p, form):
                before, rest = word[:p], word[p + len(form) :]
                # a coordination (재배와 양식, 양식과 재배) is read before the
                # neighbour rows: the particle joins two nouns of one kind
                for yb, hanja, where, words, unless in sorted(rows, key=lambda r: r[2] != "coord"):
                    if any(u in text for u in unless):
                        continue
                    if where == "next":
                        ok = rest.startswith(words) or (_continues(rest) and nxt.startswith(words))
                        if not ok and len(form) == 1 and ctx.zh and hanja in ctx.zh + ctx.trad:
                            # A one-syllable prefix (老, 女) the source holds may
                            # stand before any known word, listed or not
                            # (老一辈 노세대 → 로세대): only when it is a piece
                            # of its own, not the start of a longer word (노사관계).
                            ok = _lone_prefix(word, p)
                    elif where == "tail":
                        ok = rest.startswith(words)
                    elif where == "before":
                        ok = before.endswith(words)
                    elif where == "coord":
                        ok = not before and _coordinated(rest, prev, nxt, prev2, words)
                    elif where == "count":
                        # 460여명 노력이: a count of persons right before the
                        # noun (no 의 between, no verb 노력하여 after) counts
                        # workers (勞力), not efforts
                        ok = not before and _counted_workers(word, prev, text)
                    else:
                        ok = before.endswith(words) if before else _prev_is(prev, words)
                        if not ok and not before and prev2 and _adverb(prev):
                            ok = _prev_is(prev2, words)  # 직책을 충분히 이행: past an adverb
                    if not ok:
                        continue
                    cand: tuple[str, str] | None = (yb, hanja)
                    if ctx.zh:
                        cand = _source_choice(form, cand, (), ctx)
                    if yb == form:
                        # a row read as printed (연초공업: 煙草, not 年初): an
                        # edit to itself, which keeps the dictionary's reading out
                        out += [(p + k, form[k]) for k in range(len(form))]
                    elif cand:
                        out += [(p + k, yb[k]) for k in range(len(form)) if yb[k] != form[k]]
                    break
            p = word.find(form, p + 1)
    return out


#: A count of persons as a word of its own: 460여명, 1500만명, 3천여명 (no particle).
_PERSON_COUNT = re.compile(r"(?<![\d.,])\d[\d,.]*(?:만|천|백)?여?명\s+")
#: Starts of the light verb 하다 after a noun (노력하여, 노력했다, 노력해).
_VERB_HA = ("하", "해", "했", "한", "함", "합")

def _counted_workers(word: str, prev: str, text: str) -> bool:
    """``word`` is a protected word whose collocation row of kind ``count``
    matches: a count of persons right before it (460여명 노력이: 勞力 "workers",
    where 노력 alone is kept as 努力); the only context that overrides the
    protection, because a count of persons cannot be counted efforts."""
    rows = collocations()
    for form, rs in rows.items():
        if word.startswith(form) and any(r[2] == "count" for r in rs):
            rest = word[len(form):]
            if (prev in ("명", "여명", "만명", "천명", "만여명", "천여명")
                    and re.search(_PERSON_COUNT.pattern + re.escape(word) + r"(?![가-힣])", text) is not None
                    and (rest == "" or (_continues(rest) and not rest.startswith(_VERB_HA)))):
                return True
    return False


#: Conjunctions that join two nouns of one kind (재배와 양식, 재배 및 양식).
_COORD_PARTICLES = ("와", "과", "랑", "이랑", "하고")


def _coordinated(rest: str, prev: str, nxt: str, prev2: str, words: tuple[str, ...]) -> bool:
    """The form (a whole word, then ``rest``) is coordinated with one of
    ``words``: 재배와 양식, 재배 및 양식 (``prev``, ``prev2``), 양식과 재배,
    양식 및 재배 (``rest``, ``nxt``). Two nouns joined so are of one kind, so
    the neighbour names the form's sense (栽培 and 養殖, not 糧食)."""
    def bare(w: str) -> str:
        for c in _COORD_PARTICLES:
            if w.endswith(c) and w[: -len(c)] in words:
                return w[: -len(c)]
        return ""

    if prev and (bare(prev) or (prev == "및" and prev2 in words)):
        return True
    if rest in _COORD_PARTICLES and nxt:
        return any(nxt.startswith(w) and (nxt == w or _continues(nxt[len(w):])) for w in words)
    return False


def _inner_prefix(word: str, p: int, form: str) -> bool:
    """A one-syllable prefix (老 노, 女 여) inside a solid compound, between
    known words (조선족|노|교사|협회, 연변|여|교수): the split leaves it a piece of
    its own, so its ``next`` row may read it (조선족로교사협회); never 餘 after a
    number or counter (수천여교사)."""
    if len(form) != 1 or p == 0 or word[p - 1] in _NUMBER_SYLLABLES or _quantity_yeo(word, p):
        return False
    return any(e == p and kind in ("word", "suffix") for _s, e, kind in _pieces(word)) and _lone_prefix(word, p)


def _lone_prefix(word: str, p: int) -> bool:
    """``word[p]`` is a one-syllable piece nothing else explains, followed by a
    known word in the best split of ``word`` (노|세대; not 노사|관계, 노래, or
    반년|여|동안 where 여 is 餘)."""
    from pipeline.korean import dictionary

    tab = dictionary.table()
    if any(word[p : p + n] in tab.native or _usable(word[p : p + n]) for n in (2, 3)):
        return False  # 노래 (native "song"), 여름, 노사: a word starts here
    pieces = _pieces(word)
    for i, (start, end, kind) in enumerate(pieces):
        if start == p:
            return (kind == "unknown" and end == p + 1 and i + 1 < len(pieces)
                    and pieces[i + 1][2] == "word")
    return False


def _source_choice(morph: str, cand: tuple[str, str] | None, readings: tuple[Any, ...], ctx: Context) -> tuple[str, str] | None:
    """The reading the Chinese source supports for ``morph`` (see _lexicon_hits)."""
    trad = ctx.trad
    zh = ctx.zh or ""

    def held(hanja: str, yb: str) -> bool:
        return all(hanja[k] in trad or hanja[k] in zh for k in range(len(morph)) if yb[k] != morph[k])

    rs = ctx.zh_readings

    def contrary(yb: str) -> bool:
        """Two adjacent source characters read exactly as the South Korean
        syllables (入場 for 입장): the source says the word is the ㅇ one."""
        for k in range(len(morph)):
            if yb[k] == morph[k]:
                continue
            for j in ctx.positions(morph[k]):
                if (
                    (k + 1 < len(morph) and j + 1 < len(rs) and morph[k + 1] in rs[j + 1])
                    or (k > 0 and j > 0 and morph[k - 1] in rs[j - 1])
                ):
                    return True
        return False

    if cand:
        yb, hanja = cand
        return cand if held(hanja, yb) or not contrary(yb) else None
    held_readings = [r for r in readings if r.yanbian != morph and held(r.hanja, r.yanbian)]
    plain = [r for r in readings if r.yanbian == morph and any(
        r.hanja[k] in trad for k in range(len(morph)) if held_readings and held_readings[0].yanbian[k] != morph[k])]
    # The source holding one character of the other reading anywhere (年 in
    # 10余年) is not enough when it also reads the word as printed (延边 for
    # 연변): the dictionary may lack that Hanja (a place name), the source does not.
    if held_readings and not plain and not contrary(held_readings[0].yanbian):
        return (held_readings[0].yanbian, held_readings[0].hanja)
    return None


def _rate_suffix(word: str) -> list[tuple[int, str]]:
    """율 after a vowel or ㄴ inside a word is 率/律: 비율 → 비률.

    Needs no source, or a source holding 率/律 anywhere (汇率 is 환율 in Korean:
    the characters before differ, so the adjacency evidence cannot see it)."""
    out = []
    for k in range(1, len(word)):
        if word[k] == "율" and _open_or_n(word[k - 1]) and _continues(word[k + 1 :]):
            out.append((k, "률"))
    return out


def _particle_i(word: str, k: int) -> bool:
    """``word[k]`` is 이 after a syllable with a final consonant and only a
    particle or ending follows: the subject particle or the copula (문학이,
    문학이며), which no source character makes 理 or 李 unless what follows it
    matches the source too (문학이론 for 文學理論)."""
    return word[k] == "이" and k > 0 and _final(word[k - 1]) != 0 and (
        k + 1 == len(word) or _continues(word[k + 1 :]) or _particle_reading(word[k:]))


def _evidence(word: str, ctx: Context) -> list[tuple[int, str]]:
    """Syllables of ``word`` whose ㄹ/ㄴ original the Chinese source proves.

    A word-initial syllable needs itself and the next syllable to match two
    adjacent source characters' readings; 열/율 after a vowel or ㄴ need the
    syllable before to match too; any other inner syllable needs three matched.
    """
    readings = ctx.zh_readings
    out = []
    for k, syl in enumerate(word):
        rate = k > 0 and syl in ("열", "율") and _open_or_n(word[k - 1])
        cands = ["렬" if syl == "열" else "률"] if rate else undueum(syl)
        best: tuple[int, str] | None = None
        for cand in cands:
            for j in ctx.positions(cand):
                fwd = _match_len(word, k + 1, readings, j + 1, +1)
                back = _match_len(word, k - 1, readings, j - 1, -1)
                total = 1 + fwd + back
                ok = (k == 0 and fwd >= 1) or (rate and back >= 1) or (k > 0 and back >= 1 and total >= 3)
                if ok and fwd == 0 and _particle_i(word, k):
                    ok = False  # 연변문학이 with 文學理(論) in the source: the particle, not 理
                if ok and (best is None or total > best[0]):
                    best = (total, cand)
        if best:
            out.append((k, best[1]))
    return out


def _match_len(word: str, k: int, readings: list[frozenset[str]], j: int, step: int) -> int:
    n = 0
    while 0 <= k < len(word) and 0 <= j < len(readings):
        syl = word[k]
        if syl not in readings[j] and not any(u in readings[j] for u in undueum(syl)):
            break
        n, k, j = n + 1, k + step, j + step
    return n


#: Titles spaced from a preceding name (2016 edition: 김수호 주장).
TITLES = (
    "상무위원", "부위원장", "위원장", "총서기", "부서기", "서기", "부주석", "주석", "부총리", "총리",
    "부주장", "주장", "부성장", "성장", "부시장", "시장", "부현장", "현장", "부부장", "부장",
    "국장", "위원", "주임", "동지",
)
#: Titles safe to space without a Chinese source (not also common nouns).
_SAFE_TITLES = ("상무위원", "부위원장", "위원장", "총서기", "부서기", "부주석", "주석", "부총리", "총리", "부주장", "주장")
_KO_SURNAMES = set("김리박최정강조윤장림한오서신권황안송류전홍고문량손배백허남심로하곽성차주우구민라진지엄채원천방공현함변염여추도소석선설마길위표명기반왕옥맹제모탁습호양증요곡당팽동")


_SAFE_RX = re.compile(
    r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{3})(?=(" + "|".join(_SAFE_TITLES) + r")([\uac00-\ud7a3]*))"
)


def rule_title_space(text: str, ctx: Context) -> list[Edit]:
    """김수호주장 → 김수호 주장: names read from the Chinese source before any
    title, plus (source or not) a safe pattern: a three-syllable word starting
    with a surname before a title that is not also a common noun."""
    titles = "|".join(TITLES)
    edits = []
    names = ctx.person_names(text) if ctx.zh else []
    for name in names:
        for m in re.finditer(r"(?<![\uac00-\ud7a3])" + re.escape(name) + r"(?=(?:" + titles + "))", text):
            edits.append(Edit(m.end(), m.end(), " ", left=len(name), right=2))
    for m in _SAFE_RX.finditer(text):
        if m.group(1)[0] in _KO_SURNAMES and _continues(m.group(3)):
            edits.append(Edit(m.end(), m.end(), " ", left=3, right=2))
    return edits


_DEP = re.compile(
    r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,}) "
    r"(중(?:에서|에는|에|이다|이며|이던|이였|이었|인|의)?|용(?:으로|이다|이며|의)?|적(?:인|으로|이다|이며)?)"
    r"(?![\uac00-\ud7a3])"
)


def rule_dependent_nouns(text: str, ctx: Context) -> list[Edit]:
    """Sino-Korean dependent nouns attach: 회의 중 → 회의중, 학생 용 → 학생용."""
    edits = []
    for m in _DEP.finditer(text):
        last = m.group(1)[-1]
        if _final(last) in (4, 8) or last in ("는", "던"):  # ㄴ/ㄹ: an adnominal verb form (하는 중)
            continue
        if m.group(2)[0] == "적" and _final(last) != 0:
            continue
        space = m.end(1)
        edits.append(Edit(space, space + 1, "", left=len(m.group(1)), right=1))
    return edits


def rule_address(text: str, ctx: Context) -> list[Edit]:
    """Forms of address attach to a name from the source: 리영철 씨 → 리영철씨."""
    edits = []
    for name in ctx.person_names(text) if ctx.zh else []:
        for m in re.finditer(r"(?<![\uac00-\ud7a3])" + re.escape(name) + r" (?=씨)", text):
            sp = m.end() - 1
            edits.append(Edit(sp, sp + 1, "", left=len(name), right=1))
    return edits


def rule_person_names(text: str, ctx: Context) -> list[Edit]:
    """이강 → 리강 after a title, before one, solid with one or in a list of
    names, without a source (see :mod:`pipeline.korean.textnames`)."""
    from pipeline.korean.textnames import person_edits

    if _strict(ctx):
        return []  # a Yanbian-norm text writes 리 for 李: its 이 (or 유, 양 …) is the paper's own
    edits = [Edit(*e) for e in person_edits(text, ctx)]
    if ctx.zh:
        return edits
    runs = [m for m in _HANGUL_RUN.finditer(text)]

    def foreign_name(e: Edit) -> bool:
        # a foreign name NK-HanDic lists without Hanja (노무라 대표, 노아):
        # no Korean surname to restore
        m = next((m for m in runs if m.start() <= e.start < m.end()), None)
        return m is not None and _inside_hanjaless(m.group(), e.start - m.start())

    return [e for e in edits if not foreign_name(e)]


def rule_place_names(text: str, ctx: Context) -> list[Edit]:
    """오대연지 → 오대련지, 요원 → 료원 in a list of places: China's
    administrative divisions (see :mod:`pipeline.korean.textnames`)."""
    from pipeline.korean.textnames import landmark_edits, place_edits

    vetoed = [m.span() for m in _HANGUL_RUN.finditer(text) if not ctx.zh and _ambiguous_full_place(m.group())
              and not _after_northeast_place(text, m.start())]
    edits = {e[0]: Edit(*e) for e in place_edits(text, ctx) if not any(a <= e[0] < b for a, b in vetoed)}
    for e in landmark_edits(text, ctx):
        edits.setdefault(e[0], Edit(*e))
    return list(edits.values())


def rule_person_prior(text: str, ctx: Context) -> list[Edit]:
    """유상민 → 류상민 by a title or in a list of names, in South-norm text
    without a source only: the surname syllable's dominant Yanbian reading
    (:func:`pipeline.korean.textnames.prior_person_edits`)."""
    if ctx.norm != "south" or ctx.zh:
        return []
    from pipeline.korean.textnames import prior_person_edits

    return [Edit(*e) for e in prior_person_edits(text, ctx)]


def rule_place_prior(text: str, ctx: Context) -> list[Edit]:
    """A place whose readings the gazetteer leaves open, read with the dominant
    first syllable, in South-norm text without a source only (see
    :func:`pipeline.korean.textnames.place_edits`)."""
    if ctx.norm != "south" or ctx.zh:
        return []
    from pipeline.korean.textnames import place_edits

    from pipeline.korean.textnames import reading_prior

    vetoed = [m.span() for m in _HANGUL_RUN.finditer(text) if _ambiguous_full_place(m.group())]
    edits = [Edit(*e) for e in place_edits(text, ctx, prior=True) if not any(a <= e[0] < b for a, b in vetoed)]
    # a full name rule place-name leaves because its bare name is also another
    # division's reading as written (용성진: 容城 용성 beside 龙城镇 룡성진): its
    # first syllable as the northeast's names and the prior both read it
    prior = reading_prior()
    for a, b in vetoed:
        mine = [e for e in place_edits(text, ctx) if a <= e[0] < b]
        if mine and all(e[0] == a and prior.get(("place", text[a])) == e[2] for e in mine):
            edits += [Edit(*e) for e in mine]
    return edits


def _after_northeast_place(text: str, start: int) -> bool:
    """The word at ``start`` comes right after (a space, or a comma and a space)
    the full name of a place of the northeast (화룡시 용성진, 룡문촌, 용성진
    화남촌): an address in the home region of the Korean press, so a township's
    full name there is read as the northeast's names read it (龙城镇 룡성진, not
    容城 용성), which :func:`_ambiguous_full_place` would otherwise leave open."""
    from pipeline.korean.textnames import _place_of

    m = re.search(r"([\uac00-\ud7a3]+)(?: |, )$", text[:start])
    if m is None or (m.start() > 0 and text[m.start() - 1].isalnum()):
        return False
    word = m.group(1)
    for key in dict.fromkeys((word, dueum(word[0]) + word[1:])):  # 용문촌, or 룡문촌 as restored
        hit = _place_of(key)
        if hit is None or hit[0] != key:
            continue
        place = hit[1]
        if place.full and place.home and set(place.home) == set(place.readings) and (key == word or word in place.home):
            return True
    return False


def _ambiguous_full_place(word: str) -> bool:
    """``word`` starts with a township's or village's full name (연화향: 莲花乡 련화향) whose
    bare name is, as written, also the reading of another division (延和 연화,
    whose 향 is 延和朝鲜族乡): without a source the written form may well be
    that one, so it is not restored (as :func:`_place_suffix_veto` does for
    lexicon names)."""
    from pipeline.korean.textnames import _place_of

    hit = _place_of(word)
    if hit is None:
        return False
    form, place = hit
    if not place.full or place.major or len(form) < 3 or form[-1] not in _PLACE_SUFFIXES \
            or all(yb == form for yb in place.readings):
        return False
    bare = _textnames.gazetteer().get(form[:-1])
    return bare is not None and form[:-1] in bare.readings


#: A Korean word and its Chinese in brackets right after it: 리삼배(李森培), 류수화(刘秀华).
#: A word and its Chinese gloss in brackets, right after it or after the word's
#: closing quote (‘룡흥지지’(龙兴之地), 《로년세계》(老年世界)).
#: (a note after the characters, an age or a nationality, leaves them a gloss: 류묵란(刘墨兰, 91세))
_GLOSS = re.compile(r"([\uac00-\ud7a3]+)[’”」』》〉]?[(（]([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,8})"
                    r"(?:\s*[,，、]\s*[^()（）\n]{1,20})?[)）]")


def rule_gloss(text: str, ctx: Context) -> list[Edit]:
    """이삼배(李森培) → 리삼배(李森培): a Chinese gloss in brackets right after a
    word is its source, whatever the aligned source says. The word's last
    syllables, one per character, must each be a reading of their character or
    its South Korean form (a translation, 가마우지(鸬鹚), is left alone); a
    syllable that is a South form of exactly one reading and no reading itself
    is restored (李 리: 이 → 리; 刘 류: 유 → 류)."""
    from pipeline.korean.reading import char_readings

    edits: list[Edit] = []
    named: dict[str, str] = {}
    for m in _GLOSS.finditer(text):
        ko, han = m.group(1), m.group(2)
        n = len(han)
        if len(ko) < n:
            continue
        start = m.end(1) - n
        plan: list[tuple[int, str]] = []
        for k, (syl, ch) in enumerate(zip(ko[-n:], han)):
            readings = char_readings(ch)
            if syl in readings:
                continue
            back = {r for r in readings if dueum(r) == syl}
            if len(back) != 1:
                plan = []
                break  # not this character's reading: no gloss of the word
            plan.append((start + k, back.pop()))
        else:
            edits += [Edit(p, p + 1, yb, left=min(1, p - start), right=min(2, m.end(1) - p - 1)) for p, yb in plan]
            if plan and len(ko) == n:
                # the glossed word is a whole word (a name): its reading holds
                # elsewhere in the text too (유수화(刘秀华) 관장은 … 유수화 관장은)
                named[ko] = "".join(dict((p - start, yb) for p, yb in plan).get(k, c) for k, c in enumerate(ko))
    if named:
        seen = {e.start for e in edits}
        for r in _HANGUL_RUN.finditer(text):
            for south, yb in named.items():
                rest = r.group()[len(south) :]
                if r.group().startswith(south) and (not rest or _textnames._name_tail(rest)) and \
                        text[r.end() : r.end() + 1] not in "(（":
                    for k, (a, b) in enumerate(zip(south, yb)):
                        if a != b and r.start() + k not in seen:
                            edits.append(Edit(r.start() + k, r.start() + k + 1, b, right=min(2, len(r.group()) - k - 1)))
    return edits


def _glossed_as_printed(text: str) -> tuple[str, ...]:
    """Words whose Chinese gloss in brackets reads them exactly as printed:
    연상(延商) is 延商, not 聯想, so no rule may change it (the gloss is the
    strongest source there is; see :func:`rule_gloss` for the other way)."""
    if "(" not in text and "（" not in text:
        return ()
    from pipeline.korean.reading import char_readings

    out = []
    for m in _GLOSS.finditer(text):
        ko, han = m.group(1), m.group(2)
        n = len(han)
        if len(ko) >= n and all(s in char_readings(c) for s, c in zip(ko[-n:], han)):
            out.append(m.group(0)[len(ko) - n :])
    return tuple(out)


def _curated(w: str) -> bool:
    return w in lexicon() or w in source_only()


@functools.lru_cache(maxsize=1)
def _native_set() -> frozenset[str]:
    return frozenset(native_words())


_textnames.use(_textnames.Words(continues=_continues, native=_native_set, curated=_curated,
                                ko_surnames=frozenset(_KO_SURNAMES), pieces=_pieces))


#: The rules, in the order they run. Names are what StyleChange.rule records.
RULES: tuple[tuple[str, Callable[[str, Context], list[Edit]]], ...] = (
    ("quotes", rule_quotes),
    ("dates", rule_dates),
    ("numbers", rule_numbers),
    ("loanword", _list_rule("loanword")),
    ("ye", _list_rule("ye")),
    ("saisiot", _list_rule("saisiot")),
    ("spelling", _list_rule("spelling")),
    ("yeo", rule_yeo),
    ("dueum", rule_dueum),
    ("gloss", rule_gloss),
    ("person-name", rule_person_names),
    ("place-name", rule_place_names),
    ("person-name-prior", rule_person_prior),
    ("place-name-prior", rule_place_prior),
    ("title-space", rule_title_space),
    ("dependent-noun", rule_dependent_nouns),
    ("address", rule_address),
)


def postedit_text(
    ko: str, zh: str | None = None, protected: Iterable[str] = (), style: str = "yanbian",
    *, norm: str | None = None,
    _names: dict[str, set[str]] | None = None, _words: dict[str, set[str]] | None = None,
) -> tuple[str, list[StyleChange]]:
    """Apply the norm's rules to ``ko``; return the text and the changes made.

    ``zh`` is the aligned Chinese source (evidence for Sino-Korean words and
    names); ``protected`` strings are never edited inside; ``style`` "south"
    changes nothing (for South Korean outlets). ``norm`` is the norm ``ko`` is
    written in ("south", "yanbian", "unknown"), judged from ``ko`` itself when
    not given (:func:`pipeline.korean.norm.detect_norm`): only South-norm text
    gets the reading priors of ambiguous names (rules ``person-name-prior``,
    ``place-name-prior``).
    """
    if style not in STYLES:
        from pipeline.errors import ConfigError

        raise ConfigError(f"unknown korean_style {style!r} (expected {', '.join(STYLES)})")
    changes: list[StyleChange] = []
    if style == "south" or not ko:
        return ko, changes
    protected = tuple(p for p in protected if p) + _glossed_as_printed(ko)
    if norm is None:
        from pipeline.korean.norm import detect_norm

        norm = detect_norm(_unprotected(ko, protected))
    if not zh:
        protected += _korean_nationals([ko])
    ctx = Context(zh=zh or None, first_text=ko, norm=norm)
    text = ko
    # To a fixed point, so that postedit is idempotent: each rule to its own,
    # and the whole set again while a later rule changed what an earlier one
    # sees (the dependent-noun rule joins 여기 용 into one word the initial-sound
    # rule then reads as a compound).
    for _ in range(5):
        start = text
        for name, rule in RULES:
            for _ in range(20):
                before = text
                remember = (_names is not None and name in MEMORY_RULES) or \
                    (_words is not None and name == "dueum" and not ctx.zh)
                applied: list[Edit] | None = [] if remember else None
                text = _apply(text, rule(text, ctx), protected, name, changes, applied)
                if applied and _names is not None and name in MEMORY_RULES:
                    _remember(before, applied, _names)
                if applied and _words is not None and name == "dueum":
                    _remember_words(before, applied, _words)
                if text == before:
                    break
        if text == start:
            break
    return text, changes


def postedit_segment(seg: Segment, protected: Iterable[str] = (), style: str = "yanbian") -> None:
    """Post-edit ``seg.ko`` in place using ``seg.zh`` as evidence; record changes.

    The Korean of the segment's glossary hits (``seg.terms``) is protected too:
    an editor-approved rendering wins over any rule here."""
    guard = tuple(protected) + tuple(t.ko for t in seg.terms if t.ko)
    seg.ko, changes = postedit_text(seg.ko, seg.zh, guard, style)
    seg.changes.extend(changes)


# ---------------------------------------------------------------- article memory

#: Rules whose changes carry their own evidence for a whole word (a title or a
#: list around a person's name, a place among places, a Chinese gloss): the
#: article-level memory (:func:`postedit_article`) remembers the words they change.
MEMORY_RULES = ("gloss", "person-name", "place-name", "person-name-prior", "place-name-prior")
#: The rule name the memory's own changes are recorded under.
ARTICLE_RULE = "article-name"


def _remember(text: str, applied: list[Edit], names: dict[str, set[str]]) -> None:
    """Record in ``names`` (South form → Yanbian forms) the whole words the
    edits ``applied`` to ``text`` changed: the word without its particle, the
    shortest stem of two or more syllables that holds every changed syllable
    and leaves a particle or nothing (이명학은 → 이명학: 리명학), or a title or
    form of address written solid and a particle (이상각선생이 → 이상각)."""
    for m in _HANGUL_RUN.finditer(text):
        mine = [e for e in applied if m.start() <= e.start < m.end()]
        if not mine or any(e.end > m.end() or len(e.repl) != e.end - e.start for e in mine):
            continue
        if (m.start() and text[m.start() - 1].isalnum()) or (m.end() < len(text) and text[m.end()].isalnum()):
            continue
        word = m.group()
        new = list(word)
        for e in mine:
            new[e.start - m.start() : e.end - m.start()] = e.repl
        last = max(e.end for e in mine) - m.start()
        # a name written solid with its title (리상각선생이 → 리상각), else with a particle
        n = next((n for n in range(max(2, last), min(len(word), 4)) if _textnames.title_tail(word[n:])), 0) \
            or next((n for n in range(max(2, last), len(word) + 1) if _textnames._name_tail(word[n:])), 0)
        if n:
            names.setdefault(word[:n], set()).add("".join(new[:n]))


def _memorable(south: str, yanbian: str, article: str) -> bool:
    """A remembered change holds elsewhere in the article only for a stem of
    two or more syllables that is no word of its own (NK-HanDic, the lexicon,
    the native words: 이상, 요원 may be a name in one sentence and a word in
    another) nor a word and a particle, whose Yanbian form the article as
    given does not already show (리강 and 이강 both: two persons, maybe)."""
    if len(south) < 2 or len(yanbian) != len(south) or south == yanbian:
        return False
    if _textnames.ordinary_word(south) or south in _native_set():
        return False
    if any(_textnames.ordinary_word(south[:k]) and _continues(south[k:]) for k in range(2, len(south))):
        return False
    return re.search(r"(?<![\uac00-\ud7a3])" + re.escape(yanbian), article) is None


#: Suffixes of a settlement's full name (량수진, 룡수촌, 도문시).
_SETTLEMENT_SUFFIXES = frozenset("시현진향촌")


def _article_edits(text: str, memory: dict[str, str], ctx: Context) -> list[Edit]:
    """Edits giving a remembered word (``memory``: South → Yanbian form) its
    Yanbian form where it stands as a whole word, alone or with a particle,
    and (with a source) where the source holds characters read as it."""
    edits: list[Edit] = []
    stems = sorted(memory, key=len, reverse=True)
    for m in _HANGUL_RUN.finditer(text):
        if (m.start() and text[m.start() - 1].isalnum()) or (m.end() < len(text) and text[m.end()].isalnum()):
            continue
        word = m.group()
        south = next((s for s in stems if word.startswith(s) and _textnames._name_tail(word[len(s):])), None)
        if south is None:
            # a remembered settlement's full name heading a solid compound of
            # known words (룡수촌 → 용수촌당지부, 용수촌주재: its institutions)
            south = next((s for s in stems if len(s) >= 3 and s[-1] in _SETTLEMENT_SUFFIXES
                          and word.startswith(s) and _textnames._compound_rest(word[len(s):])), None)
        short = None
        if south is None:
            # a remembered village's or township's short name heading its school
            # or village (룡수촌 → 옛 용수학교, 용수마을: 龙水村's school)
            short = next((s for s in stems if len(s) >= 3 and s[-1] in "촌진향" and word.startswith(s[:-1])
                          and _short_institution(word[len(s) - 1:])), None)
            if short is not None:
                south = short[:-1]
        if south is None or (len(word) > len(south) and short is None and _textnames.ordinary_word(word)):
            continue
        yb = memory[short][:-1] if short is not None else memory[south]
        if ctx.zh and not _textnames._source_reads(ctx, yb):
            continue  # the source of this sentence does not read the name so
        if _native_at(text, m.start()):
            continue
        for k, (a, b) in enumerate(zip(south, yb)):
            if a != b:
                edits.append(Edit(m.start() + k, m.start() + k + 1, b, left=min(k, 2),
                                  right=min(2, len(word) - k - 1)))
    return edits


#: What a village's or a township's short name heads in its own right: its
#: schools and the village itself (룡수학교, 룡수소학교, 룡수마을).
_SHORT_INSTITUTIONS = ("중심소학교", "소학교", "중학교", "학교", "마을")


def _short_institution(rest: str) -> bool:
    """``rest`` is one of :data:`_SHORT_INSTITUTIONS` and a particle or nothing."""
    return any(rest.startswith(h) and _textnames._name_tail(rest[len(h):]) for h in _SHORT_INSTITUTIONS)


#: A Yanbian-spelled surname opening a person's name the text frames (리연학생,
#: 리금하 등, 리춘영, 김현하): the article writes 李 리 itself.
_LI_NAME = re.compile(r"(?<![\uac00-\ud7a3])리[\uac00-\ud7a3]{1,2}(?=\s*[,，、(（]|\s+등\s|\s+(?:"
                      + "|".join(sorted(_textnames.TITLES, key=len, reverse=True)) + r")(?![\uac00-\ud7a3]{2}))")


def _foreign_i_names(sentences: list[str]) -> tuple[str, ...]:
    """The three-syllable names with 이 that a title frames (회장 이상규, 이상규회장)
    in an article that spells two or more other framed names with 리 (리금하,
    리춘영 등): such an article writes 李 리, so its 이 is another surname or a
    Korean national's name as his country spells it, kept as written."""
    text = "\n".join(sentences)
    if len(set(_LI_NAME.findall(text))) < 2:
        return ()
    found: set[str] = set()
    for t in sentences:
        runs = _textnames._runs(t)
        for i, r in enumerate(runs):
            w = r.word
            if len(w) >= 3 and w[0] == "이" and (_textnames._title_before(t, runs, i) or _textnames._title_after(t, runs, i)
                                                or _textnames._solid_title(w)):
                found.add(w[:3])
    return tuple(sorted(found))


def _titled_names(sentences: list[str]) -> tuple[str, ...]:
    """The three-syllable names :func:`_titled_person` finds beside a title (or
    before 등 and a count) in ``sentences``: 양해연 교장 → 양해연."""
    found: set[str] = set()
    for text in sentences:
        runs = list(_HANGUL_RUN.finditer(text))
        for i, m in enumerate(runs):
            word = m.group()
            prev = runs[i - 1].group() if i and not text[runs[i - 1].end() : m.start()].strip() else ""
            nxt = runs[i + 1].group() if i + 1 < len(runs) and not text[m.end() : runs[i + 1].start()].strip() else ""
            if _titled_person(word, prev, nxt, text[m.end() :]):
                found.add(word[:3])
    return tuple(sorted(found))


#: South Korean surname syllables the name rules restore (이 → 리, 유 → 류 …).
_SOUTH_SURNAMES = frozenset("이유임양노여나염용육")
#: 한국 and a mark of nationality right after it (한국인 감독, 한국적 감독 이기형,
#: 한국 국적의): the papers print such a person as the South does. Not 한국의
#: 이명박 대통령 (a head of state the papers read from the Chinese: 리명박).
_KOREA_MARK = re.compile(r"한국(?:인|적|\s?국적의?|출신의?)(?=\s)")


def _korean_nationals(sentences: list[str]) -> tuple[str, ...]:
    """Names of persons a sentence introduces by their nationality of the
    Republic of Korea (한국인 이재민선수, 한국적 감독 이기형: zoglo.net prints
    him so): the papers print them in their own South spelling (이재민, not
    리재민), so without a source they are never restored. The name is the first word of up to three
    after the mark, in the same clause, that starts with a South surname
    syllable, is no known word (이익, 양국, 여성 are restored as before) and
    ends in nothing, a particle or a title."""
    found: set[str] = set()
    for text in sentences:
        for mark in _KOREA_MARK.finditer(text):
            clause = re.split(r"[,.!?;:，。“”\"'‘’()（）《》<>]", text[mark.end() :], maxsplit=1)[0]
            for m in list(_HANGUL_RUN.finditer(clause))[:3]:
                word = m.group()
                if word[0] not in _SOUTH_SURNAMES or any(
                        _textnames.ordinary_word(word[:j]) and _continues(word[j:]) for j in range(2, len(word) + 1)):
                    continue  # 한국 유명 가수, 한국의 이익을: words
                n = next((n for n in (3, 2) if len(word) >= n and not _textnames.ordinary_word(word[:n])
                          and (_textnames._name_tail(word[n:]) or _textnames.title_tail(word[n:]))), 0)
                if n:
                    found.add(word[:n])
                    break
        found.update(_korean_org_members(text))
    return tuple(sorted(found))


#: An organisation of the Republic of Korea by its own name: 한국 in it
#: (한국해외한민족연구소, 한국길림상회) or the order 韓中 that only the Korean
#: side writes (소정한중문화예술협회; China's papers write 中韓 중한), not one of
#: China's Koreans (재한조선족…, 중국조선족…, 재한중국…: Chinese citizens).
_KOREA_ORG = re.compile(r"한국|한중")
_CHINA_ORG = re.compile(r"재한|조선족|중국|중화|중한|교민")
_ORG_WORD_ENDS = ("회", "협회", "학회", "상회", "연구소", "연구원", "재단", "그룹", "회사", "은행", "대학교", "병원", "센터", "쎈터")


def _korean_org_members(text: str) -> set[str]:
    """Names of persons ``text`` gives as members of an organisation of the
    Republic of Korea (:data:`_KOREA_ORG`): the name of three syllables right
    after the organisation's name, solid with a title or before one, or inside
    a bracket after it with a title before (소정한중문화예술협회 이상규회장이,
    한국길림상회 회장 이희강, 한국해외한민족연구소(소장 이윤기)), or right
    before the organisation and its title (이희강 한국길림상회 회장). The papers
    print such a person mostly as the South does, and the name is kept (a false
    change is worse than a miss)."""
    found: set[str] = set()
    runs = list(_HANGUL_RUN.finditer(text))
    for i, m in enumerate(runs):
        org = m.group()
        if len(org) < 4 or not _KOREA_ORG.search(org) or _CHINA_ORG.search(org) \
                or not org.endswith(_ORG_WORD_ENDS):
            continue
        # the name before the organisation and its title (이희강 한국길림상회 회장)
        if i and text[runs[i - 1].end() : m.start()] == " " and i + 1 < len(runs) \
                and text[m.end() : runs[i + 1].start()] == " " and runs[i + 1].group().startswith(_textnames.TITLES):
            prev = runs[i - 1].group()
            if len(prev) == 3 and prev[0] in _SOUTH_SURNAMES and not _textnames.ordinary_word(prev):
                found.add(prev)
        # up to a title and the name: 회장 이희강 / (소장 이윤기) / 이상규회장
        for j in range(i + 1, min(i + 3, len(runs))):
            gap = text[runs[j - 1].end() : runs[j].start()]
            if gap.strip() not in ("", "(", "（"):
                break
            word = runs[j].group()
            if word in _textnames.TITLES:
                continue
            if word[0] not in _SOUTH_SURNAMES or len(word) < 3 or _textnames.ordinary_word(word[:3]):
                break
            rest = word[3:]
            nxt = runs[j + 1].group() if j + 1 < len(runs) else ""
            if _textnames.title_tail(rest) or (not rest or _continues(rest)) and (
                    runs[j - 1].group() in _textnames.TITLES or nxt.startswith(_textnames.TITLES)):
                found.add(word[:3])
            break
    return found


#: The rule name the article's word memory records its changes under.
ARTICLE_WORD_RULE = "article-word"


def _undecided(south: str, yanbian: str) -> bool:
    """``south`` is a Sino-Korean homograph the dictionary does not restore on
    its own (양자 兩者/量子 beside 養子, 양식 糧食 beside 樣式, 영세 零細 beside
    永世), ``yanbian`` one of its readings, and no reading as written is much
    commoner (see :data:`_MEMORY_MARGIN`)."""
    from pipeline.korean import dictionary

    tab = dictionary.table()
    readings = tab.sino.get(south, ())
    mine = [r.cost for r in readings if r.yanbian == yanbian]
    if tab.restore(south) is not None or south in lexicon() or not mine:
        return False
    # a reading as written much commoner than this one (以上 이상 beside 理想
    # 리상, 硏究 연구 beside 聯句): the article may hold both words
    written = [r.cost for r in readings if r.yanbian == south]
    return not written or min(written) + _MEMORY_MARGIN >= min(mine)


#: How much commoner (MeCab cost) the reading as written may be than the
#: remembered one (養殖 양식 9375 beside 糧食 량식 9560 passes; 以上 5649 beside
#: 理想 9143, 有機 9312 beside 柳器 10963 do not).
_MEMORY_MARGIN = 700


def _remember_words(text: str, applied: list[Edit], words: dict[str, set[str]]) -> None:
    """Record in ``words`` (South form → Yanbian forms) the undecided homographs
    (see :func:`_undecided`) the initial-sound rule ``applied`` to ``text``
    restored on the evidence around them (a collocation, a compound: 양자물리 →
    량자물리, 양식 안전 → 량식 안전): the two- or three-syllable word starting
    at the changed syllable."""
    for e in applied:
        if e.end != e.start + 1 or len(e.repl) != 1:
            continue
        m = next((m for m in _HANGUL_RUN.finditer(text) if m.start() <= e.start < m.end()), None)
        if m is None:
            continue
        k = e.start - m.start()
        word = m.group()
        for n in (2, 3):
            south = word[k : k + n]
            if len(south) == n and _undecided(south, e.repl + south[1:]):
                words.setdefault(south, set()).add(e.repl + south[1:])
                break


def _shown_words(article: str, words: dict[str, set[str]]) -> None:
    """Record in ``words`` the undecided homographs (see :func:`_undecided`) the
    article itself already spells the Yanbian way as a word piece (3량자 비트
    beside 반도체양자점: the translator, a glossary term or an editor wrote it)."""
    from pipeline.korean import dictionary

    tab = dictionary.table()
    for m in _HANGUL_RUN.finditer(article):
        word = m.group()
        if not any(c in word for c in "라래랴려례로뢰료루류르리랑량력련렬령례록론롱뢰료룡루류륙륜률륭릉리린림립"):
            continue
        if word in _native_set() or _native_at(article, m.start()):
            continue  # 그리고: a native word, not 그 + 리고
        for start, end, kind in _pieces(word):
            if kind != "word":
                continue
            yb = word[start:end]
            south = south_form(yb)
            if south == yb or not _undecided(south, yb):
                continue
            # weaker evidence than a restoration: the word as written must be
            # no commoner at all (리사장 beside 이사 移徙 "moving house": no)
            costs = {r.yanbian: r.cost for r in tab.sino.get(south, ())}
            if south in costs and costs[south] < costs[yb]:
                continue
            if _name_rule_spelling(article, m.start() + start, south[0]):
                continue  # 리행건이, 량수진: a name the name rules spell so, no word 리행 / 량수
            words.setdefault(south, set()).add(yb)


def _name_rule_spelling(article: str, pos: int, south: str) -> bool:
    """The syllable at ``pos`` of ``article`` is one the person-name or the
    place-name rule would write there itself from its South form ``south``
    (이행건이 → 리행건이, 양수진 → 량수진): the word is a name, no evidence of a
    word's spelling.
    Without this the memory would learn from the stage's own output on a
    second run (postedit_article is idempotent)."""
    from pipeline.korean.textnames import person_edits, place_edits

    line_start = article.rfind("\n", 0, pos) + 1
    line_end = article.find("\n", pos)
    line = article[line_start : line_end if line_end >= 0 else len(article)]
    k = pos - line_start
    probe = line[:k] + south + line[k + 1 :]
    ctx = Context(zh=None, first_text=probe)
    return any(e[0] == k for e in person_edits(probe, ctx)) \
        or any(e[0] == k for e in place_edits(probe, ctx))


#: One-syllable Sino-Korean bound nouns of time and place written solid after a
#: noun (리직+후, 리용+중, 회의+전): they close the word and start nothing.
_BOUND_AFTER = frozenset("후전중내외시간말초")


def _bound_after(word: str, pieces: list[tuple[int, int, str]], i: int) -> bool:
    """Piece ``i`` of ``word`` is one such bound noun, closing the word alone or
    before a particle (이직후, 이직후에): the word before it splits off safely."""
    start, end, _kind = pieces[i]
    return end == start + 1 and word[start] in _BOUND_AFTER \
        and all(k == "tail" for _s, _e, k in pieces[i + 1 :])


def _word_edits(text: str, memory: dict[str, str]) -> list[Edit]:
    """Edits giving a remembered homograph (``memory``: South → Yanbian form) its
    Yanbian form wherever the article's text splits it off as a word of a
    compound or a word with its particle (양자통신, 양자위성을, 양식의), never
    after an unexplained start (a name) nor after a number."""
    edits: list[Edit] = []
    runs = list(_HANGUL_RUN.finditer(text))
    table = collocations()
    for i, m in enumerate(runs):
        if m.start() and (text[m.start() - 1].isdigit() or text[m.start() - 1].isalpha()):
            continue
        word = m.group()
        if not any(s in word for s in memory) or word in _native_set() or _native_at(text, m.start()):
            continue
        if any(s in word and s in table for s in memory):
            # the collocation table decides here first: a neighbour naming the
            # sense read as printed (재배와 양식: 養殖, coordinated with 栽培)
            # keeps the word as it stands
            prev = runs[i - 1].group() if i and not text[runs[i - 1].end() : m.start()].strip() else ""
            prev2 = runs[i - 2].group() if prev and i > 1 and not text[runs[i - 2].end() : runs[i - 1].start()].strip() else ""
            nxt = runs[i + 1].group() if i + 1 < len(runs) and not text[m.end() : runs[i + 1].start()].strip() else ""
            kept = {k for k, syl in _collocation_hits(word, prev, nxt, text, Context(zh=None, first_text=text), prev2)
                    if word[k] == syl}
            if kept:
                continue
        pieces = _pieces(word)
        for i, (start, end, kind) in enumerate(pieces):
            if kind != "word":
                if kind == "unknown":
                    break
                continue
            yb = memory.get(word[start:end])
            if yb is None:
                continue
            if start > 0 and _continues(word[start:]):
                continue  # 위원이고: the copula's ending after a noun, not 이고 (李固)
            if i + 1 < len(pieces) and pieces[i + 1][2] not in ("word", "tail") \
                    and not _bound_after(word, pieces, i + 1):
                continue  # a syllable nothing explains follows: no safe split
            for k, (a, b) in enumerate(zip(word[start:end], yb)):
                if a != b:
                    edits.append(Edit(m.start() + start + k, m.start() + start + k + 1, b,
                                      left=min(start + k, 2), right=min(2, len(word) - start - k - 1)))
    return edits


def postedit_article(
    sentences: list[str], zh: str | list[str | None] | None = None, protected: Iterable[str] = (),
    style: str = "yanbian", *, norm: str | None = None,
) -> list[tuple[str, list[StyleChange]]]:
    """Post-edit the sentences of one article (:func:`postedit_text` each), with
    an article-level memory of names: a word a name rule changed on its own
    evidence in one sentence (rules :data:`MEMORY_RULES`: 사원 이명학에 →
    리명학, 룡흥(龙兴), a list of names) gets the same Yanbian form where the
    article mentions it again with nothing around it (이명학은 → 리명학은),
    recorded under rule ``article-name`` (see :func:`_memorable` for which
    words are remembered). Without a Chinese source it also remembers words:
    an undecided homograph (양자: 量子/兩者 beside 養子) restored on the evidence
    around it in one sentence (a compound, a collocation), or already spelt the
    Yanbian way somewhere in the article, gets that spelling wherever the
    article splits it off again as a word of a compound or a word and its
    particle, recorded under rule ``article-word`` (see :func:`_undecided`,
    :func:`_shown_words`, :func:`_word_edits`). ``zh`` is one Chinese source for
    every sentence (the article), or one per sentence. ``norm`` is the norm the
    article is written in, judged from all its sentences together when not given
    (:func:`pipeline.korean.norm.detect_norm`; see :func:`postedit_text`).
    Idempotent like :func:`postedit_text`.
    """
    if isinstance(zh, list) and len(zh) != len(sentences):
        raise ValueError("postedit_article: one Chinese source per sentence")
    sources: list[str | None] = list(zh) if isinstance(zh, list) else [zh] * len(sentences)
    protected = tuple(p for p in protected if p)
    if norm is None:
        from pipeline.korean.norm import detect_norm

        norm = detect_norm("\n".join(_unprotected(s, protected) for s in sentences))
    # a name a title marks in one sentence (양해연 교장) keeps its spelling where
    # the article mentions it bare (양해연은 …): on sentences without a source
    titled = _titled_names([ko for ko, z in zip(sentences, sources) if not z]) if style != "south" else ()
    # a name the article glosses in Chinese (림춘휘(林春輝)) is read from its gloss (rule gloss), not kept
    glossed = {m.group(1)[-len(m.group(2)):] for ko in sentences for m in _GLOSS.finditer(ko)}
    titled = tuple(t for t in titled if t not in glossed)
    if norm == "south":
        # in South-norm text a name with an ambiguous surname gets its dominant
        # reading (rule person-name-prior): not kept as written
        prior = {s for (kind, s) in _textnames.reading_prior() if kind == "person"}
        titled = tuple(t for t in titled if t[0] not in prior)
    # a person of the Republic of Korea keeps the paper's South spelling (한국인 이재민선수)
    titled += _korean_nationals([ko for ko, z in zip(sentences, sources) if not z]) if style != "south" else ()
    if style != "south":
        titled = titled + _foreign_i_names([ko for ko, z in zip(sentences, sources) if not z])
    names: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    # the word memory spreads a homograph's reading: not in Yanbian-norm text (see _strict)
    word_mem = words if norm != "yanbian" else None
    out = [postedit_text(ko, z, protected if z else protected + titled, style, norm=norm, _names=names,
                         _words=word_mem)
           for ko, z in zip(sentences, sources)]
    article = "\n".join(sentences)
    if style != "south" and not any(sources) and word_mem is not None:
        _shown_words(article, words)
    if style == "south" or not (names or words):
        return out
    # a township of a nationality remembered by its full name is remembered by
    # its short form too (량수조선족향 → 량수향: 양수향을 돌아볼 때)
    for s, ys in list(names.items()):
        short = _textnames.short_township(s)
        if short and len(ys) == 1:
            names.setdefault(short, set()).add(_textnames.short_township(next(iter(ys))) or short)
        # and a township remembers the village named for it (량수진 → 량수촌:
        # 凉水镇 凉水村, 양수촌은): the same name with the village's suffix
        if len(ys) == 1 and len(s) >= 3 and s[-1] in "진향" and _textnames.gazetteer().get(s) is not None:
            (y,) = ys
            if y[-1] == s[-1] and y[:-1] != s[:-1]:
                names.setdefault(s[:-1] + "촌", set()).add(y[:-1] + "촌")
    memory = {s: next(iter(ys)) for s, ys in names.items() if len(ys) == 1 and _memorable(s, next(iter(ys)), article)}
    word_memory = {s: next(iter(ys)) for s, ys in words.items() if len(ys) == 1}
    if not memory and not word_memory:
        return out
    done = []
    for (text, changes), ko, z in zip(out, sentences, sources):
        ctx = Context(zh=z or None, first_text=ko)
        kept = protected if z else protected + titled
        guard = kept + _glossed_as_printed(text)
        new = _apply(text, _article_edits(text, memory, ctx), guard, ARTICLE_RULE, changes) if memory else text
        if word_memory and not ctx.zh:
            new = _apply(new, _word_edits(new, word_memory), guard, ARTICLE_WORD_RULE, changes)
        if new != text:
            # the rules again on the renamed sentence (a fixed point, so that the
            # article's post-editing stays idempotent)
            new, more = postedit_text(new, z, kept, style, norm=norm)
            changes = changes + more
        done.append((new, changes))
    return done
