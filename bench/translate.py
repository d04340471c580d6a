"""Benchmark: zhko's ArgosTranslator against the true ceiling of CTranslate2 (and argostranslate).

    uv run python bench/translate.py [--sentences 200] [--beam 4] [--max-length 256] [--repeat 1] [--skip-argos] [--skip-one-batch] [--skip-threads]
    uv run python bench/translate.py --skip-argos --skip-one-batch --repeat 3 --max-length 48

Builds a random-weight zh→ko package of real Argos size (6+6 layers, d_model
512, 8 heads, FFN 2048, 32k vocabulary, int8) with ``tests/support/tiny_argos.py``
and translates Chinese sentences from ``examples/`` three ways, with the same
beam and the same decoding cap ``min(256, 2 × source tokens + 10)`` per
``translate_batch`` call (random weights never emit the end token, so without a
cap every sentence would run to 256 tokens):

(a) ``argostranslate.translate.translate`` once per paragraph (~5 sentences),
    as an application using Argos would. Made to run offline, in this process
    only: ``stanza`` and ``minisbd`` are absent from the venv (dropped by the
    uv override), so stub modules are put in ``sys.modules`` before import;
    the MiniSBD sentencizer (it would download a model) is replaced with a
    regex splitter on 。！？；; and ``ctranslate2.Translator`` as seen by
    ``argostranslate.translate`` is wrapped to add the decoding cap. Argos's own
    batching (``max_batch_size=32, batch_type="tokens"``), beam and detokenizer
    are untouched.
(b) one ``ctranslate2.Translator.translate_batch`` over all sentences.
(c) ``pipeline.translate.argos.ArgosTranslator.translate`` over all sentences.
(d) the true ceiling: raw CTranslate2 with zhko's threading (inter_threads =
    cores, intra_threads = 1), length-sorted chunks of 16, each call capped by
    its own longest sentence, all submitted with ``asynchronous=True`` (in
    length order; zhko submits its chunks longest first, see
    ``pipeline/translate/chunks.py``).
(e) the same chunks as (d), one synchronous call per chunk from a Python
    thread pool of ``cores`` threads (the other way to keep every core busy).

The last line prints zhko's speed as a fraction of (d); the goal is ≥ 0.95×
at the default cap and at ``--max-length 48``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import types
from pathlib import Path

from _load import load

ROOT = Path(__file__).resolve().parents[1]
SPLIT = re.compile(r"(?<=[。！？；])")
MAX_LENGTH, RATIO, EXTRA = 256, 2.0, 10


def cap(n_tokens: int) -> int:
    return min(MAX_LENGTH, int(RATIO * n_tokens) + EXTRA)


def load_tiny_argos():
    return load("tests/support/tiny_argos.py", "zhko_tiny_argos")


def sample_paragraphs(n_sentences: int) -> list[list[str]]:
    """Paragraphs (lists of sentences) from examples/, numbered variants until
    there are ``n_sentences`` distinct sentences (Argos caches paragraphs)."""
    base: list[list[str]] = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip().replace(",", "，").replace(":", "：")
            sents = [s for s in SPLIT.split(line) if len(s) > 8]
            if len(line) > 60 and sents:
                base.append(sents)
    out: list[list[str]] = []
    total, round_ = 0, 0
    while total < n_sentences:
        for par in base:
            par = par if round_ == 0 else [f"第{round_}次，{s}" for s in par]
            par = par[: n_sentences - total]
            if par:
                out.append(par)
                total += len(par)
        round_ += 1
    return out


def build_package(workdir: Path) -> Path:
    tiny = load_tiny_argos()
    t0 = time.perf_counter()
    built = tiny.build_packages(workdir / "build", [("zh", "ko")], size=tiny.REAL)
    path = built[("zh", "ko")]
    print(f"built {path.name}: {path.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - t0:.1f} s")
    from pipeline.translate.install import install_from_file

    install_from_file(path, workdir / "packages")
    return workdir / "packages"


def run_zhko(packages: Path, sentences: list[str], beam: int) -> float:
    from pipeline.translate.argos import ArgosTranslator, find_route

    tr = ArgosTranslator(find_route(packages_dir=packages), beam_size=beam, max_length=MAX_LENGTH)
    tr.translate(sentences[:2])  # load the model outside the timing
    t0 = time.perf_counter()
    out = tr.translate(sentences)
    assert len(out) == len(sentences)
    return time.perf_counter() - t0


def run_raw(packages: Path, sentences: list[str], beam: int) -> float:
    import ctranslate2
    import sentencepiece as spm

    (pkg,) = [p for p in packages.iterdir() if p.is_dir()]
    sp = spm.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    model = ctranslate2.Translator(str(pkg / "model"), compute_type="int8",
                                   intra_threads=len(os.sched_getaffinity(0)))
    model.translate_batch([sp.encode("会议", out_type=str)], max_decoding_length=4)
    t0 = time.perf_counter()
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    results = model.translate_batch(tokens, beam_size=beam, max_batch_size=32,
                                    max_decoding_length=cap(max(map(len, tokens))))
    out = [sp.decode(r.hypotheses[0]) for r in results]
    assert len(out) == len(sentences)
    return time.perf_counter() - t0


def _chunks(tokens: list[list[str]], size: int = 16) -> list[list[int]]:
    order = sorted(range(len(tokens)), key=lambda i: (len(tokens[i]), tokens[i]))
    return [order[k:k + size] for k in range(0, len(order), size)]


def _ceiling_model(packages: Path):
    import ctranslate2
    import sentencepiece as spm

    (pkg,) = [p for p in packages.iterdir() if p.is_dir()]
    sp = spm.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    cores = len(os.sched_getaffinity(0))
    model = ctranslate2.Translator(str(pkg / "model"), compute_type="int8",
                                   inter_threads=cores, intra_threads=1)
    model.translate_batch([sp.encode("会议", out_type=str)], max_decoding_length=4)
    return sp, model, cores


def run_ceiling(packages: Path, sentences: list[str], beam: int) -> float:
    """(d): per-chunk caps, every chunk queued at once on CTranslate2's workers."""
    sp, model, _ = _ceiling_model(packages)
    t0 = time.perf_counter()
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    pending = []
    for chunk in _chunks(tokens):
        batch = [tokens[i] for i in chunk]
        pending.append((chunk, model.translate_batch(
            batch, beam_size=beam, max_decoding_length=cap(max(map(len, batch))),
            asynchronous=True)))
    out = [""] * len(sentences)
    for chunk, results in pending:
        for i, r in zip(chunk, results):
            out[i] = sp.decode(r.result().hypotheses[0][: cap(len(tokens[i]))])
    assert all(out)
    return time.perf_counter() - t0


def run_ceiling_threads(packages: Path, sentences: list[str], beam: int) -> float:
    """(e): the same chunks, one synchronous call each from ``cores`` Python threads."""
    from concurrent.futures import ThreadPoolExecutor

    sp, model, cores = _ceiling_model(packages)
    t0 = time.perf_counter()
    tokens = [sp.encode(s, out_type=str) for s in sentences]

    def one(chunk: list[int]):
        batch = [tokens[i] for i in chunk]
        return chunk, model.translate_batch(batch, beam_size=beam,
                                            max_decoding_length=cap(max(map(len, batch))))

    out = [""] * len(sentences)
    with ThreadPoolExecutor(cores) as pool:
        for chunk, results in pool.map(one, _chunks(tokens)):
            for i, r in zip(chunk, results):
                out[i] = sp.decode(r.hypotheses[0][: cap(len(tokens[i]))])
    assert all(out)
    return time.perf_counter() - t0


def _argos_settings(beam: int) -> None:
    """argostranslate reads these once, at its first import."""
    os.environ["ARGOS_BEAM_SIZE"] = str(beam)
    os.environ["ARGOS_COMPUTE_TYPE"] = "int8"
    os.environ["ARGOS_INTRA_THREADS"] = str(len(os.sched_getaffinity(0)))


def _offline_argos(beam: int):
    """Import argostranslate.translate without stanza/minisbd/network (see module doc)."""
    from argostranslate import settings

    assert settings.beam_size == beam and settings.compute_type == "int8"
    notes = []
    for name in ("stanza", "minisbd"):
        try:
            __import__(name)
        except ImportError:
            stub = types.ModuleType(name)
            stub.SBDetect = object
            stub.Pipeline = object
            stub.models = types.SimpleNamespace(cache_dir="", list_models=lambda: [])
            sys.modules[name] = stub
            notes.append(f"stubbed sys.modules[{name!r}]")
    import ctranslate2

    import argostranslate.translate as at

    class RegexSentencizer:
        def __init__(self, pkg) -> None:
            pass

        def split_sentences(self, text: str) -> list[str]:
            return [s for s in SPLIT.split(text) if s.strip()]

    class CappedTranslator:
        """ctranslate2.Translator with the bench's decoding cap added to each call."""

        def __init__(self, *args, **kwargs) -> None:
            self._inner = ctranslate2.Translator(*args, **kwargs)

        def translate_batch(self, source, **kwargs):
            kwargs.setdefault("max_decoding_length", cap(max(map(len, source))))
            return self._inner.translate_batch(source, **kwargs)

    at.MiniSBDSentencizer = RegexSentencizer
    at.StanzaSentencizer = RegexSentencizer
    at.ctranslate2 = types.SimpleNamespace(Translator=CappedTranslator)
    notes.append("regex sentencizer, capped ctranslate2.Translator")
    return at, notes


def run_argos(packages: Path, paragraphs: list[list[str]], beam: int) -> tuple[float, list[str]]:
    at, notes = _offline_argos(beam)
    at.translate("会议。", "zh", "ko")  # load the model outside the timing
    t0 = time.perf_counter()
    for par in paragraphs:
        at.translate("".join(par), "zh", "ko")
    return time.perf_counter() - t0, notes


def _row(name: str, secs: float, n: int, base: float) -> None:
    print(f"{name:34} {secs:8.1f} {n / secs:8.2f} {secs / base:11.2f}x")


def main(argv: list[str] | None = None) -> int:
    global MAX_LENGTH
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sentences", type=int, default=200)
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--max-length", type=int, default=256,
                    help="decoding cap ceiling; random weights always decode to the cap, so "
                         "a lower one (e.g. 48) gives a quicker run (default: %(default)s)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run (c) and (d) this many times, alternating which goes first, keep the best of each "
                         "(default: %(default)s)")
    ap.add_argument("--skip-argos", action="store_true", help="skip (a), the slowest")
    ap.add_argument("--skip-threads", action="store_true", help="skip (e)")
    ap.add_argument("--skip-one-batch", action="store_true",
                    help="skip (b), slow at the default cap (every sentence decodes to the "
                         "longest one's cap)")
    args = ap.parse_args(argv)
    MAX_LENGTH = args.max_length
    with tempfile.TemporaryDirectory(prefix="zhko-bench-") as tmp:
        # argostranslate creates its XDG dirs at import: keep them out of $HOME
        os.environ["XDG_DATA_HOME"] = os.environ["XDG_CACHE_HOME"] = tmp
        os.environ["XDG_CONFIG_HOME"] = tmp
        # argostranslate reads its settings at first import (our installer imports
        # argostranslate.package): the packages dir must be set before that
        os.environ["ARGOS_PACKAGES_DIR"] = str(Path(tmp) / "packages")
        _argos_settings(args.beam)
        packages = build_package(Path(tmp))
        paragraphs = sample_paragraphs(args.sentences)
        sentences = [s for p in paragraphs for s in p]
        n = len(sentences)
        print(f"{n} sentences in {len(paragraphs)} paragraphs, beam {args.beam}, "
              f"cap min({MAX_LENGTH}, {RATIO:g}*src+{EXTRA}), {len(os.sched_getaffinity(0))} cores")
        print(f"{'':34} {'seconds':>8} {'sent/s':>8} {'time / zhko':>12}")
        # (c) and (d) alternate, best of --repeat each: the machine is shared, and
        # a neighbour's burst must not land on one side of the ratio only
        # The first decode of a process runs slower (measured: zhko's first run
        # 257 s, its second 179 s, 100 sentences under load): warm the process
        # up untimed, then alternate which side goes first (c d, d c, ...).
        run_ceiling(packages, sentences[:32], args.beam)
        base = ceiling = float("inf")
        for r in range(args.repeat):
            for side in (("c", "d") if r % 2 == 0 else ("d", "c")):
                if side == "c":
                    t = run_zhko(packages, sentences, args.beam)
                    base = min(base, t)
                else:
                    t = run_ceiling(packages, sentences, args.beam)
                    ceiling = min(ceiling, t)
                print(f"  run {r + 1} ({side}) {t:.1f} s", flush=True)
        _row("(c) zhko ArgosTranslator", base, n, base)
        _row("(d) ceiling: chunks, async", ceiling, n, base)
        if not args.skip_threads:
            _row("(e) ceiling: chunks, threads", run_ceiling_threads(packages, sentences, args.beam),
                 n, base)
        if not args.skip_one_batch:
            _row("(b) raw ctranslate2, one batch", run_raw(packages, sentences, args.beam), n, base)
        if not args.skip_argos:
            t, notes = run_argos(packages, paragraphs, args.beam)
            _row("(a) argostranslate per paragraph", t, n, base)
            print("argostranslate made offline: " + "; ".join(notes))
        print(f"zhko / true ceiling (d): {ceiling / base:.2f}x the ceiling's speed (goal >= 0.95)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
