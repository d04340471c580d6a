"""Placeholders: hide glossary terms from the MT engine, put them back after.

Scheme: the k-th protected span becomes ``Z<k>X`` (``Z1X``, ``Z2X`` …).

WHY this shape and not ``__TERM_1__``:
- Argos's detokenizer turns every ``_`` into a space, so underscores die.
- Digits are the tokens MT models copy most reliably (numbers must survive
  translation), and a capital Latin letter on each side keeps the token one
  "foreign code" (like ``COVID-19``) that both legs of a zh→en→ko pivot pass
  through untranslated instead of reading it as a quantity ("1 X").
- ``ZnX`` is vanishingly rare in Chinese news, has no meaning in English or
  Korean, and contains nothing SentencePiece normalizes away.
- Restore is tolerant: case, full-width forms and a space inside the token
  (``z 1 x``, ``Ｚ１Ｘ``) still count, because detokenizers insert spaces.
  Anything worse counts as lost and goes to repair (see enforce.py).

Text that already contains something placeholder-shaped is protected as an
identity slot (it restores to itself), so ``restore(*protect(x))`` gives back
``x`` for every ``x`` when terms restore to themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

PLACEHOLDER_RE = re.compile(r"[ZzＺｚ]\s?([0-9０-９]{1,4})\s?[XxＸｘ]")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass
class Slot:
    """One protected span of the source text and what it must become."""

    n: int
    zh: str
    ko: str
    start: int  # offset in the unprotected source text
    end: int
    entry_id: str = ""
    kind: str = "term"
    is_name: bool = False
    literal: bool = False  # placeholder-shaped text of the source itself

    @property
    def token(self) -> str:
        return f"Z{self.n}X"


def placeholder(n: int) -> str:
    return f"Z{n}X"


def _as_span(m: Any) -> tuple[int, int, str, str, str, bool]:
    """(start, end, ko, entry_id, kind, is_name) from a glossary Match or a name span."""
    entry = getattr(m, "entry", None)
    if entry is not None:
        return m.start, m.end, entry.ko, entry.id, entry.kind, False
    return m.start, m.end, m.ko, getattr(m, "entry_id", "") or f"reading:{m.zh}", m.kind, True


def protect(text: str, matches: Iterable[Any]) -> tuple[str, list[Slot]]:
    """Replace each match with ``Z<n>X``; returns the protected text and its slots.

    ``matches`` are glossary ``Match`` objects (``start``, ``end``, ``entry``) or
    name spans (``start``, ``end``, ``zh``, ``ko``, ``kind``); they must not overlap.
    """
    spans = sorted((_as_span(m) for m in matches), key=lambda s: s[0])
    taken = [(s[0], s[1]) for s in spans]
    for lit in PLACEHOLDER_RE.finditer(text):
        if not any(lit.start() < e and s < lit.end() for s, e in taken):
            spans.append((lit.start(), lit.end(), lit.group(0), "", "literal", False))
    spans.sort(key=lambda s: s[0])
    out, slots, pos = [], [], 0
    for n, (start, end, ko, entry_id, kind, is_name) in enumerate(spans, 1):
        literal = kind == "literal" and not entry_id
        zh = text[start:end]
        slots.append(Slot(n, zh, zh if literal else ko, start, end, entry_id,
                          "term" if literal else kind, is_name, literal))
        out.append(text[pos:start])
        out.append(placeholder(n))
        pos = end
    out.append(text[pos:])
    return "".join(out), slots


def restore_counts(text: str, slots: list[Slot]) -> tuple[str, dict[int, int]]:
    """Put each slot's Korean back; also count how often each placeholder appeared."""
    by_n = {s.n: s for s in slots}
    counts: dict[int, int] = {}

    def sub(m: re.Match) -> str:
        n = int(m.group(1).translate(_FULLWIDTH_DIGITS))
        slot = by_n.get(n)
        if slot is None:
            return m.group(0)
        counts[n] = counts.get(n, 0) + 1
        return slot.ko

    return PLACEHOLDER_RE.sub(sub, text), counts


def restore(text: str, slots: list[Slot]) -> str:
    """Replace every placeholder of ``slots`` in ``text`` with its Korean."""
    return restore_counts(text, slots)[0]


def remove_placeholders(text: str, slots: list[Slot]) -> str:
    """Drop placeholders of ``slots`` (used before inserting their terms by hand)."""
    numbers = {s.n for s in slots}

    def sub(m: re.Match) -> str:
        return "" if int(m.group(1).translate(_FULLWIDTH_DIGITS)) in numbers else m.group(0)

    return re.sub(r"\s{2,}", " ", PLACEHOLDER_RE.sub(sub, text)).strip()
