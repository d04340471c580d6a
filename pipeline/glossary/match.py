"""Find approved glossary terms in Chinese text.

One Aho-Corasick automaton (pyahocorasick) over every Chinese form (``zh`` and
``variants``) finds all candidate occurrences in one pass, whatever the
glossary size. Selection is then greedy: higher ``priority`` first, then
longer matches, then leftmost; a candidate is kept only if it overlaps nothing
already kept. So nested terms resolve to the longest (``州委副书记、州长`` beats
``州长``) and the result is non-overlapping and deterministic.

``match: word`` entries must not match inside a longer Chinese word. Chinese
has no spaces, so this is decided with jieba's dictionary (the process's one
segmenter, :mod:`pipeline.zhwords`) (HMM off, so unknown
strings don't become invented words): the clause around the candidate is
segmented, and the candidate is rejected only when one jieba token strictly
contains it (``工作`` inside ``工作者``). When jieba's boundaries cross the
candidate (segmentation disagrees) the case is undecidable and the term
matches: enforcing a term wrongly is visible and reviewable, silently missing
one is not. A candidate with no CJK neighbour on either side always matches.
"""

from __future__ import annotations

import re
from typing import Iterable, Protocol, Sequence, TypeVar

from pipeline.glossary.entry import Entry, Match
from pipeline.zhwords import words

class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Span)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class Matcher:
    """Aho-Corasick matcher over approved entries; build once, call find() often."""

    def __init__(self, entries: list[Entry]):
        import ahocorasick

        self._auto = ahocorasick.Automaton()
        best: dict[str, Entry] = {}
        for e in entries:  # one entry per form (lint forbids two approved renderings)
            for form in e.forms:
                if form not in best or e.priority > best[form].priority:
                    best[form] = e
        self._entries = list(best.values())
        self._forms = list(best)
        self._top = max((e.priority for e in self._entries), default=0)
        self._longest = max((len(f) for f in self._forms), default=0)
        if len(self._forms) >= 1 << 20:  # the packed sort key keeps 20 bits for the form
            raise ValueError("glossary too large: more than 1,048,575 Chinese forms")
        for i, (form, e) in enumerate(best.items()):
            self._auto.add_word(form, (len(form), e.priority, i))
        if self._forms:
            self._auto.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Greedy selection over all candidates in (priority desc, length desc,
        start asc) order. Each candidate is packed into one int so the sort is a
        plain integer sort (the hot spot with thousands of overlapping terms)."""
        if not self._forms or not text:
            return []
        top, longest = self._top, self._longest
        keys = [
            ((((top - prio) * (longest + 1) + (longest - length)) << 52)
             | ((end + 1 - length) << 20) | i)
            for end, (length, prio, i) in self._auto.iter(text)
        ]
        keys.sort()
        taken = bytearray(len(text))
        out = []
        for key in keys:
            i = key & 0xFFFFF
            start = (key >> 20) & 0xFFFFFFFF
            end = start + len(self._forms[i])
            if taken.find(1, start, end) != -1:
                continue
            e = self._entries[i]
            if e.match == "word" and inside_word(text, start, end):
                continue
            taken[start:end] = b"\x01" * (end - start)
            out.append(Match(start, end, e))
        out.sort(key=lambda m: m.start)
        return out


def inside_word(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is decidably part of a longer Chinese word."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if not (_CJK.match(before or " ") or _CJK.match(after or " ")):
        return False
    c0 = start
    while c0 > 0 and _CJK.match(text[c0 - 1]):
        c0 -= 1
    c1 = end
    while c1 < len(text) and _CJK.match(text[c1]):
        c1 += 1
    s, e = start - c0, end - c0
    pos = 0
    for token in words(text[c0:c1]):
        t0, t1 = pos, pos + len(token)
        pos = t1
        if t0 <= s and e <= t1 and (t1 - t0) > (e - s):
            return True
    return False


def names_outside(matches: Sequence[Match], names: Iterable[_S]) -> list[_S]:
    """The detected ``names`` that overlap none of the glossary ``matches``.

    The one place the rule "a glossary term beats a detected name" lives: an
    approved rendering is the editors' decision, a reading by rule is only a
    proposal. Used by the build plan (what goes into a sentence's cache key)
    and by enforcement (what gets protected).
    """
    covered = [(m.start, m.end) for m in matches]
    return [n for n in names if not any(n.start < e and s < n.end for s, e in covered)]
