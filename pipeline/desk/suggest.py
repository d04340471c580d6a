"""Memory suggestions: the closest approved sentences for a new one.

WHY character level: Chinese has no spaces, so token-based scores see a whole
sentence as one token and score 0 or 100 (as OmegaT users found). rapidfuzz's
``fuzz.ratio`` is the normalized Indel similarity over characters,
``2·LCS / (len(a) + len(b))``, computed in C++.

WHY a length window: a ratio of at least ``t`` % is impossible when the
lengths differ too much (the LCS is at most the shorter length), so with the
memory sorted by length only the entries of length
``n·t/(200−t) … n·(200−t)/t`` are scored. That is exact, not a heuristic: the
same results as a full scan, on a fraction of it (``bench/desk_memory.py``).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from typing import Any

from pipeline.desk.store import MemoryEntry, normalize_key

#: Default minimum score, as translate-toolkit's pretranslate (Trados: 70).
THRESHOLD = 75.0
LIMIT = 3


@dataclass
class Suggestion:
    score: float
    entry: MemoryEntry
    #: the memory entry's Chinese against the new one, see :func:`source_diff`
    source_diff: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 1), "zh": self.entry.zh, "ko": self.entry.ko,
                "editor": self.entry.editor, "updated": self.entry.updated, "seg_id": self.entry.seg_id,
                "diff": [[t, d] for t, d in self.source_diff]}


def length_window(n: int, threshold: float) -> tuple[int, int]:
    """Lengths ``m`` for which ``fuzz.ratio`` of an ``n``- and an ``m``-character
    string can reach ``threshold``: ``200·min(n, m)/(n + m) >= threshold``."""
    if threshold <= 0:
        return 0, 1 << 30
    t = min(threshold, 100.0)
    return math.ceil(n * t / (200 - t) - 1e-9), math.floor(n * (200 - t) / t + 1e-9)


class Suggester:
    """An in-memory index of the human memory, sorted by key length."""

    def __init__(self, entries: list[MemoryEntry]):
        self.entries = sorted(entries, key=lambda e: (len(e.zh_key), e.zh_key))
        self.keys = [e.zh_key for e in self.entries]
        self.lengths = [len(k) for k in self.keys]

    def __len__(self) -> int:
        return len(self.entries)

    def suggest(self, zh: str, *, threshold: float = THRESHOLD, limit: int = LIMIT,
                exclude_seg: str | None = None, full_scan: bool = False) -> list[Suggestion]:
        """The best ``limit`` entries scoring at least ``threshold`` (best first).

        ``full_scan`` scores every entry (the benchmark's baseline).
        """
        from rapidfuzz import fuzz, process

        key = normalize_key(zh)
        if not key:
            return []
        if full_scan:
            lo_i, hi_i = 0, len(self.keys)
        else:
            lo, hi = length_window(len(key), threshold)
            lo_i, hi_i = bisect.bisect_left(self.lengths, lo), bisect.bisect_right(self.lengths, hi)
        # one extra, in case the sentence itself is in the memory and excluded
        found = process.extract(key, self.keys[lo_i:hi_i], scorer=fuzz.ratio, score_cutoff=threshold,
                                limit=limit + 1)
        out = []
        for _, score, idx in found:
            entry = self.entries[lo_i + idx]
            if exclude_seg and entry.seg_id == exclude_seg:
                continue
            out.append(Suggestion(float(score), entry, source_diff(key, entry.zh_key)))
        out.sort(key=lambda s: (-s.score, s.entry.zh_key))
        return out[:limit]


def source_diff(new: str, old: str) -> list[tuple[str, str]]:
    """The memory's Chinese ``old`` against the new sentence ``new`` as runs
    ``(text, kind)``: ``same``; ``old`` (only in the memory's sentence);
    ``new`` (only in the new sentence). What the editor must look at before
    taking the suggestion."""
    from rapidfuzz.distance import Indel

    runs: list[tuple[str, str]] = []

    def add(text: str, kind: str) -> None:
        if not text:
            return
        if runs and runs[-1][1] == kind:
            runs[-1] = (runs[-1][0] + text, kind)
        else:
            runs.append((text, kind))

    for op in Indel.opcodes(new, old):
        if op.tag == "equal":
            add(old[op.dest_start:op.dest_end], "same")
        else:
            add(old[op.dest_start:op.dest_end], "old")
            add(new[op.src_start:op.src_end], "new")
    return runs
