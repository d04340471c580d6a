"""Where glossary entries occur in the built articles, and glossary conflicts.

WHY: an editor decides about a term by seeing it in context: the Chinese
sentence beside the Korean one, with what enforcement did. The built article
JSON files (``output/<slug>/<slug>.json``) already hold every sentence pair
and every term hit, so the review page reads those and never re-translates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pipeline.review.store import EntryView

#: Same threshold as the glossary linter: shorter overlaps are noise.
MIN_OVERLAP = 2


def anchor(seg_id: str) -> str:
    """The HTML id of a sentence; the renderer's function when it exists."""
    try:
        from pipeline.render.html import anchor as render_anchor
    except ImportError:
        return "s-" + seg_id.replace("/", "-")
    return render_anchor(seg_id)


@dataclass
class Occurrence:
    """One place an entry occurs: one sentence pair of one built article."""

    slug: str
    seg_id: str
    zh: str
    ko: str
    zh_span: tuple[int, int]
    ko_span: tuple[int, int] | None  # None when the rendering is not found in the Korean
    status: str  # kept/repaired/inserted/violated/proposed, or "not enforced"
    strategy: str
    link: str  # URL of the article HTML at this sentence

    def parts(self, which: str) -> list[tuple[str, bool]]:
        """The sentence cut into (text, highlighted) pieces; the template escapes them."""
        text, span = (self.zh, self.zh_span) if which == "zh" else (self.ko, self.ko_span)
        if not span:
            return [(text, False)]
        a, b = span
        return [(t, hl) for t, hl in ((text[:a], False), (text[a:b], True), (text[b:], False)) if t]


@dataclass
class Article:
    slug: str
    title: str
    html: str  # path relative to the output dir, "" when not built
    segments: list[dict[str, Any]] = field(default_factory=list)


#: A built article's JSON larger than this is not read by the review page.
MAX_ARTICLE_JSON_BYTES = 256 * 1024 * 1024


def load_articles(output_dir: str | Path) -> tuple[list[Article], list[str]]:
    """Every built article JSON under ``output_dir`` (``<slug>/<slug>.json``),
    plus messages for files that could not be read.

    The output folder is not trusted more than the web text in it: only files
    zhko could have written are read (no symlinks, no dot-folders, regular
    files; :func:`pipeline.web.security.resolve_output_file`), and a JSON file
    of the wrong shape is one message on the page, never a failed page."""
    from pipeline.web.security import resolve_output_file

    root = Path(output_dir)
    articles: list[Article] = []
    problems: list[str] = []
    if not root.is_dir():
        return articles, problems
    for path in sorted(root.glob("*/*.json")):
        if path.stem != path.parent.name:
            continue
        rel = path.relative_to(root).as_posix()
        if resolve_output_file(root, rel) is None:
            continue  # a symlink, a dot-folder, not a regular file: not zhko's
        try:
            if path.stat().st_size > MAX_ARTICLE_JSON_BYTES:
                raise ValueError("too large")
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            problems.append(f"{path}: cannot read built article ({exc.__class__.__name__})")
            continue
        segs = _segments(d)
        if segs is None:
            problems.append(f"{path}: not a zhko article (no heading or segments of the expected form)")
            continue
        heading = d["heading"]
        slug = str(d.get("slug") or path.stem)
        html = path.with_suffix(".html")
        link = html.relative_to(root).as_posix() if resolve_output_file(root, html.relative_to(root).as_posix()) else ""
        articles.append(Article(slug, str(d.get("title") or heading.get("zh", "")), link, segs))
    return articles, problems


def _segments(d: Any) -> list[dict[str, Any]] | None:
    """The sentence dicts of an article JSON, each checked, or None."""
    if not isinstance(d, dict) or not isinstance(d.get("heading"), dict):
        return None
    paragraphs = d.get("paragraphs", [])
    if not isinstance(paragraphs, list) or not all(isinstance(p, dict) and isinstance(p.get("segments"), list)
                                                   for p in paragraphs):
        return None
    segs = [d["heading"], *[s for p in paragraphs for s in p["segments"]]]
    for seg in segs:
        if not isinstance(seg, dict) or not all(isinstance(seg.get(k, ""), str) for k in ("zh", "ko", "id")):
            return None
        terms = seg.get("terms") or []
        if not isinstance(terms, list) or not all(
                isinstance(t, dict) and type(t.get("start", 0)) is int and type(t.get("end", 0)) is int
                for t in terms):
            return None
    return segs


def find_occurrences(
    entries: list[EntryView], articles: list[Article], link_base: str = "/articles/"
) -> dict[str, list[Occurrence]]:
    """entry key → its occurrences. A term hit belongs to the entry its
    ``entry_id`` names (``file:line`` or ``file#zh``); hits without a known
    entry id, and plain text matches of entries enforcement does not use
    (proposed, rejected, forbidden), are matched by the Chinese form."""
    by_id: dict[str, EntryView] = {}
    by_form: dict[str, list[EntryView]] = {}
    for e in entries:
        by_id[e.entry_id] = e
        by_id[e.key] = e
        for form in {e.zh, *e.variants}:
            if form:
                by_form.setdefault(form, []).append(e)
    out: dict[str, list[Occurrence]] = {e.key: [] for e in entries}
    auto = _automaton(by_form)
    for art in articles:
        for seg in art.segments:
            _segment_occurrences(art, seg, by_id, by_form, out, link_base, auto)
    return out


def _automaton(by_form: dict[str, list[EntryView]]) -> Any:
    """Aho-Corasick over every Chinese form, value (rank, form): one pass per
    sentence finds all of them. A ``find`` per form per sentence costs
    entries × sentences: 5× slower at 10,000 entries × 2,000 sentences
    (bench/review_usage.py), and it grows with both."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for rank, form in enumerate(by_form):
        auto.add_word(form, (rank, form))
    if len(auto):
        auto.make_automaton()
    return auto


def _segment_occurrences(
    art: Article,
    seg: dict[str, Any],
    by_id: dict[str, EntryView],
    by_form: dict[str, list[EntryView]],
    out: dict[str, list[Occurrence]],
    link_base: str,
    auto: Any,
) -> None:
    zh, ko, seg_id = str(seg.get("zh", "")), str(seg.get("ko", "")), str(seg.get("id", ""))
    link = f"{link_base}{art.html}#{anchor(seg_id)}" if art.html else ""
    covered: set[tuple[str, int]] = set()
    for hit in seg.get("terms", []) or []:
        entry = by_id.get(str(hit.get("entry_id", "")))
        cands = [entry] if entry else by_form.get(str(hit.get("zh", "")), [])
        for e in cands:
            start, end = int(hit.get("start", 0)), int(hit.get("end", 0))
            covered.add((e.key, start))
            out[e.key].append(
                Occurrence(art.slug, seg_id, zh, ko, (start, end), _find(ko, str(hit.get("ko") or e.ko)),
                           str(hit.get("status", "")), str(hit.get("strategy", "")), link)
            )
    found = sorted((rank, end - len(form) + 1, form) for end, (rank, form) in auto.iter(zh)) if len(auto) else []
    for _, start, form in found:
        for e in by_form[form]:
            if (e.key, start) not in covered and e.status != "approved":
                covered.add((e.key, start))
                out[e.key].append(
                    Occurrence(art.slug, seg_id, zh, ko, (start, start + len(form)), _find(ko, e.ko),
                               "not enforced", "", link)
                )


def _find(text: str, needle: str) -> tuple[int, int] | None:
    i = text.find(needle) if needle else -1
    return (i, i + len(needle)) if i >= 0 else None


# --------------------------------------------------------------------------- conflicts


@dataclass
class Conflict:
    kind: str  # "two-renderings" | "shared-rendering" | "overlap" | "forbidden-inside"
    message: str
    entries: list[EntryView]


def find_conflicts(entries: Iterable[EntryView]) -> list[Conflict]:
    """What makes the glossary ambiguous, for the conflicts view."""
    entries = list(entries)
    approved = [e for e in entries if e.status == "approved"]
    return (
        _two_renderings(approved)
        + _shared_rendering(approved)
        + _overlaps(approved)
        + _forbidden_inside(entries, approved)
    )


def _forms(e: EntryView) -> list[str]:
    return [e.zh, *[v for v in e.variants if v != e.zh]]


def _two_renderings(approved: list[EntryView]) -> list[Conflict]:
    by_form: dict[str, list[EntryView]] = {}
    for e in approved:
        for f in _forms(e):
            by_form.setdefault(f, []).append(e)
    out = []
    for form, es in by_form.items():
        kos = sorted({e.ko for e in es})
        if len(kos) > 1:
            out.append(Conflict("two-renderings", f"{form} has {len(kos)} approved renderings: {', '.join(kos)}", es))
    return out


def _shared_rendering(approved: list[EntryView]) -> list[Conflict]:
    """One Korean rendering for Chinese terms that are not spellings of each other."""
    by_ko: dict[str, list[EntryView]] = {}
    for e in approved:
        by_ko.setdefault(e.ko, []).append(e)
    out = []
    for ko, es in by_ko.items():
        groups: list[set[str]] = []
        for e in es:
            forms = set(_forms(e))
            merged = [g for g in groups if g & forms]
            for g in merged:
                forms |= g
                groups.remove(g)
            groups.append(forms)
        if len(groups) > 1:
            names = " / ".join(sorted(min(g) for g in groups))
            out.append(Conflict("shared-rendering", f"{ko} is the approved rendering of unrelated terms {names}", es))
    return out


def _overlaps(approved: list[EntryView]) -> list[Conflict]:
    """Partial overlaps (suffix of one = prefix of the other, ≥2 chars) at the
    same priority: in the joined text the matcher could pick either."""
    out, seen = [], set()
    forms = [(f, e) for e in approved for f in _forms(e)]
    for a_form, a in forms:
        for b_form, b in forms:
            if a is b or a_form in b_form or b_form in a_form:
                continue
            if a.data.get("priority", 0) != b.data.get("priority", 0):
                continue
            for k in range(min(len(a_form), len(b_form)) - 1, MIN_OVERLAP - 1, -1):
                if a_form[-k:] == b_form[:k]:
                    pair = frozenset((a.key, b.key))
                    if pair not in seen:
                        seen.add(pair)
                        joined = a_form + b_form[k:]
                        out.append(Conflict("overlap", f"{a_form} and {b_form} overlap in {joined}; "
                                            "give one of them a higher priority", [a, b]))
                    break
    return out


def _forbidden_inside(entries: list[EntryView], approved: list[EntryView]) -> list[Conflict]:
    out = []
    for f in (e for e in entries if e.status == "forbidden"):
        for a in approved:
            if f.ko and f.ko in a.ko:
                out.append(Conflict("forbidden-inside", f"forbidden {f.ko} occurs inside approved {a.ko}", [f, a]))
    return out
