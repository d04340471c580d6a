"""The glossary's data types: an entry and a match of one in a text.

Their own module so that loading (``load.py``) and matching (``match.py``)
both import them from below instead of from each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("person", "place", "org", "title", "term", "phrase")
STATUSES = ("approved", "proposed", "rejected", "forbidden")
MATCHES = ("substring", "word")
FIELDS = ("zh", "ko", "en", "kind", "status", "note", "source", "variants", "match", "priority")


@dataclass
class Entry:
    """One glossary entry, with where it was written (for messages)."""

    zh: str
    ko: str
    file: str  # the file name, e.g. "people.yaml"
    line: int
    en: str = ""
    kind: str = "term"
    status: str = "approved"
    note: str = ""
    source: str = ""
    variants: list[str] = field(default_factory=list)
    match: str = "substring"
    priority: int = 0
    path: str = ""  # the path as given to load_glossary, for lint messages

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def key(self) -> str:
        return f"{self.file}#{self.zh}"

    @property
    def where(self) -> str:
        return f"{self.path or self.file}:{self.line}"

    @property
    def forms(self) -> list[str]:
        """Every Chinese spelling that matches this entry."""
        return [self.zh, *[v for v in self.variants if v != self.zh]]

    def canonical(self) -> dict[str, Any]:
        return {
            "zh": self.zh, "ko": self.ko, "en": self.en, "kind": self.kind,
            "status": self.status, "variants": sorted(self.variants),
            "match": self.match, "priority": self.priority,
        }


@dataclass
class Match:
    """One occurrence of an approved entry in a text (``text[start:end]``)."""

    start: int
    end: int
    entry: Entry
