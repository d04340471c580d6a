"""Glossary enforcement: protect → translate → restore → verify → repair.

The newsroom's promise is that every approved term of the source appears,
exactly as approved, in the aligned Korean, whatever the model does. Models
never saw our placeholders, so they sometimes drop, duplicate or mangle them
(random-weight test models mangle all of them). Each term therefore ends in
one of these states (``TermHit.status`` / ``strategy``):

- ``kept`` / ``placeholder``: the placeholder came back exactly once.
- ``repaired`` / ``split``: it did not; the unit is cut at the lost terms, the
  pieces around them are translated as separate clauses (second batched call)
  and joined with the approved Korean between them. The term is now present by
  construction.
- ``inserted`` / ``insert``: a term protected inside a piece was lost again in
  the repair call; it is put where its placeholder was expected, at the
  proportional position (snapped to a space). QA flags it for an editor.
- ``violated``: only if even that failed; never expected.

Detected names (``names``) go through the same steps; on success their status
is ``proposed`` (read by rule, not approved by an editor). An instruction model
(``translate_prompted``) is first *told* the unit's approved terms and, listed
apart, its detected names (typed :class:`~pipeline.translate.base.PromptItem`);
what it wrote itself gets strategy ``prompt`` (or ``reprompt`` after the one
stressed re-prompt), the rest goes the placeholder way above.

Forbidden renderings (``status: forbidden``) never survive silently: each is
replaced by the approved rendering of the same Chinese, or, when there is none,
recorded as a ``violated`` TermHit with strategy ``forbidden`` that QA reports
as critical. Finally particles glued to restored terms are made to agree
(particles.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence, Union

from pipeline.errors import ModelError
from pipeline.glossary.entry import Match
from pipeline.glossary.load import Glossary
from pipeline.glossary.match import names_outside
from pipeline.glossary.particles import fix_particles, term_spans
from pipeline.glossary.protect import (
    PLACEHOLDER_RE,
    Slot,
    protect,
    remove_placeholders,
    restore_counts,
)
from pipeline.model import Finding, Segment, TermHit

if TYPE_CHECKING:
    from pipeline.translate.base import PromptTerm, Translator

#: Chinese punctuation in a piece that needs no translation, in Korean form.
_PUNCT = str.maketrans({"，": ",", "、": ",", "。": ".", "；": ";", "：": ":",
                        "！": "!", "？": "?", "（": "(", "）": ")"})
_ONLY_PUNCT = re.compile(r"^[\s\W_]*$")


@dataclass
class _Unit:
    """One decoder input: a whole segment or one of its chunks."""

    seg: Segment
    src: str
    offset: int  # where src starts in seg.zh
    protected: str
    slots: list[Slot]
    raw: str = ""
    ko: str = ""
    outcome: dict[int, tuple[str, str]] = field(default_factory=dict)  # n -> (status, strategy)
    pieces: list[_Piece] = field(default_factory=list)


def translate_segments(
    segments: Sequence[Segment],
    translator: Translator,
    glossary: Glossary,
    *,
    names: Mapping[str, Iterable[Any]] | Sequence[Iterable[Any]] | None = None,
    matches: Mapping[str, Sequence[Match]] | None = None,
) -> None:
    """Translate ``segments`` in place, enforcing ``glossary``.

    Fills ``ko_raw`` (engine output, chunks joined), ``ko`` and ``terms``; adds
    an info ``forbidden`` finding per replaced forbidden rendering. One batched
    ``translator.translate`` call for all units, one more for all repairs. ``names`` maps segment id → spans (or is a
    list parallel to ``segments``); a span is ``(start, end, zh, ko, kind)`` or
    an object with those attributes, offsets in ``seg.zh``. ``matches`` maps
    segment id → ``glossary.find(seg.zh)`` already computed (the build matches
    each distinct sentence once, for its plan); segments not in it are matched
    here.
    """
    names_of = _names_lookup(segments, names)
    found = matches or {}

    def matches_of(seg: Segment) -> Sequence[Match]:
        got = found.get(seg.id)
        return glossary.find(seg.zh) if got is None else got

    units = [u for i, seg in enumerate(segments) for u in _units(seg, matches_of(seg), names_of(i, seg))]
    # a unit that is only terms and punctuation (a headline name) needs no MT
    needs = [not _ONLY_PUNCT.match(PLACEHOLDER_RE.sub("", u.protected)) for u in units]
    if hasattr(translator, "translate_prompted"):
        # an instruction model is *told* the terms; units it failed go on below
        needs = _prompted(units, needs, translator)
    outputs = _call(translator, [u.protected if n else "" for u, n in zip(units, needs)])
    for unit, out, n in zip(units, outputs, needs):
        if n or not unit.ko:
            _first_pass(unit, out if n else unit.protected.translate(_PUNCT))
    _repair(units, translator)
    by_seg: dict[int, list[_Unit]] = {}
    for u in units:
        by_seg.setdefault(id(u.seg), []).append(u)
    for seg in segments:
        _finish(seg, by_seg.get(id(seg), []), glossary)


# --------------------------------------------------------------------------- prompted terms


def _terms(unit: _Unit) -> tuple[PromptTerm, ...]:
    """What the unit's prompt lists: its approved terms and its detected names
    (the slots: a name under a glossary match was already dropped by
    ``names_outside``), each once, in source order."""
    from pipeline.translate.base import PromptTerm

    seen: dict[PromptTerm, None] = {}
    for s in unit.slots:
        if not s.literal:
            seen[PromptTerm(s.zh, s.ko, s.kind, s.is_name)] = None
    return tuple(seen)


def _obeyed(unit: _Unit, out: str) -> bool:
    """Every approved Korean of the unit occurs at least as often as it is needed."""
    need: dict[str, int] = {}
    for s in unit.slots:
        if not s.literal:
            need[s.ko] = need.get(s.ko, 0) + 1
    return bool(out.strip()) and all(out.count(ko) >= n for ko, n in need.items())


def _prompted(units: list[_Unit], needs: list[bool], translator: Any) -> list[bool]:
    """Prompt with the unit's Chinese and its terms; re-prompt once with the
    terms stressed where the output lacks one. Units that obeyed are done
    (terms ``kept`` with strategy ``prompt`` or ``reprompt``); the returned
    flags say which units still need the placeholder path."""
    from pipeline.translate.base import PromptItem

    todo = [i for i, n in enumerate(needs) if n]
    for strategy, stress in (("prompt", False), ("reprompt", True)):
        if not todo:
            break
        items = [PromptItem(units[i].src, _terms(units[i]), stress) for i in todo]
        outputs = translator.translate_prompted(items)
        if len(outputs) != len(items):
            raise ModelError(f"translator returned {len(outputs)} outputs for {len(items)} prompts")
        left = []
        for i, out in zip(todo, outputs):
            u = units[i]
            if _obeyed(u, out):
                u.raw, u.ko = out, _tidy(out)
                for s in u.slots:
                    if not s.literal:
                        u.outcome[s.n] = ("kept", strategy)
            elif _terms(u):
                left.append(i)
            # a unit without terms that came back empty is retried too
            elif not out.strip():
                left.append(i)
            else:
                u.raw, u.ko = out, _tidy(out)
        todo = left
    flags = [False] * len(units)
    for i in todo:
        flags[i] = True
    return flags


# --------------------------------------------------------------------------- units


def _names_lookup(segments, names):
    if names is None:
        return lambda i, seg: []
    if isinstance(names, Mapping):
        return lambda i, seg: list(names.get(seg.id, ()))
    names = list(names)
    if len(names) != len(segments):
        raise ValueError(f"names has {len(names)} items for {len(segments)} segments")
    return lambda i, seg: list(names[i] or ())


@dataclass
class _Name:
    start: int
    end: int
    zh: str
    ko: str
    kind: str


#: What gets protected in a unit: a glossary match or a detected name.
_Span = Union[Match, _Name]


def _as_name(span: Any) -> _Name:
    if isinstance(span, (tuple, list)):
        return _Name(*span[:5])
    # NameSpan from korean.names has no ``ko``: such spans are skipped later
    return _Name(span.start, span.end, span.zh, getattr(span, "ko", ""), getattr(span, "kind", "person"))


def _unit_bounds(seg: Segment, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each decoder unit in seg.zh: the chunks, except that a
    term straddling a chunk boundary merges the two chunks (a term cut in half
    could not be protected)."""
    if not seg.chunks:
        return [(0, len(seg.zh))]
    cuts, cursor = [], 0
    for chunk in seg.chunks[:-1]:
        pos = seg.zh.find(chunk, cursor)
        cursor = (pos if pos >= 0 else cursor) + len(chunk)
        if not any(s < cursor < e for s, e in spans):
            cuts.append(cursor)
    edges = [0, *cuts, len(seg.zh)]
    return [(a, b) for a, b in zip(edges, edges[1:]) if b > a]


def _units(seg: Segment, matches: Sequence[Match], names: list[Any]) -> list[_Unit]:
    spans: list[_Span] = list(matches)
    valid = [n for n in (_as_name(x) for x in names)
             if seg.zh[n.start:n.end] == n.zh and n.ko and n.end > n.start]  # not stale, not empty
    taken = [(m.start, m.end) for m in matches]
    for n in names_outside(matches, valid):
        if any(n.start < te and ts < n.end for ts, te in taken[len(matches):]):
            continue  # two detected names overlapping: the first one wins
        taken.append((n.start, n.end))
        spans.append(n)
    units = []
    for a, b in _unit_bounds(seg, taken):
        inside = [_shift(m, -a) for m in spans if a <= m.start and m.end <= b]
        protected, slots = protect(seg.zh[a:b], inside)
        units.append(_Unit(seg, seg.zh[a:b], a, protected, slots))
    return units


def _shift(m: _Span, by: int) -> _Span:
    if isinstance(m, Match):
        return Match(m.start + by, m.end + by, m.entry)
    return _Name(m.start + by, m.end + by, m.zh, m.ko, m.kind)


def _call(translator: Translator, texts: list[str]) -> list[str]:
    """One batched call; empty texts are not sent."""
    wanted = [i for i, t in enumerate(texts) if t.strip()]
    out = [""] * len(texts)
    if not wanted:
        return out
    results = translator.translate([texts[i] for i in wanted])
    if len(results) != len(wanted):
        raise ModelError(f"translator returned {len(results)} outputs for {len(wanted)} inputs")
    for i, r in zip(wanted, results):
        out[i] = r
    return out


# --------------------------------------------------------------------------- restore and repair


def _space_adjacent(text: str) -> str:
    """``Z1XZ2X`` → ``Z1X Z2X``: two terms side by side are two Korean words
    (주당위 서기 전금진), so they are spaced once restored."""
    return re.sub(rf"({PLACEHOLDER_RE.pattern})(?={PLACEHOLDER_RE.pattern})", r"\1 ", text)


def _first_pass(unit: _Unit, out: str) -> None:
    unit.raw = out
    text, counts = restore_counts(_space_adjacent(out), unit.slots)
    failed = [s for s in unit.slots if not s.literal and counts.get(s.n, 0) != 1]
    for s in unit.slots:
        if s not in failed:
            unit.outcome[s.n] = ("kept", "placeholder")
    if failed:
        unit.pieces = _split(unit.protected, unit.slots, failed)
    else:
        unit.ko = _tidy(text)


@dataclass
class _Piece:
    text: str  # protected text of the piece, or "" for a term
    slots: list[Slot]
    term: Slot | None = None
    ko: str = ""


def _split(protected: str, slots: list[Slot], failed: list[Slot]) -> list[_Piece]:
    """Cut the protected text at the failed placeholders: text, term, text, …"""
    pieces, pos = [], 0
    for s in sorted(failed, key=lambda s: protected.find(s.token)):
        at = protected.find(s.token, pos)
        pieces.append(_text_piece(protected[pos:at], slots))
        pieces.append(_Piece("", [], term=s))
        pos = at + len(s.token)
    pieces.append(_text_piece(protected[pos:], slots))
    return pieces


def _text_piece(text: str, slots: list[Slot]) -> _Piece:
    inside = [s for s in slots if s.token in {m.group(0) for m in PLACEHOLDER_RE.finditer(text)}]
    return _Piece(text, inside)


def _needs_mt(piece: _Piece) -> bool:
    if piece.term is not None or not piece.text.strip():
        return False
    return not _ONLY_PUNCT.match(PLACEHOLDER_RE.sub("", piece.text))


def _repair(units: list[_Unit], translator: Translator) -> None:
    jobs = [p for u in units for p in u.pieces if _needs_mt(p)]
    outputs = _call(translator, [p.text for p in jobs])
    for piece, out in zip(jobs, outputs):
        piece.ko = out
    for unit in units:
        if unit.pieces:
            _assemble(unit)


def _assemble(unit: _Unit) -> None:
    parts = []
    for piece in unit.pieces:
        if piece.term is not None:
            parts.append(piece.term.ko)
            unit.outcome[piece.term.n] = ("repaired", "split")
        elif _needs_mt(piece):
            parts.append(_restore_piece(unit, piece))
        else:  # punctuation (and maybe placeholders): no MT needed
            text, _ = restore_counts(_space_adjacent(piece.text.translate(_PUNCT)), piece.slots)
            parts.append(text.strip())
    unit.ko = _tidy(" ".join(p for p in parts if p))


def _restore_piece(unit: _Unit, piece: _Piece) -> str:
    text, counts = restore_counts(_space_adjacent(piece.ko), piece.slots)
    lost = [s for s in piece.slots if not s.literal and counts.get(s.n, 0) != 1]
    if not lost:
        return text
    text = remove_placeholders(piece.ko, lost)
    text, _ = restore_counts(text, [s for s in piece.slots if s not in lost])
    terms = [s.ko for s in piece.slots]
    for s in sorted(lost, key=lambda s: piece.text.find(s.token), reverse=True):
        share = piece.text.find(s.token) / max(1, len(piece.text))
        text = insert_at(text, s.ko, share, avoid=terms)
        unit.outcome[s.n] = ("inserted", "insert")
    return text


def insert_at(text: str, term: str, share: float, avoid: Iterable[str] = ()) -> str:
    """Insert ``term`` at about ``share`` of ``text``, at the nearest space that
    is not inside one of the ``avoid`` terms already placed (many contain spaces)."""
    if not text:
        return term
    target = round(share * len(text))
    inside = bytearray(len(text) + 1)
    for a, b in term_spans(text, list(avoid)):
        inside[a + 1:b] = b"\x01" * (b - a - 1)
    cuts = [0, len(text)] + [i for i, c in enumerate(text) if c == " " and not inside[i]]
    cut = min(cuts, key=lambda i: (abs(i - target), i))
    return _tidy(f"{text[:cut]} {term} {text[cut:]}")


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" ([,.;:!?)”’])", r"\1", text)


# --------------------------------------------------------------------------- per segment


def _finish(seg: Segment, units: list[_Unit], glossary: Glossary) -> None:
    seg.findings = [f for f in seg.findings if f.check != "forbidden"]  # re-runs don't pile up
    seg.ko_raw = " ".join(u.raw for u in units if u.raw)
    ko = " ".join(u.ko for u in units if u.ko)
    hits = [_hit(u, s) for u in units for s in u.slots if not s.literal]
    hits.sort(key=lambda h: h.start)
    ko, forbidden = _fix_forbidden(seg, ko, glossary)
    ko = fix_particles(ko, term_spans(ko, [h.ko for h in hits]))
    ko = _verify(ko, hits, len(seg.zh))
    seg.ko = ko
    seg.terms = hits + forbidden


def _hit(unit: _Unit, slot: Slot) -> TermHit:
    status, strategy = unit.outcome.get(slot.n, ("violated", ""))
    if slot.is_name and status in ("kept", "repaired"):
        status = "proposed"
    return TermHit(zh=slot.zh, ko=slot.ko, start=unit.offset + slot.start,
                   end=unit.offset + slot.end, entry_id=slot.entry_id,
                   status=status, strategy=strategy, kind=slot.kind)


def _fix_forbidden(seg: Segment, ko: str, glossary: Glossary) -> tuple[str, list[TermHit]]:
    """Replace forbidden renderings by the approved one of the same Chinese.

    A replacement is recorded as an ``info`` finding. A forbidden rendering with
    no approved alternative becomes a ``violated`` TermHit (strategy
    ``forbidden``): terms are cached and survive the build's QA pass, which
    turns it into a critical ``forbidden`` finding. Its span is the Chinese in
    the source when present, else the empty span (0, 0).
    """
    bad: list[TermHit] = []
    for f in sorted(glossary.forbidden, key=lambda e: len(e.ko), reverse=True):
        if f.ko not in ko:
            continue
        approved = glossary.approved_for(f.zh)
        if approved is not None:
            ko = ko.replace(f.ko, approved.ko)
            seg.findings.append(Finding("forbidden", "info",
                f"forbidden rendering {f.ko} ({f.id}) replaced by {approved.ko}", segment=seg.id))
        else:
            at = seg.zh.find(f.zh)
            start, end = (at, at + len(f.zh)) if at >= 0 else (0, 0)
            bad.append(TermHit(zh=f.zh, ko=f.ko, start=start, end=end, entry_id=f.id,
                               status="violated", strategy="forbidden", kind=f.kind))
    return ko, bad


def _verify(ko: str, hits: list[TermHit], zh_len: int) -> str:
    """Last line of defence: every hit's Korean must occur as often as it is hit."""
    need: dict[str, list[TermHit]] = {}
    for h in hits:
        need.setdefault(h.ko, []).append(h)
    for term, hs in need.items():
        missing = len(hs) - ko.count(term)
        for h in hs[len(hs) - missing:] if missing > 0 else []:
            ko = insert_at(ko, term, h.start / max(1, zh_len), avoid=need)
            h.status, h.strategy = ("inserted", "insert") if term in ko else ("violated", "")
    return ko
