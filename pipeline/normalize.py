"""Normalizing Chinese text before segmentation and translation.

Three things differ between sources and confuse the translator and the
glossary matcher: traditional vs simplified characters (OpenCC), ASCII
punctuation typed between Chinese characters by scrapers and hurried editors
(``会议,强调`` → ``会议，强调``), and full-width Latin letters and digits
(``２０２１`` → ``2021``). Everything else is left alone on purpose: NFKC is
never applied because it would also turn ``，、（）…①`` into ASCII.

``normalize_text`` is idempotent: it is applied until nothing changes (in
practice twice), so running the pipeline on its own output changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from pipeline.errors import InputError
from pipeline.model import RawArticle

#: ASCII punctuation → full-width, applied only when it touches Chinese.
FULLWIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}

# Characters that count as "Chinese context" around an ASCII mark: CJK
# ideographs, CJK punctuation, full-width forms and curly quotes/ellipsis/dash.
_CJK_CHARS = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
)
_CJK = re.compile(f"[{_CJK_CHARS}]")
_ASCII_MARK = re.compile(r"[,:;()!?]")
#: Chinese punctuation: spaces on either side of it are dropped.
_FW_PUNCT = "，。、：；！？（）《》〈〉「」『』【】〔〕"
#: Marks English uses too: spaces are dropped only between them and a hanzi,
#: so ``He said “yes” twice`` keeps its spaces.
_SHARED_PUNCT = "“”‘’…—·"
_HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_SPACE_AROUND_PUNCT = re.compile(
    f"[ ]+(?=[{re.escape(_FW_PUNCT)}])|(?<=[{re.escape(_FW_PUNCT)}])[ ]+"
    f"|(?<=[{_HANZI}])[ ]+(?=[{re.escape(_SHARED_PUNCT)}])|(?<=[{re.escape(_SHARED_PUNCT)}])[ ]+(?=[{_HANZI}])"
)
#: Zero-width and other invisible format characters, and C0/C1 controls.
_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_WIDE_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_MAX_ROUNDS = 5


def normalize_text(text: str, opencc_config: str = "t2s") -> str:
    """Normalize one title or paragraph; idempotent.

    ``opencc_config`` names an OpenCC config (unknown → ConfigError); an empty
    value skips the conversion, for text that must keep its script.
    """
    for _ in range(_MAX_ROUNDS):
        new = _one_round(text, opencc_config)
        if new == text:
            break
        text = new
    return text


def _one_round(text: str, opencc_config: str) -> str:
    text = _INVISIBLE.sub("", text.replace("\t", " "))
    text = _SPACES.sub(" ", text).strip()
    if opencc_config:
        text = _converter(opencc_config).convert(text)
    text = _WIDE_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    text = _fullwidth_punct(text)
    return _SPACE_AROUND_PUNCT.sub("", text)


@lru_cache(maxsize=None)
def _converter(config: str) -> Any:
    """One OpenCC converter per config: building one reads its dictionaries."""
    from pipeline.ingest import check_opencc_config

    import opencc  # heavy-ish: only when text is actually normalized

    return opencc.OpenCC(check_opencc_config(config))


def _touches_cjk(text: str, i: int) -> bool:
    """Whether the nearest non-space neighbour on either side is Chinese."""
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    k = i + 1
    while k < len(text) and text[k] == " ":
        k += 1
    return (j >= 0 and bool(_CJK.match(text[j]))) or (k < len(text) and bool(_CJK.match(text[k])))


def _fullwidth_punct(text: str) -> str:
    """ASCII ``, : ; ( ) ! ?`` touching Chinese → full-width; parentheses in pairs."""
    chars = list(text)
    for m in _ASCII_MARK.finditer(text):
        i = m.start()
        if _inside_number(text, i):
            continue
        if _touches_cjk(text, i):
            chars[i] = FULLWIDTH[text[i]]
    return "".join(_pair_parens(chars))


def _inside_number(text: str, i: int) -> bool:
    """``07:06``, ``5,999`` and ``1:500``: a mark with a digit on both sides."""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit() and text[i] in ",:"


def _pair_parens(chars: list[str]) -> list[str]:
    """If one half of a ``( … )`` pair became full-width, so does the other."""
    stack: list[int] = []
    for i, c in enumerate(chars):
        if c in "(（":
            stack.append(i)
        elif c in ")）" and stack:
            j = stack.pop()
            if (chars[j] == "（") != (c == "）"):
                chars[j], chars[i] = "（", "）"
    return chars


def normalize_article(raw: RawArticle) -> RawArticle:
    """A new RawArticle with title and paragraphs normalized; paragraphs that
    become empty are dropped and ``line_of`` is kept in step."""
    config = raw.opencc_config
    title = normalize_text(raw.title, config)
    if not title:
        raise InputError(raw.path, "the title is empty after normalization")
    paragraphs: list[str] = []
    line_of: list[int] = []
    for i, par in enumerate(raw.paragraphs):
        text = normalize_text(par, config)
        if text:
            paragraphs.append(text)
            if i < len(raw.line_of):
                line_of.append(raw.line_of[i])
    if not paragraphs:
        raise InputError(raw.path, "no body text left after normalization")
    return replace(
        raw,
        title=title,
        paragraphs=paragraphs,
        line_of=line_of,
        source=normalize_text(raw.source, config) if raw.source else raw.source,
        author=normalize_text(raw.author, config) if raw.author else raw.author,
        dropped=list(raw.dropped),
    )
