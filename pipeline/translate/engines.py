"""The engine registry: every installed zh→ko route, which one a build takes, and why.

Engines a user can name with ``--engine``:

- ``argos``: plain Argos packages, a direct zh→ko package, else the pivot
  zh→en→ko (the only route on the Argos index today);
- each package made by ``zhko models package`` under its name (``m2m100``,
  ``qwen2.5-7b-instruct``…) or its kind.

Without ``--engine`` the choice is: a direct sequence-to-sequence route whose
licence allows a newspaper to publish (zhko packages before Argos ones, as they
are the models a newsroom chose to add), then a decoder-only model (slower on
CPU), then the Argos pivot. Packages with a non-commercial licence (NLLB) are
never taken unless named, and naming them prints a loud warning.

Devices: ``auto`` takes CUDA when ``ctranslate2.get_cuda_device_count() > 0``
(quietly CPU otherwise; on Linux without NVIDIA or WSL2 GPU device files
CTranslate2 is not even asked, see :func:`cuda_possible`); ``cuda`` without a device is a clear error. Compute
type: int8 on CPU, int8_float16 on CUDA.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import ModelError
from pipeline.translate.base import EngineChoice
from pipeline.translate.argos import (INSTALL_HINT, PIVOT, ArgosTranslator, PackageInfo,
                                      PackageWarning, Route, _version_key, find_route,
                                      resolve_packages_dir,
                                      route_from, scan_packages)

DEVICES = ("auto", "cpu", "cuda")


class LicenceWarning(UserWarning):
    """The chosen model's licence does not allow commercial publication."""


@dataclass(frozen=True)
class Candidate:
    """One installed route."""

    name: str  # what --engine takes
    kind: str  # "argos" or a model kind (m2m100, qwen2.5 …)
    family: str  # "seq2seq" or "generator"
    route: Route
    rank: int  # lower is preferred when no engine is named
    licence: str = ""
    commercial: bool = True

    def describe(self) -> str:
        pkgs = ", ".join(p.describe() for p in self.route.packages)
        route = "direct" if self.route.kind == "direct" else f"pivot {self.route.describe()}"
        extra = f", {self.licence}" if self.licence else ""
        return f"{self.name:24} {self.kind:9} {route} ({pkgs}{extra})"


def candidates(packages_dir: str | Path | None = None, from_code: str = "zh",
               to_code: str = "ko") -> tuple[list[Candidate], list[str]]:
    """Every route from ``from_code`` to ``to_code``, best first, plus the
    problems of folders that were skipped."""
    root = resolve_packages_dir(packages_dir)
    packages, problems = scan_packages(root)
    found: list[Candidate] = []
    newest: dict[str, PackageInfo] = {}
    for p in packages:
        if p.engine is None or p.from_code != from_code or p.to_code != to_code:
            continue
        old = newest.get(p.engine.name)
        if old is None or _version_key(p.package_version) > _version_key(old.package_version):
            newest[p.engine.name] = p
    for name, p in sorted(newest.items()):
        e = p.engine
        assert e is not None
        rank = 0 if e.family == "seq2seq" else 2
        if not e.commercial:
            rank = 9
        found.append(Candidate(name, e.kind, e.family, Route((p,), root), rank, e.licence, e.commercial))
    argos = route_from(packages, from_code, to_code, root)
    if argos is not None:
        found.append(Candidate("argos", "argos", "seq2seq", argos,
                               1 if argos.kind == "direct" else 3, "", True))
    found.sort(key=lambda c: (c.rank, c.name))
    return found, problems


def choose(engine: str | None, packages_dir: str | Path | None = None,
           from_code: str = "zh", to_code: str = "ko") -> tuple[Candidate, str]:
    """The route a build takes and the reason, or ModelError naming what is
    installed and how to get a route."""
    found, problems = candidates(packages_dir, from_code, to_code)
    for problem in problems:
        warnings.warn(problem, PackageWarning, stacklevel=2)
    root = resolve_packages_dir(packages_dir)
    if engine:
        named = [c for c in found if c.name == engine] or [c for c in found if c.kind == engine]
        if not named:
            have = ", ".join(c.name for c in found) or "none"
            raise ModelError(f"no engine {engine} for {from_code}→{to_code} in {root} "
                             f"(installed engines: {have}); package a converted model with "
                             f"`zhko models package`, or {INSTALL_HINT}")
        chosen = named[0]
        reason = "named with --engine"
    else:
        usable = [c for c in found if c.commercial]
        if not found:
            find_route(from_code, to_code, root)  # raises the message naming what is missing
        if not usable:
            extra = (f" (installed but never chosen unless named: "
                     f"{', '.join(c.name for c in found)})") if found else ""
            raise ModelError(
                f"no {from_code}→{to_code} translation route in {root}{extra}: need a "
                f"{from_code}→{to_code} package, or {from_code}→{PIVOT} and {PIVOT}→{to_code}; "
                + INSTALL_HINT)
        chosen = usable[0]
        reason = _why(chosen, found)
    if not chosen.commercial:
        warnings.warn(f"engine {chosen.name}: {chosen.licence} licence — NOT for commercial use; "
                      "a newspaper may not publish this output", LicenceWarning, stacklevel=2)
    return chosen, reason


def _why(chosen: Candidate, found: list[Candidate]) -> str:
    if chosen.route.kind == "pivot":
        return "no direct zh→ko route installed; pivot through English"
    if chosen.family == "generator":
        return "only direct route installed is a decoder-only model"
    others = [c.name for c in found if c is not chosen]
    return "direct beats pivot" + (f"; preferred over {', '.join(others)}" if others else "")


#: Device nodes and driver files without which no CUDA device can exist on
#: Linux: the NVIDIA kernel driver's (``/dev/nvidia0``, ``/dev/nvidiactl``,
#: ``/proc/driver/nvidia``) or WSL2's GPU paravirtualisation (``/dev/dxg``).
_CUDA_EVIDENCE = ("/proc/driver/nvidia", "/dev/nvidiactl", "/dev/dxg")


def cuda_possible() -> bool:
    """False only when this machine certainly has no CUDA device: Linux with
    none of the NVIDIA driver's (or WSL2's) device files. True otherwise, also
    when unsure (another OS), so :func:`resolve_device` asks CTranslate2.

    WHY: importing ctranslate2 and asking it costs 40-100 ms and ~10 MB, which
    was most of an unchanged rebuild (it needs the device only for the engine
    signature); on the CPU-only machines zhko runs on, the answer is known."""
    import glob
    import sys

    if not sys.platform.startswith("linux"):
        return True
    return any(os.path.exists(p) for p in _CUDA_EVIDENCE) or bool(glob.glob("/dev/nvidia[0-9]*"))


def resolve_device(device: str) -> tuple[str, str]:
    """``(device, compute_type)`` for ``auto|cpu|cuda``."""
    if device not in DEVICES:
        raise ModelError(f"unknown device {device} (expected {', '.join(DEVICES)})")
    if device == "cpu" or (device == "auto" and not cuda_possible()):
        return "cpu", "int8"
    import ctranslate2

    try:
        n = ctranslate2.get_cuda_device_count()
    except Exception:  # a broken CUDA driver counts as none
        n = 0
    if n > 0:
        return "cuda", "int8_float16"
    if device == "cuda":
        raise ModelError("--device cuda: no CUDA device found by CTranslate2 "
                         "(use --device auto or cpu)")
    return "cpu", "int8"


def make_translator(choice: EngineChoice, from_code: str = "zh", to_code: str = "ko") -> Any:
    """The translator for ``choice`` (see :func:`choose`), with ``reason`` and
    ``candidate`` attributes set for the build's explanation line."""
    from pipeline.translate.generator import GeneratorTranslator

    candidate, reason = choose(choice.engine, choice.packages_dir, from_code, to_code)
    device, compute_type = resolve_device(choice.device)
    tr: Any
    if candidate.family == "generator":
        tr = GeneratorTranslator(candidate.route.packages[0], device=device,
                                 compute_type=compute_type, inter_threads=choice.threads)
    else:
        tr = ArgosTranslator(candidate.route, beam_size=choice.beam_size, device=device,
                             compute_type=compute_type, inter_threads=choice.threads)
    tr.reason = reason
    tr.candidate = candidate
    return tr


def smoke_test(info: PackageInfo) -> None:
    """Load a (staged) zhko package and decode two tokens, as ``install`` does
    for Argos packages: ModelError if the model or tokenizer does not load."""
    from pipeline.translate.generator import GeneratorTranslator

    route = Route((info,), info.path.parent)
    tr: Any
    if info.engine is not None and info.engine.family == "generator":
        tr = GeneratorTranslator(info, inter_threads=1, max_length=2)
    else:
        tr = ArgosTranslator(route, beam_size=1, inter_threads=1, max_length=2)
    tr.translate(["1"])
