"""Tiny random-weight models of every engine kind zhko runs, built offline.

WHY: the engines (M2M100/NLLB/MADLAD/OPUS-MT sequence-to-sequence models with
language tokens, decoder-only chat models on ``ctranslate2.Generator``) must be
tested on the *real* loading and decoding code, yet none of those models can be
downloaded here. CTranslate2 builds models from specs, so each kind is built
as ``ct2-transformers-converter`` would leave it: a folder with ``model.bin``,
``config.json``, the vocabulary, and the tokenizer the converted model comes
with (a SentencePiece model, or a Hugging Face ``tokenizer.json``). Then
``zhko models package`` wraps it like a user's real model. Random weights give
deterministic garbage that never stops: test mechanics, never quality.

Usage::

    uv run python -m tests.support.tiny_models OUTDIR --kind m2m100|nllb|madlad|opus-mt|qwen2.5
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

SUPPORT = Path(__file__).parent

#: Language tokens each seq2seq kind needs in its vocabulary.
LANGUAGE_TOKENS = {
    "m2m100": ["__zh__", "__ko__", "__en__"],
    "nllb": ["zho_Hans", "kor_Hang", "eng_Latn"],
    "madlad": ["<2ko>", "<2en>", "<2zh>"],
    "opus-mt": [],
}

#: Qwen2.5's special tokens (ChatML).
CHAT_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]


def _tiny_argos():
    name = "zhko_tests_tiny_argos"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SUPPORT / "tiny_argos.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def build_seq2seq(outdir: Path | str, kind: str, *, size=None, seed: int = 11,
                  sp_model: Path | None = None) -> Path:
    """A converted seq2seq model folder of ``kind`` (vocabulary with its
    language tokens and ``</s>``) plus its ``sentencepiece.model``."""
    tiny = _tiny_argos()
    size = size or tiny.TINY
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tiny-s2s-") as tmp:
        sp = sp_model or tiny.train_sentencepiece(Path(tmp))
        shutil.copyfile(sp, outdir / "sentencepiece.model")
    vocab = tiny.vocabulary(outdir / "sentencepiece.model", size.vocab)
    for tok in LANGUAGE_TOKENS[kind]:
        if tok not in vocab:
            vocab.append(tok)
    spec = tiny._spec(vocab, size, seed)
    spec.save(str(outdir))
    return outdir


def train_chat_tokenizer(path: Path, vocab_size: int = 900) -> Path:
    """A byte-level BPE ``tokenizer.json`` (as Qwen's) with ChatML special tokens."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=CHAT_TOKENS,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  show_progress=False)
    lines = _tiny_argos().training_lines() + [
        "把下面的中文句子翻译成朝鲜语。术语：", "system user assistant", "翻译 术语 延边 规范"]
    tok.train_from_iterator(lines, trainer)
    tok.save(str(path))
    return path


def _decoder_bias(tok, vocab: list[str]):
    """Keep special tokens and pieces that are not whole UTF-8 characters out of
    the output (random weights would otherwise emit broken bytes, shown as
    U+FFFD, which rendering tests cannot draw)."""
    import numpy as np

    def ok(i: int, piece: str) -> bool:
        if piece in CHAT_TOKENS:
            return False
        text = tok.decode([i], skip_special_tokens=False)
        return bool(text) and "\ufffd" not in text and not re.search(r"[\x00-\x1f]", text)

    return np.array([0.0 if ok(i, p) else -1e4 for i, p in enumerate(vocab)], dtype=np.float32)


def _chat_setup(outdir: Path | str, vocab_pad: int, seed: int):
    """The shared start of the decoder-only builders: the folder, its trained
    ChatML tokenizer, the vocabulary padded to ``vocab_pad`` and the weights' RNG."""
    import numpy as np
    from tokenizers import Tokenizer

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    tok = Tokenizer.from_file(str(train_chat_tokenizer(outdir / "tokenizer.json")))
    n = tok.get_vocab_size()
    inv = {i: p for p, i in tok.get_vocab().items()}
    vocab = [inv[i] for i in range(n)] + [f"<pad{i}>" for i in range(max(0, vocab_pad - n))]
    return outdir, tok, vocab, np.random.default_rng(seed)


def build_decoder(outdir: Path | str, *, layers: int = 2, d_model: int = 64, heads: int = 4,
                  ffn: int = 128, vocab_pad: int = 0, seed: int = 13) -> Path:
    """A converted decoder-only model folder (``TransformerDecoderModelSpec``)
    with a byte-level BPE ``tokenizer.json`` and ChatML special tokens."""
    import numpy as np
    from ctranslate2.specs import transformer_spec

    outdir, tok, vocab, rng = _chat_setup(outdir, vocab_pad, seed)
    n = tok.get_vocab_size()
    d, f, v = d_model, ffn, len(vocab)

    def w(*shape: int):
        return (rng.standard_normal(shape) / np.sqrt(shape[-1])).astype(np.float32)

    def norm(ln) -> None:
        ln.gamma = np.ones(d, dtype=np.float32)
        ln.beta = np.zeros(d, dtype=np.float32)

    spec = transformer_spec.TransformerDecoderModelSpec.from_config(layers, heads)
    dec = spec.decoder
    dec.embeddings.weight = w(v, d)
    norm(dec.layer_norm)
    dec.projection.weight = w(v, d)
    bias = _decoder_bias(tok, vocab[:n])
    dec.projection.bias = np.concatenate([bias, np.full(v - n, -1e4, dtype=np.float32)])
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = w(3 * d, d)
        layer.self_attention.linear[1].weight = w(d, d)
        norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = w(f, d)
        layer.ffn.linear_1.weight = w(d, f)
    spec.register_vocabulary(vocab)
    spec.config.bos_token = "<|endoftext|>"
    spec.config.eos_token = "<|im_end|>"
    spec.config.unk_token = "<|endoftext|>"
    spec.validate()
    spec.optimize(quantization="int8")
    spec.save(str(outdir))
    return outdir


def build_qwen_like(outdir: Path | str, *, layers: int = 2, d_model: int = 64, heads: int = 4,
                    kv_heads: int = 2, ffn: int = 128, vocab_pad: int = 0, seed: int = 17,
                    quantization: str = "int8") -> Path:
    """A decoder-only model with Qwen2's architecture as ``ct2-transformers-converter``
    writes it (``Qwen2Loader``): grouped-query attention (``kv_heads`` key/value
    heads), SwiGLU feed-forward, RMSNorm, rotary positions (base 1e6, not
    interleaved), biases on q/k/v only, unscaled embeddings. Same tokenizer and
    output bias as :func:`build_decoder`. Qwen2.5-0.5B is ``layers=24,
    d_model=896, heads=14, kv_heads=2, ffn=4864`` (vocabulary 151,936).

    Weights are drawn layer by layer in float16 so a real-size model needs
    about 1 GB while it is built, not 2."""
    import numpy as np
    from ctranslate2.specs import common_spec, transformer_spec

    outdir, tok, vocab, rng = _chat_setup(outdir, vocab_pad, seed)
    n = tok.get_vocab_size()
    d, f, v = d_model, ffn, len(vocab)
    head_dim = d // heads
    kv = kv_heads * head_dim

    def w(*shape: int):
        return (rng.standard_normal(shape, dtype=np.float32) / np.sqrt(shape[-1])).astype(np.float16)

    def ones():
        return np.ones(d, dtype=np.float16)

    spec = transformer_spec.TransformerDecoderModelSpec.from_config(
        layers, heads, activation=common_spec.Activation.SWISH, pre_norm=True, ffn_glu=True,
        rms_norm=True, rotary_dim=0, rotary_interleave=False, rotary_base=1_000_000.0,
        num_heads_kv=kv_heads)
    dec = spec.decoder
    dec.scale_embeddings = False
    dec.embeddings.weight = w(v, d)
    dec.layer_norm.gamma = ones()
    dec.projection.weight = w(v, d)
    bias = _decoder_bias(tok, vocab[:n])
    dec.projection.bias = np.concatenate([bias, np.full(v - n, -1e4, dtype=np.float32)]).astype(np.float16)
    for layer in dec.layer:
        layer.self_attention.layer_norm.gamma = ones()
        layer.self_attention.linear[0].weight = w(d + 2 * kv, d)
        layer.self_attention.linear[0].bias = np.zeros(d + 2 * kv, dtype=np.float16)
        layer.self_attention.linear[1].weight = w(d, d)
        layer.ffn.layer_norm.gamma = ones()
        layer.ffn.linear_0.weight = w(f, d)
        layer.ffn.linear_0_noact.weight = w(f, d)
        layer.ffn.linear_1.weight = w(d, f)
    spec.register_vocabulary(vocab)
    spec.config.bos_token = "<|endoftext|>"
    spec.config.eos_token = "<|im_end|>"
    spec.config.unk_token = "<|endoftext|>"
    spec.validate()
    spec.optimize(quantization=quantization)
    spec.save(str(outdir))
    return outdir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.support.tiny_models",
                                 description="Build a random-weight converted model folder.")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--kind", required=True, choices=[*LANGUAGE_TOKENS, "qwen2.5"])
    args = ap.parse_args(argv)
    if args.kind == "qwen2.5":
        build_decoder(args.outdir)
    else:
        build_seq2seq(args.outdir, args.kind)
    print(json.dumps(sorted(p.name for p in args.outdir.iterdir())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
