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
from typing import Any, Sequence

from pipeline.korean.reading import DATA, read_korean
from pipeline.zhwords import frequency, pos_tags

__all__ = ["NameSpan", "detect_names", "pos_tags"]

#: Titles that are followed by a person's name in news text.
TITLES = (
    "总书记", "副书记", "书记", "副州长", "州长", "副省长", "省长", "副市长", "市长",
    "副县长", "县长", "副主席", "主席", "副总理", "总理", "部长", "局长", "主任",
    "常委", "委员", "厅长", "镇长", "乡长", "村长", "院长", "校长", "总裁", "同志",
)

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
    "白天 金额 金融 向前 方向 周年 周边 马上 石油 明星 武装 成都市场 龙头 江湖".split()
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
_PLACE_END = set("省市县州区镇乡村江河山湖岭岛港湾盟旗屯")


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    lines = (DATA / "places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def _person_shaped(word: str) -> bool:
    """Surname + one or two characters (three after a two-character surname),
    not ending like a place (包保县 is not a person)."""
    if word[-1] in "县市州省区镇乡村":
        return False
    if word[:2] in COMPOUND_SURNAMES:
        return 3 <= len(word) <= 4
    return word[0] in SURNAME_CHARS and 2 <= len(word) <= 3


def _kind(word: str, flag: str) -> str | None:
    if word in STOP or len(word) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
        return None
    if flag in ("nr", "nrfg", "nrt") and _person_shaped(word):
        # two-character dictionary words tagged nr are mostly common words
        # (陈述, 顾问, 洪水); unknown two-character names still pass (李明)
        if len(word) == 2 and flag in ("nr", "nrfg") and frequency(word):
            return None
        return "person"
    if flag == "ns" and (word[-1] in _PLACE_END or word in _places()):
        return "place"
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
    for k, (start, word, flag) in enumerate(offs):
        kind = _kind(word, flag)
        if not kind:
            continue
        end = start + len(word)
        if kind == "place":
            end = _extend_place(zh, end, offs, k)
        spans.append(NameSpan(start, end, zh[start:end], kind))
        taken.append((start, end))
    words = [(st, st + len(w)) for st, w, f in offs if len(w) > 1 and not f.startswith("nr") and frequency(w)]
    for start, end in _after_titles(zh, bounds, words):
        if not any(s < end and start < e for s, e in taken):
            spans.append(NameSpan(start, end, zh[start:end], "person"))
            taken.append((start, end))
    spans.sort(key=lambda s: s.start)
    for s in spans:
        s.ko = read_korean(s.zh, s.kind).ko
    return spans


def _extend_place(zh: str, end: int, offs: list[tuple[int, str, str]], k: int) -> int:
    """Grow a place over a following administrative suffix (延吉 + 市)."""
    if k + 1 < len(offs):
        nxt_word = offs[k + 1][1]
        if nxt_word in PLACE_SUFFIXES:
            return end + len(nxt_word)
    return end


_TITLE_RE = re.compile("(?:" + "|".join(TITLES) + ")")


def _after_titles(zh: str, bounds: set[int],
                  words: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Names right after a title (州长金寿浩), ending on a jieba word boundary and
    holding no ordinary dictionary word (``words``: 局长高度重视 has no name)."""
    out = []
    for m in _TITLE_RE.finditer(zh):
        p = m.end()
        if p >= len(zh) or zh[p] not in SURNAME_CHARS:
            continue
        for n in (3, 2):
            seg = zh[p : p + n]
            inside = any(p <= a and b <= p + n for a, b in words)
            if len(seg) == n and re.fullmatch(r"[\u4e00-\u9fff]+", seg) and p + n in bounds and not inside \
                    and seg not in STOP:
                out.append((p, p + n))
                break
    return out
