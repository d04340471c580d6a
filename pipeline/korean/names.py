"""Person and place names in a Chinese sentence, with their Korean readings.

The glossary covers the names editors have approved; this module finds the
others so the pipeline can propose a Hanja reading (status ``proposed``)
instead of letting the MT model transliterate Mandarin (习近平 → 시진핑).

jieba's part-of-speech tags (:mod:`pipeline.zhwords`, the process's one
segmenter) do most of the work (nr person, ns place); a
pattern catches a name right after a title (州长金寿浩) when jieba misses it;
a stop list drops common words jieba tags as names (叶子, 全州 …).
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from typing import Any, Callable, Collection, Iterable, Sequence

from pipeline.korean.reading import DATA, exceptions, read_korean
from pipeline.zhwords import dictionary_path, frequency, pos_tags, word_tag

__all__ = ["NameSpan", "detect_names", "detect_names_in_article", "pos_tags", "remember_names"]

#: Titles that are followed by a person's name in news text.
TITLES = (
    "副委员长", "委员长", "总书记", "副书记", "书记", "副州长", "州长", "副省长", "省长", "副市长", "市长",
    "副县长", "县长", "副主席", "主席", "副总理", "总理", "部长", "局长", "主任",
    "常委", "委员", "厅长", "镇长", "乡长", "村长", "院长", "校长", "总裁", "同志",
    "副指挥长", "指挥长", "副组长", "组长", "秘书长", "副主任", "记者",
    "副总经理", "总经理", "经理", "董事长", "省领导", "市领导", "州领导", "领导",
    "副区长", "区长", "旗长", "副会长", "会长", "社长", "行长", "处长", "所长", "馆长", "团长",
    "政委", "司令员", "总编辑", "主编", "编辑", "通讯员", "摄影",
    # sport: a coach's or a player's role before the name (总教练刘海科, 河南选手李玥瑶)
    "总教练", "主教练", "教练", "选手", "队员", "运动员",
    # a credit line's author (作者：何会泽)
    "作者",
)
#: Titles of a byline or credit line (记者 于洋 摄影 李煦, 编辑：徐卫民): the name after
#: them may end at a space, the line's end, 报道 or 摄.
_BYLINE_TITLES = ("记者", "编辑", "通讯员", "摄影", "主编", "总编辑", "作者")

#: Common surnames, for the title + name pattern.
SURNAME_CHARS = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
    "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤朴全南玄千车元洪裴权禹"
    "习郁卞池乔阎葛骆康谷齐庞颜殷施洪常牛乔文欧阳柴包左宁曲鲁牟伍翟聂焦樊管雍申甘"
    "柳祝"
)

#: Two-character surnames (欧阳修 is 구양수, not 구 + 양수).
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "皇甫", "东方", "令狐", "慕容", "司徒", "尉迟")

#: Words jieba tags nr/ns that are not names in news text.
STOP = frozenset(
    "叶子 全州 全省 全市 全县 全国 我州 本州 我省 我市 各地 各县 各市 州内 省内 "
    "市场 高峰 文明 和平 安全 平安 江山 东方 西方 南方 北方 中央 人民 长城 黄金 "
    "白天 金额 金融 向前 方向 周年 周边 马上 石油 明星 武装 成都市场 龙头 江湖 "
    "城市 城镇 城乡 市区 县城 自治州 自治县 自治区 全区 乡村 农村 村屯 新区 开发区 "
    "乡镇 各乡镇 各乡 各镇 各村 全村 江河 山河 河山 山川 风景区 保护区 景区 园区 社区 城区 辖区 林区 牧区 矿区 灾区 疫区 全县 本县 "
    "湾区 大湾区 大城市".split()
)

PLACE_SUFFIXES = ("朝鲜族自治州", "朝鲜族自治县", "自治州", "自治县", "自治区", "市", "县", "州", "省", "区", "镇", "乡")


@dataclass
class NameSpan:
    """A name at ``zh[start:end]``, its kind ("person"/"place") and reading."""

    start: int
    end: int
    zh: str
    kind: str
    ko: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: Last characters that make a jieba "ns" a Chinese place name worth reading.
_PLACE_END = set("省市县州区镇乡村江河山湖岭岛港湾盟旗屯池")
#: Suffixes of villages and towns: a word before them is a place (金达莱 + 村).
_VILLAGE_SUFFIXES = ("村", "镇", "乡", "屯")
#: New districts and zones (梅河新区); alone they are no name. Before them only the place is a
#: name (梅河 in 梅河新区, 哈尔滨 in 哈尔滨新区, 东湖 in 东湖高新区: the names sets' convention),
#: unless China's division table lists the zone itself as a district (浦东新区, 滨海新区: whole).
_DISTRICT_SUFFIXES = ("新区", "开发区", "经济开发区", "高新区", "管理区")
#: A riverside word after a river's name (海兰 + 江畔).
_RIVER_BANKS = ("江畔", "河畔", "江边", "河边", "江岸", "河岸", "江口", "河口")
_DIRECTIONS = ("东", "西", "南", "北")
#: First characters that make "X乡镇" a phrase, not a name (各乡镇, 全村).
_DETERMINERS = set("各全本我该每诸多几两三此")
#: Landforms whose names jieba tags as places (三江平原, 乌兰布和沙漠); the word alone is none.
_LANDFORMS = ("平原", "沙漠", "草原", "高原", "盆地", "山脉", "半岛", "群岛")
#: Characters of landforms: a two-character word of them only is a kind of place (河湾, 山川).
_LANDFORM_CHARS = set("江河山湖海湾岛岭峰川溪泉港池岸滩")
#: Settlement suffixes that close a place name inside a run (东城镇光东村).
_SETTLEMENT_END = set("镇乡村屯")
#: Facilities named after the place before them (朝阳川国际机场).
_FACILITIES = ("国际机场", "机场", "火车站", "站", "口岸", "港")


#: Last characters of government bodies, never of a person's name (宣传部, jieba: nr).
_ORGAN_END = set("部局厅委办处署")
#: Party and government organs after a place (吉林 + 省委书记 is 吉林省's secretary).
_ORGANS = ("省委", "省政府", "省人大", "省政协", "市委", "市政府", "市人大", "市政协",
           "州委", "州政府", "州人大", "州政协", "县委", "县政府", "县人大", "县政协",
           "区委", "区政府", "区人大", "区政协", "旗委", "旗政府", "盟委", "盟行署")
#: Institutions named after a place (吉林大学, 吉林敖东 + 药业集团).
_INSTITUTIONS = ("大学", "学院", "药业", "集团", "公司", "有限公司", "股份", "银行", "医院", "日报")

#: Words after a company's or brand's name (隆基公司, 康美医疗): a word jieba took for a
#: person before one of them is the company's name.
_COMPANY_WORDS = ("公司", "集团", "股份", "控股", "有限", "药业", "医疗", "科技", "实业", "企业", "品牌", "牌",
                  "银行", "商场", "超市", "酒店", "宾馆", "饭店", "工厂", "制药", "电器", "汽车", "食品", "乳业",
                  "篮球队", "足球队", "排球队", "俱乐部", "战队", "广场", "大街", "大道",
                  "电力", "化工", "啤酒", "半导体", "能源", "传媒", "物流", "地产", "置业", "环保", "矿业", "钢铁",
                  "纺织", "建材", "农业", "牧业", "水泥", "生物", "新材料", "商贸", "电子", "软件", "网络")
#: Parks and zones (宿马 + 现代产业园区: a park named after two cities' first characters): what a
#: place or a firm names, never a person.
_PARK_WORDS = ("现代产业园", "产业园", "工业园", "科技园", "园区", "开发区", "经开区", "高新区", "太阳能", "光伏")
#: Set phrases a country's name begins (中国特色社会主义, 中国式现代化): the names sets
#: do not mark the country there.
_IDEOLOGY = ("特色社会主义", "式现代化")


@functools.lru_cache(maxsize=1)
def _town_short_names() -> frozenset[str]:
    """Townships' names without 镇/乡 of three or more characters (柯柯牙, 杰德秀): the
    place table does not take them alone; a word jieba does not know that is one is a place."""
    from pipeline.korean import divisions

    return frozenset(zh for zh, bits in divisions.index().items()  # the table's index: its strings, no copies
                     if len(zh) >= 3 and not bits & divisions.FULL and divisions.level_of(bits) == "town")


@functools.lru_cache(maxsize=1)
def _province_tails() -> frozenset[str]:
    """County short names that also end a province's name (龙江 for 黑龙江: the papers'
    short form of the province, in 龙江交投, 龙江人): taken only with their suffix (龙江县)."""
    from pipeline.korean import divisions

    detected = [(zh, bits) for zh, bits in divisions.index().items() if bits & divisions.DETECT and not bits & divisions.FULL]
    provinces = [zh for zh, bits in detected if divisions.level_of(bits) == "province"]
    return frozenset(zh for zh, bits in detected if divisions.is_major(bits) and divisions.level_of(bits) != "province"
                     and any(zh in p and not p.startswith(zh) for p in provinces))


def _in_short_quote(zh: str, start: int, end: int) -> bool:
    """Whether ``zh[start:end]`` lies inside a short quotation (“三严三实”, at most
    eight characters between the marks, no punctuation): a slogan, not a name."""
    left = zh.rfind("“", max(0, start - 6), start + 1)
    right = zh.find("”", end, end + 6)
    return left != -1 and right != -1 and right - left - 1 <= 10 \
        and re.fullmatch(r"[\u4e00-\u9fff]+(?:[ \u3000][\u4e00-\u9fff]+)?", zh[left + 1 : right]) is not None


def _generic_settlement(word: str) -> bool:
    """A size or age and a dictionary word for a settlement (小 + 山村, 老 + 村镇): a kind
    of village, no village's name."""
    return len(word) == 3 and word[0] in "小大新老古" and frequency(word[1:]) >= 50

#: Sights named after a lake or river (海龙湖公园, 松花江湿地).
_WATER_SIGHTS = ("公园", "景区", "风景区", "湿地", "水库", "大桥", "流域", "沿岸", "岸边")
#: Bodies and words that follow a place's name (黑瞎子岛管委会, 长白山保护区).
_PLACE_ORGANS = ("管委会", "管理局", "管理委员会", "保护区", "旅游", "森林", "国家", "口岸", "地区")
#: jieba tags of names (a word so tagged before 街道 names the street office).
_NAME_FLAGS = ("ns", "nr", "nrt", "nrfg", "nz", "j")
#: Last characters of streets, temples and shops, hardly ever of a given name (西红庙).
_NOT_NAME_END = set("庙街路巷寺桥店站园馆地楼阁塔")
#: Words for kinds of settlements (小镇 a small town): no settlement's name ends a run with one.
_GENERIC_SETTLEMENTS = frozenset({"小镇", "小城镇", "小村", "乡镇", "村镇", "城镇", "集镇", "农村", "乡村", "山村", "渔村"})
#: Ends of fairs' and games' short names (雪博会, 亚运会, 广交会): no person's.
_FAIR_ENDS = ("博会", "运会", "交会", "洽会", "展会", "冬会", "艺节", "锦赛", "联赛", "大赛", "杯赛")
#: Characters that close a name's clause: a name is not followed by them inside a word
#: (罗杰 + 为团长, 宋名世 + 说).
_AFTER_NAME = set("为在是对将也就说和与同等向从把被给于及的")
#: Characters that start many jieba person entries but are transliteration
#: syllables, not Chinese surnames.
_NOT_SURNAMES = set("阿斯萨格德布奥帕纳尼索玛迪耶巴克拉卡特哈伊埃维瓦托弗赛贝米莫沙普小老大")


def derive_surname_chars() -> str:
    """Surname characters derived from jieba's dictionary: every character that
    starts at least eight three-character person names (tag nr) there, and more
    Chinese than transliterated (nrt) ones, less transliteration syllables.
    Written to ``data/surname_chars.txt`` (reading jieba's 5 MB dictionary
    costs ~1 s per process); a test keeps the file equal to this derivation."""
    import collections
    counts: collections.Counter[str] = collections.Counter()
    foreign: collections.Counter[str] = collections.Counter()
    path = dictionary_path()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "nr" and len(parts[0]) == 3:
                counts[parts[0][0]] += 1
            elif len(parts) == 3 and parts[2] == "nrt":
                foreign[parts[0][0]] += 1
    derived = {c for c, n in counts.items() if n >= 8 and foreign[c] * 2 < n and c not in _NOT_SURNAMES}
    return "".join(sorted(derived))


def derive_name_char_stats() -> str:
    """Per-character statistics of jieba's dictionary for telling a three-character name
    from a common word: for each character, how many three-character person names (tag nr)
    it starts (S) and ends (E), and how many dictionary words of two or more characters it
    starts (F) and ends (A). Written to ``data/name_char_stats.tsv`` (a test keeps the file
    equal to this derivation)."""
    import collections
    s_: collections.Counter[str] = collections.Counter()
    e_: collections.Counter[str] = collections.Counter()
    f_: collections.Counter[str] = collections.Counter()
    a_: collections.Counter[str] = collections.Counter()
    with open(dictionary_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 3 or len(parts[0]) < 2:
                continue
            word, _freq, tag = parts
            f_[word[0]] += 1
            a_[word[-1]] += 1
            if tag == "nr" and len(word) == 3:
                s_[word[0]] += 1
                e_[word[-1]] += 1
    chars = sorted(c for c in set(s_) | set(e_) if re.fullmatch(r"[\u4e00-\u9fff]", c))
    return "".join(f"{c}\t{s_[c]}\t{f_[c]}\t{e_[c]}\t{a_[c]}\n" for c in chars)


@functools.lru_cache(maxsize=1)
def _name_char_stats() -> dict[str, tuple[int, int, int, int]]:
    """``data/name_char_stats.tsv`` (:func:`derive_name_char_stats`): char → (S, F, E, A)."""
    out = {}
    for ln in (DATA / "name_char_stats.tsv").read_text(encoding="utf-8").splitlines():
        if ln and not ln.startswith("#"):
            c, *nums = ln.split("\t")
            out[c] = (int(nums[0]), int(nums[1]), int(nums[2]), int(nums[3]))
    return out


def _name_odds(word: str) -> float:
    """How name-like a three-character word's first and last characters are, by jieba's
    dictionary: the share of the words the first character starts that are three-character
    names (王 0.93, 公 0.16, 农 0.05), times the share of the words the last one ends that
    are (峰 0.58, 化 0.06, 级 0.03)."""
    stats = _name_char_stats()
    s, f, _e, _a = stats.get(word[0], (0, 0, 0, 0))
    _s, _f, e, a = stats.get(word[-1], (0, 0, 0, 0))
    return (s / f if f else 0.0) * (e / a if a else 0.0)


def _ends_names(char: str) -> bool:
    """Whether ``char`` ends three-character person names of jieba's dictionary often enough
    (at least one in fifty of the words it ends: 阻 4/66, 宙 7/12; not 到 2/636)."""
    _s, _f, e, a = _name_char_stats().get(char, (0, 0, 0, 0))
    return bool(a) and e / a >= 0.02


#: Conjunctions and prepositions that are also surnames (和, 同): before a common word they join it.
_CONJUNCTIONS = set("和与及同跟对向")


#: Verbs of awarding, creating and becoming (评为, 争创), and grades (省级, 全国): after one, "X村" with a
#: frequent word X is an honour or a kind of village (文明村, 小康村, 明星村, 示范社区), not a name.
_HONOUR_BEFORE = ("评为", "评选为", "创建", "争创", "成为", "打造", "建成", "建设", "命名为", "授予", "荣获", "创成",
                  "确定为", "列为", "入选", "级", "全国", "先进", "十佳", "百强")


def _honour_title(zh: str, sp: NameSpan) -> bool:
    """Whether a place ending in 村, 屯, 镇, 乡 or 社区 is an honour or a kind after a verb of
    awarding or a grade (争创 + 文明村, 省级 + 小康村): its stem is a dictionary word of 300 or
    more, whatever jieba's tag (文明, 小康, 明星: nr)."""
    unit = "社区" if sp.zh.endswith("社区") else sp.zh[-1]
    if unit not in ("村", "屯", "镇", "乡", "社区"):
        return False
    stem = sp.zh[: len(sp.zh) - len(unit)]
    return len(stem) >= 2 and frequency(stem) >= 300 and zh[: sp.start].endswith(_HONOUR_BEFORE)


def _province_or_prefecture(name: str) -> bool:
    """Whether ``name`` is a province's or prefecture's name, full or short (甘肃, 重庆, 湖南)."""
    from pipeline.korean import divisions

    bits = divisions.index().get(name)
    return bits is not None and divisions.level_of(bits) in ("province", "prefecture")


def _runs_into_a_word(zh: str, sp: NameSpan, offs: list[tuple[int, str, str]]) -> bool:
    """Whether a three-character person's last character begins a frequent adverb, time word,
    conjunction or preposition jieba cut after it (周涛 + 正在, 王强 + 也是): jieba's word runs
    from the name's last character on, and the first two make a surname and a given name."""
    word = next((w for st, w, f in offs if st == sp.end - 1 and len(w) >= 2 and frequency(w) >= 1000
                 and f[:1] in ("d", "t", "c", "p")), None)
    return word is not None and sp.zh[0] in surname_chars()


#: Last characters of institutions and their departments (敬老院, 文化馆, 派出所, 康复科).
_INSTITUTION_END = set("院馆站所室局处部科")


def _institution_word(word: str) -> bool:
    """A three-character dictionary word that is a dictionary word of twenty or more and an
    institution's last character (敬老 + 院, 养老 + 院, 小儿 + 科; jieba tags them as names): no
    person's name (张金科, 尹钧科: their first two characters make no word)."""
    return len(word) == 3 and word[-1] in _INSTITUTION_END and frequency(word) > 0 and frequency(word[:2]) >= 20


def _like_listed_common_word(zh: str, sp: NameSpan, offs: list[tuple[int, str, str]]) -> bool:
    """Whether a "person" is an item of a list (、) whose neighbouring item ends in the same
    character and is a dictionary word jieba does not tag as a name (康复科 beside 急诊科,
    宣传部 beside 组织部): items of one list are alike, and common words end alike; two persons'
    names beside each other are both names (王建华、李建华)."""
    items = []
    if zh[sp.end : sp.end + 1] == "、":
        items.append(next((w for st, w, _f in offs if st == sp.end + 1), ""))
    if sp.start and zh[sp.start - 1] == "、":
        items.append(next((w for st, w, _f in offs if st + len(w) == sp.start - 1), ""))
    return any(len(w) >= 2 and w[-1] == sp.zh[-1] and frequency(w) and not _person_tag(w) for w in items)


def _person_tag(word: str) -> bool:
    return str(word_tag(word) or "").startswith("nr")


def _word_with_a_char(word: str) -> bool:
    """A three-character 'person' that is a frequent common word and one more character, whose
    characters are seldom a name's first and last (公斤 + 级, 智能 + 化, 农家 + 乐, 田径 + 赛):
    jieba's guess of a name around a word, not a name (王国 + 峰 is: 王 and 峰 are name-like)."""
    head = word[:2]
    return len(word) == 3 and word[:2] not in COMPOUND_SURNAMES and frequency(head) >= 100 \
        and not str(word_tag(head) or "").startswith(("nr", "ns", "nz")) and _name_odds(word) < 0.2


@functools.lru_cache(maxsize=1)
def surname_chars() -> frozenset[str]:
    """Surname characters: the hand table plus ``data/surname_chars.txt``
    (derived from jieba's dictionary, see :func:`derive_surname_chars`)."""
    text = (DATA / "surname_chars.txt").read_text(encoding="utf-8")
    derived = {c for ln in text.splitlines() if not ln.startswith("#") for c in ln.strip()}
    return frozenset(SURNAME_CHARS | derived)


@functools.lru_cache(maxsize=1)
def rare_surname_chars() -> frozenset[str]:
    """China's rarer one-character surnames outside :func:`surname_chars` (巢, 蹇, 翦, 郗, 邴):
    ``data/surnames_rare.txt``, from npm chinese-surnames (MIT; see scripts/derive_surnames.py).
    Many are common words too (之, 是, 在), so they count only in strong frames
    (:func:`_rare_surname_names`)."""
    text = (DATA / "surnames_rare.txt").read_text(encoding="utf-8")
    return frozenset(c for ln in text.splitlines() if not ln.startswith("#") for c in ln.strip()) - surname_chars()


@functools.lru_cache(maxsize=1)
def _divisions() -> dict[str, str]:
    """China's provinces, prefectures and counties taken alone as places, name →
    "full" or "short" (:func:`pipeline.korean.divisions.detected`, the one place
    table; its townships and villages: :func:`_settlement_names`)."""
    from pipeline.korean import divisions

    return {zh: "full" if bits & divisions.FULL else "short" for zh, bits in divisions.index().items()
            if bits & divisions.DETECT and divisions.is_major(bits)}


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Places accepted as names: the editors' list (``data/places.txt``) and
    China's divisions, full and short names (拉萨, 迪庆, 永吉县)."""
    lines = (DATA / "places.txt").read_text(encoding="utf-8").splitlines()
    listed = {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}
    return frozenset(listed | set(_divisions()))


def _common_word(word: str) -> bool:
    """A dictionary word jieba tags as something other than a person (小组 n)."""
    tag = word_tag(word)
    return bool(tag) and not str(tag).startswith("nr")


def _common_given(given: str) -> bool:
    """A two-character given name that is a frequent common word (降雨, 新春):
    as a name it needs a title's evidence (副市长张建成)."""
    tag = str(word_tag(given) or "")
    return frequency(given) >= 200 and not tag.startswith(("nr", "ns", "nz"))


def _person_shaped(word: str) -> bool:
    """Surname + one or two characters (three after a two-character surname),
    not ending like a place (包保县 is not a person)."""
    if word[-1] in "县市州省区镇乡村" or word[-1] in _ORGAN_END or word[-1] in _NOT_NAME_END:
        return False
    if word[:2] in COMPOUND_SURNAMES:
        return 3 <= len(word) <= 4
    return word[0] in surname_chars() and 2 <= len(word) <= 3


@functools.lru_cache(maxsize=1)
def _zhou_short_forms() -> frozenset[str]:
    """Short name + 州 of prefectures whose full name ends in 州 (楚雄州 for 楚雄彝族自治州,
    延边州): the papers' usual form, derived from the place table."""
    from pipeline.korean import divisions

    table = [(zh, bits) for zh, bits in divisions.index().items()
             if bits & divisions.DETECT and divisions.level_of(bits) == "prefecture"]
    fulls = [zh for zh, bits in table if bits & divisions.FULL and zh.endswith("州")]
    shorts = {zh for zh, bits in table if not bits & divisions.FULL}
    return frozenset(sh + "州" for sh in shorts if len(sh) >= 2
                     and any(f.startswith(sh) and f != sh + "州" and f.endswith("自治州") for f in fulls))


@functools.lru_cache(maxsize=1)
def _nationalities() -> frozenset[str]:
    """China's nationalities (赫哲族, 朝鲜族): jieba tags some as persons; no names."""
    from pipeline.korean.divisions import ETHNIC

    return frozenset(e + "族" for e in ETHNIC) | frozenset(e + "人" for e in ETHNIC) | {"汉族"}


def _kind(word: str, flag: str) -> str | None:
    if word in STOP or len(word) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", word) or word in _nationalities():
        return None
    if len(word) == 2 and word[0] in _NUMERALS and word[1] in "镇乡村屯":
        return None  # 三乡五村: a count of townships and villages
    if _GENERIC_PLACE.fullmatch(word) or flag == "ns" and word[0] in _DETERMINERS and word not in _places() \
            and not (len(word) >= 4 and word.endswith(_LANDFORMS)):  # not 三江平原
        return None  # 大都市, 山区, 老城区 (jieba: ns) are kinds of places; 各县市 is every county
    if word in _places() or (word[-1] in "市县" and word[:-1] in _places()) or word in _zhou_short_forms():
        return "place"  # 延吉 and 汪清县 are tagged as person names by jieba
    if flag in ("nr", "nrfg", "nrt") and _person_shaped(word):
        # two-character dictionary words tagged nr are mostly common words
        # (陈述, 顾问, 洪水); unknown two-character names still pass (李明)
        if len(word) == 2 and flag in ("nr", "nrfg", "nrt") and frequency(word):
            return None  # (勾勒: nrt)
        if len(word) == 3 and frequency(word) * 20 < frequency(word[1:]) and _common_given(word[1:]):
            return None  # 强 + 降雨, 迎 + 新春: jieba guessed a name around a common word
        if len(word) == 3 and frequency(word) < frequency(word[1:]) and frequency(word[1:]) >= 1000 \
                and not str(word_tag(word[1:]) or "").startswith(("nr", "ns", "nz")):
            return None  # 青 + 少年, 老 + 太太: a dictionary word jieba tags nr around a commoner word
        if len(word) == 3 and frequency(word) and frequency(word[:2]) >= 100 and frequency(word[1:]) >= 50 \
                and not str(word_tag(word[1:]) or "").startswith("nr"):
            return None  # 金银|花, 水稻|田 (jieba: nr): a dictionary word made of two words, no name
        
        return "person"
    if len(word) == 2 and all(c in _LANDFORM_CHARS for c in word) and word not in _places():
        return None  # 河湾, 江河, 山川: generic words of two landform characters (jieba: ns)
    if flag == "ns" and (word[-1] in _PLACE_END or word in _places() or len(word) >= 4 and word.endswith(_LANDFORMS)):
        return "place"  # 三江平原, 乌兰布和沙漠: jieba's place names of plains and deserts
    return None


def detect_names(zh: str) -> list[NameSpan]:
    """Person and place names in ``zh``, in order, not overlapping."""
    tokens = pos_tags(zh)
    spans: list[NameSpan] = []
    pos = 0
    bounds = {0}
    offs: list[tuple[int, str, str]] = []
    for word, flag in tokens:
        offs.append((pos, word, flag))
        pos += len(word)
        bounds.add(pos)
    taken: list[tuple[int, int]] = []

    def place_over(start: int, end: int, inside: list[NameSpan], kind: str = "place") -> None:
        """Take ``zh[start:end]`` as a place (or a person: ``kind``); the spans
        ``inside`` (jieba's pieces of it) give way when nothing else overlaps it."""
        mine = {(sp.start, sp.end) for sp in inside}
        if inside and not any(s < end and start < e for s, e in taken if (s, e) not in mine):
            for sp in inside:
                spans.remove(sp)
                taken.remove((sp.start, sp.end))
        if not any(s < end and start < e for s, e in taken):
            spans.append(NameSpan(start, end, zh[start:end], kind))
            taken.append((start, end))

    k = 0
    while k < len(offs):
        start, word, flag = offs[k]
        nxt = offs[k + 1][1] if k + 1 < len(offs) else ""
        prev_place = bool(spans) and spans[-1].kind == "place" and spans[-1].end == start
        if prev_place:
            run = _settlement_run(offs, k)
            if run:
                for a, b in run:
                    spans.append(NameSpan(a, b, zh[a:b], "place"))
                    taken.append((a, b))
                k = next(i for i in range(k, len(offs)) if offs[i][0] + len(offs[i][1]) == run[-1][1]) + 1
                continue
        kind = _kind(word, flag)
        han = bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", word)) and word not in STOP
        if han and len(word) == 2 and nxt in _RIVER_BANKS and flag.startswith("n") and not frequency(word + nxt[0]) \
                or han and len(word) == 2 and nxt in _RIVER_BANKS and flag == "ns":
            kind = "place"  # 海兰 + 江畔: the river is 海兰江
            word = word + nxt[0]
        if han and len(word) == 2 and flag in ("ns", "nr", "nz") and nxt in ("河", "江", "湖") and k + 1 < len(offs) \
                and offs[k + 1][2] == "ns" and (zh[start + 3 : start + 4] in ("、", "，", "。", "畔", "")
                                                or zh.startswith(_WATER_SIGHTS, start + 3)):
            kind = "place"  # 新州 + 河(ns) + 、: the river is 新州河; 海龙 + 湖 + 公园: the lake is 海龙湖
            word = word + nxt
        if han and kind == "person" and nxt in ("岛", "湖", "山") and k + 2 < len(offs) \
                and (offs[k + 2][2] == "x" or offs[k + 2][1].startswith(_WATER_SIGHTS + _PLACE_ORGANS)):
            kind = "place"  # 黑瞎子(nr) + 岛 + 管委会: an island, a lake or a mountain, no person
            word = word + nxt
        if han and len(word) == 2 and flag in ("n", "ns", "nz", "nr") and nxt == "村村" and not _generic_stem(word):
            kind = "place"  # 良秋 + 村村(党支部): jieba joined the village's suffix with the next 村
            word = word + "村"
        if han and not kind and len(word) == 2 and flag in ("n", "ns", "nz", "j") and nxt in _LANDFORMS \
                and not _generic_stem(word) and word[0] not in _DETERMINERS:
            kind = "place"  # 河套 + 平原: jieba cut the plain's name (not 西部 + 平原)
            word = word + nxt
        if han and flag == "ns" and len(word) >= 4 and word.endswith(("江畔", "河畔")) and kind in (None, "place"):
            kind, word = "place", word[:-1]  # 拉萨河畔 (one jieba word): the river is 拉萨河
        if kind == "place" and len(word) >= 4 and word.endswith("山区"):
            word = word[:-1]  # 长白山 + 区: the mountain's area
        if han and not kind and prev_place and word in _quiet_full_names():
            kind = "place"  # 西安市 + 新城区: a district with a generic name, named so after its city
        if han and flag in _NAME_FLAGS and len(word) <= 3 and nxt == "新村":
            spans.append(NameSpan(start, start + len(word) + 2, word + nxt, "place"))  # 鸿福 + 新村
            taken.append((start, start + len(word) + 2))
            k += 2
            continue
        if han and kind in (None, "person") and prev_place and len(word) <= 4 and flag in ("n", "nz", "j", "nr", "ns") \
                and frequency(word) < 100 and any(word + sfx in _places() for sfx in "县市区旗"):
            kind = "place"  # 伊犁州 + 新源 (新源县), 西藏 + 浪卡子, 深圳 + 宝安 (宝安区): a county's short name right after a place
        if not kind and flag == "ns" and re.fullmatch(r"[\u4e00-\u9fff]{3,8}", word) and word not in STOP \
                and zh.startswith(_PLACE_ONLY_AFTER, start + len(word)):
            kind = "place"  # 珠恩嘎达布其 + 口岸: jieba's place before a word only places take
        if han and prev_place and len(word) == 2 and flag in _NAME_FLAGS \
                and (word + "镇" in _settlements() or word + "乡" in _settlements()):
            kind = "place"  # 珲春 + 敬信 (敬信镇), 龙井 + 三合 (三合镇): a township of the place before
        if han and kind in (None, "person") and len(word) >= 3 and flag in _NAME_FLAGS and word in _town_short_names() \
                and (not frequency(word) or flag in ("ns", "nz") and frequency(word) < 50):
            kind = "place"  # 柯柯牙 (纪念馆), 杰德秀 (围裙): a township's name without 镇, no word jieba knows
        if han and not kind and len(word) == 3 and word[-1] in "山湖岭峰江河" and flag.startswith("nr") \
                and word[0] not in surname_chars():
            kind = "place"  # 拉法山 (jieba: a person)
        if han and (nxt in _VILLAGE_SUFFIXES or nxt in _DISTRICT_SUFFIXES) and (kind or flag.startswith("n")) \
                and (kind or len(word) <= 3 or not frequency(word)) and not _generic_stem(word):
            kind = "place"  # 金达莱 + 村, 梅河 + 新区: whatever jieba tagged the name (not 关键时刻 + 村)
        if han and not kind and len(word) == 2 and nxt in ("村", "屯") and flag.startswith("n") \
                and _village_frame(zh, start + 3, word):
            kind = "place"  # 石门(n) + 村 + 党支部: a common word that names hundreds of China's villages, framed
        if han and zh.startswith(_DISTRICT_SUFFIXES, start + len(word)) and len(word) <= 4 and word[0] not in _DETERMINERS \
                and any(word + sfx in _all_divisions() for sfx in ("镇", "乡", "县", "区", "市")):
            kind = "place"  # 屈原 + 管理区 (屈原镇 is in the table): a zone named after its town, a frequent word or not
        if han and len(word) <= 3 and flag in _NAME_FLAGS and word[0] not in _DETERMINERS and (
                nxt == "街道" or len(nxt) == 1 and k + 2 < len(offs) and offs[k + 2][1] == "街道"):
            kind = "place"  # 青龙 + 街道, 北道 + 埠 + 街道: a street office is named after its place
            word = word if nxt == "街道" else word + nxt
        if han and not kind and len(word) >= 3 and word[-1] in "镇乡村屯" and word[:-1] not in STOP \
                and not _generic_stem(word[:-1]) and not _generic_settlement(word):  # not 第一村, 边境村, 小山村
            kind = "place"  # 柳洞村, 智新镇 (jieba tags them as person names)
        if han and not kind and prev_place and len(word) >= 3 and word[-1] in "区县" and word not in STOP \
                and not frequency(word):
            kind = "place"  # 吉林市 + 船营区 (not 迪庆 + 军分区)
        if not kind and prev_place and re.fullmatch(r"[\u4e00-\u9fff]{4,}", word) \
                and any(word[i] in "镇乡" for i in range(2, len(word) - 1)):
            # 闵行区 + 梅陇镇虹|梅: jieba's word ran over the town's suffix
            cut = next(i for i in range(2, len(word) - 1) if word[i] in "镇乡") + 1
            spans.append(NameSpan(start, start + cut, zh[start : start + cut], "place"))
            taken.append((start, start + cut))
            k += 1
            continue
        if han and not kind and flag == "ns" and nxt.startswith(_ORGANS):
            kind = "place"  # 中甸 + 县委: a party committee's place is a place
        if flag == "ns" and not kind and k + 1 < len(offs) and offs[k + 1][2] == "ns" \
                and len(offs[k + 1][1]) <= 3 and offs[k + 1][1][-1] in "镇乡村屯":
            kind = "place"  # 朝阳 + 川镇
        if flag == "ns" and kind in (None, "place") and prev_place and k + 2 < len(offs) and len(offs[k + 1][1]) == 1 \
                and zh.startswith(_FACILITIES, offs[k + 2][0]):
            kind = "place"  # 延吉 + 朝阳川 + 国际机场: a place inside the airport's name
            word = word + offs[k + 1][1]
            k += 1
        if not kind and re.fullmatch(r"[\u4e00-\u9fff]{4,}|[\u4e00-\u9fff]{3}(?<=队)", word) and word not in STOP \
                and (flag == "nt" or nxt.startswith(_INSTITUTIONS)):  # 吉林 + 大学, 浙江 + 队 (a team: nt)
            prefix = max((p for p in _places() if word.startswith(p) and len(word) > len(p)), key=len, default="")
            if len(prefix) >= 2 and not any(s < start + len(prefix) and start < e for s, e in taken):
                spans.append(NameSpan(start, start + len(prefix), prefix, "place"))  # 吉林 + 大学
                taken.append((start, start + len(prefix)))
            k += 1
            continue
        if not kind:
            k += 1
            continue
        if kind == "place" and word[-1] not in "省市州县区旗盟" and nxt.startswith(_ORGANS):
            word = word + nxt[0]  # 吉林 + 省委书记: the place is 吉林省; 中甸 + 县委: 中甸县
        if kind == "place" and (zh.startswith(_IDEOLOGY, start + len(word))
                                or word in _province_tails() and not zh.startswith("县", start + len(word))
                                or word[0] == "之" and start > 0 and re.match(r"[\u4e00-\u9fff]", zh[start - 1])):
            k += 1  # 中国 + 特色社会主义: a set phrase; 龙江 (交投): 黑龙江's short form; 生命 + 之江: "of"
            continue
        if kind == "person" and word.endswith(_FAIR_ENDS):
            k += 1
            continue  # 太阳岛 + 雪博会: a fair, not a person
        if kind == "person" and _in_short_quote(zh, start, start + len(word)):
            k += 1
            continue  # “三严三实”: a slogan in quotes, not a name
        if kind == "person" and len(word) == 2 and not frequency(word) and k + 1 < len(offs) and offs[k + 1][2] == "ns" \
                and (k == 0 or not offs[k - 1][1].endswith(TITLES)):
            k += 1
            continue  # 游客 + 齐聚 + 龙井市: a verb jieba took for a name; a name is not followed by a place
        if kind == "person" and zh.startswith(_COMPANY_WORDS + _PARK_WORDS, start + len(word)):
            k += 1
            continue  # 隆基 + 公司, 康美 + 医疗: a company's or brand's name, not a person
        if kind == "person" and start > 0 and zh[start - 1] in "“‘「《":
            k += 1
            continue  # “迎新春、送温暖”: a slogan in quotes, not a name
        after_nxt = offs[k + 2][1] if k + 2 < len(offs) else ""
        if kind == "person" and len(word) == 2 and len(nxt) == 2 and nxt[1] in _AFTER_NAME | _ADVERBS \
                and nxt[0] not in _AFTER_NAME and not frequency(word + nxt[0]) and nxt not in _CLOSERS \
                and not str(word_tag(nxt) or "").startswith(("v", "d", "c", "p")) \
                and (nxt[1] in _AFTER_NAME or word[0] in surname_chars() and not frequency(nxt)):
            word = word + nxt[0]  # 宋名 + 世说: jieba took the name's last character (宋名世 + 说)
            if nxt[1] in _ADVERBS:
                k += 1  # 叶林 + 养正(nr) + 和村民: the name is 叶林养, 正 "now" (养正 is no second name)
        elif kind == "person" and len(word) == 2 and word[0] in surname_chars() and len(nxt) == 1 \
                and re.fullmatch(r"[\u4e00-\u9fff]", nxt) and nxt not in _AFTER_NAME | _FUNCTION_CHARS | _NOT_GIVEN_END | _ADVERBS | _ADMIN_END \
                and not frequency(word + nxt) and nxt not in _NUMERALS \
                and offs[k + 1][2][:1] not in ("d", "p", "c", "u", "r") \
                and (after_nxt.startswith(_CLOSERS) or after_nxt in _CLOSING_MARKS
                     or len(after_nxt) == 2 and offs[k + 2][2] == "v" and frequency(after_nxt) >= 1000):
            word = word + nxt  # 张洪 + 彬 + 率领, 马志 + 有 + 陪同: jieba left the given name's last character alone
            k += 1
        elif kind == "person" and len(word) == 2 and word[0] in surname_chars() and nxt in _PREPOSITIONS \
                and after_nxt.startswith(_CLOSERS) and not frequency(word + nxt) \
                and (k == 0 or offs[k - 1][2] == "x" or offs[k - 1][1].endswith(TITLES)):
            # 市长 + 董保 + 同 + 出席: a preposition needs its object, so right before a reporting verb
            # the character is the given name's last (董保同)
            word = word + nxt
            k += 1
        elif kind == "person" and len(word) == 2 and nxt == "中" and k + 1 < len(offs) and offs[k + 1][2] == "f" \
                and (k + 2 >= len(offs) or offs[k + 2][1][:1] in _AFTER_NAME or offs[k + 2][2] == "x"
                     or offs[k + 2][1].startswith(_CLOSERS)):
            word = word + nxt  # 王伟 + 中(f) + 为: the name is 王伟中, not 王伟 "in"
        if kind == "place" and len(word) == 2 and word[-1] in "江河" and k > 0 and len(offs[k - 1][1]) == 1 \
                and offs[k - 1][2] in ("n", "ng", "nz") and not (spans and spans[-1].end > start - 1):
            start, word = start - 1, offs[k - 1][1] + word  # 海 + 兰江: jieba split the river's name
        elif kind == "place" and len(word) == 2 and word[-1] in "山湖岭峰" and k > 0 and offs[k - 1][1] in _DIRECTIONS \
                and offs[k - 1][2] == "f" and not (spans and spans[-1].end > start - 1):
            start, word = start - 1, offs[k - 1][1] + word  # 西 + 土山
        if kind == "place" and len(word) == 2 and word[-1] in _PLACE_END and word not in _places() \
                and 0 < frequency(word) < 100 and word == offs[k][1] and offs[k][2] == "ns" \
                and not zh.startswith(PLACE_SUFFIXES, start + 2):
            k += 1  # 漫山 (all over the hills), 临港 (by the port): rare dictionary words, no names
            continue  # alone (the rivers and mountains news names, 嫩江, 阴山, 天池, are frequent)
        end = start + len(word)
        if kind == "place":
            # adjacent place pieces are one name (朝阳 + 川镇), then a suffix (延吉 + 市)
            while k + 1 < len(offs) and offs[k + 1][2] == "ns" and len(offs[k + 1][1]) <= 3 \
                    and offs[k + 1][1][-1] in "镇乡村屯" and offs[k + 1][1] not in STOP \
                    and offs[k + 1][1][0] not in _DETERMINERS:
                k += 1
                end = offs[k][0] + len(offs[k][1])
            if k + 1 < len(offs) and offs[k + 1][1] in _DISTRICT_SUFFIXES \
                    and zh[start:end] + offs[k + 1][1] in _places():
                # one rule for zones (n19): a zone China's division table lists is a district,
                # named whole like any county (浦东新区, 滨海新区); any other zone (梅河新区,
                # 两江新区, 东湖高新区, 哈尔滨新区) is a development zone whose name is the place
                # inside it (梅河, 两江, 东湖, 哈尔滨): 新区/高新区/开发区 is read as a common word
                k += 1
                end = offs[k][0] + len(offs[k][1])
            end = _extend_place(zh, end, offs, k)
            if zh[end - 1 : end] not in _VILLAGE_SUFFIXES and end < len(zh) and zh[end] in _VILLAGE_SUFFIXES:
                end += 1
            for a, b in _split_places(zh, start, end):
                if zh[a:b] not in STOP and not _COUNT.fullmatch(zh[a:b]):  # 大湾 + 区 is 大湾区, a common word
                    spans.append(NameSpan(a, b, zh[a:b], kind))
                    taken.append((a, b))
        else:
            spans.append(NameSpan(start, end, zh[start:end], kind))
            taken.append((start, end))
        k += 1
    words = [(st, st + len(w)) for st, w, f in offs if len(w) > 1 and not f.startswith("nr") and frequency(w)]
    common = [(st, st + len(w)) for st, w, f in offs if len(w) > 1 and f not in _NAME_FLAGS and frequency(w)]
    nr3 = {(st, st + 3) for st, w, f in offs if len(w) == 3 and f == "nr"}
    after_roles = [(a, b) for a, b in _after_titles(zh, bounds, words, common, nr3, _ROLE_RE) if _role_named(zh[a:b])]
    for start, end in _after_titles(zh, bounds, words, common, nr3) + after_roles:
        same = [sp for sp in spans if (sp.start, sp.end) == (start, end) and sp.kind == "place"]
        shorter = [sp for sp in spans if sp.kind == "person" and sp.start == start and sp.end < end]
        if same and zh.startswith(_CLOSERS, end):
            same[0].kind = "person"  # 旗委书记 + 兴安 + 主持: a person with a place's name
        elif shorter and end - start == 3 and _ends_names(zh[end - 1]) \
                and zh[end - 1] not in _AFTER_NAME | _JOINS_NAME | _ADVERBS | _NOT_GIVEN_END | _FUNCTION_CHARS \
                and _lone_morpheme(offs, end - 1) \
                and not any(s < end and start < e for s, e in taken
                                                        if (s, e) != (shorter[0].start, shorter[0].end)):
            # 董事长 + 王彤|宙 + 等: jieba's person is the title's name cut short (its last
            # character a morpheme jieba left alone); the closed name after the title is the name
            spans.remove(shorter[0])
            taken.remove((shorter[0].start, shorter[0].end))
            spans.append(NameSpan(start, end, zh[start:end], "person"))
            taken.append((start, end))
        elif not any(s < end and start < e for s, e in taken):
            spans.append(NameSpan(start, end, zh[start:end], "person"))
            taken.append((start, end))
        elif zh[start] in _PREPOSITION_SURNAMES:
            # 秘书长 + 向|文虎 + 、: jieba's person (文虎) inside the name, its surname taken for a preposition
            place_over(start, end, [sp for sp in spans if sp.start == start + 1 and sp.end == end], "person")
    for i in range(len(offs) - 2):
        # a surname jieba cut off its given name (王|立德 一行, ，颜|建国 对, ；吴|剑锋 帮助): closed by a
        # reporting word, or by a preposition or a frequent verb after a clause boundary
        start, word, flag = offs[i]
        given, gflag = offs[i + 1][1], offs[i + 1][2]
        after = offs[i + 2][1]
        strong = after.startswith(_CLOSERS) or after in ("等", "同志")
        if flag in ("nr", "n", "ng") and len(word) == 1 and word in surname_chars() and 1 <= len(given) <= 2 \
                and re.fullmatch(r"[\u4e00-\u9fff]+", given) and gflag[:1] in ("n", "a", "v") \
                and not frequency(word + given) \
                and (strong or flag == "nr" and (after[:1] in _AFTER_NAME or len(after) == 2 and offs[i + 2][2] == "v"
                                                  and frequency(after) >= 1000) and (i == 0 or offs[i - 1][2] == "x")) \
                and not any(s < start + 1 + len(given) and start < e for s, e in taken):
            end = start + 1 + len(given)
            spans.append(NameSpan(start, end, zh[start:end], "person"))
            taken.append((start, end))
    for start, end in _surname_and_place(zh, offs):
        inside = [sp for sp in spans if start <= sp.start and sp.end <= end]
        if not any(s < end and start < e for s, e in taken if (s, e) not in {(sp.start, sp.end) for sp in inside}):
            for sp in inside:  # 张|安顺: the place jieba saw is the given name
                spans.remove(sp)
                taken.remove((sp.start, sp.end))
            spans.append(NameSpan(start, end, zh[start:end], "person"))
            taken.append((start, end))
    for i in range(len(offs) - 1):
        # a name before a title (罗杰书记, 王刚同志): jieba's person tag with the title's evidence
        start, word, flag = offs[i]
        if flag in ("nr", "nrfg") and 2 <= len(word) <= 3 and _person_shaped(word) \
                and offs[i + 1][1] in _TITLES_AFTER and word not in STOP and not _common_word(word) \
                and not (i > 0 and offs[i - 1][2] == "ns" and offs[i - 1][0] + len(offs[i - 1][1]) == start) \
                and not any(s < start + len(word) and start < e for s, e in taken):
            spans.append(NameSpan(start, start + len(word), word, "person"))
            taken.append((start, start + len(word)))
    for i in range(1, len(offs) - 1):
        # a four-character name between a title and a reporting verb (省长巴音朝鲁主持):
        # Mongolian and other non-Han names jieba tags as places or unknown
        start, word, flag = offs[i]
        if len(word) == 4 and re.fullmatch(r"[\u4e00-\u9fff]{4}", word) and flag in ("ns", "nr", "nrt", "nrfg", "nz") \
                and word[-1] not in _PLACE_END and offs[i - 1][1].endswith(TITLES) \
                and (offs[i + 1][1] in _CLOSERS or offs[i + 1][1] in ("、", "，")) \
                and not any(s < start + 4 and start < e for s, e in taken):
            spans.append(NameSpan(start, start + 4, word, "person"))
            taken.append((start, start + 4))
    for m in _PHOTO_CREDIT.finditer(zh):
        # a photo credit (平措旺堆 摄): whoever took the picture
        start, end = m.span(1)
        if not _common_word(m.group(1)) and m.group(1) not in STOP and m.group(1) not in _places() \
                and not _TITLE_RE.search(m.group(1)) and not any(s < end and start < e for s, e in taken) \
                and not any(start <= st and st + len(w) <= end and len(w) > 1 and frequency(w) >= 100
                            and f not in _NAME_FLAGS for st, w, f in offs):  # 资料图片 摄
            spans.append(NameSpan(start, end, m.group(1), "person"))
            taken.append((start, end))
    for i in range(len(offs) - 2):
        # a four-character name jieba cut in two before a title, at a clause's start (尼玛|扎西 + 委员)
        start, word, flag = offs[i]
        second, sflag = offs[i + 1][1], offs[i + 1][2]
        if len(word) == 2 and len(second) == 2 and flag in ("nr", "nrt", "nrfg") and sflag in ("nr", "nrt", "ns", "nz") \
                and re.fullmatch(r"[\u4e00-\u9fff]{4}", word + second) and offs[i + 2][1] in _TITLES_AFTER + ("委员", "代表") \
                and (start == 0 or zh[start - 1] in _BEFORE_NAME) and not frequency(word + second) \
                and not any(s < start + 4 and start < e for s, e in taken if not (start <= s and e <= start + 4)):
            for sp in [sp for sp in spans if start <= sp.start and sp.end <= start + 4]:
                spans.remove(sp)
                taken.remove((sp.start, sp.end))
            spans.append(NameSpan(start, start + 4, word + second, "person"))
            taken.append((start, start + 4))
    flag_of = {st: f for st, _w, f in offs}
    prev_flag = {st + len(w): f for st, w, f in offs}
    for m in re.finditer("同志", zh):
        # 免去 + 额尔其图 + 同志: a name of up to four characters before 同志, starting after a verb, a
        # preposition or a clause's edge, holding no common word (not 全体|同志, 老|同志)
        e = m.start()
        for n in (4, 3, 2):
            a = e - n
            name = zh[a:e]
            if a < 0 or a not in flag_of or not re.fullmatch(r"[\u4e00-\u9fff]+", name) \
                    or not (a == 0 or prev_flag.get(a, "")[:1] in ("v", "p", "x")):
                continue
            inside = [sp for sp in spans if a <= sp.start and sp.end <= e and sp.kind == "person"]
            if name in STOP or name in _places() or _TITLE_RE.search(name) \
                    or any(c in _NOT_IN_STEM - {"和"} for c in name) or name[-1] == "和" and n < 4 \
                    or frequency(name) and not str(word_tag(name) or "").startswith("nr") \
                    or any(len(w) > 1 and frequency(w) >= 20 and not f.startswith(("nr", "ns", "nz"))
                           for w, f in pos_tags(name)) \
                    or any(s < e and a < t for s, t in taken if (s, t) not in {(sp.start, sp.end) for sp in inside}):
                continue  # (巴图孟和: 和 in a Mongolian name of four characters)
            for sp in inside:
                spans.remove(sp)
                taken.remove((sp.start, sp.end))
            spans.append(NameSpan(a, e, name, "person"))
            taken.append((a, e))
            break
    for m in _LED_BY.finditer(zh):
        # 在扎西平措的带领下: whoever leads, helps or guides is a person when the words hold no common word
        start, end = m.span(1)
        name = m.group(1)
        if name not in STOP and name not in _places() and not _TITLE_RE.search(name) \
                and not (frequency(name) and not str(word_tag(name) or "").startswith("nr")) \
                and not any(len(w) > 1 and frequency(w) >= 50 and not f.startswith(("nr", "ns", "nz"))
                            for w, f in pos_tags(name)) \
                and not any(c in _NOT_IN_STEM for c in name):
            inside = [sp for sp in spans if start <= sp.start and sp.end <= end]
            if not any(s < end and start < e for s, e in taken if (s, e) not in {(sp.start, sp.end) for sp in inside}):
                for sp in inside:
                    spans.remove(sp)
                    taken.remove((sp.start, sp.end))
                spans.append(NameSpan(start, end, name, "person"))
                taken.append((start, end))
    for m in _BIO.finditer(zh):
        # a biography's head (齐扎拉，男，藏族，1958年8月生): the name of whoever it is
        start, end = m.span(1)
        if end in bounds and not _common_word(m.group(1)) and m.group(1) not in STOP \
                and not any(s < end and start < e for s, e in taken):
            spans.append(NameSpan(start, end, m.group(1), "person"))
            taken.append((start, end))
    for start, end in _division_names(zh, bounds):
        # 图木舒克市, which jieba cut into 图木|舒克 (a "person") + 市
        place_over(start, end, [sp for sp in spans if start <= sp.start and sp.end <= end
                                and (sp.kind == "person" or sp.end - sp.start < end - start)])  # 昌都 of 昌都市
    for start, end in _grassroots_units(zh, offs, spans):
        # 东湖街道, 利一社区, 永兴花苑社区: the street office or the community, with its suffix
        place_over(start, end, [sp for sp in spans if start <= sp.start and sp.end <= end
                                or sp.start == start - 1 and start < sp.end <= end and zh[sp.start] in "省市县区旗"])
        before = [sp for sp in spans if sp.kind == "place" and sp.end == start - 1 and zh[sp.start : start] in _places()]
        if before and not any(s < start and start - 1 < e for s, e in taken if (s, e) != (before[0].start, before[0].end)):
            # 富阳 + 区|富春街道: jieba joined the division's suffix to the unit's name
            taken.remove((before[0].start, before[0].end))
            spans[spans.index(before[0])] = NameSpan(before[0].start, start, zh[before[0].start : start], "place")
            taken.append((before[0].start, start))
    named_after = _named_after_places(zh, bounds)
    for start, end in named_after:
        # 鄞州 + 中学, 内江 + 讯, （开封）: the division an institution or a dateline names
        over = [sp for sp in spans if sp.start < end and start < sp.end and sp.kind == "place"
                and sp.start <= start and end <= sp.end and sp.zh not in _places()]  # 网内江
        place_over(start, end, over + [sp for sp in spans if start <= sp.start and sp.end <= end and sp not in over])
    for start, end in _zone_stems(zh, offs):
        # 太白|湖 + 新区: a zone named after a lake or a mountain jieba cut in two
        if not any(s < end and start < e for s, e in taken):
            spans.append(NameSpan(start, end, zh[start:end], "place"))
            taken.append((start, end))
    for start, end in _settlements_after(zh, spans, offs):
        # 乡野|江村: jieba's piece of 野江村
        place_over(start, end, [sp for sp in spans if sp.kind == "place" and start <= sp.start and sp.end <= end])
    for start, end in _settlement_names(zh, offs):
        # jieba's pieces inside the name (光|东村), or places of a run it cut
        # across the name (汪清镇 + 镇春|和|村 → 镇春和村), give way to the name
        inside = [sp for sp in spans if sp.start < end and start < sp.end and (sp.start, sp.end) != (start, end)
                  and (start <= sp.start and sp.end <= end
                       or sp.kind == "place" and sp.zh not in _settlements() and sp.zh not in _places())]
        place_over(start, end, inside)
    for start, end in _settlements_after(zh, spans, offs):
        # again after the table's townships (宝力根苏木 + 希日塔拉嘎查)
        if not any(s < end and start < e for s, e in taken):
            spans.append(NameSpan(start, end, zh[start:end], "place"))
            taken.append((start, end))
    for start, end in _ethnic_townships(zh):
        # 街津口赫哲族乡, not jieba's 赫哲族 + 乡
        place_over(start, end, [sp for sp in spans if start <= sp.start and sp.end <= end])
    flag_at = {st: f for st, _w, f in offs}
    for m in _DOT_NAME.finditer(zh):
        # a name whose parts a middle dot joins (艾尔肯·吐尼亚孜): after a title, a closer,
        # or over a person jieba found in a part of it, it is one person
        start, end = m.span()
        dots = [i for i, ch in enumerate(m.group()) if ch in "·•‧・．"]
        # the run may hold the title before the name and the verb after it:
        # 院长 + 阿不都热克甫·吐木尼牙孜 + 向外宾
        start += max((t.end() for t in _TITLE_RE.finditer(m.group()[: dots[0]])), default=0)
        # ... or a function word or a frequent common word of jieba's before the name's first part
        # (省政府 + 对 + 尼古拉斯·伯恩斯, 驻华大使 + 尼古拉斯·伯恩斯): a transliterated part holds neither
        dot_at = m.start() + dots[0]
        start = max([start] + [st + len(w) for st, w, f in offs if start <= st and st + len(w) <= dot_at - 2
                               and (len(w) == 1 and w in _FUNCTION_CHARS
                                    or len(w) >= 2 and frequency(w) >= 1000 and not f.startswith("nr")
                                    and f not in ("ns", "nrt", "x"))])
        # ... or where jieba's transliterated word (nrt) right before the dot starts, after a word of
        # the language (美国 + 驻华大使 + 尼古拉斯(nrt)·伯恩斯)
        start = max([start] + [st for st, w, f in offs if f == "nrt" and len(w) >= 2 and st + len(w) == dot_at
                               and st > start and (st == 0 or zh[st - 1] not in "·•‧・．")])
        last = m.start() + dots[-1] + 1  # the last part's first character
        tail = zh[last:end]
        if zh[end : end + 1] in _CLOSING_MARKS and len(tail) <= 8 and not any(c in _FUNCTION_CHARS for c in tail) \
                and not any(w in tail for w in _CLOSERS):
            pass  # 主席努尔兰·阿不都满金、: the whole run up to a list comma is the name (阿不都: jieba's 阿|不|都)
        else:
            end = next((p for p in range(last + 2, end) if p in bounds
                        and (zh[p] in _AFTER_NAME or zh.startswith(_CLOSERS, p)
                             or flag_at.get(p, "")[:1] in ("v", "p", "c", "d"))
                        and not _lone_syllable(zh, p, flag_at)
                        or zh[p] in _FUNCTION_CHARS), end)  # + 深入, 了解, 来到; 吐尼亚孜 + 在 (jieba: 孜在)
        if m.start() + dots[0] - start < 2:
            continue
        parts = [sp for sp in spans if start <= sp.start and sp.end <= end]
        titled = zh[:start].rstrip("：:").endswith(TITLES) or _closed(zh, end)
        if (titled or any(sp.kind == "person" for sp in parts)) and all(sp.kind == "person" for sp in parts) \
                and not any(s < end and start < e and not (start <= s and e <= end) for s, e in taken):
            for sp in parts:
                spans.remove(sp)
                taken.remove((sp.start, sp.end))
            spans.append(NameSpan(start, end, zh[start:end], "person"))
            taken.append((start, end))
    for start, end in _exception_places(zh):
        # the editors' places take over jieba's pieces of them (布尔哈 + 通河: not the county 通河)
        place_over(start, end, [sp for sp in spans if start <= sp.start and sp.end <= end])
    for st, w, _f in offs:
        # a county's or prefecture's short name the table does not take alone (萝北, 阿里:
        # common words first) before a word only places take (萝北 + 口岸, 阿里 + 地委)
        after = zh[st + len(w) :]
        if 2 <= len(w) <= 4 and w in _quiet_short_names() \
                and (after.startswith(_PLACE_ONLY_AFTER) or after.startswith(_COUNTY_INSTITUTIONS) and _rare_or_place(w)) \
                and not any(s < st + len(w) and st < e for s, e in taken):
            spans.append(NameSpan(st, st + len(w), w, "place"))
            taken.append((st, st + len(w)))
    for m in _CAPTION.finditer(zh):
        # a photo caption's person (农前朝（左二）): a surname and a given name that is no dictionary word
        start, end = m.span(1)
        if m.group(1)[0] in surname_chars() and not frequency(m.group(1)) and not _common_word(m.group(1)) \
                and not any(s < end and start < e for s, e in taken):
            spans.append(NameSpan(start, end, m.group(1), "person"))
            taken.append((start, end))
    common_at = [(st, st + len(w)) for st, w, f in offs if len(w) > 1 and frequency(w) >= 20 and f not in _NAME_FLAGS]
    for start, end in _stem_settlements(zh):
        # a village or township whose stem jieba does not know (的阿布洛哈村, 该镇阿克萨依村, 扁|牙|村地处,
        # 从门董村迁至): at a clause's edge, its stem holds no common word (到贫困村, 来到这个村)
        place_over(start, end, [sp for sp in spans if start <= sp.start and sp.end <= end
                                or sp.kind == "place" and sp.start < end and start < sp.end
                                and sp.zh[-1] in _SETTLEMENT_END and sp.end == end])
    for m in _LIST_ITEM.finditer(zh):
        start, end = m.span()
        if zh[start:end] in _places() and not any(s < end and start < e for s, e in taken):
            spans.append(NameSpan(start, end, zh[start:end], "place"))  # 安图、和|龙、龙井: a list of places
            taken.append((start, end))
    persons = [sp for sp in spans if sp.kind == "person"]
    for sp in persons:
        # 潘伟|行、陈涛: jieba left a list item's last character out of the name
        pe = sp.end
        if len(sp.zh) == 2 and sp.zh[0] in surname_chars() and pe + 1 < len(zh) and zh[pe + 1] == "、" \
                and re.match(r"[\u4e00-\u9fff]", zh[pe]) and pe in bounds and pe + 1 in bounds \
                and not frequency(sp.zh + zh[pe]) and zh[pe] not in _AFTER_NAME \
                and sum(1 for o in persons if o is not sp and zh[o.end : o.end + 1] in ("、", "，", "。")) >= 2 \
                and not any(s < pe + 1 and pe < e for s, e in taken):
            taken.remove((sp.start, sp.end))
            sp.end, sp.zh = pe + 1, zh[sp.start : pe + 1]
            taken.append((sp.start, sp.end))
    for sp in [s for s in spans if s.kind == "place" and s.zh[-1] in _SETTLEMENT_END and len(s.zh) >= 3]:
        # 附城村 …… 我们附城: a village named once in full is named by its stem again
        stem = sp.zh[:-1]
        if frequency(stem) and not str(word_tag(stem) or "").startswith(("nr", "ns", "nz")):
            continue  # 边境 + 村: a common word, no village's name
        for m in re.finditer(re.escape(stem), zh):
            a, b = m.span()
            if a in bounds and b in bounds and zh[b : b + 1] not in _SETTLEMENT_END \
                    and not any(s < b and a < e for s, e in taken):
                spans.append(NameSpan(a, b, stem, "place"))
                taken.append((a, b))
    for m in _GACHA.finditer(zh):
        # 到巴彦查干嘎查、萨如拉嘎查: an Inner Mongolian village (嘎查), whose name jieba cuts anywhere
        # (巴彦 | 查干嘎 | 查); its stem holds no common word (部分嘎查, 各嘎查)
        start, end = m.span(1)
        if m.group(1)[0] in _DETERMINERS or any(a < end - 2 and start < b for a, b in common_at) \
                or any(c in _NOT_IN_STEM for c in m.group(1)[:-2]):
            continue  # (听了 + 嘎查: a verb and its particle are no village's name)
        place_over(start, end, [sp for sp in spans if start <= sp.start and sp.end <= end])
    starts_at = {st: f for st, _w, f in offs}
    for m in _VILLAGE_LIST.finditer(zh):
        # 上洋、良秋、陈龙溪等五个村, 走遍 + 波先、同瓦和日那卡等5个自然村: the items of a list closed by a
        # count of villages are villages; the first starts after a clause's edge or after jieba's verb
        items = [(m.start(1) + it.start(), m.start(1) + it.end())
                 for it in re.finditer(r"(?:^|(?<=、))[\u4e00-\u9fff]{2,4}?(?=、|$)|(?<=和)[\u4e00-\u9fff]{2,4}$"
                                       r"|(?<=、)[\u4e00-\u9fff]{2,4}(?=和)", m.group(1))]
        a0, b0 = items[0]
        first = next((a for a in range(b0 - 2, a0 - 1, -1) if (a == 0 or zh[a - 1] in _BEFORE_NAME | {"了"}
                                                       or a in starts_at and starts_at.get(
                                                           max((st for st in starts_at if st < a), default=-1), "")[:1]
                                                       in ("v", "p"))), None)
        if first is None:
            continue
        items[0] = (first, b0)
        stems = [zh[a:b] for a, b in items]
        if sum(frequency(st) < 100 for st in stems) * 2 < len(items) \
                or any(_common_word(st) and not _settlement_stem(st) for st in stems):
            continue  # (党建、产业、文化等3个村: words, no names; as _closed_lists checks)
        for a, b in items:
            inside = [sp for sp in spans if a - (zh[a - 1 : a] == "和") <= sp.start and sp.end <= b
                      and sp.kind == "person"]  # (jieba's 和帕当: the list's 和 and the item)
            place_over(a, b, inside)
    for start, end in _partners(zh, spans, offs):
        # 薛晨/曾津津, 林芝栀、林鸿飞, （林绿波 王雅瑜）: a name beside a person across a slash, a list comma or a space
        inside_partner = [sp for sp in spans if start <= sp.start and sp.end <= end
                             and (sp.kind == "person" or sp.end - sp.start < end - start)]  # (林芝|栀、林鸿飞)
        place_over(start, end, inside_partner, "person")
    for start, end in _listed_names(zh, spans, bounds):
        # (persons jieba made inside a list item give way to it: 乌日图|那顺)
        inside = [sp for sp in spans if start <= sp.start and sp.end <= end and sp.kind == "person"]
        place_over(start, end, inside, "person")
    for start, end in _coined_names(zh, offs):
        if not any(s < end and start < e for s, e in taken):
            spans.append(NameSpan(start, end, zh[start:end], "person"))  # 的 + 劳美|荣 + 回娘家
            taken.append((start, end))
    for sp in [s for s in spans if s.kind == "place"]:
        if _doubtful_short_name(zh, sp, offs):
            spans.remove(sp)
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) >= 3 and s.zh[-1] in _SETTLEMENT_END]:
        if sp.zh not in _settlements() and sp.zh not in _places() \
                and _unlikely_stem(sp.zh[:-1], zh[sp.start - 1 : sp.start] in _ADMIN_END if sp.start else False) \
                and not zh.startswith(_SETTLEMENT_SEAT, sp.end) and not _village_frame(zh, sp.end, sp.zh[:-1]):
            spans.remove(sp)  # 美丽 + 村, 抗联 + 村, 网红村 (jieba's pieces): no settlement's name
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) >= 3 and s.zh[0] in _JOINS_NAME | {"向"}
               and s.zh[1:] in _places()]:
        # 从延吉 (jieba: nr): a preposition glued to a place, whoever took it for a person
        sp.start, sp.zh, sp.kind = sp.start + 1, sp.zh[1:], "place"
    for sp in [s for s in spans if s.kind == "person" and 3 <= len(s.zh) <= 4 and s.zh[0] in _PREPOSITIONS | {"向"}
               and s.zh[1] in surname_chars() and zh[: s.start].endswith(TITLES + _TITLES_AFTER)
               and not (len(s.zh) == 3 and (zh[s.end : s.end + 1] in ("、", "，", "。", "；")
                                            or zh.startswith(_CLOSERS, s.end)))]:
        # 主席 + 向吴优 + 副主席 (jieba: 向|吴|优): after a title a preposition starts the clause's
        # object, not a name (a name right after a title has its own surname); not a name closed by a
        # list comma or a reporting verb (秘书长 + 向文虎 + 、, 书记 + 向红林 + 参加: 向 is the surname)
        sp.start, sp.zh = sp.start + 1, sp.zh[1:]
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) == 2 and s.zh[-1] in "省市县区州"
               and s.zh not in _places() and not zh.startswith(PLACE_SUFFIXES, s.end)]:
        # 经济 + 大省, 产业 + 兴市 (jieba: ns): a one-character stem and a division's suffix that
        # China's table does not have is a common word, no place
        spans.remove(sp)
    for st, w, f in offs:
        # a county's or city's name of the table that jieba did not tag as a place: before its own
        # party or government organ (武穴 + 市委书记 → 武穴市), or between 在/到/赴 and a verb
        # (在 + 海口 + 召开)
        en = st + len(w)
        if not (2 <= len(w) <= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", w)) or f in ("ns", "x") \
                or any(s_.start < en and st < s_.end for s_ in spans):
            continue
        organ = next((o for o in _ORGANS if zh.startswith(o, en) and w + o[0] in _places()
                      and _divisions().get(w + o[0]) == "full"), None)
        if organ:
            spans.append(NameSpan(st, en + 1, w + organ[0], "place"))
            continue
        nxt_flag = next((f2 for s2, _w2, f2 in offs if s2 == en), "")
        if (_divisions().get(w) or any(_divisions().get(w + sfx) == "full" for sfx in "市县")) \
                and st and zh[st - 1] in "在到赴至" and nxt_flag.startswith("v") \
                and zh[st - 1 : st] == next((w2 for s2, w2, _f2 in offs if s2 == st - 1), ""):
            spans.append(NameSpan(st, en, w, "place"))
    for sp in [s for s in spans if s.kind == "person" and s.zh.endswith(_FAIR_ENDS)]:
        spans.remove(sp)  # 海 + 博会 + 等, whoever took it for a person: a fair's short name
    for sp in [s for s in spans if s.kind == "person" and _word_with_a_char(s.zh)]:
        if not zh[: sp.start].rstrip("：:").endswith(TITLES):
            spans.remove(sp)  # 首个 + 农家乐, 田径赛 + 场 (jieba: nr): a common word and a character, no name
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) == 3 and _runs_into_a_word(zh, s, offs)]:
        # 第一书记 + 周涛|正在 + 走访: the name's "last character" starts the frequent word after it
        sp.end, sp.zh = sp.end - 1, sp.zh[:-1]
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) >= 3 and s.zh[0] in "新大老小"
               and _province_or_prefecture(s.zh[1:])]:
        spans.remove(sp)  # 新甘肃 (客户端), 新重庆 (-重庆日报): a paper's brand on its province, no person
    for sp in [s for s in spans if s.kind == "person" and _institution_word(s.zh)]:
        if not zh[: sp.start].rstrip("：:").endswith(TITLES):
            spans.remove(sp)  # 到 + 敬老院, 县 + 养老院 (jieba: nr): a word and an institution's character, no name
    for sp in [s for s in spans if s.kind == "person" and _like_listed_common_word(zh, s, offs)]:
        spans.remove(sp)  # 血液净化中心、康复科(jieba: nr)、急诊科: a department among departments, no person
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) == 3 and s.zh[0] in _CONJUNCTIONS
               and _common_given(s.zh[1:]) and frequency(s.zh[1:]) >= 1000]:
        spans.remove(sp)  # 领导 + 和部门: a conjunction and a frequent common word (部门), no surname and name
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) >= 5 and s.zh.endswith("州")
               and not s.zh.endswith("自治州") and s.zh not in _places() and "族" not in s.zh
               and s.zh[:2] not in _places() and s.zh[:3] not in _places()]:  # (伊犁 + 哈萨克州)
        # 俄克拉何马州, 加利福尼亚州: a 州 of four or more characters before it that China's table does
        # not have is a foreign state (China's prefectures of that length are autonomous: 自治州)
        spans.remove(sp)
    for sp in list(spans):
        # 俄罗斯 + 阿穆尔州, 朝鲜 + 罗先市: a place right after a foreign country is foreign (the names
        # sets mark Chinese places only), unless China's table has it
        if (sp.kind == "place" or sp.zh[-1] in _ADMIN_END or zh[sp.end : sp.end + 1] in _ADMIN_END) \
                and sp.zh not in _places() \
                and re.search(_FOREIGN_BEFORE, zh[: sp.start]):
            spans.remove(sp)
    for m in _HOUSEHOLD.finditer(zh):
        # 牧户 + 新巴特尔 + 家, 村民 + 龚德高 + 家中: a household named by its head after the word for
        # herders, villagers or farmers; the name holds no common word, function word or place
        a, b = m.span(1)
        name = m.group(1)
        if name in _places() or _TITLE_RE.search(name) or any(c in _NOT_IN_STEM for c in name) \
                or name[-1] in _ADMIN_END or name[-1] in _PLACE_END \
                or frequency(name[-2:]) >= 50 and not str(word_tag(name[-2:]) or "").startswith("nr") \
                or any(len(w) > 1 and frequency(w) >= 50 and not f.startswith(("nr", "ns", "nz"))
                       for w, f in pos_tags(name)) \
                or any(o.start < a < o.end or o.start < b < o.end for o in spans if o.kind == "place"):
            continue
        for o in [o for o in spans if o.start < b and a < o.end]:
            spans.remove(o)  # jieba's pieces (巴特尔), or a 'surname' taken from the word before (牧户新)
        spans.append(NameSpan(a, b, name, "person"))
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) == 3]:
        w1, f1 = _word_at(zh, sp.start)
        w2, f2 = _word_at(zh, sp.start + 2)
        if len(w1) == 2 and f1 == "n" and len(w2) == 1 and f2[:1] in ("d", "p", "c", "u"):
            spans.remove(sp)  # 牧户 + 就: a common noun and an adverb, no name
    for sp in [s for s in spans if s.kind == "place" and s.zh[-1] in _SETTLEMENT_END and len(s.zh) >= 3]:
        w, f = _word_before(zh, sp.start)
        if len(w) == 2 and f in ("nr", "nrt", "nz") and w[0] not in surname_chars() and w[0] in _NOT_SURNAMES - set("小老大") \
                and not frequency(w + sp.zh[0]) and not any(o.end == sp.start for o in spans):
            # 调研 + 阿依|玛克村: jieba cut a transliterated village name (阿依玛克村); a name's part that
            # starts with a syllable no surname starts (阿, 艾, 巴) belongs to the village after it
            sp.start -= 2
            sp.zh = zh[sp.start : sp.end]
    for sp in [s for s in spans if s.kind == "person"
               and (len(s.zh) == 2 or len(s.zh) == 3 and s.zh[:2] in COMPOUND_SURNAMES)]:
        if _given_name_cut_short(zh, sp, spans):
            # 焦玲 + 强犯 + 抢劫, 肖章 + 大 + 受: jieba glued the given name's last character to the verb
            sp.end += 1
            sp.zh = zh[sp.start : sp.end]
    for a, b in _before_organs(zh):
        # 林州 + 市委, 中共 + 云南 + 省委, 中共 + 城中 + 区委: a place before its own party or government
        # organ keeps its suffix (林州市, 云南省, 城中区), whether jieba took the place alone or not at all
        same = [o for o in spans if o.kind == "place" and o.start == a and o.end == b - 1]
        if same:
            same[0].end, same[0].zh = b, zh[a:b]
        elif not any(o.start < b and a < o.end for o in spans):
            spans.append(NameSpan(a, b, zh[a:b], "place"))
    for sp in [s for s in spans if s.kind == "place" and s.zh[-1] == "村" and 3 <= len(s.zh) <= 5
               and zh[: s.start].endswith(TITLES) and s.zh not in _settlements()
               and not zh.startswith(("党", "委", "民", "两委"), s.end)]:
        sp.kind = "person"  # 村长 + 扎西江村 + 家: after a title a name ending in 村 (a Tibetan name) is a person
    for a, b in _after_roles(zh):
        # 传承人 + 李天明、, 负责人 + 田洪涛 + 等: a verb and 人 name a role, as a title does
        if not any(o.start < b and a < o.end for o in spans if o.kind == "person" and (o.start, o.end) != (a, b)) \
                and not any(o.start < b and a < o.end for o in spans if o.kind == "place" and not (a <= o.start and o.end <= b)):
            for o in [o for o in spans if a <= o.start and o.end <= b]:
                spans.remove(o)
            spans.append(NameSpan(a, b, zh[a:b], "person"))
    for a, b in _autonomous_variants(zh):
        # 克孜勒苏 + 柯尔克孜族 + 自治州: an autonomous division written with 族 where China's table has none
        # (克孜勒苏柯尔克孜自治州), or without it: one place, whatever jieba made of it
        if not any(o.start < b and a < o.end and not (a <= o.start and o.end <= b) for o in spans):
            for o in [o for o in spans if a <= o.start and o.end <= b]:
                spans.remove(o)
            spans.append(NameSpan(a, b, zh[a:b], "place"))
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) == 3 and frequency(s.zh)
               and _name_odds(s.zh) < 0.05 and not _marked(zh, s.start, s.end)]:
        # 永春介福 + 高岭土 (kaolin; jieba's dictionary: nr): a dictionary 'name' whose first and last
        # characters seldom start and end names (0.024), with nothing around it that marks a person
        spans.remove(sp)
    for a, b in _coordinated_persons(zh, spans, offs):
        # 队员刘靖 + 和 + 乌日|古木拉 + 入选: what is joined to a person before a verb is a person too
        for o in [o for o in spans if a <= o.start and o.end <= b]:
            spans.remove(o)
        spans.append(NameSpan(a, b, zh[a:b], "person"))
    for m in re.finditer("(?<=[、，。；：（“\\s在到赴和与及])([\u4e00-\u9fff]{2})([县市])(?=[、，。；）”和与及等])", zh):
        # 北流县 (since 1994 北流市): a county or city named with its other suffix, between marks,
        # when China's table has the stem with the other one (a county that became a city)
        a, b = m.span()
        other = m.group(1) + ("市" if m.group(2) == "县" else "县")
        if _divisions().get(other) == "full" and m.group() not in _divisions() \
                and not any(o.start < b and a < o.end for o in spans):
            spans.append(NameSpan(a, b, m.group(), "place"))
    for sp in [s for s in spans if s.kind == "place" and s.zh[-1] in _COUNTY_END]:
        # 苏尼特右旗 + 朱|日|和 + 基地: a township's short name right after its county, whatever jieba
        # cut (a name of the table with 镇, 乡 or 苏木), when it is no common word and no suffix follows
        for n in (4, 3, 2):
            a, b = sp.end, sp.end + n
            cand = zh[a:b]
            if len(cand) == n and re.fullmatch(r"[\u4e00-\u9fff]+", cand) and zh[b : b + 1] not in _PLACE_END \
                    and any(cand + sfx in _settlements() for sfx in ("镇", "乡", "苏木")) \
                    and not frequency(cand) and not any(o.start < b and a < o.end for o in spans) \
                    and not any(t.start() < b for t in _TITLE_RE.finditer(zh, a, b + 4)) \
                    and not any(len(w) > 1 and frequency(w) >= 50 for w, _f in pos_tags(cand)):
                # (not 长春市 + 代|市长: a title starts inside)
                spans.append(NameSpan(a, b, cand, "place"))
                break
    _list_items(zh, spans)
    for i in range(len(offs) - 1):
        # 总经理 + 欧阳|国欣 + 签署: a compound surname jieba took for a place and the given name after it
        st, w, _f = offs[i]
        given, gflag = offs[i + 1][1], offs[i + 1][2]
        en = st + len(w) + len(given)
        if w in COMPOUND_SURNAMES and 1 <= len(given) <= 2 and gflag[:1] in ("n", "a") \
                and re.fullmatch(r"[\u4e00-\u9fff]+", given) and not frequency(w + given) \
                and (zh[:st].rstrip("：:").endswith(TITLES) or zh[st - 1 : st] in _BEFORE_NAME or st == 0) \
                and not any(o.start < en and st < o.end and o.kind == "person" and not (st <= o.start and o.end <= en)
                            for o in spans):
            for o in [o for o in spans if o.start < en and st < o.end]:
                spans.remove(o)
            spans.append(NameSpan(st, en, zh[st:en], "person"))
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) == 3 and s.zh[-1] == "区"
               and s.zh[0] in "华东西南北中" and s.zh[1] in "东西南北中" and s.zh not in _places()]:
        spans.remove(sp)  # 华北区 + 总经理: a company's region of the compass, no district
    for sp in [s for s in spans if s.kind == "place" and s.zh[-1] == "乡" and zh[s.end : s.end + 1] == "村"
               and s.zh not in _settlements() and s.zh[:-1] in _major_names()]:
        # 余江 + 乡村振兴: the county's short name before the common word 乡村 (the countryside), not a
        # township 余江乡 the place table does not know
        sp.end, sp.zh = sp.end - 1, sp.zh[:-1]
    for sp in [s for s in spans if s.kind == "place" and s.zh[-1] == "乡" and zh[s.end : s.end + 1] == "镇"
               and s.zh not in _settlements()]:
        spans.remove(sp)  # 极贫 + 乡镇: the common word 乡镇 (townships), no township's name
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) == 2 and s.zh[0] in "和与及同"
               and s.zh[1] in "县市区旗" and zh.startswith(("人民政府", "政府", "委", "人大", "政协", "领导"), s.end)
               and any(p.kind == "person" and p.end == s.start for p in spans)]:
        # 李建华 + 和 + 县人民政府副县长: a conjunction after a name and a county's own organ, not
        # the county 和县 (a two-character division whose first character joins names)
        spans.remove(sp)
    tok = {(st, st + len(w)): f for st, w, f in offs}
    stats = _name_char_stats()
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) == 2 and tok.get((s.start, s.end), "") in ("nr", "nrfg")
               and not frequency(s.zh) and _name_odds(s.zh) < 0.08
               and stats.get(s.zh[0], (0, 0, 0, 0))[1] >= 20 and stats.get(s.zh[1], (0, 0, 0, 0))[3] >= 20
               and not zh[: s.start].rstrip("：: ").endswith(TITLES + _TITLES_AFTER)
               and not zh.startswith(_TITLES_AFTER + TITLES, s.end)
               and zh[s.start - 1 : s.start] not in ("、", "（", "(", " ", "\u3000", "：", ":")
               and zh[s.end : s.end + 1] not in ("、", "）", ")", " ", "\u3000")]:  # (a byline: 胡文 王珊 张猛)
        # 齐聚 (在), 施策, 宿马 (现代产业园区): a word jieba's model guessed a person, its characters seldom
        # a name's first and last (name_char_stats), with nothing around it that marks a person
        spans.remove(sp)
    for a in range(len(zh) - 3):
        # 、万福|国 + 副校长, 滕理|送 + 教授: a surname and two characters right before a title that
        # follows names (校长, 教授), after a list comma, a clause's edge or a space: the person,
        # whatever jieba cut (its last character one that ends names, no frequent word inside)
        if zh[a] not in surname_chars() or not (a == 0 or zh[a - 1] in _BEFORE_NAME) \
                or not zh.startswith(tuple("副" + t for t in _TITLES_AFTER) + _TITLES_AFTER, a + 3):
            continue
        seg = zh[a : a + 3]
        if not re.fullmatch(r"[\u4e00-\u9fff]{3}", seg) or seg in STOP or _TITLE_RE.search(seg) \
                or not _ends_names(seg[-1]) or seg[-1] in _AFTER_NAME | _ADMIN_END or frequency(seg) \
                or any(c in seg for c in "委办局厅处科部会") \
                or any(len(w) > 1 and frequency(w) >= 20 and not f.startswith(("nr", "ns", "nz"))
                       for w, f in pos_tags(seg)):
            continue  # (区管委 + 主任: an organ, no person)
        inside = [sp for sp in spans if sp.start < a + 3 and a < sp.end]
        if all(sp.kind == "person" and a <= sp.start and sp.end <= a + 3 for sp in inside):
            for sp in inside:
                spans.remove(sp)
                taken.remove((sp.start, sp.end))
            spans.append(NameSpan(a, a + 3, seg, "person"))
            taken.append((a, a + 3))
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) >= 3 and s.zh[-1] == "省" and s.zh not in _places()
               and s.zh[:-1] in _major_names()]:
        # 葫芦岛 + 省交通投资集团: a prefecture is no province; the 省 starts the provincial firm's name
        sp.end, sp.zh = sp.end - 1, sp.zh[:-1]
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) == 2 and s.zh[0] in "东西南北中"
               and s.zh[1] in "区城" and not any(p.kind == "place" and p.end == s.start for p in spans)]:
        spans.remove(sp)  # 东区 + 体育公园: the town's east district (攀枝花 + 东区 is the division)
    for sp in [s for s in spans if _firm_name(zh, s) and (
            s.kind == "person" or len(s.zh) == 2 and s.zh[-1] not in _ADMIN_END
            and any(p.kind == "place" and p.end == s.start for p in spans))]:
        # 安徽 + 金禾 + 硅砂科技有限公司: a firm's trade name, not a person; 安徽 + 思明 + 汽车科技有限公司:
        # a firm's name holds one division, a second short name right after it is the trade name
        spans.remove(sp)
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) >= 4 and s.zh[-1] in "村屯"]:
        # 恩施市 + 郊(s) + 周家河村: the "village" begins with a lone place word jieba cut (郊 "outskirts")
        # (not with a character of a word before it: 到|达 + 嘎镇 may be the name's)
        lone = next((f for st, w, f in offs if st == sp.start and len(w) == 1), "")
        if lone == "s" and not any(p is not sp and p.start < sp.start + 1 < p.end for p in spans):
            sp.start, sp.zh = sp.start + 1, sp.zh[1:]
    kinds_end = -1
    for sp in [s for s in sorted(spans, key=lambda x: x.start) if s.kind == "place" and len(s.zh) >= 3
               and s.zh[-1] in "村屯" and _generic_village_word(s.zh[:-1])
               and zh[s.start - 1 : s.start] not in _ADMIN_END | _SETTLEMENT_END and not zh.startswith(_VILLAGE_BODY, s.end)]:
        # 远近闻名的 + 文明村、富裕村: a frequent word that names few of China's villages for its use (a
        # village of that name in the northeast's table only after 的, which makes it a kind, or listed after one)
        if sp.zh not in _settlements() or zh[sp.start - 1 : sp.start] == "的" \
                or zh[sp.start - 1 : sp.start] == "、" and kinds_end == sp.start - 1:
            spans.remove(sp)
            kinds_end = sp.end
    for sp in [s for s in spans if s.kind == "place" and _honour_title(zh, s)]:
        spans.remove(sp)  # 争创 + 文明村, 评为 + 小康村, 省级 + 明星村: an honour or a kind, no village's name
    for start, end in named_after:
        if not any(sp.start < end and start < sp.end for sp in spans):
            spans.append(NameSpan(start, end, zh[start:end], "place"))  # (no later doubt undoes it: 网|内江讯)
    for sp in [s for s in spans if s.kind == "place" and s.zh[-1] in _SETTLEMENT_END
               and (s.zh in _GENERIC_SETTLEMENTS or _generic_settlement(s.zh))
               and s.zh not in _places() and (s.zh not in _settlements() or any(
                   s.zh[-1] in "镇乡" and p.kind == "place" and p.end == s.start and p.zh[-1] in "镇乡" for p in spans))]:
        spans.remove(sp)  # 杨家园则镇 + 小城镇 + 建设: a kind of settlement (no town lies in a town)
    _closed_lists(zh, spans, offs)
    _division_chains(zh, spans, bounds)
    _renamed_counties(zh, spans, bounds)
    _byline_credits(zh, spans)
    _closing_credit(zh, spans)
    _spaced_credits(zh, spans)
    _month_phrases(zh, spans)
    _counted_pairs(zh, spans, bounds)
    _village_groups(zh, spans)
    _one_character_villages(zh, spans)
    _natural_villages(zh, spans)
    _caption_credit(zh, spans)
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) >= 4 and s.zh[0] in "去来到往回进" and s.zh[-1] in "村屯"
               and s.zh not in _settlements() and not frequency(s.zh[:2]) and not word_tag(s.zh[:2])
               and (s.zh[1:] in _settlements() or not frequency(s.zh[1:-1]))]:
        spans.remove(sp)  # 去 + 蒲岔湾村: the verb of motion is no part of the village's name
        spans.append(NameSpan(sp.start + 1, sp.end, sp.zh[1:], "place"))
    _neighbourhoods_by_table(zh, spans, offs)
    _villages_after_towns(zh, spans)
    _township_lists(zh, spans)
    _landforms_before_sights(zh, spans, offs)
    _unknown_district_names(zh, spans, bounds)
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) == 2 and s.zh[-1] in _HAMLET_END
               and national_villages(s.zh) >= 3 and not zh[: s.start].rstrip("：:").endswith(TITLES)
               and not zh.startswith(_TITLES_AFTER + _CLOSERS, s.end)]:
        sp.kind = "place"  # 魏庄 + 香椿芽: a surname and a hamlet's ending name hundreds of villages, no person
    _settlement_boundaries(zh, spans, offs)
    _things_in_lists(zh, spans, offs)
    _parallel_list_persons(zh, spans, offs)
    _names_before_said(zh, spans, offs)
    _rare_surname_names(zh, spans, offs)
    _titled_surname_and_word(zh, spans, offs)
    _surname_jia_hamlets(zh, spans, offs)
    for sp in [s for s in spans if s.kind == "place" and zh.startswith("街道", s.end) and not s.zh.endswith("街道")
               and s.zh + "街道" in _all_divisions()]:
        if not any(o is not sp and o.start < sp.end + 2 and sp.start < o.end for o in spans):
            sp.end, sp.zh = sp.end + 2, sp.zh + "街道"  # 南大街 + 街道: the street office the division table lists
    tok = {(st, st + len(w)): f for st, w, f in offs}
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) >= 3]:
        if sp.zh[1:] in TITLES or sp.zh[2:] in TITLES and sp.zh[:2] in COMPOUND_SURNAMES \
                or len(sp.zh) == 3 and sp.zh[1:] in _ADDRESS_FORMS and sp.zh[0] in surname_chars() | rare_surname_chars():
            spans.remove(sp)  # 夏 + 局长, 张 + 先生: a surname and a title or a form of address name nobody
        elif re.fullmatch(r"[东西南北]向[东西南北]", sp.zh):
            spans.remove(sp)  # 自 + 西向东 (jieba: nr): a direction to a direction, no person
        elif tok.get((sp.start, sp.start + 1), "")[:1] in ("v", "p") and sp.zh[1:] in _places() \
                and not zh[: sp.start].rstrip("：:").endswith(tuple(t for t in TITLES if t != "同志")) \
                and tok.get((sp.start + 1, sp.end), "").startswith("ns"):  # (董事长 + 尚|云龙 is a name; 同志 ends one)
            spans.remove(sp)  # 来 + 宁夏 + 调研: a verb of going and a place, no person 来宁夏
            spans.append(NameSpan(sp.start + 1, sp.end, sp.zh[1:], "place"))
    for sp in [s for s in spans if s.kind == "place" and s.zh.endswith(("村", "社区")) and len(s.zh) >= 3]:
        unit = "社区" if sp.zh.endswith("社区") else "村"
        stem = sp.zh[: -len(unit)]
        count = national_villages(stem) if unit == "村" else national_neighbourhoods(stem)
        if len(stem) >= 2 and frequency(stem) >= 300 and count * 30 < frequency(stem) \
                and not str(word_tag(stem) or "").startswith("ns") \
                and not zh.startswith(_NEIGHBOURHOOD_BODY + ("村委", "村民委员会", "村两委", "村“两委”"), sp.end) \
                and not any(o.kind == "place" and o.end == sp.start and o.zh.endswith(("镇", "乡", "街道", "县", "区", "市", "屯", "村"))
                            for o in spans):
            spans.remove(sp)  # 江西省 + 文明村, 乡村 + 示范村: a frequent word few of China's villages bear, not after its township
    for sp in [s for s in spans if s.kind == "place" and s.zh.endswith("社区") and len(s.zh) >= 4]:
        stem = sp.zh[:-2]
        if frequency(stem) >= 200 and not national_neighbourhoods(stem) \
                and stem not in _all_divisions() and sp.zh not in _all_divisions():
            spans.remove(sp)  # 智慧社区 (jieba: 智慧 nr): a kind of community no neighbourhood of China is named
    spans.sort(key=lambda s: s.start)
    for s in spans:
        s.ko = _name_reading(s.zh, s.kind)
    return spans


#: Units a settlement's or a neighbourhood's name ends in, for :func:`_settlement_boundaries`.
_UNIT_ENDS = ("社区", "街道", "村", "屯", "镇", "乡")


def _unit_of(name: str) -> str:
    return next((u for u in _UNIT_ENDS if name.endswith(u)), "")


def _settlement_boundaries(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """Where a township's, village's or neighbourhood's name begins, by China's tables rather than by
    jieba's cut (``spans`` corrected in place); each rule takes the table's or the national village
    list's evidence for the corrected name:

    - a name the division table lists ends where the span ends and starts one or two characters
      before it (看榜 + 罗镇: the township is 榜罗镇; jieba joined its first character to a verb);
    - a span that starts with the last character of a frequent word before it (了解 + 田家沟村) is
      that character shorter when the rest is a village stem the national list knows;
    - two names run together (蓝田宋家村, 河庄坪赵家岸村): a county's or township's name of the table
      followed by a village whose stem the national list knows are two places;
    - a "person" of two characters right before the rest of a neighbourhood's or village's name
      (慰问由梅 + 巷社区) is that name's beginning, its first character the preposition."""
    def free(a: int, b: int, but: NameSpan) -> bool:
        return not any(o is not but and o.start < b and a < o.end for o in spans)

    full = _full_table_names()
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) == 2 and s.zh[-1] == "村"
               and str(word_tag(s.zh[0]) or "").startswith("v") and s.zh not in _all_divisions()]:
        spans.remove(sp)  # 驻 + 村: to be stationed in a village (驻村干部), no village 驻村
    for sp in [s for s in spans if s.kind == "place" and s.zh[-1] == "乡" and zh[s.end : s.end + 1] == "村"
               and s.zh not in _all_divisions() and len(s.zh) >= 3]:
        spans.remove(sp)  # 抓党建促 + 乡村振兴: 乡村 (the countryside) is a word, the township no name of the table
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) >= 4 and s.zh not in _all_divisions()]:
        for n in (3, 2):
            head, rest = sp.zh[:n], sp.zh[n:]
            if _province_or_prefecture(head) and len(rest) >= 2 and rest in _places() and rest not in STOP:
                spans.remove(sp)  # 河北 + 孟村: a province's and a county's names run together are two places
                spans.append(NameSpan(sp.start, sp.start + n, head, "place"))
                spans.append(NameSpan(sp.start + n, sp.end, rest, "place"))
                break
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) >= 4 and s.zh[0] in "区县市旗镇乡" and _unit_of(s.zh)]:
        prev = next((o for o in spans if o.kind == "place" and o.end == sp.start), None)
        if prev is not None and prev.zh + sp.zh[0] in _all_divisions() and prev.zh[-1] not in "区县市旗镇乡":
            prev.end, prev.zh = prev.end + 1, prev.zh + sp.zh[0]  # 红寺堡 + 区周新村 → 红寺堡区 + 周新村
            sp.start, sp.zh = sp.start + 1, sp.zh[1:]
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) >= 2 and _unit_of(s.zh)]:
        if sp.zh in full:
            continue
        for n in (1, 2):
            a = sp.start - n
            cand = zh[a : sp.end] if a >= 0 else ""
            if cand and re.fullmatch(r"[\u4e00-\u9fff]+", cand) and cand in full and free(a, sp.end, sp):
                sp.start, sp.zh = a, cand  # 看榜 + 罗镇 → 榜罗镇
                break
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) >= 4 and _unit_of(s.zh)]:
        if sp.zh in full or _known_settlement(sp.zh):
            continue
        for n in (1, 2, 3):
            rest, cut = sp.zh[n:], sp.start + n
            if len(rest) - len(_unit_of(rest)) < 2 or not _known_settlement(rest):
                continue
            head = sp.zh[:n]
            if n >= 2 and head in _major_or_town_names() and word_tag(head) != "nrt":  # (克孜勒布拉克村: one name)
                spans.remove(sp)  # 蓝田 + 宋家村, 河庄坪 + 赵家岸村, 苏州 + 娄葑街道: two places
                spans.append(NameSpan(sp.start, cut, head, "place"))
                spans.append(NameSpan(cut, sp.end, rest, "place"))
                break
            word = zh[sp.start - 1 : sp.start + 1] if sp.start else ""
            if n == 1 and str(word_tag(sp.zh[:2]) or "").startswith(("nr", "ns", "nz")) and frequency(sp.zh[:2]) < 1000:
                continue  # 扎西 + 江村: a person's name the village's suffix follows (扎西江村), not 西江村
            if n == 1 and (frequency(word) >= 100 and not str(word_tag(word) or "").startswith(("nr", "ns", "nz"))
                           or str(word_tag(head) or "")[:1] in ("p", "v", "f", "d", "c", "u")):
                sp.start, sp.zh = cut, rest  # 了解 + 田家沟村, 去 + 蒲岔湾村, 市郊 + 周家河村
                break
            if n == 2 and head not in _major_or_town_names() and frequency(head) >= 100 \
                    and not str(word_tag(head) or "").startswith(("nr", "ns", "nz")):
                sp.start, sp.zh = cut, rest  # a common word before the village's name
                break
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) == 2]:
        for k in (1, 2):
            unit = next((u for u in ("社区", "街道", "村") if zh.startswith(u, sp.end + k)), "")
            if not unit or not re.fullmatch(r"[\u4e00-\u9fff]+", zh[sp.end : sp.end + k]):
                continue
            name = zh[sp.start + 1 : sp.end + k + len(unit)]
            stem = name[: -len(unit)]
            known = national_villages(stem) if unit == "村" else national_neighbourhoods(stem)
            if str(word_tag(zh[sp.start]) or "").startswith(("p", "c")) and known \
                    and free(sp.start + 1, sp.end + k + len(unit), sp):
                spans.remove(sp)  # 由 + 梅巷社区: no person 由梅
                spans.append(NameSpan(sp.start + 1, sp.end + k + len(unit), name, "place"))
            break


#: Who speaks in news before a name (村民文富宏说): roles of persons that are no titles.
_SPEAKER_ROLES = ("村民", "居民", "农民", "牧民", "群众", "党员", "代表", "队员", "干部", "市民", "游客", "职工",
                  "工人", "老人", "学生", "负责人", "工作人员", "志愿者", "脱贫户", "贫困户", "户主")


def _names_before_said(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """A three-character name whose last character jieba joined to 说 (书记 + 程学|明说 + ，, 村民 + 文富|宏说 + ，):
    a Chinese surname and a character after a title, a speaker's role (村民, 党员), then the
    character and 说 as one word of jieba, then punctuation; the name makes no dictionary word
    (``spans`` changed in place: jieba's shorter "person" inside gives way)."""
    starts = {st for st, _w, _f in offs}
    for st, w, _f in offs:
        if len(w) != 2 or w[1] != "说" or zh[st + 2 : st + 3] not in ("，", "：", ",", ":", "“") or st < 2:
            continue
        a, b = st - 2, st + 1
        name = zh[a:b]
        before = zh[:a]
        if a not in starts or name[0] not in surname_chars() or not re.fullmatch(r"[\u4e00-\u9fff]{3}", name) \
                or frequency(name) or name in _places() or _TITLE_RE.search(name):
            continue
        if not before.endswith(tuple(t for t in TITLES if t != "同志") + _SPEAKER_ROLES):
            continue  # (同志 follows a name: 严如高同志 + 生平|时说 is none)
        _take_span(spans, a, b, name, "person")


#: Last characters of nouns of persons' roles (老人, 同学, 队员, 校长): after a name they are the person's.
_ROLE_NOUN_END = set("员长师生者人家手官士匠工学")
_ITEM_START = set("、和与及")
_ITEM_END = ("、", "等", "，", "。", "；")


def _things_in_lists(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """A "person" that is the first word of an item of a list of things (``spans`` pruned in place):
    no title before it, a common noun right after it that ends the item (办公设备、康养 + 设施，,
    腾龙陶瓷项目、水素水 + 项目、, 鹭鸶天堂、爱尚 + 玫瑰园 + 等), and a neighbouring item of the
    list that holds no person: a brand, a project, a facility named by a coined word, as lists of
    things name them (persons' names are followed by their role or by a verb: 林声、黄梦恺 + 领衔)."""
    nxt = {st: (w, f) for st, w, f in offs}
    for sp in [s for s in spans if s.kind == "person"]:
        if zh[: sp.start].rstrip("：:").endswith(TITLES) or sp.end not in nxt:
            continue
        word, flag = nxt[sp.end]
        end = sp.end + len(word)
        if not (flag.startswith("n") and not flag.startswith(("nr", "ns", "nt")) and len(word) >= 2
                and not word.startswith(_TITLES_AFTER) and word[-1] not in _ROLE_NOUN_END
                and zh.startswith(_ITEM_END, end) and (sp.start == 0 or zh[sp.start - 1] in _ITEM_START
                                                       or zh[end : end + 1] == "、")):
            continue
        before = zh[: sp.start - 1].rsplit("、", 1)[-1] if sp.start and zh[sp.start - 1] == "、" else None
        after = None
        if zh[end : end + 1] == "、":
            after = re.split("[、，。；等]", zh[end + 1 :], maxsplit=1)[0]
        items = [x for x in (before, after) if x]
        if not items:
            continue
        a0 = sp.start - 1 - len(before) if before else sp.start
        b0 = end + 1 + len(after) if after else end
        if any(o is not sp and o.kind == "person" and a0 <= o.start and o.end <= b0 for o in spans):
            continue
        spans.remove(sp)
    ends = {st + len(w): (w, f) for st, w, f in offs}
    for sp in [s for s in spans if s.kind == "person" and len(s.zh) == 3 and frequency(s.zh) >= 100]:
        # 种植了 + 西红柿 + 、菜花、生菜 (jieba's dictionary: 西红柿 nr): a frequent dictionary word jieba tags
        # a name, an item of a list whose neighbouring item is a common noun, no person, no title before
        if zh[: sp.start].rstrip("：:").endswith(TITLES):
            continue
        near = []
        if zh[sp.start - 1 : sp.start] == "、" and sp.start - 1 in ends:
            near.append(ends[sp.start - 1])
        if zh[sp.end : sp.end + 1] == "、" and sp.end + 1 in nxt:
            near.append(nxt[sp.end + 1])
        if any(f == "n" and len(w) >= 2 and frequency(w) >= 10 and w[-1] not in _ROLE_NOUN_END
               and not _TITLE_RE.search(w) and not any(o.start <= sp.start - 1 - len(w) < o.end or o.start == sp.end + 1
                                                        for o in spans if o.kind == "person")
               for w, f in near):
            spans.remove(sp)


_ROLE_LIST_RUN = re.compile(r"[\u4e00-\u9fff]{3,12}(?:、[\u4e00-\u9fff]{3,12})+")


#: What closes a name in the rare-surname frame: punctuation, or a reporting word right after it.
_RARE_NAME_CLOSE = ("、", "，", "。", "；", "：", "（", "(", ",", " ", "\u3000", "”", "等", "同志", "说", "一行", "表示")


def _rare_surname_names(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """A person whose surname is a rarer one (:func:`rare_surname_chars`: 蹇, 巢, 翦) that jieba left as
    a character of its own: only in a strong frame, a title or a speaker's role right before
    (县长助理 + 蹇|小军, 盟员 + 蹇|明 + 、, 村民 + 巢|立新 + 说), the given name one or two characters
    on jieba's boundaries, no frequent word, then punctuation or a reporting word (参加, 等, 说)
    (``spans`` changed in place: jieba's shorter person inside gives way)."""
    rare = rare_surname_chars()
    roles = tuple(t for t in TITLES if t != "同志") + _SPEAKER_ROLES + ("助理", "盟员", "成员", "社员", "员工")
    for i, (st, w, f) in enumerate(offs[:-1]):
        prev = offs[i - 1][1] if i else ""
        if len(w) != 1 or w not in rare or f[:1] not in ("n", "x") \
                or not (zh[:st].endswith(roles) or len(prev) >= 3 and prev[-1] == "户" and offs[i - 1][2][:1] in ("n", "l")):
            continue  # (a household's role: 困难户 + 郗|桂花)
        given = offs[i + 1][1]
        if not re.fullmatch(r"[\u4e00-\u9fff]{1,2}", given):
            continue
        end = st + 1 + len(given)
        if len(given) == 1 and i + 2 < len(offs) and re.fullmatch(r"[\u4e00-\u9fff]", offs[i + 2][1]) \
                and offs[i + 2][1] not in _AFTER_NAME and not zh.startswith(_RARE_NAME_CLOSE + _CLOSERS, end):
            end += 1  # 蹇|小|军 + 参加
        name = zh[st:end]
        if not zh.startswith(_RARE_NAME_CLOSE + _CLOSERS, end) or frequency(name) or len(name) == 3 and frequency(name[1:]) >= 1000 \
                or name in _places() or name in STOP or _TITLE_RE.search(name) \
                or any(c in name[1:] for c in "的了是在和与及委办局厅处科部会"):
            continue
        _take_span(spans, st, end, name, "person")


#: Forms of address after a surname (张先生, 李老师): the surname and the form name nobody.
_ADDRESS_FORMS = ("先生", "女士", "老师", "师傅", "同学", "大姐", "大哥", "阿姨", "大爷", "大妈", "老板", "婆婆", "奶奶",
                  "爷爷", "老汉", "大叔", "大婶", "嫂子")


def _titled_surname_and_word(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """A title, a Chinese surname jieba left alone, and a given name that is a noun of the dictionary
    (副部长 + 刘|海军 + 来, 副书记 + 陶|国华 + 领队, 军人 + 周|德育 + 的): the title or role asks for a name, and the surname with the
    noun is no word, so the three characters are the person; only when a verb, an adverb or
    punctuation follows (a title's name runs on into what the person does) (``spans`` changed in place)."""
    titles = tuple(t for t in TITLES if t != "同志") + _SPEAKER_ROLES + ("军人",)
    for i, (st, w, f) in enumerate(offs[:-2]):
        if len(w) != 1 or w not in surname_chars() or w in _AFTER_NAME or not zh[:st].endswith(titles) \
                or zh[:st].endswith(_BYLINE_TITLES):
            continue
        given, gflag = offs[i + 1][1], offs[i + 1][2]
        nxt, nflag = offs[i + 2][1], offs[i + 2][2]
        name = w + given
        if len(given) != 2 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", given) or gflag not in ("n", "nz", "nr", "nrfg") \
                or not (nflag[:1] in ("v", "d", "p") or nflag == "x" and nxt[:1] in _BEFORE_NAME or nxt.startswith(_CLOSERS)
                        or nxt in ("领队", "的")) \
                or frequency(name) or name in STOP or name in _places() or _TITLE_RE.search(name) \
                or given[-1] in _AFTER_NAME | _ADMIN_END or any(c in given for c in "委办局厅处科部会") \
                or given in _ADDRESS_FORMS:
            continue  # (主任 + 张|先生: a form of address, no given name)
        end = st + 3
        _take_span(spans, st, end, name, "person")


#: Last characters of hamlets named by a family (周家湾, 龚家塝, 洪家铺): landforms and settlements.
_FAMILY_HAMLET_END = set("庄寨屯营湾沟铺坡岭坪岗洼塝垸畈冲坝嘴咀塘墩圩窑埠滩堡峪")
#: What goes right before a hamlet's name: a verb of going or being, a list comma, its village.
_BEFORE_HAMLET = ("来到", "到", "走进", "前往", "深入", "赴", "在", "位于", "、", "村", "乡", "镇", "和", "及")


def _surname_jia_hamlets(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """A hamlet named by a family: a Chinese surname, 家 and a landform or settlement character
    (来到 + 周家湾, 界岭村 + 龚家塝, 、 + 洪家铺) on jieba's word boundaries, no dictionary word, after a
    verb of going or being, a list comma or its village, not followed by a village suffix (刘家山村 is
    found whole elsewhere) (``spans`` extended in place)."""
    starts = {st for st, _w, _f in offs} | {len(zh)}
    for a in range(len(zh) - 2):
        if zh[a + 1] != "家" or zh[a] not in surname_chars() or zh[a + 2] not in _FAMILY_HAMLET_END \
                or a not in starts or a + 3 not in starts or not zh[:a].endswith(_BEFORE_HAMLET):
            continue
        name = zh[a : a + 3]
        if frequency(name) or frequency(zh[a : a + 2]) >= 1000 or zh[a + 3 : a + 4] in _SETTLEMENT_END \
                or any(o.start < a + 3 and a < o.end for o in spans):
            continue
        spans.append(NameSpan(a, a + 3, name, "place"))


def _parallel_list_persons(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """Items of a 、-list built alike, a role noun then a name (困难户刘桂花、五保户朱乃发、离任村干部刘克华):
    when another item of the list is a role noun jieba knows followed by a person found there, an item
    that ends in a Chinese surname and one or two characters after a role noun of its own, on jieba's
    word boundary, names a person too, even when the given name is a common word (桂花); the list's
    structure is the evidence a title gives elsewhere (``spans`` extended in place)."""
    starts = {st for st, _w, _f in offs}
    word_at = {st: (w, f) for st, w, f in offs}
    ends = {st + len(w): (w, f) for st, w, f in offs}
    for m in _ROLE_LIST_RUN.finditer(zh):
        items = _item_spans(m)

        def role_person(a: int, b: int) -> bool:
            sp = next((o for o in spans if o.kind == "person" and o.end == b and a + 2 <= o.start), None)
            return sp is not None and ends.get(sp.start, ("", ""))[1][:1] in ("n", "l") \
                and len(ends.get(sp.start, ("", ""))[0]) >= 2
        if not any(role_person(a, b) for a, b in items):
            continue
        for a, b in items:
            if any(o.start < b and a < o.end and o.end > b - 4 for o in spans):
                continue
            for n in (3, 2):
                p = b - n
                name = zh[p:b]
                role, rflag = ends.get(p, ("", ""))
                if p - a < 2 or p not in starts or name[0] not in surname_chars() or rflag[:1] not in ("n", "l") \
                        or rflag.startswith(("nr", "ns")) or len(role) < 2 or role[-1] not in _ROLE_NOUN_END | {"户", "属"} \
                        or frequency(name) or name in _places() or name[-1] in _NOT_NAME_END | _ADMIN_END:
                    continue
                if n == 2 and word_at.get(p, ("", ""))[0] != name and p + 1 not in starts:
                    continue
                spans.append(NameSpan(p, b, name, "person"))
                break


def _neighbourhood_stem(stem: str, unit: str) -> bool:
    """Whether ``stem`` before ``unit`` (社区, 街道) names a neighbourhood or a street office by the national
    tables rather than being a common word: no word of jieba's dictionary that the national list has as a
    neighbourhood's or street office's name (板乐, 土桥正街), or a noun or place word (not an adjective, a
    verb or a distinguishing word: 幸福, 和谐, 新型) that names many of China's neighbourhoods for how often
    it is written (江城 11 of 297, 花园 179 of 1,291; not 城镇 10 of 2,194, 文明 42 of 6,584)."""
    count = national_neighbourhoods(stem)
    if unit == "街道" and stem + "街道" in _all_divisions():
        count = max(count, 5)
    if not count or stem in STOP or stem[0] in _DETERMINERS or _generic_stem(stem):
        return False
    freq = frequency(stem)
    if not freq:
        return True
    tag = str(word_tag(stem) or "")
    return tag[:1] in ("n", "f", "s") and count * 30 >= freq


def _neighbourhoods_by_table(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """Neighbourhoods (社区) and street offices (街道) named by a stem the national tables know
    (:func:`_neighbourhood_stem`: 得胜村和 + 江城社区, 六马镇集镇 + 板乐社区, 花溪街道 + 土桥正街社区): the
    longest stem of two to four characters before the unit that starts on jieba's word boundary or right
    after a place, where no other name lies (``spans`` extended in place)."""
    starts = {st for st, _w, _f in offs}
    ends = {st + len(w): (w, f) for st, w, f in offs}
    place_ends = {sp.end for sp in spans if sp.kind == "place"}
    for m in re.finditer("社区|街道", zh):
        unit, st = m.group(), m.start()
        end = m.end()
        if any(sp.start < end and st < sp.end for sp in spans):
            continue
        for n in (4, 3, 2):
            a = st - n
            stem = zh[a:st] if a >= 0 else ""
            if not re.fullmatch(r"[\u4e00-\u9fff]+", stem) or not (a in starts or a in place_ends):
                continue
            if any(sp.start < st and a < sp.end for sp in spans):
                continue
            prev = ends.get(a)
            if a and a not in place_ends and zh[a - 1] not in _BEFORE_UNIT \
                    and (prev is None or len(prev[0]) == 1 and prev[1][:1] not in ("v", "p", "c", "u", "x", "r", "d")
                         or prev[1].startswith(("nr", "ns", "nz"))):
                continue  # 西红庙(nr) + 西街社区: the name runs on before the stem
            if _neighbourhood_stem(stem, unit):
                spans.append(NameSpan(a, end, zh[a:end], "place"))
                break


def _villages_after_towns(zh: str, spans: list[NameSpan]) -> None:
    """A village or a neighbourhood right after its township or street office (码头铺镇 + 万家岗村: jieba
    cut 万家 as a numeral): the first 村, 屯 or 社区 within two to five characters after a township's,
    street office's or county's name ends a village whose stem the national village list knows
    (:func:`_known_settlement`), when only jieba's pieces of it are names there (``spans`` changed in place)."""
    for sp in sorted([s for s in spans if s.kind == "place" and s.zh.endswith(("镇", "乡", "街道", "县", "区", "旗"))],
                     key=lambda s: s.start):
        e = sp.end
        for n in range(2, 6):
            stem = zh[e : e + n]
            unit = "社区" if zh.startswith("社区", e + n) else zh[e + n : e + n + 1]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", stem) or any(c in _SETTLEMENT_END for c in stem):
                break
            if unit not in ("村", "屯", "社区"):
                continue
            name = stem + unit
            b = e + len(name)
            if zh[b : b + 1] in ("村", "民") and unit == "村" and not zh.startswith(("村委", "村民", "村党"), b):
                break  # (…村村: the village's suffix is the next 村)
            if not _known_settlement(name) or stem in STOP or _generic_stem(stem):
                break
            if not any(o.kind == "place" and (o.start, o.end) == (e, b) for o in spans):
                _take_span(spans, e, b, name, "place")
            break


_MOTION_BEFORE = re.compile("(?:先后到|先后前往|前往|来到|深入到|深入|走进|奔赴|赶赴|赴|途经|走访了|走访|到)$")
_PLACE_LIST_AFTER = re.compile("(?:等地|等乡镇|等镇|等乡|等村|等社区|[一二三四五六七八九十两几]个(?:乡镇|镇|乡|村|社区))")


def _township_lists(zh: str, spans: list[NameSpan]) -> None:
    """A 、-list of townships' or villages' bare names after a verb of going (到古辣、和吉、思陇) or before
    what they are (……等乡镇, 三个乡镇): when every item is a place found there or a township's or village's
    name of China's division table, the items are places, also those jieba took for persons (和吉, 思陇),
    unless a title marks them (``spans`` changed in place)."""
    from pipeline.korean import divisions

    table = divisions.index()
    for m in _LIST_RUN.finditer(zh):
        items = _item_spans(m)
        a0, b0 = items[0]
        head = None
        for n in (4, 3, 2):
            if b0 - n >= a0 and _MOTION_BEFORE.search(zh[:b0 - n]):
                head = b0 - n
                break

        def settlement(a: int, b: int) -> bool:
            bits = table.get(zh[a:b])
            return any(o.kind == "place" and (o.start, o.end) == (a, b) for o in spans) \
                or bits is not None and divisions.level_of(bits) in ("town", "village", "subdistrict", "county") \
                and not bits & divisions.FULL
        la, lb = items[-1]
        lb = next((la + n for n in (4, 3, 2) if la + n <= lb and settlement(la, la + n)), lb)
        items[-1] = (la, lb)  # (思陇 + 调研: the run's last item runs into the clause)
        tail = lb if _PLACE_LIST_AFTER.match(zh, lb) else None
        if head is None and tail is None:
            continue
        if head is not None:
            items[0] = (head, b0)
        elif not (a0 == 0 or zh[a0 - 1] in _BEFORE_UNIT):
            continue
        if len(items) < 2 or not all(2 <= b - a <= 4 and settlement(a, b) for a, b in items):
            continue
        for a, b in items:
            if _TITLE_RE.search(zh[max(0, a - 4) : a]) or zh.startswith(_TITLES_AFTER, b):
                continue
            same = [o for o in spans if (o.start, o.end) == (a, b)]
            if same:
                same[0].kind = "place"
            elif not any(o.start < b and a < o.end for o in spans):
                spans.append(NameSpan(a, b, zh[a:b], "place"))


#: What follows a mountain's, a lake's or a valley's name in news (月亮泡 + 水库, 卧龙湖 + 抽水蓄能电站,
#: 念青唐古拉山 + 脚下, 龙虎山 + 山体, 仙景台 + 国家风景名胜区).
_SIGHT_AFTER = ("水库", "风景名胜区", "风景区", "景区", "抽水蓄能电站", "电站", "脚下", "山体", "山脚", "山顶", "湿地",
                "国家森林公园", "森林公园", "国家公园", "公园", "大桥", "隧道", "站", "流域", "沿岸", "景点")
_LANDFORM_NAME_END = set("山湖江河沟泡岭峰川岛湾台")


def _landforms_before_sights(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """A mountain, a lake, a river or a valley named right before a sight or a work on it (月亮泡 + 水库,
    卧龙湖 + 抽水蓄能电站, 玉带山 + 站, 龙虎山 + 山体): three to six characters ending in a landform's
    character, starting on jieba's word boundary after a clause's edge, a function word, a verb or a
    place, no frequent word of jieba's dictionary and no common word inside but its last piece
    (``spans`` changed in place; a "person" jieba saw there gives way)."""
    starts = {st: (w, f) for st, w, f in offs}
    ends = {st + len(w): (w, f) for st, w, f in offs}
    place_ends = {sp.end for sp in spans if sp.kind == "place"}
    for m in re.finditer("|".join(_SIGHT_AFTER), zh):
        b = m.start()
        if b == 0 or zh[b - 1] not in _LANDFORM_NAME_END \
                or b not in starts and b not in ends and starts.get(b - 1, ("", ""))[0] != zh[b - 1 : m.end()]:
            continue  # (玉带|山站: jieba joined the landform's character and the station)
        for n in (3, 4, 5, 6):  # the shortest name after an edge (和龙 + 卧龙湖, not 龙卧龙湖)
            a = b - n
            name = zh[a:b] if a >= 0 else ""
            if not re.fullmatch(r"[\u4e00-\u9fff]+", name) or a not in starts and a not in place_ends \
                    and not any(zh[max(0, a - k) : a] in _major_names() for k in (2, 3)):
                continue
            prev = ends.get(a)
            after_place = a in place_ends or any(zh[max(0, a - k) : a] in _major_names() for k in (2, 3))
            if a and not after_place and zh[a - 1] not in _BEFORE_UNIT | _BEFORE_NAME \
                    and (prev is None or prev[1][:1] not in ("v", "p", "c", "u", "x", "r", "d", "f", "m", "q")
                         and not prev[1].startswith("ns")):
                continue
            if any(f[:1] in ("c", "p", "u") for st, w, f in offs if a <= st < b):
                break  # 堤防和月亮泡: a conjunction inside, no name
            if frequency(name) >= 100 or name in STOP or name[0] in _DETERMINERS or _generic_stem(name[:-1]) \
                    or any(len(w) > 1 and frequency(w) >= 500 and not f.startswith(("nr", "ns", "nz"))
                           for st, w, f in offs if a <= st and st + len(w) <= b - 1):
                continue
            over = [o for o in spans if o.start < b and a < o.end]
            if any(o.kind == "place" and not (a <= o.start and o.end <= b) for o in over):
                break
            if any(o.kind == "place" and (o.start, o.end) == (a, b) for o in over):
                break
            for o in over:
                spans.remove(o)
            spans.append(NameSpan(a, b, name, "place"))
            break


#: Last characters of villages' and hamlets' names after a surname (王庄, 李寨, 张营, 刘湾).
_HAMLET_END = set("庄寨屯营湾沟铺坡岭坪岗洼")


@functools.lru_cache(maxsize=1)
def _unknown_short_districts() -> dict[str, tuple[str, ...]]:
    """Short names of China's counties and urban districts that the table does not take alone and that jieba's
    dictionary does not know at all (曾都, 鲤城, 泉港, 港闸: no word, no tag), by first character."""
    from pipeline.korean import divisions
    from pipeline.zhwords import frequency as freq, word_tag as tag

    by_first: dict[str, list[str]] = {}
    for zh, bits in divisions.index().items():
        if divisions.level_of(bits) == "county" and not bits & (divisions.FULL | divisions.DETECT) \
                and 2 <= len(zh) <= 4 and not freq(zh) and not tag(zh) and zh not in STOP:
            by_first.setdefault(zh[0], []).append(zh)
    return {c: tuple(sorted(v, key=len, reverse=True)) for c, v in by_first.items()}


def _unknown_district_names(zh: str, spans: list[NameSpan], bounds: set[int]) -> None:
    """A county's or district's short name that no word of jieba's dictionary is (曾都, 鲤城, 泉港) is a place
    where it stands on jieba's word boundaries before and after, is no part of a longer name found there,
    and no settlement's, district's or organ's suffix follows it (that name is another's: 鲤城 + 区 is found
    whole) (``spans`` extended in place). A word jieba does not know gives no other reading."""
    table = _unknown_short_districts()
    for a, c in enumerate(zh):
        for name in table.get(c, ()):
            b = a + len(name)
            if zh[a:b] != name or a not in bounds or b not in bounds:
                continue
            if zh[b : b + 1] in _ADMIN_END | set("街委") or any(o.start < b and a < o.end for o in spans):
                break
            spans.append(NameSpan(a, b, name, "place"))
            break


def _known_settlement(name: str) -> bool:
    """A township, village or neighbourhood the tables know: its full name in China's division table, or
    its stem among the national village list's villages (村, 屯) or neighbourhoods (社区) (宋家村, 梅巷社区)."""
    unit = _unit_of(name)
    stem = name[: -len(unit)] if unit else name
    if name in _full_table_names() or not stem:
        return name in _full_table_names()
    if unit in ("村", "屯"):
        return bool(national_villages(stem))
    if unit == "社区":
        return bool(national_neighbourhoods(stem))
    return False


class _TableNames:
    """The names of China's division table that pass a test on their :func:`pipeline.korean.divisions.index`
    entry (name, bits): a set with no table of its own (``name in ...`` only)."""

    def __init__(self, test: Callable[[str, int], bool]) -> None:
        self.test = test

    def __contains__(self, name: object) -> bool:
        from pipeline.korean import divisions

        bits = divisions.index().get(name) if isinstance(name, str) else None
        return bits is not None and self.test(name, bits)  # type: ignore[arg-type]


def _full_and_long(zh: str, bits: int) -> bool:
    from pipeline.korean import divisions

    return bool(bits & divisions.FULL) and len(zh) >= 3


def _county_or_town(_zh: str, bits: int) -> bool:
    from pipeline.korean import divisions

    return divisions.level_of(bits) in ("county", "town", "subdistrict")


@functools.lru_cache(maxsize=1)
def _full_table_names() -> _TableNames:
    """Full names of China's townships, counties and villages in the division table (榜罗镇, 宋家村)."""
    return _TableNames(_full_and_long)


@functools.lru_cache(maxsize=1)
def _major_or_town_names() -> _TableNames:
    """Names (full and short) of China's counties and townships in the division table (蓝田, 河庄坪)."""
    return _TableNames(_county_or_town)


_NUMBER = "[一二三四五六七八九十百几两\\d]+"
#: The phrase that closes a list of settlements by their count or their kind: 等社区, 等3个村, 全县16个乡镇,
#: 五大山区乡镇, 三个行政村 (after 乡 no 乡亲/乡土, after 村 no 村民/村级).
_LIST_CLOSER = re.compile(
    "(?:等(?:" + _NUMBER + "个)?|(?:全[县市区旗])?" + _NUMBER + "[个大])"
    "(?:山区|贫困|重点|边远|偏远|少数民族|民族|城区|农村|涉农|试点|示范)?"
    "(?:行政村|自然村|乡镇|社区|街道|村(?![民级庄落务里])|镇(?![村])|乡(?![镇村亲土音愁情间下邻贤风])|屯)")
_CLOSED_RUN = re.compile(r"((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,4}?(?:[和及][\u4e00-\u9fff]{2,4}?)?)(?=" + _LIST_CLOSER.pattern + ")")


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _count_of(closer: str) -> int | None:
    """The count a list's closer gives (等3个村 3, 全县16个乡镇 16, 五大山区乡镇 5, 十二个村 12), else None."""
    m = re.search(r"\d+|[一二三四五六七八九十两]+", closer)
    if m is None:
        return None
    t = m.group()
    if t.isdigit():
        return int(t)
    if "十" in t:
        tens, _, ones = t.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
    return _DIGITS.get(t) if len(t) == 1 else None


def _settlement_stem(stem: str) -> bool:
    """A township's, street office's, village's or neighbourhood's name without its suffix in the
    place tables (divisions.tsv's townships, the national village table): 和吉, 双胜, 昙华."""
    return stem in _town_stems() or national_villages(stem) > 0 or national_neighbourhoods(stem) > 0


def _closed_lists(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> None:
    """Items of a 、-list closed by the count or the kind of settlement they are (秀峰、双胜、新华等社区,
    和吉、洋桥……新圩全县16个乡镇, 铁锁、湾碧、三台五大山区乡镇) are those settlements, written bare
    (``spans`` changed in place). Each item must be a settlement's stem of the place tables, or, when at
    least half of the items are, a word jieba does not know (a list item that is a common word is not
    enough on its own); the first item is the longest end of the run's first piece that passes."""
    starts = {st for st, _w, _f in offs}
    for m in _CLOSED_RUN.finditer(zh):
        pieces = [(m.start(1) + it.start(), m.start(1) + it.end()) for it in re.finditer(r"[^、]+", m.group(1))]
        la, lb = pieces[-1]
        join = next((k for k in range(la + 2, lb - 1) if zh[k] in "和及"), None) if lb - la > 4 else None
        if join is not None:  # (波先、同瓦和日那卡: the last two joined by 和)
            pieces[-1:] = [(la, join), (join + 1, lb)]
        if len(pieces) < 2 or any(b - a > 4 for a, b in pieces[1:]):
            continue
        a0, b0 = pieces[0]
        first = next((a for a in range(max(a0, b0 - 4), b0 - 1)
                      if _settlement_stem(zh[a:b0]) and (a == 0 or a in starts or zh[a - 1] in _BEFORE_NAME)), None)
        if first is None:
            first = next((a for a in range(max(a0, b0 - 4), b0 - 1) if a == 0 or zh[a - 1] in _BEFORE_NAME), None)
        if first is None:
            continue
        items = [(first, b0)] + pieces[1:]
        stems = [zh[a:b] for a, b in items]
        known = [_settlement_stem(st) for st in stems]
        # a count that matches the items (16 names + 全县16个乡镇) vouches for every item, also a common word
        counted = _count_of(_LIST_CLOSER.match(zh, m.end(1)).group()) == len(items)  # type: ignore[union-attr]
        rare = [frequency(st) < 100 for st in stems]  # (党建、产业、文化等3个村: words, no names)
        if any(c in _NOT_IN_STEM for st, k in zip(stems, known) if not k for c in st) or sum(known) * 2 < len(items) or sum(rare) * 2 < len(items) \
                or not counted and any(not k and (frequency(st) or _common_word(st)) for st, k in zip(stems, known)):
            continue
        for a, b in items:
            for sp in [sp for sp in spans if sp.start < b and a < sp.end]:
                if (sp.start, sp.end) == (a, b) and sp.kind == "place":
                    break
                if sp.kind == "person" or sp.end > b and zh[b] in "、和及等" or a <= sp.start and sp.end <= b:
                    spans.remove(sp)  # 双胜 (person), 双碧等社区 (a "place" reaching into the closer)
            else:
                if not any(sp.start < b and a < sp.end for sp in spans):
                    spans.append(NameSpan(a, b, zh[a:b], "place"))


def _take_span(spans: list[NameSpan], a: int, b: int, name: str, kind: str) -> bool:
    """Take ``name`` at ``a:b`` as one name of ``kind`` in place of every span inside it, unless a
    span crosses its edges (``spans`` changed in place); True when taken."""
    inside = [o for o in spans if a <= o.start and o.end <= b]
    if any(o.start < b and a < o.end for o in spans if o not in inside):
        return False
    for o in inside:
        spans.remove(o)
    spans.append(NameSpan(a, b, name, kind))
    return True


_TOWN_SUFFIXES = ("街道", "镇", "乡")


def _replace_inside(zh: str, spans: list[NameSpan], a: int, b: int, kind: str = "place") -> bool:
    """Take ``zh[a:b]`` as a name of ``kind`` where only jieba's persons, or a place that is exactly
    this span or holds it with more around it that the caller splits, overlap it; True when taken."""
    over = [sp for sp in spans if sp.start < b and a < sp.end]
    if any(sp.kind == "place" and (sp.start, sp.end) == (a, b) for sp in over):
        return True
    if any(sp.kind == "place" or sp.start < a or sp.end > b for sp in over):
        return False
    for sp in over:
        spans.remove(sp)
    spans.append(NameSpan(a, b, zh[a:b], kind))
    return True


def _division_chains(zh: str, spans: list[NameSpan], bounds: set[int]) -> None:
    """A chain of divisions written on, each of the table: a county's or prefecture's short name right
    before a township or street office of the table (苍南 + 龙港镇, 海盐 + 百步镇, 苏州 + 娄葑街道, which
    jieba may take as one word), and a neighbourhood of the national table right after its street office
    or township (官渡街道 + 沿江社区, 娄葑街道 + 梅巷社区: 沿江 "along the river" alone is no name)."""
    majors = _major_names()
    towns = _town_stems()
    for p in range(2, len(zh) - 2):
        for n in (3, 2):
            a = p - n
            if a < 0 or zh[a:p] not in majors or not (a == 0 or zh[a - 1] in _BEFORE_NAME or a in bounds) \
                    or zh[a:p] in STOP:
                continue
            end = next((p + k + len(suf) for k in (4, 3, 2) for suf in _TOWN_SUFFIXES
                        if zh[p : p + k] in towns and zh.startswith(suf, p + k)
                        and zh[p + k + len(suf) : p + k + len(suf) + 1] not in _NOT_AFTER_XIANG), None)
            # (昭平县 + 创新 + 乡村: 乡 starts a word; a township found already may be no longer in the table: 龙港镇)
            end = end or next((sp.end for sp in spans if sp.kind == "place" and sp.start == p
                               and sp.zh.endswith(_TOWN_SUFFIXES) and len(sp.zh) >= 3), None)
            if end is None:
                continue
            whole = [sp for sp in spans if sp.kind == "place" and (sp.start, sp.end) == (a, end)]
            for sp in whole:
                spans.remove(sp)  # 苏州娄葑街道, one "place" of jieba's word: the prefecture and its street office
            if _replace_inside(zh, spans, p, end):
                _replace_inside(zh, spans, a, p)
            break
    for p in range(len(zh) - 4):
        # 花园街道 + 专榆居委会: a street office of the table and a neighbourhood of the national table
        # right after it vouch for each other (花园 "garden" alone is a word)
        if not (p == 0 or zh[p - 1] in _BEFORE_NAME or p in bounds):
            continue
        for k in (3, 2):
            if zh[p : p + k] in towns and zh.startswith("街道", p + k) and _neighbourhood_at(zh, p + k + 2):
                _replace_inside(zh, spans, p, p + k + 2)
                break
    for sp in sorted([s for s in spans if s.kind == "place" and s.zh.endswith(_TOWN_SUFFIXES)], key=lambda s: s.start):
        b = sp.end
        end = _neighbourhood_at(zh, b)
        if end:
            _replace_inside(zh, spans, b, end)


def _neighbourhood_at(zh: str, b: int) -> int:
    """The end of a neighbourhood of the national table written at ``b`` (沿江社区; 专榆 of 专榆居委会,
    whose committee is no part of the name), else 0."""
    for n in (3, 2):
        stem = zh[b : b + n]
        if national_neighbourhoods(stem) > 0 and not any(c in _NOT_IN_STEM for c in stem):
            if zh.startswith("社区", b + n):
                return b + n + 2
            if zh.startswith(("居委会", "居民委员会"), b + n):
                return b + n
    return 0


#: A county that became a city or a district keeps its old name in older news (子长县, now 子长市; 北流县).
_OLD_COUNTY = re.compile(r"[\u4e00-\u9fff]{2}县")


def _renamed_counties(zh: str, spans: list[NameSpan], bounds: set[int]) -> None:
    """X县 where the table has X市 or X区 and no X县: a county renamed since (子长县, 北流县); on jieba's
    boundary before it, where no other name holds its characters (a person inside it gives way)."""
    names = _major_names()
    for m in _OLD_COUNTY.finditer(zh):
        a, b = m.span()
        stem = zh[a : b - 1]
        if stem + "县" in names or not (stem + "市" in names or stem + "区" in names) or a not in bounds \
                or any(c in _NOT_IN_STEM for c in stem):
            continue
        over = [sp for sp in spans if sp.start < b and a < sp.end]
        if all(sp.kind == "person" and a <= sp.start and sp.end <= b or sp.kind == "place" and (sp.start, sp.end) == (a, b - 1)
               for sp in over):
            for sp in over:
                spans.remove(sp)
            spans.append(NameSpan(a, b, zh[a:b], "place"))


#: A credit after a byline's title: 特派记者林世雄文/图, 记者 王某 摄 (the name runs up to 文/图 or 摄).
_CREDIT = re.compile(r"(?:记者|通讯员|摄影|特约记者|特派记者|摄影记者)[ \u3000]?([\u4e00-\u9fff]{2,3})"
                     r"(?=[ \u3000]?(?:文[/／]图|文图|摄(?:[）)\s]|$)|/摄|／摄))")


#: A writer's name in brackets closing a report (……一份心意。（万继明）).
_CLOSING_CREDIT = re.compile(r"[。！？”][（(]([\u4e00-\u9fff]{2,3})[）)]\s*$")


def _closing_credit(zh: str, spans: list[NameSpan]) -> None:
    """The name in brackets after a report's last sentence (（万继明）): a person when it is shaped like
    one (a surname, name-like first and last characters: not 本报讯, 新华社), is no place of the tables
    and holds no frequent word that is no name."""
    m = _CLOSING_CREDIT.search(zh)
    if m is None:
        return
    a, b = m.span(1)
    name = m.group(1)
    if not _person_shaped(name) or _name_odds(name) < 0.05 or name in _places() or name in STOP or frequency(name) >= 20 \
            or any(len(w) > 1 and frequency(w) >= 50 and not f.startswith(("nr", "ns", "nz")) for w, f in pos_tags(name)):
        return
    _replace_inside(zh, spans, a, b, "person")


def _byline_credits(zh: str, spans: list[NameSpan]) -> None:
    """The person of a byline credit, whole (林世雄 of 林世雄文/图, where jieba cuts 林世|雄文|/|图)."""
    for m in _CREDIT.finditer(zh):
        a, b = m.span(1)
        if m.group(1)[0] not in surname_chars() or m.group(1) in STOP:
            continue
        over = [sp for sp in spans if sp.start < b + 1 and a < sp.end]
        if any((sp.start, sp.end) == (a, b) for sp in over) or any(sp.kind == "place" for sp in over):
            continue
        for sp in over:
            spans.remove(sp)
        spans.append(NameSpan(a, b, zh[a:b], "person"))


#: A name printed with a space inside in a credit (（陈 锐 姚旭东）, 记者 陈 锐): a surname and one character.
_SPACED_PAIR = re.compile(r"(?=([\u4e00-\u9fff])[ \u3000]([\u4e00-\u9fff])(?:[ \u3000）)]|$))")
#: Words of a credit line besides its names (记者 陈 锐 报道, （文/图 ……）).
_CREDIT_WORDS = frozenset(_BYLINE_TITLES) | {"特约记者", "实习生", "报道", "摄", "文", "图", "文图", "责编", "编审", "审核"}


def _credit_tokens(seg: str) -> list[str] | None:
    """The space-separated pieces of a credit (titles and names), None when ``seg`` is no credit."""
    toks = [t for t in re.split(r"[ \u3000：:/／]+", seg) if t]
    if not toks or any(not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", t) for t in toks):
        return None
    return toks


def _spaced_credits(zh: str, spans: list[NameSpan]) -> None:
    """A person of a credit printed with a space between surname and given name, the way papers pad a
    two-character name (（陈 锐 姚旭东）, 记者 陈 锐 报道): a surname, a space, one character, inside a
    bracketed credit of names only or after a byline's title; the name is given without the space."""
    for m in _SPACED_PAIR.finditer(zh):
        a, b = m.start(), m.start() + 3
        if a > 0 and zh[a - 1] not in "（( \u3000：:":
            continue
        if m.group(1) not in surname_chars() or m.group(1) + m.group(2) in STOP:
            continue
        left = max(zh.rfind(c, 0, a) for c in "（(。，！？；\u201d")
        right = min([i for i in (zh.find(c, b) for c in "）)。，；") if i >= 0] or [len(zh)])
        bracketed = left >= 0 and zh[left] in "（(" and right < len(zh) and zh[right] in "）)"
        toks = _credit_tokens(zh[left + 1 : right])
        if toks is None:
            continue
        titled = any(t in _CREDIT_WORDS or t.endswith(("记者", "通讯员")) for t in toks)
        if not (bracketed or titled) or any(len(t) == 4 and t not in _CREDIT_WORDS for t in toks):
            continue
        # the two single characters stand alone as pieces (not 陈 + 锐锋: a name of its own after it)
        if any(sp.start < b and a < sp.end for sp in spans if not (a <= sp.start and sp.end <= b)):
            continue
        for sp in [sp for sp in spans if a <= sp.start and sp.end <= b]:
            spans.remove(sp)
        spans.append(NameSpan(a, b, m.group(1) + m.group(2), "person"))


#: A month after a bare name: 阳春三月, 金秋十月 are times of the year, not places.
_MONTH_AFTER = re.compile("[一二三四五六七八九十正腊]{1,2}月(?=[，,。、；;\\s]|$)")


def _month_phrases(zh: str, spans: list[NameSpan]) -> None:
    """A bare two-character place right before a month and a clause's edge (阳春三月，) is a season
    phrase (阳春 "spring"), not the county-level city 阳春."""
    for sp in [s for s in spans if s.kind == "place" and len(s.zh) == 2 and s.zh[-1] not in _PLACE_END]:
        if _MONTH_AFTER.match(zh, sp.end) and (sp.start == 0 or zh[sp.start - 1] in _BEFORE_NAME):
            spans.remove(sp)


#: Two bare counties joined by 和 / 与 and closed by their count (子长和清涧两个临县, 甲与乙两县).
_COUNTED_CLOSER = re.compile("[两二]个?(?:临|邻|相邻|兄弟)?[县市区旗]")
_COUNT_BEFORE = re.compile("[两二三四五六七八九十几]个$")


def _counted_pairs(zh: str, spans: list[NameSpan], bounds: set[int]) -> None:
    """X和Y两个临县: when Y is a place found and X a county's name of the table on jieba's boundary,
    X is a place too; a county's name right after a count (两个 + 临县 "neighbouring counties") is none."""
    for sp in [s for s in spans if s.kind == "place" and _COUNT_BEFORE.search(zh[: s.start])]:
        spans.remove(sp)  # 两个 + 临县: the counties a count speaks of, not 临县 of Shanxi
    majors = _major_names()
    for j in [i for i, ch in enumerate(zh) if ch in "和与"]:
        d = next((j + 1 + n for n in (3, 2) if _COUNTED_CLOSER.match(zh, j + 1 + n)), None)
        a = next((j - n for n in (3, 2) if j - n >= 0 and j - n in bounds and zh[j - n : j] in majors), None)
        if d is None or a is None:
            continue
        b, c = j, j + 1
        if not any(sp.kind == "place" and (sp.start, sp.end) == (c, d) for sp in spans) and zh[c:d] not in majors:
            continue
        if zh[a:b] not in majors or a not in bounds or zh[a:b] in STOP:
            continue
        _replace_inside(zh, spans, a, b)
        _replace_inside(zh, spans, c, d)


#: A village's group (组/社) named by a place after its village or township (铁锁乡 + 拉巴乍一组,
#: 瓦厂村 + 沙厂组); the group's name is the place.
_GROUP_AT = re.compile("([\u4e00-\u9fff]{2,3}?)[一二三四五六七八九十]{0,2}[组社](?![织成建合长员委团装件])")
#: Characters of the teams and bodies a village has besides its groups (党小组, 工作组, 合作社).
_NOT_IN_GROUP = set("党团小工作专班帮扶联络调研督导考察宣讲服务领导合互民村镇乡队分")


def _village_groups(zh: str, spans: list[NameSpan]) -> None:
    """The place that names a village group (组/社) right after its village or township: 铁锁乡拉巴乍一组
    → 拉巴乍, 瓦厂村沙厂组 → 沙厂 (细氽村三组: a number, no name); the stem holds no function word,
    numeral or word of the village's teams and is no common word of the dictionary."""
    for v in sorted([s for s in spans if s.kind == "place" and s.zh[-1] in "村乡镇屯" and len(s.zh) >= 3],
                    key=lambda s: s.start):
        m = _GROUP_AT.match(zh, v.end)
        if m is None:
            continue
        a, b = m.span(1)
        stem = m.group(1)
        if any(c in _NOT_IN_STEM or c in _NUMERALS or c in _NOT_IN_GROUP for c in stem) or _common_word(stem) \
                or frequency(stem) >= 20:
            continue
        over = [sp for sp in spans if sp.start < b and a < sp.end]
        if any(sp.start < a or sp.end > b for sp in over):
            continue
        for sp in over:
            spans.remove(sp)
        spans.append(NameSpan(a, b, stem, "place"))


def _one_character_villages(zh: str, spans: list[NameSpan]) -> None:
    """A village whose stem is one character right after its township (章水镇 + 樟村), ending a clause
    or followed by its seat: the character is a noun's, no verb, pronoun, numeral or direction
    (镇驻村干部, 乡各村, 镇邻村 are no villages)."""
    for t in [s for s in spans if s.kind == "place" and s.zh.endswith(_TOWN_SUFFIXES) and len(s.zh) >= 3]:
        b = t.end
        if zh[b + 1 : b + 2] != "村" or not "\u4e00" <= zh[b : b + 1] <= "\u9fff" \
                or zh[b] in _NOT_IN_STEM or zh[b] in _NUMERALS or zh[b] in "东西南北上下前后中内外新旧大小老邻本":
            continue
        after = zh[b + 2 :]
        if not (not after or after[0] in _BEFORE_NAME or after.startswith(_SETTLEMENT_SEAT)):
            continue
        tag = word_tag(zh[b])
        if tag and not str(tag).startswith("n") or any(sp.start < b + 2 and b < sp.end for sp in spans):
            continue
        spans.append(NameSpan(b, b + 2, zh[b : b + 2], "place"))


#: Last characters of natural villages' names in the southwest and the hills (瓦落箐, 高坪子, 黄家湾, 李家寨).
_NATURAL_END = ("坪子", "箐", "坪", "湾", "寨", "坝", "冲", "凹", "垭", "梁", "岭", "坡", "营", "堡", "铺", "洼", "咀", "嘴", "沟")
#: What may close a chain of natural villages: a clause's edge, a list's 等, the end.
_CHAIN_EDGE = set("，。；：,;:！？）)\u201d 等")


def _natural_chain(zh: str, p: int, depth: int = 0) -> list[tuple[int, int]] | None:
    """Natural villages written on from ``p`` (高坪子 + 支倮箐、杨家箐 + 等): each two to four characters
    ending as a natural village's name does, no common word, the chain closed by a clause's edge or 等."""
    if depth > 6:
        return None
    for n in (4, 3, 2):
        word = zh[p : p + n]
        if len(word) < n or not word.endswith(_NATURAL_END) or not all("\u4e00" <= c <= "\u9fff" for c in word) \
                or any(c in _NOT_IN_STEM or c in _NUMERALS for c in word) or frequency(word) >= 20 or _common_word(word) \
                or any(len(w) > 1 and (frequency(w) >= 200 and not f.startswith(("nr", "ns")))
                       for w, f in pos_tags(word[: -2 if word.endswith("坪子") else -1] or word)):
            continue
        q = p + n
        if q == len(zh) or zh[q] in _CHAIN_EDGE and zh[q] != "、":
            return [(p, q)]
        nxt = _natural_chain(zh, q + 1 if zh[q] == "、" else q, depth + 1)
        if nxt is not None:
            return [(p, q)] + nxt
    return None


def _natural_villages(zh: str, spans: list[NameSpan]) -> None:
    """Natural villages named right after their township or village (湾碧乡 + 高坪子支倮箐、杨家箐等边远村组):
    the whole chain or nothing; persons jieba made inside an item give way (高坪子)."""
    for v in sorted([s for s in spans if s.kind == "place" and s.zh[-1] in "村乡镇" and len(s.zh) >= 3],
                    key=lambda s: s.start):
        chain = _natural_chain(zh, v.end)
        if chain is None or len(chain) < 2 and not (chain[0][1] == len(zh) or zh[chain[0][1]] in "，。；"):
            continue
        if any(sp.kind == "place" and sp.start < b and a < sp.end and (sp.start, sp.end) != (a, b)
               for a, b in chain for sp in spans):
            continue
        for a, b in chain:
            for sp in [sp for sp in spans if sp.start < b and a < sp.end]:
                spans.remove(sp)
            spans.append(NameSpan(a, b, zh[a:b], "place"))


#: A photographer's credit closing a caption: …… （资料图） 魏建军 摄.
_CAPTION_CREDIT = re.compile(r"(?:^|(?<=[）)。 \u3000]))([\u4e00-\u9fff]{2,3})[ \u3000]摄\s*$")


def _caption_credit(zh: str, spans: list[NameSpan]) -> None:
    """The name before 摄 closing a caption, shaped like a person (the checks of _closing_credit)."""
    m = _CAPTION_CREDIT.search(zh)
    if m is None:
        return
    a, b = m.span(1)
    name = m.group(1)
    # (摄 vouches more than brackets do: a given name that is a word is fine, 魏 + 建军)
    if not _person_shaped(name) or _name_odds(name) < 0.05 or name in _places() or name in STOP or frequency(name) >= 20:
        return
    _replace_inside(zh, spans, a, b, "person")


_FIRM_END = re.compile("(?:股份)?有限(?:责任)?公司|集团")


def _firm_name(zh: str, sp: NameSpan) -> bool:
    """A person jieba or its model found inside a firm's full name: the name follows a place's
    name or a list's edge with no title before it, and the firm's legal form (有限公司, 集团) ends
    the same run of characters within ten more, none of them a function word (安徽 + 华杰鑫 +
    森新材料科技有限公司, 安徽 + 金禾 + 硅砂科技有限公司); a person's own firm is written with a
    particle or a verb between (王明 + 所在的公司)."""
    m = _FIRM_END.search(zh, sp.end, sp.end + 12)
    if m is None:
        return False
    between = zh[sp.end : m.start()]
    if not re.fullmatch(r"[\u4e00-\u9fff]*", between) or any(c in _NOT_IN_STEM for c in between):
        return False
    return not zh[: sp.start].rstrip("：: ").endswith(TITLES + _TITLES_AFTER)


#: How the Yanbian press names a city's grassroots units in Korean: 街道 is 가두 (건공가두,
#: 하남가두), 社区 is 사회구역 (연홍사회구역), not the characters' readings 가도 and 사구
#: (iybrb.com, jlcxwb.com.cn, zoglo.net 2021-2025 usage).
_UNIT_READINGS = {"街道": "가두", "社区": "사회구역"}


def _name_reading(zh: str, kind: str) -> str:
    """The Korean reading of a name; a street office or a community with the Yanbian suffix."""
    if kind == "place" and len(zh) > 2 and zh[-2:] in _UNIT_READINGS:
        return read_korean(zh[:-2], kind).ko + _UNIT_READINGS[zh[-2:]]
    return read_korean(zh, kind).ko


#: Last characters of buildings' and sights' names (龙井三合望江阁): a county's short
#: name right before one is part of the building's name.
_BUILDING_END = "阁楼亭塔寺庙桥"
#: jieba's tags of bound morphemes: a lone one next to a word means jieba cut an
#: unknown longer word (委|乐至|革步 is the road 委乐 – 革步).
_MORPHEME_TAGS = ("zg", "g", "ng", "vg", "ag", "tg", "dg", "yg", "rg", "mg")


def _coined_names(zh: str, offs: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """A person jieba did not know, cut into a word it coined (no dictionary
    entry) and a lone character (的 + 劳美|荣 + 回娘家): a surname and a two-character
    given name, no dictionary word, after 的 or at a clause's start, before a
    word jieba knows."""
    out = []
    for k in range(len(offs) - 2):
        (a, w1, _f1), (_b, w2, _f2), (_c, w3, _f3) = offs[k], offs[k + 1], offs[k + 2]
        name = w1 + w2
        if len(name) != 3 or name[0] not in surname_chars() or not re.fullmatch(r"[\u4e00-\u9fff]{3}", name):
            continue
        coined = w1 if len(w1) == 2 else w2
        if frequency(coined) or frequency(name) or len(w3) < 2 or not frequency(w3):
            continue
        before = zh[a - 1 : a] if a else ""
        if before and before not in "的，。；：、“":
            continue
        out.append((a, a + 3))
    return out


def _verb_and_localizer(zh: str, p: int) -> bool:
    """Whether jieba cut ``zh[p:p + 2]`` into two one-character words, the second a
    localizer (书记 + 任 + 上，: "in that post", no surname and given name)."""
    w1, _f1 = _word_at(zh, p)
    w2, f2 = _word_at(zh, p + 1)
    return len(w1) == 1 and len(w2) == 1 and f2 == "f"


def _word_at(zh: str, p: int) -> tuple[str, str]:
    """jieba's word and tag starting at ``zh[p]`` (("", "") when none starts there)."""
    pos = 0
    for w, f in pos_tags(zh):
        if pos == p:
            return w, f
        pos += len(w)
        if pos > p:
            break
    return "", ""


def _given_name_cut_short(zh: str, sp: NameSpan, spans: list[NameSpan]) -> bool:
    """Whether a two-character person (a surname and one character) is a three-character
    name whose last character jieba glued to what follows: most Chinese names have three
    characters, so the next character is taken when it often ends names in jieba's dictionary
    (强 0.46, 大 0.22 of the words it ends), is no function word, jieba's word there is the
    character alone or a word it does not know (强犯, 大; not 参加, 强调, 大力), the three
    characters are no dictionary word, and a verb follows them (犯, 受)."""
    if sp.zh[0] not in surname_chars() and sp.zh[:2] not in COMPOUND_SURNAMES or sp.end + 1 >= len(zh):
        return False  # (欧阳明 + 远: after a compound surname the same holds for four characters)
    c = zh[sp.end]
    _s, _f, e, a = _name_char_stats().get(c, (0, 0, 0, 0))
    if not a or e / a < 0.2 or c in _AFTER_NAME | _FUNCTION_CHARS | _NOT_GIVEN_END | _ADVERBS | _JOINS_NAME \
            | _ADMIN_END | _PREPOSITIONS | _NUMERALS or frequency(sp.zh + c):
        return False
    if any(o is not sp and o.start <= sp.end < o.end for o in spans):
        return False
    w, _tag = _word_at(zh, sp.end)
    if not w or len(w) > 2 or len(w) == 2 and frequency(w) >= 20:
        return False
    rest = pos_tags(zh[sp.end + 1 :])
    return bool(rest) and rest[0][1] == "v" and rest[0][0] not in _CLOSERS + ("是", "有")


_HOUSEHOLD = re.compile("(?:牧户|牧民|农户|农民|村民|居民|贫困户|脱贫户|低保户|五保户|养殖户|种植户|困难户)"
                        "([\u4e00-\u9fff]{2,6}?)家(?=[中里门院，。、；]|$|[\u4e00-\u9fff]{2})(?![庭具乡属族长园境电务政])")


_ORGAN_AFTER = re.compile("(?<=[省市县区州旗])(?:委|政府|人大|政协|纪委)")


def _before_organs(zh: str) -> list[tuple[int, int]]:
    """Places of China's table (full names, province to county) right before their own party or
    government organ: the longest name of two to six characters before the suffix, starting on
    jieba's word boundary or right after 中共 (林州市 + 委, 云南省 + 委, 城中区 + 委)."""
    out = []
    bounds = {0}
    pos = 0
    for w, _f in pos_tags(zh):
        pos += len(w)
        bounds.add(pos)
    for m in _ORGAN_AFTER.finditer(zh):
        b = m.start()
        for n in range(7, 2, -1):
            a = b - n
            if a < 0:
                continue
            name = zh[a:b]
            if _divisions().get(name) == "full" and (a in bounds or zh[max(a - 2, 0) : a] == "中共") \
                    and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                out.append((a, b))
                break
    return out


_LIST_RUN = re.compile(r"[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8})+")


def _item_spans(m: re.Match[str]) -> list[tuple[int, int]]:
    """The (start, end) of each item of a 、-list matched by ``m`` in its text."""
    items = []
    pos = m.start()
    for it in m.group().split("、"):
        items.append((pos, pos + len(it)))
        pos += len(it) + 1
    return items


def _list_items(zh: str, spans: list[NameSpan]) -> None:
    """Items of a 、-list whose kind the list's other items give (``spans`` extended in place):
    a county's short name the table does not take alone among places (昭觉、布拖、金阳、美姑);
    a name and its title among persons with titles (荣天厚书记、其木格主席、包湖春副主任)."""
    for m in _LIST_RUN.finditer(zh):
        items = _item_spans(m)
        # an item is a place when a place fills it, or, at the run's edges, ends the first item (来自 + 邯郸)
        # or starts the last one (承德 + 等地): the regex's run reaches into the clause around the list
        places = [(a, b) for i, (a, b) in enumerate(items)
                  if any(o.kind == "place" and ((o.start, o.end) == (a, b) or i == 0 and o.end == b and a <= o.start
                                                or i == len(items) - 1 and o.start == a and o.end <= b)
                         for o in spans)]
        titled = []
        for i, (a, b) in enumerate(items):
            t = _TITLE_RE.search(zh, a, b)
            if t is None or t.end() != b and i < len(items) - 1:
                continue  # (the run's last item may run on after its title: 包湖春副主任 + 出席)
            name_end = t.start() - (1 if zh[t.start() - 1 : t.start()] == "副" else 0)
            if name_end - a >= 2:
                titled.append((a, name_end))
        persons = [(a, e) for a, e in titled if any(o.kind == "person" and (o.start, o.end) == (a, e) for o in spans)]
        for i, (a, b) in enumerate(items):
            if i == 0 and zh[a:b] not in _quiet_short_names():
                # the run's first item may start inside the clause (是 + 昭觉、布拖): its end on jieba's boundary
                a = next((b - n for n in (3, 2) if b - n > a and zh[b - n : b] in _quiet_short_names()
                          and _word_before(zh, b - n)[0]), a)
            if len(places) >= 2 and zh[a:b] in _quiet_short_names() \
                    and not any(o.start < b and a < o.end for o in spans):
                spans.append(NameSpan(a, b, zh[a:b], "place"))
        if len(persons) >= 2:
            for a, e in titled:
                name = zh[a:e]
                if 2 <= len(name) <= 4 and not any(o.start < e and a < o.end for o in spans) \
                        and not any(len(w) > 1 and frequency(w) >= 50 and not f.startswith(("nr", "ns", "nz"))
                                    for w, f in pos_tags(name)) \
                        and name not in _places() and not any(c in _NOT_IN_STEM for c in name):
                    spans.append(NameSpan(a, e, name, "person"))


def _noun_at(offs: list[tuple[int, str, str]], a: int, b: int) -> bool:
    """Whether jieba's word at ``a``–``b`` is a noun (石佛乡 + 大力(n)山村: a village right after its
    township may hold one; not a verb, an adverb or a numeral, which end the run)."""
    return any(st == a and st + len(w) == b and f == "n" for st, w, f in offs)


def _after_roles(zh: str) -> list[tuple[int, int]]:
    """Names after a role noun made of a verb and 人 (传承人, 负责人, 投资人: jieba's verb, then 人),
    closed like a name after a title (、，等, a reporting verb): a Chinese surname and one or two
    characters holding no common word."""
    out = []
    for m in re.finditer("(?<=[\u4e00-\u9fff]{2})人(?=[\u4e00-\u9fff])", zh):
        p = m.end()
        if not str(word_tag(zh[p - 3 : p - 1]) or "").startswith("v") or zh[p] not in surname_chars():
            continue
        for n in (3, 2):
            seg = zh[p : p + n]
            if len(seg) == n and re.fullmatch(r"[\u4e00-\u9fff]+", seg) and _closed(zh, p + n) \
                    and not (frequency(seg) and not str(word_tag(seg) or "").startswith("nr")) \
                    and not any(c in _AFTER_NAME | _NOT_GIVEN_END | _FUNCTION_CHARS for c in seg[1:]) \
                    and not any(len(w) > 1 and frequency(w) >= 50 and not f.startswith(("nr", "ns", "nz"))
                                for w, f in pos_tags(seg)) \
                    and seg not in _places() and not _TITLE_RE.search(seg):
                out.append((p, p + n))
                break
    return out


@functools.lru_cache(maxsize=1)
def _autonomous_by_key() -> dict[str, str]:
    """China's autonomous prefectures, counties and banners, keyed by their name without 族."""
    return {zh.replace("族", ""): zh for zh, form in _divisions().items()
            if form == "full" and zh.endswith(("自治州", "自治县", "自治旗"))}


def _autonomous_variants(zh: str) -> list[tuple[int, int]]:
    """Autonomous divisions written with or without 族 unlike the table (克孜勒苏柯尔克孜族自治州
    for 克孜勒苏柯尔克孜自治州): the longest run before 自治州/县/旗 whose form without 族 is one of
    the table's names without 族, when the text's form is not the table's own."""
    out = []
    keys = _autonomous_by_key()
    for m in re.finditer("自治[州县旗]", zh):
        b = m.end()
        for a in range(max(0, b - 20), b - 4):
            cand = zh[a:b]
            if cand not in _divisions() and cand.replace("族", "") in keys and re.fullmatch(r"[\u4e00-\u9fff]+", cand):
                out.append((a, b))
                break
    return out


def _coordinated_persons(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """A name joined by 和/与 to a person right before it and followed by a verb: the run of
    jieba's name-tagged pieces (nr, nrt, ns, nz), each rare in its dictionary (a transliterated
    name jieba cut anywhere: 乌日 + 古木拉), of three to six characters, taken as a person; the
    coordination gives it the person's kind."""
    out: list[tuple[int, int]] = []
    ends = {o.end for o in spans if o.kind == "person"}
    for k, (st, w, _f) in enumerate(offs):
        if w not in ("和", "与") or st not in ends:
            continue
        j = k + 1
        while j < len(offs) and offs[j][2] in ("nr", "nrt", "ns", "nz") and frequency(offs[j][1]) < 50 \
                and re.fullmatch(r"[\u4e00-\u9fff]+", offs[j][1]):
            j += 1
        if j == k + 1 or j >= len(offs) or offs[j][2] != "v":
            continue
        a, b = st + 1, offs[j][0]
        name = zh[a:b]
        if 3 <= len(name) <= 6 and j - k - 1 >= 2 and name not in _places() and name not in _settlements() \
                and name[-1] not in _ADMIN_END and not any(o.start < b and a < o.end and not (a <= o.start and o.end <= b)
                                                          for o in spans):
            out.append((a, b))
    return out


def _word_before(zh: str, p: int) -> tuple[str, str]:
    """jieba's word and tag ending right before ``zh[p]`` (("", "") when none ends there)."""
    pos = 0
    for w, f in pos_tags(zh):
        if pos + len(w) == p:
            return w, f
        pos += len(w)
        if pos >= p:
            break
    return "", ""


def _lone_morpheme(offs: list[tuple[int, str, str]], pos: int) -> bool:
    """Whether jieba left the character at ``pos`` alone as no function word: a one-character
    word there that is no adverb, preposition, conjunction, particle, pronoun or numeral
    (王彤 + 宙: a name's last character; not 郭洁 + 一同 (a two-character word), 曹缘 + 未 (d))."""
    for st, w, f in offs:
        if st == pos:
            return len(w) == 1 and f[:1] not in ("d", "p", "c", "u", "r", "m")
        if st > pos:
            break
    return False


def _zone_stems(zh: str, offs: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """The place a zone is named after when jieba cut it into a word and a landform's
    character (太白 + 湖 + 新区 → 太白湖): the two are one name, the zone's (a lake, a
    mountain, a river the zone lies by). The word must be no function word, determiner
    or numeral, nor a common word before a generic one (经济 + 开发区 has no landform)."""
    out = []
    for k in range(2, len(offs)):
        st, w, _f = offs[k]
        if w not in _DISTRICT_SUFFIXES:
            continue
        (s1, w1, f1), (s2, w2, f2) = offs[k - 2], offs[k - 1]
        if len(w2) == 1 and w2 in _LANDFORM_CHARS and f2 == "ns" and 2 <= len(w1) <= 3 \
                and re.fullmatch(r"[\u4e00-\u9fff]+", w1) and w1[0] not in _DETERMINERS | _NUMERALS \
                and not _generic_stem(w1) and w1 not in STOP and f1[:1] in ("n", "j"):
            out.append((s1, st))
    return out


#: The grassroots units of a city or a village, named after a place with their suffix as written
#: (茶山街道, 利一社区, 北郊办事处): the street office, the community, the sub-district office.
_GRASSROOTS_UNITS = ("街道", "社区", "办事处")
#: Characters before a unit's name that end a clause or a function word (来到|东湖街道, 了|利一社区).
_BEFORE_UNIT = set("了的在到对和与及由于向从、，,。；;：:（(“ \u3000")


def _grassroots_units(zh: str, offs: list[tuple[int, str, str]], spans: list[NameSpan]) -> list[tuple[int, int]]:
    """Street offices, communities and sub-district offices named with their suffix
    (东湖街道, 利一社区, 永兴花苑社区, 北郊办事处; 永泰街道 of 永泰街道办事处). The name
    is the two to four characters before the suffix that start after a clause's edge, a
    function word, a verb or a division's full name (平城区|永泰街道), and hold no frequent
    common word (not 城市社区, 示范社区, 老旧社区, 各社区): a name jieba tags as a place,
    a person or a new word, or no word of its dictionary at all."""
    out: list[tuple[int, int]] = []
    starts = {st: (w, f) for st, w, f in offs}
    ends = {st + len(w): (w, f) for st, w, f in offs}
    place_ends = {sp.end for sp in spans if sp.kind == "place"}
    for st, w, _f in offs:
        if w not in _GRASSROOTS_UNITS:
            continue
        if w == "办事处" and zh[max(0, st - 2) : st] == "街道":
            continue  # 永泰街道 + 办事处: the street office is 永泰街道
        for n in (4, 3, 2):
            a = st - n
            if a < 0 or any(e == st for s, e in out if s < st):
                continue
            name = zh[a:st]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", name) or name in STOP or name[0] in _DETERMINERS \
                    or name.endswith(_GRASSROOTS_UNITS + ("街", "区委", "党委")) or _TITLE_RE.search(name):
                continue
            if name[0] in _BEFORE_UNIT or name[0] in "省市县区旗镇乡村" \
                    and any(zh[b : a + 1] in _places() for b in range(max(0, a - 6), a - 1)):
                continue  # 由|张庄街道, 富阳区|富春街道: the name starts after the word or the division
            if zh[: a + 1].endswith(("区委", "市委", "县委", "镇委", "党委", "工委")):
                continue  # 平城区委|永泰街道
            prev = ends.get(a)
            edge = a == 0 or zh[:a].endswith(("区委", "市委", "县委", "镇委", "党委", "党工委")) or zh[a - 1] in _BEFORE_UNIT or a in place_ends or any(e == a for _s, e in out) \
                or any(zh[b:a] in _places() for b in range(max(0, a - 6), a - 1)) \
                or prev is not None and (prev[1][:1] in ("v", "p", "c", "u", "x", "r") or prev[0] in _GRASSROOTS_UNITS)
            if not edge:
                continue
            # the pieces inside: jieba's words, the first one may run over the edge (了利 + 一)
            pieces = [(w2, f2) for s2, w2, f2 in offs if a <= s2 < st]
            if a not in starts:
                head = next((w2 for s2, w2, _f2 in offs if s2 < a < s2 + len(w2)), "")
                if not head or head[0] not in _BEFORE_UNIT \
                        and not any(zh[b:a] in _places() for b in range(max(0, a - 6), a - 1)):
                    continue  # (富阳 + 区富春 + 街道: jieba's word holds the division's suffix)
                pieces.insert(0, (zh[a : a + len(head) - 1], "x"))
            nested = a in place_ends or any(e == a for _s, e in out)
            if n > 2 and all(len(w2) == 1 for w2, _f2 in pieces) and not nested \
                    or a in starts and starts[a][1][:1] in ("p", "c", "u", "d", "r", "m", "q", "f", "v") and not nested:
                continue  # (并对|利一社区, 来到|东湖街道: the name starts after the verb; not right after
                # its street office or division, 石马河街道 + 来鹿寺社区, where no verb can stand)
            if all(len(w2) == 1 for w2, _f2 in pieces) and any(f2[:1] in "adfvpcurq" for _w2, f2 in pieces):
                break  # 老|旧 + 社区
            # the first word must be a name (jieba: a place, a person, a new word) or no word at all; the
            # rest may be common nouns after it (金桂 + 花园 + 社区), no verbs or adjectives
            first = [(w2, f2) for w2, f2 in pieces if len(w2) > 1][:1]
            if any(len(w2) > 1 and not f2.startswith(("nr", "ns", "nz", "j")) and (frequency(w2) >= 20 or f2[:1] in "avd")
                   and ((w2, f2) in first or f2[:1] != "n")
                   or len(w2) > 1 and frequency(w2) >= 3000 and (w2, f2) in first for w2, f2 in pieces) \
                    or _generic_stem(name) or frequency(name) >= 200 and not str(word_tag(name) or "").startswith(("nr", "ns", "nz")):
                if w == "社区" and _named_neighbourhood(zh, name, st + len(w), nested):
                    out.append((a, st + len(w)))  # 东关街道 + 和平社区, 幸福社区 + 党委: a common word that names
                    break  # hundreds of China's neighbourhoods, right after its street office or before its body
                break  # 城市 + 社区, 建设 + 社区: a common word, no name (and no shorter one either)

            out.append((a, st + len(w)))
            break
    return out


#: A neighbourhood's bodies and officers (幸福社区 + 党委): what follows a community's own name.
_NEIGHBOURHOOD_BODY = ("党委", "党总支", "党支部", "居委会", "居民委员会", "网格员", "党群服务中心")


def _named_neighbourhood(zh: str, name: str, end: int, nested: bool) -> bool:
    """Whether ``name`` + 社区, a common word (和平, 幸福), is a neighbourhood's name: many of China's
    neighbourhoods bear it (the national village table: 和平 237, 幸福 266; not 示范, 智慧, 美丽) and
    it stands right after its street office or division (nested) or before its own body (党委)."""
    count = national_neighbourhoods(name)
    return nested and count >= 20 or count >= 50 and zh.startswith(_NEIGHBOURHOOD_BODY, end)


#: Words that start an institution's or a paper's name after the place it is named after
#: (鄞州 + 中学, 曾都 + 工业孵化园, 内江 + 讯, 浙江 + 日报): a division's short name right
#: before one is that place even when the name alone is a common word (大同, 开封, 曾|都).
_INSTITUTION_HEADS = ("中学", "小学", "中心校", "实验学校", "学校", "职教", "职业技术", "人民医院", "中医院", "医院",
                      "日报", "晚报", "讯", "工业园", "工业孵化", "经济技术", "支行", "分行", "供电", "公安局",
                      "法院", "检察院", "电视台", "广播电视")


#: A numbered school after its city's or county's name (保定七中, 衡水一中, 二十中).
_NUMBERED_SCHOOL = re.compile("[一二三四五六七八九十]{1,3}中(?![国央心间华部东西南北])")
#: What follows a county's or city's short name at a clause's edge: the whole county (凤阳 + 全县),
#: its development zone (凤阳 + 经开区).
_COUNTY_WIDE = ("全县", "全市", "全区", "全旗")
#: A county's or city's development zone (凤阳 + 经开区), wherever the name stands.
_ZONES_OF = ("经开区", "经济开发区", "高新区", "高新技术产业开发区")


def _all_divisions() -> dict[str, int]:
    """Every name of China's division table, any level, full and short (the table's index:
    ``name in ...`` only)."""
    from pipeline.korean import divisions

    return divisions.index()


@functools.lru_cache(maxsize=1)
def _major_names() -> frozenset[str]:
    """Every province, prefecture and county of China's division table, full and short,
    also those names.py does not take alone (曾都, 鄞州, 大同, 开封)."""
    from pipeline.korean import divisions

    return frozenset(zh for zh, bits in divisions.index().items() if divisions.is_major(bits))


def _named_after_places(zh: str, bounds: set[int]) -> list[tuple[int, int]]:
    """Divisions an institution, a paper or a dateline is named after (鄞州中学, 曾都工业孵化园,
    百姓生活网内江讯, 浙江日报讯) and a division in brackets after a firm's name (申华（开封）):
    the name starts at jieba's word boundary after no Han character that would join it."""
    out: list[tuple[int, int]] = []
    names = _major_names()
    for n in (4, 3, 2):
        for a in range(0, len(zh) - n + 1):
            name = zh[a : a + n]
            if name not in names or any(s <= a < e or s < a + n <= e for s, e in out) \
                    or n == 2 and name[0] in "东西南北中" and name[1] in "区城":
                continue  # (东区 + 医院: a district of the compass, no division's name here)
            if not (a > 0 and zh[a - 1] in "（(") and frequency(name) >= 2000 \
                    and not str(word_tag(name) or "").startswith(("ns", "nz")):
                continue  # 比如 + 法院: a frequent word, not 比如县 (开封 and 大同 are rarer)
            if a not in bounds and not (a > 0 and zh[a - 1] in "网报台"):
                continue
            after = zh[a + n :]
            bracket = a > 0 and zh[a - 1] in "（(" and after[:1] in "）)"
            if bracket or after.startswith(_INSTITUTION_HEADS) or _NUMBERED_SCHOOL.match(after) \
                    or after.startswith(_COUNTY_WIDE) and zh[a - 1 : a] in _BEFORE_NAME | {""} \
                    or after.startswith(_ZONES_OF):
                out.append((a, a + n))
    towns = _town_stems()
    for n in (4, 3, 2):
        for a in range(0, len(zh) - n + 1):
            name = zh[a : a + n]
            if name not in towns or a not in bounds or a + n not in bounds \
                    or any(s < a + n and a < e for s, e in out) or not zh.startswith(_TOWN_HEADS, a + n) \
                    or frequency(name) >= 20 or _common_word(name) and frequency(name):
                continue
            out.append((a, a + n))  # 高板 + 中学 (高板镇), a township's school, clinic or park: no word jieba knows well
    return out


#: A township's own bodies and institutions (平定乡 + 敬老院, 团结镇 + 党委): after one, a township of the
#: table whose name is a common word (平定 "pacify", 团结 "unity") is the township.
_TOWN_BODY = ("党委", "人民政府", "政府", "人大", "纪委", "敬老院", "卫生院", "派出所", "中心小学", "中心校", "中学",
              "小学", "财政所", "农技站", "文化站", "综合文化站", "便民服务中心", "党群服务中心")
#: What a township's name heads: its schools, clinic, police station, home for the aged, park.
_TOWN_HEADS = ("中学", "小学", "中心校", "中心小学", "学校", "初中", "完小", "卫生院", "派出所", "敬老院",
               "产业园", "工业园", "财政所", "供电所")


@functools.lru_cache(maxsize=1)
def _town_stems() -> frozenset[str]:
    """Townships' and street offices' names without 镇/乡/苏木/街道 (two characters or more: 高板 for
    高板街道, once 高板镇), from the place table."""
    from pipeline.korean import divisions

    return frozenset(zh for zh, bits in divisions.index().items() if len(zh) >= 2 and not bits & divisions.FULL
                     and divisions.level_of(bits) in ("town", "subdistrict"))


def _lone_syllable(zh: str, p: int, flag_at: dict[int, str]) -> bool:
    """Whether the one-character word jieba cut at ``zh[p]`` is the last syllable of a
    transliterated name rather than a verb after it: the word right after it is a verb,
    an adverb or a closer again (如孜艾 + 提 + 介绍, 如则麦麦 + 提 + 分别作了汇报). A verb of
    one character is not followed by a second verb in news prose; a name's syllable is."""
    if p + 1 >= len(zh) or flag_at.get(p + 1) is None or zh[p] in _FUNCTION_CHARS or zh[p] in _AFTER_NAME:
        return False
    return flag_at.get(p + 1, "")[:1] in ("v", "d", "p") or zh.startswith(_CLOSERS, p + 1)


def _doubtful_short_name(zh: str, sp: NameSpan, offs: list[tuple[int, str, str]]) -> bool:
    """Whether a county's or prefecture's two-character short name found alone
    (乐至, 望江: also parts of other names) is doubtful in its context: right
    before a building's last character (望江 + 阁); beside a lone morpheme
    jieba left (委 + 乐至 + 革步: jieba cut an unknown name around it)."""
    from pipeline.korean import divisions

    bits = divisions.index().get(sp.zh)
    if bits is None or not bits & divisions.DETECT or bits & divisions.FULL or len(sp.zh) != 2 \
            or not divisions.is_major(bits):
        return False
    after = zh[sp.end : sp.end + 1]
    if after and after in _BUILDING_END and not zh.startswith(sp.zh + after + "市", sp.start) \
            and not zh.startswith(sp.zh + after + "县", sp.start):
        return True
    prev = next((o for o in reversed(offs) if o[0] + len(o[1]) == sp.start), None)
    nxt = next((o for o in offs if o[0] == sp.end), None)
    if any(o is not None and len(o[1]) == 1 and o[2] in _MORPHEME_TAGS for o in (prev, nxt)):
        return True
    return False


def detect_names_in_article(sentences: Sequence[str]) -> list[list[NameSpan]]:
    """Names of each sentence of one article (:func:`detect_names` per sentence),
    plus article-level memory (:func:`remember_names`)."""
    found = [detect_names(zh) for zh in sentences]
    _repeated_persons(sentences, found)
    return _heads_of_names(sentences, remember_names(sentences, found))


_LANDFORM_END = set("江河山湖岭岛湾沟坡坪岗塘庄寨堡桥店营屯园")


def _repeated_persons(sentences: Sequence[str], found: list[list[NameSpan]]) -> None:
    """A name repeated in an article where jieba cut it differently (刘海|林 + 统计, 刘海林 + 从 …):
    a Chinese surname and two characters that jieba starts as a person's name (nr) at least twice in the
    article, on its word boundaries before and after, closed each time by punctuation, a verb or a
    particle, making no dictionary word and ending like no place, is a person everywhere the article has
    it (``found`` extended in place; the article's repetition is the evidence a title gives elsewhere)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for i, zh in enumerate(sentences):
        offs = []
        pos = 0
        for w, f in pos_tags(zh):
            offs.append((pos, w, f))
            pos += len(w)
        bounds = {st for st, _w, _f in offs} | {len(zh)}
        flag_at = {st: f for st, _w, f in offs}
        ends_at = {st + len(w): (w, f) for st, w, f in offs}
        for st, w, f in offs:
            if not f.startswith("nr") or w[0] not in surname_chars() or not 2 <= len(w) <= 3:
                continue
            name = zh[st : st + 3]
            prev = ends_at.get(st)
            if prev is not None and len(prev[0]) == 1 and prev[1][:1] in ("n", "a", "j", "b"):
                continue  # 虹 + 梅同心(关爱服务中心): the name runs on before jieba's piece
            if len(name) != 3 or not re.fullmatch(r"[\u4e00-\u9fff]{3}", name) \
                    or st + 3 not in bounds and zh[st + 3 : st + 4] not in _AFTER_NAME \
                    or frequency(name) or name in _places() or name[-1] in _ADMIN_END | _LANDFORM_END | _NOT_NAME_END \
                    or _TITLE_RE.search(name) or name[-1] in _AFTER_NAME:
                continue
            after = flag_at.get(st + 3, "p")  # (刘海|林从: a preposition jieba joined to the name's end)
            if st + 3 < len(zh) and after[:1] not in ("v", "p", "u", "x", "c", "d"):
                continue
            seen.setdefault(name, []).append((i, st))
    for name, hits in seen.items():
        if len(hits) < 2:
            continue
        for i, st in hits:
            spans = found[i]
            over = [o for o in spans if o.start < st + 3 and st < o.end]
            if any(o.kind == "place" or o.start < st or o.end > st + 3 for o in over):
                continue
            for o in over:
                spans.remove(o)
            spans.append(NameSpan(st, st + 3, name, "person", _name_reading(name, "person")))
            spans.sort(key=lambda s: s.start)


#: Division suffixes whose stem may head another name in the same article (金台区 → 金台调查队).
_HEAD_SUFFIXES = set("县区市旗镇乡")


def _heads_of_names(sentences: Sequence[str], found: list[list[NameSpan]]) -> list[list[NameSpan]]:
    """A division's name without its suffix at the head of another name (金台 of 金台调查队, 黄龙 of
    黄龙代表团) when the article names that division with its suffix (金台区, 黄龙县): the stem is a
    jieba word before a noun jieba knows (调查队 n, 代表团 n) and no other name holds its characters."""
    stems = {sp.zh[:-1] for spans in found for sp in spans
             if sp.kind == "place" and sp.zh[-1:] in _HEAD_SUFFIXES and 2 <= len(sp.zh) - 1 <= 3
             and sp.zh[:-1] not in STOP}
    if not stems:
        return found
    for zh, spans in zip(sentences, found):
        if not any(st in zh for st in stems):
            continue
        offs = []
        pos = 0
        for word, flag in pos_tags(zh):
            offs.append((pos, word, flag))
            pos += len(word)
        for k, (a, word, _flag) in enumerate(offs[:-1]):
            nxt, nflag = offs[k + 1][1], offs[k + 1][2]
            if word not in stems or len(nxt) < 2 or not nflag.startswith("n") or nflag.startswith(("nr", "ns")) \
                    or nxt[0] in _HEAD_SUFFIXES:
                continue  # (金台 + 区: the division itself, found already)
            b = a + len(word)
            over = [sp for sp in spans if sp.start < b and a < sp.end]
            if any(sp.kind == "place" or sp.start < a or sp.end > b for sp in over):
                continue
            for sp in over:
                spans.remove(sp)
            spans.append(NameSpan(a, b, word, "place", _name_reading(word, "place")))
            spans.sort(key=lambda s: s.start)
    return found


_COUNTY_END = set("县市区旗")


def _rare_or_place(word: str) -> bool:
    """A short name that is no frequent common word: rare in jieba's dictionary
    (三台 66, 昭觉 3), or a place there and not among its most frequent words
    (北流 ns 376; not 比如 v 5,621, 城中 s 1,929, 长安 ns 5,355)."""
    freq = frequency(word)
    return freq < 200 or str(word_tag(word) or "").startswith("ns") and freq < 2000


def _marked(zh: str, start: int, end: int) -> bool:
    """Whether a name at ``zh[start:end]`` has evidence around it: a title before or
    after it, a reporting verb after it, a list comma or a bracket beside it, a clause's
    start before it (领军企业 + 齐聚。 has none: a verb jieba took for a two-character name)."""
    before, after = zh[:start].rstrip("：:"), zh[end:]
    return before.endswith(TITLES) or after.startswith(_TITLES_AFTER + _CLOSERS + ("等", "、", "（", "(")) \
        or before[-1:] in ("", "、", "，", "。", "；", "（", "(", " ", "\u3000") or _TITLE_RE.search(before[-6:]) is not None


def remember_names(sentences: Sequence[str], found: list[list[NameSpan]]) -> list[list[NameSpan]]:
    """Article-level name memory over ``found`` (each sentence's names, as
    :func:`detect_names` gives them; extended in place and returned): a person
    found once with evidence (a title, a caption, a frame: 农前朝（左二）, 罗杰书记)
    is found again in the article's other sentences where nothing marks them
    (，农前朝像进了老家村, 罗杰简要介绍了).

    Persons are remembered when they are no common dictionary word; villages and
    towns found in full (附城村) by their stem (这几年附城的变化), when the stem is
    no common word (边境 + 村). A two-character name is taken again only on
    jieba word boundaries (a longer one verbatim), never over a name already
    found there."""
    known: dict[str, str] = {}
    kind_of: dict[str, str] = {}
    for zh, spans in zip(sentences, found):
        for sp in spans:
            if sp.kind == "person" and 2 <= len(sp.zh) <= 4 and sp.ko and not _common_word(sp.zh) \
                    and (len(sp.zh) > 2 or _marked(zh, sp.start, sp.end)):
                known.setdefault(sp.zh, sp.ko)
                kind_of.setdefault(sp.zh, "person")
    for spans in found:
        for sp in spans:
            # 附城村 …… 我们附城: a village named in full once is named by its stem elsewhere too
            stem = sp.zh[:-1]
            if sp.kind == "place" and sp.zh[-1] in _SETTLEMENT_END and len(sp.zh) >= 3 and stem not in known \
                    and not (frequency(stem) and not str(word_tag(stem) or "").startswith(("nr", "ns", "nz"))):
                known[stem] = read_korean(stem, "place").ko
                kind_of[stem] = "place"
            if sp.kind == "place" and sp.zh[-1] in _SETTLEMENT_END and (len(sp.zh) >= 3 or len(sp.zh) == 2 and sp.zh[-1] == "村"
                                                                     and not frequency(sp.zh) and not _common_word(sp.zh)) \
                    and sp.zh not in known and sp.ko:
                # (章水镇樟村 …… 樟村原来只有: a village of one character's stem, again where jieba takes it whole)
                # 台江县九摆村 …… 九摆村村民: the village's full name again where jieba cut it (九|摆|村)
                known[sp.zh] = sp.ko
                kind_of[sp.zh] = "place"
            if sp.kind == "place" and sp.zh[-1] in _COUNTY_END and len(sp.zh) >= 3 and sp.zh not in known and sp.ko:
                # 柳州市城中区 …… 中共城中区委书记: a county or district found once is found again verbatim
                known[sp.zh] = sp.ko
                kind_of[sp.zh] = "place"
            if sp.kind == "place" and sp.zh[-1] in _COUNTY_END and len(stem) >= 2 and stem not in known \
                    and sp.zh in _places() and _rare_or_place(stem):
                # 三台县 …… 看好三台营商环境, 永平县 …… 展示永平非遗特色: a county named in full once is
                # named by its short name elsewhere in the article (not 比如县 …… 比如, 城中区 …… 城中:
                # frequent common words)
                known[stem] = read_korean(stem, "place").ko
                kind_of[stem] = "place"
    unit_places: set[str] = set()
    for zh, spans in zip(sentences, found):
        for sp in spans:
            unit = next((u for u in _GRASSROOTS_UNITS if sp.zh.endswith(u)), "")
            stem = sp.zh[: -len(unit)] if unit else ""
            if sp.kind == "place" and unit and len(stem) >= 2 and stem not in known and not _generic_stem(stem) \
                    and not (frequency(stem) >= 100 and not str(word_tag(stem) or "").startswith(("nr", "ns", "nz"))):
                # 张庄街道 …… 支持张庄全民双创园: a street office's or a community's place named alone
                known[stem] = read_korean(stem, "place").ko
                kind_of[stem] = "place"
                unit_places.add(stem)
            if sp.kind == "place" and 2 <= len(sp.zh) <= 4 and zh.startswith(_DISTRICT_SUFFIXES, sp.end) \
                    and sp.zh not in known and sp.ko:
                # 屈原管理区 …… 支持屈原发展: a zone's place is the place wherever the article names it
                known[sp.zh] = sp.ko
                kind_of[sp.zh] = "place"
                unit_places.add(sp.zh)
    # a name a title marks as a person in one sentence is that person wherever the article has it
    # (村长扎西江村家 …… 扎西江村来自珞巴族: not the village the suffix suggests)
    titled = {sp.zh for zh, spans in zip(sentences, found) for sp in spans
              if sp.kind == "person" and len(sp.zh) >= 3 and zh[: sp.start].rstrip("：:").endswith(TITLES)}
    for spans in found:
        for sp in spans:
            if sp.kind == "place" and sp.zh in titled and sp.zh not in _places() and sp.zh not in _settlements():
                sp.kind = "person"
                sp.ko = read_korean(sp.zh, "person").ko
    if not known:
        return found
    for zh, spans in zip(sentences, found):
        hits = [name for name in known if name in zh]
        if not hits:
            continue
        bounds: set[int] | None = None
        for name in sorted(hits, key=len, reverse=True):
            for m in re.finditer(re.escape(name), zh):
                a, b = m.span()
                same = [sp for sp in spans if (sp.start, sp.end) == (a, b) and sp.kind == "person"
                        and name in unit_places and not _marked(zh, a, b)]
                if same:  # 张庄街道 …… 支持张庄全民双创园 (jieba: a person): the place, nothing marks a person
                    same[0].kind, same[0].ko = "place", known[name]
                    continue
                inner = [sp for sp in spans if a <= sp.start and sp.end <= b and (sp.start, sp.end) != (a, b)
                         and sp.kind == kind_of[name] and len(name) >= 3]
                if any(sp.start < b and a < sp.end for sp in spans if sp not in inner):
                    continue
                for sp in inner:
                    spans.remove(sp)  # 派驻 + 大力|山村: the village named in full elsewhere, not jieba's 山村
                if len(name) == 2:
                    if bounds is None:
                        bounds = {0}
                        pos = 0
                        for word, _flag in pos_tags(zh):
                            pos += len(word)
                            bounds.add(pos)
                    if a not in bounds or b not in bounds:
                        continue  # 李明 in 他说李|明天来
                if kind_of[name] == "place" and zh[b : b + 1] in _SETTLEMENT_END and name[-1] not in _SETTLEMENT_END:
                    continue  # the village's full name again (not found there: jieba's cut)
                spans.append(NameSpan(a, b, name, kind_of[name], known[name]))
        spans.sort(key=lambda s: s.start)
    return found


@functools.lru_cache(maxsize=1)
def _full_divisions() -> dict[str, tuple[str, ...]]:
    """Division names of three or more characters, full and short (图木舒克), by
    first character, longest first."""
    by_first: dict[str, list[str]] = {}
    for name, form in _divisions().items():
        if len(name) >= 3:
            by_first.setdefault(name[0], []).append(name)
    return {c: tuple(sorted(v, key=len, reverse=True)) for c, v in by_first.items()}


def _division_names(zh: str, bounds: set[int]) -> list[tuple[int, int]]:
    """Division names of three or more characters written out (万全区, which
    jieba cuts 万|全区; 图木舒克), on jieba word boundaries at both ends
    (和平区域 holds no 和平区), or at the start of another county-level name written
    on (昌都市 + 卡若区), a chain of divisions."""
    out = []
    bounds = set(bounds)
    table = _full_divisions()
    for start in range(len(zh)):
        if start not in bounds:
            continue
        for name in table.get(zh[start : start + 1], ()):
            end = start + len(name)
            if zh.startswith(name, start) and (end in bounds or any(
                    zh.startswith(nxt, end) for nxt in table.get(zh[end : end + 1], ()) if nxt[-1] in "市县区旗州盟")):
                out.append((start, end))  # 昌都市 + 卡若区, which jieba cuts 昌都|市卡|若|区
                bounds.add(end)
                break
    return out


def _settlements_after(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """Townships and villages written right after a place (定日县 + 曲当镇) or after
    a list comma that follows a township or village (仁青林村、参木达村，措果乡野江村),
    read character by character, since jieba's words often run across the suffix
    (措果|乡野|江村): each piece is a stem of two to four characters and 镇, 乡, 村
    or 屯; a stem holding a frequent word that is no noun (开展, 多个) or a very
    frequent one (大学生), or starting with a particle (的), ends the run."""
    out: list[tuple[int, int]] = []
    common = [(st, st + len(w)) for st, w, f in offs
              if len(w) > 1 and (frequency(w) >= 100 and f[:1] in ("v", "d", "p", "c", "m", "r", "a", "f", "t", "u")
                                 or frequency(w) >= 1000 and f not in _NAME_FLAGS)]
    for sp in sorted(spans, key=lambda x: x.start):
        if sp.kind != "place":
            continue
        p = sp.end
        if zh[p : p + 1] in ("、", "，") and sp.zh[-1] in _SETTLEMENT_END:
            p += 1
        elif not (sp.zh[-1] in "省市州县区旗盟" or sp.zh[-1] in _SETTLEMENT_END or sp.zh.endswith(("苏木", "嘎查"))):
            continue
        while p < len(zh):
            if out and out[-1][1] == p and zh[p] in ("、", "，"):
                p += 1  # a list of townships and villages goes on
            m = re.match(r"[\u4e00-\u9fff]{2,4}?(?:[镇乡村屯沟]|嘎查|苏木)", zh[p:])  # 宝力根苏木 + 希日塔拉嘎查, 曲当镇 + 嘎玛沟
            if not m or m.group()[:-1] in STOP or m.group()[0] in _DETERMINERS or m.group()[0] in _AFTER_NAME:
                break
            end = p + m.end()
            first = p == sp.end and sp.zh[-1] in "乡镇" and m.group()[-1] == "村"
            if any(p <= a and b <= end - 1 and not (first and _noun_at(offs, a, b)) for a, b in common) \
                    or _COUNT.fullmatch(m.group()) \
                    or zh[end : end + 1] in ("民", "委", "级", "庄", "落", "务", "长", "里"):
                break  # 开展乡村, 多个村屯, 光东村村民
            out.append((p, end))
            p = end
    return out


#: Numerals: 三乡, 五村 are counts, not names.
_NUMERALS = set("一二三四五六七八九十百千万几两")


#: Kinds of places jieba tags as place names (大都市, 山区, 新城区: a new urban area).
_GENERIC_PLACE = re.compile("[大小新老主各全本]?(?:都市圈?|城区|山区|城市|地区|市区|城市群|经济圈)")
#: Counts of townships and villages (三乡五村), no names.
_COUNT = re.compile("(?:[一二三四五六七八九十百千万几两][镇乡村屯])+")


def _generic_stem(stem: str) -> bool:
    """A frequent common word (边境 border, 第一 first): before 村 it makes a phrase
    (边境村 border villages), not a village's name."""
    tag = str(word_tag(stem) or "")
    return frequency(stem) >= 500 and not tag.startswith(("nr", "ns", "nz"))


@functools.lru_cache(maxsize=1)
def _settlements() -> frozenset[str]:
    from pipeline.korean import divisions

    return divisions.settlements()


#: Last characters of divisions' names: jieba may join one with the next name (金坛区|直 + 溪镇).
_ADMIN_END = set("省市州县区旗盟镇乡村")
#: Characters jieba joins with a name's first one (来到 + 达嘎镇 is 来|到达|嘎|镇).
_JOINS_NAME = set("到在赴至往从于")
#: Generic words a settlement's name may not end in (新|农村 is the countryside, not a village).
_GENERIC_END = ("农村", "乡村")


@functools.lru_cache(maxsize=1)
def _settlements_by_first() -> dict[str, tuple[str, ...]]:
    """Full names of townships and villages of the place table, by first character, longest first."""
    from pipeline.korean import divisions

    by_first: dict[str, list[str]] = {}
    for name in divisions.settlements():
        by_first.setdefault(name[0], []).append(name)
    return {c: tuple(sorted(v, key=len, reverse=True)) for c, v in by_first.items()}


_VILLAGE_AFTER = re.compile("([\u4e00-\u9fff]{2,3})[村屯]")


def _village_follows(zh: str, p: int) -> bool:
    """Whether a village of the place table, or one whose stem is no dictionary word, follows at ``p``
    (团结镇 + 石人沟村: a township of the table whose name is a common word, 团结 "unity", is the
    township when its village follows)."""
    m = _VILLAGE_AFTER.match(zh, p)
    if m is None:
        return False
    return m.group() in _settlements() or not frequency(m.group(1)) and not _common_word(m.group(1)) \
        and not any(c in _NOT_IN_STEM | _NUMERALS for c in m.group(1))


def _settlement_names(zh: str, offs: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """Townships and villages of the place table written out (光东村, 东盛涌镇, 达嘎镇),
    however jieba cut them: the name starts on a word boundary (or one character
    into a word of a motion verb, 到达|嘎|镇, or of a suffix, 金坛区|直 + 溪镇) and
    ends on one, inside a word jieba began with the suffix that is no common word
    (后白 + 镇西: 后白镇; not 和平 + 村民), or before the same suffix again
    (光东村 + 村书记, 东城镇 + 镇长); its last word is no generic word
    (新|农村), its stem no numeral (第一村 "the first village")."""
    starts = {st for st, _w, _f in offs}
    ends = {st + len(w) for st, w, _f in offs}
    joined = {st + 1 for st, w, _f in offs if len(w) == 2 and w[0] in _JOINS_NAME or len(w) >= 2 and w[0] in _ADMIN_END}
    # a word jieba began with the name's suffix (后白 + 镇西 + 冯村) when it is no common word (村民)
    glued = {st + 1 for st, w, f in offs if len(w) >= 2 and w[0] in "镇乡村" and (frequency(w) < 100 or f in _NAME_FLAGS)}
    table = _settlements_by_first()
    out: list[tuple[int, int]] = []
    p = 0
    while p < len(zh):
        if p in starts or p in joined:
            for name in table.get(zh[p], ()):
                end = p + len(name)
                if zh.startswith(name, p) and (end in ends or end in glued or zh[end : end + 1] == name[-1]) \
                        and str(word_tag(name[:-1]) or "") != "m" \
                        and not ((_generic_stem(name[:-1]) or _generic_settlement(name))
                                 and zh[p - 1 : p] not in _ADMIN_END | _SETTLEMENT_END
                                 and not (name[-1] in "镇乡" and (_village_follows(zh, end)
                                                                  or zh.startswith(_TOWN_BODY, end)))) \
                        and not any(st < end <= st + len(w) and st + len(w) == end and w in _GENERIC_END
                                    for st, w, _f in offs):
                    out.append((p, end))
                    p = end - 1
                    break
        p += 1
    return out


@functools.lru_cache(maxsize=1)
def _ethnic_re() -> re.Pattern[str]:
    from pipeline.korean.divisions import ETHNIC

    eth = "|".join(sorted(ETHNIC, key=len, reverse=True))
    return re.compile(rf"(?:(?:{eth})族)+(?:乡|镇|苏木)")


def _ethnic_townships(zh: str) -> list[tuple[int, int]]:
    """Townships named with their nationalities (街津口赫哲族乡, 羊桥土家族乡): the
    name before the nationality is the one of a township of the place table
    (街津口乡, 八岔乡), or stands alone after a list comma or a clause's start."""
    from pipeline.korean import divisions

    towns = divisions.settlements()
    out = []
    for m in _ethnic_re().finditer(zh):
        s = m.start()
        for n in (4, 3, 2):
            stem = zh[s - n : s]
            if len(stem) == n and re.fullmatch(r"[\u4e00-\u9fff]+", stem) \
                    and (stem + m.group()[-1] in towns or stem + "镇" in towns or stem + "乡" in towns):
                out.append((s - n, m.end()))
                break
        else:
            before = re.search(r"(?:^|[、，,；;：:。\s])([\u4e00-\u9fff]{2,4})$", zh[:s])
            if before:
                out.append((before.start(1), m.end()))
    return out


#: What may stand right before a name: a clause's start, punctuation.
_BEFORE_NAME = set("、，,。；;：:（(“ \u3000")


def _surname_and_place(zh: str, offs: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """A lone surname and a two-character word jieba took for a place or name
    (严|金海, 张|安顺): one person when a title or a clause's start comes before
    and a verb, an adverb, a preposition or punctuation after (主任严金海赴,
    ，严金海首先来到), and the three characters are no dictionary word."""
    out = []
    for i in range(len(offs) - 1):
        start, word, flag = offs[i]
        given, gflag = offs[i + 1][1], offs[i + 1][2]
        framed = i > 0 and offs[i - 1][1].endswith(TITLES) and i + 2 < len(offs) and offs[i + 2][1].startswith(_CLOSERS)
        if len(word) != 1 or word not in surname_chars() or len(given) != 2 or gflag not in ("ns", "nr", "nz", "nrt") \
                or not re.fullmatch(r"[\u4e00-\u9fff]{2}", given) or frequency(word + given) \
                or given[-1] in _PLACE_END and not (framed and given[-1] in "州") \
                or not (_person_shaped(word + given) or framed and given[-1] in "州"):  # 光|东村, 海|兰江
            continue  # (主任 + 曹|广州 + 主持: a city's name as a given name between a title and a closer)
        before_ok = start == 0 or zh[start - 1] in _BEFORE_NAME or offs[i - 1][1].endswith(TITLES)
        after = offs[i + 2] if i + 2 < len(offs) else None
        after_ok = after is None or after[2][:1] in ("v", "d", "p", "c", "x", "t") or after[1].startswith(_CLOSERS)
        if before_ok and after_ok and not _in_short_quote(zh, start, start + 3):
            out.append((start, start + 3))  # (not “延|黄牛”, a breed's name in quotes)
    return out


def _exception_places(zh: str) -> list[tuple[int, int]]:
    """Places of the exceptions table found verbatim (布尔哈通河, which jieba
    cuts into 布尔|哈通|河畔): editors listed them, so they are names."""

    out = []
    for key in exceptions():
        if key[-1] in _PLACE_END or key in _places():
            start = zh.find(key)
            while start != -1:
                out.append((start, start + len(key)))
                start = zh.find(key, start + 1)
    return out


#: Words only a place stands before (口岸 a border port, 地委 a prefecture's party committee).
#: A county's own institutions: a county's short name right before one is the county (昭觉 + 法院,
#: 三台 + 公安局), unless the short name is a frequent common word (比如 + 法院 "for example, courts").
_COUNTY_INSTITUTIONS = ("法院", "人民法院", "检察院", "人民检察院", "公安局", "电视台", "融媒体中心", "人民医院",
                        "人民政府", "县委", "县政府", "籍")
_PLACE_ONLY_AFTER = ("口岸", "地委", "行署", "境内", "一带")
#: A person in a photo caption: a name before （左一）, （右二）, （中）.
_CAPTION = re.compile(r"(?:^|(?<=[，。；、\s和与]))([\u4e00-\u9fff]{2,3})(?=[（(][左右中][一二三四五六七八九]?[）)])")


@functools.lru_cache(maxsize=1)
def _quiet_full_names() -> frozenset[str]:
    """Full names of counties and districts the place table does not take alone
    (新城区, 城关区: generic words), taken right after their city's name."""
    from pipeline.korean import divisions

    quiet = {zh for zh, bits in divisions.index().items()
             if divisions.is_major(bits) and bits & divisions.FULL and not bits & divisions.DETECT}
    return frozenset(quiet | divisions.GENERIC_FULL)


@functools.lru_cache(maxsize=1)
def _quiet_short_names() -> frozenset[str]:
    """Short names of provinces, prefectures and counties that the place table does
    not take alone (萝北, 阿里, 爱辉: the segmenter knows them as common words)."""
    from pipeline.korean import divisions

    return frozenset(zh for zh, bits in divisions.index().items()
                     if divisions.is_major(bits) and not bits & (divisions.FULL | divisions.DETECT))


#: A gacha (嘎查, an Inner Mongolian village) after a clause's start, a list comma, a word of motion
#: or its township (格日朝鲁苏木 + 巴彦巨日合嘎查).
_GACHA = re.compile(r"(?:^|(?<=[、，。；：\s到在赴至从于镇乡旗县])|(?<=苏木))([\u4e00-\u9fff]{2,6}?嘎查)(?!村)")
#: A list of villages or towns closed by their count (上洋、良秋、陈龙溪等五个村).
_VILLAGE_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4}(?:和[\u4e00-\u9fff]{2,4})?)"
                           r"等[一二三四五六七八九十几两\d]+个(?:行政|自然)?[村镇乡屯]")
#: Foreign countries China borders or news names most, right before a place of theirs.
_FOREIGN_BEFORE = re.compile("(?:俄罗斯|俄|朝鲜|韩国|日本|蒙古国|蒙古|美国|越南|老挝|缅甸|哈萨克斯坦|吉尔吉斯斯坦|塔吉克斯坦"
                             "|巴基斯坦|印度|尼泊尔|英国|法国|德国|意大利|加拿大|澳大利亚)的?$")
#: What may stand right before a village's or township's name written alone: a clause's edge,
#: 的, a word of motion or place, a division's suffix (该镇 + 阿克萨依村, 石佛乡 + 西金源村).
_STEM_LEFT = set("，。、；：:（(“”‘’ \u3000的了到在至赴往从于进入畔镇乡县旗区市")
#: Characters no stem of a settlement's name holds: function words, pronouns, counters.
_NOT_IN_STEM = set("的了着过在是对将也就说和与同等向从把被给于及之我你他她它这们个各每该全本此某据让请按凭")
#: What follows 村 or 乡 in words that are no settlement's name (村民, 乡政府 is fine, 村委 too).
_NOT_AFTER_SETTLEMENT = set("民级庄落务里")
#: Words after a settlement's name that show it is one (扁牙村 + 地处, 达布村 + 党支部).
_SETTLEMENT_SEAT = ("地处", "位于", "坐落", "党支部", "党总支", "村委会", "党委", "政府")
#: What follows 乡 or 镇 in common words (乡镇, 乡村, 乡亲, 乡土, 乡愁, 镇村).
_NOT_AFTER_XIANG = set("镇村亲土音愁情间下邻贤风")


#: Counters and time words after a numeral: 三个村, 五年 are counts, not villages' names.
_COUNTERS = set("个名位家户次年月日届批项条座所处支队组片")


def _stem_settlements(zh: str) -> list[tuple[int, int]]:
    """Villages and townships (X村, X乡, X镇, X屯) whose stem the dictionary does not know as a common
    word, however jieba cut them: the stem (two to six characters, the longest that fits)
    starts at a clause's edge, after 的 or a word of motion or after a division's suffix, and
    begins with no place of the table (佳木斯 + 敖其村), holds no function word, no numeral and no dictionary word of frequency 50 or more (or of
    three characters or more) that is not a name (悬崖, 牧业, 贫困, 关键时刻), nor is one; the stem's last character and the suffix make no common
    word (农村, 山村, 家乡), and no nationality is the stem (藏族村); the stem is no very frequent
    word whatever jieba's tag (美丽) and each of its characters is found in the names of the place
    table's townships and villages (15 times for a two-character stem, 5 for a longer one: not
    网红, 抗联) unless a word of its seat or body follows (扁牙村 + 地处, X村 + 党支部). Statistics of jieba's dictionary and of the place table decide, not a list of
    villages."""
    out: list[tuple[int, int]] = []
    # after a verb, a place word or a localizer of two characters or more (走访 + 连兴村, 深入 + 冗岩村,
    # 市郊 + 周家河村) a stem that names villages of the national table may begin too
    after_verb, at = set(), 0
    for w, f in pos_tags(zh):
        at += len(w)
        if f[:1] in ("v", "s", "f") and len(w) >= 2:
            after_verb.add(at)  # (a verb, a place word or a localizer: 走访, 市郊, 附近)
    for m in re.finditer("[村乡镇屯]", zh):
        s0, e = m.start(), m.end()
        if zh[e : e + 1] in _NOT_AFTER_SETTLEMENT or zh[e : e + 1] == m.group() \
                or m.group() in "乡镇" and zh[e : e + 1] in _NOT_AFTER_XIANG \
                or frequency(zh[s0 - 1 : e]) >= 100 or out and out[-1][1] > s0 - 2:
            continue
        for n in (6, 5, 4, 3, 2):
            a = s0 - n
            stem = zh[max(a, 0) : s0]
            if a < 0 or not re.fullmatch(r"[\u4e00-\u9fff]+", stem) \
                    or a > 0 and zh[a - 1] not in _STEM_LEFT \
                    and not (a in after_verb and m.group() in "村屯" and national_villages(stem)):
                continue
            numbered = a > 0 and zh[a - 1] in "镇乡" and stem[0] in _NUMERALS and stem[1] not in _COUNTERS
            # (公岭镇 + 三铺村: right after its township a village's name may begin with a numeral, not 三乡五村)
            if any(c in _NOT_IN_STEM | _ADMIN_END for c in stem) or stem in STOP \
                    or any(c in _NUMERALS for c in (stem[1:] if numbered else stem)) \
                    or any(stem[:k] in _places() for k in range(2, n - 1)) \
                    or stem + "族" in _nationalities() or stem[-1] == "族" or _TITLE_RE.search(stem):
                continue
            if stem[-1] in _ORGAN_END or frequency(stem + m.group()) and not str(word_tag(stem + m.group())).startswith(
                    ("nr", "ns", "nz")) or frequency(stem) and not str(word_tag(stem) or "").startswith(("nr", "ns", "nz")) \
                    or any(len(w) > 1 and not f.startswith(("nr", "ns", "nz")) and (frequency(w) >= 50 or len(w) > 2
                                                                                    and frequency(w))
                           for w, f in pos_tags(stem)) and not (len(stem) >= 3 and national_villages(stem)):
                # (周家 + 河: a three-character stem that names villages of the national table may hold a word)
                continue  # 关键时刻 + 村, 交通局 + 村: a dictionary word, no name
            if _unlikely_stem(stem, a > 0 and zh[a - 1] in _ADMIN_END) and not zh.startswith(_SETTLEMENT_SEAT, e):
                continue  # 美丽 + 村 (jieba: a name's tag), 抗|联 + 村, 网|红 + 村: no settlement's characters
            out.append((a, e))
            break
    return out


def _unlikely_stem(stem: str, after_place: bool = False) -> bool:
    """A settlement's stem that is a very frequent word whatever jieba's tag (美丽) or, unless a
    division's name comes right before it (注溪镇 + 衙院村), holds a character seldom found in
    the place table's township and village names (15 times for a two-character stem, 5 for a
    longer one: 网红, 抗联)."""
    named = str(word_tag(stem) or "").startswith(("nr", "ns", "nz"))
    villages = national_villages(stem)
    if frequency(stem) >= 300 or not after_place and frequency(stem) >= 50 and not named:
        # 美丽 (jieba: a name's tag; 6 villages), 牧业 + 村 (not after a division: 注溪镇 + 衙院村); but a
        # word jieba tags as a name that names many of China's villages is one (黄龙 83, 红旗 397)
        return not (named and villages >= _MANY_VILLAGES and villages >= _NAMING_SHARE * frequency(stem))
    if villages:
        return False  # 冗岩 (one village in Guizhou): a village's name somewhere in China
    counts = _settlement_char_counts()
    return not after_place and min((counts.get(c, 0) for c in stem), default=0) < (15 if len(stem) == 2 else 5)


#: What follows a village's name and only a village's: its party branch, committee, villagers, seat.
_VILLAGE_BODY = ("党支部", "党总支", "村委会", "村委", "两委", "村民", "村集体", "地处", "位于", "坐落")


def _generic_village_word(stem: str) -> bool:
    """A frequent word (300 or more) that names few of China's villages for how often it is written
    (under 5 villages per 100 uses: 文明 37/6,584, 富裕 36/822, 小康, 美丽, 先进, 示范, 中心): before
    村 it is a kind or an honour of villages (文明村, 富裕村), unless a division comes right before it;
    words that are villages' names are (红旗 397/1,052, 团结 535/3,941, 和平 543/7,998)."""
    freq = frequency(stem)
    return freq >= 300 and national_villages(stem) < _NAMING_SHARE * freq


def _village_frame(zh: str, end: int, stem: str) -> bool:
    """Whether the stem before 村/屯 ending at ``end`` is framed as a village's name: a word that
    names a hundred of China's villages or more (石门 196, 红星 417, 中心 259; not 富裕 36, 先进 61)
    before what only a village has (党支部, 村委会, 村民, 位于)."""
    return national_villages(stem) >= 100 and zh.startswith(_VILLAGE_BODY, end)


#: Villages per use of a frequent word (jieba's frequency) above which the word names villages (红旗
#: 397/1,052, 团结 535/3,941, 和平 543/7,998) and below which it is a kind or an honour of villages (文明
#: 37/6,584, 富裕 36/822, 小康 17/735): the national village table against jieba's dictionary.
_NAMING_SHARE = 0.05
#: How many of China's villages must bear a stem jieba knows as a frequent name-tagged word (黄龙, 红旗)
#: for the stem before 村 to be taken as a village's name.
_MANY_VILLAGES = 10


class _StemCounts:
    """Stem → (villages, neighbourhoods) of the national village table, packed: a stem of one to four
    characters of the Basic Multilingual Plane is one 64-bit key (its UTF-16 code units, the first
    highest) in a sorted ``array``, its two counts in parallel arrays, found by bisection: ~4 MB
    for the 255,000 stems, where two dicts of str took ~28 MB. Any other stem (none in the file
    today) goes to a small dict."""

    def __init__(self, lines: Iterable[str]) -> None:
        import array
        import itertools
        import sys

        packed = bytearray()
        villages: list[int] = []
        neighbourhoods: list[int] = []
        self.other: dict[str, tuple[int, int]] = {}
        for ln in lines:
            if ln.startswith("#"):
                continue
            stem, v, c = ln.rstrip("\n").split("\t")
            raw = self._raw(stem)
            if raw is None:
                self.other[stem] = (int(v), int(c))
                continue
            packed += raw
            villages.append(int(v))
            neighbourhoods.append(int(c))
        self.keys = array.array("Q")
        self.keys.frombytes(bytes(packed))
        if sys.byteorder == "little":
            self.keys.byteswap()  # the keys were written big-endian: the first character highest
        self.villages, self.neighbourhoods = array.array("I", villages), array.array("I", neighbourhoods)
        if any(a >= b for a, b in zip(self.keys, itertools.islice(self.keys, 1, None))):
            order = sorted(range(len(self.keys)), key=self.keys.__getitem__)  # the file is sorted: not today
            self.keys = array.array("Q", (self.keys[i] for i in order))
            self.villages = array.array("I", (self.villages[i] for i in order))
            self.neighbourhoods = array.array("I", (self.neighbourhoods[i] for i in order))

    @staticmethod
    def _raw(stem: str) -> bytes | None:
        """The stem's eight key bytes, big-endian, or None when it has no key."""
        raw = stem.encode("utf-16-be")  # two bytes a character of the BMP, four beyond it
        if not 1 <= len(stem) <= 4 or len(raw) != 2 * len(stem) or "\0" in stem:
            return None
        return raw.ljust(8, b"\0")

    def get(self, stem: str) -> tuple[int, int]:
        """(villages, neighbourhoods) bearing ``stem``; (0, 0) for none."""
        import bisect

        raw = self._raw(stem)
        if raw is None:
            return self.other.get(stem, (0, 0))
        key = int.from_bytes(raw, "big")
        i = bisect.bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return self.villages[i], self.neighbourhoods[i]
        return 0, 0


@functools.lru_cache(maxsize=1)
def _village_stems() -> _StemCounts:
    """The national village table (``data/village_stems.tsv``), packed (:class:`_StemCounts`)."""
    from pipeline.korean import divisions

    with divisions.VILLAGE_STEMS.open(encoding="utf-8") as fh:
        return _StemCounts(fh)


def national_villages(stem: str) -> int:
    """How many of all China's villages bear the name stem ``stem`` (黄龙 83, 冗岩 1, 贫困 0), from
    the national village table (``data/village_stems.tsv``; divisions.tsv has the northeast's only)."""
    return _village_stems().get(stem)[0]


def national_neighbourhoods(stem: str) -> int:
    """How many of all China's neighbourhoods (社区, 居委会) bear the name stem ``stem`` (格林 9)."""
    return _village_stems().get(stem)[1]


@functools.lru_cache(maxsize=1)
def _settlement_char_counts() -> dict[str, int]:
    """How many townships' and villages' names of the place table (full names, without their
    suffix) hold each character: 山 1,527, 红 324, 布 171, 网 12, 淘 4, 抗 1."""
    import collections

    from pipeline.korean import divisions

    counts: collections.Counter[str] = collections.Counter()
    for zh, bits in divisions.index().items():
        if bits & divisions.FULL and divisions.level_of(bits) in ("town", "village"):
            counts.update(set(zh[:-1]))
    return dict(counts)


#: Characters that make a count, not a name, before 村 (几个村, 两村).
_NUMERAL_COUNT = set("几两个")
_LONG_LIST_ITEM = re.compile(r"(?<=、)[\u4e00-\u9fff]{5,6}(?=、)")
_LIST_ITEM = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,4})(?=、)|(?<=、)([\u4e00-\u9fff]{2,4})(?=[、，,。])")


#: What joins two persons' names: a slash (a pair of players), a list comma, a space (a byline).
_PARTNER_SEPARATORS = ("/", "／", "、", " ", "\u3000")


def _partners(zh: str, spans: list[NameSpan], offs: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """A person's partner across a slash, a list comma or a space (薛晨/曾津津组合,
    选手林芝栀、林鸿飞, （林绿波 王雅瑜）): a Chinese surname and one or two characters
    on jieba's word boundaries, the longer when it is no dictionary word and holds no common
    word (frequency 50 or more, no name's tag); jieba's own pieces of it give way."""
    starts = {st for st, _w, _f in offs}
    token_at = {st: w for st, w, _f in offs}
    words = [(st, st + len(w)) for st, w, f in offs
             if len(w) > 1 and frequency(w) >= 50 and not f.startswith(("nr", "ns", "nz"))]

    def ok(a: int, b: int, slash: bool = False) -> bool:
        cand = zh[a:b]
        # across a slash (a pair's names, 李|森林/由义群) a three-character name may hold a common
        # word as its given name: the slash joins names, never a phrase
        return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", cand)) and cand[0] in surname_chars() \
            and not (frequency(cand) and not str(word_tag(cand) or "").startswith("nr")) \
            and not any(a <= x and y <= b and not (slash and b - a == 3 and x == a + 1) for x, y in words) \
            and not _TITLE_RE.search(cand) \
            and cand not in _places() and cand[-1] not in _ADMIN_END \
            and not any(c in _AFTER_NAME | _NOT_GIVEN_END | _FUNCTION_CHARS | _ADVERBS for c in cand[1:]) \
            and not zh.startswith(_COMPANY_WORDS + _INSTITUTIONS, b)  # (彭霞、东网 + 科技; 满|都|呼; 曾任)

    out: list[tuple[int, int]] = []
    persons = [sp for sp in spans if sp.kind == "person" and 2 <= len(sp.zh) <= 3]
    for sp in persons:
        if zh[sp.end : sp.end + 1] in _PARTNER_SEPARATORS:  # the partner after
            p = sp.end + 1
            for n in (3, 2):
                # it ends at a separator, a mark or before a word of two characters or more (曾津津 + 组合;
                # not 宝音满 + 都 + 呼)
                if p in starts and (zh[p + n : p + n + 1] in _PARTNER_SEPARATORS + _CLOSING_MARKS or p + n == len(zh)
                                    or len(token_at.get(p + n, "")) >= 2) and ok(p, p + n):
                    out.append((p, p + n))
                    break
        if zh[sp.start - 1 : sp.start] in _PARTNER_SEPARATORS and sp.start > 0:  # the partner before
            q = sp.start - 1
            slash = zh[q] in "/／"
            for n in (3, 2):
                # a two-character partner needs a clause's edge before it (沙|波涛、: no 波涛), or a slash
                # after it and a word boundary before it (的 + 万|杨/郭巍 组合)
                if q - n in starts and ok(q - n, q, slash) and (n == 3 or q - n == 0 or zh[q - n - 1] in _BEFORE_NAME
                                                               or zh[: q - n].endswith(TITLES)
                                                               or slash and zh[q - n - 1] in _AFTER_NAME):
                    out.append((q - n, q))
                    break
    return out


def _listed_names(zh: str, spans: list[NameSpan], bounds: set[int]) -> list[tuple[int, int]]:
    """Names in a 、-list with at least one known person (胡家福、李伟、田锦尘):
    the other items that start with a surname are persons too; with two known
    persons, so are items of up to four characters that are no dictionary
    word (丹增、格桑). Only items closed by 、 or punctuation on both sides
    count, so no verb is swallowed."""
    persons = {(s.start, s.end) for s in spans if s.kind == "person"}
    items = [(m.start(), m.end()) for m in _LIST_ITEM.finditer(zh)]
    known = [it for it in items if it in persons or any(a <= it[0] and it[1] <= b for a, b in persons)]
    if not known:
        return []
    out = []
    for a, b in items:
        if b - a >= 3 and zh[b - 1] == "等" and zh[b : b + 1] in "，,。、":
            b -= 1  # 张周健 + 等，: the list's closing word is no part of its last name
        item = zh[a:b]
        if (a, b) in persons or item in STOP or item in _places():
            continue
        if zh[a] in surname_chars() and b - a <= 3 and not frequency(item):
            out.append((a, b))
        elif len(known) >= 2 and (not frequency(item) or str(word_tag(item) or "").startswith("nr")) \
                and not _TITLE_RE.search(item):
            out.append((a, b))  # 格桑、巴珠 among known persons: names without a Chinese surname
    if len(known) >= 2:
        for m in _LONG_LIST_ITEM.finditer(zh):
            # 伊达木、宝音满都呼、王力平: a Mongolian name of five or six characters among known persons,
            # holding no common word, function word or title
            a, b = m.span()
            item = zh[a:b]
            if not _TITLE_RE.search(item) and item not in _places() and not any(c in _NOT_IN_STEM - {"和"} for c in item) \
                    and not any(len(w) > 1 and frequency(w) >= 20 and not f.startswith(("nr", "ns", "nz"))
                                for w, f in pos_tags(item)):
                out.append((a, b))
    return out


def _settlement_run(offs: list[tuple[int, str, str]], k: int) -> list[tuple[int, int]]:
    """Towns and villages after a county-level place, however jieba cut them:
    和龙市 + 东|城镇|光|东村 → 东城镇, 光东村. Short Han tokens from ``k`` are
    joined while they last; the run is cut after each settlement suffix that
    ends a token, and each piece of 3+ characters is a place."""
    out: list[tuple[int, int]] = []
    seg_start = offs[k][0] if k < len(offs) else 0
    i = k
    while i < len(offs) and len(offs[i][1]) <= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", offs[i][1]) \
            and (offs[i][2][:1] in ("n", "j", "f") or (len(offs[i][1]) == 1 and offs[i][2] in ("m", "a", "t", "ng", "v"))):
        word, flag = offs[i][1], offs[i][2]
        end = offs[i][0] + len(word)
        if i == k and word[0] in _DETERMINERS or len(word) == 1 and word in _AFTER_NAME or word in _GENERIC_SETTLEMENTS:
            break  # 横道河子镇 + 是|网|红|小镇: a verb and a kind of town, no name
        if word[-1] in _SETTLEMENT_END:
            if end - seg_start < 3:
                break
            out.append((seg_start, end))
            seg_start = end
        elif len(word) == 2 and flag not in ("ns", "nr", "nrfg", "nrt", "j"):
            break  # a common word (交界, 地带): not inside a place name
        i += 1
    return out


def _split_places(zh: str, start: int, end: int) -> list[tuple[int, int]]:
    """吉林省延边朝鲜族自治州 is two places: split after a province or city
    suffix when a known place follows."""
    word = zh[start:end]
    for i, ch in enumerate(word[:-2], 1):
        if ch in "省市" and i >= 2 and any(word[i:].startswith(p) for p in _places()):
            return [(start, start + i), *_split_places(zh, start + i, end)]
        if ch in "县区旗" and i >= 3 and word[:i] in _places() and word[i:] in _settlements():
            return [(start, start + i), (start + i, end)]  # 乌恰县 + 吉根乡: a county and its township
    return [(start, end)]


def _extend_place(zh: str, end: int, offs: list[tuple[int, str, str]], k: int) -> int:
    """Grow a place over a following administrative suffix (延吉 + 市)."""
    if k + 1 < len(offs):
        nxt_word = offs[k + 1][1]
        if nxt_word == "区" and zh[end - 1 : end] == "市":
            return end  # 拉萨市 + 区: the city's urban area (市区), not a district
        if nxt_word == "市区" and zh[end - 1 : end] != "市":
            return end + 1  # 和龙 + 市区: the city is 和龙市 (as 拉萨市 + 区)
        if nxt_word in PLACE_SUFFIXES:
            if zh[end - 1 : end] in "省市州县区旗盟" and not any(
                    zh[max(end - n, 0) : end] + nxt_word in _places() for n in range(2, 8)):
                return end  # 延边州 + 县（市）: the prefecture's counties (not 郑州 + 市)
            return end + len(nxt_word)
    return end


_CLOSERS = ("出席", "主持", "强调", "指出", "表示", "讲话", "参加", "介绍", "要求",
            "会见", "会谈", "致辞", "考察", "调研", "视察", "看望", "慰问", "一行", "带领", "率领", "陪同", "带队",
            "通报", "宣读", "传达", "汇报", "宣布", "发言")
#: Function characters that never occur in a transliterated name: a name joined by a middle
#: dot ends before them even inside a jieba word (艾尔肯·吐尼亚孜 + 在, jieba: 孜在).
_FUNCTION_CHARS = set("在是对将也就说与等向从把被给于及的")
#: Prepositions and conjunctions that need a noun as their object, so none stands right before a
#: reporting verb (not 在, 将, 被: 王凯 + 在出席 …时, 将出席, 被介绍).
_PREPOSITIONS = set("对和与同向从把给及跟")
#: Adverbs that follow a name (叶林养 + 正和村民们): jieba may join one with the name's last character.
_ADVERBS = set("正也还又就都已便才再仍")
#: Characters that close no given name (张洪 + 们): a lone one after a two-character name is no part of it.
_NOT_GIVEN_END = set("了过着们家人说讲称指谈率带任曾先亦均并首另即还")
#: Names joined by a middle dot (Uyghur, Kazakh names): 艾尔肯·吐尼亚孜.
_DOT_NAME = re.compile(r"(?<![\u4e00-\u9fff·•‧・．])[\u4e00-\u9fff]{2,40}(?:[·•‧・．][\u4e00-\u9fff]{2,40})+")
#: A photo credit: a name alone before 摄 (平措旺堆 摄, 刘延军 摄).
_PHOTO_CREDIT = re.compile(r"(?:^|(?<=[\s。）)]))([\u4e00-\u9fff]{2,4})[ \u3000]+摄(?=$|[\s。）)])")
#: Whoever leads, helps or guides someone: 在扎西平措的带领下, 在李明的帮助下.
_LED_BY = re.compile(r"在([\u4e00-\u9fff]{2,4})的(?:带领|帮助|陪同|指导|关心|帮扶)下")
#: A biography's head: a name, then its sex (齐扎拉，男，藏族).
_BIO = re.compile(r"(?:^|(?<=[。；：、，\s]))([\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{2,6})?)"
                  r"(?=[，,（(](?:[男女]|[\u4e00-\u9fff]{1,4}族)[，,）)])")
#: Titles written after a name (罗杰书记, 王刚同志).
_TITLES_AFTER = ("书记", "同志", "主任", "主席", "省长", "市长", "县长", "州长", "部长", "局长", "总理",
                 "院长", "校长", "董事长", "总经理", "经理", "教授", "先生", "女士")
_TITLE_RE = re.compile("(?:" + "|".join(TITLES) + ")")
#: Nouns of the people local news names (党员林冠敏, 网格员王丽娜, 村民李大海): a name after one is
#: found like a name after a title, with the same tests (closed, no common word inside).
ROLE_NOUNS = ("老党员", "党员", "村民", "居民", "群众", "农户", "网格员", "志愿者", "村医", "村干部", "贫困户", "脱贫户",
              "低保户", "五保户", "种植户", "养殖户", "户主", "老人", "民警", "辅警", "职工", "教师", "老师", "医生", "护士")
_ROLE_RE = re.compile("(?:" + "|".join(ROLE_NOUNS) + ")")


def _role_named(seg: str) -> bool:
    """A name after a role noun (党员 + 林材新): stricter than after a title, since role nouns are
    followed by anything (村民 + 都拉着, 党员干部 + 谈生产): a surname and two characters, no
    dictionary word as a whole, whose given part is no dictionary word of 20 or more that is no
    name and whose last character ends names (name_char_stats)."""
    given = seg[1:]
    return len(seg) == 3 and seg[0] in surname_chars() and not frequency(seg) and _ends_names(seg[-1]) \
        and not (frequency(given) >= 20 and not _person_tag(given)) and not any(c in _AFTER_NAME for c in given)


#: What may close a name right after a title: punctuation, a reporting verb, 一同/等.
_CLOSING_MARKS = ("、", "，", ",", "。", "；", ";", "）", ")", "：")


#: Adverbs that follow a person's name after a title in news prose (主任强卫 + 共同为开幕式剪彩,
#: 县长王平 + 分别…): they close the name like a reporting verb.
_CLOSING_ADVERBS = ("共同", "分别", "先后", "一起", "亲自", "随后", "首先", "详细", "深入", "实地", "认真")


def _closed(zh: str, end: int, byline: bool = False) -> bool:
    """Whether a name after a title ends at ``end``: punctuation or a reporting
    verb; after a byline's title (记者, 编辑) also a space, the line's end, 报道
    or 摄 (记者 于洋 摄影, 记者杨忠厚报道, 记者徐海涛摄)."""
    if byline and (end == len(zh) or zh[end] in " \u3000" or zh.startswith(("报道", "摄"), end)):
        return True
    return zh[end : end + 1] in _CLOSING_MARKS or zh[end:].startswith(_CLOSERS + ("一同", "等", "同志") + _CLOSING_ADVERBS) \
        or zh[end : end + 1] in _PREPOSITIONS | {"给"}  # 第一书记 + 扎西占堆 + 给人: a preposition needs an object


def _word_spans(zh: str) -> list[tuple[int, int]]:
    """jieba's words of ``zh`` as (start, end)."""
    out, p = [], 0
    for w, _f in pos_tags(zh):
        out.append((p, p + len(w)))
        p += len(w)
    return out


def _after_titles(zh: str, bounds: set[int],
                  words: Sequence[tuple[int, int]] = (),
                  common: Sequence[tuple[int, int]] = (),
                  nr3: Collection[tuple[int, int]] = (),
                  titles: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """Names right after a title (州长金寿浩, 部长达娃，), ending on a jieba word
    boundary and holding no ordinary dictionary word (``words``: 局长高度重视
    has no name). A name closed by punctuation or a reporting verb may be of
    two to four characters and need not start with a Chinese surname (Tibetan,
    Mongolian names: 常务副市长斯朗尼玛，) if it holds no common word
    (``common``: words of the dictionary that are no names); otherwise it is a
    surname and one or two characters. A title's colon is skipped (副书记：)."""
    out = []
    words_at = [(st, zh[st:en]) for st, en in words]
    nameish = [(st, en) for st, en in _word_spans(zh) if en - st == 2]
    for m in (titles or _TITLE_RE).finditer(zh):
        p = m.end()
        if any(st <= m.start() and p < st + len(w) and frequency(w) for st, w in words_at):
            continue  # 领导 inside the dictionary word 领导班子: no title
        if any(m.start() < st < p < st + len(w) and frequency(w) for st, w in words_at) \
                and not any(m.start() < st < p < st + len(w) and str(word_tag(w) or "").startswith(("ns", "nr"))
                            and _closed(zh, p + 3, False) for st, w in [(s2, zh[s2:e2]) for s2, e2 in nameish]):
            # 中建三局 + 长期以来: jieba's word starts inside the title and runs on (局|长期以来); not when
            # that word is a name jieba joined across the title's end and a closed name follows
            # (组组|长乐|家|发 + 、: 组长 + 乐家发)
            continue
        byline = m.group() in _BYLINE_TITLES
        if zh[p : p + 1] in ("：", ":") or byline and zh[p : p + 1] in (" ", "\u3000"):
            p += 1
        if p >= len(zh) or not re.match(r"[\u4e00-\u9fff]", zh[p]):
            continue
        found = 0
        for n in (4, 3, 2):  # closed names of any origin
            seg = zh[p : p + n]
            if len(seg) == n and re.fullmatch(r"[\u4e00-\u9fff]+", seg) and p + n in bounds and _closed(zh, p + n, byline) \
                    and not (byline and seg.endswith("摄")) \
                    and not any(p <= a and b <= p + n for a, b in common) \
                    and not (_common_word(seg) and not (byline and str(word_tag(seg)) in _NAME_FLAGS)
                             and not (seg in _places() and zh.startswith(_CLOSERS, p + n))) \
                    and seg not in STOP and (seg not in _places() or zh.startswith(_CLOSERS, p + n)) \
                    and seg[-1] not in "县市州省区镇乡村" \
                    and not (n == 2 and _verb_and_localizer(zh, p)) \
                    and seg[0] not in _AFTER_NAME and seg[0] not in _DETERMINERS and not _TITLE_RE.search(seg) \
                    and not (n > 2 and seg[-1] in _AFTER_NAME and p + n - 1 in bounds):
                found = n
                break
        if not found and zh[p] not in surname_chars() and str(word_tag(zh[p])) == "nr" and p + 3 in bounds \
                and _closed(zh, p + 3, byline) and re.fullmatch(r"[\u4e00-\u9fff]{3}", zh[p : p + 3]) \
                and not frequency(zh[p : p + 3]) and zh[p + 2] not in _AFTER_NAME:
            found = 3  # a rare surname (jieba: nr alone) after a title, closed: 委员长栗战书、, 副市长谌贻琴，
        if not found and (p, p + 3) in nr3 and zh[p] in surname_chars() | {c for c in zh[p] if word_tag(c) == "nr"} \
                and (not frequency(zh[p : p + 3]) or word_tag(zh[p : p + 3]) == "nr") \
                and zh[p + 2] not in _AFTER_NAME | _JOINS_NAME | _ADVERBS | _NOT_GIVEN_END | _ADMIN_END \
                and _ends_names(zh[p + 2]) and not _TITLE_RE.search(zh[p : p + 3]):
            found = 3  # jieba's own three-character person right after a title, whatever follows (副主席辜胜阻 + 在)
        if not found and zh[p] in surname_chars():
            for n in (3, 2):
                seg = zh[p : p + n]
                if n == 3 and seg[-1:] in _AFTER_NAME and p + 2 in bounds:
                    continue  # 罗杰 + 为团长
                # a name closed by a list comma or a reporting verb may hold a
                # dictionary word (任军号: 任 + 军号)
                closed = _closed(zh, p + n, byline) or byline and n == 3 and seg[1] == seg[2] \
                    and zh[p + n : p + n + 1] in ("在", "从", "到", "近", "日")
                # (记者 + 张|苗苗 + 在: a byline's name with a doubled given name, before where it was seen)
                inside = any(p <= a and b <= p + n for a, b in words) \
                    and not (closed and (not frequency(seg) or byline and str(word_tag(seg)) in _NAME_FLAGS)) \
                    and not (n == 3 and (p + 1, p + 3) in words and frequency(zh[p + 1 : p + 3]) < 10
                             and not frequency(seg) and _name_odds(seg) >= 0.5)
                # (总经理 + 李|培英 + 巨额: a rare dictionary word as the given name of a name-like whole)
                inside = inside or _common_word(seg) and not (byline and str(word_tag(seg)) in _NAME_FLAGS) or seg[-1] in "县市州省区镇乡村" or seg[-1] in "了过着"
                if len(seg) == n and re.fullmatch(r"[\u4e00-\u9fff]+", seg) and p + n in bounds and not inside \
                        and seg not in STOP and not (n == 2 and _verb_and_localizer(zh, p)):
                    found = n
                    break
        if not found and zh[p] in _PREPOSITION_SURNAMES and re.fullmatch(r"[\u4e00-\u9fff]{3}", zh[p : p + 3]) \
                and (zh[p + 3 : p + 4] in ("、", "，", "。", "；") or zh.startswith(_CLOSERS, p + 3)) \
                and not frequency(zh[p : p + 3]) and not _common_given(zh[p + 1 : p + 3]) \
                and not any(c in _AFTER_NAME for c in zh[p + 1 : p + 3]) and _ends_names(zh[p + 2]):
            found = 3  # 秘书长 + 向文虎 + 、: a surname that is also a preposition, closed by punctuation
        if not found and _titled_name_before_verb(zh, p):
            found = 3  # 副会长 + 吴|华侨 + 投资: a surname jieba cut off a given name that is a common noun, then a verb
        if not found and _titled_common_word_name(zh, p, bounds, byline):
            found = 2  # 副市长 + 万里 + 、, 省委书记 + 强卫 + 出席: a surname and a character that make a rarer word
        if found:
            out.append((p, p + found))
    return out


#: Surnames that are also prepositions or conjunctions (向, 于, 和, 同): after a title they start names.
_PREPOSITION_SURNAMES = set("向于和同")
#: Last characters of role nouns (助理, 医师, 队员): after a title they are another role, no name.
_ROLE_END = set("长员师官者手家生工匠士理")


def _titled_name_before_verb(zh: str, p: int) -> bool:
    """A three-character name right after a title that jieba cut into a lone surname and a common noun
    (副会长 + 吴 + 华侨 + 投资, 副书记 + 陶 + 国华 + 领队): the surname stands alone as jieba's word, the
    two characters after it are a noun (not a verb, an adjective or an adverb: 局长 + 高 + 度重视 is no
    name), the three make no dictionary word, and a frequent verb of two characters follows, as after a
    subject."""
    offs = []
    pos = 0
    for w, f in pos_tags(zh):
        offs.append((pos, w, f))
        pos += len(w)
    at = {st: (w, f) for st, w, f in offs}
    sur, given, verb = at.get(p), at.get(p + 1), at.get(p + 3)
    if sur is None or given is None or verb is None or len(sur[0]) != 1 or sur[0] not in surname_chars() \
            or sur[1] != "nr" \
            or len(given[0]) != 2 or len(verb[0]) < 2:
        return False
    seg = zh[p : p + 3]
    return given[1][:1] == "n" and not given[1].startswith(("ns", "nt")) and verb[1] in ("v", "vn") \
        and frequency(verb[0]) >= 500 and not frequency(seg) and seg not in _places() \
        and not _TITLE_RE.search(seg) and seg[-1] not in _AFTER_NAME | _ADMIN_END


def _titled_common_word_name(zh: str, p: int, bounds: set[int], byline: bool) -> bool:
    """A two-character name right after a title that is also a dictionary word (万里, 文静, 强卫):
    it starts with a Chinese surname, is closed by punctuation or a reporting verb, and is no
    frequent word (under 1,000), no verb of 50 or more, no adverb, preposition, conjunction or
    pronoun, no role noun (助理) and no place (市委书记强调，is no person 强调)."""
    seg = zh[p : p + 2]
    if len(seg) != 2 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", seg) or seg[0] not in surname_chars() \
            or p + 2 not in bounds or zh[:p].endswith("同志") \
            or not (zh[p + 2 : p + 3] in ("、", "，", "。", "；") or zh.startswith(_CLOSERS + _CLOSING_ADVERBS, p + 2)) \
            or seg in STOP or seg in _places() or seg.startswith(_CLOSERS) or seg[-1] in _ROLE_END:
        return False
    tag = str(word_tag(seg) or "")
    freq = frequency(seg)
    return bool(freq) and freq < 1000 and tag[:1] in ("n", "m", "a", "v") and not (tag.startswith("v") and freq >= 50) \
        and not _TITLE_RE.search(seg) and seg[1] not in _AFTER_NAME
