"""Make the particle after a restored term agree with the term's last sound.

The model wrote its particle for the placeholder (``Z1X가``) or for its own
rendering of the name, so after restoring ``습근평`` the text may read
``습근평가``. The choice rule is the standard one: the form with a final
consonant after a closed syllable (은, 이, 을, 과, 으로 …), the other after an
open one; ``으로`` also becomes ``로`` after ㄹ. The final sound of digits and
Latin letters (``COVID-19`` → 구, ``2021`` → 일) comes from hangulpy, which
read them right in 55/55 measured cases.

Only particles glued to the term are touched, and only when what follows is a
word boundary (or a known continuation like 로는, 과의), so a compound such as
``사업과정`` is never mistaken for ``사업`` + ``과``. Copula forms (이다/다,
이며/며, 이라/라 …) are only corrected after a closed syllable
(``습근평다`` → ``습근평이다``): after an open syllable both forms are correct
Korean (``부서기이며``).
"""

from __future__ import annotations

import re

#: (form after a final consonant, form after a vowel, kind)
PAIRS: tuple[tuple[str, str, str], ...] = (
    ("은", "는", "particle"),
    ("이", "가", "particle"),
    ("을", "를", "particle"),
    ("과", "와", "particle"),
    ("으로", "로", "ro"),
    ("으로서", "로서", "ro"),
    ("으로써", "로써", "ro"),
    ("으로부터", "로부터", "ro"),
    ("이나", "나", "particle"),
    ("이랑", "랑", "particle"),
    ("아", "야", "particle"),
    ("이여", "여", "particle"),
    ("이다", "다", "copula"),
    ("이며", "며", "copula"),
    ("이라", "라", "copula"),
    ("이라고", "라고", "copula"),
    ("이라는", "라는", "copula"),
    ("이었다", "였다", "copula"),
)

#: What may follow a particle inside the same word (로는, 과의, 와도 …).
_CONTINUE = {
    "과": ("의", "는", "도", "만"), "와": ("의", "는", "도", "만"),
    "으로": ("는", "의", "도", "만"), "로": ("는", "의", "도", "만"),
    "이랑": ("은", "도"), "랑": ("은", "도"),
}

_FORMS = sorted(
    ((form, pair) for pair in PAIRS for form in pair[:2]),
    key=lambda fp: -len(fp[0]),
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _sound(term: str) -> tuple[bool, bool]:
    """(has a final consonant, that consonant is ㄹ) for the term's last syllable."""
    from hangulpy import has_batchim, josa_pick

    closed = has_batchim(term)
    rieul = closed and josa_pick(term, "으로/로") == "로"
    return closed, rieul


def pick(term: str, pair: tuple[str, str, str]) -> str:
    """The form of ``pair`` that agrees with ``term``."""
    closed, rieul = _sound(term)
    with_final, without_final, kind = pair
    if kind == "ro":
        return with_final if closed and not rieul else without_final
    return with_final if closed else without_final


def _boundary(form: str, rest: str) -> bool:
    if not rest or not _HANGUL.match(rest[0]):
        return True
    return rest.startswith(_CONTINUE.get(form, ()))


def particle_after(term: str, rest: str) -> tuple[str, str] | None:
    """(particle found at the start of ``rest``, the agreeing form), or None."""
    for form, pair in _FORMS:
        if rest.startswith(form) and _boundary(form, rest[len(form):]):
            right = pick(term, pair)
            if pair[2] == "copula" and form == pair[0]:
                return form, form  # 이다 etc. is right after any syllable
            return form, right
    return None


def fix_particles(ko: str, spans: list[tuple[int, int]]) -> str:
    """Correct the particle glued after each ``ko[start:end]`` term span.

    Spans index the text as given; fixes are applied right to left so earlier
    offsets stay valid.
    """
    spans = sorted(set(spans))
    for i in range(len(spans) - 1, -1, -1):
        start, end = spans[i]
        found = particle_after(ko[start:end], ko[end:])
        nxt = spans[i + 1][0] if i + 1 < len(spans) else len(ko) + 1
        if found and found[0] != found[1] and end + len(found[0]) <= nxt:
            ko = ko[:end] + found[1] + ko[end + len(found[0]):]
    return ko


def term_spans(ko: str, terms: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of each term in ``ko`` (longest terms win where they overlap)."""
    spans: list[tuple[int, int]] = []
    taken = bytearray(len(ko))
    for term in sorted(set(t for t in terms if t), key=len, reverse=True):
        pos = ko.find(term)
        while pos >= 0:
            end = pos + len(term)
            if not any(taken[pos:end]):
                taken[pos:end] = b"\x01" * len(term)
                spans.append((pos, end))
            pos = ko.find(term, end)
    return sorted(spans)
