"""Quality checks on one translated segment.

Each check is cheap, independent and records the segment id (``Finding.segment``)
so an editor can jump to it. They catch what MT gets wrong silently: numbers dropped
or changed, Chinese left untranslated, a decoder stuck repeating a phrase,
output far too short or long, URLs and codes rewritten, unbalanced quotes, and
glossary terms that could not be enforced.

Severities: ``critical`` blocks ``--strict`` builds, ``warning`` needs an
editor's look, ``info`` is for the record.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from pipeline.model import Finding, Segment, TermHit

if TYPE_CHECKING:
    from pipeline.glossary.load import Glossary

_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ZH_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|亿|万)?")
_KO_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(억|만)?")
_UNITS = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "만": 10**4, "억": 10**8}
_URL = re.compile(r"(?:https?://|www\.)[^\s，。；、）)\"”'’<>\u3400-\u9fff]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_CODE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z]+[-.]?\d[\w-]*|[A-Z]{2,}(?:-\d+)?)(?![A-Za-z0-9])", re.ASCII)
_LOOP = re.compile(r"(\S.{0,40}?)(?:\s*\1){3,}")
_PAIRS = {")": "(", "]": "[", "}": "{", "》": "《", "〉": "〈", "」": "「", "』": "『", "）": "（", "”": "“", "’": "‘"}

#: Korean/Chinese length ratio (non-space characters) outside which a segment is flagged.
RATIO_WARN = (0.6, 3.0)
RATIO_CRITICAL = (0.25, 6.0)
#: Chinese sources shorter than this are not ratio-checked (headlines, names).
RATIO_MIN_ZH = 8


def check_segment(seg: Segment, glossary: Glossary | None = None) -> list[Finding]:
    """Every finding for ``seg`` (it is not modified). With ``glossary``, also
    re-checks forbidden renderings (e.g. after post-editing)."""
    if not seg.zh.strip():
        return []
    findings: list[Finding] = []
    for check in (_numbers, _hanzi_left, _repetition, _length_ratio, _preserved, _brackets, _terms):
        findings.extend(check(seg))
    if glossary is not None:
        findings.extend(_forbidden(seg, glossary))
    return findings


def human_terms(zh: str, ko: str, glossary: Glossary | None) -> list[TermHit]:
    """The approved glossary terms of ``zh``, each ``kept`` when its approved
    Korean is in the human text ``ko`` and ``violated`` when an editor dropped it.

    Human text is never rewritten (no placeholder, no repair): these hits only
    feed the same checks as machine output (:func:`check_segment`)."""
    if glossary is None:
        return []
    return [TermHit(zh=zh[m.start:m.end], ko=m.entry.ko, start=m.start, end=m.end, entry_id=m.entry.id,
                    status="kept" if m.entry.ko in ko else "violated", strategy="human", kind=m.entry.kind)
            for m in glossary.find(zh)]


def check_human(seg: Segment, glossary: Glossary | None = None) -> list[Finding]:
    """Check an editor's text with the build's own checks: sets ``seg.terms``
    from the glossary, then runs :func:`check_segment` (a dropped approved term,
    a forbidden rendering such as 시진핑, a lost number, Hanzi left …)."""
    seg.terms = human_terms(seg.zh, seg.ko, glossary)
    return check_segment(seg, glossary)


def _finding(seg: Segment, check: str, severity: str, message: str) -> Finding:
    return Finding(check, severity, message, segment=seg.id)


# --------------------------------------------------------------------------- numbers


def _values(text: str, pattern: re.Pattern) -> tuple[set[Decimal], set[Decimal]]:
    """(plain values, values with 万/亿 or 만/억 applied and 억+만+rest combined)."""
    plain, scaled = set(), set()
    groups: list[tuple[int, int, Decimal, int]] = []
    for m in pattern.finditer(text):
        try:
            value = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            continue
        unit = _UNITS.get(m.group(2) or "", 1)
        plain.add(value)
        scaled.add(value * unit)
        groups.append((m.start(), m.end(), value, unit))
    # 117억 4000만 / 2만 3290 → one number
    i = 0
    while i < len(groups):
        total, unit, end, j = groups[i][2] * groups[i][3], groups[i][3], groups[i][1], i + 1
        while j < len(groups) and groups[j][3] < unit and text[end:groups[j][0]].strip() == "":
            total += groups[j][2] * groups[j][3]
            unit, end, j = groups[j][3], groups[j][1], j + 1
        scaled.add(total)
        i = j
    return plain, scaled


def _without_codes(text: str) -> str:
    """Numbers inside URLs, e-mails and codes are the 'preserved' check's business."""
    for pattern in (_URL, _EMAIL, _CODE):
        text = pattern.sub(" ", text)
    return text


def _numbers(seg: Segment) -> list[Finding]:
    zh, ko = _without_codes(seg.zh), _without_codes(seg.ko)
    ko_plain, ko_scaled = _values(ko, _KO_NUMBER)
    ko_all = ko_plain | ko_scaled
    missing = []
    for m in _ZH_NUMBER.finditer(zh):
        value = Decimal(m.group(1).replace(",", ""))
        scaled = value * _UNITS.get(m.group(2) or "", 1)
        if value not in ko_all and scaled not in ko_all:
            missing.append(m.group(0).strip())
    if not missing:
        return []
    return [_finding(seg, "numbers", "warning",
                    f"number{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(missing)} of the Chinese not found in the Korean")]


# --------------------------------------------------------------------------- other checks


def _hanzi_left(seg: Segment) -> list[Finding]:
    left = _HANZI.findall(seg.ko)
    if not left:
        return []
    chars = "".join(dict.fromkeys(left))
    return [_finding(seg, "hanzi-left", "warning",
                    f"Chinese characters left in the Korean: {chars}")]


def _repetition(seg: Segment) -> list[Finding]:
    for m in _LOOP.finditer(seg.ko):
        unit = m.group(1)
        if re.search(r"[^\W\d_]", unit) and len(m.group(0)) >= 8:
            return [_finding(seg, "repetition", "critical" if len(m.group(0)) > len(seg.ko) / 2 else "warning",
                            f"'{unit.strip()}' repeated in a loop "
                            f"({len(m.group(0))} characters)")]
    return []


def _length_ratio(seg: Segment) -> list[Finding]:
    zh = len(re.sub(r"\s", "", _without_codes(seg.zh)))
    ko = len(re.sub(r"\s", "", _without_codes(seg.ko)))
    if zh < RATIO_MIN_ZH:
        return []
    ratio = ko / zh
    for severity, (lo, hi) in (("critical", RATIO_CRITICAL), ("warning", RATIO_WARN)):
        if not lo <= ratio <= hi:
            return [_finding(seg, "length-ratio", severity,
                            f"Korean/Chinese length ratio {ratio:.2f} outside "
                            f"{lo}–{hi} ({ko} vs {zh} characters)")]
    return []


def _preserved(seg: Segment) -> list[Finding]:
    wanted = []
    for pattern in (_URL, _EMAIL):
        wanted += [m.group(0).rstrip(".,") for m in pattern.finditer(seg.zh)]
    spans_taken = " ".join(wanted)
    wanted += [m.group(0) for m in _CODE.finditer(seg.zh) if m.group(0) not in spans_taken]
    missing = [w for w in dict.fromkeys(wanted) if w not in seg.ko]
    if not missing:
        return []
    return [_finding(seg, "preserved", "warning",
                    f"not preserved verbatim in the Korean: {', '.join(missing)}")]


def _brackets(seg: Segment) -> list[Finding]:
    stack: list[str] = []
    openers = set(_PAIRS.values())
    problem = ""
    for ch in seg.ko:
        if ch in openers:
            stack.append(ch)
        elif ch in _PAIRS:
            if not stack or stack[-1] != _PAIRS[ch]:
                problem = f"'{ch}' without its opening '{_PAIRS[ch]}'"
                break
            stack.pop()
    if not problem and stack:
        problem = f"'{stack[-1]}' never closed"
    if not problem and seg.ko.count('"') % 2:
        problem = "odd number of '\"'"
    if not problem:
        return []
    return [_finding(seg, "brackets", "warning", f"unbalanced brackets or quotes: {problem}")]


def _terms(seg: Segment) -> list[Finding]:
    out = []
    for t in seg.terms:
        if t.strategy == "forbidden":
            out.append(_finding(seg, "forbidden", "critical",
                               f"forbidden rendering {t.ko} ({t.entry_id}) in the Korean "
                               f"and no approved rendering of {t.zh} to replace it"))
        elif t.status == "violated":
            out.append(_finding(seg, "term-violated", "critical",
                               f"glossary term {t.zh} → {t.ko} ({t.entry_id}) is missing "
                               "from the Korean"))
        elif t.status == "inserted":
            out.append(_finding(seg, "term-inserted", "warning",
                               f"glossary term {t.zh} → {t.ko} ({t.entry_id}) was lost by "
                               "the model and inserted by position; check the sentence"))
    return out


def _forbidden(seg: Segment, glossary: Glossary) -> list[Finding]:
    return [_finding(seg, "forbidden", "critical",
                    f"forbidden rendering {f.ko} ({f.id}) in the Korean")
            for f in glossary.forbidden if f.ko in seg.ko]


# --------------------------------------------------------------------------- stray characters

#: Characters a Korean newspaper prints: Hangul, Hanja (flagged by hanzi-left),
#: Latin, digits, and the usual punctuation and symbols. Models (through
#: SentencePiece byte fallback) can emit anything else — combining marks of other
#: scripts, private-use code points, U+FFFD — which no print font covers.
_PRINTABLE = re.compile(
    "[^"
    "\u0009\u000a\u0020-\u007e"  # ASCII
    "\u00a0-\u00ff"  # Latin-1 (·, ×, °)
    "\u0100-\u024f"  # Latin extended
    "\u0391-\u03c9"  # Greek letters (α, β in science copy)
    "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff\uac00-\ud7a3"  # Hangul
    "\u2010-\u2027\u2030-\u205e"  # general punctuation (no bidi controls)
    "\u2070-\u209f\u20a0-\u20cf"  # super/subscripts, currency
    "\u2100-\u218f\u2190-\u21ff\u2200-\u22ff\u2460-\u24ff\u25a0-\u25ff\u2600-\u26ff"
    "\u3000-\u303f\u3200-\u32ff\u3300-\u33ff"  # CJK punctuation, enclosed, units
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Hanzi / Hanja
    "\uff01-\uffef"  # full-width forms
    "]"
)


def clean_korean(seg: Segment) -> list[Finding]:
    """Remove characters no Korean print edition can show from ``seg.ko``.

    Run before post-editing and rendering, so a model's stray output cannot fail
    the PDF (a missing glyph is an error there) or reach readers unseen; the
    removal is reported as a warning with the code points.
    """
    stray = sorted(set(_PRINTABLE.findall(seg.ko)))
    if not stray:
        return []
    seg.ko = re.sub(r"[ ]{2,}", " ", _PRINTABLE.sub("", seg.ko)).strip()
    shown = ", ".join(f"U+{ord(c):04X}" for c in stray[:8]) + (" …" if len(stray) > 8 else "")
    return [_finding(seg, "stray-characters", "warning",
                    f"removed {len(stray)} character(s) no Korean edition prints ({shown})")]
