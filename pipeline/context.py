"""What a build's stage functions share: the options and the services, typed.

The stages of a batch (read, translate, finish, render) need the same handful
of things: the options, the translator, the glossary, the report they add
outcomes to, the progress display, the run signature and the translation
memory. They travel as one :class:`BuildContext` (WeasyPrint passes its
``LayoutContext`` the same way) instead of six or seven positional arguments,
so a new service (an editor's desk, another engine) is one field here, not a
new parameter threaded through every function of ``build.py``.

This module is data only and imports nothing heavy: the translator, glossary
and translation-memory types are named for the type checker, and the objects
themselves are made by :func:`pipeline.build.build`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.translate.base import EngineChoice

if TYPE_CHECKING:
    from pipeline.cache import TranslationMemory
    from pipeline.glossary.load import Glossary
    from pipeline.limits import Limits
    from pipeline.progress import Progress
    from pipeline.report import Report
    from pipeline.translate.base import Translator


@dataclass
class BuildOptions:
    """Everything the command line decides about a build (plain values)."""

    out_dir: Path = Path("output")
    glossary_dir: Path = Path("glossaries")
    #: which engine, packages dir, device and beam (the registry decides the rest)
    engine: EngineChoice = field(default_factory=EngineChoice)
    korean_style: str = "yanbian"  # or "south": no post-editing
    opencc_config: str | None = None  # None: per article (front matter) or t2s
    pdf: bool = True
    strict: bool = False
    #: print only approved articles: refuse (exit 5) unless every one is approved on the desk
    final: bool = False
    names: bool = True  # read names the glossary lacks (marked "proposed")
    cache_path: Path | None = None  # None: $ZHKO_CACHE or <out_dir>/.zhko-cache.sqlite3
    use_cache: bool = True
    #: worker processes for rendering and CPU threads for decoding
    jobs: int = field(default_factory=lambda: min(2, os.cpu_count() or 1))
    templates_dir: Path | None = None
    #: size limits for the inputs (None: :meth:`pipeline.limits.Limits.from_env`)
    limits: Limits | None = None


@dataclass
class BuildContext:
    """The shared services of one build, passed to every stage function.

    ``signature`` is filled in once the batch is read (it records the OpenCC
    configs the articles used); ``tm`` is ``None`` without a translation
    memory (``--no-cache``, or it could not be opened or written: it is only a
    cache, so the build goes on without it).
    """

    options: BuildOptions
    translator: Translator
    glossary: Glossary
    report: Report
    progress: Progress
    signature: dict[str, Any] = field(default_factory=dict)
    tm: TranslationMemory | None = None
