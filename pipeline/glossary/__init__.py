"""The editor-approved glossary: load/lint, match, and enforcement in translation.

Heavy pieces (pyahocorasick automaton, jieba, hangulpy) load lazily, so
importing this package from the CLI stays cheap.
"""

from __future__ import annotations

from pipeline.glossary.load import Entry, Glossary, Match, lint, load_glossary

__all__ = ["Entry", "Glossary", "Match", "lint", "load_glossary", "translate_segments"]


def translate_segments(segments, translator, glossary, *, names=None) -> None:
    """protect → translate → restore → verify → repair; see :mod:`pipeline.glossary.enforce`."""
    from pipeline.glossary.enforce import translate_segments as run

    run(segments, translator, glossary, names=names)
