"""The build's side of the desk: human translations first, the engine for the rest.

Run after segmentation, before translation. For each segment, in order:

1. the desk's row for this segment id, made for this very Chinese → its text
   as is (state ``edited`` or ``approved``);
2. else an approved sentence of the human memory with the same normalized
   Chinese → its text as is (state ``human``, origin ``human-exact``);
3. else the engine (state ``machine``).

Human text is never decoded and never rewritten by the Korean-norm rules; the
build's term and QA checks still run on it (:func:`pipeline.qa.check_human`)
and are reported. A row made for *other* Chinese (the source changed after it
was edited) is kept on the segment as ``stale`` for the editor — never
printed, never dropped.

The build only reads the desk database; the desk only writes it. So a build
running while an editor saves cannot lose the save (the save simply shows up
in the next build).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.desk.store import DeskStore, default_desk_path, normalize_key, zh_hash
from pipeline.errors import EXIT_NOT_APPROVED, ZhkoError
from pipeline.model import Article


class NotApprovedError(ZhkoError):
    """``--final`` and some articles are not approved; names each one."""

    exit_code = EXIT_NOT_APPROVED

    def __init__(self, pending: list[tuple[str, str, str]]):
        self.pending = pending  # (slug, input path, why)
        lines = [f"{path} ({slug}): {why}" for slug, path, why in pending]
        n = len(pending)
        super().__init__(f"--final: {n} article{'s' if n != 1 else ''} not approved, nothing built:\n  "
                         + "\n  ".join(lines))


@dataclass
class HumanReport:
    """What the overlay did, for the build summary."""

    rows: int = 0  # segments with the desk's own text
    memory: int = 0  # exact memory matches
    stale: int = 0
    approved_articles: list[str] = field(default_factory=list)
    #: slug → (desk key, hashes of its sentences' Chinese): what the up-to-date
    #: check compares next time (:meth:`DeskStore.article_keys`)
    keys: dict[str, tuple[str, list[str]]] = field(default_factory=dict)


def apply_human(articles: list[Article], out_dir: Path, *, final: bool = False) -> HumanReport:
    """Put the human translations on ``articles`` (see the module docstring) and
    record each article's review state on ``article.review``.

    ``final``: raise :class:`NotApprovedError` unless every article is approved.
    No desk database yet: nothing is human, every article is a draft.
    """
    rep = HumanReport()
    path = default_desk_path(out_dir)
    hashes = {a.slug: sorted({zh_hash(s.zh) for s in a.segments()}) for a in articles}
    if not path.exists():
        rep.keys = {slug: ("", h) for slug, h in hashes.items()}
        for art in articles:
            art.review = {"state": "draft"}
        if final and articles:
            raise NotApprovedError([(a.slug, a.path, "no sentence approved (nothing edited on the desk yet)")
                                    for a in articles])
        return rep
    store = DeskStore(path)
    # the keys first, the rows after: a save landing in between makes the
    # recorded key older than the text used, so the next build reads it again
    keys = store.article_keys(hashes)
    rep.keys = {slug: (keys[slug], h) for slug, h in hashes.items()}
    ids = [s.id for a in articles for s in a.segments()]
    rows = store.segments(ids)
    memory = store.memory_exact(s.zh for a in articles for s in a.segments())
    pending: list[tuple[str, str, str]] = []
    for art in articles:
        approved_all = True
        for seg in art.segments():
            row = rows.get(seg.id)
            if row is not None and row.matches(seg.zh):
                seg.ko, seg.ko_raw = row.ko, ""
                seg.state, seg.origin = row.state, _origin(row.origin)
                seg.editor, seg.edited_at = row.editor, row.updated
                rep.rows += 1
                approved_all &= row.state == "approved"
                continue
            approved_all = False
            if row is not None:
                seg.stale = {"ko": row.ko, "zh": row.zh, "editor": row.editor, "updated": row.updated}
                rep.stale += 1
            hit = memory.get(normalize_key(seg.zh))
            if hit is not None:
                seg.ko, seg.ko_raw = hit.ko, ""
                seg.state, seg.origin = "human", "human-exact"
                seg.editor, seg.edited_at = hit.editor, hit.updated
                rep.memory += 1
        approval = store.article_approval(art.slug, [(s.id, s.zh) for s in art.segments()])
        if approval and approved_all:
            art.review = {"state": "approved", "approved_by": approval["approved_by"],
                          "approved_at": approval["approved_at"], "final": final}
            rep.approved_articles.append(art.slug)
        else:
            human = any(s.state in ("edited", "approved") or s.stale for s in art.segments())
            art.review = {"state": "in review" if human else "draft"}
            if final:
                todo = sum(1 for s in art.segments() if s.state != "approved")
                why = (f"{todo} sentence{'s' if todo != 1 else ''} not approved" if todo
                       else "every sentence approved, but the article itself is not (a chief editor approves it)")
                pending.append((art.slug, art.path, why))
    if pending:
        raise NotApprovedError(pending)
    return rep


def _origin(stored: str) -> str:
    """The store's origin of a row → the JSON's ``origin`` vocabulary."""
    return {"editor": "editor", "memory-suggestion": "memory-suggestion", "xliff": "xliff",
            "human-exact": "human-exact", "machine": "machine"}.get(stored, "editor")


def finish_human(seg: Any, glossary: Any) -> None:
    """The build's checks on a human segment (no cleaning, no post-editing)."""
    from pipeline.qa import check_human

    seg.changes = []
    seg.findings = check_human(seg, glossary)
