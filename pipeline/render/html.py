"""Jinja2 rendering of one article (screen or print) and of the batch index.

Why the text markup is built here in Python and not in the templates: a
sentence's Chinese and Korean are cut into pieces at glossary-term offsets,
bidi controls are neutralized and (for print) word joiners are inserted between
Hangul syllables; doing that in Jinja would be unreadable. Every piece is
escaped with ``markupsafe.escape`` before it is wrapped, and the result is
handed to the (autoescaping, StrictUndefined) templates as ``Markup``.

Anchor scheme (see :func:`anchor`): segment ``<slug>/p3/s2`` → HTML id
``s-<slug>-p3-s2`` on the Chinese sentence span, ``s-<slug>-p3-s2-ko`` on the
Korean one; paragraph ``<slug>/p3`` → ``s-<slug>-p3`` on its table row;
the headline ``<slug>/title`` → ``s-<slug>-title``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from pipeline.ingest.common import web_url
from pipeline.errors import ConfigError, RenderError
from pipeline.resources import templates_path  # re-exported: the one place templates are found
from pipeline.model import SEVERITIES, TERM_STATUSES, Article, Segment, TermHit

if TYPE_CHECKING:
    import jinja2

#: Suffix of the Korean sentence span's id (the Chinese span carries the bare anchor).
KO_SUFFIX = "-ko"

#: Bidi formatting characters. They could reorder the page (an RLO in a scraped
#: source name flips everything after it), and Chinese/Korean news never needs
#: them: screen HTML shows a visible marker so an editor notices, print drops them.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_BIDI_RE = re.compile(f"[{''.join(sorted(BIDI_CONTROLS))}]")
_BIDI_SPLIT_RE = re.compile(f"([{''.join(sorted(BIDI_CONTROLS))}])")
#: C0/C1 controls are invalid in HTML and invisible; they are dropped everywhere.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

WORD_JOINER = "\u2060"
#: Runs longer than this are left breakable, so a freak long token cannot overflow a column.
_MAX_JOINED_RUN = 24

#: A paragraph longer than this (in characters, either language) may break across pages.
LONG_ROW_CHARS = 320

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def anchor(seg_id: str) -> str:
    """The HTML id (and URL fragment) of a segment or paragraph id.

    ``"yb-2021/p3/s2"`` → ``"s-yb-2021-p3-s2"``. ``/`` becomes ``-``; any other
    character outside ``[A-Za-z0-9_-]`` becomes ``_<hex>_`` so the id is a valid
    ASCII fragment and CSS identifier. Every module that links to a sentence
    (reports, review UI) must use this function, never its own scheme.
    """
    body = _ANCHOR_UNSAFE.sub(
        lambda m: "-" if m.group() == "/" else f"_{ord(m.group()):x}_", seg_id
    )
    return f"s-{body}"


@lru_cache(maxsize=8)
def _environment(override: str | None) -> jinja2.Environment:
    """One Jinja2 environment per template folder. An override folder comes
    first in a ChoiceLoader, so it may replace just one template or stylesheet."""
    import jinja2

    folders = [str(templates_path())]
    if override is not None:
        folders.insert(0, str(templates_path(override)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(f) for f in folders]),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain_text
    env.filters["anchor"] = anchor
    env.filters["rich"] = lambda s, for_print=False: _rich(str(s or ""), for_print)
    env.globals["stylesheet"] = lambda name: _stylesheet(env, name)
    return env


def _stylesheet(env: Any, name: str) -> Any:
    """Raw CSS from the template folders, inlined so each HTML file stands alone
    (the output folder holds no copies of the stylesheets)."""
    from markupsafe import Markup

    source, _, _ = env.loader.get_source(env, name)
    if "</" in source:
        raise RenderError(f"{name}: stylesheet must not contain '</'")
    return Markup(source)


# -- text cleaning ---------------------------------------------------------------

def plain_text(text: Any) -> str:
    """Text for attributes, ``<title>`` and metadata: bidi and C0/C1 controls removed
    (an attribute cannot hold a visible marker)."""
    return _BIDI_RE.sub("", _CONTROL_RE.sub("", str(text or "")))


def _escape_piece(text: str, for_print: bool) -> str:
    """Escape one run of text; bidi controls become a visible ``<span class="ctl">``
    on screen and vanish in print."""
    from markupsafe import escape

    text = _CONTROL_RE.sub("", text)
    if not _BIDI_RE.search(text):  # the usual case: one escape call
        return str(escape(text))
    out = []
    for part in _BIDI_SPLIT_RE.split(text):
        if len(part) == 1 and part in BIDI_CONTROLS:
            if not for_print:
                out.append(f'<span class="ctl" title="U+{ord(part):04X}">U+{ord(part):04X}</span>')
        else:
            out.append(str(escape(part)))
    return "".join(out)


def _rich(text: str, for_print: bool) -> Any:
    from markupsafe import Markup

    return Markup(_escape_piece(text, for_print))


def join_korean_words(text: str) -> str:
    """Insert U+2060 WORD JOINER inside each Korean word (a non-space run that
    holds Hangul) between letters/digits, because WeasyPrint ignores
    ``word-break: keep-all`` and would split 로동자 as 로동|자 at a line end.
    The joiner is invisible and pdftotext drops it."""
    return "".join(_join_run(part) for part in re.split(r"(\s+)", text))


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def _join_run(run: str) -> str:
    if len(run) < 2 or len(run) > _MAX_JOINED_RUN or not any(_is_hangul(c) for c in run):
        return run
    out = [run[0]]
    for prev, ch in zip(run, run[1:]):
        if prev.isalnum() and ch.isalnum():
            out.append(WORD_JOINER)
        out.append(ch)
    return "".join(out)


# -- term spans -------------------------------------------------------------------

@dataclass
class _Piece:
    text: str
    term: TermHit | None = None


def _zh_spans(seg: Segment) -> list[tuple[int, int, TermHit]]:
    """Non-overlapping (start, end, term) in ``seg.zh``; offsets that do not match
    the term's text are re-found by search (a stale offset must not mislabel text)."""
    spans = []
    for t in seg.terms:
        start, end = t.start, t.end
        if not (0 <= start < end <= len(seg.zh)) or seg.zh[start:end] != t.zh:
            start = seg.zh.find(t.zh) if t.zh else -1
            if start < 0:
                continue
            end = start + len(t.zh)
        spans.append((start, end, t))
    return _non_overlapping(spans)


def _ko_spans(seg: Segment) -> list[tuple[int, int, TermHit]]:
    """Where each term's Korean sits in ``seg.ko``: occurrences are taken in
    order, so a term used twice marks its second occurrence the second time."""
    spans, cursor = [], 0
    for t in sorted(seg.terms, key=lambda t: t.start):
        if not t.ko or t.status == "violated":
            continue
        pos = seg.ko.find(t.ko, cursor)
        if pos < 0:
            pos = seg.ko.find(t.ko)
        if pos < 0:
            continue
        spans.append((pos, pos + len(t.ko), t))
        cursor = pos + len(t.ko)
    return _non_overlapping(spans)


def _non_overlapping(spans: list[tuple[int, int, TermHit]]) -> list[tuple[int, int, TermHit]]:
    kept: list[tuple[int, int, TermHit]] = []
    for s in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not kept or s[0] >= kept[-1][1]:
            kept.append(s)
    return kept


def _pieces(text: str, spans: list[tuple[int, int, TermHit]]) -> list[_Piece]:
    out, pos = [], 0
    for start, end, term in spans:
        if start > pos:
            out.append(_Piece(text[pos:start]))
        out.append(_Piece(text[start:end], term))
        pos = end
    if pos < len(text):
        out.append(_Piece(text[pos:]))
    return out


def _term_attrs(t: TermHit) -> str:
    from markupsafe import escape

    status = t.status if t.status in TERM_STATUSES else "kept"
    title = plain_text(f"{t.zh} → {t.ko} · {status} · {t.entry_id}")
    return (f'class="term term-{status}" data-entry="{escape(plain_text(t.entry_id))}" '
            f'title="{escape(title)}"')


def _markup(pieces: list[_Piece], *, for_print: bool, korean: bool) -> str:
    """Escaped HTML of a sentence with its term spans. Word joiners are added
    on the whole Korean sentence first, so a word spanning a term and its
    particle (습근평|은) stays whole."""
    if for_print and korean:
        pieces = [_Piece(p.text.replace(WORD_JOINER, ""), p.term) for p in pieces]
        joined = join_korean_words("".join(p.text for p in pieces))
        pieces = _split_like(joined, pieces)
    html = []
    for p in pieces:
        inner = _escape_piece(p.text, for_print)
        html.append(f"<span {_term_attrs(p.term)}>{inner}</span>" if p.term else inner)
    return "".join(html)


def _split_like(joined: str, pieces: list[_Piece]) -> list[_Piece]:
    """Re-cut a joiner-augmented string at the original piece boundaries (a joiner
    at a boundary stays with the preceding piece)."""
    out, i = [], 0
    for p in pieces:
        j, seen = i, 0
        while seen < len(p.text):
            if joined[j] != WORD_JOINER or p.text[seen] == WORD_JOINER:
                seen += 1
            j += 1
        while j < len(joined) and joined[j] == WORD_JOINER:
            j += 1
        out.append(_Piece(joined[i:j], p.term))
        i = j
    return out


# -- view model -------------------------------------------------------------------

def _segment_view(seg: Segment, for_print: bool) -> dict[str, Any]:
    from markupsafe import Markup

    worst = ""
    for f in seg.findings:
        if f.severity in SEVERITIES and (not worst or SEVERITIES.index(f.severity) > SEVERITIES.index(worst)):
            worst = f.severity
    return {
        "id": seg.id,
        "anchor": anchor(seg.id),
        "zh": Markup(_markup(_pieces(seg.zh, _zh_spans(seg)), for_print=for_print, korean=False)),
        "ko": Markup(_markup(_pieces(seg.ko, _ko_spans(seg)), for_print=for_print, korean=True)),
        "severity": worst,
        "notes": plain_text("; ".join(f"{f.severity}: {f.check}: {f.message}" for f in seg.findings)),
    }


def _article_view(article: Article, for_print: bool) -> dict[str, Any]:
    paragraphs = []
    for n, par in enumerate(article.paragraphs, 1):
        chars = max(sum(len(s.zh) for s in par.segments), sum(len(s.ko) for s in par.segments))
        paragraphs.append({
            "id": par.id, "anchor": anchor(par.id), "number": n,
            "long": chars > LONG_ROW_CHARS,
            "segments": [_segment_view(s, for_print) for s in par.segments],
        })
    return {
        "slug": article.slug, "title": article.title, "title_ko": article.heading.ko,
        "heading": _segment_view(article.heading, for_print),
        "date": article.date, "time": article.time, "source": article.source,
        # Only an http(s) link may become an href (ingest already drops others;
        # this also covers articles rebuilt from older JSON).
        "author": article.author, "url": web_url(article.url), "path": article.path,
        "paragraphs": paragraphs,
        # not approved on the desk: the edition says DRAFT (running header, metadata)
        "draft": not article.approved,
        "approved_by": article.review.get("approved_by", "") if article.approved else "",
    }


def _signature_view(signature: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(signature, dict) or not signature.get("short"):
        raise RenderError("signature has no 'short' form; every output must carry it")
    short = plain_text(signature["short"])
    first = short.split("|", 1)[0]
    generator = "zhko " + first.split(":", 1)[1] if first.startswith("zhko:") else "zhko"
    details = [(str(k), v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True))
               for k, v in sorted(signature.items()) if k != "short"]
    return {"short": short, "generator": generator, "details": details}


def _report_view(report: dict[str, Any], slug: str) -> dict[str, Any]:
    """Normalize the QA/term report for the editor panel (tolerates missing keys).
    Links show the segment id without the article's slug (``p3/s2``) to stay short."""
    def seg_of(d: dict[str, Any]) -> str:
        return str(d.get("segment") or d.get("segment_id") or d.get("seg") or "")

    def short(seg_id: str) -> str:
        return seg_id[len(slug) + 1:] if seg_id.startswith(slug + "/") else seg_id

    terms = [{"segment": seg_of(t), "short": short(seg_of(t)), "anchor": anchor(seg_of(t)) if seg_of(t) else "",
              "zh": t.get("zh", ""), "ko": t.get("ko", ""), "status": t.get("status", ""),
              "entry": t.get("entry_id", ""), "strategy": t.get("strategy", "")}
             for t in report.get("terms") or []]
    order = {s: i for i, s in enumerate(reversed(SEVERITIES))}
    findings = sorted(
        ({"segment": seg_of(f), "short": short(seg_of(f)), "anchor": anchor(seg_of(f)) if seg_of(f) else "",
          "severity": f.get("severity", ""), "check": f.get("check", ""), "message": f.get("message", "")}
         for f in report.get("findings") or []),
        key=lambda f: order.get(f["severity"], len(order)))
    counts = _flat_counts(report.get("counts") or {})
    return {"terms": terms, "findings": findings, "counts": counts}


def _flat_counts(counts: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for k, v in counts.items():
        if isinstance(v, dict):
            out += _flat_counts(v, f"{prefix}{k}.")
        else:
            out.append((f"{prefix}{k}", v))
    return out


def render_article(article: Article, signature: dict[str, Any], *, report: dict[str, Any] | None = None,
                   for_print: bool = False, templates_dir: str | os.PathLike[str] | None = None) -> str:
    """The parallel-text page of one article.

    ``for_print`` selects print.css, adds Hangul word joiners, drops bidi
    markers and never shows the editor ``report`` (the PDF is for readers).
    """
    env = _environment(str(templates_dir) if templates_dir is not None else None)
    ctx = {
        "article": _article_view(article, for_print),
        "signature": _signature_view(signature),
        "report": _report_view(report, article.slug) if (report is not None and not for_print) else None,
        "for_print": for_print,
        "statuses": TERM_STATUSES,
        "severities": SEVERITIES,
    }
    return _render(env, "article.html.j2", ctx)


def _render(env: Any, name: str, ctx: dict[str, Any]) -> str:
    import jinja2

    try:
        return env.get_template(name).render(**ctx)
    except jinja2.TemplateNotFound as exc:
        raise ConfigError(f"template {exc.name} not found in {templates_path()}") from exc
    except jinja2.UndefinedError as exc:
        raise RenderError(f"{name}: {exc}") from exc


def _index_item(item: dict[str, Any]) -> dict[str, Any]:
    counts = item.get("counts") or {}
    terms = counts.get("terms") or {}
    findings = counts.get("findings") or {}
    return {
        "slug": item.get("slug") or "", "title": item.get("title") or item.get("path") or "",
        "title_ko": item.get("title_ko") or "", "date": item.get("date") or "",
        "source": item.get("source") or "", "path": item.get("path") or "",
        "html": item.get("html") or "",
        "files": [{"label": str(f.get("label") or ""), "href": str(f.get("href") or "")}
                  for f in item.get("files") or [] if f.get("label") and f.get("href")],
        "has_counts": bool(counts),
        "segments": counts.get("segments", 0),
        "terms": {s: terms.get(s, 0) for s in TERM_STATUSES},
        "findings": {s: findings.get(s, 0) for s in SEVERITIES},
        "error": item.get("error"),
    }


def render_index(items: Iterable[dict[str, Any]], signature: dict[str, Any], *,
                 templates_dir: str | os.PathLike[str] | None = None) -> str:
    """The batch's index page: one row per article, failed ones with their error."""
    env = _environment(str(templates_dir) if templates_dir is not None else None)
    rows = [_index_item(i) for i in items]
    ctx = {
        "items": [r for r in rows if not r["error"]],
        "failed": [r for r in rows if r["error"]],
        "signature": _signature_view(signature),
        "statuses": TERM_STATUSES,
        "severities": SEVERITIES,
    }
    return _render(env, "index.html.j2", ctx)
