"""One ``BuildOptions`` factory for every test that runs a build.

Tiny model, greedy, HTML only, one job unless a test asks otherwise. One job
(one decoding thread): with other processes busy on a 2-core machine
(parallel test runs), two CTranslate2 threads on a tiny model run several
times slower than one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossaries"


def options_factory(packages: Path, default_out: Path) -> Callable[..., Any]:
    """``make(out=None, **fields) -> BuildOptions`` over the packages dir
    ``packages``; ``out`` defaults to ``default_out``, any field can be overridden."""
    from pipeline.build import BuildOptions
    from pipeline.translate.base import EngineChoice

    def make(out: Path | None = None, **kw: Any) -> BuildOptions:
        base: dict[str, Any] = dict(out_dir=out or default_out, glossary_dir=GLOSSARY,
                                    engine=EngineChoice(packages_dir=str(packages), beam_size=1, device="cpu"),
                                    pdf=False, jobs=1)
        base.update(kw)
        return BuildOptions(**base)

    return make
