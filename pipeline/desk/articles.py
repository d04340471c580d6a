"""What the desk shows: the built articles (their JSON) merged with the editors'
work in the desk store.

WHY read the build's JSON: it already holds every segment id, its Chinese, the
machine Korean, term hits, QA findings and Korean-norm changes. The desk never
re-translates; it only overlays the store's rows, which always win over the
JSON (a save is visible at once, before any rebuild).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.desk.store import DeskError, DeskStore, SegmentRow
from pipeline.model import Article, Finding, Segment, StyleChange

#: Bigger article JSON files are refused (a 300-sentence article is ~0.5 MB).
MAX_JSON_BYTES = 64 * 1024 * 1024
#: What a slug may look like (what pipeline.segment.make_slug produces).
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
#: Article states, in the order the list sorts them.
ARTICLE_STATES = ("draft", "in review", "approved")
#: The states a segment can be shown in (``stale``: an edit for older Chinese).
VIEW_STATES = ("machine", "human", "stale", "edited", "approved")


def article_slugs(out_dir: str | os.PathLike[str]) -> list[str]:
    """Slugs of the built articles in ``out_dir`` (folders with ``<slug>.json``)."""
    out = Path(out_dir)
    if not out.is_dir():
        return []
    return sorted(d.name for d in out.iterdir()
                  if d.is_dir() and SLUG.fullmatch(d.name) and (d / f"{d.name}.json").is_file())


class ArticleCache:
    """Parsed article JSON files, re-read only when the file changes (a save
    needs the segment's Chinese; re-parsing 0.5 MB on every keystroke is waste)."""

    def __init__(self, out_dir: str | os.PathLike[str]):
        self.out_dir = Path(out_dir)
        self._cache: dict[str, tuple[tuple[int, int], Article]] = {}

    def path(self, slug: str) -> Path:
        if not SLUG.fullmatch(slug):
            raise DeskError(f"no article '{slug[:80]}' in {self.out_dir}")
        return self.out_dir / slug / f"{slug}.json"

    def get(self, slug: str) -> Article:
        p = self.path(slug)
        try:
            st = p.stat()
        except OSError:
            raise DeskError(f"{p}: no such built article (run zhko build first)") from None
        stamp = (st.st_mtime_ns, st.st_size)
        hit = self._cache.get(slug)
        if hit and hit[0] == stamp:
            return hit[1]
        art = load_article_json(p)
        self._cache[slug] = (stamp, art)
        return art


def load_article_json(path: Path) -> Article:
    """One built article from its JSON; a bad file is one :class:`DeskError`."""
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise DeskError(f"{path}: larger than {MAX_JSON_BYTES // 2**20} MB, not read")
        data = json.loads(path.read_text(encoding="utf-8"))
        return Article.from_dict(data)
    except DeskError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DeskError(f"{path}: not a zhko article file ({type(exc).__name__}); rebuild it") from exc


@dataclass
class SegmentView:
    """One sentence as the desk shows it."""

    id: str
    zh: str
    ko: str  # the text in the editor
    machine_ko: str  # what the build printed
    state: str  # one of VIEW_STATES
    version: int  # the store row's version (0: none)
    editor: str = ""
    updated: str = ""
    origin: str = "machine"
    terms: list[Any] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    changes: list[StyleChange] = field(default_factory=list)
    stale: SegmentRow | None = None
    suggestions: list[Any] = field(default_factory=list)

    @property
    def critical(self) -> int:
        return sum(1 for f in self.findings if f.severity == "critical")


def segment_view(seg: Segment, row: SegmentRow | None, glossary: Any) -> SegmentView:
    """Merge the built segment with the store's row (the row wins when current)."""
    from pipeline.qa import check_human

    if row is not None and row.matches(seg.zh):
        probe = Segment(id=seg.id, zh=seg.zh, ko=row.ko)
        findings = check_human(probe, glossary)
        return SegmentView(seg.id, seg.zh, row.ko, seg.ko, row.state, row.version, row.editor, row.updated,
                           row.origin, probe.terms or seg.terms, findings, [])
    state = seg.state if seg.state in ("machine", "human") else "machine"
    view = SegmentView(seg.id, seg.zh, seg.ko, seg.ko, state, row.version if row else 0,
                       seg.editor, seg.edited_at, seg.origin, seg.terms, list(seg.findings), list(seg.changes))
    if row is not None:  # made for other Chinese: shown beside, never reused
        view.state, view.stale = "stale", row
    return view


def article_views(article: Article, store: DeskStore, glossary: Any) -> list[SegmentView]:
    rows = store.segments(slug=article.slug)
    return [segment_view(s, rows.get(s.id), glossary) for s in article.segments()]


def counts(views: list[SegmentView]) -> dict[str, int]:
    c = {s: 0 for s in VIEW_STATES}
    for v in views:
        c[v.state] += 1
    return c


def article_state(article: Article, store: DeskStore, views: list[SegmentView]) -> tuple[str, dict | None]:
    """(state, approval) of an article: approval holds only for its current Chinese."""
    pairs = [(s.id, s.zh) for s in article.segments()]
    approval = store.article_approval(article.slug, pairs)
    if approval and all(v.state == "approved" for v in views):
        return "approved", approval
    if any(v.state in ("edited", "approved", "stale") for v in views):
        return "in review", None
    return "draft", None
