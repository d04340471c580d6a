"""The one seam for machine-translation engines.

WHY a Protocol and not a base class: the pipeline only needs two methods, and
tests or future engines (another CTranslate2 model, a remote service) should
not have to inherit anything to plug in.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Translator(Protocol):
    """Translates sentences, one output per input, in the same order."""

    def translate(self, texts: list[str]) -> list[str]:
        """Translate every text; ``len(result) == len(texts)``, empty in → empty out."""
        ...

    def signature(self) -> dict[str, Any]:
        """What determines the output: engine and version, route, package
        versions (``packages``: ``from_code``, ``to_code``, ``package_version``),
        ``beam_size`` and other decoding options. Stamped on every output and
        part of the translation-memory key, so it must not contain paths."""
        ...
