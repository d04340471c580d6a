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
import importlib.util
import os
import pickle
import re
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple
from pathlib import Path

#: Bump when the derivation below changes, so stale caches are rebuilt.
TABLE_VERSION = 7
#: A reading must be this much cheaper (MeCab cost; 800 ≈ a factor e in
#: frequency) than any other reading, native or Sino-Korean, to be restored
#: without a source: 歷史 력사 (5936) beats 驛舍 역사 (8723); 努力 노력 (7727) vs
#: 勞力 로력 (9095) does not change.
MARGIN = 1400
#: Entries at or above this cost were unseen in NK-HanDic's training text (the
#: default cost): restored only when libhangul's hanja.txt agrees.
RARE = 10900
HANJA_TXT = Path("/usr/share/libhangul/hanja/hanja.txt")
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


def _hanja_txt(wanted: set[str]) -> dict[str, set[str]]:
    """South Korean form → Yanbian readings of its hanja.txt entries (libhangul-data),
    for the ``wanted`` forms only."""
    from pipeline.korean.reading import base_reading

    out: dict[str, set[str]] = {}
    if not HANJA_TXT.exists():
        return out
    for line in HANJA_TXT.read_text(encoding="utf-8").splitlines():
        parts = line.split(":")
        if len(parts) < 2 or parts[0] not in wanted or len(parts[0]) != len(parts[1]):
            continue
        read = [base_reading(c) for c in parts[1]]
        if all(read):
            out.setdefault(parts[0], set()).add("".join(r for r in read if r))
    return out


def sys_dic_path() -> Path | None:
    """NK-HanDic's sys.dic inside the installed package, found without importing it."""
    spec = importlib.util.find_spec("nkhandic")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "dicdir" / "sys.dic"
    return path if path.exists() else None


def _entries(path: Path) -> Iterator[tuple[str, str, str, int]]:
    """(surface, hanja, POS tag, cost) for every token of a MeCab sys.dic."""
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
            yield f[6], f[7], f[10], cost


def build(path: Path) -> Table:
    """Derive the table from NK-HanDic (see the module doc)."""
    from pipeline.korean.reading import base_reading
    from pipeline.korean.hangul import south_form

    sino: dict[str, dict[str, Reading]] = {}
    native: dict[str, int] = {}
    words: set[str] = set()
    for surface, hanja, tag, cost in _entries(path):
        if not _HANGUL_WORD.fullmatch(surface):
            continue
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
    hanja_txt = _hanja_txt(rare)
    restorable = {}
    for south, readings in table.items():
        hit = _decide(south, readings, native, hanja_txt)
        if hit:
            restorable[south] = hit
    # only forms with an ㄹ/ㄴ reading need their readings kept (the rest are
    # plain words: segmentation needs their spelling only), and native entries
    # only for known words: a third of the size, four times faster to load
    kept = {s: r for s, r in table.items() if any(x.yanbian != s for x in r)}
    return Table(sino=kept, native={w: c for w, c in native.items() if w in words}, words=frozenset(words),
                 restorable=restorable)


def _cache_file(path: Path) -> Path:
    st = path.stat()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhko"
    return base / f"nkhandic-table-v{TABLE_VERSION}-{st.st_size}-{int(st.st_mtime)}.pickle"


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
            words, sino, native, restorable = pickle.load(fh)
        return Table(sino=sino, native=native, words=frozenset(words.split("\n")), restorable=restorable)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    built = build(path)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            # the words as one string: a set of 60,000 pickled strings loads slowly
            pickle.dump(("\n".join(sorted(built.words)), built.sino, built.native, built.restorable), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home: build per process
    return built
