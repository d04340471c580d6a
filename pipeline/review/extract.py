"""Glossary candidates: what a batch of articles needs that the glossary lacks.

WHY: the glossary only protects what is in it. Before a batch goes out, editors
want the new names (a new county head), bodies (…领导小组) and recurring terms
in front of them with a proposed Korean reading, so one review pass covers the
batch. Three sources, strongest first:

1. person and place names (:func:`pipeline.korean.names.detect_names`);
2. organisations and titles by suffix (…委员会, …领导小组, …办公室, …局,
   …书记, …主任), grown leftwards over jieba's noun-like tokens so that
   ``召开州疫情防控领导小组`` yields ``州疫情防控领导小组``, not the verb;
3. frequent multi-character terms: jieba nouns of 3+ characters, 2-character
   abbreviations/proper nouns, and pairs of adjacent noun-like tokens
   (疫情 + 防控), kept when they occur ``min_freq`` times in the batch and are
   not just a piece of a longer candidate with the same count.

Names get their Hanja reading; everything else gets the character reading
too, flagged ``check: reading of a common word`` because common words are
usually translated, not read.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

ORG_SUFFIXES = ("委员会", "领导小组", "办公室", "局")
TITLE_SUFFIXES = ("书记", "主任")
#: Words ending in an org suffix that are not organisations.
NOT_ORGS = frozenset("格局 布局 大局 结局 当局 全局 开局 局面 出局 僵局 骗局 饭局 时局 残局 终局 政局".split())
#: jieba flags a name/term may be built from (nouns, abbreviations, noun-verbs, distinguishing words).
NOUNISH = ("n", "nz", "nt", "ns", "j", "vn", "an", "b", "ng", "nl", "a")
#: Generic words never worth a glossary entry on their own.
GENERIC = frozenset(
    "工作 情况 问题 方面 要求 会议 同志 部门 单位 人员 措施 能力 社会 经济 群众 发展 建设 "
    "活动 地区 全州 全省 全国 重点 主要 相关 有关 各级 领导 责任 制度 机制 信息 效率 质量".split()
)
CJK = re.compile(r"^[\u3400-\u9fff]+$")
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json")
COMMON_FLAG = "check: reading of a common word"
#: Title given to an article read without a headline (its segment is not extracted).
UNTITLED = "untitled"


@dataclass
class Candidate:
    zh: str
    kind: str  # person | place | org | title | term
    ko: str
    freq: int
    origin: str  # names | pattern | frequent
    flags: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    contexts: list[dict[str, str]] = field(default_factory=list)  # {"id", "zh"}

    def to_dict(self) -> dict[str, Any]:
        return {
            "zh": self.zh, "ko": self.ko, "kind": self.kind, "freq": self.freq, "origin": self.origin,
            "flags": list(self.flags), "alternatives": list(self.alternatives), "contexts": list(self.contexts),
        }


# --------------------------------------------------------------------------- input


def article_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files given, and the article files inside given folders (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            out.append(p)
    return out


def load_segments(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[str, str]]:
    """(segment id, Chinese sentence) for every sentence of every article, read
    through the pipeline's own ingest → normalize → segment stages (or from a
    built article JSON), so candidates match what the glossary will see."""
    from pipeline.errors import InputError
    from pipeline.ingest import read_article
    from pipeline.normalize import normalize_article
    from pipeline.segment import segment_article

    out: list[tuple[str, str]] = []
    for path in article_files(paths):
        if path.suffix.lower() == ".json":
            out += _json_segments(path)
            continue
        untitled = False
        try:
            raw = read_article(path)
        except InputError as exc:
            # extraction needs sentences, not a headline: a single-paragraph
            # article (a pasted lead, a wire item) is read as body only
            if "no title" not in str(exc) and "no body" not in str(exc):
                raise
            raw, untitled = _untitled(path), True
        article = segment_article(normalize_article(raw))
        out += [(s.id, s.zh) for s in article.segments() if s.zh and not (untitled and s.id.endswith("/title"))]
    return out


def _untitled(path: Path) -> Any:
    """The article at ``path`` without a headline: its non-blank lines as body
    paragraphs (tags stripped for HTML) under a placeholder title."""
    from pipeline.errors import InputError
    from pipeline.ingest import _read_bytes, decode_bytes
    from pipeline.model import RawArticle

    text = decode_bytes(_read_bytes(str(path)), str(path))
    if path.suffix.lower() in (".html", ".htm"):
        # the page's visible text lines, by the same linear lxml scan ingest uses
        # (a regex over tags was quadratic on a page of unclosed ``<script>``)
        from pipeline.ingest.html import _PageScan

        text = "\n".join(_PageScan(text).lines)
    lines = [(n, ln.strip()) for n, ln in enumerate(text.splitlines(), start=1) if ln.strip()]
    if path.suffix.lower() in (".md", ".markdown"):
        lines = [(n, ln.lstrip("#>*- ").strip()) for n, ln in lines if ln.strip() != "---"]
    if not lines:
        raise InputError(str(path), "no text found")
    # a placeholder title (normalize needs one); load_segments drops its segment
    return RawArticle(path=str(path), format="txt", title=UNTITLED,
                      paragraphs=[ln for _, ln in lines], line_of=[n for n, _ in lines])


def _json_segments(path: Path) -> list[tuple[str, str]]:
    import json

    from pipeline.errors import InputError
    from pipeline.model import Article

    try:
        article = Article.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a built article JSON: {exc}") from exc
    return [(s.id, s.zh) for s in article.segments()]


def covered_forms(glossary_dir: str | os.PathLike[str] | None) -> set[str]:
    """Every Chinese form already in the glossary, whatever its status (a
    rejected term must not come back as a candidate every day)."""
    if not glossary_dir or not Path(glossary_dir).is_dir():
        return set()
    from pipeline.review.store import GlossaryStore

    forms: set[str] = set()
    for e in GlossaryStore(glossary_dir).entries():
        forms.add(e.zh)
        forms.update(e.variants)
    return forms


# --------------------------------------------------------------------------- extraction


def extract_from_paths(paths: Iterable[str | os.PathLike[str]], *, glossary_dir: str | os.PathLike[str] | None = None,
                       min_freq: int = 2) -> list[Candidate]:
    return extract_candidates(load_segments(paths), covered_forms(glossary_dir), min_freq=min_freq)


def extract_candidates(segments: list[tuple[str, str]], covered: set[str] | None = None,
                       *, min_freq: int = 2) -> list[Candidate]:
    """Candidates from (id, sentence) pairs, most frequent first."""
    covered = covered or set()
    found: dict[str, tuple[str, str]] = {}  # zh → (kind, origin); first source wins
    name_ko: dict[str, str] = {}
    for _, zh in segments:
        for span in _names(zh):
            found.setdefault(span[0], (span[1], "names"))
            if span[2]:
                name_ko.setdefault(span[0], span[2])
    for _, zh in segments:
        for term, kind in _patterns(zh):
            found.setdefault(term, (kind, "pattern"))
    for term in _frequent(segments, min_freq):
        found.setdefault(term, ("term", "frequent"))
    freq = {t: sum(zh.count(t) for _, zh in segments) for t in found}
    # a frequent term that only occurs inside a longer candidate (or a longer
    # glossary term) adds nothing
    longer = [(t, freq[t]) for t in found] + [(t, 10**9) for t in covered]
    keep = [t for t, (kind, origin) in found.items()
            if t not in covered and t not in GENERIC and freq[t] > 0
            and not (origin == "frequent" and (freq[t] < min_freq
                     or any(t != u and t in u and n >= freq[t] for u, n in longer)))]
    cands = []
    for term in keep:
        kind, origin = found[term]
        ctx = [{"id": sid, "zh": zh} for sid, zh in segments if term in zh][:3]
        cands.append(_candidate(term, kind, origin, freq[term], ctx, name_ko.get(term)))
    cands.sort(key=lambda c: (-c.freq, ("names", "pattern", "frequent").index(c.origin), c.zh))
    return cands


def _candidate(term: str, kind: str, origin: str, freq: int, ctx: list[dict[str, str]], ko: str | None) -> Candidate:
    from pipeline.korean.reading import read_korean

    reading = read_korean(term, kind if kind in ("person", "place") else None)
    flags = list(reading.flags)
    if kind not in ("person", "place"):
        flags.insert(0, COMMON_FLAG)
    return Candidate(term, kind, ko or reading.ko, freq, origin, flags, list(reading.alternatives), ctx)


def _names(zh: str) -> list[tuple[str, str, str]]:
    from pipeline.korean.names import detect_names

    return [(s.zh, s.kind, s.ko) for s in detect_names(zh)]


def _tokens(zh: str) -> list[tuple[str, str]]:
    from pipeline.korean.names import pos_tags

    return list(pos_tags(zh))


def _patterns(zh: str) -> list[tuple[str, str]]:
    """Organisations and titles: a token ending in a suffix, grown leftwards
    over noun-like tokens (at most 5 for bodies, 2 for titles, 14 chars)."""
    toks = _tokens(zh)
    out = []
    for i, (word, _) in enumerate(toks):
        kind = "org" if word.endswith(ORG_SUFFIXES) else "title" if word.endswith(TITLE_SUFFIXES) else None
        if not kind or word in NOT_ORGS or not CJK.match(word):
            continue
        limit = 5 if kind == "org" else 2
        j, length = i, len(word)
        while j > 0 and i - j < limit:
            prev, flag = toks[j - 1]
            if not flag.startswith(NOUNISH) or flag.startswith("nr") or not CJK.match(prev):
                break
            if length + len(prev) > 14:
                break
            j, length = j - 1, length + len(prev)
        term = "".join(w for w, _ in toks[j : i + 1])
        if len(term) > max(len(s) for s in ORG_SUFFIXES + TITLE_SUFFIXES if term.endswith(s)):
            out.append((term, kind))
    return out


def _frequent(segments: list[tuple[str, str]], min_freq: int) -> list[str]:
    counts: Counter[str] = Counter()
    for _, zh in segments:
        toks = _tokens(zh)
        for k, (word, flag) in enumerate(toks):
            if not CJK.match(word) or flag.startswith("nr") or flag == "ns":
                continue
            if flag.startswith(NOUNISH) and (len(word) >= 3 or flag in ("j", "nz", "nt")):
                counts[word] += 1
            if k + 1 < len(toks):
                nxt, nflag = toks[k + 1]
                if (CJK.match(nxt) and len(word) >= 2 and len(nxt) >= 2 and len(word) + len(nxt) <= 8
                        and flag.startswith(NOUNISH) and nflag.startswith(NOUNISH)
                        and not nflag.startswith("nr") and nflag != "ns" and "a" not in (flag, nflag)):
                    counts[word + nxt] += 1
    keep = [t for t, n in counts.items() if n >= min_freq and t not in GENERIC]
    # drop a term that only ever occurs inside a longer kept term
    return [t for t in keep if not any(t != u and t in u and counts[u] >= counts[t] for u in keep)]


# --------------------------------------------------------------------------- output


def candidates_to_entries(cands: Iterable[Candidate]) -> list[dict[str, Any]]:
    """Glossary entries (status proposed) for ``proposed.yaml``; the note says
    where the candidate came from and what to check."""
    out = []
    for c in cands:
        note = f"extract: {c.origin}, {c.freq}× in batch"
        if c.flags:
            note += "; " + "; ".join(c.flags)
        if c.alternatives:
            note += "; also: " + ", ".join(c.alternatives)
        if c.contexts:
            note += f"; e.g. {c.contexts[0]['id']}"
        out.append({"zh": c.zh, "ko": c.ko, "kind": c.kind, "status": "proposed", "note": note})
    return out


def format_table(cands: list[Candidate], context_width: int = 36) -> str:
    """A terminal table; widths count CJK characters as two columns."""
    if not cands:
        return "no candidates: the glossary covers this batch"
    rows = [("freq", "kind", "zh", "ko", "check", "context")]
    for c in cands:
        ctx = _snippet(c.contexts[0]["zh"], c.zh, context_width) if c.contexts else ""
        rows.append((str(c.freq), c.kind, c.zh, c.ko, "; ".join(c.flags)[:40], ctx))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for n, r in enumerate(rows):
        cells = [_pad(cell, widths[i], right=i == 0) for i, cell in enumerate(r[:-1])]
        lines.append("  ".join(cells + [r[-1]]).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 7)
    return "\n".join(lines)


def _snippet(sentence: str, term: str, width: int) -> str:
    i = sentence.find(term)
    a = max(0, i - width // 3)
    b = min(len(sentence), a + width // 2 + len(term))
    return ("…" if a else "") + sentence[a:b] + ("…" if b < len(sentence) else "")


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int, right: bool = False) -> str:
    fill = " " * (w - _width(s))
    return fill + s if right else s + fill
