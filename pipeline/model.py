"""The small data model every stage passes along.

An :class:`Article` is made by ingest (as a :class:`RawArticle`), normalized,
then segmented into paragraphs of :class:`Segment` objects whose ids never change
after segmentation. Later stages only fill fields in (``ko``, ``terms``,
``findings``, ``changes``); they never add, drop or reorder segments, which is
what keeps the Chinese and Korean columns aligned.

Everything here is plain data with ``to_dict``/``from_dict`` so the JSON output
and the translation cache can round-trip it without pickling.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

#: Term enforcement outcomes, from best to worst. ``violated`` never ships
#: without a flag; ``proposed`` marks names read by rule, not from the glossary.
TERM_STATUSES = ("kept", "repaired", "inserted", "violated", "proposed")

#: QA finding severities, in increasing order.
SEVERITIES = ("info", "warning", "critical")

#: Where a segment's Korean stands (the desk's states; see pipeline/desk/store.py):
#: ``machine`` engine output; ``human`` an approved human translation of the same
#: Chinese taken from the memory (another article), not yet confirmed here;
#: ``edited`` / ``approved`` an editor's text for this segment.
SEGMENT_STATES = ("machine", "human", "edited", "approved")
#: Where the text came from: the engine, an exact memory match, an editor
#: (typing, or taking a fuzzy memory suggestion), or an XLIFF import.
ORIGINS = ("machine", "human-exact", "editor", "memory-suggestion", "xliff")


@dataclass
class RawArticle:
    """What ingest read from one file, before normalization and segmentation.

    ``paragraphs`` are the body paragraphs as text, boilerplate already dropped.
    ``line_of`` maps a paragraph index to its 1-based line in the source file so
    errors can point at the file and line.
    """

    path: str
    format: str  # "txt" | "md" | "html"
    title: str
    paragraphs: list[str]
    date: str | None = None  # ISO date, "2021-01-21"
    time: str | None = None  # "07:06"
    source: str | None = None  # 来源
    author: str | None = None
    url: str | None = None
    opencc_config: str = "t2s"
    line_of: list[int] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # boilerplate lines removed
    #: Things the reader refused but that do not fail the article (e.g. a
    #: ``javascript:`` source link dropped), each naming the file and line.
    warnings: list[str] = field(default_factory=list)


@dataclass
class TermHit:
    """One occurrence of a glossary term (or a detected name) in a segment."""

    zh: str
    ko: str
    start: int  # character offset in Segment.zh
    end: int
    entry_id: str  # "<file>:<line>" of the glossary entry, or "reading:<zh>"
    status: str = "kept"  # one of TERM_STATUSES
    strategy: str = ""  # how it got there: "placeholder", "split", "prefix", "insert", ...
    kind: str = "term"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Finding:
    """A QA finding on one segment.

    The segment id is a field, not part of ``message``: the translation memory
    stores findings for a sentence that may come back under another id, and
    the editor panel links the id itself. ``str(finding)`` gives the one-line
    form with the id for logs.
    """

    check: str  # "numbers", "hanzi-left", "repetition", "length-ratio", ...
    severity: str  # one of SEVERITIES
    message: str  # what is wrong, without the segment id
    segment: str = ""  # the segment id ("<slug>/p3/s2")

    def __str__(self) -> str:
        return f"{self.segment}: {self.message}" if self.segment else self.message

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any], segment: str = "") -> "Finding":
        """Also reads findings stored without a ``segment`` (the id is then given)."""
        return cls(d["check"], d["severity"], d["message"], d.get("segment") or segment)


@dataclass
class StyleChange:
    """One edit made by the Korean-norm post-editing stage, reversible by an editor."""

    rule: str
    before: str
    after: str
    position: int = -1  # character offset in the Korean before this change

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Segment:
    """One Chinese sentence and its Korean translation.

    ``id`` looks like ``<slug>/p3/s2`` (or ``<slug>/title``). ``chunks`` holds the
    pieces an over-long sentence was split into for the decoder; the Korean of
    the chunks is joined back into ``ko`` so alignment stays one-to-one.
    """

    id: str
    zh: str
    ko: str = ""
    ko_raw: str = ""  # engine output before glossary restore and post-editing
    chunks: list[str] = field(default_factory=list)
    terms: list[TermHit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    changes: list[StyleChange] = field(default_factory=list)
    state: str = "machine"  # one of SEGMENT_STATES
    origin: str = "machine"  # one of ORIGINS
    editor: str = ""  # who made the human text, and when (ISO, UTC)
    edited_at: str = ""
    #: an edit made for an earlier version of this Chinese: kept for the editor,
    #: never printed ({"ko", "zh", "editor", "updated"})
    stale: dict[str, str] | None = None

    @property
    def is_human(self) -> bool:
        return self.state != "machine"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "zh": self.zh,
            "ko": self.ko,
            "ko_raw": self.ko_raw,
            "chunks": list(self.chunks),
            "terms": [t.to_dict() for t in self.terms],
            "findings": [{**f.to_dict(), "segment": f.segment or self.id} for f in self.findings],
            "changes": [c.to_dict() for c in self.changes],
            "state": self.state,
            "origin": self.origin,
            "editor": self.editor,
            "edited_at": self.edited_at,
            "stale": dict(self.stale) if self.stale else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Segment":
        return cls(
            id=d["id"],
            zh=d["zh"],
            ko=d.get("ko", ""),
            ko_raw=d.get("ko_raw", ""),
            chunks=list(d.get("chunks", [])),
            terms=[TermHit(**t) for t in d.get("terms", [])],
            findings=[Finding.from_dict(f, d["id"]) for f in d.get("findings", [])],
            changes=[StyleChange(**c) for c in d.get("changes", [])],
            state=d.get("state", "machine"),
            origin=d.get("origin", "machine"),
            editor=d.get("editor", ""),
            edited_at=d.get("edited_at", ""),
            stale=dict(d["stale"]) if d.get("stale") else None,
        )


@dataclass
class Paragraph:
    id: str  # "<slug>/p3"
    segments: list[Segment]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "segments": [s.to_dict() for s in self.segments]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Paragraph":
        return cls(id=d["id"], segments=[Segment.from_dict(s) for s in d["segments"]])


@dataclass
class Article:
    """A segmented article: a heading segment and paragraphs of segments."""

    slug: str
    path: str
    format: str
    heading: Segment  # id "<slug>/title"
    paragraphs: list[Paragraph]
    date: str | None = None
    time: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    opencc_config: str = "t2s"
    #: the desk's verdict, set by the build: {"state": "draft" | "in review" |
    #: "approved", "approved_by", "approved_at", "final"}; not approved → DRAFT
    review: dict[str, Any] = field(default_factory=lambda: {"state": "draft"})

    @property
    def approved(self) -> bool:
        return self.review.get("state") == "approved"

    @property
    def title(self) -> str:
        return self.heading.zh

    def segments(self) -> Iterator[Segment]:
        """Every segment, heading first, in reading order."""
        yield self.heading
        for p in self.paragraphs:
            yield from p.segments

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "path": self.path,
            "format": self.format,
            "title": self.title,
            "date": self.date,
            "time": self.time,
            "source": self.source,
            "author": self.author,
            "url": self.url,
            "opencc_config": self.opencc_config,
            "review": dict(self.review),
            "heading": self.heading.to_dict(),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        return cls(
            slug=d["slug"],
            path=d["path"],
            format=d["format"],
            heading=Segment.from_dict(d["heading"]),
            paragraphs=[Paragraph.from_dict(p) for p in d["paragraphs"]],
            date=d.get("date"),
            time=d.get("time"),
            source=d.get("source"),
            author=d.get("author"),
            url=d.get("url"),
            opencc_config=d.get("opencc_config", "t2s"),
            review=dict(d.get("review") or {"state": "draft"}),
        )
