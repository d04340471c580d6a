"""Tokenizers of the packages: SentencePiece models and Hugging Face ``tokenizer.json``.

WHY both: Argos packages, M2M100, NLLB, MADLAD and OPUS-MT ship SentencePiece
models; the decoder-only chat families (Qwen, Gemma, Mistral) ship a
``tokenizer.json``, which the ``tokenizers`` library reads without torch or
transformers. Both give CTranslate2 what it wants: token *strings*.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from pipeline.errors import ModelError


class Tokenizer(Protocol):
    def encode(self, text: str) -> list[str]: ...

    def decode(self, tokens: list[str]) -> str: ...


class SentencePieceTokenizer:
    def __init__(self, path: Path):
        import sentencepiece as spm

        self.sp = spm.SentencePieceProcessor(model_file=str(path))

    def encode(self, text: str) -> list[str]:
        return list(self.sp.encode(text, out_type=str))

    def decode(self, tokens: list[str]) -> str:
        return str(self.sp.decode(tokens))


class HFTokenizer:
    """A ``tokenizer.json``; special tokens are kept as single tokens on encode
    (chat templates are made of them) and dropped on decode."""

    def __init__(self, path: Path):
        from tokenizers import Tokenizer as HF

        self.tok = HF.from_file(str(path))

    def encode(self, text: str) -> list[str]:
        return list(self.tok.encode(text, add_special_tokens=False).tokens)

    def decode(self, tokens: list[str]) -> str:
        ids = [i for i in (self.tok.token_to_id(t) for t in tokens) if i is not None]
        return str(self.tok.decode(ids, skip_special_tokens=True))

    def has_token(self, token: str) -> bool:
        return self.tok.token_to_id(token) is not None


def load(path: Path) -> Tokenizer:
    """The tokenizer in ``path`` by its name: ``*.json`` is Hugging Face, else SentencePiece."""
    if not path.is_file():
        raise ModelError(f"{path}: tokenizer file missing")
    try:
        if path.suffix == ".json":
            return HFTokenizer(path)
        return SentencePieceTokenizer(path)
    except Exception as exc:  # both libraries raise RuntimeError/OSError/Exception on bad files
        raise ModelError(f"{path}: not a readable tokenizer ({type(exc).__name__})") from exc
