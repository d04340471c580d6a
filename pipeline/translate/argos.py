"""Argos Translate packages, decoded with CTranslate2 directly.

WHY not ``argostranslate.translate``: it imports torch (~9 s), its sentence
splitters download models at first use (so it fails offline), it decodes about
one sentence per CTranslate2 call (~4x slower than one batch), passes no
decoding cap, turns every ``_`` into a space (``__TERM_1__`` → ``  TERM 1  ``)
and feeds a pivot the whole text at once. zhko already splits sentences, so it
only needs the package files: the SentencePiece model and the CTranslate2 model.
Packages are discovered by reading their ``metadata.json`` as
``argostranslate.package.Package`` does, without importing it.

Decoding cap: each sentence gets ``min(max_length, ratio × its source + extra)``
tokens. CTranslate2's ``max_decoding_length`` is one number per call, so the
texts are decoded in length-sorted chunks, each call with the cap of its own
longest sentence, all queued at once (:mod:`pipeline.translate.chunks`); each
hypothesis is then cut to its own cap. A real model stops at its end token
long before; a hypothesis that reaches the cap is a repetition loop (random
test weights always do) and QA flags it.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ModelError
from pipeline.translate.kinds import EngineMeta, parse_meta

PIVOT = "en"

#: Decoding cap: min(MAX_LENGTH, LENGTH_RATIO × source tokens + LENGTH_EXTRA).
MAX_LENGTH = 256
LENGTH_RATIO = 2.0
LENGTH_EXTRA = 10

INSTALL_HINT = (
    "install one with `zhko models install` (downloads from the Argos package index, "
    "needs network) or `zhko models install FILE.argosmodel` (offline, from a file)"
)


#: A metadata.json is a few hundred bytes; anything this large is not one.
MAX_METADATA_BYTES = 1024 * 1024


class PackageWarning(UserWarning):
    """A folder in the packages dir that is not a usable package (skipped)."""


@dataclass(frozen=True)
class PackageInfo:
    """An installed Argos translate package (what zhko needs of its metadata)."""

    path: Path
    from_code: str
    to_code: str
    package_version: str
    from_name: str = ""
    to_name: str = ""
    argos_version: str = ""
    target_prefix: str = ""
    #: the ``"zhko"`` metadata section of a package made by ``zhko models package``
    engine: EngineMeta | None = None

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def sp_model(self) -> Path:
        return self.path / "sentencepiece.model"

    @property
    def tokenizer_path(self) -> Path:
        return self.path / (self.engine.tokenizer if self.engine else "sentencepiece.model")

    @property
    def target_tokenizer_path(self) -> Path:
        """OPUS-MT models have a separate target SentencePiece model."""
        if self.engine and self.engine.target_tokenizer:
            return self.path / self.engine.target_tokenizer
        return self.tokenizer_path

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    def describe(self) -> str:
        return f"{self.pair} {self.package_version}"

    def signature(self) -> dict[str, str]:
        sig = {
            "from_code": self.from_code,
            "to_code": self.to_code,
            "package_version": self.package_version,
        }
        if self.engine:
            sig["model"] = f"{self.engine.kind}:{self.engine.name}"
        return sig


@dataclass(frozen=True)
class Route:
    """One or two packages that together translate ``from_code`` → ``to_code``."""

    packages: tuple[PackageInfo, ...]
    packages_dir: Path = field(default=Path("."), compare=False)

    @property
    def kind(self) -> str:
        return "direct" if len(self.packages) == 1 else "pivot"

    @property
    def codes(self) -> list[str]:
        return [self.packages[0].from_code] + [p.to_code for p in self.packages]

    def describe(self) -> str:
        """``zh→ko`` or ``zh→en→ko``."""
        return "→".join(self.codes)


# -- discovery ------------------------------------------------------------------


def resolve_packages_dir(packages_dir: str | Path | None = None) -> Path:
    """The packages dir: the argument, else ``ARGOS_PACKAGES_DIR`` as set *now*,
    else argostranslate's setting. WHY read the env var ourselves:
    argostranslate reads its settings once, at import, so a later change (a test,
    a wrapper script) would otherwise be ignored."""
    if packages_dir is not None:
        return Path(packages_dir).expanduser()
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env).expanduser()
    from argostranslate import settings

    return Path(settings.package_data_dir)


def scan_packages(packages_dir: str | Path | None = None) -> tuple[list[PackageInfo], list[str]]:
    """Every translate package under the dir, plus a problem line for each
    folder that is skipped (no ``metadata.json``, unreadable metadata).

    WHY not ``argostranslate.package.get_installed_packages``: one folder without
    ``metadata.json`` makes it raise, which would break every translation.
    """
    root = resolve_packages_dir(packages_dir)
    if not root.is_dir():
        return [], []
    found: list[PackageInfo] = []
    problems: list[str] = []
    for sub in sorted(root.iterdir()):
        if not sub.is_dir() or sub.name.startswith("."):
            continue  # dot folders are zhko's own unfinished installs
        try:
            info = read_package(sub)
        except ModelError as exc:
            problems.append(str(exc))
            continue
        if info is not None:
            found.append(info)
    return found, problems


def read_package(path: Path) -> PackageInfo | None:
    """Read one package folder's ``metadata.json`` the way
    ``argostranslate.package.Package`` reads it (same fields, same defaults).

    WHY not ``Package`` itself: importing ``argostranslate.package`` pulls in
    urllib, http.client, email, packaging and sentencepiece (~30 ms and several
    MB), and an unchanged rebuild needs the installed route only for its
    signature. ``tests/translate/test_argos.py`` checks that both readers agree.

    Returns None for packages of another type (e.g. ``sbd``); raises ModelError
    naming the folder when it is not a readable package."""
    import json

    meta_path = path / "metadata.json"
    if not meta_path.is_file():
        raise ModelError(f"{path}: no metadata.json, not an Argos package (ignored)")
    # Read and check the JSON first: argostranslate assumes an object and fails
    # with an AttributeError on a list, which made every build an "internal error".
    try:
        if meta_path.stat().st_size > MAX_METADATA_BYTES:
            raise ModelError(f"{meta_path}: larger than {MAX_METADATA_BYTES // 1024} KB, not package metadata (ignored)")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ModelError(f"{meta_path}: unreadable ({exc.__class__.__name__}) (ignored)") from exc
    if not isinstance(meta, dict):
        raise ModelError(f"{meta_path}: not a JSON object (ignored)")
    if meta.get("type", "translate") != "translate":
        return None
    if not all(isinstance(meta.get(k), str) and meta.get(k) for k in ("from_code", "to_code")):
        raise ModelError(f"{meta_path}: no from_code/to_code (ignored)")
    # what argostranslate's Package appends to or extends (it fails on anything else)
    if not all(isinstance(meta.get(k, []), list) for k in ("languages", "source_languages", "target_languages")):
        raise ModelError(f"{meta_path}: unreadable (TypeError) (ignored)")
    # A folder with metadata but no model (a half-copied package, a leftover)
    # must not win the route over a working package by its version number.
    if not (path / "model" / "model.bin").is_file():
        raise ModelError(f"{path}: no model/model.bin, not a complete package (ignored)")
    engine = parse_meta(meta.get("zhko"), str(meta_path))
    if engine is not None:
        for name in filter(None, (engine.tokenizer, engine.target_tokenizer)):
            if not (path / name).is_file():
                raise ModelError(f"{path}: no {name} tokenizer (ignored)")
    elif not ((path / "sentencepiece.model").is_file() or (path / "bpe.model").is_file()):
        raise ModelError(f"{path}: no sentencepiece.model or bpe.model tokenizer (ignored)")
    # argostranslate's defaults: metadata.get(key, "")
    return PackageInfo(
        path=path,
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        package_version=str(meta.get("package_version", "") or "0"),
        from_name=meta.get("from_name", "") or "",
        to_name=meta.get("to_name", "") or "",
        argos_version=str(meta.get("argos_version", "") or ""),
        target_prefix=meta.get("target_prefix", "") or "",
        engine=engine,
    )


def _version_key(version: str) -> Any:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def _best(packages: list[PackageInfo], from_code: str, to_code: str) -> PackageInfo | None:
    """The newest installed plain Argos package for a pair (several versions may
    coexist). Packages made by ``zhko models package`` are engines of their own
    (see :mod:`pipeline.translate.engines`), never part of an Argos route."""
    matching = [p for p in packages
                if p.from_code == from_code and p.to_code == to_code and p.engine is None]
    return max(matching, key=lambda p: _version_key(p.package_version), default=None)


def route_from(packages: list[PackageInfo], from_code: str, to_code: str,
               packages_dir: Path = Path(".")) -> Route | None:
    """A direct package wins; else a pivot through English; else None."""
    direct = _best(packages, from_code, to_code)
    if direct is not None:
        return Route((direct,), packages_dir)
    first, second = _best(packages, from_code, PIVOT), _best(packages, PIVOT, to_code)
    if first is not None and second is not None:
        return Route((first, second), packages_dir)
    return None


def find_route(from_code: str = "zh", to_code: str = "ko",
               packages_dir: str | Path | None = None) -> Route:
    """The route zhko will use, or ModelError saying what is missing and how to get it.

    Folders that are not packages are skipped with a :class:`PackageWarning`.
    """
    root = resolve_packages_dir(packages_dir)
    packages, problems = scan_packages(root)
    for problem in problems:
        warnings.warn(problem, PackageWarning, stacklevel=2)
    route = route_from(packages, from_code, to_code, root)
    if route is not None:
        return route
    have = ", ".join(p.describe() for p in packages) or "none"
    raise ModelError(
        f"no {from_code}→{to_code} translation route in {root}: need a {from_code}→{to_code} "
        f"package, or {from_code}→{PIVOT} and {PIVOT}→{to_code} (installed: {have}); "
        + INSTALL_HINT
    )


# -- decoding -------------------------------------------------------------------


def default_threads() -> int:
    """CPU cores this process may use (2 on the target machines)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class _Leg:
    """One loaded package: its tokenizer(s) and CTranslate2 translator, and the
    tokens its kind needs around each sentence (none for Argos packages)."""

    def __init__(self, info: PackageInfo, *, compute_type: str, inter_threads: int,
                 intra_threads: int, device: str = "cpu"):
        import ctranslate2

        from pipeline.translate import tokenize

        if info.engine is None and not info.sp_model.is_file():
            why = "uses BPE tokenization (bpe.model), which zhko does not support" if (
                info.path / "bpe.model").is_file() else "has no sentencepiece.model"
            raise ModelError(f"{info.path}: package {info.describe()} {why}; " + INSTALL_HINT)
        self.info = info
        self.source_tok = tokenize.load(info.tokenizer_path)
        self.target_tok = (self.source_tok if info.target_tokenizer_path == info.tokenizer_path
                           else tokenize.load(info.target_tokenizer_path))
        #: the SentencePiece processor itself, for tests and tools (Argos packages)
        self.sp: Any = getattr(self.source_tok, "sp", None)
        try:
            self.model = ctranslate2.Translator(
                str(info.model_dir), device=device, compute_type=compute_type,
                inter_threads=inter_threads, intra_threads=intra_threads,
            )
        except Exception as exc:  # CTranslate2 raises RuntimeError, IndexError, ValueError...
            raise ModelError(f"{info.path}: cannot load package {info.describe()} "
                             f"on {device}: {exc}") from exc
        engine = info.engine
        if engine is not None:
            self.source_prefix, self.source_suffix = list(engine.source_prefix), list(engine.source_suffix)
            self.prefix = list(engine.target_prefix)
        else:
            # Argos passes the prefix as one token (e.g. ``__ko__``) and strips it after.
            self.source_prefix, self.source_suffix = [], []
            self.prefix = [info.target_prefix] if info.target_prefix else []

    def encode(self, text: str) -> list[str]:
        """Source tokens as the model expects them (language token, ``</s>``)."""
        return self.source_prefix + self.source_tok.encode(text) + self.source_suffix

    def decode(self, tokens: list[str]) -> str:
        return self.target_tok.decode(tokens)


class ArgosTranslator:
    """Translates with one route of Argos packages; implements :class:`Translator`.

    Each package is loaded once (lazily, at the first call) and reused. The
    texts of one :meth:`translate` call are decoded per leg in length-sorted
    chunks of at most ``max_batch_size``, each with its own decoding cap.
    """

    def __init__(
        self,
        route: Route,
        beam_size: int = 4,
        *,
        compute_type: str = "int8",
        max_batch_size: int = 16,
        inter_threads: int | None = None,
        intra_threads: int = 1,
        device: str = "cpu",
        max_length: int = MAX_LENGTH,
        length_ratio: float = LENGTH_RATIO,
        length_extra: int = LENGTH_EXTRA,
    ):
        self.route = route
        self.beam_size = beam_size
        self.compute_type = compute_type
        self.max_batch_size = max_batch_size
        # One decoding thread per sub-batch and as many sub-batches at once as
        # there are cores: measured on 2 cores with a real-size model, twice as
        # fast as one batch with 2 threads inside it (whose per-step
        # synchronisation costs more than it gains at batch sizes like ours).
        self.inter_threads = inter_threads if inter_threads is not None else default_threads()
        self.intra_threads = intra_threads
        self.device = device
        first = route.packages[0].engine
        #: the engine name ``--engine`` takes for this route
        self.name = first.name if first else "argos"
        self.source, self.target = route.codes[0], route.codes[-1]
        self.max_length = max_length
        self.length_ratio = length_ratio
        self.length_extra = length_extra
        self._legs: list[_Leg] | None = None

    def _load(self) -> list[_Leg]:
        if self._legs is None:
            self._legs = [
                _Leg(p, compute_type=self.compute_type, inter_threads=self.inter_threads,
                     intra_threads=self.intra_threads, device=self.device)
                for p in self.route.packages
            ]
        return self._legs

    def release(self) -> None:
        """Free the loaded models (a build calls this before rendering); the
        next :meth:`translate` loads them again."""
        self._legs = None

    def cap(self, source_tokens: int) -> int:
        """Most tokens decoded for a source of this many tokens."""
        return max(1, min(self.max_length, int(self.length_ratio * source_tokens) + self.length_extra))

    def translate(self, texts: list[str]) -> list[str]:
        """One output per input, same order; pivots feed each sentence's English on."""
        out = list(texts)
        for leg in self._load():
            out = self._translate_leg(leg, out)
        return out

    def _translate_leg(self, leg: _Leg, texts: list[str]) -> list[str]:
        result = [""] * len(texts)
        todo = [(i, leg.encode(t.strip())) for i, t in enumerate(texts) if t.strip()]
        if not todo:
            return result
        decoded = self._decode(leg, [tokens for _, tokens in todo])
        for (i, src), tokens in zip(todo, decoded):
            # A sentence that shared a chunk with a slightly longer one may have
            # decoded a little past its own cap (see ``chunks.SLACK``): cut it.
            result[i] = leg.decode(tokens[: self.cap(len(src))]).strip()
        return result

    def _decode(self, leg: _Leg, sources: list[list[str]]) -> list[list[str]]:
        """Raw output tokens per source (target prefix stripped), same order.

        Length-sorted chunks, each with the cap of its own longest sentence,
        all queued at once on CTranslate2's ``inter_threads`` workers (see
        :mod:`pipeline.translate.chunks`)."""
        from pipeline.translate import chunks

        n_prefix = len(leg.prefix)

        def chunk_cap(chunk: list[int]) -> int:
            return self.cap(max(len(sources[i]) for i in chunk))

        def submit(chunk: list[int]) -> list[Any]:
            batch = [sources[i] for i in chunk]
            return leg.model.translate_batch(
                batch,
                target_prefix=[list(leg.prefix) for _ in batch] if leg.prefix else None,
                beam_size=self.beam_size,
                max_batch_size=0,
                max_decoding_length=chunk_cap(chunk) + n_prefix,
                asynchronous=True,
            )

        plan = chunks.plan(sources, self.cap, self.max_batch_size)
        try:
            done = chunks.run(plan, submit, chunk_cap)
        except (RuntimeError, ValueError, MemoryError) as exc:  # out of memory, a broken model
            raise ModelError(f"{leg.info.path}: decoding with package {leg.info.describe()} "
                             f"failed: {exc}") from exc
        out: list[list[str]] = []
        for i in range(len(sources)):
            tokens = list(done[i].hypotheses[0])
            if n_prefix and tokens[:n_prefix] == leg.prefix:
                tokens = tokens[n_prefix:]
            out.append(tokens)
        return out

    def signature(self) -> dict[str, Any]:
        # the installed version, without importing ctranslate2 (~0.2 s) or
        # importlib.metadata: an up-to-date rebuild needs the signature but
        # never decodes
        from pipeline.signature import dist_version

        first = self.route.packages[0].engine
        return {
            "engine": f"ctranslate2 {dist_version('ctranslate2')}",
            "name": self.name,
            "model_kind": first.kind if first else "argos",
            "route": self.route.describe(),
            "kind": self.route.kind,
            "device": self.device,
            "decoding": f"beam:{self.beam_size}",
            "packages": [p.signature() for p in self.route.packages],
            "beam_size": self.beam_size,
            "compute_type": self.compute_type,
            "max_decoding_length": (
                f"min({self.max_length}, {self.length_ratio:g}*src+{self.length_extra})"
            ),
        }


def make_translator(packages_dir: str | Path | None = None, beam_size: int = 4,
                    **options: Any) -> ArgosTranslator:
    """The zh→ko translator over whatever route is installed (ModelError if none)."""
    return ArgosTranslator(find_route("zh", "ko", packages_dir), beam_size=beam_size, **options)
