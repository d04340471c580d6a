"""Model kinds zhko runs on CTranslate2, and the zhko section of a package's metadata.

WHY a table of data: what differs between M2M100, NLLB, MADLAD-400, OPUS-MT and
a Qwen-style chat model is only *which tokens go where* (a source language
token, a target prefix, a chat template) and its licence. The decoding code is
the same per family (``seq2seq`` on ``ctranslate2.Translator``, ``generator``
on ``ctranslate2.Generator``), so a new model of a known family needs a row
here, not new code.

An installable package keeps the Argos layout (``metadata.json``, ``model/``,
the tokenizer), so ``argospm`` and Argos can still list it and, where Argos can
express the model (a single-token ``target_prefix``), translate with it. What
Argos cannot express lives under a ``"zhko"`` key of ``metadata.json``::

    "zhko": {"kind": "m2m100", "family": "seq2seq", "name": "m2m100",
             "tokenizer": "sentencepiece.model", "target_tokenizer": "",
             "source_prefix": ["__zh__"], "source_suffix": ["</s>"],
             "target_prefix": ["__ko__"], "prompt_template": "", "end_token": "",
             "licence": "MIT", "commercial": true}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from pipeline.errors import ModelError

#: ChatML, as Qwen2.5 / Qwen3 use it. ``{system}`` and ``{user}`` are filled by
#: plain replacement (never ``str.format``: the user text may contain braces).
CHATML = ("<|im_start|>system\n{system}<|im_end|>\n"
          "<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n")
#: Gemma's turn format (no system turn: the instruction goes first in the user turn).
GEMMA = "<start_of_turn>user\n{system}\n\n{user}<end_of_turn>\n<start_of_turn>model\n"


@dataclass(frozen=True)
class Kind:
    """What a model kind needs around the text. Language codes in the token
    templates are ``{src}`` / ``{tgt}`` in the kind's own spelling (``codes``)."""

    name: str
    family: str  # "seq2seq" or "generator"
    licence: str
    commercial: bool = True
    source_prefix: tuple[str, ...] = ()
    source_suffix: tuple[str, ...] = ()
    target_prefix: tuple[str, ...] = ()
    codes: dict[str, str] = field(default_factory=dict)
    prompt_template: str = ""
    end_token: str = ""
    note: str = ""

    def code(self, lang: str) -> str:
        return self.codes.get(lang, lang)

    def fill(self, tokens: tuple[str, ...], src: str, tgt: str) -> list[str]:
        return [t.replace("{src}", self.code(src)).replace("{tgt}", self.code(tgt)) for t in tokens]


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("m2m100", "seq2seq", "MIT", source_prefix=("__{src}__",), source_suffix=("</s>",),
         target_prefix=("__{tgt}__",)),
    Kind("nllb", "seq2seq", "CC-BY-NC-4.0", commercial=False,
         source_prefix=("{src}",), source_suffix=("</s>",), target_prefix=("{tgt}",),
         codes={"zh": "zho_Hans", "ko": "kor_Hang", "en": "eng_Latn"},
         note="NON-COMMERCIAL licence (CC-BY-NC-4.0): a newspaper may not publish its output"),
    Kind("madlad", "seq2seq", "Apache-2.0", source_prefix=("<2{tgt}>",), source_suffix=("</s>",)),
    Kind("opus-mt", "seq2seq", "CC-BY-4.0", source_suffix=("</s>",)),
    Kind("qwen2.5", "generator", "Apache-2.0", prompt_template=CHATML, end_token="<|im_end|>"),
    Kind("gemma3", "generator", "Gemma terms of use", prompt_template=GEMMA,
         end_token="<end_of_turn>"),
)}


@dataclass(frozen=True)
class EngineMeta:
    """The ``"zhko"`` section of one package's metadata, resolved for its pair."""

    kind: str
    family: str
    name: str
    tokenizer: str
    target_tokenizer: str = ""
    source_prefix: tuple[str, ...] = ()
    source_suffix: tuple[str, ...] = ()
    target_prefix: tuple[str, ...] = ()
    prompt_template: str = ""
    end_token: str = ""
    licence: str = ""
    commercial: bool = True

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("source_prefix", "source_suffix", "target_prefix"):
            data[key] = list(data[key])
        return data


def meta_for(kind_name: str, src: str, tgt: str, *, name: str = "", tokenizer: str,
             target_tokenizer: str = "", licence: str = "", prompt_template: str = "") -> EngineMeta:
    """The metadata a package of ``kind_name`` gets for ``src``→``tgt``."""
    kind = get_kind(kind_name)
    return EngineMeta(
        kind=kind.name, family=kind.family, name=name or kind.name, tokenizer=tokenizer,
        target_tokenizer=target_tokenizer,
        source_prefix=tuple(kind.fill(kind.source_prefix, src, tgt)),
        source_suffix=tuple(kind.fill(kind.source_suffix, src, tgt)),
        target_prefix=tuple(kind.fill(kind.target_prefix, src, tgt)),
        prompt_template=prompt_template or kind.prompt_template, end_token=kind.end_token,
        licence=licence or kind.licence, commercial=kind.commercial,
    )


def get_kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ModelError(f"unknown model kind {name} (known: {', '.join(KINDS)})") from None


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ModelError(f"{where}: zhko.{key} must be a list of tokens (ignored)")
    if len(value) > 16:
        raise ModelError(f"{where}: zhko.{key} has more than 16 tokens (ignored)")
    return tuple(value)


def parse_meta(data: Any, where: str) -> EngineMeta | None:
    """The ``"zhko"`` section of a metadata.json (None when absent: a plain
    Argos package). ModelError naming ``where`` when it is malformed."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ModelError(f"{where}: zhko section is not a JSON object (ignored)")
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise ModelError(f"{where}: zhko.kind must be one of {', '.join(KINDS)} (ignored)")
    family = KINDS[kind].family
    text: dict[str, str] = {}
    for key in ("name", "tokenizer", "target_tokenizer", "prompt_template", "end_token", "licence"):
        value = data.get(key, "")
        if not isinstance(value, str) or len(value) > 4000:
            raise ModelError(f"{where}: zhko.{key} must be a short string (ignored)")
        text[key] = value
    if not text["tokenizer"] or "/" in text["tokenizer"] or text["tokenizer"].startswith("."):
        raise ModelError(f"{where}: zhko.tokenizer must name a file of the package (ignored)")
    if "/" in text["target_tokenizer"] or text["target_tokenizer"].startswith("."):
        raise ModelError(f"{where}: zhko.target_tokenizer must name a file of the package (ignored)")
    if family == "generator" and "{user}" not in text["prompt_template"]:
        raise ModelError(f"{where}: zhko.prompt_template has no {{user}} slot (ignored)")
    return EngineMeta(
        kind=kind, family=family, name=text["name"] or kind, tokenizer=text["tokenizer"],
        target_tokenizer=text["target_tokenizer"],
        source_prefix=_strings(data.get("source_prefix", []), where, "source_prefix"),
        source_suffix=_strings(data.get("source_suffix", []), where, "source_suffix"),
        target_prefix=_strings(data.get("target_prefix", []), where, "target_prefix"),
        prompt_template=text["prompt_template"], end_token=text["end_token"],
        licence=text["licence"], commercial=bool(data.get("commercial", True)),
    )
