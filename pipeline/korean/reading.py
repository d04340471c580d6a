"""Korean (Hanja) readings of Chinese names and terms, in the Yanbian norm.

Chinese names are read character by character with each character's original
reading: no initial-sound rule, so 李 is 리 and 劳动 is 로동 in any position.
The ``hanja`` package's table holds those original readings; its
``translate()`` is NOT used because it applies the South Korean rule and reads
金 as 금 everywhere.

Simplified input is read through its traditional form (OpenCC s2t, phrase
aware), because the table's entries for simplified characters that are also
traditional characters are the traditional ones' (宁 alone is 저). For names the
conversion's known wrong picks are undone (郁 stays 郁 욱, 征 stays 정, …).

Three small data files, which editors may extend, live in ``data/``:
``exceptions.yaml`` (conventional names that are not plain readings),
``polyphones.yaml`` (characters with several readings and the rules that pick
one) and ``surnames.yaml`` (surname readings).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

DATA = Path(__file__).parent / "data"
KINDS = ("person", "place")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: Characters whose table reading is wrong under the Yanbian norm, any context.
#: 瑩 is 영 in names (姜治莹 강치영 in 연변일보), the table's first reading is 형.
_OVERRIDES = {"寧": "녕", "甯": "녕", "瑩": "영"}

#: OpenCC s2t picks that are wrong inside names: the source character is kept.
_NAME_KEEP = {"郁", "征", "丑", "于", "叶"}


@dataclass
class Reading:
    """A reading, the other plausible readings, and what an editor should check."""

    ko: str
    alternatives: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"ko": self.ko, "alternatives": list(self.alternatives), "flags": list(self.flags)}


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """The hanja package's character table (loaded once, ~0.5 s)."""
    from hanja.table import hanja_table

    return hanja_table


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def _load_yaml(name: str) -> Any:
    import yaml

    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@functools.lru_cache(maxsize=1)
def exceptions() -> dict[str, str]:
    """Conventional names (simplified Chinese → Korean) from ``exceptions.yaml``."""
    return {str(k): str(v) for k, v in _load_yaml("exceptions.yaml").items()}


@functools.lru_cache(maxsize=1)
def _polyphones() -> dict[str, dict]:
    return _load_yaml("polyphones.yaml")


@functools.lru_cache(maxsize=1)
def surnames() -> dict[str, str]:
    """Surname readings that differ from the ordinary reading."""
    return {str(k): str(v) for k, v in _load_yaml("surnames.yaml").items()}


def is_han(ch: str) -> bool:
    return bool(_HAN.fullmatch(ch))


def traditional(zh: str, *, name: bool = False) -> str:
    """The traditional form of ``zh``, one character for one character.

    For names, characters OpenCC converts wrongly for names are kept as they are.
    """
    conv = _s2t().convert(zh)
    if len(conv) != len(zh):  # never expected for s2t; fall back to per character
        conv = "".join(_s2t().convert(c) or c for c in zh)
    if name:
        conv = "".join(s if s in _NAME_KEEP else t for s, t in zip(zh, conv))
    return conv


def base_reading(ch: str, trad: str | None = None) -> str | None:
    """The ordinary reading of one character, or None when the table lacks it."""
    table = _table()
    for c in (trad, ch):
        if c and c in _OVERRIDES:
            return _OVERRIDES[c]
    for c in (trad, ch):
        if c and c in table:
            return table[c]
    return None


@functools.lru_cache(maxsize=1)
def sino_syllables() -> frozenset[str]:
    """Every syllable some character reads, in either norm (력 and 역): a
    syllable outside it (네, 트, 뿐) is never Sino-Korean."""
    from pipeline.korean.hangul import dueum

    reads = set(_table().values()) | set(_OVERRIDES.values())
    return frozenset(reads | {dueum(r) for r in reads} | {"열", "율"})


@functools.lru_cache(maxsize=8192)
def char_readings(ch: str) -> frozenset[str]:
    """Every reading a character may have (for matching Korean against Chinese).

    Used by the style post-editor as evidence: it unions the simplified and
    traditional forms' readings and the polyphone table's readings.
    """
    out: set[str] = set()
    trad = traditional(ch) if is_han(ch) else ch
    for c in {ch, trad}:
        r = base_reading(c)
        if r:
            out.add(r)
        poly = _polyphones().get(c)
        if poly:
            out.update(poly["readings"])
    if ch in surnames():
        out.add(surnames()[ch])
    return frozenset(out)


def _poly_choice(trad: str, prev: str, nxt: str, at_start: bool) -> tuple[str, list[str], bool] | None:
    """(reading, other readings, uncertain) for a polyphone, or None."""
    spec = _polyphones().get(trad)
    if not spec:
        return None
    for rule in spec.get("rules", []):
        if rule.get("at_start") and at_start:
            hit = True
        elif "prev" in rule:
            hit = any(c in rule["prev"] for c in prev)
        elif "next" in rule:
            hit = any(c in rule["next"] for c in nxt)
        else:
            hit = False
        if hit:
            others = [r for r in spec["readings"] if r != rule["reading"]]
            return rule["reading"], others, False
    default = spec["default"]
    return default, [r for r in spec["readings"] if r != default], bool(spec.get("flag"))


def _looks_like_person(zh: str) -> bool:
    """A 2–4 character all-Han word starting with a surname jieba tags as a name.

    Only worth asking (jieba loads ~1 s) when the first character has a
    distinct surname reading, e.g. 金 김 / 금.
    """
    if not (2 <= len(zh) <= 4 and all(is_han(c) for c in zh)):
        return False
    if zh[0] not in surnames():
        return False
    from pipeline.zhwords import pos_tags

    tags = pos_tags(zh)
    return len(tags) == 1 and tags[0][1].startswith("nr")


def read_korean(zh: str, kind: str | None = None) -> Reading:
    """Read ``zh`` in Korean, Yanbian norm.

    ``kind`` is "person", "place" or None (guess: a word jieba tags as a
    person name gets surname readings). Non-Han characters pass through.
    """
    if kind not in (None, *KINDS):
        raise ValueError(f"kind must be one of {KINDS} or None, not {kind!r}")
    person = kind == "person" or (kind is None and _looks_like_person(zh))
    name = person or kind == "place"
    trad = traditional(zh, name=name)
    parts: list[list[str]] = []  # per output piece: [chosen, *alternatives]
    flags: list[str] = []
    exc = exceptions()
    longest = max((len(k) for k in exc), default=0)
    i = 0
    while i < len(zh):
        hit = next(
            (zh[i : i + n] for n in range(min(longest, len(zh) - i), 1, -1) if zh[i : i + n] in exc),
            None,
        )
        if hit:
            plain = "".join(base_reading(c, t) or c for c, t in zip(hit, trad[i : i + len(hit)]))
            parts.append([exc[hit]] + ([plain] if plain != exc[hit] else []))
            i += len(hit)
            continue
        parts.append(_read_char(zh, trad, i, person, flags))
        i += 1
    ko = "".join(p[0] for p in parts)
    return Reading(ko=ko, alternatives=_alternatives(parts), flags=flags)


def _read_char(zh: str, trad: str, i: int, person: bool, flags: list[str]) -> list[str]:
    ch, t = zh[i], trad[i]
    if not is_han(ch):
        return [ch]
    if person and i == 0 and ch in surnames():
        sur = surnames()[ch]
        plain = base_reading(ch, None if ch in _NAME_KEEP - {"叶"} else traditional(ch))
        return [sur] + ([plain] if plain and plain != sur else [])
    prev = (zh[i - 1] + trad[i - 1]) if i > 0 and is_han(zh[i - 1]) else ""
    nxt = (zh[i + 1] + trad[i + 1]) if i + 1 < len(zh) and is_han(zh[i + 1]) else ""
    poly = _poly_choice(t, prev, nxt, at_start=not prev)
    if poly:
        reading, others, uncertain = poly
        if uncertain:
            flags.append(f"{ch}: {'/'.join([reading, *others])}")
        return [reading, *others]
    r = base_reading(ch, t)
    if r is None:
        flags.append(f"{ch}: no reading")
        return [ch]
    return [r]


def _alternatives(parts: Iterable[list[str]]) -> list[str]:
    """Whole readings with one piece swapped for one of its alternatives."""
    parts = list(parts)
    base = [p[0] for p in parts]
    out: list[str] = []
    for i, p in enumerate(parts):
        for alt in p[1:]:
            cand = "".join(base[:i] + [alt] + base[i + 1 :])
            if cand != "".join(base) and cand not in out:
                out.append(cand)
    return out
