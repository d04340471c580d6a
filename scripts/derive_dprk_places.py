"""Derive pipeline/korean/data/dprk_places.tsv from NK-HanDic (PyPI ``nkhandic``).

NK-HanDic (BSD-3-Clause) is the MeCab dictionary for North Korean; its proper
nouns tagged 都市 (settlements: 라선, 라진구역, 량강도 … and every 리/동 of the
DPRK) and 地名 (places: 리명수, 삼지연) carry their Hanja. Yanbian Korean reads
such names as North Korean does, without the initial-sound rule (羅先 라선,
South 나선; 鯉明水 리명수, South 이명수).

Kept: entries whose Hanja, read character by character with the stage's
reading table, give exactly the entry's spelling (so a transliteration such as
닝보 寧波 or 라싸 拉薩 is dropped), of two or more syllables, and

- every such name whose South spelling differs (kind ``dprk``), plus the name
  without its administrative suffix (구역, 로동자구, 군, 읍) when that differs
  too (라진구역 → 라진, kind ``short``);
- bare settlement names (都市, no 리/동/면/군… ending) of two or three
  syllables read the same in both norms (청진, 선봉; kind ``same``): no edit, they only make a comma list a list of
  places (나진, 청진 → 라진).

Run: uv run python scripts/derive_dprk_places.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "pipeline" / "korean" / "data" / "dprk_places.tsv"
SUFFIXES = ("로동자구", "구역", "군", "읍")
#: Last syllables of administrative names (리, 동, 면, 군 …): a ``same`` row is a
#: bare settlement name (청진, 선봉), not one of the thousands of villages
ADMIN_END = set("리동가면읍군구시도성현부")


def main() -> None:
    from pipeline.korean.dictionary import sys_dic_path
    from pipeline.korean.hangul import south_form
    from pipeline.korean.reading import base_reading

    path = sys_dic_path()
    if path is None:
        sys.exit("nkhandic is not installed")
    data = path.read_bytes()
    header = struct.unpack_from("<10I", data, 0)
    lexsize, dsize, tsize, fsize = header[3], header[6], header[7], header[8]
    tok = 72 + dsize
    features = data[tok + tsize : tok + tsize + fsize]
    rows: dict[str, tuple[str, str, str]] = {}
    for i in range(lexsize):
        _lc, _rc, _pos, _cost, fo, _comp = struct.unpack_from("<HHHhII", data, tok + 16 * i)
        f = features[fo : features.index(b"\0", fo)].decode("utf-8", "replace").split(",")
        if len(f) <= 10 or f[10] != "NNP" or f[2] not in ("都市", "地名"):
            continue
        surface, hanja = f[6], f[7].split("/")[0]
        if len(surface) < 2 or len(hanja) != len(surface):
            continue
        if "".join(base_reading(c) or "?" for c in hanja) != surface:
            continue
        if south_form(surface) != surface:
            rows.setdefault(surface, (hanja, "dprk", f[2]))
            for suf in SUFFIXES:
                base, hbase = surface[: -len(suf)], hanja[: -len(suf)]
                if surface.endswith(suf) and len(base) >= 2 and south_form(base) != base:
                    rows.setdefault(base, (hbase, "short", f[2]))
        elif f[2] == "都市" and len(surface) <= 3 and surface[-1] not in ADMIN_END:
            rows.setdefault(surface, (hanja, "same", f[2]))
    header_text = (
        "# Places of the DPRK (and other Korean-read places) from NK-HanDic (PyPI nkhandic, BSD-3-Clause):\n"
        "# proper nouns tagged 都市 or 地名 whose Hanja read character by character give the entry.\n"
        "# Yanbian Korean reads them as North Korean does (羅先 라선, South 나선). Derived by\n"
        "# scripts/derive_dprk_places.py; do not edit by hand. Columns: Hanja; Yanbian reading;\n"
        "# kind (dprk: the South spelling differs; short: the name without 구역/로동자구/군/읍;\n"
        "# same: a settlement spelt alike in both norms, list context only); NK-HanDic tag.\n"
    )
    lines = [f"{h}\t{s}\t{k}\t{t}" for s, (h, k, t) in sorted(rows.items())]
    OUT.write_text(header_text + "\n".join(lines) + "\n", encoding="utf-8")
    kinds = {k: sum(1 for _h, kk, _t in rows.values() if kk == k) for k in ("dprk", "short", "same")}
    print(f"{OUT}: {len(rows)} rows {kinds}")


if __name__ == "__main__":
    main()
