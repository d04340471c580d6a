"""The one seam for machine-translation engines.

WHY a Protocol and not a base class: the pipeline only needs two methods, and
tests or future engines (another CTranslate2 model, a remote service) should
not have to inherit anything to plug in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True)
class EngineChoice:
    """What a build asks of the engine registry (:mod:`pipeline.translate.engines`):
    an engine name (None: the registry chooses and says why), the packages dir,
    ``auto|cpu|cuda``, the beam (beam-search engines; instruction models decode
    greedily) and decoding threads (None: the cores)."""

    engine: str | None = None
    packages_dir: str | None = None
    device: str = "auto"
    beam_size: int = 4
    threads: int | None = None


@runtime_checkable
class Translator(Protocol):
    """Translates sentences from ``source`` to ``target`` (language codes), one
    output per input, in the same order."""

    source: str
    target: str

    def translate(self, texts: list[str]) -> list[str]:
        """Translate every text; ``len(result) == len(texts)``, empty in → empty out."""
        ...

    def signature(self) -> dict[str, Any]:
        """What determines the output: engine and version, route, package
        versions (``packages``: ``from_code``, ``to_code``, ``package_version``),
        ``beam_size`` and other decoding options. Stamped on every output and
        part of the translation-memory key, so it must not contain paths.
        Each engine owns its fields: ``name`` (what ``--engine`` takes),
        ``model_kind``, ``device`` and ``decoding`` (``beam:4``, ``greedy``)
        make the one-line signature."""
        ...


@dataclass(frozen=True)
class PromptTerm:
    """One rendering an instruction model is told to use.

    ``name`` False: an approved glossary term (the editors' decision, ``kind``
    is the glossary's: term, person, place, org…). ``name`` True: a person or
    place name detected in the sentence and read by rule
    (:mod:`pipeline.korean.names`), a proposal the glossary lacks; ``kind`` is
    ``person`` or ``place``. A glossary term always beats a detected name over
    the same characters (:func:`pipeline.glossary.match.names_outside`), so one
    span is never offered twice."""

    zh: str
    ko: str
    kind: str = "term"
    name: bool = False


@dataclass(frozen=True)
class PromptItem:
    """One sentence (or chunk) to translate with what its prompt must list.
    ``stress``: the re-prompt after an output that lacked one of them."""

    text: str
    terms: tuple[PromptTerm, ...] = ()
    stress: bool = False

    @property
    def approved(self) -> tuple[PromptTerm, ...]:
        return tuple(t for t in self.terms if not t.name)

    @property
    def names(self) -> tuple[PromptTerm, ...]:
        return tuple(t for t in self.terms if t.name)


@runtime_checkable
class PromptedTranslator(Translator, Protocol):
    """An engine that can be *told* each sentence's approved terms and detected
    names (instruction models). The glossary stage verifies the output,
    re-prompts once with ``stress`` set, then falls back to placeholders
    through :meth:`translate`."""

    def translate_prompted(self, items: Sequence[PromptItem]) -> list[str]:
        """One cleaned Korean line per item, same order."""
        ...
