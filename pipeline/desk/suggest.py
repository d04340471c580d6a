"""Memory suggestions: the closest approved sentences for a new one.

WHY character level: Chinese has no spaces, so token-based scores see a whole
sentence as one token and score 0 or 100 (as OmegaT users found). rapidfuzz's
``fuzz.ratio`` is the normalized Indel similarity over characters,
``2·LCS / (len(a) + len(b))``, computed in C++.

WHY filters before scoring: with 100,000 entries even C++ scoring of every
entry costs tens of milliseconds. Two bounds rule entries out without losing
any match (exact, not a heuristic: the same results as a full scan,
``bench/desk.py`` checks it):

* length: the LCS is at most the shorter length, so only entries of length
  ``n·t/(200−t) … n·(200−t)/t`` can reach ``t`` %;
* shared characters: the LCS is at most the number of characters the two
  strings share (counted with multiplicity), so an entry needs
  ``200·shared/(n+m) >= t``. The shared counts of every entry come from a
  character → entries inverted index in numpy (one vectorized add per
  distinct character of the sentence).

Only the survivors (typically a few percent) are scored by rapidfuzz.

An entry with the same normalized Chinese *and* the same sentence before it
(where it was approved, :attr:`MemoryEntry.context`) is an **in-context exact
match** and scores 101, above every plain exact match (100), as CAT tools
(Trados's "context match", memoQ's 101 %) rank them: the same sentence in the
same place is the likeliest to want the same translation.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from typing import Any

from pipeline.desk.store import START, MemoryEntry, normalize_key

#: Default minimum score, as translate-toolkit's pretranslate (Trados: 70).
THRESHOLD = 75.0
LIMIT = 3
#: The score of an in-context exact match.
IN_CONTEXT = 101.0


@dataclass
class Suggestion:
    score: float
    entry: MemoryEntry
    #: the memory entry's Chinese against the new one, see :func:`source_diff`
    source_diff: list[tuple[str, str]] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """``in-context`` (101), ``exact`` (100) or ``fuzzy``."""
        return "in-context" if self.score > 100 else "exact" if self.score >= 100 else "fuzzy"

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 1), "kind": self.kind, "zh": self.entry.zh, "ko": self.entry.ko,
                "editor": self.entry.editor, "updated": self.entry.updated, "seg_id": self.entry.seg_id,
                "diff": [[t, k] for t, k in self.source_diff]}


def length_window(n: int, threshold: float) -> tuple[int, int]:
    """Lengths ``m`` for which ``fuzz.ratio`` of an ``n``- and an ``m``-character
    string can reach ``threshold``: ``200·min(n, m)/(n + m) >= threshold``."""
    if threshold <= 0:
        return 0, 1 << 30
    t = min(threshold, 100.0)
    return math.ceil(n * t / (200 - t) - 1e-9), math.floor(n * (200 - t) / t + 1e-9)


class Suggester:
    """An in-memory index of the human memory: sorted by key length, with a
    character → (entry, count) inverted index."""

    def __init__(self, entries: list[MemoryEntry]):
        import numpy as np

        self.entries = sorted(entries, key=lambda e: (len(e.zh_key), e.zh_key))
        self.keys = [e.zh_key for e in self.entries]
        self.lengths = [len(k) for k in self.keys]
        self._lens = np.array(self.lengths, dtype=np.int32)
        # every (entry, character) pair once, with its count, grouped by character
        text = "".join(self.keys)
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) if text else np.zeros(0, np.uint32)
        owner = np.repeat(np.arange(len(self.keys), dtype=np.int64), self._lens)
        pairs = (codes.astype(np.int64) << 32) | owner
        uniq, counts = np.unique(pairs, return_counts=True)
        chars = (uniq >> 32).astype(np.uint32)
        starts = np.flatnonzero(np.r_[True, chars[1:] != chars[:-1]]) if len(chars) else np.zeros(0, np.int64)
        ends = np.r_[starts[1:], len(chars)]
        ids = (uniq & 0xFFFFFFFF).astype(np.int32)
        cnts = counts.astype(np.int32)
        self._post = {chr(int(chars[a])): (ids[a:b], cnts[a:b]) for a, b in zip(starts, ends)}

    def __len__(self) -> int:
        return len(self.entries)

    def suggest(self, zh: str, *, threshold: float = THRESHOLD, limit: int = LIMIT,
                exclude_seg: str | None = None, full_scan: bool = False,
                previous: str | None = None) -> list[Suggestion]:
        """The best ``limit`` entries scoring at least ``threshold`` (best first).

        ``previous``: the Chinese of the sentence before this one (:data:`START`
        for an article's first): an exact match approved after the same
        sentence scores :data:`IN_CONTEXT`. ``full_scan`` scores every entry
        (the benchmark's baseline).
        """
        from rapidfuzz import fuzz, process

        key = normalize_key(zh)
        if not key:
            return []
        if full_scan:
            index = list(range(len(self.keys)))
        else:
            index = self._candidates(key, threshold)
        # one extra, in case the sentence itself is in the memory and excluded
        found = process.extract(key, [self.keys[i] for i in index], scorer=fuzz.ratio,
                                score_cutoff=threshold, limit=limit + 1)
        out = []
        for _, score, idx in found:
            entry = self.entries[index[idx]]
            if exclude_seg and entry.seg_id == exclude_seg:
                continue
            if score >= 100 and previous is not None and entry.context and entry.context == (
                    START if previous == START else normalize_key(previous)):
                score = IN_CONTEXT
            out.append(Suggestion(float(score), entry, source_diff(key, entry.zh_key)))
        out.sort(key=lambda s: (-s.score, s.entry.zh_key))
        return out[:limit]

    def _candidates(self, key: str, threshold: float) -> list[int]:
        """Entries that pass both bounds (see the module docstring), by index."""
        import numpy as np
        from collections import Counter

        n = len(key)
        lo, hi = length_window(n, threshold)
        lo_i, hi_i = bisect.bisect_left(self.lengths, lo), bisect.bisect_right(self.lengths, hi)
        if hi_i <= lo_i:
            return []
        shared = np.zeros(len(self.keys), dtype=np.int32)
        for ch, cq in Counter(key).items():
            post = self._post.get(ch)
            if post is not None:
                ids, cnts = post
                shared[ids] += np.minimum(cnts, cq)  # ids are unique within one character
        window = slice(lo_i, hi_i)
        ok = shared[window] * 200 >= threshold * (n + self._lens[window]) - 1e-6
        return (np.flatnonzero(ok) + lo_i).tolist()


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
