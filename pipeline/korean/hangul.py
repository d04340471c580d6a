"""Hangul syllable arithmetic and the initial-sound rule (두음법칙).

Plain functions on Hangul syllables, shared by the Korean-norm post-editor
(``style.py``) and the dictionary builder (``dictionary.py``), which both
import them from here instead of from each other.
"""

from __future__ import annotations

import re

_S0, _S1 = 0xAC00, 0xD7A3
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")


def is_syllable(ch: str) -> bool:
    return len(ch) == 1 and _S0 <= ord(ch) <= _S1


def split_syllable(ch: str) -> tuple[int, int, int]:
    """(initial, vowel, final) indexes of a Hangul syllable."""
    n = ord(ch) - _S0
    return n // 588, (n % 588) // 28, n % 28


def join_syllable(i: int, v: int, f: int) -> str:
    return chr(_S0 + i * 588 + v * 28 + f)


_I = {c: k for k, c in enumerate(_INITIALS)}
_V = {c: k for k, c in enumerate(_VOWELS)}
_YI_VOWELS = {_V[v] for v in "ㅑㅕㅖㅛㅠㅣ"}  # ㄹ/ㄴ before these drop to ㅇ in the south
_N_DROP_VOWELS = {_V[v] for v in "ㅕㅛㅠㅣㅖ"}


def dueum(syl: str) -> str:
    """The South Korean word-initial form of a syllable (력 → 역, 로 → 노, 녀 → 여)."""
    if not is_syllable(syl):
        return syl
    i, v, f = split_syllable(syl)
    if i == _I["ㄹ"]:
        return join_syllable(_I["ㅇ"] if v in _YI_VOWELS else _I["ㄴ"], v, f)
    if i == _I["ㄴ"] and v in _N_DROP_VOWELS:
        return join_syllable(_I["ㅇ"], v, f)
    return syl


def undueum(syl: str) -> list[str]:
    """Original forms a South Korean initial syllable may come from (역 → [력, 녁])."""
    if not is_syllable(syl):
        return []
    i, v, f = split_syllable(syl)
    out = []
    if i == _I["ㅇ"] and v in _YI_VOWELS:
        out.append(join_syllable(_I["ㄹ"], v, f))
        if v in _N_DROP_VOWELS:
            out.append(join_syllable(_I["ㄴ"], v, f))
    elif i == _I["ㄴ"] and v not in _YI_VOWELS:
        out.append(join_syllable(_I["ㄹ"], v, f))
    return out


def south_form(word: str) -> str:
    """The South Korean spelling of a Yanbian Sino-Korean word (로동 → 노동, 효률 → 효율)."""
    if not word:
        return word
    out = [dueum(word[0])]
    for k in range(1, len(word)):
        syl = word[k]
        if syl in ("렬", "률") and _open_or_n(out[-1]):
            syl = "열" if syl == "렬" else "율"
        out.append(syl)
    return "".join(out)


def _open_or_n(syl: str) -> bool:
    """True after a syllable ending in a vowel or ㄴ (where 렬/률 become 열/율)."""
    if not is_syllable(syl):
        return False
    f = split_syllable(syl)[2]
    return f in (0, 4)


def _vowel(syl: str) -> str:
    return _VOWELS[split_syllable(syl)[1]] if is_syllable(syl) else ""


def _final(syl: str) -> int:
    return split_syllable(syl)[2] if is_syllable(syl) else -1


#: What may follow a stem inside one spaced word (particles, endings, suffixes):
#: a lexicon entry matches 로동자들은 but 열사 does not match 열사병.
_PARTICLE_HEADS = (
    "은 는 이 가 을 를 의 에 와 과 로 으로 도 만 까지 부터 보다 처럼 이다 이며 이고 이였 이었 였 었 "
    "하 했 한 할 해 되 된 될 됐 돼 시키 적 상 중 면 측 과의 와의 에는 에도 에서 으로서 으로써 로서 로써 들"
).split()
