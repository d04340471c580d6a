"""Splitting normalized paragraphs into sentences with stable ids.

Sentences end after ``。！？`` (and runs like ``！？`` or ``？！``) and after an
ellipsis ``……``; closing quotes and brackets (``”’」』）》``) stay with the
sentence they close. ``；`` does *not* end a sentence: Chinese news uses it
between the items of one long enumerating sentence (``…会议;各县(市)…``), and
splitting there would hand the translator fragments without a subject.
Over-long sentences are instead cut into ``Segment.chunks`` for the decoder
(Argos models silently truncate long inputs), first at ``；``, then at ``，``,
and only as a last resort hard at ``max_chars``; the chunks always join back
into the sentence so the Chinese column never changes.

Ids are assigned here once and never change: ``<slug>/title``,
``<slug>/p<N>`` and ``<slug>/p<N>/s<M>``, all 1-based.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pipeline.model import Article, Paragraph, RawArticle, Segment

#: Sentences longer than this get chunks for the translator.
MAX_CHARS = 120

_CLOSERS = "”’」』）》〉】\"'"
#: A terminator run (or an ellipsis of two or more …), then closing marks.
#: ASCII ``!?`` are not terminators: after normalization the ones left are
#: inside Latin runs or URLs (``a?b=1``).
_SENTENCE_END = re.compile(rf"(?:[。！？]+|…{{2,}}|\.{{6,}})[{re.escape(_CLOSERS)}]*")
#: After these the sentence obviously goes on (…，等 / ……、 / 。”他说 stays split).
#: Matched at the end of each candidate sentence, never on a copy of the rest
#: of the paragraph (that copy made a paragraph of 。。。… quadratic).
_CONTINUES = re.compile(r"\s*[，、；：,;:]")


def split_sentences(par: str) -> list[str]:
    """Split a paragraph into sentences; ``"".join(result)`` equals ``par``
    with the whitespace between sentences removed. Never returns empty strings."""
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(par):
        end = m.end()
        if _CONTINUES.match(par, end):
            continue
        _add(sentences, par[start:end])
        start = end
    _add(sentences, par[start:])
    return sentences


def _add(sentences: list[str], piece: str) -> None:
    piece = piece.strip()
    if piece:
        sentences.append(piece)


def split_long(sentence: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Cut ``sentence`` into chunks of at most ``max_chars`` characters whose
    concatenation is ``sentence``.

    Cuts go after ``；`` where possible, else after ``，``/``、``, else hard.
    Among the cuttings with the fewest chunks, the one with the fewest weak
    cuts and then the most even lengths wins, so no 3-character tail is left
    for the translator to mangle.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    if len(sentence) <= max_chars:
        return [sentence] if sentence else []
    atoms = _atoms(sentence, max_chars)
    if len(atoms) > MAX_PACKED_ATOMS:
        return _pack_greedy(atoms, max_chars)
    return _pack(atoms, max_chars)


#: Above this many pieces the even-length search (cost: pieces × max_chars)
#: gives way to greedy packing, which is linear. No real sentence comes near
#: it (a 1,000-character sentence has a few dozen pieces); a hostile
#: "sentence" of a megabyte of commas does, and took minutes.
MAX_PACKED_ATOMS = 2000


def _pack_greedy(atoms: list[tuple[str, int]], max_chars: int) -> list[str]:
    """Fill each chunk with consecutive atoms up to ``max_chars``."""
    chunks: list[str] = []
    current: list[str] = []
    length = 0
    for text, _ in atoms:
        if current and length + len(text) > max_chars:
            chunks.append("".join(current))
            current, length = [], 0
        current.append(text)
        length += len(text)
    if current:
        chunks.append("".join(current))
    return chunks


#: Cut strength: after ``；`` is best, then ``，``/``、``, then a hard cut.
_LEVELS = ("；;", "，、")


def _atoms(text: str, max_chars: int, level: int = 0) -> list[tuple[str, int]]:
    """Pieces no longer than ``max_chars``, each with the weakness of the cut after it."""
    if level == len(_LEVELS):
        n = -(-len(text) // max_chars)
        size = -(-len(text) // n)
        parts = [text[i : i + size] for i in range(0, len(text), size)]
        return [(p, level) for p in parts]
    out: list[tuple[str, int]] = []
    for piece in _cut_after(text, _LEVELS[level]):
        if len(piece) <= max_chars:
            out.append((piece, level))
        else:
            sub = _atoms(piece, max_chars, level + 1)
            sub[-1] = (sub[-1][0], level)  # the piece itself still ends at this level
            out.extend(sub)
    return out


def _pack(atoms: list[tuple[str, int]], max_chars: int) -> list[str]:
    """Join consecutive atoms into chunks ≤ ``max_chars`` by dynamic programming
    on (chunk count, weak cuts, sum of squared lengths)."""
    n = len(atoms)
    best: list[tuple[int, int, int] | None] = [None] * (n + 1)
    back = [0] * (n + 1)
    best[0] = (0, 0, 0)
    for j in range(1, n + 1):
        length = 0
        for i in range(j - 1, -1, -1):
            length += len(atoms[i][0])
            if length > max_chars:
                break
            prev = best[i]
            if prev is None:
                continue
            weak = atoms[j - 1][1] if j < n else 0
            cost = (prev[0] + 1, prev[1] + weak, prev[2] + length * length)
            current = best[j]
            if current is None or cost < current:
                best[j], back[j] = cost, i
    chunks, j = [], n
    while j > 0:
        i = back[j]
        chunks.append("".join(a for a, _ in atoms[i:j]))
        j = i
    return chunks[::-1]


def _cut_after(text: str, marks: str) -> list[str]:
    """Pieces of ``text`` each ending just after one of ``marks`` (the last may not)."""
    pieces, start = [], 0
    for i, c in enumerate(text):
        if c in marks:
            pieces.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def make_slug(raw: RawArticle) -> str:
    """A stable ASCII slug ``[a-z0-9-]`` from the file stem and date.

    The stem alone when it already holds the date (``yanbian-fabu-2021-01-21``);
    otherwise ``<date>-<stem>``. A stem with non-ASCII characters (a Chinese
    file name) keeps its ASCII part plus a short hash of the whole stem, so the
    slug is stable and two Chinese names never collide; a stem with no letter
    or digit at all (``!!!.txt``) becomes ``article-<hash>``, never empty
    (an empty slug wrote ``OUT/.html``).
    """
    stem = Path(raw.path).stem
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    digest = hashlib.sha1(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if not stem.isascii():  # 延边新闻2023 and 通知2023 must not both become "2023"
        ascii_stem = f"{ascii_stem}-{digest}".strip("-") if ascii_stem else f"article-{digest}"
    elif not ascii_stem:  # "!!!.txt": no letter or digit at all
        ascii_stem = f"article-{digest}"
    date = raw.date or ""
    if date and date not in ascii_stem and date.replace("-", "") not in ascii_stem:
        ascii_stem = f"{date}-{ascii_stem}"
    return ascii_stem[:80].strip("-")


def _segment(seg_id: str, zh: str, max_chars: int) -> Segment:
    chunks = split_long(zh, max_chars) if len(zh) > max_chars else []
    return Segment(id=seg_id, zh=zh, chunks=chunks)


def segment_article(raw: RawArticle, slug: str | None = None, *, max_chars: int = MAX_CHARS) -> Article:
    """Split a (normalized) RawArticle into an Article with fixed ids."""
    slug = slug or make_slug(raw)
    paragraphs: list[Paragraph] = []
    for par in raw.paragraphs:
        sentences = split_sentences(par)
        if not sentences:
            continue
        pid = f"{slug}/p{len(paragraphs) + 1}"
        segs = [_segment(f"{pid}/s{m}", s, max_chars) for m, s in enumerate(sentences, start=1)]
        paragraphs.append(Paragraph(id=pid, segments=segs))
    return Article(
        slug=slug,
        path=raw.path,
        format=raw.format,
        heading=_segment(f"{slug}/title", raw.title.strip(), max_chars),
        paragraphs=paragraphs,
        date=raw.date,
        time=raw.time,
        source=raw.source,
        author=raw.author,
        url=raw.url,
        opencc_config=raw.opencc_config,
    )
