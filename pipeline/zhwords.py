"""Chinese word segmentation: one jieba dictionary for the whole process.

Two stages need Chinese word boundaries: glossary matching (``match: word``
entries must not match inside a longer word) and name detection (jieba's
part-of-speech tags nr/ns). Each used to load its own jieba dictionary (a
``jieba.Tokenizer()`` of its own beside the default one behind
``jieba.posseg``): +0.5 s and +72 MB for the same tables. Both now go
through this module, which initialises jieba's default tokenizer once, quietly,
and only when a sentence actually needs it (loading takes ~1 s: an up-to-date
rebuild never does).
"""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def _jieba() -> Any:
    """The ``jieba`` module with its default dictionary loaded (once)."""
    import logging
    import warnings

    with warnings.catch_warnings():  # jieba 0.42 has invalid escapes in its regexes
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba
        import jieba.posseg  # noqa: F401  (posseg wraps the same default tokenizer)

    jieba.setLogLevel(logging.WARNING)
    jieba.default_logger.setLevel(logging.WARNING)
    jieba.initialize()
    if not jieba.posseg.dt.word_tag_tab:  # after release(): the tags are loaded at import only
        jieba.posseg.dt.load_word_tag(jieba.dt.get_dict_file())
    return jieba


def release() -> None:
    """Free jieba's dictionary tables (~100 MB of Python objects) when no
    sentence needs word boundaries any more (a build does this before
    rendering); the next use loads them again."""
    if _jieba.cache_info().currsize:
        jieba = _jieba()
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = {}, 0, False
        jieba.posseg.dt.word_tag_tab = {}
    for cached in (_jieba, words, pos_tags):
        cached.cache_clear()


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """Dictionary words of ``text`` (HMM off, so unknown strings do not become
    invented words); cached, sentences and clauses repeat."""
    return tuple(_jieba().lcut(text, HMM=False))


@functools.lru_cache(maxsize=4096)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's (word, part-of-speech flag) pairs for ``text`` (HMM on: names
    jieba does not know are still found)."""
    return tuple((w.word, w.flag) for w in _jieba().posseg.lcut(text))


def frequency(word: str) -> int:
    """How often jieba's dictionary has ``word`` (0 when it is not a word)."""
    return int(_jieba().dt.FREQ.get(word, 0))


def word_tag(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag of ``word`` (None when not a word)."""
    tag = _jieba().posseg.dt.word_tag_tab.get(word)
    return str(tag) if tag else None


def dictionary_path() -> str:
    """The file of jieba's default dictionary (``word freq tag`` lines)."""
    import os

    return os.path.join(os.path.dirname(_jieba().__file__), "dict.txt")
