"""Benchmark: throughput of each engine family zhko runs, batched (zhko's path)
against one sentence per call.

    uv run python bench/engines.py                       # both families, real-size-ish, CPU
    uv run python bench/engines.py --kinds qwen2.5 --sentences 16 --max-length 48
    uv run python bench/engines.py --small               # tiny shapes: a 1-minute smoke run
    uv run python bench/engines.py --device cuda         # on a GPU (says so and uses the CPU if none)

Builds random-weight models of engine packages (``zhko models package``'s
layout, found through the engine registry and run by zhko's own translators):

- ``m2m100`` — sequence-to-sequence with language tokens (``__zh__ … </s>``,
  target prefix ``__ko__``), M2M100-418M's body by default: 12+12 layers,
  d_model 1024, 16 heads, FFN 4096, ReLU, pre-norm. The vocabulary is cut from
  128k to ``--vocab`` (default 32,000: the embeddings are lookups; only the
  output projection's cost depends on it). Beam ``--beam`` (default 4, as a
  build).
- ``qwen2.5`` — decoder-only, Qwen2.5-0.5B-Instruct's shape by default: 24
  layers, d_model 896, 14 query heads and 2 key/value heads (grouped-query
  attention, which CTranslate2's spec supports through ``num_heads_kv``),
  SwiGLU FFN 4864, RMSNorm, rotary positions; ~358M parameters outside the
  embeddings, as the real model. Vocabulary cut from 151,936 to ``--vocab``
  (the real output projection is another 136M multiply-adds per token). Greedy,
  with zhko's full chat prompt (system instruction + sentence).

Both int8 on CPU (int8_float16 on CUDA). Random weights never emit the end
token: every sentence decodes to its cap ``min(--max-length, 2 × source + 10)``
— absolute times are pessimistic, the ratios are what counts. Three ways, same
model, same sentences, same caps:

(a) zhko: one ``translate`` call for all sentences (length-sorted chunks of 16
    on ``inter_threads`` = cores workers, one thread each);
(b) one sentence per call on the same translator (as a caller looping over
    sentences would with zhko's threading: one core per call);
(c) one sentence per call with every core inside the call (``intra_threads`` =
    cores): the best a one-at-a-time caller can do.

The last column is (a) ÷ the better of (b) and (c).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SPLIT = re.compile(r"(?<=[。！？；])")

#: (layers, d_model, heads, ffn) — M2M100-418M's body
M2M100_418M = (12, 1024, 16, 4096)
#: (layers, d_model, heads, kv_heads, ffn) — Qwen2.5-0.5B
QWEN25_05B = (24, 896, 14, 2, 4864)
SMALL_S2S = (2, 256, 4, 1024)
SMALL_LLM = (2, 256, 4, 2, 1024)


def sentences(n: int) -> list[str]:
    """``n`` distinct Chinese sentences from examples/*.txt (numbered variants when short)."""
    base: list[str] = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            base += [s.strip() for s in SPLIT.split(line.strip()) if len(s.strip()) > 8]
    base = list(dict.fromkeys(base))
    out, round_ = [], 0
    while len(out) < n:
        out += [s if round_ == 0 else f"第{round_}次，{s}" for s in base][: n - len(out)]
        round_ += 1
    return out


def _params(model_dir: Path) -> str:
    cfg = json.loads((model_dir / "config.json").read_text())
    return f"{(model_dir / 'model.bin').stat().st_size / 1e6:.0f} MB int8" + (
        f", {cfg.get('num_heads_kv', '')} KV heads" if cfg.get("num_heads_kv") else "")


def build_package(root: Path, kind: str, args: argparse.Namespace) -> tuple[Path, str]:
    """A package folder of ``kind`` in the layout ``zhko models package`` writes;
    returns it and a description of the model's shape."""
    from pipeline.translate.kinds import meta_for
    from tests.support import tiny_models

    pkg = root / f"translate-zh_ko-bench-{kind}"
    if pkg.exists():
        shutil.rmtree(pkg)
    model = pkg / "model"
    t0 = time.perf_counter()
    if kind == "qwen2.5":
        layers, d, heads, kv, ffn = SMALL_LLM if args.small else QWEN25_05B
        layers = args.layers or layers
        tiny_models.build_qwen_like(model, layers=layers, d_model=d, heads=heads, kv_heads=kv,
                                    ffn=ffn, vocab_pad=args.vocab)
        tok = "tokenizer.json"
        shape = f"{layers} layers, d {d}, {heads} heads / {kv} KV, FFN {ffn}, SwiGLU"
    else:
        tiny = tiny_models._tiny_argos()
        layers, d, heads, ffn = SMALL_S2S if args.small else M2M100_418M
        layers = args.layers or layers
        tiny_models.build_seq2seq(model, kind, size=tiny.ModelSize(layers=layers, d_model=d, heads=heads,
                                                                    ffn=ffn, vocab=args.vocab))
        tok = "sentencepiece.model"
        shape = f"{layers}+{layers} layers, d {d}, {heads} heads, FFN {ffn}"
    shutil.move(str(model / tok), str(pkg / tok))
    meta = meta_for(kind, "zh", "ko", name=f"bench-{kind}", tokenizer=tok)
    (pkg / "metadata.json").write_text(json.dumps({
        "package_version": "1.0", "argos_version": "1.9.0", "from_code": "zh", "from_name": "zh",
        "to_code": "ko", "to_name": "ko", "type": "translate", "links": [], "zhko": meta.to_json(),
    }), encoding="utf-8")
    print(f"  built {kind} in {time.perf_counter() - t0:.0f} s: {shape}, vocab {args.vocab}, "
          f"{_params(model)}", file=sys.stderr)
    return pkg, f"{shape}, vocab {args.vocab}, {_params(model)}"


def make(kind: str, root: Path, device: str, compute: str, args: argparse.Namespace, *,
         inter: int, intra: int) -> Any:
    from pipeline.translate.argos import read_package, Route, ArgosTranslator
    from pipeline.translate.generator import GeneratorTranslator

    info = read_package(root / f"translate-zh_ko-bench-{kind}")
    assert info is not None and info.engine is not None
    if info.engine.family == "generator":
        tr: Any = GeneratorTranslator(info, device=device, compute_type=compute, inter_threads=inter,
                                      intra_threads=intra, max_length=args.max_length)
    else:
        tr = ArgosTranslator(Route((info,), root), beam_size=args.beam, device=device,
                             compute_type=compute, inter_threads=inter, intra_threads=intra,
                             max_length=args.max_length)
    tr.translate(["预热。"])  # load and warm up outside the timing
    return tr


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def run_kind(kind: str, root: Path, device: str, compute: str, args: argparse.Namespace) -> dict[str, Any]:
    from pipeline.translate.argos import default_threads

    cores = args.threads or default_threads()
    sents = sentences(args.sentences)
    _, shape = build_package(root, kind, args)
    zhko = make(kind, root, device, compute, args, inter=cores, intra=1)
    best: dict[str, list[float]] = {"batched": [], "one (zhko threads)": [], "one (all cores)": []}
    single = None
    for _ in range(args.repeat):
        best["batched"].append(timed(lambda: zhko.translate(sents)))
        best["one (zhko threads)"].append(timed(lambda: [zhko.translate([s]) for s in sents]))
    del zhko
    single = make(kind, root, device, compute, args, inter=1, intra=cores)
    for _ in range(args.repeat):
        best["one (all cores)"].append(timed(lambda: [single.translate([s]) for s in sents]))
    del single
    speed = {k: len(sents) / min(v) for k, v in best.items()}
    return {"kind": kind, "shape": shape, "sentences": len(sents), "speed": speed,
            "ratio": speed["batched"] / max(speed["one (zhko threads)"], speed["one (all cores)"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kinds", default="m2m100,qwen2.5", help="comma-separated: m2m100, qwen2.5")
    ap.add_argument("--sentences", type=int, default=8)
    ap.add_argument("--max-length", type=int, default=32, help="decoding cap (default: %(default)s)")
    ap.add_argument("--beam", type=int, default=4, help="seq2seq beam (default: %(default)s)")
    ap.add_argument("--vocab", type=int, default=32000, help="vocabulary size (default: %(default)s)")
    ap.add_argument("--layers", type=int, default=0, help="override the layer count (scale down)")
    ap.add_argument("--small", action="store_true", help="tiny shapes (a smoke run)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per way, best kept")
    ap.add_argument("--threads", type=int, default=0, help="cores to use (default: all)")
    ap.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                    help="auto: CUDA when CTranslate2 sees a GPU, else CPU (default)")
    ap.add_argument("--workdir", type=Path, default=None, help="keep the built models here")
    args = ap.parse_args(argv)

    import ctranslate2

    from pipeline.errors import ModelError
    from pipeline.translate.engines import resolve_device

    try:
        device, compute = resolve_device(args.device)
    except ModelError:  # --device cuda without a GPU: a benchmark says so and measures the CPU
        device, compute = "cpu", "int8"
    if args.device != "cpu" and device == "cpu":
        print(f"--device {args.device}: no CUDA device found by CTranslate2 "
              "(get_cuda_device_count() == 0): running on the CPU", file=sys.stderr)
    print(f"ctranslate2 {ctranslate2.__version__}, device {device} ({compute}), "
          f"{args.threads or 'all'} cores, {args.sentences} sentences, cap min({args.max_length}, 2×src+10)",
          file=sys.stderr)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="zhko-bench-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for kind in [k.strip() for k in args.kinds.split(",") if k.strip()]:
            results.append(run_kind(kind, work, device, compute, args))
            r = results[-1]
            print(f"  {kind}: " + ", ".join(f"{k} {v:.2f} sent/s" for k, v in r["speed"].items())
                  + f"; batched ÷ best one-by-one {r['ratio']:.2f}×", file=sys.stderr)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n| engine ({device}) | model | batched (zhko), sent/s | one per call, zhko threads | "
          f"one per call, all cores | batched ÷ best one-by-one |")
    print("|---|---|---|---|---|---|")
    for r in results:
        s = r["speed"]
        print(f"| {r['kind']} | {r['shape']} | {s['batched']:.2f} | {s['one (zhko threads)']:.2f} | "
              f"{s['one (all cores)']:.2f} | {r['ratio']:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
