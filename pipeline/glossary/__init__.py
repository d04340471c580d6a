"""The editor-approved glossary: load/lint, match, and enforcement in translation.

Heavy pieces (pyahocorasick automaton, jieba, hangulpy) load lazily, so
importing this package from the CLI stays cheap; so does the loader itself
(YAML, the matcher): a submodule such as :mod:`pipeline.glossary.files` must
be importable alone, since an unchanged rebuild hashes the glossary's files
without parsing them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

if TYPE_CHECKING:
    from pipeline.glossary.load import Entry, Glossary, Match, lint, load_glossary
    from pipeline.model import Segment
    from pipeline.translate.base import Translator

__all__ = ["Entry", "Glossary", "Match", "lint", "load_glossary", "translate_segments"]


def translate_segments(segments: Sequence[Segment], translator: Translator, glossary: Glossary, *,
                       names: Mapping[str, Iterable[Any]] | Sequence[Iterable[Any]] | None = None,
                       matches: Mapping[str, Sequence[Match]] | None = None) -> None:
    """protect → translate → restore → verify → repair; see :mod:`pipeline.glossary.enforce`."""
    from pipeline.glossary.enforce import translate_segments as run

    run(segments, translator, glossary, names=names, matches=matches)


def __getattr__(name: str) -> Any:
    """``Entry``, ``Glossary``, ``Match``, ``lint``, ``load_glossary`` from
    :mod:`pipeline.glossary.load`, imported at first use (PEP 562)."""
    if name in ("Entry", "Glossary", "Match", "lint", "load_glossary"):
        from pipeline.glossary import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
